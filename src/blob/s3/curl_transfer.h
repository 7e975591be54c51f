// CurlTransfer: one buffered HTTP exchange through a pooled libcurl handle — the transport
// shared by S3Client (S3 REST calls) and StsCredentialIssuer (STS AssumeRole). The request is
// already signed; the answer (status, lower-case headers, body up to 16 MiB) comes back as a
// value whatever its status. Also HttpEndpoint, the scheme://host[:port] these calls go to.
// Thread-safe as far as the pool is; never logs URLs or headers (they carry credentials).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "blob/s3/curl_handle_pool.h"
#include "blob/sigv4_canonical_request.h"
#include "common/result.h"

namespace taiga::blob {

struct S3Response {
  long status = 0;
  HttpHeaders headers;  // lower-case names
  std::string body;
  // The first header of that (lower-case) name, or "".
  std::string Header(std::string_view lower_name) const;
};

// A signed request ready for curl.
struct S3PreparedRequest {
  std::string url;
  std::vector<std::string> header_lines;  // "Name: value"
};

struct CurlTransferOptions {
  int connect_timeout_seconds = 10;
  int request_timeout_seconds = 300;  // the whole exchange
};

// Sends `method` (GET, HEAD, PUT, POST, DELETE, …) with `body` (PUT/POST; must stay valid
// during the call). A POST without Content-Type goes without one (not curl's form default).
// `what` names the call for messages. Errors: Unavailable when no answer came (connection,
// timeout), Internal when the answer body is over 16 MiB.
common::Result<S3Response> CurlTransfer(CurlHandlePool& pool, std::string_view method,
                                        const S3PreparedRequest& request, std::string_view body,
                                        const CurlTransferOptions& options, std::string_view what);

struct HttpEndpoint {
  std::string scheme;  // "http" or "https"
  std::string host;    // "host[:port]"
  std::string Url() const { return scheme + "://" + host; }
};

// Parses "scheme://host[:port]" (trailing '/' allowed). `what` names it in the message
// ("S3 endpoint"). Errors: InvalidArgument (other schemes, a path, query, user info or no host).
common::Result<HttpEndpoint> ParseHttpEndpoint(std::string_view url, std::string_view what);

}  // namespace taiga::blob
