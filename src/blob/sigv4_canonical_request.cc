#include "blob/sigv4_canonical_request.h"

#include <algorithm>

namespace taiga::blob {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> SortedHeaderNames(const HttpHeaders& headers) {
  std::vector<std::string> names;
  names.reserve(headers.size());
  for (const auto& h : headers) names.push_back(LowerAscii(h.first));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string JoinSignedHeaders(const std::vector<std::string>& sorted_names) {
  std::string out;
  for (const auto& n : sorted_names) {
    if (!out.empty()) out.push_back(';');
    out.append(n);
  }
  return out;
}

std::vector<std::string_view> HeaderValues(const HttpHeaders& headers, std::string_view name) {
  std::vector<std::string_view> out;
  const std::string lower = LowerAscii(name);
  for (const auto& h : headers) {
    if (h.first.size() == lower.size() && LowerAscii(h.first) == lower) out.push_back(h.second);
  }
  return out;
}

common::Result<std::string> BuildCanonicalRequest(const CanonicalRequestInput& in) {
  TAIGA_ASSIGN_OR_RETURN(std::string uri, CanonicalUri(in.path, in.normalize_path));
  std::string out(in.method);
  out.append("\n").append(uri).append("\n");
  out.append(CanonicalQueryString(*in.query)).append("\n");
  for (const std::string& name : *in.signed_headers) {
    std::vector<std::string_view> values = HeaderValues(*in.headers, name);
    if (values.empty()) {
      return common::InvalidArgument("signed header \"" + name + "\" is not in the request");
    }
    out.append(name).push_back(':');
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out.push_back(',');
      out.append(CanonicalHeaderValue(values[i]));
    }
    out.push_back('\n');
  }
  out.append("\n").append(JoinSignedHeaders(*in.signed_headers)).append("\n");
  out.append(in.payload_hash);
  return out;
}

}  // namespace taiga::blob
