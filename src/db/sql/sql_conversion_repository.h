// SqlConversionRepository: ConversionRepository over a soci::session (SQLite or PostgreSQL),
// for one SqlTransaction: the `conversion_cache` table. InsertIfAbsent is one
// INSERT … ON CONFLICT DO NOTHING, so concurrent first requests insert exactly one row (on
// PostgreSQL the loser waits for the winner's commit). Not thread-safe.
#pragma once

#include "db/conversion_repository.h"
#include "db/sql/sql_tx_context.h"

namespace taiga::db {

class SqlConversionRepository final : public ConversionRepository {
 public:
  explicit SqlConversionRepository(SqlTxContext& context) : context_(context) {}

  common::Result<bool> InsertIfAbsent(const domain::ConversionEntry& entry) override;
  common::Result<std::optional<domain::ConversionEntry>> Find(const std::string& datafile_id,
                                                              const std::string& format) override;
  common::Result<std::optional<domain::ConversionEntry>> FindById(const std::string& id) override;
  common::Status Restart(const std::string& id, const std::string& job_id,
                         common::Timestamp now) override;
  common::Result<bool> SetStatus(const std::string& id, const std::string& status) override;
  common::Status Complete(const std::string& id, const std::string& blob_sha256) override;
  common::Status Fail(const std::string& id, const std::string& error) override;

 private:
  SqlTxContext& context_;
};

}  // namespace taiga::db
