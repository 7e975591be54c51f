// SqlUserRepository: UserRepository over a soci::session (SQLite or PostgreSQL), for one
// SqlTransaction. Holds only a reference to the transaction's context; not thread-safe.
#pragma once

#include "db/sql/sql_tx_context.h"
#include "db/user_repository.h"

namespace taiga::db {

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(SqlTxContext& context) : context_(context) {}

  common::Status Insert(const domain::User& user) override;
  // Errors: NotFound when there is no such user.
  common::Status SetFolders(const std::string& user_id, const std::string& home_folder_id,
                            const std::string& trash_folder_id) override;
  common::Result<std::optional<domain::User>> FindById(const std::string& id) override;
  common::Result<std::optional<domain::User>> FindByName(const std::string& name) override;
  common::Result<std::optional<domain::User>> FindByEmail(const std::string& email) override;
  common::Result<std::vector<domain::NamedId>> ListAll() override;

  // Errors: AlreadyExists (id or hash taken), FailedPrecondition (unknown user).
  common::Status InsertToken(const domain::ApiToken& token) override;
  common::Result<std::optional<domain::ApiToken>> FindActiveTokenByHash(
      const std::string& token_hash) override;
  common::Result<std::vector<domain::ApiToken>> ListTokens(const std::string& user_id) override;
  common::Status TouchToken(const std::string& token_id, common::Timestamp at) override;
  common::Status RevokeToken(const std::string& user_id, const std::string& token_id,
                             common::Timestamp at) override;

 private:
  common::Result<std::optional<domain::User>> FindOne(const char* sql, const std::string& key,
                                                      const char* what);

  SqlTxContext& context_;
};

}  // namespace taiga::db
