// DatasetLoader: finds datasets, versions and data files inside a transaction and builds the
// views the dataset use cases return (virtual files resolved to their real files, visible
// folders, rights). Stateless helpers over one transaction; not thread-safe.
#pragma once

#include <optional>
#include <string>

#include "app/dataset_views.h"
#include "app/request_context.h"
#include "common/result.h"
#include "db/database.h"

namespace taiga::app {

class DatasetLoader {
 public:
  DatasetLoader(db::Transaction& tx, const RequestContext& ctx) : tx_(tx), ctx_(ctx) {}

  // By id, then by any permaname. Errors: NotFound naming `what`.
  common::Result<domain::Dataset> FindDataset(const std::string& id_or_permaname);
  // Errors: NotFound.
  common::Result<domain::DatasetVersion> FindVersion(const std::string& version_id);
  // Version `number` of the dataset, or the latest when nullopt. Errors: NotFound.
  common::Result<domain::DatasetVersion> VersionOf(const domain::Dataset& dataset,
                                                   std::optional<int64_t> number);

  // The view of a dataset; `description_of` chooses whose description is shown (the latest
  // version's when null).
  common::Result<DatasetView> DatasetViewOf(const domain::Dataset& dataset,
                                            const domain::DatasetVersion* description_of);
  common::Result<VersionView> VersionViewOf(const domain::DatasetVersion& version);
  // A data file with its real file resolved (one level: virtual files point at real ones).
  common::Result<DatafileView> DatafileViewOf(const domain::Datafile& file);

 private:
  db::Transaction& tx_;
  const RequestContext& ctx_;
};

}  // namespace taiga::app
