#include "http/handlers/folder_handlers.h"

#include "http/json/folder_json.h"
#include "http/handlers/bind.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"

namespace taiga::http {
namespace {

using Result = common::Result<Response>;

Result GetFolder(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto view, s.folders.Get(ctx, req.Param("folderId")));
  return JsonResponse(FolderViewJson(view));
}

Result CreateFolder(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  app::NewFolder folder;
  TAIGA_ASSIGN_OR_RETURN(folder.name, body.RequiredString("name"));
  TAIGA_ASSIGN_OR_RETURN(folder.parent_id, body.RequiredString("parentId"));
  TAIGA_ASSIGN_OR_RETURN(folder.description, body.OptionalString("description"));
  TAIGA_ASSIGN_OR_RETURN(auto entry, s.folders.Create(ctx, folder));
  return JsonResponse({{"id", entry.id}, {"name", entry.name}});
}

Result RenameFolder(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto name, body.RequiredString("name"));
  TAIGA_RETURN_IF_ERROR(s.folders.Rename(ctx, req.Param("folderId"), name));
  return JsonResponse(req.Param("folderId"));
}

Result DescribeFolder(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto description, body.RequiredString("description"));
  TAIGA_RETURN_IF_ERROR(s.folders.SetDescription(ctx, req.Param("folderId"), description));
  return JsonResponse(req.Param("folderId"));
}

Result Move(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  app::MoveRequest move;
  TAIGA_ASSIGN_OR_RETURN(move.entry_ids, body.RequiredStringList("entryIds"));
  TAIGA_ASSIGN_OR_RETURN(move.current_folder_id, body.RequiredString("currentFolderId"));
  TAIGA_ASSIGN_OR_RETURN(move.target_folder_id, body.OptionalString("targetFolderId"));
  TAIGA_RETURN_IF_ERROR(s.folders.Move(ctx, move));
  return JsonResponse(nlohmann::json::object());
}

Result Copy(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto ids, body.RequiredStringList("entryIds"));
  TAIGA_ASSIGN_OR_RETURN(auto folder_id, body.RequiredString("folderId"));
  TAIGA_RETURN_IF_ERROR(s.folders.Copy(ctx, ids, folder_id));
  return JsonResponse(nlohmann::json::object());
}

}  // namespace

void AddFolderRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/api/folder/{folderId}", RouteAuth::kRequired, Bind(s, GetFolder)});
  router.Add({"POST", "/api/folder/create", RouteAuth::kRequired, Bind(s, CreateFolder)});
  router.Add({"POST", "/api/folder/{folderId}/name", RouteAuth::kRequired, Bind(s, RenameFolder)});
  router.Add({"POST", "/api/folder/{folderId}/description", RouteAuth::kRequired,
              Bind(s, DescribeFolder)});
  router.Add({"POST", "/api/move", RouteAuth::kRequired, Bind(s, Move)});
  router.Add({"POST", "/api/copy", RouteAuth::kRequired, Bind(s, Copy)});
}

}  // namespace taiga::http
