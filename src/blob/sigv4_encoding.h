// The URI and query encodings of AWS Signature V4 as S3 applies them: RFC 3986 strict
// percent-encoding (everything but A-Z a-z 0-9 - _ . ~, uppercase hex), each path segment encoded
// once, no path normalisation unless asked, query pairs sorted with "k=" for empty values.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace taiga::blob {

// Decoded (key, value) pairs of a query string, in their order.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes every byte except the unreserved ones; '/' is kept when keep_slash.
std::string UriEncode(std::string_view bytes, bool keep_slash = false);

// Encodes a decoded path ("/bucket/dir/hello world.txt") for a request line: each segment once,
// '/' kept ("/bucket/dir/hello%20world.txt").
std::string UriEncodePath(std::string_view decoded_path);

// Decodes %XX escapes ('+' stays '+', as in RFC 3986). InvalidArgument for a bad escape.
common::Result<std::string> PercentDecode(std::string_view text);

// The canonical URI of a path as received or as it will be sent: existing %XX escapes are
// decoded and every byte re-encoded strictly, so "/a%20b", "/a b" and "/a%2fb" canonicalise to
// "/a%20b", "/a%20b", "/a%2Fb". With normalize (other services, never S3) "." and ".." segments
// are resolved and empty segments dropped first. An empty path is "/".
// InvalidArgument for a bad escape.
common::Result<std::string> CanonicalUri(std::string_view path, bool normalize);

// Splits "a=1&b=&c" into decoded pairs (a,1) (b,"") (c,""); empty pieces are skipped.
// InvalidArgument for a bad escape.
common::Result<QueryParams> ParseQueryString(std::string_view query);

// The canonical query string: pairs strictly encoded, sorted by encoded key then value,
// joined with '&', "k=" for an empty value.
std::string CanonicalQueryString(const QueryParams& params);

// The pairs strictly encoded in their given order ("k=v&k2=v2"), for building URLs.
std::string EncodeQueryString(const QueryParams& params);

}  // namespace taiga::blob
