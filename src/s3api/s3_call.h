// S3Call: one authenticated request to the embedded S3 endpoint as its operations see it, and
// the steps they share: checking that the credentials may touch a key, and storing a body
// verified (streamed into a staging blob, checked against every hash the client sent, deleted
// on any mismatch — never visible under its final key unless it was right).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "blob/blob_store.h"
#include "common/byte_exchange.h"
#include "common/clock.h"
#include "common/result.h"
#include "s3api/s3_authenticator.h"
#include "s3api/s3_payload.h"
#include "s3api/s3_request.h"
#include "s3api/s3_responder.h"

namespace taiga::s3api {

struct S3Call {
  common::ByteExchange& exchange;
  const S3Request& request;
  const S3Principal& principal;
  S3Responder& respond;
  common::Timestamp now = 0;
};

// Ok when `key` is a valid blob key, not internal, and inside the credentials' prefix.
// Errors: InvalidArgument ("KeyTooLongError", "InvalidArgument"), PermissionDenied
// ("AccessDenied").
common::Status CheckKeyAccess(const S3Call& call, std::string_view key);

// Streams the request body into `staging` and checks it (see file comment); returns what was
// stored. Errors: the S3Payload errors, Unavailable (the store).
common::Result<blob::WriteResult> StoreVerifiedBody(S3Call& call, blob::BlobStore& store,
                                                    const std::string& staging, uint64_t max_bytes);
// The same with the payload opened by the caller.
common::Result<blob::WriteResult> StoreVerifiedBody(S3Call& call, S3Payload& payload,
                                                    blob::BlobStore& store,
                                                    const std::string& staging);
// Streams the body into `writer`, commits it and checks it; returns what was written. On an
// error the caller must not keep (or record) the bytes. Errors: as StoreVerifiedBody.
common::Result<blob::WriteResult> WriteVerifiedBody(S3Call& call, S3Payload& payload,
                                                    blob::BlobWriter& writer);

// Makes the verified `staging` blob the object `key`, replacing any earlier one; deletes the
// staging blob when that fails. Errors: Unavailable.
common::Status PublishStaged(blob::BlobStore& store, const std::string& staging,
                             const std::string& key);

}  // namespace taiga::s3api
