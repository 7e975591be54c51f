// S3Client: signed S3 REST calls over libcurl for S3BlobStore. It builds the URL (path-style or
// virtual-host), signs with our SigV4 (x-amz-content-sha256 = SHA-256 of a PUT/POST body, which
// the caller has buffered; UNSIGNED-PAYLOAD otherwise), sends through pooled easy handles and
// retries idempotent calls on 5xx or connection failures. Thread-safe (the pool is guarded).
// Never logs URLs or headers: they carry credentials.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "blob/s3/curl_handle_pool.h"
#include "blob/s3/curl_transfer.h"
#include "blob/s3/s3_blob_store_options.h"
#include "blob/sigv4_canonical_request.h"
#include "common/result.h"

namespace taiga::blob {

struct S3Request {
  std::string method = "GET";
  std::string key;        // object key; empty: the bucket itself
  QueryParams query;      // decoded
  HttpHeaders headers;    // extra headers, all signed (Range, Content-Type, x-amz-copy-source, …)
  std::string_view body;  // PUT/POST body; must stay valid during the call
};

class S3Client {
 public:
  // InvalidArgument when the endpoint (or public_endpoint) is not scheme://host[:port] or
  // bucket/keys are missing, or the part sizes are out of S3's range.
  static common::Result<std::shared_ptr<S3Client>> Create(S3BlobStoreOptions options);

  // Sends the request; any HTTP answer is a value (look at status). `what` names the call for
  // messages. Errors: Unavailable when no answer came (connection, timeout), after retries.
  common::Result<S3Response> Execute(const S3Request& request, std::string_view what);
  // Signs a request to be sent by someone else (the streaming S3BlobReader).
  common::Result<S3PreparedRequest> Prepare(const S3Request& request) const;
  // A presigned GET URL of `key` with extra query parameters (response-content-disposition…),
  // on options().public_endpoint when set (the host clients reach), else on the endpoint.
  common::Result<std::string> PresignGet(std::string_view key, const QueryParams& query,
                                         int expires_seconds) const;

  const S3BlobStoreOptions& options() const { return options_; }
  CurlHandlePool& pool() { return pool_; }

 private:
  S3Client(S3BlobStoreOptions options, HttpEndpoint endpoint, HttpEndpoint presign_endpoint);
  std::string PathOf(std::string_view key) const;
  std::string HostOf(const HttpEndpoint& endpoint) const;
  common::Result<S3Response> ExecuteOnce(const S3Request& request, std::string_view what);

  S3BlobStoreOptions options_;
  HttpEndpoint endpoint_;          // where our calls go
  HttpEndpoint presign_endpoint_;  // where presigned URLs point
  common::SystemClock system_clock_;
  const common::Clock* clock_;
  CurlHandlePool pool_;
};

}  // namespace taiga::blob
