// SigV4AuthParams: what a received request claims about its signature, parsed from an
// Authorization header or from presigned query parameters, before anything is checked against a
// secret. Pure functions, thread-safe. Errors carry the S3 error code as the message prefix
// ("AuthorizationHeaderMalformed: …") so the S3 endpoint can answer with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "blob/sigv4_encoding.h"
#include "common/result.h"

namespace taiga::blob {

struct SigV4AuthParams {
  std::string access_key_id;
  std::string day;  // yyyymmdd of the credential scope
  std::string region;
  std::string service;
  std::vector<std::string> signed_headers;  // lower-case, in the order the client listed them
  std::string signature;                    // 64 lowercase hex
  std::string amz_date;                     // X-Amz-Date of a presigned query (header auth: empty)
  int expires_seconds = 0;                  // X-Amz-Expires of a presigned query
  std::string session_token;                // X-Amz-Security-Token of a presigned query
  std::string scope() const;                // "day/region/service/aws4_request"
};

// Parses "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…" (',' with or without
// spaces). InvalidArgument ("AuthorizationHeaderMalformed: …") when it is not that form.
common::Result<SigV4AuthParams> ParseAuthorizationHeader(std::string_view value);

// Parses X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders, -Signature and the
// optional -Security-Token. InvalidArgument ("AuthorizationQueryParametersError: …") when one
// is missing, repeated or malformed, or X-Amz-Expires is not 1..604800.
common::Result<SigV4AuthParams> ParsePresignedQuery(const QueryParams& query);

// True when the query carries X-Amz-Signature or X-Amz-Algorithm (a presigned request).
bool IsPresignedQuery(const QueryParams& query);

}  // namespace taiga::blob
