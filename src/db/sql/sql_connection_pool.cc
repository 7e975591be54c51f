#include "db/sql/sql_connection_pool.h"

#include <string>
#include <utility>

namespace taiga::db {

SqlConnectionLease& SqlConnectionLease::operator=(SqlConnectionLease&& other) {
  if (this != &other) {
    Release();
    pool_ = other.pool_;
    connection_ = std::move(other.connection_);
  }
  return *this;
}

void SqlConnectionLease::Release() {
  if (connection_ != nullptr) pool_->Return(std::move(connection_));
}

SqlConnectionPool::SqlConnectionPool(int size, std::chrono::milliseconds acquire_timeout,
                                     Factory factory)
    : size_(size < 1 ? 1 : size), acquire_timeout_(acquire_timeout), factory_(std::move(factory)) {}

void SqlConnectionPool::Add(std::unique_ptr<SqlConnection> connection) {
  std::lock_guard<std::mutex> lock(mu_);
  ++open_;
  idle_.push_back(std::move(connection));
  available_.notify_one();
}

common::Result<SqlConnectionLease> SqlConnectionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  const bool ready = available_.wait_for(lock, acquire_timeout_,
                                         [this] { return !idle_.empty() || open_ < size_; });
  if (!ready) {
    return common::Unavailable("no database connection became free within " +
                               std::to_string(acquire_timeout_.count()) +
                               " ms; the database is overloaded or a transaction is stuck");
  }
  if (!idle_.empty()) {
    std::unique_ptr<SqlConnection> connection = std::move(idle_.back());
    idle_.pop_back();
    return SqlConnectionLease(this, std::move(connection));
  }
  ++open_;  // reserve the slot, then connect without holding the lock
  lock.unlock();
  common::Result<std::unique_ptr<SqlConnection>> opened = factory_();
  if (!opened.ok()) {
    lock.lock();
    --open_;
    available_.notify_one();
    return opened.status();
  }
  return SqlConnectionLease(this, std::move(opened).value());
}

void SqlConnectionPool::Return(std::unique_ptr<SqlConnection> connection) {
  std::vector<std::unique_ptr<SqlConnection>> closing;  // closed after the lock is released
  std::lock_guard<std::mutex> lock(mu_);
  if (connection->broken()) {
    // A lost connection usually means the server restarted: the idle ones are dead too.
    closing.swap(idle_);
    open_ -= static_cast<int>(closing.size()) + 1;
    closing.push_back(std::move(connection));
  } else {
    idle_.push_back(std::move(connection));
  }
  available_.notify_all();
}

}  // namespace taiga::db
