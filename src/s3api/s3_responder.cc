#include "s3api/s3_responder.h"

#include "s3api/s3_error.h"

namespace taiga::s3api {

common::HeaderList S3CorsHeaders() {
  return {{"Access-Control-Allow-Origin", "*"},
          {"Access-Control-Expose-Headers", "ETag, x-amz-request-id, x-amz-version-id"}};
}

common::HeaderList S3Responder::With(common::HeaderList extra) const {
  common::HeaderList h = S3CorsHeaders();
  h.emplace_back("x-amz-request-id", request_id_);
  for (auto& kv : extra) h.push_back(std::move(kv));
  return h;
}

void S3Responder::Xml(int status, const std::string& body, common::HeaderList extra) {
  status_ = status;
  extra.emplace_back("Content-Type", "application/xml");
  if (exchange_.SendHeaders(status, With(std::move(extra)), body.size()).ok()) {
    (void)exchange_.SendBody(body);
  }
}

void S3Responder::Headers(int status, common::HeaderList extra, uint64_t content_length) {
  status_ = status;
  (void)exchange_.SendHeaders(status, With(std::move(extra)), content_length);
}

void S3Responder::Error(const common::Status& status) {
  const S3Error e = S3ErrorFromStatus(status);
  error_code_ = e.code;
  Xml(S3ErrorHttpStatus(e.code), S3ErrorXml(e, resource_, request_id_));
}

}  // namespace taiga::s3api
