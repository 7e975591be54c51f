#include "app/dataset_service.h"

#include <charconv>

#include "app/access_policy.h"
#include "app/dataset_loader.h"

namespace taiga::app {
namespace {

std::optional<int64_t> ParseNumber(const std::string& s) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || n < 1) return std::nullopt;
  return n;
}

}  // namespace

common::Result<DatasetView> DatasetService::GetDataset(const RequestContext& ctx,
                                                       const std::string& key) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto dataset, load.FindDataset(key));
  return load.DatasetViewOf(dataset, nullptr);
}

common::Result<DatasetWithVersion> DatasetService::GetDatasetVersion(const RequestContext& ctx,
                                                                     const std::string& dataset,
                                                                     const std::string& version) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto by_id, tx->Datasets().FindVersion(version));
  domain::DatasetVersion v;
  domain::Dataset d;
  if (by_id) {
    v = std::move(*by_id);
    TAIGA_ASSIGN_OR_RETURN(d, load.FindDataset(v.dataset_id));
  } else {
    TAIGA_ASSIGN_OR_RETURN(d, load.FindDataset(dataset));
    TAIGA_ASSIGN_OR_RETURN(v, load.VersionOf(d, ParseNumber(version)));
  }
  DatasetWithVersion out;
  TAIGA_ASSIGN_OR_RETURN(out.dataset, load.DatasetViewOf(d, &v));
  TAIGA_ASSIGN_OR_RETURN(out.version, load.VersionViewOf(v));
  return out;
}

common::Result<VersionView> DatasetService::LatestVersion(const RequestContext& ctx,
                                                          const std::string& key) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto d, load.FindDataset(key));
  TAIGA_ASSIGN_OR_RETURN(auto v, load.VersionOf(d, std::nullopt));
  return load.VersionViewOf(v);
}

common::Result<VersionView> DatasetService::GetVersion(const RequestContext& ctx,
                                                       const std::string& id) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto v, load.FindVersion(id));
  return load.VersionViewOf(v);
}

common::Result<std::vector<DatasetView>> DatasetService::GetDatasets(
    const RequestContext& ctx, const std::vector<std::string>& ids) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  if (ids.size() > 1000) return common::InvalidArgument("'datasetIds' names over 1000 datasets");
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  std::vector<DatasetView> out;
  for (size_t i = 0; i < ids.size(); ++i) {
    TAIGA_ASSIGN_OR_RETURN(auto d, tx->Datasets().FindDataset(ids[i]));
    if (!d) {
      return common::NotFound("datasetIds[" + std::to_string(i) + "]: no dataset with id '" +
                              ids[i] + "'");
    }
    TAIGA_ASSIGN_OR_RETURN(auto view, load.DatasetViewOf(*d, nullptr));
    out.push_back(std::move(view));
  }
  return out;
}

common::Result<std::vector<VersionView>> DatasetService::GetVersions(
    const RequestContext& ctx, const std::vector<std::string>& ids) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  if (ids.size() > 1000) {
    return common::InvalidArgument("'datasetVersionIds' names over 1000 versions");
  }
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  std::vector<VersionView> out;
  for (const auto& id : ids) {
    TAIGA_ASSIGN_OR_RETURN(auto v, tx->Datasets().FindVersion(id));
    if (!v) continue;
    TAIGA_ASSIGN_OR_RETURN(auto view, load.VersionViewOf(*v));
    out.push_back(std::move(view));
  }
  return out;
}

common::Result<std::string> DatasetService::FindVersionId(const RequestContext& ctx,
                                                          const std::string& text) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  if (text.empty()) return common::InvalidArgument("'entry_submitted_by_user' is empty");
  std::string head = text;
  std::optional<std::string> number_text;
  for (char sep : {'.', '/'}) {
    auto pos = text.find(sep);
    if (pos == std::string::npos) continue;
    if (text.find(sep, pos + 1) != std::string::npos) {
      return common::InvalidArgument("'" + text + "' is not an id, a permaname or permaname.N");
    }
    head = text.substr(0, pos);
    number_text = text.substr(pos + 1);
    break;
  }
  std::optional<int64_t> number;
  if (number_text) {
    number = ParseNumber(*number_text);
    if (!number) return common::InvalidArgument("'" + *number_text + "' is not a version number");
  }
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  auto dataset = load.FindDataset(head);
  if (dataset.ok()) {
    TAIGA_ASSIGN_OR_RETURN(auto v, load.VersionOf(*dataset, number));
    return v.entry.id;
  }
  if (dataset.status().code() != common::StatusCode::kNotFound) return dataset.status();
  TAIGA_ASSIGN_OR_RETURN(auto v, tx->Datasets().FindVersion(head));
  if (v) return v->entry.id;
  return common::NotFound("nothing matches '" + text + "'");
}

common::Result<std::vector<domain::Activity>> DatasetService::ActivityLog(
    const RequestContext& ctx, const std::string& key) {
  TAIGA_RETURN_IF_ERROR(AccessPolicy::RequireActor(ctx));
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  DatasetLoader load(*tx, ctx);
  TAIGA_ASSIGN_OR_RETURN(auto d, load.FindDataset(key));
  return tx->Datasets().ListActivities(d.entry.id);
}

}  // namespace taiga::app
