// Task routes: GET /api/task_status/{taskStatusId} — the status of a background job.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddTaskRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
