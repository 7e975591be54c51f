// Test fixture shared by the backend suites (*_test.cc only): each test gets a migrated,
// empty Database of the parameter's kind: a fresh SQLite file, SQLite ":memory:", or a fresh
// PostgreSQL database on the server named by TAIGA_TEST_PG_URL. Without that variable the
// PostgreSQL tests skip, or fail when TAIGA_REQUIRE_PG=1. Not thread-safe (one test at a time).
#pragma once

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "common/log.h"
#include "db/database.h"
#include "db/postgres/postgres_database.h"
#include "db/sql/sql_transaction.h"
#include "common/test_status.h"
#include "db/sqlite/sqlite_database.h"

namespace taiga::db::testing {

enum class Backend { kSqliteFile, kSqliteMemory, kPostgres };

inline const char* BackendLabel(Backend b) {
  switch (b) {
    case Backend::kSqliteFile:
      return "SqliteFile";
    case Backend::kSqliteMemory:
      return "SqliteMemory";
    case Backend::kPostgres:
      return "Postgres";
  }
  return "Unknown";
}
inline std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info) {
  return BackendLabel(info.param);
}
inline void PrintTo(Backend b, std::ostream* os) { *os << BackendLabel(b); }

// `url` with its database name (the path) replaced by `db`.
inline std::string WithDatabase(const std::string& url, const std::string& db) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const size_t query = url.find('?');
  std::string out = url.substr(0, slash == std::string::npos ? query : slash) + "/" + db;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    common::SetLogLevel(common::LogLevel::kWarn);  // not "applied migration" for every test
    if (GetParam() == Backend::kSqliteFile) {
      std::string pattern = std::filesystem::temp_directory_path() / "taiga-db-test.XXXXXX";
      ASSERT_NE(mkdtemp(pattern.data()), nullptr);
      dir_ = pattern;
    } else if (GetParam() == Backend::kPostgres) {
      const char* url = std::getenv("TAIGA_TEST_PG_URL");
      const char* require = std::getenv("TAIGA_REQUIRE_PG");
      if (url == nullptr || *url == '\0') {
        if (require != nullptr && std::string(require) == "1") {
          FAIL() << "TAIGA_REQUIRE_PG=1 but TAIGA_TEST_PG_URL is not set; run the tests "
                    "under scripts/with-postgres";
        }
        GTEST_SKIP() << "TAIGA_TEST_PG_URL is not set; run under scripts/with-postgres to "
                        "include the PostgreSQL backend";
      }
      admin_url_ = url;
      static std::atomic<int> counter{0};
      pg_database_ = "taiga_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
      AdminExec("CREATE DATABASE " + pg_database_);
    }
    db_ = OpenDatabase();
    ASSERT_NE(db_, nullptr);
    if (migrate_in_setup_) TAIGA_ASSERT_OK(db_->Migrate());
  }

  void TearDown() override {
    db_.reset();
    if (!pg_database_.empty())
      AdminExec("DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)");
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // True when a second Database can be opened on the same data (not for ":memory:").
  bool SharedStorage() const { return GetParam() != Backend::kSqliteMemory; }
  bool IsSqlite() const { return GetParam() != Backend::kPostgres; }

  // Opens a Database on this test's data (a second one, when SharedStorage()); null on error.
  std::unique_ptr<Database> OpenDatabase() {
    if (GetParam() == Backend::kPostgres) {
      PostgresOptions options;
      options.url = WithDatabase(admin_url_, pg_database_);
      options.pool_size = 4;
      auto db = PostgresDatabase::Open(options);
      EXPECT_TRUE(db.ok()) << db.status().ToString();
      return db.ok() ? std::move(db).value() : nullptr;
    }
    SqliteOptions options;
    options.path = GetParam() == Backend::kSqliteMemory ? ":memory:" : dir_ + "/taiga.db";
    options.reader_connections = 2;
    auto db = SqliteDatabase::Open(options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  std::unique_ptr<Transaction> Begin(TxMode mode) {
    auto tx = db_->Begin(mode);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    return tx.ok() ? std::move(tx).value() : nullptr;
  }

  std::unique_ptr<Database> db_;
  bool migrate_in_setup_ = true;  // set false in a subclass constructor for a blank database

 public:
  // Runs literal test SQL (seed rows the repositories cannot write) inside `tx`.
  static void ExecSql(Transaction& tx, const std::string& sql) {
    common::Status s =
        static_cast<SqlTransaction&>(tx).context().Run("test sql", [&](SqlConnection& c) {
          c.session() << sql;
          return common::Status::Ok();
        });
    ASSERT_TRUE(s.ok()) << sql << ": " << s.ToString();
  }

  // The single integer `sql` returns inside `tx`; -1 (and a test failure) on error.
  static int64_t QueryInt(Transaction& tx, const std::string& sql) {
    int64_t value = -1;
    common::Status s =
        static_cast<SqlTransaction&>(tx).context().Run("test query", [&](SqlConnection& c) {
          c.session() << sql, soci::into(value);
          return common::Status::Ok();
        });
    EXPECT_TRUE(s.ok()) << sql << ": " << s.ToString();
    return value;
  }

 private:
  void AdminExec(const std::string& sql) {
    try {
      PostgresOptions options;
      options.url = admin_url_;
      soci::session admin(soci::postgresql, PostgresDatabase::ConnInfo(options));
      admin << sql;
    } catch (const std::exception& e) {
      FAIL() << sql << ": " << e.what();
    }
  }

  std::string dir_;
  std::string admin_url_;
  std::string pg_database_;
};

}  // namespace taiga::db::testing

#define TAIGA_INSTANTIATE_BACKEND_TEST(suite)                                              \
  INSTANTIATE_TEST_SUITE_P(Db, suite,                                                      \
                           ::testing::Values(::taiga::db::testing::Backend::kSqliteFile,   \
                                             ::taiga::db::testing::Backend::kSqliteMemory, \
                                             ::taiga::db::testing::Backend::kPostgres),    \
                           ::taiga::db::testing::BackendParamName)
