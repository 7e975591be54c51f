// SqlGroupRepository: GroupRepository over a soci::session (SQLite or PostgreSQL), for one
// SqlTransaction. Holds only a reference to the transaction's context; not thread-safe.
#pragma once

#include "db/group_repository.h"
#include "db/sql/sql_tx_context.h"

namespace taiga::db {

class SqlGroupRepository final : public GroupRepository {
 public:
  explicit SqlGroupRepository(SqlTxContext& context) : context_(context) {}

  common::Result<int64_t> Insert(const std::string& name) override;
  common::Result<std::optional<domain::Group>> FindById(int64_t id) override;
  common::Result<std::optional<domain::Group>> FindByName(const std::string& name) override;
  common::Result<std::vector<domain::Group>> ListForUser(const std::string& user_id) override;
  common::Result<std::vector<domain::NamedId>> ListMembers(int64_t group_id) override;
  // Errors: FailedPrecondition when the group or the user does not exist.
  common::Status AddMember(int64_t group_id, const std::string& user_id) override;
  common::Status RemoveMember(int64_t group_id, const std::string& user_id) override;
  common::Result<bool> IsMember(int64_t group_id, const std::string& user_id) override;
  common::Result<bool> IsAdmin(const std::string& user_id) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db
