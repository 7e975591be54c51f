// Lowercase hex encoding. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace taiga::common {

std::string HexEncode(std::string_view bytes);
// True when `s` is exactly `len` lowercase hex characters.
bool IsLowerHex(std::string_view s, size_t len);

}  // namespace taiga::common
