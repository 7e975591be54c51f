#include "s3api/s3_error.h"

#include <cctype>
#include <map>

#include "s3api/s3_xml.h"

namespace taiga::s3api {
namespace {

const std::map<std::string_view, int>& Statuses() {
  static const std::map<std::string_view, int> kStatuses = {
      {"AccessDenied", 403},
      {"AuthorizationHeaderMalformed", 400},
      {"AuthorizationQueryParametersError", 400},
      {"BadDigest", 400},
      {"EntityTooLarge", 400},
      {"EntityTooSmall", 400},
      {"ExpiredToken", 400},
      {"IncompleteBody", 400},
      {"InternalError", 500},
      {"InvalidAccessKeyId", 403},
      {"InvalidArgument", 400},
      {"InvalidChunkSizeError", 400},
      {"InvalidDigest", 400},
      {"InvalidPart", 400},
      {"InvalidPartOrder", 400},
      {"InvalidRequest", 400},
      {"InvalidToken", 400},
      {"KeyTooLongError", 400},
      {"MalformedXML", 400},
      {"MethodNotAllowed", 405},
      {"MissingContentLength", 411},
      {"NoSuchBucket", 404},
      {"NoSuchKey", 404},
      {"NoSuchUpload", 404},
      {"NotImplemented", 501},
      {"RequestTimeTooSkewed", 403},
      {"ServiceUnavailable", 503},
      {"SignatureDoesNotMatch", 403},
      {"XAmzContentSHA256Mismatch", 400},
  };
  return kStatuses;
}

// "Code" of a "Code: message" status message (letters and digits, starting upper-case), or "".
std::string_view CodePrefix(std::string_view m) {
  const size_t colon = m.find(": ");
  if (colon == std::string_view::npos || colon < 2 || !(m[0] >= 'A' && m[0] <= 'Z')) return {};
  for (char c : m.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return {};
  }
  return m.substr(0, colon);
}

}  // namespace

int S3ErrorHttpStatus(std::string_view code) {
  auto it = Statuses().find(code);
  return it == Statuses().end() ? 400 : it->second;
}

common::Status S3Status(std::string_view code, std::string message) {
  const int http = S3ErrorHttpStatus(code);
  common::StatusCode sc = common::StatusCode::kInvalidArgument;
  if (http == 403) sc = common::StatusCode::kPermissionDenied;
  if (http == 404) sc = common::StatusCode::kNotFound;
  if (http == 500) sc = common::StatusCode::kInternal;
  if (http == 501 || http == 405) sc = common::StatusCode::kFailedPrecondition;
  if (http == 503) sc = common::StatusCode::kUnavailable;
  return common::Status(sc, std::string(code) + ": " + message);
}

S3Error S3ErrorFromStatus(const common::Status& status) {
  const std::string_view code = CodePrefix(status.message());
  if (!code.empty()) {
    return {std::string(code), status.message().substr(code.size() + 2)};
  }
  using common::StatusCode;
  switch (status.code()) {
    case StatusCode::kNotFound:
      return {"NoSuchKey", status.message()};
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated:
      return {"AccessDenied", status.message()};
    case StatusCode::kPayloadTooLarge:
      return {"EntityTooLarge", status.message()};
    case StatusCode::kUnavailable:
      return {"ServiceUnavailable", status.message()};
    case StatusCode::kInternal:
      return {"InternalError", status.message()};
    default:
      return {"InvalidRequest", status.message()};
  }
}

std::string S3ErrorXml(const S3Error& error, std::string_view resource,
                       std::string_view request_id) {
  return std::string(kXmlDeclaration) + "<Error><Code>" + XmlEscape(error.code) +
         "</Code><Message>" + XmlEscape(error.message) + "</Message><Resource>" +
         XmlEscape(resource) + "</Resource><RequestId>" + XmlEscape(request_id) +
         "</RequestId></Error>";
}

}  // namespace taiga::s3api
