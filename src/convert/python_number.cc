#include "convert/python_number.h"

#include <charconv>
#include <cmath>
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

// Out-of-range literal: ±inf when its magnitude is large, ±0 when tiny.
double OutOfRange(std::string_view clean) {
  size_t e = clean.find_first_of("eE");
  std::string_view mantissa = clean.substr(0, e);
  long exp = 0;
  if (e != std::string_view::npos) {
    std::string_view x = clean.substr(e + 1);
    bool neg = !x.empty() && x[0] == '-';
    if (!x.empty() && (x[0] == '-' || x[0] == '+')) x.remove_prefix(1);
    for (char c : x) exp = std::min(exp * 10 + (c - '0'), 100000L);
    if (neg) exp = -exp;
  }
  // Position of the first significant digit relative to the decimal point.
  size_t dot = mantissa.find('.');
  long int_len = static_cast<long>(dot == std::string_view::npos ? mantissa.size() : dot);
  size_t first = mantissa.find_first_of("123456789");
  long magnitude = static_cast<long>(first) < int_len ? int_len - static_cast<long>(first)
                                                      : -(static_cast<long>(first) - int_len);
  return magnitude + exp > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

constexpr double kPow10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Clinger's fast path for plain decimals ([sign] digits [. digits] [e [sign] digits], no
// spaces or '_'): exact when the significand fits 53 bits and the power of ten 22 digits, as
// one correctly rounded IEEE operation on exact operands. False: use the general parser.
bool FastDecimal(std::string_view s, double* out) {
  if (s.size() > 16) return false;  // likely over 15 digits: not worth a first scan
  const char* p = s.data();
  const char* const e = p + s.size();
  const bool neg = p < e && *p == '-';
  if (p < e && (*p == '-' || *p == '+')) ++p;
  const char* const digits = p;
  uint64_t m = 0;
  while (p < e && static_cast<unsigned>(*p - '0') < 10)
    m = m * 10 + static_cast<unsigned>(*p++ - '0');
  size_t n = static_cast<size_t>(p - digits);
  int exp10 = 0;
  if (p < e && *p == '.') {
    const char* f = ++p;
    while (p < e && static_cast<unsigned>(*p - '0') < 10)
      m = m * 10 + static_cast<unsigned>(*p++ - '0');
    exp10 = -static_cast<int>(p - f);
    n += static_cast<size_t>(p - f);
  }
  // At most 15 digits (leading zeros included) cannot overflow and fit 53 bits.
  if (n == 0 || n > 15) return false;
  if (p < e && (*p == 'e' || *p == 'E')) {
    ++p;
    const bool eneg = p < e && *p == '-';
    if (p < e && (*p == '-' || *p == '+')) ++p;
    int x = 0, k = 0;
    while (p < e && static_cast<unsigned>(*p - '0') < 10 && k < 4) x = x * 10 + (*p++ - '0'), ++k;
    if (k == 0) return false;
    exp10 += eneg ? -x : x;
  }
  if (p != e || exp10 < -22 || exp10 > 22) return false;
  double v = static_cast<double>(m);
  v = exp10 < 0 ? v / kPow10[-exp10] : v * kPow10[exp10];
  *out = neg ? -v : v;
  return true;
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
  if (FastDecimal(text, value)) return true;
  std::string_view s = Trim(text);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  double v;
  if (IsDigit(s[0]) || s[0] == '.') {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (end != s.data() + s.size() || ec != std::errc()) {
      std::string clean;
      if (!CleanDecimal(s, clean)) return false;
      auto r = std::from_chars(clean.data(), clean.data() + clean.size(), v);
      if (r.ec == std::errc::result_out_of_range) {
        v = OutOfRange(clean);
      } else if (r.ec != std::errc() || r.ptr != clean.data() + clean.size()) {
        return false;
      }
    }
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
