// UploadRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include "db/sql/test_dataset_rows.h"

namespace taiga::db {
namespace {

using common::StatusCode;
using domain::UploadFileState;
using domain::UploadSession;
using domain::UploadSessionFile;
using testing::MakeBlob;
using testing::MakeDataset;
using testing::MakeFile;
using testing::MakeVersion;
using OptString = std::optional<std::string>;

UploadSessionFile MakeUpload(const std::string& id, const std::string& session_id,
                             const std::string& filename) {
  UploadSessionFile f;
  f.id = id;
  f.session_id = session_id;
  f.filename = filename;
  f.created_at = 77;
  return f;
}

class SqlUploadRepositoryTest : public testing::DatasetRowsTest {
 protected:
  void SetUp() override {
    DatasetRowsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    TAIGA_ASSERT_OK(Uploads().InsertSession({"s1", "u1", 10, 1000, std::nullopt}));
    TAIGA_ASSERT_OK(Uploads().InsertSession({"s2", "u2", 20, 2000, std::nullopt}));
    TAIGA_ASSERT_OK(tx_->Datasets().InsertDataset(MakeDataset("d", "d-perm"), 1));
    TAIGA_ASSERT_OK(tx_->Datasets().InsertVersion(MakeVersion("d-v1", "d", 1)));
    TAIGA_ASSERT_OK(tx_->Datafiles().Insert(MakeFile("existing", "d-v1", "data")));
    for (const char* sha : {"sha", "gz"}) {
      TAIGA_ASSERT_OK(tx_->Datafiles().InsertBlob(MakeBlob(sha)));
    }
    ExecSql(*tx_,
            "INSERT INTO jobs (id, kind, payload, run_after, created_at, updated_at) "
            "VALUES ('job1', 'convert', '{}', 0, 0, 0)");
    CommitAndRestart();
  }
  UploadRepository& Uploads() { return tx_->Uploads(); }
  UploadSessionFile FileOrDie(const std::string& id) {
    auto f = Uploads().FindFile(id);
    EXPECT_TRUE(f.ok() && f->has_value()) << id;
    return f.ok() && f->has_value() ? **f : UploadSessionFile{};
  }
};

TEST_P(SqlUploadRepositoryTest, SessionRoundTripAndMarkUsed) {
  TAIGA_ASSERT_OK_AND_ASSIGN(auto s, Uploads().FindSession("s1"));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->id, "s1");
  EXPECT_EQ(s->user_id, "u1");
  EXPECT_EQ(s->created_at, 10);
  EXPECT_EQ(s->expires_at, 1000);
  EXPECT_FALSE(s->used_at.has_value());
  TAIGA_ASSERT_OK(Uploads().MarkSessionUsed("s1", 1'765'000'000'000'555));
  TAIGA_ASSERT_OK_AND_ASSIGN(s, Uploads().FindSession("s1"));
  EXPECT_EQ(s->used_at, std::optional<int64_t>(1'765'000'000'000'555));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto other, Uploads().FindSession("s2"));
  EXPECT_FALSE(other->used_at.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Uploads().FindSession("nope"));
  EXPECT_FALSE(none.has_value());
  EXPECT_EQ(Uploads().MarkSessionUsed("nope", 1).code(), StatusCode::kNotFound);
}

TEST_P(SqlUploadRepositoryTest, SessionErrors) {
  EXPECT_EQ(Uploads().InsertSession({"s3", "nobody", 1, 2, std::nullopt}).code(),
            StatusCode::kFailedPrecondition);
  Restart();
  EXPECT_EQ(Uploads().InsertSession({"s1", "u1", 1, 2, std::nullopt}).code(),
            StatusCode::kAlreadyExists);
}

TEST_P(SqlUploadRepositoryTest, ExpiredSessionsOldestFirst) {
  TAIGA_ASSERT_OK(Uploads().InsertSession({"s0", "u1", 1, 1000, 5}));  // ties s1: by id
  TAIGA_ASSERT_OK(Uploads().InsertSession({"early", "u1", 1, 500, std::nullopt}));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto expired, Uploads().ListExpiredSessions(2000, 10));
  std::vector<std::string> ids;
  for (const auto& s : expired) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"early", "s0", "s1"}));  // s2 expires at 2000: not yet
  EXPECT_EQ(expired[1].used_at, std::optional<int64_t>(5));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto first, Uploads().ListExpiredSessions(2001, 1));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].id, "early");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Uploads().ListExpiredSessions(500, 10));
  EXPECT_TRUE(none.empty());
}

