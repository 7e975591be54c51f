// DatasetRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "db/sql/test_dataset_rows.h"

namespace taiga::db {
namespace {

constexpr common::Timestamp kLongAfter = 1LL << 60;  // every test blob was claimed before

using common::StatusCode;
using domain::VersionState;
using testing::MakeDataset;
using testing::MakeFile;
using testing::MakeVersion;
using testing::MakeVirtual;
using OptString = std::optional<std::string>;

class SqlDatasetRepositoryTest : public testing::DatasetRowsTest {
 protected:
  DatasetRepository& Datasets() { return tx_->Datasets(); }
  // A dataset with versions 1..`versions` ("<id>-v<n>").
  void AddDataset(const std::string& id, const std::string& permaname, int versions = 0) {
    TAIGA_ASSERT_OK(Datasets().InsertDataset(MakeDataset(id, permaname), 100));
    for (int n = 1; n <= versions; ++n) {
      TAIGA_ASSERT_OK(Datasets().InsertVersion(MakeVersion(id + "-v" + std::to_string(n), id, n)));
    }
  }
};

TEST_P(SqlDatasetRepositoryTest, InsertDatasetThenFind) {
  TAIGA_ASSERT_OK(Datasets().InsertDataset(MakeDataset("d1", "data-1a2b"), 100));
  TAIGA_ASSERT_OK(Datasets().InsertDataset(MakeDataset("d2", "other-0000", std::nullopt), 100));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto d, Datasets().FindDataset("d1"));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->entry.id, "d1");
  EXPECT_EQ(d->entry.type, domain::EntryType::kDataset);
  EXPECT_EQ(d->entry.name, "Dataset d1");
  EXPECT_FALSE(d->entry.description.has_value());
  EXPECT_EQ(d->entry.creation_date, 1'765'000'000'000'000);
  ASSERT_TRUE(d->entry.creator.has_value());
  EXPECT_EQ(d->entry.creator->name, "alice");
  EXPECT_EQ(d->permanames, std::vector<std::string>{"data-1a2b"});
  EXPECT_EQ(d->CurrentPermaname(), "data-1a2b");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto d2, Datasets().FindDataset("d2"));
  ASSERT_TRUE(d2.has_value());
  EXPECT_FALSE(d2->entry.creator.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Datasets().FindDataset("nope"));
  EXPECT_FALSE(none.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto entry, tx_->Entries().FindEntry("d1"));
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->type, domain::EntryType::kDataset);
}

TEST_P(SqlDatasetRepositoryTest, InsertDatasetNeedsExactlyOnePermaname) {
  domain::Dataset none = MakeDataset("d1", "x");
  none.permanames.clear();
  EXPECT_EQ(Datasets().InsertDataset(none, 1).code(), StatusCode::kInvalidArgument);
  domain::Dataset two = MakeDataset("d1", "x");
  two.permanames.push_back("y");
  EXPECT_EQ(Datasets().InsertDataset(two, 1).code(), StatusCode::kInvalidArgument);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto d, Datasets().FindDataset("d1"));
  EXPECT_FALSE(d.has_value());
}

TEST_P(SqlDatasetRepositoryTest, TakenPermanameIsAlreadyExistsAndWritesNothing) {
  AddDataset("d1", "data-1a2b");
  EXPECT_EQ(Datasets().InsertDataset(MakeDataset("d2", "data-1a2b"), 1).code(),
            StatusCode::kAlreadyExists);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto entry, tx_->Entries().FindEntry("d2"));
  EXPECT_FALSE(entry.has_value());
}

TEST_P(SqlDatasetRepositoryTest, TakenIdIsAlreadyExists) {
  AddDataset("d1", "data-1a2b");
  CommitAndRestart();
  EXPECT_EQ(Datasets().InsertDataset(MakeDataset("d1", "data-ffff"), 1).code(),
            StatusCode::kAlreadyExists);
}

