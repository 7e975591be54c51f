#include "http/handlers/dataset_handlers.h"

#include "http/handlers/bind.h"
#include "http/json/dataset_json.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"

namespace taiga::http {
namespace {

using Result = common::Result<Response>;

Result Create(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  app::NewDataset d;
  TAIGA_ASSIGN_OR_RETURN(d.session_id, body.RequiredString("sessionId"));
  TAIGA_ASSIGN_OR_RETURN(d.name, body.RequiredString("datasetName"));
  TAIGA_ASSIGN_OR_RETURN(d.folder_id, body.RequiredString("currentFolderId"));
  TAIGA_ASSIGN_OR_RETURN(d.description, body.OptionalString("datasetDescription"));
  TAIGA_ASSIGN_OR_RETURN(auto id, s.versions.CreateDataset(ctx, d));
  return JsonResponse(id);
}

Result Get(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto view, s.datasets.GetDataset(ctx, req.Param("datasetId")));
  return JsonResponse(DatasetJson(view));
}

Result GetWithVersion(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto both, s.datasets.GetDatasetVersion(ctx, req.Param("datasetId"),
                                                                 req.Param("datasetVersionId")));
  return JsonResponse(
      {{"dataset", DatasetJson(both.dataset)}, {"datasetVersion", VersionJson(both.version)}});
}

Result Last(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto v, s.datasets.LatestVersion(ctx, req.Param("datasetId")));
  return JsonResponse(VersionJson(v));
}

Result Rename(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto name, body.RequiredString("name"));
  TAIGA_RETURN_IF_ERROR(s.dataset_updates.Rename(ctx, req.Param("datasetId"), name));
  return JsonResponse(req.Param("datasetId"));
}

Result Describe(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto description, body.RequiredString("description"));
  TAIGA_RETURN_IF_ERROR(
      s.dataset_updates.SetDescription(ctx, req.Param("datasetId"), description));
  return JsonResponse(req.Param("datasetId"));
}

Result ActivityLog(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto log, s.datasets.ActivityLog(ctx, req.Param("datasetId")));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : log) out.push_back(ActivityJson(a));
  return JsonResponse(out);
}

Result Delete(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_RETURN_IF_ERROR(s.dataset_updates.DeletePermanently(ctx, req.Param("datasetId")));
  return JsonResponse(nlohmann::json::object());
}

Result GetMany(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto ids, body.RequiredStringList("datasetIds"));
  TAIGA_ASSIGN_OR_RETURN(auto views, s.datasets.GetDatasets(ctx, ids));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : views) out.push_back(DatasetFullJson(v));
  return JsonResponse(out);
}

}  // namespace

void AddDatasetRoutes(Router& router, ApiServices& s) {
  router.Add({"POST", "/api/dataset", RouteAuth::kRequired, Bind(s, Create)});
  router.Add({"GET", "/api/dataset/{datasetId}", RouteAuth::kRequired, Bind(s, Get)});
  router.Add({"DELETE", "/api/dataset/{datasetId}", RouteAuth::kRequired, Bind(s, Delete)});
  router.Add({"GET", "/api/dataset/{datasetId}/{datasetVersionId}", RouteAuth::kRequired,
              Bind(s, GetWithVersion)});
  router.Add({"GET", "/api/dataset/{datasetId}/last", RouteAuth::kRequired, Bind(s, Last)});
  router.Add({"POST", "/api/dataset/{datasetId}/name", RouteAuth::kRequired, Bind(s, Rename)});
  router.Add({"POST", "/api/dataset/{datasetId}/description", RouteAuth::kRequired,
              Bind(s, Describe)});
  router.Add({"GET", "/api/dataset/{datasetId}/activityLog", RouteAuth::kRequired,
              Bind(s, ActivityLog)});
  router.Add({"POST", "/api/datasets", RouteAuth::kRequired, Bind(s, GetMany)});
}

}  // namespace taiga::http
