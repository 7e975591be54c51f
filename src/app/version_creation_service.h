// VersionCreationService: makes a new dataset (version 1) or the next version of a dataset
// from an upload session, atomically: only when every file of the session has finished
// processing, in one transaction with the datafiles, the folder entry and the activity.
// Version numbers are assigned under a per-dataset lock, so they are unique and gap-free.
// Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "app/request_context.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"

namespace taiga::app {

struct NewDataset {
  std::string session_id;
  std::string name;
  std::optional<std::string> description;
  std::string folder_id;
};

struct NewVersion {
  std::string session_id;
  std::string dataset_id;  // id or permaname
  std::optional<std::string> description;
  std::optional<std::string> changes_description;
  bool add_existing_files = false;         // keep the base version's files not replaced
  std::optional<std::string> base_version_id;     // default: the latest version
  std::optional<int64_t> base_version_number;     // alternatively, the base by number
};

class VersionCreationService {
 public:
  VersionCreationService(db::Database& db, const common::Clock& clock) : db_(db), clock_(clock) {}

  // Returns the new dataset's id. Errors: InvalidArgument (name, empty session, duplicate
  // file names, a file that failed — naming it and its error), NotFound (session, folder),
  // PermissionDenied (someone else's session, folder not editable), Conflict (a file still
  // processing; the session was used already).
  common::Result<std::string> CreateDataset(const RequestContext& ctx, const NewDataset& request);
  // Returns the new version's id. Errors: as CreateDataset, plus NotFound (dataset, base).
  common::Result<std::string> CreateVersion(const RequestContext& ctx, const NewVersion& request);

 private:
  db::Database& db_;
  const common::Clock& clock_;
};

}  // namespace taiga::app
