#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace taiga::http {

int HttpStatusFor(common::StatusCode code) {
  using common::StatusCode;
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kConflict: return 409;
    case StatusCode::kAborted: return 503;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kPayloadTooLarge: return 413;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

const char* ReasonPhrase(int s) {
  switch (s) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 301: return "Moved Permanently";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
  }
  return "Error";
}

Response ProblemResponse(int http_status, const std::string& detail,
                         const std::string& request_id) {
  return ProblemResponse(http_status, detail, request_id, nlohmann::json::object());
}

Response ProblemResponse(int http_status, const std::string& detail,
                         const std::string& request_id, const nlohmann::json& extensions) {
  nlohmann::json body = extensions.is_object() ? extensions : nlohmann::json::object();
  body["type"] = "about:blank";
  body["title"] = ReasonPhrase(http_status);
  body["detail"] = detail;
  body["status"] = http_status;
  body["request_id"] = request_id;
  Response r;
  r.status = http_status;
  r.content_type = "application/problem+json";
  r.body = body.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + "\n";
  return r;
}

Response ErrorResponse(const common::Status& status, const std::string& request_id) {
  if (status.code() == common::StatusCode::kInternal) {
    return ProblemResponse(500, "internal error; quote request id " + request_id + " when reporting it",
                           request_id);
  }
  if (status.code() == common::StatusCode::kUnavailable ||
      status.code() == common::StatusCode::kAborted) {
    Response r = ProblemResponse(503, status.message(), request_id);
    r.AddHeader("Retry-After", "1");
    return r;
  }
  Response r = ProblemResponse(HttpStatusFor(status.code()), status.message(), request_id);
  if (r.status == 401) r.AddHeader("WWW-Authenticate", "Bearer realm=\"taiga\"");
  return r;
}

}  // namespace taiga::http
