// Data file routes: GET /api/datafile (download information and signed URLs), GET
// /api/datafile/short_summary, GET /api/datafile/column_types, GET and POST
// /api/datafile-preview/{id} (the id may be a taiga id with '/').
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

void AddDatafileRoutes(Router& router, ApiServices& services);

}  // namespace taiga::http
