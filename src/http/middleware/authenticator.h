// Authenticator: decides who a request acts as. In order: `Authorization: Bearer <token>`
// (exactly that form; anything else is 401), then the trusted proxy's identity header (only
// from configured proxy addresses), then the configured default user (only on a loopback
// listener). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "app/user_service.h"
#include "common/result.h"
#include "http/request.h"

namespace taiga::http {

struct AuthOptions {
  std::optional<std::string> proxy_header;     // e.g. "X-Forwarded-Email"; none: proxy mode off
  std::vector<std::string> trusted_proxies;    // peer addresses allowed to send proxy_header
  std::optional<std::string> default_user;     // user name used when nothing else identifies
  bool loopback_listener = true;               // default_user applies only when true
};

class Authenticator {
 public:
  Authenticator(app::UserService& users, AuthOptions options);

  // The actor for the request. Errors: Unauthenticated (saying what to send), Unavailable.
  common::Result<app::Actor> Authenticate(const Request& request) const;

 private:
  app::UserService& users_;
  AuthOptions options_;
  std::string proxy_header_lower_;
};

}  // namespace taiga::http
