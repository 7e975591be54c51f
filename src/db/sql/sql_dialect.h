// SqlDialect: which SQL engine a soci::session talks to, for the few places where the SQL or
// the error codes differ (transaction begin, migration locking, error mapping). The
// repositories use SQL both engines accept (RETURNING, ON CONFLICT DO NOTHING, WITH RECURSIVE).
// Plain enum; thread-safe.
#pragma once

namespace taiga::db {

enum class SqlDialect {
  kSqlite,    // SQLite 3.35+ (RETURNING)
  kPostgres,  // PostgreSQL 12+
};

// "sqlite" | "postgresql", as Database::BackendName reports it.
inline const char* SqlDialectName(SqlDialect d) {
  return d == SqlDialect::kSqlite ? "sqlite" : "postgresql";
}

}  // namespace taiga::db
