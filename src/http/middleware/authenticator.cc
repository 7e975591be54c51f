#include "http/middleware/authenticator.h"

#include <algorithm>
#include <cctype>

#include "app/sign_in_secrets.h"
#include "common/log.h"
#include "http/middleware/session_cookie.h"

namespace taiga::http {
namespace {

bool IsSafeMethod(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

}  // namespace

const char* CredentialName(Credential c) {
  switch (c) {
    case Credential::kBearer:
      return "bearer";
    case Credential::kCookie:
      return "cookie";
    case Credential::kProxy:
      return "proxy";
    case Credential::kDefaultUser:
      return "default_user";
  }
  return "bearer";
}

Authenticator::Authenticator(app::UserService& users, app::SignInService* sign_ins,
                             AuthOptions options)
    : users_(users), sign_ins_(sign_ins), options_(std::move(options)) {
  if (options_.proxy_header) {
    proxy_header_lower_ = *options_.proxy_header;
    std::transform(proxy_header_lower_.begin(), proxy_header_lower_.end(),
                   proxy_header_lower_.begin(), [](unsigned char c) { return std::tolower(c); });
  }
}

common::Result<Authentication> Authenticator::FromBearer(std::string_view value) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (value.substr(0, kBearer.size()) != kBearer) {
    return common::Unauthenticated("the Authorization header must be 'Bearer <token>'");
  }
  std::string_view token = value.substr(kBearer.size());
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.remove_suffix(1);
  if (token.empty() || token.find_first_of(" \t") != std::string_view::npos || token.size() > 512) {
    return common::Unauthenticated("the Authorization header must be 'Bearer <token>'");
  }
  TAIGA_ASSIGN_OR_RETURN(auto actor, users_.AuthenticateToken(std::string(token)));
  return Authentication{std::move(actor), Credential::kBearer, std::nullopt};
}

common::Result<Authentication> Authenticator::FromCookie(const Request& req,
                                                         const std::string& secret) const {
  TAIGA_ASSIGN_OR_RETURN(auto signed_in, sign_ins_->Authenticate(secret));
  if (!IsSafeMethod(req.method)) {
    auto presented = req.Header(kCsrfHeaderLower);
    if (!presented || !app::CsrfTokenMatches(signed_in.csrf_token, *presented)) {
      return common::PermissionDenied(
          std::string("a request signed in by the session cookie must send the header ") +
          kCsrfHeader + " with the csrf_token of GET /api/session (or use a bearer token)");
    }
  }
  Authentication out{signed_in.actor, Credential::kCookie, std::move(signed_in)};
  return out;
}

common::Result<Authentication> Authenticator::Identify(const Request& req) const {
  if (auto auth = req.Header("authorization")) return FromBearer(*auth);
  std::optional<common::Status> cookie_failure;
  if (sign_ins_ != nullptr) {
    if (auto secret = SessionCookie::Read(req)) {
      auto from_cookie = FromCookie(req, *secret);
      if (from_cookie.ok() || from_cookie.status().code() != common::StatusCode::kUnauthenticated) {
        return from_cookie;
      }
      cookie_failure = from_cookie.status();  // a dead session: other credentials may still do
    }
  }
  if (!proxy_header_lower_.empty()) {
    if (auto who = req.Header(proxy_header_lower_)) {
      const auto& trusted = options_.trusted_proxies;
      if (std::find(trusted.begin(), trusted.end(), req.remote_address) != trusted.end()) {
        TAIGA_ASSIGN_OR_RETURN(auto actor, users_.AuthenticateProxyEmail(std::string(*who)));
        return Authentication{std::move(actor), Credential::kProxy, std::nullopt};
      }
      common::LogWarn("ignored identity header from an untrusted address",
                      {{"remote", req.remote_address}, {"request_id", req.request_id}});
    }
  }
  if (options_.default_user && options_.loopback_listener) {
    TAIGA_ASSIGN_OR_RETURN(auto actor, users_.ActorForName(*options_.default_user));
    return Authentication{std::move(actor), Credential::kDefaultUser, std::nullopt};
  }
  if (cookie_failure) return *cookie_failure;
  return common::Unauthenticated(
      "sign in first: send 'Authorization: Bearer <token>' (see the token page or "
      "<data-dir>/admin-token), or sign in to the web UI");
}

common::Result<app::Actor> Authenticator::Authenticate(const Request& req) const {
  TAIGA_ASSIGN_OR_RETURN(auto auth, Identify(req));
  return std::move(auth.actor);
}

}  // namespace taiga::http
