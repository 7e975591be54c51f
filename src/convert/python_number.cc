#include "convert/python_number.h"

#include <limits>
#include <string>

namespace taiga::convert {
namespace {

bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// Copies digits at s[i..] (with single '_' between digits) to out; returns how many digits.
size_t TakeDigits(std::string_view s, size_t& i, std::string& out) {
  size_t n = 0;
  while (i < s.size()) {
    if (IsDigit(s[i])) {
      out.push_back(s[i++]);
      ++n;
    } else if (s[i] == '_' && n > 0 && i + 1 < s.size() && IsDigit(s[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  return n;
}

// Python's decimal float grammar (after sign): digits [. digits] [e [sign] digits], with '_'
// only between digits. Writes the literal without underscores to `out`.
bool CleanDecimal(std::string_view s, std::string& out) {
  size_t i = 0;
  size_t int_digits = TakeDigits(s, i, out);
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    out.push_back(s[i++]);
    frac_digits = TakeDigits(s, i, out);
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    out.push_back(s[i++]);
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) out.push_back(s[i++]);
    if (TakeDigits(s, i, out) == 0) return false;
  }
  return i == s.size();
}

}  // namespace

IntParse ParsePythonInt(std::string_view text, int64_t* value) {
  std::string_view s = Trim(text);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || !IsDigit(s[0])) return IntParse::kNotInt;
  uint64_t acc = 0;
  bool overflow = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      if (i + 1 >= s.size() || !IsDigit(s[i + 1]) || !IsDigit(s[i - 1])) return IntParse::kNotInt;
      continue;
    }
    if (!IsDigit(c)) return IntParse::kNotInt;
    if (acc > (UINT64_MAX - 9) / 10) overflow = true;
    if (!overflow) acc = acc * 10 + static_cast<uint64_t>(c - '0');
  }
  uint64_t limit = neg ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (overflow || acc > limit) return IntParse::kOverflow;
  *value = neg ? static_cast<int64_t>(0 - acc) : static_cast<int64_t>(acc);
  return IntParse::kInt;
}

bool ParsePythonFloat(std::string_view text, double* value) {
  const char* end = text.data() + text.size();
  if (ParsePlainDecimal(text.data(), end, value) == end) return true;
  std::string_view s = Trim(text);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  double v;
  if (IsDigit(s[0]) || s[0] == '.') {
    // fast_float rounds correctly and gives ±inf or ±0 out of range, as Python does.
    std::string clean;
    if (!CleanDecimal(s, clean)) return false;
    const char* e = clean.data() + clean.size();
    if (ParsePlainDecimal(clean.data(), e, &v) != e) return false;
  } else if (EqualsIgnoreCase(s, "inf") || EqualsIgnoreCase(s, "infinity")) {
    v = std::numeric_limits<double>::infinity();
  } else if (EqualsIgnoreCase(s, "nan")) {
    v = std::numeric_limits<double>::quiet_NaN();
  } else {
    return false;
  }
  *value = neg ? -v : v;
  return true;
}

}  // namespace taiga::convert
