#include "http/handlers/task_handlers.h"

#include "http/handlers/bind.h"
#include "http/json/json_response.h"
#include "http/json/task_status_json.h"

namespace taiga::http {
namespace {

common::Result<Response> Status(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto status, s.tasks.Status(ctx, req.Param("taskStatusId")));
  return JsonResponse(TaskStatusJson(status));
}

}  // namespace

void AddTaskRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/api/task_status/{taskStatusId}", RouteAuth::kRequired, Bind(s, Status)});
}

}  // namespace taiga::http
