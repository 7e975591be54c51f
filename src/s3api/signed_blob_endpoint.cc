#include "s3api/signed_blob_endpoint.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>

#include "blob/content_disposition.h"
#include "common/log.h"
#include "common/random.h"
#include "s3api/byte_range.h"

namespace taiga::s3api {
namespace {

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

const char* Title(int status) {
  switch (status) {
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 416:
      return "Range Not Satisfiable";
    default:
      return "Internal Server Error";
  }
}

// Sends an application/problem+json error; returns its status.
int Problem(common::ByteExchange& ex, int status, const std::string& detail,
            const std::string& request_id, common::HeaderList extra = {}) {
  const std::string body = "{\"type\":\"about:blank\",\"title\":" + JsonString(Title(status)) +
                           ",\"detail\":" + JsonString(detail) +
                           ",\"status\":" + std::to_string(status) +
                           ",\"request_id\":" + JsonString(request_id) + "}";
  extra.emplace_back("Content-Type", "application/problem+json");
  extra.emplace_back("X-Request-Id", request_id);
  extra.emplace_back("Access-Control-Allow-Origin", "*");
  if (ex.SendHeaders(status, extra, body.size()).ok()) (void)ex.SendBody(body);
  return status;
}

// Closes the descriptor on every path out.
struct FileCloser {
  int fd;
  ~FileCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

void SignedBlobEndpoint::Handle(common::ByteExchange& exchange) {
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = common::RandomHex(12);
  const int status = Serve(exchange, request_id);
  if (!options_.access_log) return;
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  common::LogInfo("request", {{"method", std::string(exchange.Method())},
                              {"path", options_.route_prefix + "<token>"},
                              {"status", std::to_string(status)},
                              {"us", std::to_string(micros)},
                              {"remote", std::string(exchange.RemoteAddress())},
                              {"request_id", request_id}});
}

int SignedBlobEndpoint::Serve(common::ByteExchange& ex, const std::string& request_id) {
  const bool head = ex.Method() == "HEAD";
  if (ex.Method() == "OPTIONS") {
    (void)ex.SendHeaders(204,
                         {{"Access-Control-Allow-Origin", "*"},
                          {"Access-Control-Allow-Methods", "GET, HEAD"},
                          {"Access-Control-Allow-Headers", "Range"},
                          {"Access-Control-Max-Age", "3000"}},
                         0);
    return 204;
  }
  if (ex.Method() != "GET" && !head) {
    return Problem(ex, 405, "download links accept GET and HEAD, not " + std::string(ex.Method()),
                   request_id, {{"Allow", "GET, HEAD"}});
  }
  std::string_view token = ex.Target().substr(options_.route_prefix.size());
  token = token.substr(0, token.find('?'));
  auto signed_blob = store_.url_signer().Verify(token, clock_.Now());
  if (!signed_blob.ok()) return Problem(ex, 403, signed_blob.status().message(), request_id);
  auto path = store_.LocalPath(signed_blob->key);
  FileCloser file{path.ok() ? ::open(path->c_str(), O_RDONLY | O_CLOEXEC) : -1};
  struct stat st {};
  if (file.fd < 0 || ::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return Problem(ex, 404, "the file behind this download link no longer exists", request_id);
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  common::HeaderList h = {
      {"Content-Type",
       signed_blob->content_type.empty() ? "application/octet-stream" : signed_blob->content_type},
      {"Accept-Ranges", "bytes"},
      {"X-Content-Type-Options", "nosniff"},
      {"Cache-Control", "private, max-age=0"},
      {"Access-Control-Allow-Origin", "*"},
      {"Access-Control-Expose-Headers",
       "Content-Disposition, Content-Encoding, Content-Length, Content-Range"},
      {"X-Request-Id", request_id}};
  if (!signed_blob->content_encoding.empty()) {
    h.emplace_back("Content-Encoding", signed_blob->content_encoding);
  }
  if (!signed_blob->download_name.empty()) {
    h.emplace_back("Content-Disposition",
                   blob::ContentDispositionAttachment(signed_blob->download_name));
  }
  const RangeRequest range = ParseRange(ex.Header("range"), size);
  if (range.kind == RangeKind::kUnsatisfiable) {
    return Problem(ex, 416,
                   "the requested range is outside the file (" + std::to_string(size) + " bytes)",
                   request_id, {{"Content-Range", "bytes */" + std::to_string(size)}});
  }
  ByteRange r{0, size == 0 ? 0 : size - 1};
  int status = 200;
  uint64_t length = size;
  if (range.kind == RangeKind::kPartial) {
    r = range.range;
    status = 206;
    length = r.length();
    h.emplace_back("Content-Range", "bytes " + std::to_string(r.first) + "-" +
                                        std::to_string(r.last) + "/" + std::to_string(size));
  }
  if (!ex.SendHeaders(status, h, length).ok()) return status;
  if (length > 0 && !head && !ex.SendFile(file.fd, r.first, length).ok()) ex.CloseAfterResponse();
  return status;
}

}  // namespace taiga::s3api
