// LocalUrlSigner: the signed, expiring download tokens of the local store's URLs
// ({base_url}/blob/{token}, DESIGN.md §3). A token is URL-safe base64 of (expiry, key, download
// name, content type, content encoding) plus an HMAC-SHA256 of it under a server key; the blob handler verifies it
// (constant-time) before serving the file. Immutable after Create; thread-safe.
// Never log tokens: they are credentials until they expire.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

// What a download token grants.
struct SignedBlob {
  std::string key;
  std::string download_name;  // empty: no Content-Disposition
  std::string content_type;   // empty: the handler's default
  std::string content_encoding;  // empty: none; "gzip": the file is served as gzip-encoded
};

class LocalUrlSigner {
 public:
  // The shortest key accepted, in bytes.
  static constexpr size_t kMinKeyBytes = 32;

  // `key`: at least kMinKeyBytes of secret random bytes (or a long random token), the same on
  // every server that serves the same data dir. InvalidArgument when shorter.
  static common::Result<LocalUrlSigner> Create(std::string key);

  // A token for `blob`, valid until `expires_at` (µs since the epoch, rounded down to seconds).
  std::string Sign(const SignedBlob& blob, common::Timestamp expires_at) const;

  // What the token grants. Errors: Unauthenticated when it is malformed, tampered with or signed
  // with another key; PermissionDenied when it expired before `now`.
  common::Result<SignedBlob> Verify(std::string_view token, common::Timestamp now) const;

 private:
  explicit LocalUrlSigner(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace taiga::blob
