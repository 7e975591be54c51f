#include "blob/sigv4.h"

#include <algorithm>

namespace taiga::blob {
namespace {

common::Status CheckCommon(const SigV4Request& request, const SigV4Credentials& credentials,
                           const std::string& region, const std::string& service) {
  if (HeaderValues(request.headers, "host").empty()) {
    return common::InvalidArgument("the request to sign has no Host header");
  }
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return common::InvalidArgument("SigV4 needs an access key id and a secret access key");
  }
  if (region.empty() || service.empty()) {
    return common::InvalidArgument("SigV4 needs a region and a service name");
  }
  if (request.method.empty()) return common::InvalidArgument("the request to sign has no method");
  return common::Status::Ok();
}

void RemoveHeader(HttpHeaders& headers, std::string_view lower_name) {
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [&](const auto& h) { return LowerAscii(h.first) == lower_name; }),
                headers.end());
}

}  // namespace

common::Result<SigV4Signature> SignRequest(const SigV4Request& request,
                                           const SigV4Credentials& credentials,
                                           const SigV4SignOptions& options) {
  TAIGA_RETURN_IF_ERROR(CheckCommon(request, credentials, options.region, options.service));
  const std::string amz_date = FormatAmzDate(options.time);
  const std::string day = amz_date.substr(0, 8);

  SigV4Signature out;
  out.headers = request.headers;
  RemoveHeader(out.headers, "authorization");
  RemoveHeader(out.headers, "x-amz-date");
  out.headers.emplace_back("X-Amz-Date", amz_date);
  if (options.add_content_sha256_header) {
    RemoveHeader(out.headers, "x-amz-content-sha256");
    out.headers.emplace_back("x-amz-content-sha256", options.payload_hash);
  }
  const bool has_token = !credentials.session_token.empty();
  if (has_token) RemoveHeader(out.headers, "x-amz-security-token");
  if (has_token && options.sign_session_token) {
    out.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  const std::vector<std::string> signed_names = SortedHeaderNames(out.headers);
  CanonicalRequestInput in;
  in.method = request.method;
  in.path = request.path;
  in.query = &request.query;
  in.headers = &out.headers;
  in.signed_headers = &signed_names;
  in.payload_hash = options.payload_hash;
  in.normalize_path = options.normalize_path;
  TAIGA_ASSIGN_OR_RETURN(out.canonical_request, BuildCanonicalRequest(in));

  const std::string scope = CredentialScope(day, options.region, options.service);
  out.string_to_sign = StringToSign(amz_date, scope, out.canonical_request);
  const std::string key =
      DeriveSigningKey(credentials.secret_access_key, day, options.region, options.service);
  out.signature = HmacSha256Hex(key, out.string_to_sign);
  out.authorization = std::string(kSigV4Algorithm) + " Credential=" + credentials.access_key_id +
                      "/" + scope + ", SignedHeaders=" + JoinSignedHeaders(signed_names) +
                      ", Signature=" + out.signature;
  if (has_token && !options.sign_session_token) {
    out.headers.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  out.headers.emplace_back("Authorization", out.authorization);
  return out;
}

common::Result<SigV4Presigned> PresignRequest(const SigV4Request& request,
                                              const SigV4Credentials& credentials,
                                              const SigV4PresignOptions& options) {
  TAIGA_RETURN_IF_ERROR(CheckCommon(request, credentials, options.region, options.service));
  if (options.expires_seconds < 1 || options.expires_seconds > kMaxPresignExpiresSeconds) {
    return common::InvalidArgument("a presigned URL expires after 1 to 604800 seconds, not " +
                                   std::to_string(options.expires_seconds));
  }
  for (const auto& [k, v] : request.query) {
    const std::string lower = LowerAscii(k);
    if (lower.rfind("x-amz-", 0) == 0 &&
        (lower == "x-amz-algorithm" || lower == "x-amz-credential" || lower == "x-amz-date" ||
         lower == "x-amz-expires" || lower == "x-amz-signedheaders" || lower == "x-amz-signature" ||
         lower == "x-amz-security-token")) {
      return common::InvalidArgument("the query to presign already has " + k);
    }
  }
  const std::string amz_date = FormatAmzDate(options.time);
  const std::string day = amz_date.substr(0, 8);
  const std::string scope = CredentialScope(day, options.region, options.service);
  const std::vector<std::string> signed_names = SortedHeaderNames(request.headers);

  SigV4Presigned out;
  out.query = request.query;
  out.query.emplace_back("X-Amz-Algorithm", std::string(kSigV4Algorithm));
  out.query.emplace_back("X-Amz-Credential", credentials.access_key_id + "/" + scope);
  out.query.emplace_back("X-Amz-Date", amz_date);
  out.query.emplace_back("X-Amz-Expires", std::to_string(options.expires_seconds));
  out.query.emplace_back("X-Amz-SignedHeaders", JoinSignedHeaders(signed_names));
  const bool has_token = !credentials.session_token.empty();
  if (has_token && options.sign_session_token) {
    out.query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  CanonicalRequestInput in;
  in.method = request.method;
  in.path = request.path;
  in.query = &out.query;
  in.headers = &request.headers;
  in.signed_headers = &signed_names;
  in.payload_hash = options.payload_hash;
  in.normalize_path = options.normalize_path;
  TAIGA_ASSIGN_OR_RETURN(out.canonical_request, BuildCanonicalRequest(in));
  out.string_to_sign = StringToSign(amz_date, scope, out.canonical_request);
  const std::string key =
      DeriveSigningKey(credentials.secret_access_key, day, options.region, options.service);
  out.signature = HmacSha256Hex(key, out.string_to_sign);

  if (has_token && !options.sign_session_token) {
    out.query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  out.query.emplace_back("X-Amz-Signature", out.signature);
  out.query_string = EncodeQueryString(out.query);
  return out;
}

}  // namespace taiga::blob
