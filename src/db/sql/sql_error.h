// The adapter boundary for database errors: turns exceptions thrown by SOCI (and the SQLite and
// libpq errors it wraps) into common::Status. Pure functions; thread-safe.
#pragma once

#include <exception>
#include <string_view>

#include "common/status.h"
#include "db/sql/sql_dialect.h"

namespace taiga::db {

// Maps an exception raised while doing `what` (e.g. "insert user"):
//   unique / primary-key violation        -> AlreadyExists
//   foreign-key violation                  -> FailedPrecondition (a referenced row is missing)
//   SQLITE_BUSY/LOCKED, PG 40001, 40P01    -> Conflict (retry the use case)
//   connection failures, PG classes 08/57P/53, SQLite CANTOPEN/IOERR/FULL -> Unavailable
//   anything else                          -> Internal, with the database's message
common::Status SqlErrorToStatus(SqlDialect dialect, const std::exception& e, std::string_view what);

}  // namespace taiga::db