TEST_P(SqlUploadRepositoryTest, FilesRoundTripWithAndWithoutOptionalFields) {
  UploadSessionFile s3 = MakeUpload("f1", "s1", "matrix.csv");
  s3.initial_format = domain::UploadFormat::kNumericMatrixCsv;
  s3.encoding = "latin-1";
  s3.custom_metadata = R"({"a":1})";
  s3.upload_key = "uploads/s1/f1";
  s3.job_id = "job1";
  s3.original_file_size = 4'294'967'297;  // beyond 32 bits
  UploadSessionFile virt = MakeUpload("f2", "s1", "alias");
  virt.filetype = domain::DatafileKind::kVirtual;
  virt.existing_datafile_id = "existing";
  virt.state = UploadFileState::kReady;
  TAIGA_ASSERT_OK(Uploads().InsertFile(s3));
  TAIGA_ASSERT_OK(Uploads().InsertFile(virt));

  UploadSessionFile f = FileOrDie("f1");
  EXPECT_EQ(f.session_id, "s1");
  EXPECT_EQ(f.filename, "matrix.csv");
  EXPECT_EQ(f.filetype, domain::DatafileKind::kS3);
  EXPECT_EQ(f.initial_format, s3.initial_format);
  EXPECT_EQ(f.encoding, OptString("latin-1"));
  EXPECT_EQ(f.custom_metadata, s3.custom_metadata);
  EXPECT_EQ(f.upload_key, s3.upload_key);
  EXPECT_FALSE(f.existing_datafile_id.has_value());
  EXPECT_EQ(f.job_id, OptString("job1"));
  EXPECT_EQ(f.state, UploadFileState::kPending);
  EXPECT_FALSE(f.error.has_value());
  EXPECT_FALSE(f.converted_format.has_value());
  EXPECT_FALSE(f.blob_sha256.has_value());
  EXPECT_EQ(f.original_file_size, std::optional<int64_t>(4'294'967'297));
  EXPECT_EQ(f.created_at, 77);

  UploadSessionFile v = FileOrDie("f2");
  EXPECT_EQ(v.filetype, domain::DatafileKind::kVirtual);
  EXPECT_EQ(v.existing_datafile_id, OptString("existing"));
  EXPECT_EQ(v.state, UploadFileState::kReady);
  EXPECT_FALSE(v.initial_format.has_value());
  EXPECT_FALSE(v.encoding.has_value());
  EXPECT_FALSE(v.upload_key.has_value());
  EXPECT_FALSE(v.job_id.has_value());
  EXPECT_FALSE(v.original_file_size.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Uploads().FindFile("nope"));
  EXPECT_FALSE(none.has_value());
}

TEST_P(SqlUploadRepositoryTest, ListFilesInTheOrderAdded) {
  for (const char* name : {"c", "a", "b"}) {  // same created_at: the order is the position
    TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload(std::string("s1-") + name, "s1", name)));
  }
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("s2-z", "s2", "z")));
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("s1-0", "s1", "0")));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto files, Uploads().ListFiles("s1"));
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.filename);
  EXPECT_EQ(names, (std::vector<std::string>{"c", "a", "b", "0"}));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto other, Uploads().ListFiles("s2"));
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(Count("SELECT position FROM upload_session_files WHERE id = 's2-z'"), 1);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Uploads().ListFiles("nope"));
  EXPECT_TRUE(none.empty());
}

TEST_P(SqlUploadRepositoryTest, FileErrors) {
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("f1", "s1", "a")));
  CommitAndRestart();
  UploadSessionFile bad = MakeUpload("f2", "nope", "a");
  EXPECT_EQ(Uploads().InsertFile(bad).code(), StatusCode::kFailedPrecondition);
  Restart();
  bad = MakeUpload("f2", "s1", "a");
  bad.existing_datafile_id = "nope";
  EXPECT_EQ(Uploads().InsertFile(bad).code(), StatusCode::kFailedPrecondition);
  Restart();
  bad = MakeUpload("f2", "s1", "a");
  bad.job_id = "nope";
  EXPECT_EQ(Uploads().InsertFile(bad).code(), StatusCode::kFailedPrecondition);
  Restart();
  EXPECT_EQ(Uploads().InsertFile(MakeUpload("f1", "s2", "b")).code(), StatusCode::kAlreadyExists);
}

