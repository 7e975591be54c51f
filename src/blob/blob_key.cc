#include "blob/blob_key.h"

#include <string>

namespace taiga::blob {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are rejected).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  size_t len = 0;
  unsigned int cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr unsigned int kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

common::Status Check(std::string_view what, std::string_view s, bool allow_trailing_slash) {
  const std::string name(what);
  if (s.size() > kMaxBlobKeyBytes) {
    return common::InvalidArgument(name + " is longer than 1024 bytes");
  }
  if (!s.empty() && s.front() == '/') {
    return common::InvalidArgument(name + " must be relative: remove the leading '/'");
  }
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') return common::InvalidArgument(name + " must not contain a backslash");
    if (c == 0) return common::InvalidArgument(name + " must not contain NUL");
    if (c < 0x20 || c == 0x7F) {
      return common::InvalidArgument(name + " must not contain control characters");
    }
    const size_t len = Utf8SequenceLength(s, i);
    if (len == 0) return common::InvalidArgument(name + " is not valid UTF-8");
    i += len;
  }
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('/', start);
    const bool last = end == std::string_view::npos;
    if (last) end = s.size();
    std::string_view segment = s.substr(start, end - start);
    if (segment.empty() && !(last && allow_trailing_slash)) {
      return common::InvalidArgument(name +
                                     " has an empty path segment (\"//\" or a trailing '/')");
    }
    if (segment == "." || segment == "..") {
      return common::InvalidArgument(name + " must not contain \".\" or \"..\" segments");
    }
    if (last) break;
    start = end + 1;
  }
  return common::Status::Ok();
}

}  // namespace

common::Status ValidateBlobKey(std::string_view key) {
  if (key.empty()) return common::InvalidArgument("blob key is empty");
  return Check("blob key", key, /*allow_trailing_slash=*/false);
}

common::Status ValidateBlobPrefix(std::string_view prefix) {
  if (prefix.empty()) return common::Status::Ok();
  return Check("blob prefix", prefix, /*allow_trailing_slash=*/true);
}

}  // namespace taiga::blob
