// OpenWebUi: the web UI the server serves under {prefix}/ — the files compiled into the binary
// from web/dist (empty when it was not built: then a page saying how to build it), or those of
// the directory `web.dir` when it is set.
#pragma once

#include <memory>

#include "common/result.h"
#include "main/config.h"
#include "web/static_site.h"

namespace taiga::main {

// Errors: InvalidArgument when web.dir is set but is not a directory.
common::Result<std::unique_ptr<web::StaticSite>> OpenWebUi(const Config& config);

}  // namespace taiga::main
