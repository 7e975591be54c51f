#include "s3api/s3_xml.h"

#include <charconv>
#include <memory>

#include "common/markup_escape.h"
#include "s3api/s3_error.h"

namespace taiga::s3api {
namespace {

constexpr int kMaxDepth = 16;

struct Element {
  std::string name;  // local name (any namespace prefix removed)
  std::string text;  // the concatenated character data directly inside
  std::vector<Element> children;
};

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// A recursive-descent reader of one XML document into an Element tree.
class XmlReader {
 public:
  explicit XmlReader(std::string_view in) : in_(in) {}

  common::Result<Element> Document() {
    SkipMisc();
    Element root;
    if (!Peek("<") || !ReadElement(&root, 0)) return Fail();
    SkipMisc();
    if (pos_ != in_.size()) return Fail("content after the root element");
    return root;
  }

 private:
  common::Status Fail(std::string why = "") const {
    if (why.empty()) why = error_.empty() ? "not well-formed" : error_;
    return S3Status("MalformedXML",
                    "the XML you provided was not well-formed or did not "
                    "validate against our published schema (" +
                        why + ")");
  }
  bool Error(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return false;
  }
  bool Peek(std::string_view s) const { return in_.substr(pos_, s.size()) == s; }
  void SkipSpace() {
    while (pos_ < in_.size() && std::isspace(static_cast<unsigned char>(in_[pos_]))) ++pos_;
  }
  bool SkipPast(std::string_view end) {
    const size_t at = in_.find(end, pos_);
    if (at == std::string_view::npos) return Error("unterminated markup");
    pos_ = at + end.size();
    return true;
  }
  // Whitespace, comments and processing instructions (the declaration among them).
  void SkipMisc() {
    while (true) {
      SkipSpace();
      if (Peek("<?")) {
        if (!SkipPast("?>")) return;
      } else if (Peek("<!--")) {
        if (!SkipPast("-->")) return;
      } else {
        return;
      }
    }
  }
  bool ReadName(std::string* name) {
    const size_t start = pos_;
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (std::isspace(static_cast<unsigned char>(c)) || c == '>' || c == '/' || c == '=') break;
      ++pos_;
    }
    std::string_view full = in_.substr(start, pos_ - start);
    if (full.empty()) return Error("an empty tag name");
    const size_t colon = full.rfind(':');
    *name = std::string(colon == std::string_view::npos ? full : full.substr(colon + 1));
    return true;
  }
  bool SkipAttributes(bool* empty_element) {
    while (true) {
      SkipSpace();
      if (Peek("/>")) {
        pos_ += 2;
        *empty_element = true;
        return true;
      }
      if (Peek(">")) {
        ++pos_;
        return true;
      }
      std::string ignored;
      if (!ReadName(&ignored)) return false;
      SkipSpace();
      if (!Peek("=")) return Error("an attribute without a value");
      ++pos_;
      SkipSpace();
      if (pos_ >= in_.size() || (in_[pos_] != '"' && in_[pos_] != '\'')) {
        return Error("an unquoted attribute value");
      }
      const char quote = in_[pos_++];
      const size_t end = in_.find(quote, pos_);
      if (end == std::string_view::npos) return Error("an unterminated attribute value");
      pos_ = end + 1;
    }
  }
  bool ReadEntity(std::string* out) {
    const size_t semi = in_.find(';', pos_);
    if (semi == std::string_view::npos || semi - pos_ > 10) return Error("a bad entity");
    const std::string_view name = in_.substr(pos_ + 1, semi - pos_ - 1);
    pos_ = semi + 1;
    if (name == "lt")
      *out += '<';
    else if (name == "gt")
      *out += '>';
    else if (name == "amp")
      *out += '&';
    else if (name == "quot")
      *out += '"';
    else if (name == "apos")
      *out += '\'';
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      auto [p, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size() || cp == 0 ||
          cp > 0x10FFFF) {
        return Error("a bad character reference");
      }
      AppendUtf8(cp, out);
    } else {
      return Error("an unknown entity &" + std::string(name) + ";");
    }
    return true;
  }
  bool ReadElement(Element* e, int depth) {
    if (depth > kMaxDepth) return Error("elements nested too deep");
    ++pos_;  // '<'
    if (!ReadName(&e->name)) return false;
    bool empty = false;
    if (!SkipAttributes(&empty)) return false;
    if (empty) return true;
    while (pos_ < in_.size()) {
      if (Peek("</")) {
        pos_ += 2;
        std::string name;
        if (!ReadName(&name)) return false;
        SkipSpace();
        if (name != e->name || !Peek(">"))
          return Error("</" + name + "> does not close <" + e->name + ">");
        ++pos_;
        return true;
      }
      if (Peek("<!--")) {
        if (!SkipPast("-->")) return false;
      } else if (Peek("<![CDATA[")) {
        const size_t start = pos_ + 9;
        if (!SkipPast("]]>")) return false;
        e->text.append(in_.substr(start, pos_ - 3 - start));
      } else if (Peek("<?")) {
        if (!SkipPast("?>")) return false;
      } else if (Peek("<")) {
        e->children.emplace_back();
        if (!ReadElement(&e->children.back(), depth + 1)) return false;
      } else if (Peek("&")) {
        if (!ReadEntity(&e->text)) return false;
      } else {
        e->text.push_back(in_[pos_++]);
      }
    }
    return Error("<" + e->name + "> is not closed");
  }

