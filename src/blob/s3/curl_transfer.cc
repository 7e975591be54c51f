#include "blob/s3/curl_transfer.h"

#include <algorithm>
#include <cstring>

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

bool HasContentType(const std::vector<std::string>& lines) {
  return std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return LowerAscii(std::string_view(l).substr(0, 13)) == "content-type:";
  });
}

}  // namespace

std::string S3Response::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return "";
}

common::Result<S3Response> CurlTransfer(CurlHandlePool& pool, std::string_view method,
                                        const S3PreparedRequest& request, std::string_view body,
                                        const CurlTransferOptions& options, std::string_view what) {
  CurlHandlePool::Lease lease = pool.Acquire();
  CURL* h = lease.get();
  if (h == nullptr) return common::Unavailable(std::string(what) + ": curl_easy_init failed");
  curl_slist* list = nullptr;
  for (const auto& line : request.header_lines) list = curl_slist_append(list, line.c_str());
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip for buffered bodies
  if (method == "POST" && !HasContentType(request.header_lines)) {
    list = curl_slist_append(list, "Content-Type:");  // not curl's form-urlencoded default
  }
  const std::string method_text(method);
  S3Response response;
  Transfer t;
  t.upload = body;
  t.response = &response;
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout_seconds));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(options.request_timeout_seconds));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  if (method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (method == "PUT") {
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, OnRead);
    curl_easy_setopt(h, CURLOPT_READDATA, &t);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else if (method == "POST") {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else if (method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method_text.c_str());
  }
  const CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) {
    if (t.too_big) return common::Internal(std::string(what) + ": answer over 16 MiB");
    return common::Unavailable(std::string(what) + ": " + curl_easy_strerror(rc));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

common::Result<HttpEndpoint> ParseHttpEndpoint(std::string_view url, std::string_view what) {
  std::string_view ep = url;
  HttpEndpoint out;
  if (ep.substr(0, 7) == "http://") {
    out.scheme = "http", ep.remove_prefix(7);
  } else if (ep.substr(0, 8) == "https://") {
    out.scheme = "https", ep.remove_prefix(8);
  } else {
    return common::InvalidArgument(std::string(what) +
                                   " must start with http:// or https://: " + std::string(url));
  }
  while (!ep.empty() && ep.back() == '/') ep.remove_suffix(1);
  if (ep.empty() || ep.find_first_of("/?#@") != std::string_view::npos) {
    return common::InvalidArgument(
        std::string(what) + " must be scheme://host[:port] without a path: " + std::string(url));
  }
  out.host = std::string(ep);
  return out;
}

}  // namespace taiga::blob
