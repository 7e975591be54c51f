#include "http/handlers/grant_handlers.h"

#include "http/handlers/bind.h"
#include "http/json/grant_json.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"

namespace taiga::http {
namespace {

using Result = common::Result<Response>;

Result List(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto grants, s.grants.List(ctx, req.Param("entryId")));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : grants) out.push_back(GrantJson(g));
  return JsonResponse(out);
}

Result Add(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  app::NewGrant grant;
  TAIGA_ASSIGN_OR_RETURN(grant.user_id, body.OptionalString("userId"));
  auto group = body.root().find("groupId");
  if (group != body.root().end() && !group->is_null()) {
    if (!group->is_number_integer()) {
      return common::InvalidArgument("'groupId' must be an integer, not " + JsonTypeName(*group));
    }
    grant.group_id = group->get<int64_t>();
  }
  TAIGA_ASSIGN_OR_RETURN(auto role, body.OptionalString("role"));
  if (role) grant.role = *role;
  TAIGA_ASSIGN_OR_RETURN(auto added, s.grants.Add(ctx, req.Param("entryId"), grant));
  return JsonResponse(GrantJson(added));
}

Result Remove(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_RETURN_IF_ERROR(s.grants.Remove(ctx, req.Param("entryId"), req.Param("grantId")));
  return JsonResponse(nlohmann::json::object());
}

}  // namespace

void AddGrantRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/api/entry/{entryId}/grants", RouteAuth::kRequired, Bind(s, List)});
  router.Add({"POST", "/api/entry/{entryId}/grants", RouteAuth::kRequired, Bind(s, Add)});
  router.Add({"POST", "/api/entry/{entryId}/grants/{grantId}/remove", RouteAuth::kRequired,
              Bind(s, Remove)});
}

}  // namespace taiga::http
