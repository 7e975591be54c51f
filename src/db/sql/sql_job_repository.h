// SqlJobRepository: JobRepository over a soci::session (SQLite or PostgreSQL), for one
// SqlTransaction. On PostgreSQL, Claim locks its candidate with FOR UPDATE SKIP LOCKED, so
// concurrent claimers pass over each other's rows; on SQLite the kWrite transaction is already
// the only writer. Holds only a reference to the transaction's context; not thread-safe.
#pragma once

#include "db/job_repository.h"
#include "db/sql/sql_tx_context.h"

namespace taiga::db {

class SqlJobRepository final : public JobRepository {
 public:
  explicit SqlJobRepository(SqlTxContext& context) : context_(context) {}

  common::Status Insert(const domain::Job& job) override;
  common::Result<std::optional<domain::Job>> Find(const std::string& id) override;
  common::Result<std::optional<domain::Job>> Claim(const JobClaim& claim) override;
  common::Result<bool> RenewLease(const std::string& id, const std::string& owner,
                                  common::Timestamp until) override;
  common::Result<bool> ReportProgress(const std::string& id, const std::string& owner,
                                      int64_t current, int64_t total,
                                      const std::string& message) override;
  common::Result<bool> Complete(const std::string& id, const std::string& owner,
                                const std::optional<std::string>& result) override;
  common::Result<std::optional<domain::JobState>> Fail(
      const std::string& id, const std::string& owner, const std::string& error,
      std::optional<common::Timestamp> retry_at) override;
  common::Result<int64_t> ReleaseLeases(const std::string& owner) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db