TEST_P(SqlUploadRepositoryTest, FileStateTransitions) {
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("f1", "s1", "data.csv")));
  TAIGA_ASSERT_OK(Uploads().SetFileState("f1", UploadFileState::kProcessing, std::nullopt));
  EXPECT_EQ(FileOrDie("f1").state, UploadFileState::kProcessing);
  TAIGA_ASSERT_OK(Uploads().SetFileState("f1", UploadFileState::kFailed, "line 3: not a number"));
  UploadSessionFile failed = FileOrDie("f1");
  EXPECT_EQ(failed.state, UploadFileState::kFailed);
  EXPECT_EQ(failed.error, OptString("line 3: not a number"));
  TAIGA_ASSERT_OK(Uploads().SetFileState("f1", UploadFileState::kProcessing, std::nullopt));
  EXPECT_FALSE(FileOrDie("f1").error.has_value());  // a retry clears the error

  ProcessedUpload result;
  result.converted_format = domain::StorageFormat::kColumnar;
  result.blob_sha256 = "sha";
  result.compressed_blob_sha256 = "gz";
  result.short_summary = "2 rows";
  result.long_summary = "a: int\nb: str";
  result.column_types = R"({"a":"int"})";
  result.preview = R"([[1,"x"]])";
  result.original_file_sha256 = "orig-sha";
  result.original_file_md5 = "orig-md5";
  result.original_file_size = 12'345'678'901;
  TAIGA_ASSERT_OK(Uploads().SetFileState("f1", UploadFileState::kFailed, "transient"));
  TAIGA_ASSERT_OK(Uploads().SetFileProcessed("f1", result));
  UploadSessionFile ready = FileOrDie("f1");
  EXPECT_EQ(ready.state, UploadFileState::kReady);
  EXPECT_FALSE(ready.error.has_value());
  EXPECT_EQ(ready.converted_format,
            std::optional<domain::StorageFormat>(domain::StorageFormat::kColumnar));
  EXPECT_EQ(ready.blob_sha256, OptString("sha"));
  EXPECT_EQ(ready.compressed_blob_sha256, OptString("gz"));
  EXPECT_EQ(ready.short_summary, result.short_summary);
  EXPECT_EQ(ready.long_summary, result.long_summary);
  EXPECT_EQ(ready.column_types, result.column_types);
  EXPECT_EQ(ready.preview, result.preview);
  EXPECT_EQ(ready.original_file_sha256, OptString("orig-sha"));
  EXPECT_EQ(ready.original_file_md5, OptString("orig-md5"));
  EXPECT_EQ(ready.original_file_size, std::optional<int64_t>(12'345'678'901));
  EXPECT_EQ(ready.filename, "data.csv");  // untouched

  ProcessedUpload raw;  // nulls overwrite earlier values
  raw.blob_sha256 = "sha";
  raw.original_file_sha256 = "o";
  raw.original_file_md5 = "m";
  TAIGA_ASSERT_OK(Uploads().SetFileProcessed("f1", raw));
  UploadSessionFile again = FileOrDie("f1");
  EXPECT_EQ(again.converted_format,
            std::optional<domain::StorageFormat>(domain::StorageFormat::kRaw));
  EXPECT_FALSE(again.compressed_blob_sha256.has_value());
  EXPECT_FALSE(again.short_summary.has_value());
  EXPECT_FALSE(again.preview.has_value());
  EXPECT_FALSE(again.original_file_size.has_value());

  EXPECT_EQ(Uploads().SetFileState("nope", UploadFileState::kReady, std::nullopt).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Uploads().SetFileProcessed("nope", result).code(), StatusCode::kNotFound);
  CommitAndRestart();
  raw.blob_sha256 = "no-such-blob";
  EXPECT_EQ(Uploads().SetFileProcessed("f1", raw).code(), StatusCode::kFailedPrecondition);
}

TEST_P(SqlUploadRepositoryTest, DeleteSessionTakesItsFilesOnly) {
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("f1", "s1", "a")));
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("f2", "s1", "b")));
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("f3", "s2", "c")));
  TAIGA_ASSERT_OK(Uploads().DeleteSession("s1"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto gone, Uploads().FindSession("s1"));
  EXPECT_FALSE(gone.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto files, Uploads().FindFile("f1"));
  EXPECT_FALSE(files.has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM upload_session_files WHERE session_id = 's1'"), 0);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto kept, Uploads().ListFiles("s2"));
  EXPECT_EQ(kept.size(), 1u);
  EXPECT_EQ(Uploads().DeleteSession("s1").code(), StatusCode::kNotFound);
  TAIGA_ASSERT_OK(Uploads().InsertFile(MakeUpload("f4", "s2", "d")));  // positions go on
  TAIGA_ASSERT_OK_AND_ASSIGN(kept, Uploads().ListFiles("s2"));
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[1].id, "f4");
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlUploadRepositoryTest);

}  // namespace
}  // namespace taiga::db
