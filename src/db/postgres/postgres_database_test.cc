// PostgreSQL-only behaviour of PostgresDatabase: connect strings, unreachable servers, error
// mapping under real concurrency, recovery from a dropped connection. The shared suites live in
// db/sql/*_test.cc.
#include "db/postgres/postgres_database.h"

#include <gtest/gtest.h>

#include <thread>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using testing::Backend;
using testing::BackendTest;

std::string ConnInfoOf(const std::string& url) {
  PostgresOptions options;
  options.url = url;
  options.connect_timeout_seconds = 7;
  return PostgresDatabase::ConnInfo(options);
}

TEST(PostgresConnInfoTest, AddsConnectTimeoutToUrisAndKeywordStrings) {
  EXPECT_EQ(ConnInfoOf("postgresql://u@h:5432/db"), "postgresql://u@h:5432/db?connect_timeout=7");
  EXPECT_EQ(ConnInfoOf("postgres://u@h/db?sslmode=disable"),
            "postgres://u@h/db?sslmode=disable&connect_timeout=7");
  EXPECT_EQ(ConnInfoOf("postgresql://h/db?connect_timeout=2"),
            "postgresql://h/db?connect_timeout=2");
  EXPECT_EQ(ConnInfoOf("host=h dbname=db"), "host=h dbname=db connect_timeout=7");
}

TEST(PostgresOpenTest, BadUrlsAndUnreachableServers) {
  PostgresOptions options;
  EXPECT_EQ(PostgresDatabase::Open(options).status().code(), StatusCode::kInvalidArgument);
  options.url = "postgresql://u:pass word@h/db";
  EXPECT_EQ(PostgresDatabase::Open(options).status().code(), StatusCode::kInvalidArgument);
  options.url = "postgresql://postgres@127.0.0.1:1/postgres";  // nothing listens on port 1
  options.connect_timeout_seconds = 2;
  auto db = PostgresDatabase::Open(options);
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable) << db.status().ToString();
}

class PostgresDatabaseTest : public BackendTest {};

TEST_P(PostgresDatabaseTest, DeadlockIsAborted) {
  {
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(domain::User{"a", "a", "a@x", "", "", 1}));
    TAIGA_ASSERT_OK(tx->Users().Insert(domain::User{"b", "b", "b@x", "", "", 1}));
    TAIGA_ASSERT_OK(tx->Commit());
  }
  auto one = Begin(TxMode::kWrite);
  auto two = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(one->Users().SetFolders("a", "h1", "t1"));
  TAIGA_ASSERT_OK(two->Users().SetFolders("b", "h2", "t2"));
  common::Status first;
  std::thread t([&] { first = one->Users().SetFolders("b", "h1", "t1"); });  // waits for two
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  common::Status second = two->Users().SetFolders("a", "h2", "t2");  // closes the cycle
  t.join();
  // The server aborts exactly one of them (after deadlock_timeout, 1 s by default).
  EXPECT_NE(first.ok(), second.ok()) << first.ToString() << " / " << second.ToString();
  const common::Status& failed = first.ok() ? second : first;
  EXPECT_EQ(failed.code(), StatusCode::kAborted) << failed.ToString();
}

TEST_P(PostgresDatabaseTest, ADroppedConnectionIsReplaced) {
  auto tx = Begin(TxMode::kRead);
  const int64_t pid = QueryInt(*tx, "SELECT pg_backend_pid()");
  TAIGA_ASSERT_OK(tx->Commit());
  {
    std::unique_ptr<Database> other = OpenDatabase();
    auto killer = other->Begin(TxMode::kWrite);
    ASSERT_TRUE(killer.ok());
    EXPECT_EQ(QueryInt(**killer, "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(" +
                                     std::to_string(pid) + ", 5000)) t"),
              1);
  }
  // Begin meets the dead connection first, discards it and retries on a fresh one.
  auto fresh = Begin(TxMode::kRead);
  ASSERT_NE(fresh, nullptr);
  TAIGA_EXPECT_OK(fresh->Users().ListAll().status());
  EXPECT_NE(QueryInt(*fresh, "SELECT pg_backend_pid()"), pid);
  TAIGA_EXPECT_OK(db_->Ping());
}

INSTANTIATE_TEST_SUITE_P(Db, PostgresDatabaseTest, ::testing::Values(Backend::kPostgres),
                         ::taiga::db::testing::BackendParamName);

}  // namespace
}  // namespace taiga::db
