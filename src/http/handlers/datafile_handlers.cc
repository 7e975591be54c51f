#include "http/handlers/datafile_handlers.h"

#include "http/handlers/bind.h"
#include "http/json/json_body.h"
#include "http/json/json_response.h"

namespace taiga::http {
namespace {

using Result = common::Result<Response>;
using nlohmann::json;

constexpr size_t kPreviewMax = 50;  // rows, columns and names kept of a posted preview

app::DatafileQuery QueryOf(const Request& req) {
  app::DatafileQuery q;
  q.dataset_permaname = req.Query("dataset_permaname");
  q.version = req.Query("version");
  q.dataset_version_id = req.Query("dataset_version_id");
  q.datafile_name = req.Query("datafile_name");
  return q;
}

Result Get(ApiServices& s, Request& req, app::RequestContext& ctx) {
  auto format = req.Query("format");
  if (!format || format->empty()) {
    return common::InvalidArgument("'format' is required (metadata, raw, raw_test, hdf5, "
                                   "columnar, csv, tsv, gct)");
  }
  const auto force = req.Query("force");
  if (force && *force != "Y" && *force != "N" && !force->empty()) {
    return common::InvalidArgument("'force' is Y (start the conversion again) or N, not '" +
                                   *force + "'");
  }
  TAIGA_ASSIGN_OR_RETURN(auto d, s.downloads.Get(ctx, QueryOf(req), *format, force == "Y"));
  const auto& real = d.file.Resolved();
  json j = {{"dataset_name", d.dataset.entry.name},
            {"dataset_permaname", d.dataset.CurrentPermaname()},
            {"dataset_version", std::to_string(d.version.version)},
            {"dataset_id", d.dataset.entry.id},
            {"dataset_version_id", d.version.entry.id},
            {"datafile_name", d.file.file.name},
            {"datafile_type", std::string(domain::DatafileKindName(d.file.file.kind))},
            {"datafile_format",
             real.format ? std::string(domain::StorageFormatName(*real.format)) : ""},
            {"datafile_encoding", real.encoding ? json(*real.encoding) : json(nullptr)},
            {"state", std::string(domain::VersionStateValue(d.version.state))},
            {"reason_state", d.version.reason_state ? json(*d.version.reason_state) : json(nullptr)},
            {"status", d.status}};
  if (!d.urls.empty()) j["urls"] = d.urls;
  if (d.file.underlying_taiga_id) j["underlying_file_id"] = *d.file.underlying_taiga_id;
  if (d.converting) {
    // raw_test made by conversion (a file stored without a gzip copy): 202 with the task id as
    // a JSON string, what taigapy polls /task_status with before asking again (Taiga 2's
    // backfill answer).
    if (*format == "raw_test" && d.task_id) return JsonResponse(json(*d.task_id), 202);
    // 202 while the conversion runs: poll this request (or the task) until `urls` appear.
    if (d.task_id) j["task_id"] = *d.task_id;
    return JsonResponse(j, 202);
  }
  return JsonResponse(j);
}

Result ShortSummary(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto summary, s.downloads.ShortSummary(ctx, QueryOf(req)));
  return JsonResponse(summary);
}

Result ColumnTypes(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto types, s.downloads.ColumnTypes(ctx, QueryOf(req)));
  if (!types) return JsonResponse(nullptr);
  return JsonResponse(json::parse(*types, nullptr, false));
}

Result GetPreview(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto preview, s.downloads.GetPreview(ctx, req.Param("id")));
  return JsonResponse(json::parse(preview, nullptr, false));
}

// Checks a posted preview's shape and cuts it to kPreviewMax rows × columns.
common::Result<json> TrimPreview(const JsonBody& body) {
  TAIGA_RETURN_IF_ERROR(body.RequireObject());
  const json& in = body.root();
  json out = {{"num_rows", nullptr}, {"num_columns", nullptr}, {"top_left_preview", nullptr}};
  for (const char* key : {"num_rows", "num_columns"}) {
    auto it = in.find(key);
    if (it == in.end() || it->is_null()) continue;
    if (!it->is_number_integer() || it->get<int64_t>() < 0) {
      return common::InvalidArgument(std::string("'") + key + "' must be a non-negative integer");
    }
    out[key] = *it;
  }
  auto top = in.find("top_left_preview");
  if (top == in.end() || top->is_null()) return out;
  if (!top->is_object()) return common::InvalidArgument("'top_left_preview' must be an object");
  auto names = top->find("column_names");
  if (names == top->end() || !names->is_array()) {
    return common::InvalidArgument("top_left_preview.column_names is required and must be a list");
  }
  auto data = top->find("data");
  if (data == top->end() || !data->is_array()) {
    return common::InvalidArgument("top_left_preview.data is required and must be a list of lists");
  }
  json t = {{"column_names", json::array()}, {"row_names", nullptr}, {"data", json::array()}};
  for (size_t i = 0; i < names->size() && i < kPreviewMax; ++i) t["column_names"].push_back((*names)[i]);
  for (size_t r = 0; r < data->size() && r < kPreviewMax; ++r) {
    if (!(*data)[r].is_array()) {
      return common::InvalidArgument("top_left_preview.data is required and must be a list of lists");
    }
    json row = json::array();
    for (size_t c = 0; c < (*data)[r].size() && c < kPreviewMax; ++c) row.push_back((*data)[r][c]);
    t["data"].push_back(std::move(row));
  }
  auto rows = top->find("row_names");
  if (rows != top->end() && rows->is_array()) {
    t["row_names"] = json::array();
    for (size_t i = 0; i < rows->size() && i < kPreviewMax; ++i) t["row_names"].push_back((*rows)[i]);
  }
  out["top_left_preview"] = std::move(t);
  return out;
}

Result PostPreview(ApiServices& s, Request& req, app::RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto body, JsonBody::Parse(req.body));
  TAIGA_ASSIGN_OR_RETURN(auto preview, TrimPreview(body));
  TAIGA_ASSIGN_OR_RETURN(bool replaced, s.downloads.SetPreview(ctx, req.Param("id"),
                                                              preview.dump()));
  return JsonResponse(json::object(), replaced ? 200 : 201);
}

}  // namespace

void AddDatafileRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/api/datafile", RouteAuth::kRequired, Bind(s, Get)});
  router.Add({"GET", "/api/datafile/short_summary", RouteAuth::kRequired, Bind(s, ShortSummary)});
  router.Add({"GET", "/api/datafile/column_types", RouteAuth::kRequired, Bind(s, ColumnTypes)});
  router.Add({"GET", "/api/datafile-preview/{id+}", RouteAuth::kRequired, Bind(s, GetPreview)});
  router.Add({"POST", "/api/datafile-preview/{id+}", RouteAuth::kRequired, Bind(s, PostPreview)});
}

}  // namespace taiga::http
