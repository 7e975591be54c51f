#include "convert/python_float_format.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace taiga::convert {

void AppendPythonFloatRepr(double value, std::string& out) {
  if (std::isnan(value)) {
    out.append("nan");
    return;
  }
  if (std::isinf(value)) {
    out.append(value < 0 ? "-inf" : "inf");
    return;
  }
  // Shortest round-trip digits, as "d.ddde±XX".
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  const char* p = buf;
  if (*p == '-') {
    out.push_back('-');
    ++p;
  }
  char digits[20];
  int n = 0;
  digits[n++] = *p++;
  if (*p == '.') {
    for (++p; *p != 'e'; ++p) digits[n++] = *p;
  }
  int exp = 0;
  std::from_chars(p + 1 + (p[1] == '+'), end, exp);
  int decpt = exp + 1;  // value = 0.d1d2... × 10^decpt
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out.append("0.");
      out.append(static_cast<size_t>(-decpt), '0');
      out.append(digits, static_cast<size_t>(n));
    } else if (decpt >= n) {
      out.append(digits, static_cast<size_t>(n));
      out.append(static_cast<size_t>(decpt - n), '0');
      out.append(".0");
    } else {
      out.append(digits, static_cast<size_t>(decpt));
      out.push_back('.');
      out.append(digits + decpt, static_cast<size_t>(n - decpt));
    }
    return;
  }
  out.push_back(digits[0]);
  if (n > 1) {
    out.push_back('.');
    out.append(digits + 1, static_cast<size_t>(n - 1));
  }
  out.push_back('e');
  out.push_back(exp < 0 ? '-' : '+');
  int a = exp < 0 ? -exp : exp;
  if (a < 10) out.push_back('0');
  char eb[8];
  auto r = std::to_chars(eb, eb + sizeof(eb), a);
  out.append(eb, r.ptr);
}

}  // namespace taiga::convert
