// VisibleParents: the folders an entry sits in that the caller may see listed — Public, ones
// the caller created, ones the caller has visited (access log), or all of them for Admin.
#pragma once

#include <string>
#include <vector>

#include "app/request_context.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/user.h"

namespace taiga::app {

// Errors: Unavailable.
common::Result<std::vector<domain::NamedId>> VisibleParents(db::Transaction& tx,
                                                            const RequestContext& ctx,
                                                            const std::string& entry_id);

}  // namespace taiga::app
