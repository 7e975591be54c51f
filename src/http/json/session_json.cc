#include "http/json/session_json.h"

#include "common/clock.h"
#include "http/json/user_json.h"
#include "http/middleware/session_cookie.h"

namespace taiga::http {
namespace {

const char* Mode(bool proxy_mode) { return proxy_mode ? "proxy" : "embedded"; }

}  // namespace

nlohmann::json SessionJson(bool proxy_mode, const Authentication& auth, const domain::User& user) {
  nlohmann::json out = {{"mode", Mode(proxy_mode)},
                        {"credential", CredentialName(auth.credential)},
                        {"user", UserJson(user, std::nullopt)},
                        {"is_admin", auth.actor.is_admin},
                        {"csrf_token", nullptr},
                        {"csrf_header", nullptr},
                        {"expires_at", nullptr}};
  if (auth.session) {
    out["csrf_token"] = auth.session->csrf_token;
    out["csrf_header"] = kCsrfHeader;
    out["expires_at"] = common::FormatIsoTimestamp(auth.session->session.expires_at);
  }
  return out;
}

nlohmann::json SignInRequiredJson(bool proxy_mode) {
  nlohmann::json methods = nlohmann::json::array();
  if (proxy_mode) methods.push_back("proxy");
  methods.push_back("token");
  methods.push_back("code");
  return {{"mode", Mode(proxy_mode)}, {"signin_methods", methods}};
}

}  // namespace taiga::http
