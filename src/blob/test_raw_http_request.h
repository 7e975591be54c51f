// Test support (included by *_test.cc only): parses the raw HTTP requests of the SigV4 test
// suites ("GET /path?query HTTP/1.1\nName:value\n…\n\nbody") into a SigV4Request, and reads
// small fixture files. Header-only so that nothing of it is linked into taiga_blob.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "blob/sigv4_canonical_request.h"
#include "blob/sigv4_encoding.h"

namespace taiga::blob::testing {

// How a header line that starts with whitespace (obs-fold) continues the previous one. The two
// official suites disagree: the 2015 suite (node-aws4) expects each continuation line to be
// another value of the same header ("value1,value2,value3"); the aws-c-auth suite follows
// RFC 7230 §3.2.4 and replaces the fold with a space ("value1 value2 value3"). The canonical
// header rules are the same in both; only the reading of the raw request differs.
enum class FoldMode { kExtraValue, kSpace };

struct RawHttpRequest {
  SigV4Request request;
  std::string body;
};

inline std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string TrimLine(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

// Returns false when the text is not a request.
inline bool ParseRawHttpRequest(std::string_view text, FoldMode fold, RawHttpRequest* out) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (lines.empty()) return false;
  std::string_view first = lines[0];
  const size_t sp = first.find(' ');
  const size_t http = first.rfind(" HTTP/");
  if (sp == std::string_view::npos || http == std::string_view::npos || http <= sp) return false;
  out->request.method = std::string(first.substr(0, sp));
  std::string_view target = first.substr(sp + 1, http - sp - 1);
  const size_t q = target.find('?');
  out->request.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) {
    auto params = ParseQueryString(target.substr(q + 1));
    if (!params.ok()) return false;
    out->request.query = *params;
  }
  size_t i = 1;
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    std::string_view line = lines[i];
    if ((line.front() == ' ' || line.front() == '\t') && !out->request.headers.empty()) {
      auto& prev = out->request.headers.back();
      if (fold == FoldMode::kSpace) {
        prev.second += " " + TrimLine(line);
      } else {
        out->request.headers.emplace_back(prev.first, TrimLine(line));
      }
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    out->request.headers.emplace_back(std::string(line.substr(0, colon)),
                                      TrimLine(line.substr(colon + 1)));
  }
  out->body.clear();
  for (size_t j = i + 1; j < lines.size(); ++j) {
    if (j > i + 1) out->body.push_back('\n');
    out->body.append(lines[j]);
  }
  return true;
}

}  // namespace taiga::blob::testing
