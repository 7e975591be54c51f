// Migrator: brings a database's schema up to date from the embedded migrations
// (db/migrations/embedded_migrations.h). Forward-only; records each applied version in
// schema_migrations(version, name, applied_at). Each migration runs in its own transaction
// that first takes a database-wide lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
// pg_advisory_xact_lock), so concurrent runs from several processes serialise and each
// migration is applied exactly once. Stateless apart from its inputs; one call per connection.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "db/migrations/embedded_migrations.h"
#include "db/sql/sql_connection.h"

namespace taiga::db {

// Runs a script of several statements on a session, throwing soci::soci_error on failure
// (SOCI prepares one statement at a time, so each backend supplies its native "exec").
using ScriptRunner = std::function<void(soci::session& session, const std::string& script)>;

struct MigratorOptions {
  SqlDialect dialect = SqlDialect::kSqlite;
  std::span<const Migration> migrations;  // ascending by version
  ScriptRunner run_script;
  const common::Clock* clock = nullptr;  // for applied_at; must outlive the Migrator
};

class Migrator {
 public:
  explicit Migrator(MigratorOptions options) : options_(std::move(options)) {}

  // Applies every migration newer than the schema on `connection`, which must not be inside a
  // transaction. Errors: Unavailable (database gone), Conflict (SQLite lock wait timed out),
  // Internal (a migration failed: nothing of it is kept), FailedPrecondition when the database
  // has a version this binary does not know (it was migrated by a newer Taiga).
  common::Status Migrate(SqlConnection& connection) const;

  // The highest applied version, 0 for an empty database. Errors: as Migrate.
  common::Result<int> CurrentVersion(SqlConnection& connection) const;

 private:
  // Runs body(newest version) in a transaction holding the migration lock, with
  // schema_migrations created. Throws soci::soci_error (after rolling back).
  template <typename F>
  void Locked(SqlConnection& connection, F&& body) const;
  // Applies `m` unless already there; returns true when it did. *newest: the version after.
  bool ApplyOne(SqlConnection& connection, const Migration& m, int* newest) const;

  MigratorOptions options_;
};

}  // namespace taiga::db
