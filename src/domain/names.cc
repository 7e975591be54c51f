#include "domain/names.h"

#include <string>

namespace taiga::domain {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned int cp;
    if ((c & 0xe0) == 0xc0) {
      len = 2;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return false;
    }
    i += len;
  }
  return true;
}

common::Status ValidateName(std::string_view field, std::string_view value, size_t max_bytes) {
  std::string f(field);
  if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return common::InvalidArgument("'" + f + "' must not be empty or blank");
  }
  if (value.size() > max_bytes) {
    return common::InvalidArgument("'" + f + "' is longer than " + std::to_string(max_bytes) +
                                   " bytes");
  }
  if (!IsValidUtf8(value)) return common::InvalidArgument("'" + f + "' is not valid UTF-8");
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) {
      return common::InvalidArgument("'" + f + "' must not contain control characters");
    }
    if (c == '/') return common::InvalidArgument("'" + f + "' must not contain '/'");
  }
  return common::Status::Ok();
}

common::Status ValidateDescription(std::string_view field, std::string_view value) {
  std::string f(field);
  if (value.size() > kMaxDescriptionBytes) {
    return common::InvalidArgument("'" + f + "' is longer than " +
                                   std::to_string(kMaxDescriptionBytes) + " bytes");
  }
  if (!IsValidUtf8(value)) return common::InvalidArgument("'" + f + "' is not valid UTF-8");
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
      return common::InvalidArgument("'" + f + "' must not contain control characters");
    }
  }
  return common::Status::Ok();
}

}  // namespace taiga::domain