TEST_P(SqlDatasetRepositoryTest, PermanamesOldestFirstAndAllResolve) {
  AddDataset("d1", "first-0001");
  AddDataset("d2", "unrelated-0002");
  TAIGA_ASSERT_OK(Datasets().AddPermaname("d1", "renamed-0003", 300));
  TAIGA_ASSERT_OK(Datasets().AddPermaname("d1", "b-same-time", 200));
  TAIGA_ASSERT_OK(Datasets().AddPermaname("d1", "a-same-time", 200));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto d, Datasets().FindDataset("d1"));
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->permanames,
            (std::vector<std::string>{"first-0001", "a-same-time", "b-same-time", "renamed-0003"}));
  EXPECT_EQ(d->CurrentPermaname(), "renamed-0003");
  for (const char* p : {"first-0001", "a-same-time", "renamed-0003"}) {
    TAIGA_ASSERT_OK_AND_ASSIGN(auto by_name, Datasets().FindDatasetByPermaname(p));
    ASSERT_TRUE(by_name.has_value()) << p;
    EXPECT_EQ(by_name->entry.id, "d1");
    EXPECT_EQ(by_name->permanames.size(), 4u);
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(auto other, Datasets().FindDatasetByPermaname("unrelated-0002"));
  EXPECT_EQ(other->entry.id, "d2");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Datasets().FindDatasetByPermaname("d1"));
  EXPECT_FALSE(none.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(bool taken, Datasets().PermanameExists("first-0001"));
  EXPECT_TRUE(taken);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool free, Datasets().PermanameExists("free-0000"));
  EXPECT_FALSE(free);
}

TEST_P(SqlDatasetRepositoryTest, AddPermanameTakenIsAlreadyExists) {
  AddDataset("d1", "first-0001");
  AddDataset("d2", "second-0002");
  CommitAndRestart();
  EXPECT_EQ(Datasets().AddPermaname("d1", "second-0002", 5).code(), StatusCode::kAlreadyExists);
}

TEST_P(SqlDatasetRepositoryTest, AddPermanameToUnknownDatasetIsFailedPrecondition) {
  EXPECT_EQ(Datasets().AddPermaname("nope", "x-0000", 5).code(), StatusCode::kFailedPrecondition);
}

TEST_P(SqlDatasetRepositoryTest, FolderIsNotADataset) {
  domain::Folder folder;
  folder.entry = {"f1", domain::EntryType::kFolder, "F", std::nullopt, 1, std::nullopt};
  TAIGA_ASSERT_OK(tx_->Entries().InsertFolder(folder));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto d, Datasets().FindDataset("f1"));
  EXPECT_FALSE(d.has_value());
  EXPECT_EQ(Datasets().LockDataset("f1").code(), StatusCode::kNotFound);
  EXPECT_EQ(Datasets().DeleteDataset("f1").code(), StatusCode::kNotFound);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto still, tx_->Entries().FindFolder("f1"));
  EXPECT_TRUE(still.has_value());
}

TEST_P(SqlDatasetRepositoryTest, VersionsRoundTripWithAndWithoutOptionalFields) {
  AddDataset("d1", "data-0001");
  domain::DatasetVersion v1 = MakeVersion("v1", "d1", 1);
  v1.entry.name = "ignored";  // stored as the number
  v1.entry.description = "first\nversion";
  v1.changes_description = "initial upload";
  domain::DatasetVersion v2 = MakeVersion("v2", "d1", 2);
  v2.entry.creator.reset();
  v2.state = VersionState::kDeprecated;
  v2.reason_state = "superseded";
  TAIGA_ASSERT_OK(Datasets().InsertVersion(v1));
  TAIGA_ASSERT_OK(Datasets().InsertVersion(v2));

  TAIGA_ASSERT_OK_AND_ASSIGN(auto got1, Datasets().FindVersion("v1"));
  ASSERT_TRUE(got1.has_value());
  EXPECT_EQ(got1->entry.id, "v1");
  EXPECT_EQ(got1->entry.type, domain::EntryType::kDatasetVersion);
  EXPECT_EQ(got1->entry.name, "1");
  EXPECT_EQ(got1->entry.description, OptString("first\nversion"));
  EXPECT_EQ(got1->entry.creation_date, v1.entry.creation_date);
  EXPECT_EQ(got1->entry.creator->name, "alice");
  EXPECT_EQ(got1->dataset_id, "d1");
  EXPECT_EQ(got1->version, 1);
  EXPECT_EQ(got1->state, VersionState::kApproved);
  EXPECT_FALSE(got1->reason_state.has_value());
  EXPECT_EQ(got1->changes_description, OptString("initial upload"));

  TAIGA_ASSERT_OK_AND_ASSIGN(auto got2, Datasets().FindVersionByNumber("d1", 2));
  ASSERT_TRUE(got2.has_value());
  EXPECT_EQ(got2->entry.id, "v2");
  EXPECT_FALSE(got2->entry.creator.has_value());
  EXPECT_FALSE(got2->entry.description.has_value());
  EXPECT_EQ(got2->state, VersionState::kDeprecated);
  EXPECT_EQ(got2->reason_state, OptString("superseded"));
  EXPECT_FALSE(got2->changes_description.has_value());

  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Datasets().FindVersion("nope"));
  EXPECT_FALSE(none.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto no_number, Datasets().FindVersionByNumber("d1", 3));
  EXPECT_FALSE(no_number.has_value());
}

