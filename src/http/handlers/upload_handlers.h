// Upload routes: GET /api/credentials_s3, GET /api/upload_session, POST /api/datafile/{sid}.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddUploadRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
