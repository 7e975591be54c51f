#include "convert/text_encoding.h"

#include <cstdint>
#include <cstring>

#include "common/utf8.h"

namespace taiga::convert {
namespace {

constexpr size_t kNpos = std::string_view::npos;

// Windows-1252 0x80..0x9F; 0 marks the five undefined bytes (Python rejects them).
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Decodes one UTF-8 sequence at s[i] (known valid); advances i.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[i + k]); };
  uint8_t c = b(0);
  uint32_t cp;
  if (c < 0x80) {
    cp = c, i += 1;
  } else if (c < 0xE0) {
    cp = ((c & 0x1Fu) << 6) | (b(1) & 0x3F), i += 2;
  } else if (c < 0xF0) {
    cp = ((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3F), i += 3;
  } else {
    cp = ((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3F);
    i += 4;
  }
  return cp;
}

// Windows-1252 byte for a code point, or -1.
int Cp1252Byte(uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<int>(cp);
  for (int k = 0; k < 32; ++k) {
    if (kCp1252High[k] != 0 && kCp1252High[k] == cp) return 0x80 + k;
  }
  return -1;
}

std::string NormalisedLabel(std::string_view label) {
  std::string out;
  for (char c : label) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

common::Result<TextEncoding> ParseTextEncoding(std::string_view label) {
  std::string n = NormalisedLabel(label);
  if (n.empty() || n == "utf8" || n == "u8" || n == "utf") return TextEncoding::kUtf8;
  if (n == "latin1" || n == "iso88591" || n == "l1" || n == "iso885911987" || n == "8859" ||
      n == "cp819" || n == "latin") {
    return TextEncoding::kLatin1;
  }
  if (n == "cp1252" || n == "windows1252") return TextEncoding::kWindows1252;
  if (n == "ascii" || n == "usascii" || n == "646") return TextEncoding::kAscii;
  return common::InvalidArgument("unsupported encoding \"" + std::string(label) +
                                 "\": use utf-8, iso-8859-1 (latin-1), windows-1252 or ascii");
}

std::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kLatin1:
      return "iso-8859-1";
    case TextEncoding::kWindows1252:
      return "windows-1252";
    case TextEncoding::kAscii:
      return "ascii";
  }
  return "utf-8";
}

bool IsAscii(std::string_view bytes) {
  const char* p = bytes.data();
  size_t n = bytes.size();
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) acc |= static_cast<uint8_t>(p[i]);
  return (acc & 0x8080808080808080ull) == 0;
}

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    uint8_t c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    uint8_t c1 = static_cast<uint8_t>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      uint8_t ck = static_cast<uint8_t>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return i;
    }
    i += len;
  }
  return kNpos;
}

size_t AppendDecodedAsUtf8(TextEncoding encoding, std::string_view bytes, std::string& out) {
  if (IsAscii(bytes)) {
    out.append(bytes);
    return kNpos;
  }
  switch (encoding) {
    case TextEncoding::kUtf8: {
      size_t bad = FindInvalidUtf8(bytes);
      if (bad != kNpos) return bad;
      out.append(bytes);
      return kNpos;
    }
    case TextEncoding::kAscii:
      for (size_t i = 0; i < bytes.size(); ++i) {
        if (static_cast<uint8_t>(bytes[i]) >= 0x80) return i;
      }
      return kNpos;
    case TextEncoding::kLatin1:
      for (char ch : bytes) common::AppendUtf8(out, static_cast<uint8_t>(ch));
      return kNpos;
    case TextEncoding::kWindows1252:
      for (size_t i = 0; i < bytes.size(); ++i) {
        uint8_t c = static_cast<uint8_t>(bytes[i]);
        uint32_t cp = (c >= 0x80 && c < 0xA0) ? kCp1252High[c - 0x80] : c;
        if (cp == 0) return i;
        common::AppendUtf8(out, cp);
      }
      return kNpos;
  }
  return kNpos;
}

size_t AppendStoredStringEncoded(TextEncoding encoding, std::string_view stored, std::string& out) {
  if (IsAscii(stored)) {
    out.append(stored);
    return kNpos;
  }
  bool utf8 = FindInvalidUtf8(stored) == kNpos;
  if (utf8 && encoding == TextEncoding::kUtf8) {
    out.append(stored);
    return kNpos;
  }
  size_t i = 0;
  while (i < stored.size()) {
    size_t at = i;
    uint32_t cp = utf8 ? NextCodePoint(stored, i) : static_cast<uint8_t>(stored[i++]);
    int byte = -1;
    switch (encoding) {
      case TextEncoding::kUtf8:
        common::AppendUtf8(out, cp);
        continue;
      case TextEncoding::kLatin1:
        byte = cp <= 0xFF ? static_cast<int>(cp) : -1;
        break;
      case TextEncoding::kWindows1252:
        byte = Cp1252Byte(cp);
        break;
      case TextEncoding::kAscii:
        byte = cp < 0x80 ? static_cast<int>(cp) : -1;
        break;
    }
    if (byte < 0) return at;
    out.push_back(static_cast<char>(byte));
  }
  return kNpos;
}

std::string HexBytesAt(std::string_view bytes, size_t offset) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (size_t i = offset; i < bytes.size() && i < offset + 4; ++i) {
    if (!out.empty()) out.push_back(' ');
    uint8_t c = static_cast<uint8_t>(bytes[i]);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace taiga::convert
