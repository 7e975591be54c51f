// SHA-256 and MD5 digests (OpenSSL EVP). Pure functions, thread-safe.
// Streaming hashers arrive with the blob layer; these hash whole strings (tokens, small values).
#pragma once

#include <string>
#include <string_view>

namespace taiga::common {

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Lowercase hex MD5 of `data`.
std::string Md5Hex(std::string_view data);

}  // namespace taiga::common