  std::string_view in_;
  size_t pos_ = 0;
  std::string error_;
};

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::string XmlEscape(std::string_view text) { return common::EscapeMarkup(text); }

common::Result<std::vector<CompletedPart>> ParseCompleteMultipartUpload(std::string_view xml) {
  const auto malformed = [](const std::string& why) {
    return S3Status("MalformedXML", "the CompleteMultipartUpload body is not valid: " + why);
  };
  XmlReader reader(xml);
  TAIGA_ASSIGN_OR_RETURN(Element root, reader.Document());
  if (root.name != "CompleteMultipartUpload") {
    return malformed("the root element is <" + root.name + ">, not <CompleteMultipartUpload>");
  }
  std::vector<CompletedPart> parts;
  for (const Element& part : root.children) {
    if (part.name != "Part") continue;
    CompletedPart p;
    bool has_number = false, has_etag = false;
    for (const Element& field : part.children) {
      if (field.name == "PartNumber") {
        const std::string n = Trim(field.text);
        auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), p.number);
        has_number = !n.empty() && ec == std::errc() && end == n.data() + n.size();
      } else if (field.name == "ETag") {
        p.etag = Trim(field.text);
        if (p.etag.size() >= 2 && p.etag.front() == '"' && p.etag.back() == '"') {
          p.etag = p.etag.substr(1, p.etag.size() - 2);
        }
        has_etag = true;
      }
    }
    if (!has_number || p.number < 1 || p.number > 10000) {
      return malformed("a <Part> needs a <PartNumber> from 1 to 10000");
    }
    if (!has_etag) return malformed("part " + std::to_string(p.number) + " has no <ETag>");
    parts.push_back(std::move(p));
  }
  if (parts.empty()) return malformed("it lists no <Part>");
  return parts;
}

std::string InitiateMultipartUploadResultXml(std::string_view bucket, std::string_view key,
                                             std::string_view upload_id) {
  return std::string(kXmlDeclaration) + "<InitiateMultipartUploadResult xmlns=\"" +
         std::string(kS3Namespace) + "\"><Bucket>" + XmlEscape(bucket) + "</Bucket><Key>" +
         XmlEscape(key) + "</Key><UploadId>" + XmlEscape(upload_id) +
         "</UploadId></InitiateMultipartUploadResult>";
}

std::string CompleteMultipartUploadResultXml(std::string_view location, std::string_view bucket,
                                             std::string_view key, std::string_view etag) {
  return std::string(kXmlDeclaration) + "<CompleteMultipartUploadResult xmlns=\"" +
         std::string(kS3Namespace) + "\"><Location>" + XmlEscape(location) + "</Location><Bucket>" +
         XmlEscape(bucket) + "</Bucket><Key>" + XmlEscape(key) + "</Key><ETag>" + XmlEscape(etag) +
         "</ETag></CompleteMultipartUploadResult>";
}

}  // namespace taiga::s3api
