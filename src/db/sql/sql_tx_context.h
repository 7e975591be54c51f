// SqlTxContext: what the repositories of one SqlTransaction share: the connection while the
// transaction is open, and the clock. Also the one place where repository code crosses the
// adapter boundary (Run). Owned by its SqlTransaction; not thread-safe.
#pragma once

#include <exception>
#include <string_view>
#include <utility>

#include "common/clock.h"
#include "common/result.h"
#include "db/sql/sql_connection.h"
#include "db/sql/sql_error.h"

namespace taiga::db {

class SqlTxContext {
 public:
  SqlTxContext(SqlConnection* connection, const common::Clock& clock)
      : connection_(connection), clock_(clock) {}

  const common::Clock& clock() const { return clock_; }
  // After Finish, Run returns FailedPrecondition: the transaction is over.
  void Finish() { connection_ = nullptr; }

  // Calls body(SqlConnection&), which returns a Status or a Result<T>, and turns any exception
  // it throws into a Status describing `what` (SqlErrorToStatus). A lost connection is marked
  // broken so its pool discards it.
  template <typename F>
  auto Run(std::string_view what, F&& body) -> decltype(body(std::declval<SqlConnection&>())) {
    if (connection_ == nullptr) {
      return common::FailedPrecondition(std::string(what) +
                                        ": the transaction was already committed");
    }
    try {
      return body(*connection_);
    } catch (const std::exception& e) {
      connection_->OnError();
      common::Status status = SqlErrorToStatus(connection_->dialect(), e, what);
      if (status.code() == common::StatusCode::kUnavailable) connection_->MarkBroken();
      return status;
    }
  }

 private:
  SqlConnection* connection_;  // null once the transaction ended
  const common::Clock& clock_;
};

}  // namespace taiga::db
