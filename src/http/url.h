// URL pieces: percent-decoding and splitting a request target into path and query.
// Pure functions, thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace taiga::http {

// Percent-decodes `in` ('+' → ' ' when plus_is_space). Returns false on a bad escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out);
// Splits "/a/b?x=1&y=2" into a decoded path and query map (last value wins). Returns false
// when the target is not an absolute path or has a bad escape or a NUL byte.
bool ParseTarget(std::string_view target, std::string* path,
                 std::map<std::string, std::string>* query);

}  // namespace taiga::http
