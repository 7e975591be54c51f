// EmbeddedS3Endpoint: the S3-compatible upload endpoint of the embedded deployment
// (DESIGN.md §7), a byte route ({prefix}/s3/<bucket>/<key>, path-style) over a BlobStore: what
// boto3's upload_file and the AWS JavaScript SDK use — PutObject, CreateMultipartUpload,
// UploadPart, CompleteMultipartUpload, AbortMultipartUpload, HeadObject — with SigV4 header or
// presigned auth against our own temporary credentials (keys inside their prefix only), every
// payload hash and checksum verified before anything becomes visible, S3 XML errors, and CORS
// for browsers. Everything else is 501 NotImplemented. Thread-safe: Handle runs on many byte
// threads at once; store, issuer and clock must outlive it.
#pragma once

#include <cstdint>
#include <string>

#include "blob/blob_store.h"
#include "blob/local/embedded_credentials.h"
#include "common/byte_exchange.h"
#include "common/clock.h"
#include "common/result.h"
#include "s3api/s3_authenticator.h"
#include "s3api/s3_multipart_operations.h"

namespace taiga::s3api {

struct EmbeddedS3EndpointOptions {
  std::string route_prefix = "/taiga/s3/";  // where the server routes it, with trailing '/'
  std::string bucket = "taiga";             // the one bucket there is
  uint64_t max_object_bytes = 5ull << 30;   // per PutObject or UploadPart (S3's 5 GiB)
  uint64_t min_part_bytes = 5ull << 20;     // every multipart part but the last
  bool access_log = true;                   // one log line per request
};

class EmbeddedS3Endpoint {
 public:
  EmbeddedS3Endpoint(EmbeddedS3EndpointOptions options, blob::BlobStore& store,
                     const blob::EmbeddedCredentialIssuer& issuer, const common::Clock& clock);

  // The ByteHandler: answers one request completely.
  void Handle(common::ByteExchange& exchange);

  // The request body limit to register the route with (the largest object plus the framing
  // of an aws-chunked body).
  uint64_t max_request_bytes() const;

  // Removes multipart uploads started more than max_age_seconds before `now` and never
  // completed or aborted (and stray staging blobs); returns how many. Errors: Unavailable.
  common::Result<int> Cleanup(common::Timestamp now, int64_t max_age_seconds);

 private:
  common::Status Serve(common::ByteExchange& exchange, const S3Request& request,
                       S3Responder& respond, std::string* operation);
  common::Status PutObject(S3Call& call);
  common::Status HeadObject(S3Call& call);
  void Preflight(common::ByteExchange& exchange, S3Responder& respond);

  EmbeddedS3EndpointOptions options_;
  blob::BlobStore& store_;
  const common::Clock& clock_;
  S3Authenticator auth_;
  S3MultipartOperations multipart_;
};

}  // namespace taiga::s3api
