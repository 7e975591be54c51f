// UTF-8 encoding of Unicode code points. Pure function, thread-safe.
#pragma once

#include <cstdint>
#include <string>

namespace taiga::common {

// Appends the UTF-8 encoding of `cp` (at most U+10FFFF; the caller checks validity) to `out`.
void AppendUtf8(std::string& out, uint32_t cp);

}  // namespace taiga::common
