#include "db/postgres/postgres_database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <chrono>
#include <exception>
#include <string>
#include <utility>

#include "common/log.h"
#include "db/migrations/embedded_migrations.h"
#include "db/sql/migrator.h"
#include "db/sql/sql_error.h"
#include "db/sql/sql_transaction.h"

namespace taiga::db {
namespace {

constexpr char kBeginWrite[] = "BEGIN ISOLATION LEVEL SERIALIZABLE";
constexpr char kBeginRead[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr char kBeginLockingWrite[] = "BEGIN ISOLATION LEVEL READ COMMITTED";
constexpr char kPing[] = "SELECT 1";
constexpr char kConnectTimeoutKey[] = "connect_timeout=";

// PQexec: runs every statement of `script`. Throws postgresql_soci_error.
void RunScript(soci::session& session, const std::string& script) {
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
  PGresult* result = PQexec(conn, script.c_str());
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    std::string message = PQresultErrorMessage(result);
    if (message.empty()) message = PQerrorMessage(conn);
    std::string sqlstate = state != nullptr ? state : "08000";  // no result: connection lost
    PQclear(result);
    throw soci::postgresql_soci_error(message, sqlstate.c_str());
  }
  PQclear(result);
}

// Server NOTICEs ("relation ... already exists, skipping") go to the debug log, not stderr.
void LogNotice(void*, const char* message) {
  std::string text = message;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  common::Log(common::LogLevel::kDebug, "postgresql notice", {{"message", text}});
}

common::Result<std::unique_ptr<SqlConnection>> OpenConnection(const std::string& conninfo) {
  try {
    auto session = std::make_unique<soci::session>(soci::postgresql, conninfo);
    PQsetNoticeProcessor(
        static_cast<soci::postgresql_session_backend*>(session->get_backend())->conn_, LogNotice,
        nullptr);
    return std::make_unique<SqlConnection>(std::move(session), SqlDialect::kPostgres);
  } catch (const std::exception& e) {
    // The message names host and port, never the password (libpq does not echo it).
    return common::Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

}  // namespace

// SOCI 4.0 re-splits the connect string on whitespace and '=' before libpq sees it: a URI
// survives intact when it holds an '=' (ConnInfo always adds connect_timeout=) and no
// whitespace or '"'. Spaces in a password are written %20 in the URI.
std::string PostgresDatabase::ConnInfo(const PostgresOptions& options) {
  std::string conninfo = options.url;
  if (conninfo.find(kConnectTimeoutKey) != std::string::npos) return conninfo;
  const std::string timeout = kConnectTimeoutKey + std::to_string(options.connect_timeout_seconds);
  const bool is_uri =
      conninfo.rfind("postgresql://", 0) == 0 || conninfo.rfind("postgres://", 0) == 0;
  if (!is_uri) return conninfo + " " + timeout;
  return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + timeout;
}

PostgresDatabase::PostgresDatabase(const PostgresOptions& options,
                                   std::shared_ptr<const common::Clock> clock)
    : clock_(std::move(clock)) {
  std::string conninfo = ConnInfo(options);
  pool_ = std::make_unique<SqlConnectionPool>(options.pool_size,
                                              std::chrono::milliseconds(options.acquire_timeout_ms),
                                              [conninfo] { return OpenConnection(conninfo); });
}

common::Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(
    const PostgresOptions& options) {
  if (options.url.empty()) {
    return common::InvalidArgument(
        "postgresql url is empty; give e.g. postgresql://taiga@localhost:5432/taiga");
  }
  if (options.url.find_first_of(" \t\r\n\"") != std::string::npos) {
    return common::InvalidArgument(
        "postgresql url must not contain spaces or '\"'; percent-encode them (%20, %22)");
  }
  std::shared_ptr<const common::Clock> clock = options.clock;
  if (clock == nullptr) clock = std::make_shared<common::SystemClock>();
  std::unique_ptr<PostgresDatabase> db(new PostgresDatabase(options, std::move(clock)));
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<SqlConnection> first, OpenConnection(ConnInfo(options)));
  db->pool_->Add(std::move(first));
  return db;
}

common::Result<std::unique_ptr<Transaction>> PostgresDatabase::Begin(TxMode mode) {
  const char* begin = mode == TxMode::kWrite          ? kBeginWrite
                      : mode == TxMode::kLockingWrite ? kBeginLockingWrite
                                                      : kBeginRead;
  TAIGA_ASSIGN_OR_RETURN(SqlConnectionLease lease, pool_->Acquire());
  auto tx = SqlTransaction::Begin(std::move(lease), begin, *clock_);
  if (tx.ok() || tx.status().code() != common::StatusCode::kUnavailable) return tx;
  // The pooled connection was dead (server restart); the pool dropped it and its idle siblings,
  // so one retry gets a fresh connection, or fails again if the server is really gone.
  TAIGA_ASSIGN_OR_RETURN(SqlConnectionLease fresh, pool_->Acquire());
  return SqlTransaction::Begin(std::move(fresh), begin, *clock_);
}

common::Status PostgresDatabase::Ping() {
  TAIGA_ASSIGN_OR_RETURN(SqlConnectionLease lease, pool_->Acquire());
  try {
    lease->Execute(kPing);
    return common::Status::Ok();
  } catch (const std::exception& e) {
    lease->OnError();
    common::Status status = SqlErrorToStatus(SqlDialect::kPostgres, e, "ping");
    if (status.code() == common::StatusCode::kUnavailable) lease->MarkBroken();
    return status;
  }
}

common::Status PostgresDatabase::Migrate() {
  TAIGA_ASSIGN_OR_RETURN(SqlConnectionLease lease, pool_->Acquire());
  const Migrator migrator(
      MigratorOptions{SqlDialect::kPostgres, PostgresMigrations(), RunScript, clock_.get()});
  return migrator.Migrate(*lease.get());
}

}  // namespace taiga::db
