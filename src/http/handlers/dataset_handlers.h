// Dataset routes: POST /api/dataset, GET /api/dataset/{datasetId}, GET
// /api/dataset/{datasetId}/{datasetVersionId}, GET .../last, POST .../name|description, GET
// .../activityLog, DELETE /api/dataset/{datasetId} (permanent, from the Trash), POST
// /api/datasets.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddDatasetRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
