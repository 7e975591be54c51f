// SqlConnectionPool: at most `size` open SqlConnections, opened lazily by a factory and lent
// out one at a time as SqlConnectionLeases. A pool of size 1 is a mutex around one connection
// (the SQLite writer). When a lent connection comes back broken, the idle ones are closed too
// (a lost connection usually means the server restarted). Thread-safe; must outlive every lease
// it handed out.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/result.h"
#include "db/sql/sql_connection.h"

namespace taiga::db {

class SqlConnectionPool;

// A borrowed connection; gives it back (or discards it when broken) when destroyed. Move-only.
class SqlConnectionLease {
 public:
  SqlConnectionLease() = default;
  SqlConnectionLease(SqlConnectionPool* pool, std::unique_ptr<SqlConnection> connection)
      : pool_(pool), connection_(std::move(connection)) {}
  SqlConnectionLease(SqlConnectionLease&&) = default;
  SqlConnectionLease& operator=(SqlConnectionLease&& other);
  ~SqlConnectionLease() { Release(); }

  SqlConnection* get() const { return connection_.get(); }
  SqlConnection* operator->() const { return connection_.get(); }
  // Returns the connection to its pool now; get() is null afterwards.
  void Release();

 private:
  SqlConnectionPool* pool_ = nullptr;
  std::unique_ptr<SqlConnection> connection_;
};

class SqlConnectionPool {
 public:
  // Opens one connection; errors are returned as they are (e.g. Unavailable).
  using Factory = std::function<common::Result<std::unique_ptr<SqlConnection>>()>;

  SqlConnectionPool(int size, std::chrono::milliseconds acquire_timeout, Factory factory);
  SqlConnectionPool(const SqlConnectionPool&) = delete;
  SqlConnectionPool& operator=(const SqlConnectionPool&) = delete;

  // Puts an already open connection into the pool (counts against `size`).
  void Add(std::unique_ptr<SqlConnection> connection);
  // An idle connection, or a new one while fewer than `size` are open; otherwise waits up to
  // the acquire timeout. Errors: Unavailable on timeout, or the factory's error.
  common::Result<SqlConnectionLease> Acquire();

 private:
  friend class SqlConnectionLease;
  void Return(std::unique_ptr<SqlConnection> connection);

  const int size_;
  const std::chrono::milliseconds acquire_timeout_;
  const Factory factory_;
  std::mutex mu_;
  std::condition_variable available_;                 // signalled on Return
  std::vector<std::unique_ptr<SqlConnection>> idle_;  // guarded by mu_
  int open_ = 0;                                      // guarded by mu_: idle + lent + opening
};

}  // namespace taiga::db
