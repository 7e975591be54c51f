// ProcessUploadJob's conversions (ImportUpload) and ExportJob against every database backend,
// over the in-memory store: what they store, what they record, and how they fail.
#include <gtest/gtest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "blob/memory/memory_blob_store.h"
#include "common/hash.h"
#include "db/sql/test_dataset_rows.h"
#include "domain/job.h"
#include "jobs/content_blobs.h"
#include "jobs/export_job.h"
#include "jobs/process_upload_job.h"
#include "jobs/test_job_context.h"

namespace taiga::jobs {
namespace {

using domain::UploadFormat;
using testing::TestJobContext;

constexpr char kTable[] = "a,b,c\n1,x,0.5\n2,,NA\n";
constexpr char kMatrix[] = ",c1,c2\nr1,1,2.5\nr2,NA,4\n";

std::string Gunzip(const std::string& in) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
  std::string out(1 << 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

class ConversionJobsTest : public db::testing::DatasetRowsTest {
 protected:
  void SetUp() override {
    DatasetRowsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    TAIGA_ASSERT_OK(tx_->Uploads().InsertSession({"s1", "u1", 1, 1LL << 60, std::nullopt}));
    CommitAndRestart();
    scratch_ = ::testing::TempDir() + "/taiga-conversion-jobs";
  }
  void Put(const std::string& key, const std::string& bytes) {
    auto w = store_.Write(key);
    TAIGA_ASSERT_OK(w.status());
    TAIGA_ASSERT_OK((*w)->Write(bytes));
    TAIGA_ASSERT_OK((*w)->Commit().status());
  }
  std::string Get(const std::string& key) {
    auto r = store_.Read(key);
    EXPECT_TRUE(r.ok()) << key;
    if (!r.ok()) return "";
    std::string out(1 << 20, '\0');
    size_t n = 0;
    for (;;) {
      auto got = (*r)->Read(out.data() + n, out.size() - n);
      if (!got.ok() || *got == 0) break;
      n += *got;
    }
    out.resize(n);
    return out;
  }
  bool Exists(const std::string& key) {
    auto s = store_.Stat(key);
    return s.ok() && s->has_value();
  }
  // Uploads `bytes` as file `id` of session s1 and runs the processing job on it.
  common::Status Process(const std::string& id, const std::string& bytes, UploadFormat format,
                         std::optional<std::string> encoding = std::nullopt) {
    domain::UploadSessionFile f;
    f.id = id;
    f.session_id = "s1";
    f.filename = id + ".csv";
    f.initial_format = format;
    f.encoding = std::move(encoding);
    f.upload_key = "upload/u1/s1/" + id;
    f.state = domain::UploadFileState::kProcessing;
    f.created_at = 5;
    EXPECT_TRUE(tx_->Uploads().InsertFile(f).ok());
    EXPECT_TRUE(tx_->Commit().ok());
    tx_.reset();  // SQLite: the job needs the writer
    Put(*f.upload_key, bytes);
    ProcessUploadJob job(*db_, store_, clock_, scratch_);
    TestJobContext context("job-" + id, nlohmann::json{{"upload_file_id", id}}.dump());
    common::Status status = job.Run(context);
    Restart();
    return status;
  }
  domain::UploadSessionFile File(const std::string& id) {
    auto f = tx_->Uploads().FindFile(id);
    EXPECT_TRUE(f.ok() && f->has_value());
    return f.ok() && f->has_value() ? **f : domain::UploadSessionFile{};
  }

  blob::MemoryBlobStore store_;
  common::FakeClock clock_{1'765'000'000'000'000};
  std::string scratch_;
};

TEST_P(ConversionJobsTest, TableImportStoresColumnarGzipCopyAndMetadata) {
  TAIGA_ASSERT_OK(Process("t1", kTable, UploadFormat::kTableCsv));
  auto f = File("t1");
  EXPECT_EQ(f.state, domain::UploadFileState::kReady);
  EXPECT_EQ(f.converted_format, std::optional(domain::StorageFormat::kColumnar));
  EXPECT_EQ(f.short_summary, std::optional<std::string>("2 rows, 3 columns"));
  EXPECT_EQ(f.column_types, std::optional<std::string>(R"({"a":"int","b":"str","c":"float"})"));
  ASSERT_TRUE(f.preview.has_value());
  auto preview = nlohmann::json::parse(*f.preview);
  EXPECT_EQ(preview["num_rows"], 2);
  EXPECT_EQ(preview["top_left_preview"]["data"][1][2], nullptr);
  // The columnar file and the gzip copy are stored by content; the upload is gone.
  ASSERT_TRUE(f.blob_sha256 && f.compressed_blob_sha256);
  EXPECT_EQ(Get(ContentKey(*f.blob_sha256)).substr(0, 4), std::string("\x03\x00\x00\x00", 4));
  EXPECT_EQ(Gunzip(Get(ContentKey(*f.compressed_blob_sha256))), kTable);
  EXPECT_EQ(f.original_file_sha256, std::optional<std::string>(common::Sha256Hex(kTable)));
  EXPECT_EQ(f.original_file_size, std::optional<int64_t>(sizeof kTable - 1));  // the upload's
  EXPECT_FALSE(Exists("upload/u1/s1/t1"));
  EXPECT_TRUE(tx_->Datafiles().FindBlob(*f.blob_sha256)->has_value());
  // Nothing is left under the staging keys.
  auto staged = store_.List("staging/");
  ASSERT_TRUE(staged.ok());
  EXPECT_TRUE(staged->empty());
}

TEST_P(ConversionJobsTest, MatrixImportStoresHdf5) {
  TAIGA_ASSERT_OK(Process("m1", kMatrix, UploadFormat::kNumericMatrixCsv));
  auto f = File("m1");
  EXPECT_EQ(f.state, domain::UploadFileState::kReady);
  EXPECT_EQ(f.converted_format, std::optional(domain::StorageFormat::kHdf5));
  EXPECT_EQ(f.short_summary, std::optional<std::string>("2x2 matrix, 1 NAs"));
  EXPECT_FALSE(f.column_types.has_value());
  ASSERT_TRUE(f.blob_sha256.has_value());
  EXPECT_EQ(Get(ContentKey(*f.blob_sha256)).substr(0, 8), "\x89HDF\r\n\x1a\n");
  auto preview = nlohmann::json::parse(*f.preview);
  EXPECT_EQ(preview["top_left_preview"]["row_names"], nlohmann::json({"r1", "r2"}));
  EXPECT_EQ(f.original_file_size, std::optional<int64_t>(sizeof kMatrix - 1));
}

TEST_P(ConversionJobsTest, RawUploadRecordsItsSize) {
  const std::string bytes(70'001, 'x');
  TAIGA_ASSERT_OK(Process("r1", bytes, UploadFormat::kRaw));
  auto f = File("r1");
  EXPECT_EQ(f.state, domain::UploadFileState::kReady);
  EXPECT_EQ(f.converted_format, std::optional(domain::StorageFormat::kRaw));
  EXPECT_EQ(f.short_summary, std::optional<std::string>("70.0 kB"));
  EXPECT_EQ(f.original_file_size, std::optional<int64_t>(70'001));
}

TEST_P(ConversionJobsTest, BadFilesFailWithTheConvertersMessage) {
  common::Status s = Process("bad", "a,b\n1,2\n3\n", UploadFormat::kTableCsv);
  EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument);
  auto f = File("bad");
  EXPECT_EQ(f.state, domain::UploadFileState::kFailed);
  ASSERT_TRUE(f.error.has_value());
  EXPECT_NE(f.error->find("ine 3"), std::string::npos) << *f.error;  // "Line 3" / "line 3"
  s = Process("enc", kTable, UploadFormat::kTableCsv, "klingon");
  EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument);
  EXPECT_NE(File("enc").error->find("klingon"), std::string::npos);
  // A long matrix that is bad early: the gzip copy running beside the converter is stopped.
  std::string matrix = "x,y\nr0,1,2\nr1,1,oops\n";
  while (matrix.size() < (size_t{8} << 20)) matrix += "r,1.5,2.5\n";
  s = Process("long", matrix, UploadFormat::kNumericMatrixCsv);
  EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument);
  EXPECT_NE(File("long").error->find("Line 3, column 3"), std::string::npos) << *File("long").error;
  // Nothing of the failed uploads was stored as content (staged outputs go with the job).
  auto stored = store_.List("blobs/");
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->empty()) << stored->size() << " blobs, e.g. " << stored->front().key;
}

class ExportJobTest : public ConversionJobsTest {
 protected:
  // Makes a dataset whose file "f" is the result of importing `bytes`, and a conversion entry
  // for `format`; runs the export job and returns its status.
  common::Status Export(const std::string& bytes, UploadFormat import_format,
                        const std::string& format) {
    EXPECT_TRUE(Process("in", bytes, import_format).ok());
    auto up = File("in");
    EXPECT_TRUE(tx_->Datasets().InsertDataset(db::testing::MakeDataset("d", "d-perm"), 1).ok());
    EXPECT_TRUE(tx_->Datasets().InsertVersion(db::testing::MakeVersion("d-v1", "d", 1)).ok());
    auto file = db::testing::MakeFile("f", "d-v1", "f", up.blob_sha256);
    file.format = up.converted_format;
    EXPECT_TRUE(tx_->Datafiles().Insert(file).ok());
    auto job = domain::NewJob("convert.export", R"({"conversion_id":"c1"})", 7);
    job.id = "export-job";
    EXPECT_TRUE(tx_->Jobs().Insert(job).ok());
    domain::ConversionEntry e;
    e.id = "c1";
    e.datafile_id = "f";
    e.format = format;
    e.job_id = job.id;
    EXPECT_TRUE(tx_->Conversions().InsertIfAbsent(e).ok());
    EXPECT_TRUE(tx_->Commit().ok());
    tx_.reset();
    ExportJob export_job(*db_, store_, clock_, scratch_);
    TestJobContext context(job.id, job.payload);
    common::Status status = export_job.Run(context);
    Restart();
    return status;
  }
  domain::ConversionEntry Entry() {
    auto e = tx_->Conversions().FindById("c1");
    EXPECT_TRUE(e.ok() && e->has_value());
    return e.ok() && e->has_value() ? **e : domain::ConversionEntry{};
  }
};

TEST_P(ExportJobTest, ExportsATableAsCsv) {
  TAIGA_ASSERT_OK(Export(kTable, UploadFormat::kTableCsv, "csv"));
  auto e = Entry();
  EXPECT_EQ(e.state, domain::ConversionState::kComplete);
  EXPECT_EQ(e.status, "Completed successfully");
  ASSERT_TRUE(e.blob_sha256.has_value());
  EXPECT_EQ(Get(ContentKey(*e.blob_sha256)), "a,b,c\r\n1,x,0.5\r\n2,,NA\r\n");
}

TEST_P(ExportJobTest, ExportsAMatrixAsGct) {
  TAIGA_ASSERT_OK(Export(kMatrix, UploadFormat::kNumericMatrixCsv, "gct"));
  auto e = Entry();
  ASSERT_TRUE(e.blob_sha256.has_value());
  EXPECT_EQ(Get(ContentKey(*e.blob_sha256)),
            "#1.2\r\n2\t2\r\nName\tDescription\tc1\tc2\r\nr1\tr1\t1.0\t2.5\r\nr2\tr2\tNA\t4.0\r\n");
}

TEST_P(ExportJobTest, ADamagedFileFailsTheEntry) {
  // The stored table is replaced by garbage under its key.
  TAIGA_ASSERT_OK(Process("in0", kTable, UploadFormat::kTableCsv));
  Put(ContentKey(*File("in0").blob_sha256), "not a columnar file");
  common::Status s = Export(kTable, UploadFormat::kTableCsv, "csv");
  EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument);
  auto e = Entry();
  EXPECT_EQ(e.state, domain::ConversionState::kFailed);
  EXPECT_TRUE(e.error.has_value() && !e.error->empty());
}

TAIGA_INSTANTIATE_BACKEND_TEST(ConversionJobsTest);
TAIGA_INSTANTIATE_BACKEND_TEST(ExportJobTest);

}  // namespace
}  // namespace taiga::jobs
