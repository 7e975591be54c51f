// SigV4Verifier: server-side check of AWS Signature V4 requests, for the embedded S3 endpoint
// (DESIGN.md §7). It accepts an Authorization header or a presigned query, rebuilds the canonical
// request from what was received, finds the secret through a callback, compares signatures in
// constant time and checks the date (header: ±max_skew; presigned: X-Amz-Date + X-Amz-Expires)
// against an injected clock. Thread-safe when the lookup callback is; the clock must outlive it.
// Failures are Status values whose message starts with the S3 error code to answer with
// (see SigV4ErrorCode): InvalidArgument for malformed auth, Unauthenticated for the rest.
// Header auth needs x-amz-date (S3's fallback to the Date header is not supported; every SDK
// sends x-amz-date).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "blob/sigv4_auth_params.h"
#include "blob/sigv4_canonical_request.h"
#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

struct SigV4Secret {
  std::string secret_access_key;
  std::string session_token;  // the token the request must carry; empty: it must carry none
};

// Returns the secret of an access key id; NotFound for an unknown key (any other error is passed
// through unchanged, e.g. Unavailable).
using SigV4SecretLookup = std::function<common::Result<SigV4Secret>(std::string_view)>;

struct SigV4VerifierOptions {
  std::string service = "s3";   // the credential scope's service must be this
  std::string region;           // empty: any region; else the scope's region must be this
  int max_skew_seconds = 900;   // header auth: |x-amz-date − now| at most this (15 min, as S3)
  bool normalize_path = false;  // S3: false
  // Every x-amz-* header present must be signed (S3's HeadersNotSigned rule).
  bool require_signed_amz_headers = true;
};

enum class SigV4AuthKind { kHeader, kPresigned };

// What a verified request proved. signing_key and signature seed the aws-chunked chunk
// signatures (SigV4ChunkSigner); never log them.
struct SigV4VerifiedRequest {
  SigV4AuthKind kind = SigV4AuthKind::kHeader;
  std::string access_key_id;
  std::string session_token;
  std::string region;
  std::string amz_date;
  std::string scope;
  std::string signature;
  std::string signing_key;
  // As signed: 64 hex (the caller must check the body against it), UNSIGNED-PAYLOAD or STREAMING-*.
  std::string payload_hash;
  common::Timestamp expires_at = 0;  // presigned only
};

class SigV4Verifier {
 public:
  SigV4Verifier(SigV4VerifierOptions options, SigV4SecretLookup lookup, const common::Clock* clock);

  // Verifies whichever form the request uses. `payload_hash` stands in for the body hash when
  // the request has no x-amz-content-sha256 header (services other than S3) or, for presigned
  // requests, instead of UNSIGNED-PAYLOAD. Errors: see the file comment; "AccessDenied" when the
  // request is not signed at all.
  common::Result<SigV4VerifiedRequest> Verify(
      const SigV4Request& request,
      std::optional<std::string_view> payload_hash = std::nullopt) const;

 private:
  common::Result<SigV4VerifiedRequest> VerifyHeader(const SigV4Request& request,
                                                    std::string_view authorization,
                                                    std::optional<std::string_view> payload) const;
  common::Result<SigV4VerifiedRequest> VerifyPresigned(
      const SigV4Request& request, std::optional<std::string_view> payload) const;
  // Checks scope, headers, token and signature; fills the common fields of `out`.
  common::Status Check(const SigV4Request& request, const SigV4AuthParams& params,
                       const QueryParams& signed_query, std::string_view session_token,
                       SigV4VerifiedRequest* out) const;

  SigV4VerifierOptions options_;
  SigV4SecretLookup lookup_;
  const common::Clock* clock_;
};

// The S3 error code a verification Status names ("SignatureDoesNotMatch"), or "" for ok.
std::string_view SigV4ErrorCode(const common::Status& status);

}  // namespace taiga::blob
