// AWS Signature V4 signing, our own implementation over OpenSSL (DESIGN.md §5): (a) a request
// signed with an Authorization header, (b) a presigned URL (query auth). Verification is
// blob/sigv4_verifier.h; streaming chunk signatures are blob/sigv4_chunk_signer.h.
// S3 rules by default: no path normalisation, x-amz-content-sha256 sent.
// Pure functions, thread-safe. Never log the results: they are credentials.
#pragma once

#include <string>

#include "blob/sigv4_canonical_request.h"
#include "blob/sigv4_crypto.h"
#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

struct SigV4Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // temporary credentials (STS); empty for long-term keys
};

struct SigV4SignOptions {
  std::string region = "us-east-1";
  std::string service = "s3";
  common::Timestamp time = 0;  // the signing time (x-amz-date)
  // Hex SHA-256 of the body, UNSIGNED-PAYLOAD, or one of the STREAMING-* values.
  std::string payload_hash = std::string(kUnsignedPayload);
  bool add_content_sha256_header = true;  // S3 requires x-amz-content-sha256; other services don't
  bool normalize_path = false;            // never for S3
  bool sign_session_token = true;         // false: x-amz-security-token is added after signing
};

struct SigV4Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // lowercase hex
  std::string authorization;  // the Authorization header value
  // The headers to send: the request's own (any earlier x-amz-date, Authorization, and, when
  // added, x-amz-content-sha256 / x-amz-security-token removed) followed by the new ones.
  HttpHeaders headers;
};

// Signs with an Authorization header; every header of the request is signed.
// InvalidArgument when Host is missing, the credentials or scope are empty, or the path has a
// bad escape.
common::Result<SigV4Signature> SignRequest(const SigV4Request& request,
                                           const SigV4Credentials& credentials,
                                           const SigV4SignOptions& options);

struct SigV4PresignOptions {
  std::string region = "us-east-1";
  std::string service = "s3";
  common::Timestamp time = 0;  // X-Amz-Date
  int expires_seconds = 3600;  // X-Amz-Expires: 1 .. kMaxPresignExpiresSeconds
  std::string payload_hash = std::string(kUnsignedPayload);
  bool normalize_path = false;
  bool sign_session_token = true;  // false: X-Amz-Security-Token is left out of the signature
};

struct SigV4Presigned {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lowercase hex
  // The request's own parameters, then X-Amz-Algorithm, -Credential, -Date, -Expires,
  // -SignedHeaders, [-Security-Token], -Signature: the order boto3 and the AWS docs use.
  QueryParams query;
  std::string query_string;  // `query` strictly encoded, ready to follow '?'
};

// Presigns; every header of the request (normally just Host) is signed.
// InvalidArgument as SignRequest, when expires_seconds is out of range, or when the query
// already has X-Amz-* auth parameters.
common::Result<SigV4Presigned> PresignRequest(const SigV4Request& request,
                                              const SigV4Credentials& credentials,
                                              const SigV4PresignOptions& options);

}  // namespace taiga::blob
