// CleanupJob and PeriodicEnqueuer against every database backend, over the in-memory store.
#include "jobs/cleanup_job.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "blob/memory/memory_blob_store.h"
#include "db/sql/test_backend.h"
#include "db/sql/test_dataset_rows.h"
#include "domain/job.h"
#include "jobs/periodic_enqueuer.h"
#include "jobs/scratch_file.h"

namespace taiga::jobs {
namespace {

constexpr common::Timestamp kHour = 3600LL * 1000000;

class CleanupJobTest : public db::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto tx = Begin(db::TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Users().Insert(domain::User{"u1", "alice", "a@x", "", "", 1}));
    TAIGA_ASSERT_OK(tx->Commit());
  }
  void Put(const std::string& key, const std::string& bytes) {
    auto w = store_.Write(key);
    TAIGA_ASSERT_OK(w.status());
    TAIGA_ASSERT_OK((*w)->Write(bytes));
    TAIGA_ASSERT_OK((*w)->Commit().status());
  }
  bool Exists(const std::string& key) {
    auto s = store_.Stat(key);
    return s.ok() && s->has_value();
  }

  blob::MemoryBlobStore store_;
  common::FakeClock clock_{100 * kHour};
};

TEST_P(CleanupJobTest, RemovesExpiredSessionsWithTheirObjectsOnly) {
  auto tx = Begin(db::TxMode::kWrite);
  TAIGA_ASSERT_OK(tx->Uploads().InsertSession({"old", "u1", 1, 99 * kHour, std::nullopt}));
  TAIGA_ASSERT_OK(tx->Uploads().InsertSession({"live", "u1", 1, 101 * kHour, std::nullopt}));
  TAIGA_ASSERT_OK(tx->Commit());
  Put("upload/u1/old/a", "1");
  Put("upload/u1/old/b", "2");
  Put("upload/u1/live/c", "3");
  CleanupJob job(*db_, store_, clock_);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t removed, job.RemoveExpiredSessions());
  EXPECT_EQ(removed, 1);
  EXPECT_FALSE(Exists("upload/u1/old/a"));
  EXPECT_FALSE(Exists("upload/u1/old/b"));
  EXPECT_TRUE(Exists("upload/u1/live/c"));
  auto rtx = Begin(db::TxMode::kRead);
  EXPECT_FALSE(rtx->Uploads().FindSession("old")->has_value());
  EXPECT_TRUE(rtx->Uploads().FindSession("live")->has_value());
}

TEST_P(CleanupJobTest, CollectsOnlyOldUnreferencedBlobs) {
  auto tx = Begin(db::TxMode::kWrite);
  for (const char* sha : {"old", "fresh", "used"}) Put(std::string("blobs/") + sha, sha);
  TAIGA_ASSERT_OK(tx->Datafiles().InsertBlob({"old", "m", 3, "blobs/old", 1}));
  TAIGA_ASSERT_OK(tx->Datafiles().InsertBlob({"fresh", "m", 5, "blobs/fresh", 100 * kHour - 5}));
  TAIGA_ASSERT_OK(tx->Datafiles().InsertBlob({"used", "m", 4, "blobs/used", 1}));
  TAIGA_ASSERT_OK(tx->Datasets().InsertDataset(db::testing::MakeDataset("d1", "d-0000"), 1));
  TAIGA_ASSERT_OK(tx->Datasets().InsertVersion(db::testing::MakeVersion("v1", "d1", 1)));
  TAIGA_ASSERT_OK(tx->Datafiles().Insert(db::testing::MakeFile("f1", "v1", "f", "used")));
  TAIGA_ASSERT_OK(tx->Commit());
  CleanupJob job(*db_, store_, clock_);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t removed, job.CollectBlobs());
  EXPECT_EQ(removed, 1);
  EXPECT_FALSE(Exists("blobs/old"));
  EXPECT_TRUE(Exists("blobs/fresh"));
  EXPECT_TRUE(Exists("blobs/used"));
  auto rtx = Begin(db::TxMode::kRead);
  EXPECT_FALSE(rtx->Datafiles().FindBlob("old")->has_value());
  EXPECT_TRUE(rtx->Datafiles().FindBlob("used")->has_value());
}

TEST_P(CleanupJobTest, AReclaimedBlobIsKept) {
  Put("blobs/x", "x");
  {
    auto tx = Begin(db::TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Datafiles().InsertBlob({"x", "m", 1, "blobs/x", 1}));
    TAIGA_ASSERT_OK(tx->Commit());
  }
  {  // an upload of the same bytes claims it again (ProcessUploadJob does exactly this)
    auto tx = Begin(db::TxMode::kWrite);
    TAIGA_ASSERT_OK(tx->Datafiles().LockBlob("x"));
    TAIGA_ASSERT_OK(tx->Datafiles().InsertBlob({"x", "m", 1, "blobs/x", clock_.Now()}));
    TAIGA_ASSERT_OK(tx->Commit());
  }
  CleanupJob job(*db_, store_, clock_);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t removed, job.CollectBlobs());
  EXPECT_EQ(removed, 0);
  EXPECT_TRUE(Exists("blobs/x"));
}

