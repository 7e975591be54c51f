#include "blob/sigv4_verifier.h"

#include <algorithm>
#include <utility>

#include "blob/sigv4_crypto.h"
#include "common/hex.h"

namespace taiga::blob {
namespace {

constexpr int64_t kMicros = 1000000;

common::Status Denied(std::string_view code, const std::string& why) {
  return common::Unauthenticated(std::string(code) + ": " + why);
}
common::Status Malformed(std::string_view code, const std::string& why) {
  return common::InvalidArgument(std::string(code) + ": " + why);
}

bool IsKnownPayloadHash(std::string_view v) {
  return common::IsLowerHex(v, 64) || v == kUnsignedPayload || v == kStreamingSignedPayload ||
         v == kStreamingSignedPayloadTrailer || v == kStreamingUnsignedPayloadTrailer;
}

}  // namespace

SigV4Verifier::SigV4Verifier(SigV4VerifierOptions options, SigV4SecretLookup lookup,
                             const common::Clock* clock)
    : options_(std::move(options)), lookup_(std::move(lookup)), clock_(clock) {}

common::Result<SigV4VerifiedRequest> SigV4Verifier::Verify(
    const SigV4Request& request, std::optional<std::string_view> payload_hash) const {
  const std::vector<std::string_view> auth = HeaderValues(request.headers, "authorization");
  const bool presigned = IsPresignedQuery(request.query);
  if (auth.size() > 1) return Malformed("InvalidArgument", "more than one Authorization header");
  if (!auth.empty() && presigned) {
    return Malformed("InvalidArgument",
                     "only one auth mechanism allowed: Authorization header "
                     "or X-Amz-Signature query, not both");
  }
  if (!auth.empty()) return VerifyHeader(request, auth.front(), payload_hash);
  if (presigned) return VerifyPresigned(request, payload_hash);
  return Denied("AccessDenied",
                "the request is not signed (no Authorization header and no "
                "X-Amz-Signature); anonymous access is not allowed");
}

common::Result<SigV4VerifiedRequest> SigV4Verifier::VerifyHeader(
    const SigV4Request& request, std::string_view authorization,
    std::optional<std::string_view> payload) const {
  TAIGA_ASSIGN_OR_RETURN(SigV4AuthParams params, ParseAuthorizationHeader(authorization));
  SigV4VerifiedRequest out;
  out.kind = SigV4AuthKind::kHeader;

  const std::vector<std::string_view> dates = HeaderValues(request.headers, "x-amz-date");
  if (dates.size() != 1) {
    return Malformed("AuthorizationHeaderMalformed", "exactly one x-amz-date header is required");
  }
  out.amz_date = CanonicalHeaderValue(dates.front());
  auto date = ParseAmzDate(out.amz_date);
  if (!date.ok()) return Malformed("AuthorizationHeaderMalformed", date.status().message());
  const int64_t skew = clock_->Now() - *date;
  if (skew > options_.max_skew_seconds * kMicros || -skew > options_.max_skew_seconds * kMicros) {
    return Denied("RequestTimeTooSkewed", "x-amz-date " + out.amz_date + " is more than " +
                                              std::to_string(options_.max_skew_seconds) +
                                              " s away from the server time " +
                                              FormatAmzDate(clock_->Now()));
  }

  const std::vector<std::string_view> hashes =
      HeaderValues(request.headers, "x-amz-content-sha256");
  if (hashes.size() > 1) return Malformed("InvalidArgument", "more than one x-amz-content-sha256");
  if (!hashes.empty()) {
    out.payload_hash = CanonicalHeaderValue(hashes.front());
    if (!IsKnownPayloadHash(out.payload_hash)) {
      return Malformed("InvalidArgument",
                       "x-amz-content-sha256 must be a hex SHA-256, "
                       "UNSIGNED-PAYLOAD or a supported STREAMING-* value");
    }
  } else if (payload) {
    out.payload_hash = std::string(*payload);
  } else {
    return Malformed("InvalidRequest", "the x-amz-content-sha256 header is required");
  }

  const std::vector<std::string_view> tokens =
      HeaderValues(request.headers, "x-amz-security-token");
  if (tokens.size() > 1) return Malformed("InvalidArgument", "more than one x-amz-security-token");
  const std::string token = tokens.empty() ? std::string() : CanonicalHeaderValue(tokens.front());
  if (!token.empty() && std::find(params.signed_headers.begin(), params.signed_headers.end(),
                                  "x-amz-security-token") == params.signed_headers.end()) {
    return Denied("AccessDenied", "x-amz-security-token must be a signed header");
  }
  TAIGA_RETURN_IF_ERROR(Check(request, params, request.query, token, &out));
  return out;
}

common::Result<SigV4VerifiedRequest> SigV4Verifier::VerifyPresigned(
    const SigV4Request& request, std::optional<std::string_view> payload) const {
  TAIGA_ASSIGN_OR_RETURN(SigV4AuthParams params, ParsePresignedQuery(request.query));
  SigV4VerifiedRequest out;
  out.kind = SigV4AuthKind::kPresigned;
  out.amz_date = params.amz_date;
  auto date = ParseAmzDate(params.amz_date);
  if (!date.ok()) return Malformed("AuthorizationQueryParametersError", date.status().message());
  out.expires_at = *date + static_cast<int64_t>(params.expires_seconds) * kMicros;
  const common::Timestamp now = clock_->Now();
  if (now > out.expires_at) {
    return Denied("AccessDenied",
                  "Request has expired: the URL was valid until " + FormatAmzDate(out.expires_at));
  }
  if (*date - now > options_.max_skew_seconds * kMicros) {
    return Denied("AccessDenied",
                  "Request is not valid yet: X-Amz-Date " + params.amz_date + " is in the future");
  }
  out.payload_hash = std::string(payload ? *payload : kUnsignedPayload);
  for (const auto& [k, v] : request.query) {
    if (k == "X-Amz-Content-Sha256") out.payload_hash = v;
  }
  QueryParams signed_query;
  signed_query.reserve(request.query.size());
  for (const auto& kv : request.query) {
    if (kv.first != "X-Amz-Signature") signed_query.push_back(kv);
  }
  TAIGA_RETURN_IF_ERROR(Check(request, params, signed_query, params.session_token, &out));
  return out;
}

common::Status SigV4Verifier::Check(const SigV4Request& request, const SigV4AuthParams& params,
                                    const QueryParams& signed_query, std::string_view session_token,
                                    SigV4VerifiedRequest* out) const {
  const char* code = out->kind == SigV4AuthKind::kHeader ? "AuthorizationHeaderMalformed"
                                                         : "AuthorizationQueryParametersError";
  if (out->amz_date.substr(0, 8) != params.day) {
    return Malformed(code,
                     "the credential date " + params.day + " is not the day of " + out->amz_date);
  }
  if (params.service != options_.service) {
    return Malformed(code, "the credential scope names service \"" + params.service +
                               "\"; this endpoint is \"" + options_.service + "\"");
  }
  if (!options_.region.empty() && params.region != options_.region) {
    return Malformed(code, "the credential scope names region \"" + params.region +
                               "\"; this endpoint expects \"" + options_.region + "\"");
  }
  const auto& names = params.signed_headers;
  if (std::find(names.begin(), names.end(), "host") == names.end()) {
    return Denied("AccessDenied", "the host header must be signed");
  }
  if (options_.require_signed_amz_headers) {
    for (const auto& h : request.headers) {
      const std::string lower = LowerAscii(h.first);
      if (lower.rfind("x-amz-", 0) == 0 &&
          std::find(names.begin(), names.end(), lower) == names.end()) {
        return Denied("AccessDenied",
                      "there were headers present in the request which were not "
                      "signed: " +
                          lower);
      }
    }
  }

  auto secret = lookup_(params.access_key_id);
  if (!secret.ok()) {
    if (secret.status().code() != common::StatusCode::kNotFound) return secret.status();
    return Denied("InvalidAccessKeyId",
                  "the access key id " + params.access_key_id + " does not exist");
  }
  if (!ConstantTimeEquals(session_token, secret->session_token)) {
    return Denied("InvalidToken", session_token.empty()
                                      ? "these credentials need their session token"
                                      : "the session token is wrong or not expected for this key");
  }

  CanonicalRequestInput in;
  in.method = request.method;
  in.path = request.path;
  in.query = &signed_query;
  in.headers = &request.headers;
  in.signed_headers = &names;
  in.payload_hash = out->payload_hash;
  in.normalize_path = options_.normalize_path;
  auto canonical = BuildCanonicalRequest(in);
  if (!canonical.ok()) return Malformed(code, canonical.status().message());
  out->scope = params.scope();
  const std::string string_to_sign = StringToSign(out->amz_date, out->scope, *canonical);
  out->signing_key =
      DeriveSigningKey(secret->secret_access_key, params.day, params.region, params.service);
  const std::string expected = HmacSha256Hex(out->signing_key, string_to_sign);
  if (!ConstantTimeEquals(expected, params.signature)) {
    return Denied("SignatureDoesNotMatch",
                  "the request signature we calculated does not match "
                  "the signature you provided; check your secret key "
                  "and signing method");
  }
  out->access_key_id = params.access_key_id;
  out->session_token = std::string(session_token);
  out->region = params.region;
  out->signature = params.signature;
  return common::Status::Ok();
}

std::string_view SigV4ErrorCode(const common::Status& status) {
  if (status.ok()) return {};
  std::string_view m = status.message();
  const size_t colon = m.find(": ");
  if (colon == std::string_view::npos) return {};
  std::string_view code = m.substr(0, colon);
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return {};
  }
  return code;
}

}  // namespace taiga::blob
