#include "http/json/grant_json.h"

#include "common/clock.h"

namespace taiga::http {

nlohmann::json GrantJson(const domain::RightsGrant& g) {
  nlohmann::json user = nullptr;
  if (g.user_id) user = {{"id", *g.user_id}, {"name", g.user_name.value_or("")}};
  nlohmann::json group = nullptr;
  if (g.group_id) group = {{"id", *g.group_id}, {"name", g.group_name.value_or("")}};
  return {{"id", g.id},
          {"entry_id", g.entry_id},
          {"role", g.role},
          {"creation_date", common::FormatIsoTimestamp(g.created_at)},
          {"user", std::move(user)},
          {"group", std::move(group)}};
}

}  // namespace taiga::http