TEST_P(SqlDatasetRepositoryTest, LatestAndListByNumberWhateverTheState) {
  AddDataset("d1", "data-0001");
  AddDataset("d2", "data-0002", 1);  // the same numbers in another dataset are independent
  TAIGA_ASSERT_OK_AND_ASSIGN(auto empty, Datasets().LatestVersion("d1"));
  EXPECT_FALSE(empty.has_value());
  for (int n : {2, 10, 1}) {
    TAIGA_ASSERT_OK(Datasets().InsertVersion(MakeVersion("v" + std::to_string(n), "d1", n)));
  }
  TAIGA_ASSERT_OK(Datasets().SetVersionState("v10", VersionState::kDeleted, "oops"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto latest, Datasets().LatestVersion("d1"));
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->entry.id, "v10");
  EXPECT_EQ(latest->state, VersionState::kDeleted);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto all, Datasets().ListVersions("d1"));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[1].version, 2);
  EXPECT_EQ(all[2].version, 10);  // numerically, not as text
  TAIGA_ASSERT_OK_AND_ASSIGN(auto other, Datasets().ListVersions("d2"));
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].entry.id, "d2-v1");
}

TEST_P(SqlDatasetRepositoryTest, DuplicateVersionNumberIsAlreadyExistsAndWritesNothing) {
  AddDataset("d1", "data-0001", 2);
  EXPECT_EQ(Datasets().InsertVersion(MakeVersion("again", "d1", 2)).code(),
            StatusCode::kAlreadyExists);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto entry, tx_->Entries().FindEntry("again"));
  EXPECT_FALSE(entry.has_value());
  TAIGA_ASSERT_OK(Datasets().InsertVersion(MakeVersion("v3", "d1", 3)));  // still usable
}

