#include "http/handlers/group_handlers.h"

#include <charconv>

#include "http/json/group_json.h"
#include "http/handlers/bind.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"

namespace taiga::http {
namespace {

using Result = common::Result<Response>;

common::Result<int64_t> GroupId(const Request& req) {
  const std::string& text = req.Param("groupId");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return common::NotFound("no group with id '" + text + "' (group ids are positive integers)");
  }
  return id;
}

Result ListJoined(ApiServices& s, Request&, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto groups, s.groups.ListJoined(ctx));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : groups) out.push_back(GroupJson(g, false));
  return JsonResponse(out);
}

Result Get(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(int64_t id, GroupId(req));
  TAIGA_ASSIGN_OR_RETURN(auto group, s.groups.Get(ctx, id));
  return JsonResponse(GroupJson(group, true));
}

Result Create(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto name, body.RequiredString("name"));
  TAIGA_ASSIGN_OR_RETURN(auto group, s.groups.Create(ctx, name));
  return JsonResponse(GroupJson(group, true));
}

Result Change(ApiServices& s, Request& req, app::RequestContext& ctx, bool add) {
  TAIGA_ASSIGN_OR_RETURN(int64_t id, GroupId(req));
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto user_ids, body.RequiredStringList("userIds"));
  TAIGA_ASSIGN_OR_RETURN(auto group, add ? s.groups.AddMembers(ctx, id, user_ids)
                                         : s.groups.RemoveMembers(ctx, id, user_ids));
  return JsonResponse(GroupJson(group, true));
}

Result Add(ApiServices& s, Request& req, app::RequestContext& ctx) {
  return Change(s, req, ctx, true);
}
Result Remove(ApiServices& s, Request& req, app::RequestContext& ctx) {
  return Change(s, req, ctx, false);
}

}  // namespace

void AddGroupRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/api/group/allJoined", RouteAuth::kRequired, Bind(s, ListJoined)});
  router.Add({"POST", "/api/group/create", RouteAuth::kRequired, Bind(s, Create)});
  router.Add({"GET", "/api/group/{groupId}", RouteAuth::kRequired, Bind(s, Get)});
  router.Add({"POST", "/api/group/{groupId}/add", RouteAuth::kRequired, Bind(s, Add)});
  router.Add({"POST", "/api/group/{groupId}/remove", RouteAuth::kRequired, Bind(s, Remove)});
}

}  // namespace taiga::http
