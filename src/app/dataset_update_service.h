// DatasetUpdateService: the changes a dataset allows after creation — its name (each rename
// adds a permaname; old ones keep resolving), descriptions, a version's state (approved /
// deprecated / deleted, with a reason), and permanent deletion from the Trash. Every change
// needs edit rights and is one transaction; activities are written in the same transaction.
// Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "app/request_context.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/dataset.h"

namespace taiga::app {

class DatasetUpdateService {
 public:
  DatasetUpdateService(db::Database& db, const common::Clock& clock) : db_(db), clock_(clock) {}

  // Errors: InvalidArgument (name), NotFound, PermissionDenied, Unavailable.
  common::Status Rename(const RequestContext& ctx, const std::string& dataset_id,
                        const std::string& name);
  // Sets the latest version's description. Errors: as Rename.
  common::Status SetDescription(const RequestContext& ctx, const std::string& dataset_id,
                                const std::string& description);
  common::Status SetVersionDescription(const RequestContext& ctx, const std::string& version_id,
                                       const std::string& description);
  // Errors: InvalidArgument (empty reason for deprecate), NotFound, PermissionDenied.
  common::Status SetVersionState(const RequestContext& ctx, const std::string& version_id,
                                 domain::VersionState state,
                                 const std::optional<std::string>& reason);
  // Deletes a dataset that is only in Trash folders, for its creator or an Admin.
  // Errors: NotFound, PermissionDenied, FailedPrecondition (not in the Trash), Conflict (other
  // datasets' files point into it; the message names them).
  common::Status DeletePermanently(const RequestContext& ctx, const std::string& dataset_id);

 private:
  db::Database& db_;
  const common::Clock& clock_;
};

// A permaname for `name` that is not taken yet. Errors: Conflict after repeated collisions.
common::Result<std::string> NewPermaname(db::Transaction& tx, const std::string& name);

}  // namespace taiga::app
