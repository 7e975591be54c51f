// EmbeddedCredentialIssuer: the temporary upload credentials of the embedded deployment
// (DESIGN.md §7), minted and checked by the server itself without any stored state. The access
// key id is random; the session token is a signed (HMAC-SHA256 under the server's signing key),
// expiring, URL-safe description of (access key id, prefix, expiry); the secret is
// HMAC(key, "secret:" + access key id). Any server holding the same key verifies them.
// Immutable after Create; thread-safe. Never log tokens or secrets.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "blob/upload_credentials.h"
#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

struct EmbeddedCredentialOptions {
  std::string signing_key;               // >= 32 secret bytes, the same on every server
  std::string bucket = "taiga";          // the bucket clients are told to upload to
  const common::Clock* clock = nullptr;  // nullptr: the system clock; must outlive us
  int64_t max_seconds = 7 * 24 * 3600;   // the longest lifetime Issue accepts
};

// What a verified session token grants.
struct EmbeddedCredentialScope {
  std::string prefix;                // the key prefix the holder may write under
  common::Timestamp expiration = 0;  // µs since the epoch (whole seconds)
  std::string secret_access_key;     // the secret the request must be signed with
};

class EmbeddedCredentialIssuer final : public UploadCredentialIssuer {
 public:
  static constexpr size_t kMinKeyBytes = 32;

  // Errors: InvalidArgument (key shorter than kMinKeyBytes, empty bucket).
  static common::Result<std::unique_ptr<EmbeddedCredentialIssuer>> Create(
      EmbeddedCredentialOptions options);

  // endpoint_url is base_url + "/s3". Errors: InvalidArgument (prefix that is not a valid blob
  // prefix or does not end with '/', seconds outside 1..max_seconds, empty base_url).
  common::Result<UploadCredentials> Issue(const std::string& prefix, int64_t seconds,
                                          const std::string& base_url) override;

  // Checks that `session_token` was issued by a server with our key for `access_key_id` and has
  // not expired at `now`. Errors: Unauthenticated (malformed, forged, or belonging to another
  // access key id), PermissionDenied (expired).
  common::Result<EmbeddedCredentialScope> Verify(std::string_view access_key_id,
                                                 std::string_view session_token,
                                                 common::Timestamp now) const;

  const std::string& bucket() const { return options_.bucket; }

 private:
  explicit EmbeddedCredentialIssuer(EmbeddedCredentialOptions options);
  std::string SecretFor(std::string_view access_key_id) const;

  EmbeddedCredentialOptions options_;
  common::SystemClock system_clock_;
  const common::Clock* clock_;
};

}  // namespace taiga::blob
