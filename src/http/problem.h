// The one Status → HTTP mapping, and problem+json error bodies
// ({"type","title","detail","status","request_id"}). Pure functions, thread-safe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "http/request.h"

namespace taiga::http {

// The HTTP status for a non-ok Status code.
int HttpStatusFor(common::StatusCode code);
// "Bad Request", "Not Found", ... for an HTTP status.
const char* ReasonPhrase(int http_status);
// A problem+json response for an HTTP status with a detail message.
Response ProblemResponse(int http_status, const std::string& detail,
                         const std::string& request_id);
// The same with extension members (RFC 7807 §3.2: an object whose keys join the standard ones;
// a standard key in it is ignored).
Response ProblemResponse(int http_status, const std::string& detail,
                         const std::string& request_id, const nlohmann::json& extensions);
// ProblemResponse(HttpStatusFor(status.code()), status.message(), request_id); a kInternal
// status keeps its message out of the body (it is logged instead).
Response ErrorResponse(const common::Status& status, const std::string& request_id);

}  // namespace taiga::http
