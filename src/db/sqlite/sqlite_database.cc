#include "db/sqlite/sqlite_database.h"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "db/migrations/embedded_migrations.h"
#include "db/sql/migrator.h"
#include "db/sql/sql_error.h"
#include "db/sql/sql_transaction.h"

namespace taiga::db {
namespace {

constexpr char kMemoryPath[] = ":memory:";
constexpr char kBeginWrite[] = "BEGIN IMMEDIATE";
constexpr char kBeginRead[] = "BEGIN DEFERRED";
constexpr char kPing[] = "SELECT 1";
// PRAGMAs take no bound parameters; the only number spliced in is our own busy timeout.
constexpr char kBusyTimeoutPragma[] = "PRAGMA busy_timeout = ";
constexpr char kConnectionPragmas[] =
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
constexpr char kReaderPragma[] = "PRAGMA query_only = ON";

sqlite_api::sqlite3* NativeHandle(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

// sqlite3_exec: runs every statement of `script`. Throws sqlite3_soci_error.
void RunScript(soci::session& session, const std::string& script) {
  char* error = nullptr;
  const int rc =
      sqlite_api::sqlite3_exec(NativeHandle(session), script.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite_api::sqlite3_free(error);
    throw soci::sqlite3_soci_error(message, rc);
  }
}

// Runs the connection PRAGMAs. Switching a fresh file to WAL while another connection does the
// same (or holds a lock during recovery) fails with SQLITE_BUSY without consulting the busy
// handler, so retry that for up to the busy timeout.
void SetUpConnection(soci::session& session, int busy_timeout_ms) {
  RunScript(session, kBusyTimeoutPragma + std::to_string(busy_timeout_ms));
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (;;) {
    try {
      RunScript(session, kConnectionPragmas);
      return;
    } catch (const soci::sqlite3_soci_error& e) {
      const int code = e.result() & 0xff;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
          std::chrono::steady_clock::now() >= deadline) {
        throw;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
}

// SOCI parses "key=value" connect strings; a plain path is taken as it is.
std::string ConnectString(const std::string& path) {
  if (path.find('=') == std::string::npos) return path;
  return "db=\"" + path + "\"";
}

common::Result<std::unique_ptr<SqlConnection>> OpenConnection(const SqliteOptions& options,
                                                              bool reader) {
  try {
    auto session = std::make_unique<soci::session>(soci::sqlite3, ConnectString(options.path));
    SetUpConnection(*session, options.busy_timeout_ms);
    if (reader) RunScript(*session, kReaderPragma);
    return std::make_unique<SqlConnection>(std::move(session), SqlDialect::kSqlite);
  } catch (const std::exception& e) {
    common::Status status = SqlErrorToStatus(SqlDialect::kSqlite, e, "open " + options.path);
    if (status.code() == common::StatusCode::kInternal) {
      return common::Unavailable(status.message());
    }
    return status;
  }
}

// Process-wide SQLite settings, applied once before SQLite initialises: each connection is used
// by one thread at a time (the pools hand them over under a mutex), so SQLite's per-connection
// mutexes are not needed (MULTITHREAD), and the global allocation statistics mutex is a
// bottleneck with several threads (MEMSTATUS off). Together ~1.7x the throughput on 2 cores.
// If SQLite was initialised elsewhere first, the calls fail harmlessly and nothing changes.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

}  // namespace

SqliteDatabase::SqliteDatabase(const SqliteOptions& options,
                               std::shared_ptr<const common::Clock> clock)
    : options_(options), clock_(std::move(clock)) {
  const std::chrono::milliseconds timeout(options.busy_timeout_ms);
  SqliteOptions copy = options;
  writer_ = std::make_unique<SqlConnectionPool>(
      1, timeout, [copy] { return OpenConnection(copy, /*reader=*/false); });
  if (options.path != kMemoryPath) {
    readers_ = std::make_unique<SqlConnectionPool>(options.reader_connections, timeout, [copy] {
      return OpenConnection(copy, /*reader=*/true);
    });
  }
}

common::Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const SqliteOptions& options) {
  if (options.path.empty()) {
    return common::InvalidArgument("sqlite path is empty; give a file name or \":memory:\"");
  }
  if (options.path.find('"') != std::string::npos) {
    return common::InvalidArgument("sqlite path must not contain '\"': " + options.path);
  }
  ConfigureSqliteOnce();
  std::shared_ptr<const common::Clock> clock = options.clock;
  if (clock == nullptr) clock = std::make_shared<common::SystemClock>();
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(options, std::move(clock)));
  // Open the writer now, so a bad path fails here rather than on the first request.
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<SqlConnection> writer, OpenConnection(options, false));
  db->writer_->Add(std::move(writer));
  return db;
}

common::Result<std::unique_ptr<Transaction>> SqliteDatabase::Begin(TxMode mode) {
  const bool write = mode != TxMode::kRead || readers_ == nullptr;
  SqlConnectionPool& pool = write ? *writer_ : *readers_;
  TAIGA_ASSIGN_OR_RETURN(SqlConnectionLease lease, pool.Acquire());
  return SqlTransaction::Begin(std::move(lease), mode != TxMode::kRead ? kBeginWrite : kBeginRead,
                               *clock_);
}

common::Status SqliteDatabase::Ping() {
  TAIGA_ASSIGN_OR_RETURN(SqlConnectionLease lease,
                         (readers_ != nullptr ? readers_ : writer_)->Acquire());
  try {
    lease->Execute(kPing);
    return common::Status::Ok();
  } catch (const std::exception& e) {
    lease->OnError();
    return SqlErrorToStatus(SqlDialect::kSqlite, e, "ping");
  }
}

common::Status SqliteDatabase::Migrate() {
  TAIGA_ASSIGN_OR_RETURN(SqlConnectionLease lease, writer_->Acquire());
  const Migrator migrator(
      MigratorOptions{SqlDialect::kSqlite, SqliteMigrations(), RunScript, clock_.get()});
  return migrator.Migrate(*lease.get());
}

}  // namespace taiga::db
