#include "blob/s3/s3_error.h"

#include <string>

#include "blob/s3/s3_xml.h"

namespace taiga::blob {

bool IsS3ErrorBody(std::string_view body) {
  const size_t lt = body.find("<Error>");
  return lt != std::string_view::npos && body.find("<Code>", lt) != std::string_view::npos;
}

common::Status S3ErrorToStatus(long status, std::string_view body, std::string_view what) {
  const std::string code = XmlText(body, "Code").value_or("");
  const std::string message = XmlText(body, "Message").value_or("");
  std::string m = "S3 " + std::string(what) + ": " + (code.empty() ? "error" : code);
  if (!message.empty()) m += ": " + message;
  m += " (HTTP " + std::to_string(status) + ")";

  if (code == "NoSuchKey" || code == "NoSuchUpload" || (code.empty() && status == 404)) {
    return common::NotFound(m);
  }
  if (code == "NoSuchBucket") {
    return common::FailedPrecondition(m + "; create the bucket or fix the configuration");
  }
  if (code == "AccessDenied" || code == "SignatureDoesNotMatch" || code == "InvalidAccessKeyId" ||
      code == "InvalidToken" || code == "ExpiredToken" || code == "RequestTimeTooSkewed" ||
      code == "AllAccessDisabled" || status == 403) {
    return common::PermissionDenied(m);
  }
  if (code == "InvalidRange" || status == 416) return common::InvalidArgument(m);
  if (code == "SlowDown" || code == "ServiceUnavailable" || code == "InternalError" ||
      code == "RequestTimeout" || status >= 500 || status == 0) {
    return common::Unavailable(m);
  }
  if (status == 409) return common::Conflict(m);
  return common::Internal(m);
}

}  // namespace taiga::blob
