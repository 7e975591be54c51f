// JSON shape of groups (reference: original-api.md §2.12 GroupJSON). Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/group.h"

namespace taiga::http {

// {"id","name","num_users"} plus "users" when with_users.
nlohmann::json GroupJson(const domain::Group& group, bool with_users);

}  // namespace taiga::http
