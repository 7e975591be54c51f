// Test support (included by *_test.cc only): FakeByteExchange, an in-memory common::ByteExchange
// with a given request (body delivered in small reads, optionally cut short like a client that
// goes away) that records the response; and S3TestClient, which signs requests to the embedded
// S3 endpoint the way an SDK does. Header-only so that nothing of it is linked into taiga_s3api.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <string>

#include "blob/sigv4.h"
#include "blob/upload_credentials.h"
#include "common/byte_exchange.h"
#include "common/hash.h"

namespace taiga::s3api::testing {

class FakeByteExchange final : public common::ByteExchange {
 public:
  FakeByteExchange(std::string method, std::string target, common::HeaderList headers,
                   std::string body = "")
      : method_(std::move(method)), target_(std::move(target)), body_(std::move(body)) {
    for (auto& [name, value] : headers) {
      std::string lower = name;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      headers_.emplace_back(std::move(lower), std::move(value));
    }
  }

  // The body ends (as if the client closed the connection) after `n` bytes.
  void TruncateBodyAt(size_t n) { truncate_at_ = n; }

  std::string_view Method() const override { return method_; }
  std::string_view Target() const override { return target_; }
  std::optional<std::string_view> Header(std::string_view name) const override {
    for (const auto& [n, v] : headers_) {
      if (n == name) return std::string_view(v);
    }
    return std::nullopt;
  }
  const common::HeaderList& Headers() const override { return headers_; }
  std::string_view RemoteAddress() const override { return "127.0.0.1"; }
  std::optional<uint64_t> ContentLength() const override { return body_.size(); }
  common::Result<size_t> ReadBody(char* buf, size_t n) override {
    const size_t end = std::min(body_.size(), truncate_at_.value_or(body_.size()));
    if (read_ == end && truncate_at_ && end < body_.size()) {
      return common::Unavailable("the client closed the connection");
    }
    const size_t k = std::min({n, end - read_, size_t{7777}});
    std::copy_n(body_.data() + read_, k, buf);
    read_ += k;
    return k;
  }
  common::Status SendHeaders(int status, const common::HeaderList& headers,
                             std::optional<uint64_t> content_length) override {
    if (status_ != 0) return common::FailedPrecondition("twice");
    status_ = status;
    response_headers_ = headers;
    content_length_ = content_length;
    return common::Status::Ok();
  }
  common::Status SendBody(std::string_view bytes) override {
    if (method_ != "HEAD") response_body_.append(bytes);
    return common::Status::Ok();
  }
  common::Status SendFile(int fd, uint64_t offset, uint64_t length) override {
    if (method_ == "HEAD") return common::Status::Ok();
    std::string buf(length, '\0');
    const ssize_t n = ::pread(fd, buf.data(), length, static_cast<off_t>(offset));
    if (n != static_cast<ssize_t>(length)) return common::Unavailable("short file");
    response_body_.append(buf);
    return common::Status::Ok();
  }
  void CloseAfterResponse() override { closed_ = true; }

  int status() const { return status_; }
  std::optional<std::string> ResponseHeader(std::string_view name) const {
    for (const auto& [n, v] : response_headers_) {
      std::string lower = n;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == name) return v;
    }
    return std::nullopt;
  }
  const std::string& body() const { return response_body_; }
  std::optional<uint64_t> content_length() const { return content_length_; }
  bool body_fully_read() const { return read_ == body_.size(); }

 private:
  std::string method_, target_;
  common::HeaderList headers_;
  std::string body_;
  size_t read_ = 0;
  std::optional<size_t> truncate_at_;
  int status_ = 0;
  common::HeaderList response_headers_;
  std::optional<uint64_t> content_length_;
  std::string response_body_;
  bool closed_ = false;
};

// Signs requests like boto3: Host, x-amz-date, x-amz-content-sha256 (the body's hash unless
// told otherwise), x-amz-security-token, all signed.
struct S3TestClient {
  blob::UploadCredentials credentials;
  std::string host = "127.0.0.1:8080";
  common::Timestamp time = 0;

  FakeByteExchange Request(const std::string& method, const std::string& path,
                           const blob::QueryParams& query, std::string body,
                           common::HeaderList extra = {},
                           std::optional<std::string> payload_hash = std::nullopt,
                           std::optional<std::string> secret = std::nullopt) const {
    blob::SigV4Request r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.headers = {{"Host", host}};
    for (auto& kv : extra) r.headers.push_back(kv);
    blob::SigV4SignOptions o;
    o.time = time;
    o.payload_hash = payload_hash.value_or(common::Sha256Hex(body));
    auto signed_request = blob::SignRequest(
        r,
        {credentials.access_key_id, secret.value_or(credentials.secret_access_key),
         credentials.session_token},
        o);
    common::HeaderList headers = signed_request.value().headers;  // Authorization included
    std::string target = path;
    if (!query.empty()) target += "?" + blob::EncodeQueryString(query);
    return FakeByteExchange(method, target, headers, std::move(body));
  }
};

}  // namespace taiga::s3api::testing
