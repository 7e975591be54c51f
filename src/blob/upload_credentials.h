// UploadCredentialIssuer: temporary S3 credentials that let a client write objects under one
// key prefix of the upload bucket, and nothing else, until they expire (DESIGN.md §7).
// Embedded: minted and verified by the server itself (the session token is a signed, expiring
// scope). S3: STS with a session policy limited to the prefix. Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

struct UploadCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  common::Timestamp expiration = 0;
  std::string bucket;
  std::string prefix;        // e.g. "upload/<user id>/"; clients append "<session>/<name>"
  std::string endpoint_url;  // where clients send S3 requests
};

class UploadCredentialIssuer {
 public:
  virtual ~UploadCredentialIssuer() = default;
  // Credentials for writing under `prefix` for `seconds`. `base_url` is the server's public
  // URL with its prefix (e.g. http://host:8080/taiga), used by the embedded endpoint.
  // Errors: Unavailable (STS unreachable), InvalidArgument (bad prefix or duration).
  virtual common::Result<UploadCredentials> Issue(const std::string& prefix, int64_t seconds,
                                                  const std::string& base_url) = 0;
};

}  // namespace taiga::blob
