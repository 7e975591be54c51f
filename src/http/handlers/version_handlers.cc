#include "http/handlers/version_handlers.h"

#include "http/handlers/bind.h"
#include "http/json/dataset_json.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"

namespace taiga::http {
namespace {

using Result = common::Result<Response>;

Result Create(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  app::NewVersion v;
  TAIGA_ASSIGN_OR_RETURN(v.session_id, body.RequiredString("sessionId"));
  TAIGA_ASSIGN_OR_RETURN(v.dataset_id, body.RequiredString("datasetId"));
  TAIGA_ASSIGN_OR_RETURN(v.description, body.OptionalString("newDescription"));
  TAIGA_ASSIGN_OR_RETURN(v.changes_description, body.OptionalString("changesDescription"));
  TAIGA_ASSIGN_OR_RETURN(v.add_existing_files, body.OptionalBool("addExistingFiles"));
  auto base = body.root().find("datasetVersion");
  if (base != body.root().end() && !base->is_null()) {
    if (base->is_string()) {
      const std::string text = base->get<std::string>();
      const bool number = !text.empty() && text.size() < 10 &&
                          text.find_first_not_of("0123456789") == std::string::npos;
      if (number) {
        v.base_version_number = std::stoll(text);  // v2 clients send "2"
      } else {
        v.base_version_id = text;
      }
    } else if (base->is_number_integer()) {
      v.base_version_number = base->get<int64_t>();
    } else {
      return common::InvalidArgument(
          "'datasetVersion' must be a version id, a version number or null, not " +
          JsonTypeName(*base));
    }
  }
  TAIGA_ASSIGN_OR_RETURN(auto id, s.versions.CreateVersion(ctx, v));
  return JsonResponse(id);
}

Result Get(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto v, s.datasets.GetVersion(ctx, req.Param("datasetVersionId")));
  return JsonResponse(VersionJson(v));
}

Result GetMany(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto ids, body.RequiredStringList("datasetVersionIds"));
  TAIGA_ASSIGN_OR_RETURN(auto views, s.datasets.GetVersions(ctx, ids));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : views) out.push_back(VersionJson(v));
  return JsonResponse(out);
}

Result Describe(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto description, body.RequiredString("description"));
  TAIGA_RETURN_IF_ERROR(s.dataset_updates.SetVersionDescription(
      ctx, req.Param("datasetVersionId"), description));
  return JsonResponse(nlohmann::json::object());
}

// The reason, from an optional body ({"deprecationReason"} or {"reason"}).
common::Result<std::optional<std::string>> Reason(const Request& req, const char* field) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return std::optional<std::string>();
  }
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  return body.OptionalString(field);
}

Result Deprecate(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto reason, Reason(req, "deprecationReason"));
  TAIGA_RETURN_IF_ERROR(s.dataset_updates.SetVersionState(
      ctx, req.Param("datasetVersionId"), domain::VersionState::kDeprecated, reason));
  return JsonResponse(nlohmann::json::object());
}

Result Approve(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_RETURN_IF_ERROR(s.dataset_updates.SetVersionState(
      ctx, req.Param("datasetVersionId"), domain::VersionState::kApproved, std::nullopt));
  return JsonResponse(nlohmann::json::object());
}

Result Delete(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto reason, Reason(req, "reason"));
  TAIGA_RETURN_IF_ERROR(s.dataset_updates.SetVersionState(
      ctx, req.Param("datasetVersionId"), domain::VersionState::kDeleted, reason));
  return JsonResponse(nlohmann::json::object());
}

Result Find(ApiServices& s, Request& req, app::RequestContext& ctx) {
  auto text = req.Query("entry_submitted_by_user");
  if (!text) return common::InvalidArgument("Missing query parameter 'entry_submitted_by_user'");
  TAIGA_ASSIGN_OR_RETURN(auto id, s.datasets.FindVersionId(ctx, *text));
  return JsonResponse(id);
}

}  // namespace

void AddVersionRoutes(Router& router, ApiServices& s) {
  router.Add({"POST", "/api/datasetVersion", RouteAuth::kRequired, Bind(s, Create)});
  router.Add({"GET", "/api/datasetVersion/id/find", RouteAuth::kRequired, Bind(s, Find)});
  router.Add({"GET", "/api/datasetVersion/{datasetVersionId}", RouteAuth::kRequired,
              Bind(s, Get)});
  router.Add({"POST", "/api/datasetVersions", RouteAuth::kRequired, Bind(s, GetMany)});
  router.Add({"POST", "/api/datasetVersion/{datasetVersionId}/description", RouteAuth::kRequired,
              Bind(s, Describe)});
  router.Add({"POST", "/api/datasetVersion/{datasetVersionId}/deprecate", RouteAuth::kRequired,
              Bind(s, Deprecate)});
  router.Add({"POST", "/api/datasetVersion/{datasetVersionId}/de-deprecate",
              RouteAuth::kRequired, Bind(s, Approve)});
  router.Add({"POST", "/api/datasetVersion/{datasetVersionId}/delete", RouteAuth::kRequired,
              Bind(s, Delete)});
}

}  // namespace taiga::http
