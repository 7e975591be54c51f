#include "http/json/group_json.h"

#include "http/json/user_json.h"

namespace taiga::http {

nlohmann::json GroupJson(const domain::Group& g, bool with_users) {
  nlohmann::json j = {{"id", g.id}, {"name", g.name}, {"num_users", g.num_users}};
  if (with_users) {
    nlohmann::json users = nlohmann::json::array();
    for (const auto& u : g.users) users.push_back(NamedIdJson(u));
    j["users"] = std::move(users);
  }
  return j;
}

}  // namespace taiga::http
