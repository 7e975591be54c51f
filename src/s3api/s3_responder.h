// S3Responder: the answers of the embedded S3 endpoint. Every response carries x-amz-request-id
// and the CORS headers a browser upload needs (any origin; ETag exposed); errors are the S3
// XML document with the code's HTTP status (headers only for HEAD). Remembers what it sent, for
// the access log. One per request; not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/byte_exchange.h"
#include "common/status.h"

namespace taiga::s3api {

// Access-Control-Allow-Origin and -Expose-Headers for every response.
common::HeaderList S3CorsHeaders();

class S3Responder {
 public:
  S3Responder(common::ByteExchange& exchange, std::string request_id, std::string resource)
      : exchange_(exchange), request_id_(std::move(request_id)), resource_(std::move(resource)) {}

  // An XML document (Content-Type application/xml).
  void Xml(int status, const std::string& body, common::HeaderList extra = {});
  // A response without body; `content_length` is what HEAD announces (0 for others).
  void Headers(int status, common::HeaderList extra = {}, uint64_t content_length = 0);
  // The S3 error a Status stands for (see s3_error.h).
  void Error(const common::Status& status);

  int status() const { return status_; }
  const std::string& error_code() const { return error_code_; }
  const std::string& request_id() const { return request_id_; }

 private:
  common::HeaderList With(common::HeaderList extra) const;

  common::ByteExchange& exchange_;
  std::string request_id_;
  std::string resource_;
  int status_ = 0;
  std::string error_code_;
};

}  // namespace taiga::s3api
