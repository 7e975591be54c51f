// SqlConnection: one open soci::session plus the statements prepared on it, kept for the life
// of the connection so hot queries are parsed once. Owned by a SqlConnectionPool and lent to
// one transaction at a time; not thread-safe.
#pragma once

#include <soci/soci.h>

#include <cassert>
#include <memory>
#include <typeinfo>
#include <unordered_map>

#include "db/sql/prepared_statement.h"
#include "db/sql/sql_dialect.h"

namespace taiga::db {

class SqlConnection {
 public:
  SqlConnection(std::unique_ptr<soci::session> session, SqlDialect dialect)
      : session_(std::move(session)), dialect_(dialect) {}
  SqlConnection(const SqlConnection&) = delete;
  SqlConnection& operator=(const SqlConnection&) = delete;
  ~SqlConnection() { statements_.clear(); }  // statements before the session they live on

  soci::session& session() { return *session_; }
  SqlDialect dialect() const { return dialect_; }

  // The statement for `sql`, prepared on first use. `sql` is the cache key by address, so it
  // must be a named constant with static storage, always used with the same S.
  // Throws soci::soci_error when the SQL does not prepare.
  template <typename S>
  S& Statement(const char* sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
      it = statements_.emplace(sql, std::make_unique<S>(*session_, sql)).first;
    }
    assert(typeid(*it->second) == typeid(S));
    return static_cast<S&>(*it->second);
  }

  // Runs `sql` (no parameters, no result rows) as a cached statement. Throws soci::soci_error.
  void Execute(const char* sql) { Statement<PreparedStatement<Params<>, Columns<>>>(sql).Exec(); }

  // Called after a statement threw: SQLite statements are dropped (their state is unknown and
  // re-preparing is cheap); PostgreSQL keeps them (server-side statements survive errors).
  void OnError() {
    if (dialect_ == SqlDialect::kSqlite) statements_.clear();
  }

  // A connection that lost its server is marked broken and discarded by its pool.
  void MarkBroken() { broken_ = true; }
  bool broken() const { return broken_; }

 private:
  std::unique_ptr<soci::session> session_;
  SqlDialect dialect_;
  std::unordered_map<const char*, std::unique_ptr<PreparedStatementBase>> statements_;
  bool broken_ = false;
};

}  // namespace taiga::db
