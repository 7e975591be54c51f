// PostgresDatabase: the server backend. A pool of up to pool_size connections, opened lazily
// and reused across transactions. kWrite transactions run at READ COMMITTED; kRead ones at
// REPEATABLE READ READ ONLY (one snapshot for the whole transaction). Thread-safe; must outlive
// its transactions.
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "db/sql/sql_connection_pool.h"

namespace taiga::db {

struct PostgresOptions {
  std::string url;                  // postgresql://user[:password]@host:port/db[?params], or a
                                    // libpq "key=value ..." string
  int pool_size = 8;                // most connections open at once
  int connect_timeout_seconds = 5;  // per connection attempt (libpq connect_timeout)
  int acquire_timeout_ms = 5000;    // how long Begin waits for a free connection
  std::shared_ptr<const common::Clock> clock;  // null: the system clock
};

class PostgresDatabase final : public Database {
 public:
  // Connects once to check the server; does not migrate.
  // Errors: InvalidArgument for an empty url or one with spaces or '"' (SOCI 4.0 cannot pass
  // them; percent-encode in a URI), Unavailable when the server cannot be reached.
  static common::Result<std::unique_ptr<PostgresDatabase>> Open(const PostgresOptions& options);

  // Retries once on a fresh connection when a pooled one turns out dead.
  // Errors: Unavailable when no connection can be had within acquire_timeout_ms.
  common::Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override;
  common::Status Ping() override;
  common::Status Migrate() override;
  std::string BackendName() const override { return "postgresql"; }

  // The libpq conninfo for `options`: the url with connect_timeout added unless it has one.
  static std::string ConnInfo(const PostgresOptions& options);

 private:
  PostgresDatabase(const PostgresOptions& options, std::shared_ptr<const common::Clock> clock);

  const std::shared_ptr<const common::Clock> clock_;
  std::unique_ptr<SqlConnectionPool> pool_;
};

}  // namespace taiga::db
