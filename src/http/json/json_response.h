// JsonResponse: a 200 (or other) response carrying a JSON value, written the way Taiga 2
// wrote them: sorted keys, compact, non-ASCII escaped as \uXXXX, trailing newline.
#pragma once

#include <nlohmann/json.hpp>

#include "http/request.h"

namespace taiga::http {

Response JsonResponse(const nlohmann::json& value, int status = 200);

}  // namespace taiga::http
