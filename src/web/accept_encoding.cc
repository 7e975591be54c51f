#include "web/accept_encoding.h"

#include <cctype>
#include <string>

namespace taiga::web {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The q-value of one "coding;q=0.5" element: 1 unless a q parameter says otherwise; q=0,
// 0.0, 0.00 and 0.000 are zero.
bool QIsZero(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    std::string p = Lower(Trim(params.substr(0, semi)));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (p.rfind("q=", 0) != 0) continue;
    std::string_view q = Trim(std::string_view(p).substr(2));
    if (q.empty() || q[0] != '0') return false;
    for (char c : q.substr(1)) {
      if (c != '.' && c != '0') return false;
    }
    return true;
  }
  return false;
}

}  // namespace

bool AcceptsGzip(std::string_view header) {
  int gzip = -1;  // -1: not named; 0: refused; 1: accepted
  int star = -1;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    const auto semi = element.find(';');
    const std::string coding = Lower(Trim(element.substr(0, semi)));
    const bool zero = semi != std::string_view::npos && QIsZero(element.substr(semi + 1));
    if (coding == "gzip" || coding == "x-gzip") gzip = zero ? 0 : 1;
    if (coding == "*") star = zero ? 0 : 1;
  }
  if (gzip >= 0) return gzip == 1;
  return star == 1;
}

}  // namespace taiga::web
