// Editor-grant routes: GET /api/entry/{entryId}/grants, POST /api/entry/{entryId}/grants,
// POST /api/entry/{entryId}/grants/{grantId}/remove.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddGrantRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
