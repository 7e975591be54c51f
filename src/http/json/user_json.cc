#include "http/json/user_json.h"

#include "common/clock.h"

namespace taiga::http {

nlohmann::json NamedIdJson(const domain::NamedId& n) { return {{"id", n.id}, {"name", n.name}}; }

nlohmann::json UserJson(const domain::User& user, const std::optional<std::string>& token) {
  return {{"id", user.id},
          {"name", user.name},
          {"email", user.email},
          {"home_folder_id", user.home_folder_id},
          {"trash_folder_id", user.trash_folder_id},
          {"token", token ? nlohmann::json(*token) : nlohmann::json(nullptr)},
          {"figshare_account_linked", false}};
}

nlohmann::json TokenJson(const domain::ApiToken& t) {
  auto ts = [](const std::optional<common::Timestamp>& v) {
    return v ? nlohmann::json(common::FormatIsoTimestamp(*v)) : nlohmann::json(nullptr);
  };
  return {{"id", t.id},
          {"name", t.name},
          {"creation_date", common::FormatIsoTimestamp(t.created_at)},
          {"last_used", ts(t.last_used_at)},
          {"revoked", ts(t.revoked_at)}};
}

nlohmann::json IssuedTokenJson(const app::IssuedToken& issued) {
  auto j = TokenJson(issued.token);
  j["token"] = issued.secret;
  return j;
}

}  // namespace taiga::http
