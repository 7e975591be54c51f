#include "blob/s3/s3_client.h"

#include <chrono>
#include <cstring>
#include <thread>
#include <utility>

#include "blob/sigv4.h"
#include "common/hash.h"

namespace taiga::blob {
namespace {

constexpr size_t kMaxResponseBody = 16u << 20;  // XML answers; object bytes stream elsewhere

struct Transfer {
  std::string_view upload;
  size_t upload_pos = 0;
  S3Response* response = nullptr;
  bool too_big = false;
};

size_t OnRead(char* buf, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  const size_t k = std::min(size * n, t->upload.size() - t->upload_pos);
  if (k > 0) std::memcpy(buf, t->upload.data() + t->upload_pos, k);
  t->upload_pos += k;
  return k;
}

size_t OnWrite(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  if (t->response->body.size() + size * n > kMaxResponseBody) {
    t->too_big = true;
    return 0;
  }
  t->response->body.append(data, size * n);
  return size * n;
}

// Collects "Name: value" lines; a new status line (after 100 Continue) starts over.
size_t OnHeader(char* data, size_t size, size_t n, void* p) {
  auto* t = static_cast<Transfer*>(p);
  std::string_view line(data, size * n);
  if (line.substr(0, 5) == "HTTP/") {
    t->response->headers.clear();
    return size * n;
  }
  const size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string_view v = line.substr(colon + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' '))
      v.remove_suffix(1);
    t->response->headers.emplace_back(LowerAscii(line.substr(0, colon)), std::string(v));
  }
  return size * n;
}

bool Retryable(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE";
}

}  // namespace

std::string S3Response::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return "";
}

common::Result<std::shared_ptr<S3Client>> S3Client::Create(S3BlobStoreOptions o) {
  std::string_view ep = o.endpoint;
  std::string scheme;
  if (ep.substr(0, 7) == "http://") {
    scheme = "http", ep.remove_prefix(7);
  } else if (ep.substr(0, 8) == "https://") {
    scheme = "https", ep.remove_prefix(8);
  } else {
    return common::InvalidArgument("S3 endpoint must start with http:// or https://: " +
                                   o.endpoint);
  }
  while (!ep.empty() && ep.back() == '/') ep.remove_suffix(1);
  if (ep.empty() || ep.find_first_of("/?#@") != std::string_view::npos) {
    return common::InvalidArgument("S3 endpoint must be scheme://host[:port] without a path: " +
                                   o.endpoint);
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
  std::string host(ep);
  return std::shared_ptr<S3Client>(new S3Client(std::move(o), std::move(scheme), std::move(host)));
}

S3Client::S3Client(S3BlobStoreOptions options, std::string scheme, std::string host)
    : options_(std::move(options)),
      scheme_(std::move(scheme)),
      host_(std::move(host)),
      clock_(options_.clock ? options_.clock : &system_clock_) {}

std::string S3Client::PathOf(std::string_view key) const {
  std::string path = options_.path_style ? "/" + options_.bucket : std::string();
  if (!key.empty() || path.empty()) path.append("/").append(key);
  return path;
}

std::string S3Client::HostOf() const {
  return options_.path_style ? host_ : options_.bucket + "." + host_;
}

common::Result<S3PreparedRequest> S3Client::Prepare(const S3Request& request) const {
  SigV4Request r;
  r.method = request.method;
  r.path = UriEncodePath(PathOf(request.key));
  r.query = request.query;
  r.headers.emplace_back("Host", HostOf());
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
  out.url = scheme_ + "://" + HostOf() + r.path;
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
  CurlHandlePool::Lease lease = pool_.Acquire();
  CURL* h = lease.get();
  if (h == nullptr)
    return common::Unavailable("S3 " + std::string(what) + ": curl_easy_init failed");
  curl_slist* list = nullptr;
  for (const auto& line : prepared.header_lines) list = curl_slist_append(list, line.c_str());
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip for buffered bodies
  if (request.method == "POST" && HeaderValues(request.headers, "content-type").empty()) {
    list = curl_slist_append(list, "Content-Type:");  // not curl's form-urlencoded default
  }
  S3Response response;
  Transfer t;
  t.upload = request.body;
  t.response = &response;
  curl_easy_setopt(h, CURLOPT_URL, prepared.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout_seconds));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options_.request_timeout_seconds));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  if (request.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (request.method == "PUT") {
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, OnRead);
    curl_easy_setopt(h, CURLOPT_READDATA, &t);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else if (request.method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  const CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) {
    if (t.too_big) return common::Internal("S3 " + std::string(what) + ": answer over 16 MiB");
    return common::Unavailable("S3 " + std::string(what) + ": " + curl_easy_strerror(rc));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

common::Result<std::string> S3Client::PresignGet(std::string_view key, const QueryParams& query,
                                                 int expires_seconds) const {
  SigV4Request r;
  r.method = "GET";
  r.path = UriEncodePath(PathOf(key));
  r.query = query;
  r.headers.emplace_back("host", HostOf());
  SigV4PresignOptions opts;
  opts.region = options_.region;
  opts.time = clock_->Now();
  opts.expires_seconds = expires_seconds;
  TAIGA_ASSIGN_OR_RETURN(
      SigV4Presigned p,
      PresignRequest(
          r, {options_.access_key_id, options_.secret_access_key, options_.session_token}, opts));
  return scheme_ + "://" + HostOf() + r.path + "?" + p.query_string;
}

}  // namespace taiga::blob
