#include "domain/permaname.h"

#include <charconv>

namespace taiga::domain {
namespace {

// Latin-1 Supplement and Latin Extended-A letters → ASCII (lower case). Others are dropped.
std::string_view Transliterate(uint32_t cp) {
  if (cp == 0xdf) return "ss";
  if (cp == 0xe6 || cp == 0xc6) return "ae";
  if (cp == 0x153 || cp == 0x152) return "oe";
  if (cp == 0xf8 || cp == 0xd8) return "o";
  if (cp == 0x131) return "i";
  static constexpr const char* kLatin1 =  // U+00C0..U+00FF, '?' = no mapping
      "aaaaaaaceeeeiiiidnooooo?ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo?ouuuuyty";
  if (cp >= 0xc0 && cp <= 0xff) {
    if (kLatin1[cp - 0xc0] == '?') return "";
    return std::string_view(&kLatin1[cp - 0xc0], 1);
  }
  // Latin Extended-A: pairs of upper/lower letters; the base letters in order.
  static constexpr const char* kExtA =
      "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjjjkkklllllllllnnnnnnnnnoooooo";
  if (cp >= 0x100 && cp < 0x100 + 82) return std::string_view(&kExtA[cp - 0x100], 1);
  return "";
}

// Decodes one UTF-8 sequence at s[i]; advances i. Invalid bytes decode as U+FFFD.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xfffd;
  }
  uint32_t cp = len == 1 ? c : c & (0xff >> (len + 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  i += len;
  return cp;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  std::string out;
  auto push = [&out](char c) {
    if (c == '-' && !out.empty() && out.back() == '-') return;
    out.push_back(c);
  };
  for (size_t i = 0; i < name.size();) {
    uint32_t cp = NextCodePoint(name, i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      push((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-');
    } else {
      std::string_view t = Transliterate(cp);
      for (char c : t) push(c);
    }
  }
  return out;
}

std::string MakePermaname(std::string_view name, std::string_view suffix4) {
  std::string base = NormalizeName(name);
  if (base.size() > 150) base.resize(150);
  return base + "-" + std::string(suffix4);
}

bool IsPermaname(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::optional<TaigaId> ParseTaigaId(std::string_view s) {
  auto slash = s.find('/');
  std::string_view head = s.substr(0, slash);
  auto dot = head.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  TaigaId id;
  id.permaname = std::string(head.substr(0, dot));
  if (!IsPermaname(id.permaname)) return std::nullopt;
  std::string_view number = head.substr(dot + 1);
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), id.version);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() ||
      id.version < 1) {
    return std::nullopt;
  }
  if (slash != std::string_view::npos) id.filename = std::string(s.substr(slash + 1));
  return id;
}

std::string FormatTaigaId(std::string_view permaname, int64_t version, std::string_view filename) {
  return std::string(permaname) + "." + std::to_string(version) + "/" + std::string(filename);
}

}  // namespace taiga::domain
