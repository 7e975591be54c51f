#include "http/handlers/user_handlers.h"

#include "http/json/json_body.h"
#include "http/json/json_response.h"
#include "http/json/user_json.h"

namespace taiga::http {

void AddUserRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/api/user", RouteAuth::kRequired,
              [&s](Request&, app::RequestContext& ctx) -> common::Result<Response> {
                TAIGA_ASSIGN_OR_RETURN(auto user, s.users.GetUser(ctx, ctx.actor->user_id));
                return JsonResponse(UserJson(user, ctx.actor->presented_token));
              }});
  router.Add({"GET", "/api/user/all", RouteAuth::kRequired,
              [&s](Request&, app::RequestContext& ctx) -> common::Result<Response> {
                TAIGA_ASSIGN_OR_RETURN(auto users, s.users.ListUsers(ctx));
                nlohmann::json out = nlohmann::json::array();
                for (const auto& u : users) out.push_back(NamedIdJson(u));
                return JsonResponse(out);
              }});
  router.Add({"GET", "/api/tokens", RouteAuth::kRequired,
              [&s](Request&, app::RequestContext& ctx) -> common::Result<Response> {
                TAIGA_ASSIGN_OR_RETURN(auto tokens, s.users.ListTokens(ctx));
                nlohmann::json out = nlohmann::json::array();
                for (const auto& t : tokens) out.push_back(TokenJson(t));
                return JsonResponse(out);
              }});
  router.Add({"POST", "/api/tokens", RouteAuth::kRequired,
              [&s](Request& req, app::RequestContext& ctx) -> common::Result<Response> {
                TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
                TAIGA_ASSIGN_OR_RETURN(auto name, body.RequiredString("name"));
                TAIGA_ASSIGN_OR_RETURN(auto issued, s.users.CreateToken(ctx, name));
                return JsonResponse(IssuedTokenJson(issued));
              }});
  router.Add({"POST", "/api/tokens/{tokenId}/revoke", RouteAuth::kRequired,
              [&s](Request& req, app::RequestContext& ctx) -> common::Result<Response> {
                TAIGA_RETURN_IF_ERROR(s.users.RevokeToken(ctx, req.Param("tokenId")));
                return JsonResponse(nlohmann::json::object());
              }});
}

}  // namespace taiga::http
