// SqliteDatabase: the embedded backend. One writer connection, held for the whole of a kWrite
// transaction (BEGIN IMMEDIATE, so a second process waits up to busy_timeout_ms instead of
// failing), plus a pool of query-only reader connections for kRead transactions (BEGIN
// DEFERRED; WAL lets them read while the writer writes). Every connection runs WAL,
// synchronous=NORMAL, foreign_keys=ON and the busy timeout. Thread-safe; must outlive its
// transactions.
//
// Path ":memory:" (unit tests): one private in-memory database on ONE connection that serves
// reads and writes alike, so at most one transaction is open at a time; a second Begin waits
// for it (up to busy_timeout_ms, then Unavailable).
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "db/sql/sql_connection_pool.h"

namespace taiga::db {

struct SqliteOptions {
  std::string path;            // database file (created when missing), or ":memory:"
  int reader_connections = 4;  // connections for kRead transactions; ignored for ":memory:"
  int busy_timeout_ms = 5000;  // wait for locks held by other connections or processes
  std::shared_ptr<const common::Clock> clock;  // null: the system clock
};

class SqliteDatabase final : public Database {
 public:
  // Opens (creating when missing) the database; does not migrate it.
  // Errors: InvalidArgument for an unusable path, Unavailable when the file cannot be opened.
  static common::Result<std::unique_ptr<SqliteDatabase>> Open(const SqliteOptions& options);

  // Errors: Unavailable when no connection frees up within busy_timeout_ms; Conflict when
  // another process holds the write lock longer than that.
  common::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  common::Status Ping() override;
  common::Status Migrate() override;
  std::string BackendName() const override { return "sqlite"; }

 private:
  SqliteDatabase(const SqliteOptions& options, std::shared_ptr<const common::Clock> clock);

  const SqliteOptions options_;
  const std::shared_ptr<const common::Clock> clock_;
  std::unique_ptr<SqlConnectionPool> writer_;   // size 1: the writer mutex
  std::unique_ptr<SqlConnectionPool> readers_;  // null for ":memory:" (writer_ serves reads)
};

}  // namespace taiga::db
