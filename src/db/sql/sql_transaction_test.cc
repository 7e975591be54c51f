// Database and Transaction (SqlTransaction) against every backend (test_backend.h).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using testing::Backend;
using testing::BackendTest;

domain::User MakeUser(const std::string& id, const std::string& name) {
  return domain::User{id, name, name + "@example.com", "", "", 1};
}

class SqlTransactionTest : public BackendTest {
 protected:
  bool UserExists(Database& db, const std::string& name) {
    auto tx = db.Begin(TxMode::kRead);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    if (!tx.ok()) return false;
    auto user = (*tx)->Users().FindByName(name);
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    return user.ok() && user->has_value();
  }
};

TEST_P(SqlTransactionTest, PingAndBackendName) {
  TAIGA_EXPECT_OK(db_->Ping());
  EXPECT_EQ(db_->BackendName(), IsSqlite() ? "sqlite" : "postgresql");
}

TEST_P(SqlTransactionTest, UncommittedWriteRollsBackOnDestruction) {
  {
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  }
  EXPECT_FALSE(UserExists(*db_, "alice"));
  // The connection is usable again afterwards.
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  TAIGA_ASSERT_OK(tx->Commit());
  EXPECT_TRUE(UserExists(*db_, "alice"));
}

TEST_P(SqlTransactionTest, CommittedWriteIsVisibleToALaterRead) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
  TAIGA_ASSERT_OK(tx->Commit());
  EXPECT_TRUE(UserExists(*db_, "alice"));
  if (SharedStorage()) {
    std::unique_ptr<Database> other = OpenDatabase();
    ASSERT_NE(other, nullptr);
    EXPECT_TRUE(UserExists(*other, "alice"));
  }
}

TEST_P(SqlTransactionTest, UseAfterCommitIsFailedPrecondition) {
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Commit());
  EXPECT_EQ(tx->Commit().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(tx->Users().FindById("u1").status().code(), StatusCode::kFailedPrecondition);
  // The connection went back to the pool at Commit: another writer can begin at once.
  auto next = Begin(TxMode::kWrite);
  ASSERT_NE(next, nullptr);
}

TEST_P(SqlTransactionTest, ErrorInsideATransactionKeepsTheDatabaseUsable) {
  {
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
    EXPECT_EQ(tx->Users().Insert(MakeUser("u2", "alice")).code(), StatusCode::kAlreadyExists);
  }
  auto tx = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u3", "carol")));
  TAIGA_ASSERT_OK(tx->Commit());
  EXPECT_FALSE(UserExists(*db_, "alice"));
  EXPECT_TRUE(UserExists(*db_, "carol"));
}

TEST_P(SqlTransactionTest, ReadTransactionRejectsWrites) {
  if (GetParam() == Backend::kSqliteMemory) GTEST_SKIP() << ":memory: has no read-only readers";
  auto tx = Begin(TxMode::kRead);
  common::Status s = tx->Users().Insert(MakeUser("u1", "alice"));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInternal) << s.ToString();
}

TEST_P(SqlTransactionTest, ReadTransactionSeesOneSnapshot) {
  if (!SharedStorage()) GTEST_SKIP() << ":memory: runs one transaction at a time";
  {
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
    TAIGA_ASSERT_OK(tx->Commit());
  }
  auto read = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto before, read->Users().ListAll());
  ASSERT_EQ(before.size(), 1u);
  {
    auto write = Begin(TxMode::kWrite);  // not blocked by the open reader
    TAIGA_ASSERT_OK(write->Users().Insert(MakeUser("u2", "bob")));
    TAIGA_ASSERT_OK(write->Commit());
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(auto during, read->Users().ListAll());
  EXPECT_EQ(during.size(), 1u);
  read.reset();
  auto fresh = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto after, fresh->Users().ListAll());
  EXPECT_EQ(after.size(), 2u);
}

TEST_P(SqlTransactionTest, ManyConcurrentReadersShareThePool) {
  {
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "alice")));
    TAIGA_ASSERT_OK(tx->Commit());
  }
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (UserExists(*db_, "alice")) ++found;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(found.load(), 120);
}

// Read-modify-write of one counter from two threads: correct only if writers serialise.
TEST_P(SqlTransactionTest, ConcurrentWriteTransactionsSerialise) {
  if (!IsSqlite()) GTEST_SKIP() << "PostgreSQL writers run at READ COMMITTED";
  {
    auto tx = Begin(TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(MakeUser("u1", "0")));
    TAIGA_ASSERT_OK(tx->Commit());
  }
  std::unique_ptr<Database> other = SharedStorage() ? OpenDatabase() : nullptr;
  auto increment = [](Database& db) {
    for (int i = 0; i < 5; ++i) {
      auto tx = db.Begin(TxMode::kWrite);
      ASSERT_TRUE(tx.ok()) << tx.status().ToString();
      auto user = (*tx)->Users().FindById("u1");
      ASSERT_TRUE(user.ok() && user->has_value());
      const int value = std::stoi((*user)->name);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      testing::BackendTest::ExecSql(
          **tx, "UPDATE users SET name = '" + std::to_string(value + 1) + "' WHERE id = 'u1'");
      TAIGA_ASSERT_OK((*tx)->Commit());
    }
  };
  std::thread a([&] { increment(*db_); });
  std::thread b([&] { increment(other ? *other : *db_); });  // a second "process" when possible
  a.join();
  b.join();
  auto tx = Begin(TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto user, tx->Users().FindById("u1"));
  EXPECT_EQ(user->name, "10");
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlTransactionTest);

}  // namespace
}  // namespace taiga::db
