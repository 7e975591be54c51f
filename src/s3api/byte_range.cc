#include "s3api/byte_range.h"

#include <charconv>

namespace taiga::s3api {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseNumber(std::string_view s, uint64_t* out) {
  s = Trim(s);
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

RangeRequest ParseRange(std::optional<std::string_view> header, uint64_t size) {
  RangeRequest whole;
  if (!header) return whole;
  std::string_view h = Trim(*header);
  if (h.substr(0, 6) != "bytes=") return whole;
  h.remove_prefix(6);
  if (h.find(',') != std::string_view::npos) return whole;
  const size_t dash = h.find('-');
  if (dash == std::string_view::npos) return whole;
  const std::string_view a = Trim(h.substr(0, dash)), b = Trim(h.substr(dash + 1));
  RangeRequest r;
  r.kind = RangeKind::kPartial;
  if (a.empty()) {  // the last n bytes
    uint64_t n = 0;
    if (!ParseNumber(b, &n)) return whole;
    if (n == 0 || size == 0) return {RangeKind::kUnsatisfiable, {}};
    r.range = {n >= size ? 0 : size - n, size - 1};
    return r;
  }
  uint64_t first = 0, last = 0;
  if (!ParseNumber(a, &first)) return whole;
  if (b.empty()) {
    last = size == 0 ? 0 : size - 1;
  } else if (!ParseNumber(b, &last) || last < first) {
    return whole;
  }
  if (first >= size) return {RangeKind::kUnsatisfiable, {}};
  r.range = {first, last >= size ? size - 1 : last};
  return r;
}

}  // namespace taiga::s3api
