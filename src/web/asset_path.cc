#include "web/asset_path.h"

namespace taiga::web {
namespace {

bool IsControl(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

// Calls f(segment) for each '/'-separated segment after the leading '/'.
template <typename F>
void ForEachSegment(std::string_view path, F&& f) {
  size_t i = 1;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    f(path.substr(i, j - i));
    i = j + 1;
  }
}

bool IsFileNameChar(char c) {
  return !IsControl(c) && c != '%' && c != '\\' && c != ':' && c != '"' && c != '<' && c != '>' &&
         c != '|' && c != '?' && c != '*';
}

}  // namespace

bool IsRefusedPath(std::string_view path) {
  if (path.empty() || path[0] != '/' || path.size() > kMaxRequestPathBytes) return true;
  for (char c : path) {
    if (IsControl(c)) return true;
  }
  bool refused = false;
  ForEachSegment(path, [&](std::string_view segment) {
    if (segment == "." || segment == ".." || segment.size() > kMaxSegmentBytes) refused = true;
  });
  return refused;
}

std::optional<std::string> AssetFileFor(std::string_view path) {
  if (IsRefusedPath(path)) return std::nullopt;
  if (path == "/") return std::string("index.html");
  bool ok = true;
  ForEachSegment(path, [&](std::string_view segment) {
    if (segment.empty() || segment[0] == '.') ok = false;  // "//", a trailing '/', dotfiles
    for (char c : segment) {
      if (!IsFileNameChar(c)) ok = false;
    }
  });
  if (!ok) return std::nullopt;
  return std::string(path.substr(1));
}

}  // namespace taiga::web
