#include "db/sql/migrator.h"

#include <exception>
#include <optional>
#include <string>

#include "common/log.h"
#include "db/sql/sql_error.h"

namespace taiga::db {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr char kBeginSqlite[] = "BEGIN IMMEDIATE";
constexpr char kBeginPostgres[] = "BEGIN";
// Any constant shared by all Taiga processes; "taiga" in ASCII.
constexpr char kLockPostgres[] = "SELECT pg_advisory_xact_lock(499968288609)";
constexpr char kMaxVersion[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr char kInsertVersion[] =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :at)";
constexpr char kCommit[] = "COMMIT";
constexpr char kRollback[] = "ROLLBACK";

int MaxVersion(SqlConnection& c) {
  auto row = c.Statement<PreparedStatement<Params<>, Columns<int64_t>>>(kMaxVersion).First();
  return row ? static_cast<int>(std::get<0>(*row)) : 0;
}

void RollbackQuietly(SqlConnection& c) {
  try {
    c.Execute(kRollback);
  } catch (const std::exception&) {
    c.MarkBroken();
  }
}

}  // namespace

template <typename F>
void Migrator::Locked(SqlConnection& c, F&& body) const {
  const bool sqlite = options_.dialect == SqlDialect::kSqlite;
  c.Execute(sqlite ? kBeginSqlite : kBeginPostgres);
  try {
    if (!sqlite) c.Execute(kLockPostgres);
    c.Execute(kCreateTable);
    body(MaxVersion(c));
    c.Execute(kCommit);
  } catch (...) {
    RollbackQuietly(c);
    throw;
  }
}

bool Migrator::ApplyOne(SqlConnection& c, const Migration& m, int* newest) const {
  bool applied = false;
  Locked(c, [&](int current) {
    *newest = current;
    if (current >= m.version) return;
    options_.run_script(c.session(), m.sql);
    c.Statement<PreparedStatement<Params<int64_t, std::string, int64_t>, Columns<>>>(kInsertVersion)
        .Bind(m.version, m.name, options_.clock->Now())
        .Exec();
    *newest = m.version;
    applied = true;
  });
  return applied;
}

common::Status Migrator::Migrate(SqlConnection& c) const {
  const int known = options_.migrations.empty() ? 0 : options_.migrations.back().version;
  int newest = 0;
  for (const Migration& m : options_.migrations) {
    if (newest >= m.version) continue;  // seen inside an earlier lock; versions only grow
    bool applied = false;
    try {
      applied = ApplyOne(c, m, &newest);
    } catch (const std::exception& e) {
      c.OnError();
      common::Status status = SqlErrorToStatus(
          options_.dialect, e, "apply migration " + std::to_string(m.version) + "_" + m.name);
      if (status.code() == common::StatusCode::kUnavailable) c.MarkBroken();
      return status;
    }
    if (applied) {
      common::LogInfo("applied database migration",
                      {{"version", std::to_string(m.version)}, {"name", m.name}});
    }
    if (newest > known) break;
  }
  if (newest > known) {
    return common::FailedPrecondition("the database schema is at version " +
                                      std::to_string(newest) +
                                      " but this binary knows "
                                      "only up to " +
                                      std::to_string(known) + "; run a newer Taiga");
  }
  return common::Status::Ok();
}

common::Result<int> Migrator::CurrentVersion(SqlConnection& c) const {
  try {
    int version = 0;
    Locked(c, [&](int current) { version = current; });
    return version;
  } catch (const std::exception& e) {
    c.OnError();
    return SqlErrorToStatus(options_.dialect, e, "read schema version");
  }
}

}  // namespace taiga::db
