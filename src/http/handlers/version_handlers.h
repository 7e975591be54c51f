// Dataset version routes: POST /api/datasetVersion, GET /api/datasetVersion/{id}, POST
// /api/datasetVersions, POST /api/datasetVersion/{id}/description|deprecate|de-deprecate|
// delete, GET /api/datasetVersion/id/find.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddVersionRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
