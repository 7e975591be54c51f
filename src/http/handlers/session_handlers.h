// Web UI sign-in routes: GET /signin?code= (redeems a one-time sign-in link: sets the session
// cookie, 303 to {prefix}/), GET /api/session (who is signed in, how, and the CSRF token; 401
// with the sign-in methods when nobody is), POST /api/session {"token"} (signs in with an API
// token), DELETE /api/session (signs out). The routes authenticate for themselves (RouteAuth::
// kNone) because a missing sign-in is an answer here, not an error of the route.
#pragma once

#include "http/api_services.h"
#include "http/middleware/authenticator.h"
#include "http/middleware/session_cookie.h"
#include "http/router.h"

namespace taiga::http {

// `prefix` is the URL prefix ("" or e.g. "/taiga"): sign-in links redirect to {prefix}/.
void AddSessionRoutes(Router& router, ApiServices& services, const Authenticator& auth,
                      SessionCookie cookie, const std::string& prefix);

}  // namespace taiga::http