TEST_P(CleanupJobTest, RemovesOutputsStagedByEndedJobsOnly) {
  auto tx = Begin(db::TxMode::kWrite);
  for (auto [id, state] : {std::pair{"running", domain::JobState::kStarted},
                           std::pair{"done", domain::JobState::kSuccess},
                           std::pair{"failed", domain::JobState::kFailure}}) {
    auto job = domain::NewJob("convert.export", "{}", 1);
    job.id = id;
    job.state = state;
    TAIGA_ASSERT_OK(tx->Jobs().Insert(job));
  }
  TAIGA_ASSERT_OK(tx->Commit());
  for (const char* key : {"staging/running/a", "staging/done/a", "staging/done/b",
                          "staging/failed/x", "staging/gone/y", "blobs/ab/keep"}) {
    Put(key, "bytes");
  }
  CleanupJob job(*db_, store_, clock_);
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t removed, job.RemoveAbandonedStaging());
  EXPECT_EQ(removed, 4);
  EXPECT_TRUE(Exists("staging/running/a"));
  EXPECT_FALSE(Exists("staging/done/a"));
  EXPECT_FALSE(Exists("staging/done/b"));
  EXPECT_FALSE(Exists("staging/failed/x"));
  EXPECT_FALSE(Exists("staging/gone/y"));
  EXPECT_TRUE(Exists("blobs/ab/keep"));
}

TEST_P(CleanupJobTest, RemovesScratchFilesOfEndedJobsOnly) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("taiga-scratch-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(static_cast<int>(GetParam())));
  fs::remove_all(dir);
  const std::string running = "00000000-0000-4000-8000-000000000001",
                    done = "00000000-0000-4000-8000-000000000002",
                    gone = "00000000-0000-4000-8000-000000000003";
  auto tx = Begin(db::TxMode::kWrite);
  for (auto [id, state] : {std::pair{running, domain::JobState::kProgress},
                           std::pair{done, domain::JobState::kSuccess}}) {
    auto job = domain::NewJob("upload.process", "{}", 1);
    job.id = id;
    job.state = state;
    TAIGA_ASSERT_OK(tx->Jobs().Insert(job));
  }
  TAIGA_ASSERT_OK(tx->Commit());
  std::vector<std::string> names;  // files left behind, as by workers that died mid-job
  for (const std::string& id : {running, done, gone}) {
    TAIGA_ASSERT_OK_AND_ASSIGN(auto f, ScratchFile::Create(dir.string(), id, "import", ".hdf5"));
    names.push_back(fs::path(f.path()).filename().string());
    EXPECT_EQ(ScratchFile::JobIdOf(names.back()), id);
  }
  for (const std::string& n : names) std::ofstream(dir / n) << "hdf5";
  std::ofstream(dir / "old-name.hdf5") << "x";  // no job id: removed once a day old
  fs::last_write_time(dir / "old-name.hdf5",
                      fs::file_time_type::clock::now() - std::chrono::hours(25));
  std::ofstream(dir / "new-name.hdf5") << "x";

  CleanupJob job(*db_, store_, clock_, CleanupOptions{.scratch_dir = dir.string()});
  TAIGA_ASSERT_OK_AND_ASSIGN(int64_t removed, job.RemoveAbandonedScratch());
  EXPECT_EQ(removed, 3);
  EXPECT_TRUE(fs::exists(dir / names[0]));  // its job still runs
  EXPECT_FALSE(fs::exists(dir / names[1]));
  EXPECT_FALSE(fs::exists(dir / names[2]));
  EXPECT_FALSE(fs::exists(dir / "old-name.hdf5"));
  EXPECT_TRUE(fs::exists(dir / "new-name.hdf5"));
  CleanupJob no_dir(*db_, store_, clock_, CleanupOptions{.scratch_dir = (dir / "none").string()});
  EXPECT_EQ(*no_dir.RemoveAbandonedScratch(), 0);
  fs::remove_all(dir);
}

TEST_P(CleanupJobTest, PeriodicJobsAreEnqueuedOncePerPeriod) {
  PeriodicEnqueuer a(*db_, clock_, "maintenance.cleanup", std::chrono::minutes(10));
  PeriodicEnqueuer b(*db_, clock_, "maintenance.cleanup", std::chrono::minutes(10));
  TAIGA_ASSERT_OK(a.EnqueueCurrent());
  TAIGA_ASSERT_OK(b.EnqueueCurrent());  // another server, same period: no second job
  const std::string id = a.JobIdFor(clock_.Now());
  EXPECT_EQ(id, b.JobIdFor(clock_.Now()));
  EXPECT_EQ(id.size(), 36u);
  clock_.Advance(10LL * 60 * 1000000);
  EXPECT_NE(a.JobIdFor(clock_.Now()), id);
  auto tx = Begin(db::TxMode::kRead);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto job, tx->Jobs().Find(id));
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->kind, "maintenance.cleanup");
}

TAIGA_INSTANTIATE_BACKEND_TEST(CleanupJobTest);

}  // namespace
}  // namespace taiga::jobs
