// Authenticator: decides who a request acts as. In order: `Authorization: Bearer <token>`
// (exactly that form; anything else is 401), then the web session cookie (taiga_session; a
// request it authenticates that is not GET, HEAD or OPTIONS must carry the session's CSRF token
// in X-Taiga-CSRF, else 403), then the trusted proxy's identity header (only from configured
// proxy addresses), then the configured default user (only on a loopback listener).
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "app/sign_in_service.h"
#include "app/user_service.h"
#include "common/result.h"
#include "http/request.h"

namespace taiga::http {

struct AuthOptions {
  std::optional<std::string> proxy_header;   // e.g. "X-Forwarded-Email"; none: proxy mode off
  std::vector<std::string> trusted_proxies;  // peer addresses allowed to send proxy_header
  std::optional<std::string> default_user;   // user name used when nothing else identifies
  bool loopback_listener = true;             // default_user applies only when true
};

// What identified the caller.
enum class Credential { kBearer, kCookie, kProxy, kDefaultUser };

struct Authentication {
  app::Actor actor;
  Credential credential = Credential::kBearer;
  std::optional<app::WebSignIn> session;  // kCookie: the session (its csrf_token, expiry)
};

class Authenticator {
 public:
  // `sign_ins` may be null: then cookies are ignored.
  Authenticator(app::UserService& users, app::SignInService* sign_ins, AuthOptions options);

  // Who the request acts as, and how it was told. Errors: Unauthenticated (saying what to
  // send), PermissionDenied (a cookie-authenticated write without the CSRF header),
  // Unavailable.
  common::Result<Authentication> Identify(const Request& request) const;
  // Identify(request)'s actor.
  common::Result<app::Actor> Authenticate(const Request& request) const;

  const AuthOptions& options() const { return options_; }
  // True in trusted-proxy mode (auth.proxy_header is set).
  bool proxy_mode() const { return !proxy_header_lower_.empty(); }

 private:
  common::Result<Authentication> FromBearer(std::string_view value) const;
  common::Result<Authentication> FromCookie(const Request& request,
                                            const std::string& secret) const;

  app::UserService& users_;
  app::SignInService* sign_ins_;
  AuthOptions options_;
  std::string proxy_header_lower_;
};

// "bearer", "cookie", "proxy", "default_user".
const char* CredentialName(Credential credential);

}  // namespace taiga::http
