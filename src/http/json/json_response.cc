#include "http/json/json_response.h"

namespace taiga::http {

Response JsonResponse(const nlohmann::json& value, int status) {
  Response r;
  r.status = status;
  r.body = value.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  r.body.push_back('\n');
  return r;
}

}  // namespace taiga::http
