// OpenDatabase: the concrete database for a URL (sqlite:PATH or postgresql://...), opened and
// migrated. The only place besides runtime.cc that names backends.
#pragma once

#include <memory>

#include "common/result.h"
#include "db/database.h"
#include "main/config.h"

namespace taiga::main {

// Errors: InvalidArgument (bad URL), Unavailable (cannot connect or migrate).
common::Result<std::unique_ptr<db::Database>> OpenDatabase(const Config& config);

}  // namespace taiga::main