TEST_P(SqlDatasetRepositoryTest, VersionOfUnknownDatasetIsFailedPrecondition) {
  EXPECT_EQ(Datasets().InsertVersion(MakeVersion("v1", "nope", 1)).code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(SqlDatasetRepositoryTest, SetVersionState) {
  AddDataset("d1", "data-0001", 1);
  TAIGA_ASSERT_OK(Datasets().SetVersionState("d1-v1", VersionState::kDeprecated, "old data"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto v, Datasets().FindVersion("d1-v1"));
  EXPECT_EQ(v->state, VersionState::kDeprecated);
  EXPECT_EQ(v->reason_state, OptString("old data"));
  TAIGA_ASSERT_OK(Datasets().SetVersionState("d1-v1", VersionState::kApproved, std::nullopt));
  TAIGA_ASSERT_OK_AND_ASSIGN(v, Datasets().FindVersion("d1-v1"));
  EXPECT_EQ(v->state, VersionState::kApproved);
  EXPECT_FALSE(v->reason_state.has_value());
  EXPECT_EQ(Datasets().SetVersionState("nope", VersionState::kDeleted, std::nullopt).code(),
            StatusCode::kNotFound);
}

TEST_P(SqlDatasetRepositoryTest, ActivitiesOldestFirstWithUserNames) {
  AddDataset("d1", "data-0001");
  AddDataset("d2", "data-0002");
  domain::Activity added{
      "a2",         "d1",   "u2", std::nullopt,    "added_version", 300, "new data",
      std::nullopt, "desc", 2,    "changed things"};
  domain::Activity created{"a1",         "d1",         "u1",         std::nullopt, "created",   100,
                           std::nullopt, "Dataset d1", std::nullopt, std::nullopt, std::nullopt};
  domain::Activity log{"a0",         "d1",         std::nullopt, std::nullopt, "started_log", 300,
                       std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  domain::Activity elsewhere{"a3",         "d2",         "u1",         std::nullopt,
                             "created",    50,           std::nullopt, std::nullopt,
                             std::nullopt, std::nullopt, std::nullopt};
  for (const auto& a : {added, created, log, elsewhere}) {
    TAIGA_ASSERT_OK(Datasets().InsertActivity(a));
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(auto list, Datasets().ListActivities("d1"));
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, "a1");
  EXPECT_EQ(list[0].user_name, OptString("alice"));
  EXPECT_EQ(list[0].dataset_name, OptString("Dataset d1"));
  EXPECT_FALSE(list[0].dataset_version.has_value());
  EXPECT_EQ(list[1].id, "a0");  // same timestamp as a2: by id
  EXPECT_FALSE(list[1].user_id.has_value());
  EXPECT_FALSE(list[1].user_name.has_value());
  EXPECT_FALSE(list[1].comments.has_value());
  const domain::Activity& a = list[2];
  EXPECT_EQ(a.id, "a2");
  EXPECT_EQ(a.dataset_id, "d1");
  EXPECT_EQ(a.user_id, OptString("u2"));
  EXPECT_EQ(a.user_name, OptString("bob"));
  EXPECT_EQ(a.type, "added_version");
  EXPECT_EQ(a.timestamp, 300);
  EXPECT_EQ(a.comments, OptString("new data"));
  EXPECT_FALSE(a.dataset_name.has_value());
  EXPECT_EQ(a.dataset_description, OptString("desc"));
  EXPECT_EQ(a.dataset_version, std::optional<int64_t>(2));
  EXPECT_EQ(a.changes_description, OptString("changed things"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Datasets().ListActivities("nope"));
  EXPECT_TRUE(none.empty());
}

TEST_P(SqlDatasetRepositoryTest, ActivityOfUnknownDatasetIsFailedPrecondition) {
  domain::Activity a{"a1",         "nope",       std::nullopt, std::nullopt, "created",   1,
                     std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(Datasets().InsertActivity(a).code(), StatusCode::kFailedPrecondition);
}

TEST_P(SqlDatasetRepositoryTest, LockDatasetFindsOrNotFound) {
  AddDataset("d1", "data-0001");
  TAIGA_EXPECT_OK(Datasets().LockDataset("d1"));
  TAIGA_EXPECT_OK(Datasets().LockDataset("d1"));  // again in the same transaction
  EXPECT_EQ(Datasets().LockDataset("nope").code(), StatusCode::kNotFound);
}

TEST_P(SqlDatasetRepositoryTest, LockDatasetMakesASecondWriterWaitOnPostgres) {
  if (IsSqlite()) GTEST_SKIP() << "SQLite writers are serialised by BEGIN IMMEDIATE";
  AddDataset("d1", "data-0001", 1);
  AddDataset("d2", "data-0002");
  TAIGA_ASSERT_OK(tx_->Commit());
  tx_.reset();
  auto first = Begin(TxMode::kLockingWrite);
  auto second = Begin(TxMode::kLockingWrite);
  auto other = Begin(TxMode::kLockingWrite);
  ASSERT_TRUE(first && second && other);
  TAIGA_ASSERT_OK(first->Datasets().LockDataset("d1"));
  TAIGA_EXPECT_OK(other->Datasets().LockDataset("d2"));  // another dataset: no wait
  TAIGA_ASSERT_OK(other->Commit());

  std::atomic<bool> locked{false};
  std::atomic<bool> first_done{false};
  common::Status second_lock;
  common::Status second_insert;
  std::optional<int64_t> second_latest;
  std::thread waiter([&] {
    second_lock = second->Datasets().LockDataset("d1");
    locked = true;
    // Reads only after the first committed, so a lock that did not wait fails the test instead
    // of deadlocking it. At READ COMMITTED it sees the winner's version 2 and takes 3.
    while (!first_done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto latest = second->Datasets().LatestVersion("d1");
    if (latest.ok() && *latest) second_latest = (*latest)->version;
    second_insert = second->Datasets().InsertVersion(MakeVersion("late-v3", "d1", 3));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_FALSE(locked) << "the second LockDataset returned while the first held the lock";
  TAIGA_EXPECT_OK(first->Datasets().InsertVersion(MakeVersion("d1-v2", "d1", 2)));
  TAIGA_EXPECT_OK(first->Commit());
  first_done = true;
  waiter.join();
  EXPECT_TRUE(locked);
  TAIGA_EXPECT_OK(second_lock);
  EXPECT_EQ(second_latest, 2) << "the waiter did not see the winner's version";
  TAIGA_EXPECT_OK(second_insert);
  TAIGA_EXPECT_OK(second->Commit());
  second.reset();

  tx_ = Begin(TxMode::kWrite);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto versions, Datasets().ListVersions("d1"));
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[1].entry.id, "d1-v2");
  EXPECT_EQ(versions[2].entry.id, "late-v3");
}

class SqlDatasetDeleteTest : public SqlDatasetRepositoryTest {
 protected:
  void SetUp() override {
    SqlDatasetRepositoryTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    domain::Folder shelf;
    shelf.entry = {"shelf", domain::EntryType::kFolder, "Shelf", std::nullopt, 1, std::nullopt};
    TAIGA_ASSERT_OK(tx_->Entries().InsertFolder(shelf));
    AddFullDataset("a");
    AddFullDataset("b");
  }
  // Dataset `id` with versions v1, v2; v1 has an s3 file (blob "b-<id>") with a cached
  // conversion; v2 has a virtual file pointing at it; the dataset and its versions sit in folder
  // "shelf" and have access logs, grants, a subscription, activities and two permanames.
  void AddFullDataset(const std::string& id) {
    TAIGA_ASSERT_OK(tx_->Datasets().InsertDataset(MakeDataset(id, id + "-perm"), 1));
    TAIGA_ASSERT_OK(tx_->Datasets().AddPermaname(id, id + "-renamed", 2));
    const std::string v1 = id + "-v1", v2 = id + "-v2";
    TAIGA_ASSERT_OK(tx_->Datasets().InsertVersion(MakeVersion(v1, id, 1)));
    TAIGA_ASSERT_OK(tx_->Datasets().InsertVersion(MakeVersion(v2, id, 2)));
    TAIGA_ASSERT_OK(tx_->Datafiles().InsertBlob(testing::MakeBlob("b-" + id)));
    TAIGA_ASSERT_OK(tx_->Datafiles().Insert(MakeFile(id + "-f1", v1, "data.csv", "b-" + id)));
    TAIGA_ASSERT_OK(tx_->Datafiles().Insert(MakeVirtual(id + "-f2", v2, "data.csv", id + "-f1")));
    // clang-format off
    ExecSql(*tx_, "INSERT INTO conversion_cache (id, datafile_id, format, state, created_at) "
                  "VALUES ('c-" + id + "', '" + id + "-f1', 'csv', 'complete', 1)");
    for (const std::string& entry : {id, v1, v2}) {
      const std::string e = "'" + entry + "'";
      TAIGA_ASSERT_OK(tx_->Entries().AddToFolder("shelf", entry));
      ExecSql(*tx_, "INSERT INTO access_logs (user_id, entry_id, last_access) "
                    "VALUES ('u1', " + e + ", 1)");
      ExecSql(*tx_, "INSERT INTO rights_grants (id, entry_id, user_id, role, created_at) "
                    "VALUES ('g-" + entry + "', " + e + ", 'u2', 'editor', 1)");
    }
    ExecSql(*tx_, "INSERT INTO subscriptions (id, user_id, dataset_id, created_at) "
                  "VALUES ('s-" + id + "', 'u2', '" + id + "', 1)");
    // clang-format on
    TAIGA_ASSERT_OK(tx_->Datasets().InsertActivity({"act-" + id, id, "u1", std::nullopt, "created",
                                                    1, std::nullopt, std::nullopt, std::nullopt,
                                                    std::nullopt, std::nullopt}));
  }
  // Rows of every table that mention `id` or its versions/files, summed.
  int64_t RowsOf(const std::string& id) {
    const std::string like = "'" + id + "-%'";
    const std::string eq = "'" + id + "'";
    int64_t n = 0;
    for (const std::string& sql :
         {"SELECT COUNT(*) FROM entries WHERE id = " + eq + " OR id LIKE " + like,
          "SELECT COUNT(*) FROM datasets WHERE id = " + eq,
          "SELECT COUNT(*) FROM dataset_versions WHERE dataset_id = " + eq,
          "SELECT COUNT(*) FROM dataset_permanames WHERE dataset_id = " + eq,
          "SELECT COUNT(*) FROM datafiles WHERE id LIKE " + like,
          "SELECT COUNT(*) FROM conversion_cache WHERE id = 'c-" + id + "'",
          "SELECT COUNT(*) FROM folder_entries WHERE entry_id = " + eq + " OR entry_id LIKE " +
              like,
          "SELECT COUNT(*) FROM access_logs WHERE entry_id = " + eq + " OR entry_id LIKE " + like,
          "SELECT COUNT(*) FROM rights_grants WHERE entry_id = " + eq + " OR entry_id LIKE " + like,
          "SELECT COUNT(*) FROM subscriptions WHERE dataset_id = " + eq,
          "SELECT COUNT(*) FROM activities WHERE dataset_id = " + eq}) {
      n += Count(sql);
    }
    return n;
  }
};

TEST_P(SqlDatasetDeleteTest, RemovesEverythingOfTheDatasetOnly) {
  const int64_t rows_of_b = RowsOf("b");
  EXPECT_EQ(RowsOf("a"), rows_of_b);
  EXPECT_EQ(rows_of_b, 1 + 2 + 2 + 2 + 2 + 1 + 3 + 3 + 3 + 1 + 1 + 1);
  TAIGA_ASSERT_OK(Datasets().DeleteDataset("a"));
  EXPECT_EQ(RowsOf("a"), 0);
  EXPECT_EQ(RowsOf("b"), rows_of_b);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto gone, Datasets().FindDatasetByPermaname("a-renamed"));
  EXPECT_FALSE(gone.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto b, Datasets().FindDatasetByPermaname("b-renamed"));
  ASSERT_TRUE(b.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto b_files, tx_->Datafiles().ListForVersion("b-v2"));
  ASSERT_EQ(b_files.size(), 1u);
  EXPECT_EQ(b_files[0].underlying_datafile_id, OptString("b-f1"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto shelf, tx_->Entries().ListChildren("shelf"));
  EXPECT_EQ(shelf.size(), 3u);
  // The blob stays, now unreferenced, for the collector.
  TAIGA_ASSERT_OK_AND_ASSIGN(auto unreferenced, tx_->Datafiles().ListUnreferencedBlobs(10, kLongAfter));
  ASSERT_EQ(unreferenced.size(), 1u);
  EXPECT_EQ(unreferenced[0].sha256, "b-a");
  EXPECT_EQ(Datasets().DeleteDataset("a").code(), StatusCode::kNotFound);
  TAIGA_ASSERT_OK(tx_->Commit());  // and the foreign keys agree at commit
}

TEST_P(SqlDatasetDeleteTest, AReferenceFromAnotherDatasetIsFailedPrecondition) {
  TAIGA_ASSERT_OK(tx_->Datafiles().Insert(MakeVirtual("b-f3", "b-v2", "borrowed", "a-f1")));
  CommitAndRestart();
  EXPECT_EQ(Datasets().DeleteDataset("a").code(), StatusCode::kFailedPrecondition);
  Restart();
  TAIGA_EXPECT_OK(Datasets().DeleteDataset("b"));  // the referencing one may go
  TAIGA_EXPECT_OK(Datasets().DeleteDataset("a"));
  TAIGA_EXPECT_OK(tx_->Commit());
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlDatasetRepositoryTest);
TAIGA_INSTANTIATE_BACKEND_TEST(SqlDatasetDeleteTest);

}  // namespace
}  // namespace taiga::db
