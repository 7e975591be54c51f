// Group routes: GET /api/group/allJoined, GET /api/group/{groupId}, POST /api/group/create,
// POST /api/group/{groupId}/add|remove.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddGroupRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
