// Cryptographically secure random ids and secrets (OpenSSL RAND_bytes).
// All functions are thread-safe.
#pragma once

#include <string>

namespace taiga::common {

// 32 lowercase hex characters: a uuid4 without dashes (entries, datafiles, sessions).
std::string NewId32();
// Canonical 36-character uuid4 with dashes (job / task ids).
std::string NewUuid36();
// `bytes` random bytes as lowercase hex (2*bytes characters).
std::string RandomHex(size_t bytes);
// `bytes` random bytes, URL-safe base64 without padding (tokens, secrets).
std::string RandomToken(size_t bytes);

}  // namespace taiga::common
