// FolderService: reading folders and changing them — create, rename, describe, move entries
// between folders (or to the caller's Trash), and link entries into more folders.
// Each call is one transaction. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/folder.h"

namespace taiga::app {

struct NewFolder {
  std::string name;
  std::string parent_id;
  std::optional<std::string> description;
};

struct MoveRequest {
  std::vector<std::string> entry_ids;
  std::string current_folder_id;
  std::optional<std::string> target_folder_id;  // empty: the caller's Trash
};

class FolderService {
 public:
  FolderService(db::Database& db, const common::Clock& clock) : db_(db), clock_(clock) {}

  // The folder with its entries, the parents the caller may see (ones they created, visited,
  // or Public) and the caller's rights. Errors: NotFound, Unauthenticated, Unavailable.
  common::Result<domain::FolderView> Get(const RequestContext& ctx, const std::string& id);
  // Creates a folder inside parent_id and returns it. Errors: InvalidArgument (name),
  // NotFound (parent), PermissionDenied (parent not editable), Unavailable.
  common::Result<domain::Entry> Create(const RequestContext& ctx, const NewFolder& folder);
  // Errors: InvalidArgument, NotFound, PermissionDenied, Unavailable.
  common::Status Rename(const RequestContext& ctx, const std::string& id, const std::string& name);
  common::Status SetDescription(const RequestContext& ctx, const std::string& id,
                                const std::string& description);
  // Moves every entry out of current_folder_id into the target, all or nothing.
  // Errors: NotFound (an id, naming it), InvalidArgument (an entry not in the current folder,
  // a folder moved into itself), PermissionDenied (either folder not editable), Unavailable.
  common::Status Move(const RequestContext& ctx, const MoveRequest& request);
  // Adds folder_id as a further parent of every entry (a link, not a copy). Errors as Move.
  common::Status Copy(const RequestContext& ctx, const std::vector<std::string>& entry_ids,
                      const std::string& folder_id);

 private:
  common::Result<domain::Folder> LoadFolder(db::Transaction& tx, const std::string& field,
                                            const std::string& id);
  common::Result<std::vector<domain::Entry>> LoadMovable(db::Transaction& tx,
                                                         const std::vector<std::string>& ids,
                                                         const domain::Folder& target);

  db::Database& db_;
  const common::Clock& clock_;
};

}  // namespace taiga::app
