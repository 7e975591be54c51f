#include "http/middleware/authenticator.h"

#include <algorithm>
#include <cctype>

#include "common/log.h"

namespace taiga::http {

Authenticator::Authenticator(app::UserService& users, AuthOptions options)
    : users_(users), options_(std::move(options)) {
  if (options_.proxy_header) {
    proxy_header_lower_ = *options_.proxy_header;
    std::transform(proxy_header_lower_.begin(), proxy_header_lower_.end(),
                   proxy_header_lower_.begin(), [](unsigned char c) { return std::tolower(c); });
  }
}

common::Result<app::Actor> Authenticator::Authenticate(const Request& req) const {
  if (auto auth = req.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    std::string_view value = *auth;
    if (value.substr(0, kBearer.size()) != kBearer) {
      return common::Unauthenticated(
          "the Authorization header must be 'Bearer <token>'");
    }
    std::string_view token = value.substr(kBearer.size());
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
    if (token.empty() || token.find_first_of(" \t") != std::string_view::npos ||
        token.size() > 512) {
      return common::Unauthenticated("the Authorization header must be 'Bearer <token>'");
    }
    return users_.AuthenticateToken(std::string(token));
  }
  if (!proxy_header_lower_.empty()) {
    if (auto who = req.Header(proxy_header_lower_)) {
      const auto& trusted = options_.trusted_proxies;
      if (std::find(trusted.begin(), trusted.end(), req.remote_address) != trusted.end()) {
        return users_.AuthenticateProxyEmail(std::string(*who));
      }
      common::LogWarn("ignored identity header from an untrusted address",
                      {{"remote", req.remote_address}, {"request_id", req.request_id}});
    }
  }
  if (options_.default_user && options_.loopback_listener) {
    return users_.ActorForName(*options_.default_user);
  }
  return common::Unauthenticated(
      "sign in first: send 'Authorization: Bearer <token>' (see the token page or "
      "<data-dir>/admin-token)");
}

}  // namespace taiga::http
