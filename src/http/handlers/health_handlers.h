// Health routes at the server root (outside the prefix): GET /healthz (the process is alive),
// GET /readyz (the database answers; 503 otherwise).
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddHealthRoutes(Router& root_router, ApiServices& services);

}  // namespace taiga::http
