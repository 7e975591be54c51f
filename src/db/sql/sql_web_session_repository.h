// SqlWebSessionRepository: WebSessionRepository over a soci::session (SQLite or PostgreSQL), for
// one SqlTransaction. Holds only a reference to the transaction's context; not thread-safe.
#pragma once

#include "db/sql/sql_tx_context.h"
#include "db/web_session_repository.h"

namespace taiga::db {

class SqlWebSessionRepository final : public WebSessionRepository {
 public:
  explicit SqlWebSessionRepository(SqlTxContext& context) : context_(context) {}

  common::Status InsertCode(const domain::SignInCode& code) override;
  common::Result<std::optional<domain::SignInCode>> FindCode(const std::string& code_hash) override;
  common::Result<bool> UseCode(const std::string& code_hash, common::Timestamp at) override;
  common::Status InsertSession(const domain::WebSession& session) override;
  common::Result<std::optional<domain::WebSession>> FindLiveSession(const std::string& secret_hash,
                                                                    common::Timestamp now) override;
  common::Status TouchSession(const std::string& session_id, common::Timestamp at) override;
  common::Result<bool> DeleteSession(const std::string& secret_hash) override;
  common::Result<int64_t> DeleteExpired(common::Timestamp now) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db
