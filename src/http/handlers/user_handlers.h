// Routes of the caller's user, all users, and API tokens:
// GET /api/user, GET /api/user/all, GET|POST /api/tokens, POST /api/tokens/{tokenId}/revoke.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddUserRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
