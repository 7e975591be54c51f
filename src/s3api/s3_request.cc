#include "s3api/s3_request.h"

#include "blob/sigv4_encoding.h"
#include "s3api/s3_error.h"

namespace taiga::s3api {

std::optional<std::string> S3Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return std::nullopt;
}

common::Result<S3Request> ParseS3Request(const common::ByteExchange& exchange,
                                         std::string_view route_prefix) {
  S3Request r;
  r.method = std::string(exchange.Method());
  r.headers = exchange.Headers();
  const std::string_view target = exchange.Target();
  const size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  const auto bad = [&](const std::string& why) {
    return S3Status("InvalidURI", "could not parse the request URI " + r.path + ": " + why);
  };
  if (q != std::string_view::npos) {
    auto query = blob::ParseQueryString(target.substr(q + 1));
    if (!query.ok()) return bad(query.status().message());
    r.query = std::move(query).value();
  }
  if (r.path.compare(0, route_prefix.size(), route_prefix) != 0) return bad("outside the endpoint");
  const std::string_view rest = std::string_view(r.path).substr(route_prefix.size());
  const size_t slash = rest.find('/');
  auto bucket = blob::PercentDecode(rest.substr(0, slash));
  if (!bucket.ok()) return bad(bucket.status().message());
  r.bucket = std::move(bucket).value();
  if (slash != std::string_view::npos) {
    auto key = blob::PercentDecode(rest.substr(slash + 1));
    if (!key.ok()) return bad(key.status().message());
    r.key = std::move(key).value();
  }
  return r;
}

}  // namespace taiga::s3api
