// Entries (folders, datasets, versions share one id space), folders and folder membership,
// editor grants and access logs, inside one Transaction. Not thread-safe (belongs to its
// transaction). All calls return Unavailable when the database fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/folder.h"
#include "domain/rights.h"

namespace taiga::db {

// A parent folder of an entry, with what the visibility filter needs.
struct ParentFolder {
  std::string id;
  std::string name;
  std::optional<std::string> creator_id;
};

class EntryRepository {
 public:
  virtual ~EntryRepository() = default;

  // Inserts a folder (an entry row plus its folder row). Errors: AlreadyExists for a used id.
  virtual common::Status InsertFolder(const domain::Folder& folder) = 0;
  // Any entry by id, with its creator's name.
  virtual common::Result<std::optional<domain::Entry>> FindEntry(const std::string& id) = 0;
  // A folder by id; nullopt when the id is unknown or not a folder.
  virtual common::Result<std::optional<domain::Folder>> FindFolder(const std::string& id) = 0;
  // The entries directly inside a folder, folders first, then by name.
  virtual common::Result<std::vector<domain::Entry>> ListChildren(
      const std::string& folder_id) = 0;
  // The folders an entry sits in, by name.
  virtual common::Result<std::vector<ParentFolder>> ListParents(const std::string& entry_id) = 0;
  // True when `entry_id` is `folder_id` or lies (transitively) inside it.
  virtual common::Result<bool> IsWithin(const std::string& entry_id,
                                        const std::string& folder_id) = 0;
  // Puts an entry in a folder; a no-op when it is already there.
  virtual common::Status AddToFolder(const std::string& folder_id, const std::string& entry_id) = 0;
  // Takes an entry out of a folder; returns false when it was not there.
  virtual common::Result<bool> RemoveFromFolder(const std::string& folder_id,
                                                const std::string& entry_id) = 0;
  virtual common::Status SetName(const std::string& entry_id, const std::string& name) = 0;
  virtual common::Status SetDescription(const std::string& entry_id,
                                        const std::string& description) = 0;

  // True when the user, or a group the user is in, holds an editor grant on the entry.
  virtual common::Result<bool> HasEditorGrant(const std::string& entry_id,
                                              const std::string& user_id) = 0;
  // Stores a grant. Errors: FailedPrecondition when the entry, user or group does not exist.
  virtual common::Status InsertGrant(const domain::RightsGrant& grant) = 0;
  // The grants on an entry with user and group names, oldest first.
  virtual common::Result<std::vector<domain::RightsGrant>> ListGrants(
      const std::string& entry_id) = 0;
  // Deletes a grant of the entry; returns false when there was none with that id.
  virtual common::Result<bool> DeleteGrant(const std::string& entry_id,
                                           const std::string& grant_id) = 0;
  // Of `folder_ids`, those the user has an access-log row for.
  virtual common::Result<std::vector<std::string>> FilterAccessed(
      const std::string& user_id, const std::vector<std::string>& folder_ids) = 0;
};

}  // namespace taiga::db
