// JSON shapes of the web sign-in routes (GET/POST /api/session and the 401 that tells the UI
// how to sign in). The only place their field names are written. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/user.h"
#include "http/middleware/authenticator.h"

namespace taiga::http {

// {"mode", "credential", "user": UserJSON (as GET /api/user, "token" null), "is_admin",
// "csrf_token", "csrf_header", "expires_at"}; the last three are null unless the session cookie
// signed the caller in.
nlohmann::json SessionJson(bool proxy_mode, const Authentication& auth, const domain::User& user);
// The problem extension members of a 401 from GET /api/session: {"mode", "signin_methods"}.
nlohmann::json SignInRequiredJson(bool proxy_mode);

}  // namespace taiga::http
