// SqlEntryRepository: EntryRepository over a soci::session (SQLite or PostgreSQL), for one
// SqlTransaction. Each method is one query (ListChildren joins the creators in). Holds only a
// reference to the transaction's context; not thread-safe.
#pragma once

#include "db/entry_repository.h"
#include "db/sql/sql_tx_context.h"

namespace taiga::db {

class SqlEntryRepository final : public EntryRepository {
 public:
  explicit SqlEntryRepository(SqlTxContext& context) : context_(context) {}

  // Errors: AlreadyExists for a used id, FailedPrecondition for an unknown creator.
  common::Status InsertFolder(const domain::Folder& folder) override;
  common::Result<std::optional<domain::Entry>> FindEntry(const std::string& id) override;
  common::Result<std::optional<domain::Folder>> FindFolder(const std::string& id) override;
  common::Result<std::vector<domain::Entry>> ListChildren(const std::string& folder_id) override;
  common::Result<std::vector<ParentFolder>> ListParents(const std::string& entry_id) override;
  // Follows folder membership upwards; terminates on cycles.
  common::Result<bool> IsWithin(const std::string& entry_id, const std::string& folder_id) override;
  // Errors: FailedPrecondition when the folder or the entry does not exist.
  common::Status AddToFolder(const std::string& folder_id, const std::string& entry_id) override;
  common::Result<bool> RemoveFromFolder(const std::string& folder_id,
                                        const std::string& entry_id) override;
  // Errors: NotFound for an unknown entry.
  common::Status SetName(const std::string& entry_id, const std::string& name) override;
  // Errors: NotFound for an unknown entry.
  common::Status SetDescription(const std::string& entry_id,
                                const std::string& description) override;

  common::Result<bool> HasEditorGrant(const std::string& entry_id,
                                      const std::string& user_id) override;
  common::Status InsertGrant(const domain::RightsGrant& grant) override;
  common::Result<std::vector<domain::RightsGrant>> ListGrants(const std::string& entry_id) override;
  common::Result<bool> DeleteGrant(const std::string& entry_id,
                                   const std::string& grant_id) override;
  // In the order of `folder_ids`, each id once.
  common::Result<std::vector<std::string>> FilterAccessed(
      const std::string& user_id, const std::vector<std::string>& folder_ids) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db
