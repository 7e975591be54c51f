#include "blob/s3/s3_xml.h"

#include <charconv>

#include "common/markup_escape.h"
#include "common/utf8.h"

namespace taiga::blob {

std::vector<std::string_view> XmlElements(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> out;
  const std::string open = "<" + std::string(tag);
  const std::string close = "</" + std::string(tag) + ">";
  size_t pos = 0;
  while (true) {
    size_t start = xml.find(open, pos);
    if (start == std::string_view::npos) return out;
    const size_t after = start + open.size();
    if (after >= xml.size()) return out;
    const char next = xml[after];
    if (next != '>' && next != ' ' && next != '/' && next != '\t' && next != '\n') {
      pos = after;  // a longer tag name, e.g. <KeyCount> when looking for <Key>
      continue;
    }
    const size_t gt = xml.find('>', after);
    if (gt == std::string_view::npos) return out;
    if (xml[gt - 1] == '/') {  // <tag/>
      out.push_back(std::string_view());
      pos = gt + 1;
      continue;
    }
    const size_t end = xml.find(close, gt + 1);
    if (end == std::string_view::npos) return out;
    out.push_back(xml.substr(gt + 1, end - gt - 1));
    pos = end + close.size();
  }
}

std::optional<std::string> XmlText(std::string_view xml, std::string_view tag) {
  std::vector<std::string_view> all = XmlElements(xml, tag);
  if (all.empty()) return std::nullopt;
  return XmlUnescape(all.front());
}

std::string XmlUnescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out.push_back('&');
    else if (ent == "lt")
      out.push_back('<');
    else if (ent == "gt")
      out.push_back('>');
    else if (ent == "quot")
      out.push_back('"');
    else if (ent == "apos")
      out.push_back('\'');
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      unsigned int cp = 0;
      auto [p, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (ec != std::errc() || p != digits.data() + digits.size() || cp > 0x10FFFF) {
        out.push_back('&');
        continue;
      }
      common::AppendUtf8(out, cp);
    } else {
      out.push_back('&');
      continue;
    }
    i = semi;
  }
  return out;
}

std::string XmlEscape(std::string_view s) { return common::EscapeMarkup(s); }

}  // namespace taiga::blob
