#include "blob/content_disposition.h"

namespace taiga::blob {
namespace {

// RFC 8187 attr-char.
bool IsAttrChar(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '&':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string ContentDispositionAttachment(std::string_view name) {
  if (name.empty()) return "attachment";
  std::string fallback;
  for (size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x80) {
      fallback.push_back('_');
      while (i + 1 < name.size() && (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) ++i;
    } else if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c == '%') {
      fallback.push_back('_');
    } else {
      fallback.push_back(static_cast<char>(c));
    }
  }
  std::string out = "attachment; filename=\"" + fallback + "\"";
  if (fallback == name) return out;
  static constexpr char kDigits[] = "0123456789ABCDEF";
  out.append("; filename*=UTF-8''");
  for (unsigned char c : name) {
    if (IsAttrChar(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0xF]);
    }
  }
  return out;
}

}  // namespace taiga::blob
