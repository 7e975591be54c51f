#include "http/handlers/session_handlers.h"

#include "app/sign_in_secrets.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"
#include "http/json/session_json.h"
#include "http/problem.h"

namespace taiga::http {
namespace {

constexpr size_t kMaxTokenBytes = 512;

// A new session's cookie, on a response that must never be cached.
void AddSessionCookie(Response& r, const Request& req, const SessionCookie& cookie,
                      const app::WebSignIn& signed_in) {
  const int64_t max_age = (signed_in.session.expires_at - signed_in.session.created_at) / 1'000'000;
  r.AddHeader("Set-Cookie", cookie.Set(req, signed_in.secret, max_age));
  r.AddHeader("Cache-Control", "no-store");
}

// GET /signin?code=...: redeems the code, sets the cookie and sends the browser to the UI.
common::Result<Response> RedeemSignInLink(ApiServices& s, const SessionCookie& cookie,
                                          const std::string& home, Request& req) {
  if (req.method == "HEAD") {
    return common::InvalidArgument(
        "open the sign-in link with GET (in a browser); HEAD would "
        "not sign in");
  }
  auto code = req.Query("code");
  if (!code || code->empty()) {
    return common::InvalidArgument(
        "'code' is missing: open the whole sign-in link that `taiga serve` or `taiga signin-url` "
        "printed");
  }
  TAIGA_ASSIGN_OR_RETURN(auto signed_in, s.sign_ins.RedeemCode(*code));
  Response r;
  r.status = 303;
  r.content_type.clear();
  r.AddHeader("Location", home);
  r.AddHeader("Referrer-Policy", "no-referrer");
  AddSessionCookie(r, req, cookie, signed_in);
  return r;
}

// The session as JSON, with the caller's user record.
common::Result<nlohmann::json> SessionBody(ApiServices& s, const Authenticator& auth,
                                           app::RequestContext& ctx, const Authentication& who) {
  ctx.actor = who.actor;
  TAIGA_ASSIGN_OR_RETURN(auto user, s.users.GetUser(ctx, who.actor.user_id));
  return SessionJson(auth.proxy_mode(), who, user);
}

// GET /api/session: the signed-in caller, or 401 saying how to sign in.
common::Result<Response> CurrentSession(ApiServices& s, const Authenticator& auth,
                                        const SessionCookie& cookie, Request& req,
                                        app::RequestContext& ctx) {
  auto who = auth.Identify(req);
  if (who.ok()) {
    TAIGA_ASSIGN_OR_RETURN(auto body, SessionBody(s, auth, ctx, *who));
    Response r = JsonResponse(body);
    r.AddHeader("Cache-Control", "no-store");
    return r;
  }
  if (who.status().code() != common::StatusCode::kUnauthenticated) return who.status();
  Response r = ProblemResponse(401, who.status().message(), req.request_id,
                               SignInRequiredJson(auth.proxy_mode()));
  r.AddHeader("Cache-Control", "no-store");
  if (SessionCookie::Read(req)) r.AddHeader("Set-Cookie", cookie.Clear(req));  // a dead session
  return r;
}

// POST /api/session {"token": "..."}: a session for the token's owner.
common::Result<Response> SignInWithToken(ApiServices& s, const Authenticator& auth,
                                         const SessionCookie& cookie, Request& req,
                                         app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_RETURN_IF_ERROR(body.RequireObject());
  TAIGA_ASSIGN_OR_RETURN(auto token, body.RequiredString("token"));
  const auto first = token.find_first_not_of(" \t\r\n");  // pasted with white space around
  token = first == std::string::npos
              ? std::string()
              : token.substr(first, token.find_last_not_of(" \t\r\n") - first + 1);
  if (token.empty() || token.size() > kMaxTokenBytes) {
    return common::InvalidArgument("'token' must be an API token (1 to 512 characters)");
  }
  TAIGA_ASSIGN_OR_RETURN(auto signed_in, s.sign_ins.SignInWithToken(token));
  if (auto old = SessionCookie::Read(req)) (void)s.sign_ins.SignOut(*old);  // replaced
  Authentication as{signed_in.actor, Credential::kCookie, signed_in};
  TAIGA_ASSIGN_OR_RETURN(auto json, SessionBody(s, auth, ctx, as));
  Response r = JsonResponse(json);
  AddSessionCookie(r, req, cookie, signed_in);
  return r;
}

// DELETE /api/session: ends the cookie's session (with its CSRF token) and clears the cookie.
common::Result<Response> SignOut(ApiServices& s, const SessionCookie& cookie, Request& req) {
  if (auto secret = SessionCookie::Read(req)) {
    auto presented = req.Header(kCsrfHeaderLower);
    if (!presented || !app::CsrfTokenMatches(app::CsrfTokenFor(*secret), *presented)) {
      return common::PermissionDenied(std::string("signing out needs the header ") + kCsrfHeader +
                                      " with the csrf_token of GET /api/session");
    }
    TAIGA_RETURN_IF_ERROR(s.sign_ins.SignOut(*secret));
  }
  Response r = JsonResponse(nlohmann::json::object());
  r.AddHeader("Set-Cookie", cookie.Clear(req));
  r.AddHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddSessionRoutes(Router& router, ApiServices& s, const Authenticator& auth,
                      SessionCookie cookie, const std::string& prefix) {
  const std::string home = prefix + "/";
  router.Add(
      {"GET", "/signin", RouteAuth::kNone, [&s, cookie, home](Request& req, app::RequestContext&) {
         return RedeemSignInLink(s, cookie, home, req);
       }});
  router.Add({"GET", "/api/session", RouteAuth::kNone,
              [&s, &auth, cookie](Request& req, app::RequestContext& ctx) {
                return CurrentSession(s, auth, cookie, req, ctx);
              }});
  router.Add({"POST", "/api/session", RouteAuth::kNone,
              [&s, &auth, cookie](Request& req, app::RequestContext& ctx) {
                return SignInWithToken(s, auth, cookie, req, ctx);
              }});
  router.Add(
      {"DELETE", "/api/session", RouteAuth::kNone,
       [&s, cookie](Request& req, app::RequestContext&) { return SignOut(s, cookie, req); }});
}

}  // namespace taiga::http
