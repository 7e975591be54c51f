// DatasetService: reading datasets and versions the ways clients address them (ids,
// permanames old and new, "None/<version id>", version numbers, "latest"), the activity log,
// and turning what a person typed into a version id. Read-only; one transaction per call.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/dataset_views.h"
#include "app/request_context.h"
#include "common/result.h"
#include "db/database.h"

namespace taiga::app {

class DatasetService {
 public:
  explicit DatasetService(db::Database& db) : db_(db) {}

  // By id or any permaname. Errors: NotFound, Unauthenticated, Unavailable.
  common::Result<DatasetView> GetDataset(const RequestContext& ctx, const std::string& key);
  // `version` is a version id (then `dataset` is ignored), a number (of the dataset named by
  // permaname or id), or anything else for the latest. Errors: NotFound.
  common::Result<DatasetWithVersion> GetDatasetVersion(const RequestContext& ctx,
                                                       const std::string& dataset,
                                                       const std::string& version);
  // The highest-numbered version of a dataset (id or permaname). Errors: NotFound.
  common::Result<VersionView> LatestVersion(const RequestContext& ctx, const std::string& key);
  common::Result<VersionView> GetVersion(const RequestContext& ctx, const std::string& id);
  // Datasets in the order asked. Errors: NotFound naming the first unknown id.
  common::Result<std::vector<DatasetView>> GetDatasets(const RequestContext& ctx,
                                                       const std::vector<std::string>& ids);
  // Versions in the order asked; unknown ids are skipped.
  common::Result<std::vector<VersionView>> GetVersions(const RequestContext& ctx,
                                                       const std::vector<std::string>& ids);
  // "id", "permaname", "permaname.N", "permaname/N" or a version id → a version id.
  // Errors: InvalidArgument (empty or malformed), NotFound.
  common::Result<std::string> FindVersionId(const RequestContext& ctx, const std::string& text);
  // Oldest first. Errors: NotFound.
  common::Result<std::vector<domain::Activity>> ActivityLog(const RequestContext& ctx,
                                                            const std::string& key);

 private:
  db::Database& db_;
};

}  // namespace taiga::app
