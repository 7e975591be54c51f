#include "db/sql/sql_transaction.h"

#include <exception>
#include <utility>

#include "common/log.h"
#include "db/sql/sql_error.h"

namespace taiga::db {
namespace {

constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

}  // namespace

SqlTransaction::SqlTransaction(SqlConnectionLease lease, const common::Clock& clock)
    : lease_(std::move(lease)),
      context_(lease_.get(), clock),
      users_(context_),
      groups_(context_),
      entries_(context_),
      jobs_(context_),
      datasets_(context_),
      datafiles_(context_),
      uploads_(context_),
      web_sessions_(context_),
      conversions_(context_) {}

common::Result<std::unique_ptr<Transaction>> SqlTransaction::Begin(SqlConnectionLease lease,
                                                                   const char* begin_sql,
                                                                   const common::Clock& clock) {
  SqlConnection& connection = *lease.get();
  try {
    connection.Execute(begin_sql);
  } catch (const std::exception& e) {
    connection.OnError();
    common::Status status = SqlErrorToStatus(connection.dialect(), e, "begin transaction");
    if (status.code() == common::StatusCode::kUnavailable) connection.MarkBroken();
    return status;
  }
  return std::unique_ptr<Transaction>(new SqlTransaction(std::move(lease), clock));
}

SqlTransaction::~SqlTransaction() {
  if (lease_.get() != nullptr) Rollback();
}

common::Status SqlTransaction::Commit() {
  common::Status status = context_.Run("commit", [](SqlConnection& c) {
    c.Execute(kCommit);
    return common::Status::Ok();
  });
  if (!status.ok() && lease_.get() != nullptr) {
    Rollback();  // a failed COMMIT may leave the transaction open (SQLite BUSY)
    return status;
  }
  context_.Finish();
  lease_.Release();
  return status;
}

void SqlTransaction::Rollback() {
  SqlConnection& connection = *lease_.get();
  try {
    connection.Execute(kRollback);
  } catch (const std::exception& e) {
    // Without a clean rollback the connection's state is unknown: discard it.
    connection.MarkBroken();
    common::LogWarn("database rollback failed; discarding the connection", {{"error", e.what()}});
  }
  context_.Finish();
  lease_.Release();
}

}  // namespace taiga::db
