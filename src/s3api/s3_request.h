// S3Request: what a path-style S3 request to the embedded endpoint names — bucket, key and the
// query — read from the raw target of a ByteExchange ({route}/<bucket>/<key>?…), and the
// SigV4Request the signature is checked on (the raw path, exactly as the client signed it).
// Plain value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "blob/sigv4_canonical_request.h"
#include "common/byte_exchange.h"
#include "common/result.h"

namespace taiga::s3api {

struct S3Request {
  std::string method;
  std::string path;         // raw, percent-encoded, from the leading '/'
  blob::QueryParams query;  // decoded pairs
  std::string bucket;       // decoded; empty for the service itself
  std::string key;          // decoded; empty for a bucket-level request
  common::HeaderList headers;

  // The value of the first query parameter `name`, if present (a value-less one is "").
  std::optional<std::string> Query(std::string_view name) const;
  blob::SigV4Request ToSigV4() const { return {method, path, query, headers}; }
};

// Splits the target after `route_prefix` (e.g. "/taiga/s3/"). Errors: InvalidArgument
// ("InvalidURI: …") for a target outside the prefix or with bad percent-escapes.
common::Result<S3Request> ParseS3Request(const common::ByteExchange& exchange,
                                         std::string_view route_prefix);

}  // namespace taiga::s3api
