// Parsing numbers as Python's int() and float() accept them, so tables are typed as the
// original Taiga typed them: surrounding whitespace, a sign, '_' between digits, and for
// floats "inf", "infinity" and "nan" in any case. Non-ASCII digits and whitespace, which
// Python also accepts, are not. Pure functions, thread-safe.
#pragma once

#include <fast_float/fast_float.h>

#include <cstdint>
#include <string_view>
#include <system_error>

namespace taiga::convert {

enum class IntParse { kInt, kOverflow, kNotInt };

// Parses `text` as Python's int(text) (base 10). kOverflow: an integer outside int64.
IntParse ParsePythonInt(std::string_view text, int64_t* value);

// Parses `text` as Python's float(text): correctly rounded; out of range gives ±inf or ±0.
// Returns false when Python would raise ValueError.
bool ParsePythonFloat(std::string_view text, double* value);

// The fast path of ParsePythonFloat for a field inside a larger buffer: parses the plain
// decimal ([-] digits [. digits] [e [sign] digits], no spaces, '+' or '_') that starts at `p`
// and returns the first byte after it, or nullptr when none starts there. A field
// [p, delimiter) is a float exactly when this returns its end or ParsePythonFloat accepts it.
// Inline: it is the inner loop of matrix imports.
inline const char* ParsePlainDecimal(const char* p, const char* end, double* value) {
  // Only a digit or '.' (after an optional '-') may start the number: fast_float also reads
  // "inf", "nan" and "nan(...)", which the caller's own grammar decides on.
  const char* q = p < end && *p == '-' ? p + 1 : p;
  if (q == end || !((*q >= '0' && *q <= '9') || *q == '.')) return nullptr;
  fast_float::from_chars_result r = fast_float::from_chars(p, end, *value);
  return r.ec == std::errc() ? r.ptr : nullptr;
}

}  // namespace taiga::convert
