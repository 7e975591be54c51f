// JSON shape of an editor grant: {id, entry_id, role, creation_date, user: NamedId|null,
// group: {id, name}|null}. Pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/rights.h"

namespace taiga::http {

nlohmann::json GrantJson(const domain::RightsGrant& grant);

}  // namespace taiga::http
