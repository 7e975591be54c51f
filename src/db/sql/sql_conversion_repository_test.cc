// ConversionRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include "db/sql/test_dataset_rows.h"
#include "domain/job.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using domain::ConversionEntry;
using domain::ConversionState;
using testing::MakeBlob;
using testing::MakeDataset;
using testing::MakeFile;
using testing::MakeVersion;
using OptString = std::optional<std::string>;

class SqlConversionRepositoryTest : public testing::DatasetRowsTest {
 protected:
  void SetUp() override {
    DatasetRowsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    TAIGA_ASSERT_OK(tx_->Datasets().InsertDataset(MakeDataset("d", "d-perm"), 1));
    TAIGA_ASSERT_OK(tx_->Datasets().InsertVersion(MakeVersion("d-v1", "d", 1)));
    TAIGA_ASSERT_OK(tx_->Datafiles().InsertBlob(MakeBlob("stored")));
    TAIGA_ASSERT_OK(tx_->Datafiles().InsertBlob(MakeBlob("export")));
    TAIGA_ASSERT_OK(tx_->Datafiles().Insert(MakeFile("f1", "d-v1", "matrix", "stored")));
    TAIGA_ASSERT_OK(tx_->Datafiles().Insert(MakeFile("f2", "d-v1", "table", "stored")));
    for (const char* id : {"job-1", "job-2", "job-3"}) {
      auto job = domain::NewJob("convert.export", "{}", 7);
      job.id = id;
      TAIGA_ASSERT_OK(tx_->Jobs().Insert(job));
    }
    CommitAndRestart();
  }
  ConversionRepository& Conversions() { return tx_->Conversions(); }
  static ConversionEntry Entry(const std::string& id, const std::string& file,
                               const std::string& format, OptString job = "job-1") {
    ConversionEntry e;
    e.id = id;
    e.datafile_id = file;
    e.format = format;
    e.job_id = std::move(job);
    e.created_at = 1000;
    return e;
  }
};

TEST_P(SqlConversionRepositoryTest, InsertsOncePerFileAndFormat) {
  TAIGA_ASSERT_OK_AND_ASSIGN(bool first, Conversions().InsertIfAbsent(Entry("c1", "f1", "csv")));
  EXPECT_TRUE(first);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool again, Conversions().InsertIfAbsent(Entry("c2", "f1", "csv")));
  EXPECT_FALSE(again);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool other_format,
                             Conversions().InsertIfAbsent(Entry("c3", "f1", "tsv")));
  EXPECT_TRUE(other_format);
  TAIGA_ASSERT_OK_AND_ASSIGN(bool other_file,
                             Conversions().InsertIfAbsent(Entry("c4", "f2", "csv")));
  EXPECT_TRUE(other_file);
  CommitAndRestart();

  TAIGA_ASSERT_OK_AND_ASSIGN(auto found, Conversions().Find("f1", "csv"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "c1");
  EXPECT_EQ(found->datafile_id, "f1");
  EXPECT_EQ(found->format, "csv");
  EXPECT_EQ(found->state, ConversionState::kRunning);
  EXPECT_EQ(found->status, "Conversion pending");
  EXPECT_EQ(found->job_id, OptString("job-1"));
  EXPECT_FALSE(found->blob_sha256.has_value());
  EXPECT_FALSE(found->error.has_value());
  EXPECT_EQ(found->created_at, 1000);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Conversions().Find("f2", "tsv"));
  EXPECT_FALSE(none.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto by_id, Conversions().FindById("c4"));
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->datafile_id, "f2");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto gone, Conversions().FindById("c2"));
  EXPECT_FALSE(gone.has_value());
}

TEST_P(SqlConversionRepositoryTest, UnknownFileOrJobIsRefused) {
  EXPECT_EQ(Conversions().InsertIfAbsent(Entry("c1", "nope", "csv")).status().code(),
            StatusCode::kFailedPrecondition);
  Restart();
  EXPECT_EQ(Conversions().InsertIfAbsent(Entry("c1", "f1", "csv", "no-job")).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(SqlConversionRepositoryTest, RunsToCompleteOrFailedAndRestarts) {
  TAIGA_ASSERT_OK(Conversions().InsertIfAbsent(Entry("c1", "f1", "csv")).status());
  TAIGA_ASSERT_OK_AND_ASSIGN(bool set, Conversions().SetStatus("c1", "Running conversion"));
  EXPECT_TRUE(set);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto running, Conversions().FindById("c1"));
  EXPECT_EQ(running->status, "Running conversion");
  TAIGA_ASSERT_OK(Conversions().Complete("c1", "export"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto done, Conversions().FindById("c1"));
  EXPECT_EQ(done->state, ConversionState::kComplete);
  EXPECT_EQ(done->status, "Completed successfully");
  EXPECT_EQ(done->blob_sha256, OptString("export"));
  // A finished entry keeps its status.
  TAIGA_ASSERT_OK_AND_ASSIGN(set, Conversions().SetStatus("c1", "Running conversion"));
  EXPECT_FALSE(set);
  // The export blob is referenced while the entry points at it.
  TAIGA_ASSERT_OK_AND_ASSIGN(bool referenced, tx_->Datafiles().IsBlobReferenced("export"));
  EXPECT_TRUE(referenced);

  TAIGA_ASSERT_OK(Conversions().Fail("c1", "the table is damaged"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto failed, Conversions().FindById("c1"));
  EXPECT_EQ(failed->state, ConversionState::kFailed);
  EXPECT_EQ(failed->error, OptString("the table is damaged"));

  TAIGA_ASSERT_OK(Conversions().Restart("c1", "job-2", 2000));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto again, Conversions().FindById("c1"));
  EXPECT_EQ(again->state, ConversionState::kRunning);
  EXPECT_EQ(again->status, "Conversion pending");
  EXPECT_EQ(again->job_id, OptString("job-2"));
  EXPECT_FALSE(again->blob_sha256.has_value());
  EXPECT_FALSE(again->error.has_value());
  EXPECT_EQ(again->created_at, 2000);
  CommitAndRestart();
  TAIGA_ASSERT_OK_AND_ASSIGN(referenced, tx_->Datafiles().IsBlobReferenced("export"));
  EXPECT_FALSE(referenced);

  EXPECT_EQ(Conversions().Complete("nope", "export").code(), StatusCode::kNotFound);
  EXPECT_EQ(Conversions().Fail("nope", "x").code(), StatusCode::kNotFound);
  EXPECT_EQ(Conversions().Restart("nope", "job-3", 1).code(), StatusCode::kNotFound);
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlConversionRepositoryTest);

}  // namespace
}  // namespace taiga::db
