#include "blob/sigv4_encoding.h"

#include <algorithm>

namespace taiga::blob {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendEscaped(std::string& out, unsigned char c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kDigits[c >> 4]);
  out.push_back(kDigits[c & 0xF]);
}

// Resolves "." and ".." and drops empty segments (RFC 3986 §5.2.4 plus slash collapsing, as the
// non-S3 vectors of the official suites expect). A trailing '/' survives.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> kept;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!seg.empty() && seg != ".") {
      kept.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (std::string_view seg : kept) {
    out.push_back('/');
    out.append(seg);
  }
  const bool trailing = !path.empty() && path.back() == '/';
  if (out.empty() || trailing) out.push_back('/');
  return out;
}

}  // namespace

std::string UriEncode(std::string_view bytes, bool keep_slash) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  for (unsigned char c : bytes) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      AppendEscaped(out, c);
    }
  }
  return out;
}

std::string UriEncodePath(std::string_view decoded_path) {
  return UriEncode(decoded_path, /*keep_slash=*/true);
}

common::Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) {
      return common::InvalidArgument("bad percent-escape at the end of \"" + std::string(text) +
                                     "\"");
    }
    const int hi = HexValue(text[i + 1]);
    const int lo = HexValue(text[i + 2]);
    if (hi < 0 || lo < 0) {
      return common::InvalidArgument("bad percent-escape in \"" + std::string(text) + "\"");
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

common::Result<std::string> CanonicalUri(std::string_view path, bool normalize) {
  if (path.empty()) return std::string("/");
  std::string out;
  out.reserve(path.size() + 8);
  // Segment by segment so that an escaped '/' (%2F) stays escaped and keeps its segment.
  size_t start = 0;
  std::string decoded_path;  // only for normalize: segments decoded, '/' kept as separator
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    const bool last = end == std::string_view::npos;
    if (last) end = path.size();
    TAIGA_ASSIGN_OR_RETURN(std::string seg, PercentDecode(path.substr(start, end - start)));
    if (normalize) {
      if (seg.find('/') != std::string::npos) {
        return common::InvalidArgument("an escaped '/' cannot be normalised in \"" +
                                       std::string(path) + "\"");
      }
      decoded_path.append(seg);
    } else {
      out.append(UriEncode(seg));
    }
    if (last) break;
    if (normalize) {
      decoded_path.push_back('/');
    } else {
      out.push_back('/');
    }
    start = end + 1;
  }
  if (!normalize) return out;
  return UriEncodePath(NormalizePath(decoded_path));
}

common::Result<QueryParams> ParseQueryString(std::string_view query) {
  QueryParams params;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view piece = query.substr(start, end - start);
    if (!piece.empty()) {
      const size_t eq = piece.find('=');
      std::string_view k = piece.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
      TAIGA_ASSIGN_OR_RETURN(std::string key, PercentDecode(k));
      TAIGA_ASSIGN_OR_RETURN(std::string value, PercentDecode(v));
      params.emplace_back(std::move(key), std::move(value));
    }
    start = end + 1;
  }
  return params;
}

std::string CanonicalQueryString(const QueryParams& params) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(params.size());
  for (const auto& [k, v] : params) encoded.emplace_back(UriEncode(k), UriEncode(v));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [k, v] : encoded) {
    if (!out.empty()) out.push_back('&');
    out.append(k).push_back('=');
    out.append(v);
  }
  return out;
}

std::string EncodeQueryString(const QueryParams& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(UriEncode(k)).push_back('=');
    out.append(UriEncode(v));
  }
  return out;
}

}  // namespace taiga::blob
