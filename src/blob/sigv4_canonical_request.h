// SigV4Request and the canonical request of AWS Signature V4 built from it: method, canonical
// URI, canonical query, canonical headers (lower-case names, values trimmed with inner
// whitespace runs collapsed, repeated headers joined by ','), signed header list, payload hash.
// Used both to sign (client side) and to verify (server side). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "blob/sigv4_encoding.h"
#include "common/result.h"

namespace taiga::blob {

// Header (name, value) pairs as sent or received; a name may repeat, case is irrelevant.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct SigV4Request {
  std::string method;   // "GET", "PUT", …
  std::string path;     // as on the wire: percent-encoded (raw bytes are encoded too)
  QueryParams query;    // decoded pairs (see ParseQueryString for a received query)
  HttpHeaders headers;  // must contain Host
};

// ASCII lower-case.
std::string LowerAscii(std::string_view s);
// A header value trimmed, with every run of spaces, tabs and line breaks made one space.
std::string CanonicalHeaderValue(std::string_view value);
// The sorted, de-duplicated lower-case names of `headers`.
std::vector<std::string> SortedHeaderNames(const HttpHeaders& headers);
// "a;b;c" of sorted names.
std::string JoinSignedHeaders(const std::vector<std::string>& sorted_names);
// The values of every header named `name` (any case), in order.
std::vector<std::string_view> HeaderValues(const HttpHeaders& headers, std::string_view name);

struct CanonicalRequestInput {
  std::string_view method;
  std::string_view path;
  const QueryParams* query = nullptr;
  const HttpHeaders* headers = nullptr;
  const std::vector<std::string>* signed_headers = nullptr;  // sorted lower-case names
  std::string_view payload_hash;
  bool normalize_path = false;  // S3: false (never normalise object paths)
};

// The canonical request. InvalidArgument when the path has a bad escape or a signed header is
// absent from the headers.
common::Result<std::string> BuildCanonicalRequest(const CanonicalRequestInput& input);

}  // namespace taiga::blob
