// Folder routes: GET /api/folder/{folderId}, POST /api/folder/create,
// POST /api/folder/{folderId}/name|description, POST /api/move, POST /api/copy.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddFolderRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
