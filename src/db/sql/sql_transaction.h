// SqlTransaction: a Transaction on one leased SqlConnection, for either backend. It runs the
// backend's BEGIN statement, hands out the Sql*Repositories and commits, or rolls back when
// destroyed uncommitted; the connection goes back to its pool as soon as it ends.
// Used by one thread at a time.
#pragma once

#include <memory>

#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "db/sql/sql_connection_pool.h"
#include "db/sql/sql_conversion_repository.h"
#include "db/sql/sql_datafile_repository.h"
#include "db/sql/sql_dataset_repository.h"
#include "db/sql/sql_entry_repository.h"
#include "db/sql/sql_group_repository.h"
#include "db/sql/sql_job_repository.h"
#include "db/sql/sql_tx_context.h"
#include "db/sql/sql_upload_repository.h"
#include "db/sql/sql_user_repository.h"
#include "db/sql/sql_web_session_repository.h"

namespace taiga::db {

class SqlTransaction final : public Transaction {
 public:
  // Runs `begin_sql` (a static string, e.g. "BEGIN IMMEDIATE") on the leased connection.
  // `clock` must outlive the transaction. Errors: as SqlErrorToStatus, e.g. Aborted when
  // SQLite stayed busy for its whole busy_timeout, Unavailable when the server is gone.
  static common::Result<std::unique_ptr<Transaction>> Begin(SqlConnectionLease lease,
                                                            const char* begin_sql,
                                                            const common::Clock& clock);
  ~SqlTransaction() override;

  UserRepository& Users() override { return users_; }
  GroupRepository& Groups() override { return groups_; }
  EntryRepository& Entries() override { return entries_; }
  JobRepository& Jobs() override { return jobs_; }
  DatasetRepository& Datasets() override { return datasets_; }
  DatafileRepository& Datafiles() override { return datafiles_; }
  UploadRepository& Uploads() override { return uploads_; }
  WebSessionRepository& WebSessions() override { return web_sessions_; }
  ConversionRepository& Conversions() override { return conversions_; }
  // Errors: Aborted (retry), Unavailable; FailedPrecondition when already committed.
  common::Status Commit() override;

  // The connection context, for SQL outside the repositories (tests seeding rows).
  SqlTxContext& context() { return context_; }

 private:
  SqlTransaction(SqlConnectionLease lease, const common::Clock& clock);
  void Rollback();

  SqlConnectionLease lease_;  // empty once the transaction ended
  SqlTxContext context_;
  SqlUserRepository users_;
  SqlGroupRepository groups_;
  SqlEntryRepository entries_;
  SqlJobRepository jobs_;
  SqlDatasetRepository datasets_;
  SqlDatafileRepository datafiles_;
  SqlUploadRepository uploads_;
  SqlWebSessionRepository web_sessions_;
  SqlConversionRepository conversions_;
};

}  // namespace taiga::db
