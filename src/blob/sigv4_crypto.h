// The cryptographic steps of AWS Signature V4 (OpenSSL HMAC-SHA256 / SHA-256): the signing key
// derivation, the string to sign, the signature, the amz-date format, and a constant-time
// comparison. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr std::string_view kStreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
inline constexpr std::string_view kStreamingSignedPayloadTrailer =
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
inline constexpr std::string_view kStreamingUnsignedPayloadTrailer =
    "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
// Hex SHA-256 of the empty string.
inline constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
// The longest validity of a presigned URL (seven days), as S3 enforces it.
inline constexpr int kMaxPresignExpiresSeconds = 604800;

// Raw 32-byte HMAC-SHA256 of data under key.
std::string HmacSha256(std::string_view key, std::string_view data);
// Lowercase hex HMAC-SHA256.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request").
std::string DeriveSigningKey(std::string_view secret_access_key, std::string_view yyyymmdd,
                             std::string_view region, std::string_view service);

// "yyyymmdd/region/service/aws4_request".
std::string CredentialScope(std::string_view yyyymmdd, std::string_view region,
                            std::string_view service);

// "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + hex(SHA-256(canonical_request)).
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// "20150830T123600Z" for a timestamp (sub-second part dropped).
std::string FormatAmzDate(common::Timestamp ts);
// The timestamp of "yyyymmddThhmmssZ". InvalidArgument for anything else.
common::Result<common::Timestamp> ParseAmzDate(std::string_view amz_date);

// True when a and b are equal, in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace taiga::blob
