// SQLite-only behaviour of SqliteDatabase: connection settings, locking between processes
// (two Database objects on one file), paths. The shared suites live in db/sql/*_test.cc.
#include "db/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using testing::BackendTest;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = std::filesystem::temp_directory_path() / "taiga sqlite=test.XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;  // a space and an '=' in the path on purpose
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<SqliteDatabase> Open(int busy_timeout_ms = 5000) {
    SqliteOptions options;
    options.path = dir_ + "/taiga.db";
    options.busy_timeout_ms = busy_timeout_ms;
    auto db = SqliteDatabase::Open(options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  std::string dir_;
};

TEST_F(SqliteDatabaseTest, EveryConnectionHasTheSettings) {
  auto db = Open(1234);
  ASSERT_NE(db, nullptr);
  TAIGA_ASSERT_OK(db->Migrate());
  for (TxMode mode : {TxMode::kWrite, TxMode::kRead}) {
    auto tx = db->Begin(mode);
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    Transaction& t = **tx;
    EXPECT_EQ(BackendTest::QueryInt(
                  t, "SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
              1);
    EXPECT_EQ(BackendTest::QueryInt(t, "SELECT foreign_keys FROM pragma_foreign_keys"), 1);
    EXPECT_EQ(BackendTest::QueryInt(t, "SELECT synchronous FROM pragma_synchronous"), 1);
    EXPECT_EQ(BackendTest::QueryInt(t, "SELECT timeout FROM pragma_busy_timeout"), 1234);
    EXPECT_EQ(BackendTest::QueryInt(t, "SELECT query_only FROM pragma_query_only"),
              mode == TxMode::kRead ? 1 : 0);
  }
}

TEST_F(SqliteDatabaseTest, OpenAndMigrateConcurrentlyOnAFreshFile) {
  std::vector<common::Status> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      SqliteOptions options;
      options.path = dir_ + "/taiga.db";
      auto db = SqliteDatabase::Open(options);
      results[i] = db.ok() ? (*db)->Migrate() : db.status();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& s : results) TAIGA_EXPECT_OK(s);
}

TEST_F(SqliteDatabaseTest, AnotherProcessesWriterMakesBeginWaitThenAborted) {
  auto holder = Open();
  auto impatient = Open(/*busy_timeout_ms=*/100);
  auto patient = Open();
  TAIGA_ASSERT_OK(holder->Migrate());
  auto held = holder->Begin(TxMode::kWrite);
  ASSERT_TRUE(held.ok());

  const auto start = std::chrono::steady_clock::now();
  auto refused = impatient->Begin(TxMode::kWrite);
  EXPECT_EQ(refused.status().code(), StatusCode::kAborted) << refused.status().ToString();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(90));
  auto reader = impatient->Begin(TxMode::kRead);  // readers are not blocked by the writer
  TAIGA_ASSERT_OK(reader.status());
  TAIGA_ASSERT_OK((*reader)->Users().ListAll().status());

  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    TAIGA_EXPECT_OK((*held)->Commit());
  });
  auto waited = patient->Begin(TxMode::kWrite);
  TAIGA_EXPECT_OK(waited.status());
  release.join();
}

TEST_F(SqliteDatabaseTest, MemoryDatabaseRunsOneTransactionAtATime) {
  SqliteOptions options;
  options.path = ":memory:";
  options.busy_timeout_ms = 100;
  auto db = SqliteDatabase::Open(options);
  ASSERT_TRUE(db.ok());
  TAIGA_ASSERT_OK((*db)->Migrate());
  auto first = (*db)->Begin(TxMode::kRead);
  ASSERT_TRUE(first.ok());
  auto second = (*db)->Begin(TxMode::kRead);
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  first.value().reset();
  TAIGA_EXPECT_OK((*db)->Begin(TxMode::kWrite).status());
}

TEST_F(SqliteDatabaseTest, BadPaths) {
  SqliteOptions options;
  EXPECT_EQ(SqliteDatabase::Open(options).status().code(), StatusCode::kInvalidArgument);
  options.path = dir_ + "/no/such/dir/taiga.db";
  EXPECT_EQ(SqliteDatabase::Open(options).status().code(), StatusCode::kUnavailable);
  options.path = dir_ + "/quote\".db";
  EXPECT_EQ(SqliteDatabase::Open(options).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace taiga::db
