#include "blob/sigv4_auth_params.h"

#include <charconv>

#include "blob/sigv4_crypto.h"
#include "common/hex.h"

namespace taiga::blob {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
}

// Fills the scope fields from "AKID/yyyymmdd/region/service/aws4_request".
bool ParseCredential(std::string_view credential, SigV4AuthParams* out) {
  std::vector<std::string_view> parts = Split(credential, '/');
  if (parts.size() != 5 || parts[0].empty() || parts[1].size() != 8 || parts[2].empty() ||
      parts[3].empty() || parts[4] != "aws4_request") {
    return false;
  }
  for (char c : parts[1]) {
    if (c < '0' || c > '9') return false;
  }
  out->access_key_id = std::string(parts[0]);
  out->day = std::string(parts[1]);
  out->region = std::string(parts[2]);
  out->service = std::string(parts[3]);
  return true;
}

bool ParseSignedHeaders(std::string_view list, SigV4AuthParams* out) {
  if (list.empty()) return false;
  for (std::string_view name : Split(list, ';')) {
    if (name.empty()) return false;
    for (char c : name) {
      if (c >= 'A' && c <= 'Z') return false;  // the client must send them lower-case
    }
    out->signed_headers.emplace_back(name);
  }
  return true;
}

}  // namespace

std::string SigV4AuthParams::scope() const { return CredentialScope(day, region, service); }

common::Result<SigV4AuthParams> ParseAuthorizationHeader(std::string_view value) {
  auto bad = [](const std::string& why) {
    return common::InvalidArgument("AuthorizationHeaderMalformed: " + why);
  };
  value = Trim(value);
  const std::string prefix = std::string(kSigV4Algorithm) + " ";
  if (value.substr(0, prefix.size()) != prefix) {
    return bad("the Authorization header must start with \"AWS4-HMAC-SHA256 \"");
  }
  SigV4AuthParams out;
  bool have_credential = false, have_signed = false, have_signature = false;
  for (std::string_view item : Split(value.substr(prefix.size()), ',')) {
    item = Trim(item);
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) return bad("\"" + std::string(item) + "\" has no '='");
    std::string_view k = item.substr(0, eq), v = item.substr(eq + 1);
    if (k == "Credential" && !have_credential) {
      if (!ParseCredential(v, &out))
        return bad("Credential must be AKID/yyyymmdd/region/service/aws4_request");
      have_credential = true;
    } else if (k == "SignedHeaders" && !have_signed) {
      if (!ParseSignedHeaders(v, &out))
        return bad("SignedHeaders must be lower-case names joined by ';'");
      have_signed = true;
    } else if (k == "Signature" && !have_signature) {
      if (!common::IsLowerHex(v, 64)) return bad("Signature must be 64 lowercase hex digits");
      out.signature = std::string(v);
      have_signature = true;
    } else {
      return bad("unexpected or repeated \"" + std::string(k) + "\"");
    }
  }
  if (!have_credential || !have_signed || !have_signature) {
    return bad("Credential, SignedHeaders and Signature are all required");
  }
  return out;
}

bool IsPresignedQuery(const QueryParams& query) {
  for (const auto& [k, v] : query) {
    if (k == "X-Amz-Signature" || k == "X-Amz-Algorithm") return true;
  }
  return false;
}

common::Result<SigV4AuthParams> ParsePresignedQuery(const QueryParams& query) {
  auto bad = [](const std::string& why) {
    return common::InvalidArgument("AuthorizationQueryParametersError: " + why);
  };
  const char* kNames[] = {"X-Amz-Algorithm",     "X-Amz-Credential",    "X-Amz-Date",
                          "X-Amz-Expires",       "X-Amz-SignedHeaders", "X-Amz-Signature",
                          "X-Amz-Security-Token"};
  std::string found[7];
  bool seen[7] = {};
  for (const auto& [k, v] : query) {
    for (int i = 0; i < 7; ++i) {
      if (k != kNames[i]) continue;
      if (seen[i]) return bad(std::string(kNames[i]) + " is repeated");
      seen[i] = true;
      found[i] = v;
    }
  }
  for (int i = 0; i < 6; ++i) {
    if (!seen[i]) return bad(std::string(kNames[i]) + " is missing");
  }
  if (found[0] != kSigV4Algorithm) return bad("X-Amz-Algorithm must be AWS4-HMAC-SHA256");
  SigV4AuthParams out;
  if (!ParseCredential(found[1], &out)) {
    return bad("X-Amz-Credential must be AKID/yyyymmdd/region/service/aws4_request");
  }
  out.amz_date = found[2];
  const std::string& e = found[3];
  auto [ptr, ec] = std::from_chars(e.data(), e.data() + e.size(), out.expires_seconds);
  if (ec != std::errc() || ptr != e.data() + e.size() || out.expires_seconds < 1 ||
      out.expires_seconds > kMaxPresignExpiresSeconds) {
    return bad("X-Amz-Expires must be a number of seconds from 1 to 604800");
  }
  if (!ParseSignedHeaders(found[4], &out)) {
    return bad("X-Amz-SignedHeaders must be lower-case names joined by ';'");
  }
  if (!common::IsLowerHex(found[5], 64))
    return bad("X-Amz-Signature must be 64 lowercase hex digits");
  out.signature = found[5];
  out.session_token = found[6];
  return out;
}

}  // namespace taiga::blob
