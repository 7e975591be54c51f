#include "blob/s3/s3_client.h"

#include <chrono>
#include <thread>
#include <utility>

#include "blob/sigv4.h"
#include "common/hash.h"

namespace taiga::blob {
namespace {

bool Retryable(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE";
}

}  // namespace

common::Result<std::shared_ptr<S3Client>> S3Client::Create(S3BlobStoreOptions o) {
  TAIGA_ASSIGN_OR_RETURN(HttpEndpoint endpoint, ParseHttpEndpoint(o.endpoint, "S3 endpoint"));
  HttpEndpoint presign = endpoint;
  if (!o.public_endpoint.empty()) {
    TAIGA_ASSIGN_OR_RETURN(presign, ParseHttpEndpoint(o.public_endpoint, "S3 public endpoint"));
  }
  if (o.bucket.empty()) return common::InvalidArgument("S3 bucket is required");
  if (o.access_key_id.empty() || o.secret_access_key.empty()) {
    return common::InvalidArgument("S3 access key id and secret access key are required");
  }
  if (o.region.empty()) return common::InvalidArgument("S3 region is required");
  if (o.part_size < (5ull << 20) || o.part_size > (5ull << 30)) {
    return common::InvalidArgument("S3 part_size must be 5 MiB .. 5 GiB");
  }
  if (o.list_page_size < 1 || o.list_page_size > 1000) {
    return common::InvalidArgument("S3 list_page_size must be 1 .. 1000");
  }
  if (o.copy_part_size < (5ull << 20) || o.copy_part_size > (5ull << 30)) {
    return common::InvalidArgument("S3 copy_part_size must be 5 MiB .. 5 GiB");
  }
  return std::shared_ptr<S3Client>(
      new S3Client(std::move(o), std::move(endpoint), std::move(presign)));
}

S3Client::S3Client(S3BlobStoreOptions options, HttpEndpoint endpoint, HttpEndpoint presign)
    : options_(std::move(options)),
      endpoint_(std::move(endpoint)),
      presign_endpoint_(std::move(presign)),
      clock_(options_.clock ? options_.clock : &system_clock_) {}

std::string S3Client::PathOf(std::string_view key) const {
  std::string path = options_.path_style ? "/" + options_.bucket : std::string();
  if (!key.empty() || path.empty()) path.append("/").append(key);
  return path;
}

std::string S3Client::HostOf(const HttpEndpoint& endpoint) const {
  return options_.path_style ? endpoint.host : options_.bucket + "." + endpoint.host;
}

common::Result<S3PreparedRequest> S3Client::Prepare(const S3Request& request) const {
  SigV4Request r;
  r.method = request.method;
  r.path = UriEncodePath(PathOf(request.key));
  r.query = request.query;
  r.headers.emplace_back("Host", HostOf(endpoint_));
  for (const auto& h : request.headers) r.headers.push_back(h);
  SigV4SignOptions opts;
  opts.region = options_.region;
  opts.time = clock_->Now();
  const bool has_body = request.method == "PUT" || request.method == "POST";
  opts.payload_hash = has_body ? common::Sha256Hex(request.body) : std::string(kUnsignedPayload);
  TAIGA_ASSIGN_OR_RETURN(
      SigV4Signature sig,
      SignRequest(r, {options_.access_key_id, options_.secret_access_key, options_.session_token},
                  opts));
  S3PreparedRequest out;
  out.url = endpoint_.scheme + "://" + HostOf(endpoint_) + r.path;
  if (!r.query.empty()) out.url += "?" + EncodeQueryString(r.query);
  for (const auto& [k, v] : sig.headers) out.header_lines.push_back(k + ": " + v);
  return out;
}

common::Result<S3Response> S3Client::Execute(const S3Request& request, std::string_view what) {
  const int attempts = Retryable(request.method) ? options_.max_retries + 1 : 1;
  common::Result<S3Response> last = common::Unavailable("S3 " + std::string(what) + ": not sent");
  for (int i = 0; i < attempts; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200 << (i - 1)));
    last = ExecuteOnce(request, what);
    if (last.ok() && last->status < 500) return last;
  }
  return last;
}

common::Result<S3Response> S3Client::ExecuteOnce(const S3Request& request, std::string_view what) {
  TAIGA_ASSIGN_OR_RETURN(S3PreparedRequest prepared, Prepare(request));
  CurlTransferOptions t;
  t.connect_timeout_seconds = options_.connect_timeout_seconds;
  t.request_timeout_seconds = options_.request_timeout_seconds;
  return CurlTransfer(pool_, request.method, prepared, request.body, t, "S3 " + std::string(what));
}

common::Result<std::string> S3Client::PresignGet(std::string_view key, const QueryParams& query,
                                                 int expires_seconds) const {
  SigV4Request r;
  r.method = "GET";
  r.path = UriEncodePath(PathOf(key));
  r.query = query;
  r.headers.emplace_back("host", HostOf(presign_endpoint_));
  SigV4PresignOptions opts;
  opts.region = options_.region;
  opts.time = clock_->Now();
  opts.expires_seconds = expires_seconds;
  TAIGA_ASSIGN_OR_RETURN(
      SigV4Presigned p,
      PresignRequest(
          r, {options_.access_key_id, options_.secret_access_key, options_.session_token}, opts));
  return presign_endpoint_.scheme + "://" + HostOf(presign_endpoint_) + r.path + "?" +
         p.query_string;
}

}  // namespace taiga::blob
