// URL pieces: percent-decoding and splitting a request target into path and query.
// Pure functions, thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace taiga::http {

// Percent-decodes `in` ('+' → ' ' when plus_is_space; "%2F" left as it is when
// keep_encoded_slash). Returns false on a bad escape or an encoded NUL.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string* out,
                   bool keep_encoded_slash = false);
// Splits "/a/b?x=1&y=2" into a decoded path and query map (last value wins). An encoded '/'
// stays "%2F" in the path, so it cannot split a segment. Returns false when the target is not
// an absolute path, has a bad escape or an encoded NUL, or decodes to invalid UTF-8.
bool ParseTarget(std::string_view target, std::string* path,
                 std::map<std::string, std::string>* query);

}  // namespace taiga::http
