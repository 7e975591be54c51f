// JSON shapes of users and tokens (reference: original-api.md §2.12 UserJSON, NamedId).
// The only place their field names are written. Pure functions.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/user_service.h"
#include "domain/api_token.h"
#include "domain/user.h"

namespace taiga::http {

nlohmann::json NamedIdJson(const domain::NamedId& n);
// UserJSON; `token` is the caller's own presented token (null when signed in otherwise).
nlohmann::json UserJson(const domain::User& user, const std::optional<std::string>& token);
// A token's metadata (never its secret or hash).
nlohmann::json TokenJson(const domain::ApiToken& token);
// A freshly issued token: metadata plus the secret, shown once.
nlohmann::json IssuedTokenJson(const app::IssuedToken& issued);

}  // namespace taiga::http
