// Migrator, through Database::Migrate, against every backend (test_backend.h).
#include "db/sql/migrator.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "db/sql/test_backend.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using testing::BackendTest;

class MigratorTest : public BackendTest {
 protected:
  MigratorTest() { migrate_in_setup_ = false; }

  int LatestKnown() const {
    return (IsSqlite() ? SqliteMigrations() : PostgresMigrations()).back().version;
  }
  int64_t Query(Database& db, const std::string& sql) {
    auto tx = db.Begin(TxMode::kRead);
    EXPECT_TRUE(tx.ok()) << tx.status().ToString();
    return tx.ok() ? QueryInt(**tx, sql) : -1;
  }
};

TEST_P(MigratorTest, EmbeddedMigrationsAreNumberedFromOne) {
  for (auto migrations : {SqliteMigrations(), PostgresMigrations()}) {
    ASSERT_FALSE(migrations.empty());
    for (size_t i = 0; i < migrations.size(); ++i) {
      EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1));
      const std::string sql = migrations[i].sql;  // every migration changes the schema
      EXPECT_TRUE(sql.find("CREATE TABLE") != std::string::npos ||
                  sql.find("ALTER TABLE") != std::string::npos)
          << migrations[i].name;
    }
  }
  EXPECT_STREQ(SqliteMigrations()[0].name, "initial");
}

TEST_P(MigratorTest, RecordsVersionsAndASecondRunIsANoOp) {
  TAIGA_ASSERT_OK(db_->Migrate());
  EXPECT_EQ(Query(*db_, "SELECT MAX(version) FROM schema_migrations"), LatestKnown());
  EXPECT_EQ(Query(*db_, "SELECT COUNT(*) FROM schema_migrations"), LatestKnown());
  EXPECT_EQ(Query(*db_,
                  "SELECT COUNT(*) FROM schema_migrations WHERE version = 1 AND "
                  "name = 'initial' AND applied_at > 1600000000000000"),
            1);
  TAIGA_ASSERT_OK(db_->Migrate());
  EXPECT_EQ(Query(*db_, "SELECT COUNT(*) FROM schema_migrations"), LatestKnown());
  EXPECT_EQ(Query(*db_, "SELECT COUNT(*) FROM users"), 0);  // the schema is there
}

TEST_P(MigratorTest, ParallelRunsOnOneDatabaseObjectBothSucceed) {
  std::vector<common::Status> results(2);
  std::thread a([&] { results[0] = db_->Migrate(); });
  std::thread b([&] { results[1] = db_->Migrate(); });
  a.join();
  b.join();
  TAIGA_EXPECT_OK(results[0]);
  TAIGA_EXPECT_OK(results[1]);
  EXPECT_EQ(Query(*db_, "SELECT COUNT(*) FROM schema_migrations"), LatestKnown());
}

TEST_P(MigratorTest, ParallelRunsFromTwoDatabaseObjectsBothSucceed) {
  if (!SharedStorage()) GTEST_SKIP() << ":memory: cannot be opened twice";
  std::vector<std::unique_ptr<Database>> dbs;
  for (int i = 0; i < 3; ++i) {
    dbs.push_back(OpenDatabase());
    ASSERT_NE(dbs.back(), nullptr);
  }
  std::vector<common::Status> results(dbs.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < dbs.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = dbs[i]->Migrate(); });
  }
  for (auto& t : threads) t.join();
  for (const auto& s : results) TAIGA_EXPECT_OK(s);
  EXPECT_EQ(Query(*db_, "SELECT COUNT(*) FROM schema_migrations"), LatestKnown());
}

TEST_P(MigratorTest, ASchemaNewerThanTheBinaryIsFailedPrecondition) {
  TAIGA_ASSERT_OK(db_->Migrate());
  {
    auto tx = Begin(TxMode::kWrite);
    ExecSql(*tx,
            "INSERT INTO schema_migrations (version, name, applied_at) "
            "VALUES (999, 'from_the_future', 1)");
    TAIGA_ASSERT_OK(tx->Commit());
  }
  common::Status s = db_->Migrate();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
}

TAIGA_INSTANTIATE_BACKEND_TEST(MigratorTest);

}  // namespace
}  // namespace taiga::db
