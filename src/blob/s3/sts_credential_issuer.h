// StsCredentialIssuer: the temporary upload credentials of the production deployment
// (DESIGN.md §7): STS AssumeRole of a configured role with a session policy that allows only
// uploads (sts_assume_role.h, kUploadActions) under the caller's prefix of the bucket. The
// credentials are the role's, narrowed: the role's own policy must allow at least that much.
// Clients are sent to public_endpoint. Immutable after Create; thread-safe (calls share a
// pool of curl handles). Never log credentials.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "blob/s3/curl_handle_pool.h"
#include "blob/s3/curl_transfer.h"
#include "blob/upload_credentials.h"
#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

struct StsCredentialIssuerOptions {
  std::string sts_endpoint;          // scheme://host[:port] of STS (RGW: the S3 endpoint); required
  std::string region = "us-east-1";  // signing region of the STS calls
  std::string role_arn;              // the role to assume (arn:aws:iam::<account>:role/<name>)
  std::string session_name_prefix = "taiga";  // RoleSessionName = <prefix>-<user part>
  std::string access_key_id;  // the key that calls STS (trusted by the role); required
  std::string secret_access_key;
  std::string session_token;    // when that key is itself temporary; else empty
  std::string bucket;           // the upload bucket; required
  std::string public_endpoint;  // endpoint_url handed to clients (scheme://host[:port])
  int64_t max_seconds = 3600;   // the role's MaxSessionDuration (AWS and RGW default 3600);
                                // longer requests are shortened to it, shorter ones raised to
                                // STS's minimum of 900
  int connect_timeout_seconds = 10;
  int request_timeout_seconds = 30;
  int max_retries = 2;                   // on 5xx or no answer
  const common::Clock* clock = nullptr;  // signing time; nullptr: the system clock
};

class StsCredentialIssuer final : public UploadCredentialIssuer {
 public:
  static constexpr int64_t kMinSeconds = 900;  // STS refuses shorter sessions

  // Checks the options; does not contact STS. Errors: InvalidArgument (a missing field, a bad
  // endpoint, max_seconds outside 900..43200, a session name prefix STS would refuse).
  static common::Result<std::unique_ptr<StsCredentialIssuer>> Create(
      StsCredentialIssuerOptions options);

  // AssumeRole for clamp(seconds, 900, max_seconds); the expiration is the one STS answers.
  // `base_url` is not used. Errors: InvalidArgument (prefix not a blob prefix ending in '/',
  // seconds < 1), Unavailable (STS unreachable or 5xx, after retries), PermissionDenied (STS
  // AccessDenied: the key or the role's trust policy), FailedPrecondition (no such role),
  // Internal (any other refusal or a malformed answer).
  common::Result<UploadCredentials> Issue(const std::string& prefix, int64_t seconds,
                                          const std::string& base_url) override;

 private:
  StsCredentialIssuer(StsCredentialIssuerOptions options, HttpEndpoint sts,
                      HttpEndpoint public_endpoint);
  std::string SessionNameFor(const std::string& prefix) const;

  const StsCredentialIssuerOptions options_;
  const HttpEndpoint sts_;
  const HttpEndpoint public_;
  common::SystemClock system_clock_;
  const common::Clock* clock_;
  CurlHandlePool pool_;
};

}  // namespace taiga::blob
