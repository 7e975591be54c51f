// DatafileRepository against every backend (test_backend.h).
#include <gtest/gtest.h>

#include "db/sql/test_dataset_rows.h"

namespace taiga::db {
namespace {

constexpr common::Timestamp kLongAfter = 1LL << 60;  // every test blob was claimed before

using common::StatusCode;
using domain::DatafileKind;
using domain::StorageFormat;
using testing::MakeBlob;
using testing::MakeDataset;
using testing::MakeFile;
using testing::MakeVersion;
using testing::MakeVirtual;
using OptString = std::optional<std::string>;

class SqlDatafileRepositoryTest : public testing::DatasetRowsTest {
 protected:
  void SetUp() override {
    DatasetRowsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const char* d : {"a", "b", "c"}) AddDataset(d, 2);
    TAIGA_ASSERT_OK(Datafiles().InsertBlob(MakeBlob("blob1")));
    TAIGA_ASSERT_OK(Datafiles().InsertBlob(MakeBlob("blob2")));
    CommitAndRestart();
  }
  DatafileRepository& Datafiles() { return tx_->Datafiles(); }
  // Dataset `id` with versions "<id>-v1" .. "<id>-v<versions>".
  void AddDataset(const std::string& id, int versions) {
    TAIGA_ASSERT_OK(tx_->Datasets().InsertDataset(MakeDataset(id, id + "-perm"), 1));
    for (int n = 1; n <= versions; ++n) {
      TAIGA_ASSERT_OK(
          tx_->Datasets().InsertVersion(MakeVersion(id + "-v" + std::to_string(n), id, n)));
    }
  }
  void ExpectInsertFails(const domain::Datafile& f, StatusCode code) {
    EXPECT_EQ(Datafiles().Insert(f).code(), code) << f.id;
    Restart();
  }
};

TEST_P(SqlDatafileRepositoryTest, EveryFieldRoundTrips) {
  domain::Datafile full = MakeFile("f1", "a-v1", "matrix", "blob1");
  full.format = StorageFormat::kHdf5;
  full.compressed_blob_sha256 = "blob2";
  full.s3_bucket = "bucket";
  full.s3_key = "key/f1";
  full.encoding = "UTF-8";
  full.custom_metadata = R"({"k": ["v", 1]})";
  full.short_summary = "3x4";
  full.long_summary = "rows 3\ncolumns 4";
  full.column_types = R"(["int","str"])";
  full.preview = R"({"rows":[]})";
  full.original_file_sha256 = "osha";
  full.original_file_md5 = "omd5";
  full.created_at = 1'765'000'000'000'123;
  full.upload_format = domain::UploadFormat::kNumericMatrixTsv;
  full.original_file_size = 5'000'000'123;  // beyond 32 bits
  domain::Datafile gcs = MakeFile("f2", "a-v1", "legacy");
  gcs.kind = DatafileKind::kGcs;
  gcs.gcs_path = "gs://bucket/path";
  TAIGA_ASSERT_OK(Datafiles().Insert(full));
  TAIGA_ASSERT_OK(Datafiles().Insert(gcs));

  TAIGA_ASSERT_OK_AND_ASSIGN(auto f, Datafiles().Find("f1"));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "f1");
  EXPECT_EQ(f->dataset_version_id, "a-v1");
  EXPECT_EQ(f->name, "matrix");
  EXPECT_EQ(f->kind, DatafileKind::kS3);
  EXPECT_EQ(f->format, std::optional<StorageFormat>(StorageFormat::kHdf5));
  EXPECT_FALSE(f->underlying_datafile_id.has_value());
  EXPECT_EQ(f->blob_sha256, OptString("blob1"));
  EXPECT_EQ(f->compressed_blob_sha256, OptString("blob2"));
  EXPECT_EQ(f->s3_bucket, OptString("bucket"));
  EXPECT_EQ(f->s3_key, OptString("key/f1"));
  EXPECT_EQ(f->encoding, OptString("UTF-8"));
  EXPECT_EQ(f->custom_metadata, full.custom_metadata);
  EXPECT_EQ(f->upload_format, std::optional(domain::UploadFormat::kNumericMatrixTsv));
  EXPECT_EQ(f->short_summary, OptString("3x4"));
  EXPECT_EQ(f->long_summary, full.long_summary);
  EXPECT_EQ(f->column_types, full.column_types);
  EXPECT_EQ(f->preview, full.preview);
  EXPECT_EQ(f->original_file_sha256, OptString("osha"));
  EXPECT_EQ(f->original_file_md5, OptString("omd5"));
  EXPECT_EQ(f->original_file_size, std::optional<int64_t>(5'000'000'123));
  EXPECT_FALSE(f->gcs_path.has_value());
  EXPECT_EQ(f->created_at, 1'765'000'000'000'123);

  TAIGA_ASSERT_OK_AND_ASSIGN(auto g, Datafiles().FindByName("a-v1", "legacy"));
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->id, "f2");
  EXPECT_EQ(g->kind, DatafileKind::kGcs);
  EXPECT_EQ(g->gcs_path, OptString("gs://bucket/path"));
  for (const OptString* field :
       {&g->underlying_datafile_id, &g->blob_sha256, &g->compressed_blob_sha256, &g->s3_bucket,
        &g->s3_key, &g->encoding, &g->custom_metadata, &g->short_summary, &g->long_summary,
        &g->column_types, &g->preview, &g->original_file_sha256, &g->original_file_md5}) {
    EXPECT_FALSE(field->has_value());
  }
  EXPECT_FALSE(g->format.has_value());
  EXPECT_FALSE(g->original_file_size.has_value());

  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Datafiles().Find("nope"));
  EXPECT_FALSE(none.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(auto other_version, Datafiles().FindByName("a-v2", "legacy"));
  EXPECT_FALSE(other_version.has_value());
}

TEST_P(SqlDatafileRepositoryTest, ListForVersionByteWiseByName) {
  for (const char* name : {"b.csv", "B.csv", "a/x.csv", "a.csv", "é.csv"}) {
    TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile(std::string("id-") + name, "a-v1", name)));
  }
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile("elsewhere", "a-v2", "a.csv")));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto files, Datafiles().ListForVersion("a-v1"));
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"B.csv", "a.csv", "a/x.csv", "b.csv", "é.csv"}));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto empty, Datafiles().ListForVersion("b-v1"));
  EXPECT_TRUE(empty.empty());
}

TEST_P(SqlDatafileRepositoryTest, InsertErrors) {
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile("f1", "a-v1", "data")));
  CommitAndRestart();
  ExpectInsertFails(MakeFile("f2", "a-v1", "data"), StatusCode::kAlreadyExists);
  ExpectInsertFails(MakeFile("f1", "a-v2", "other"), StatusCode::kAlreadyExists);
  ExpectInsertFails(MakeFile("f3", "nope", "data"), StatusCode::kFailedPrecondition);
  ExpectInsertFails(MakeFile("f3", "a-v2", "data", "no-such-blob"),
                    StatusCode::kFailedPrecondition);
  ExpectInsertFails(MakeVirtual("f3", "a-v2", "data", "no-such-file"),
                    StatusCode::kFailedPrecondition);
  domain::Datafile dangling = MakeFile("f3", "a-v2", "data");
  dangling.kind = DatafileKind::kVirtual;
  ExpectInsertFails(dangling, StatusCode::kInvalidArgument);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto files, Datafiles().ListForVersion("a-v2"));
  EXPECT_TRUE(files.empty());
}

TEST_P(SqlDatafileRepositoryTest, DatasetsReferencingOthersOnly) {
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile("a1", "a-v1", "real", "blob1")));
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile("a2", "a-v1", "other")));
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeVirtual("a-self", "a-v2", "real", "a1")));
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeVirtual("c1", "c-v1", "x", "a1")));
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeVirtual("c2", "c-v2", "y", "a2")));
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeVirtual("b1", "b-v2", "z", "a1")));
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile("b2", "b-v1", "own")));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto into_a, Datafiles().DatasetsReferencing("a"));
  EXPECT_EQ(into_a, (std::vector<std::string>{"b", "c"}));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto into_b, Datafiles().DatasetsReferencing("b"));
  EXPECT_TRUE(into_b.empty());
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeVirtual("a3", "a-v2", "borrowed", "b2")));
  TAIGA_ASSERT_OK_AND_ASSIGN(into_b, Datafiles().DatasetsReferencing("b"));
  EXPECT_EQ(into_b, (std::vector<std::string>{"a"}));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Datafiles().DatasetsReferencing("nope"));
  EXPECT_TRUE(none.empty());
}

TEST_P(SqlDatafileRepositoryTest, SetPreview) {
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile("f1", "a-v1", "data")));
  TAIGA_ASSERT_OK(Datafiles().SetPreview("f1", R"({"head":[1,2]})"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto f, Datafiles().Find("f1"));
  EXPECT_EQ(f->preview, OptString(R"({"head":[1,2]})"));
  TAIGA_ASSERT_OK(Datafiles().SetPreview("f1", std::nullopt));
  TAIGA_ASSERT_OK_AND_ASSIGN(f, Datafiles().Find("f1"));
  EXPECT_FALSE(f->preview.has_value());
  EXPECT_EQ(Datafiles().SetPreview("nope", "{}").code(), StatusCode::kNotFound);
}

TEST_P(SqlDatafileRepositoryTest, InsertBlobOfAKnownBlobOnlyRefreshesItsClaim) {
  TAIGA_ASSERT_OK_AND_ASSIGN(auto b, Datafiles().FindBlob("blob1"));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->sha256, "blob1");
  EXPECT_EQ(b->md5, "md5-blob1");
  EXPECT_EQ(b->size, 1234);
  EXPECT_EQ(b->store_key, "blobs/blob1");
  EXPECT_EQ(b->created_at, 1);
  BlobRow big{"blob1", "other-md5", 5'000'000'000, "elsewhere", 99};
  TAIGA_ASSERT_OK(Datafiles().InsertBlob(big));
  TAIGA_ASSERT_OK_AND_ASSIGN(b, Datafiles().FindBlob("blob1"));
  EXPECT_EQ(b->md5, "md5-blob1");
  EXPECT_EQ(b->store_key, "blobs/blob1");
  EXPECT_EQ(b->created_at, 99);  // claimed again
  big.sha256 = "big";
  TAIGA_ASSERT_OK(Datafiles().InsertBlob(big));
  TAIGA_ASSERT_OK_AND_ASSIGN(b, Datafiles().FindBlob("big"));
  EXPECT_EQ(b->size, 5'000'000'000);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, Datafiles().FindBlob("nope"));
  EXPECT_FALSE(none.has_value());
}

TEST_P(SqlDatafileRepositoryTest, RecentClaimsAreNotUnreferencedYetAndLockBlobWorks) {
  TAIGA_ASSERT_OK(Datafiles().InsertBlob(MakeBlob("fresh", 500)));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto before, Datafiles().ListUnreferencedBlobs(100, 500));
  for (const auto& b : before) EXPECT_NE(b.sha256, "fresh");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto after, Datafiles().ListUnreferencedBlobs(100, 501));
  bool found = false;
  for (const auto& b : after) found = found || b.sha256 == "fresh";
  EXPECT_TRUE(found);
  TAIGA_ASSERT_OK(Datafiles().LockBlob("fresh"));
  TAIGA_ASSERT_OK_AND_ASSIGN(bool referenced, Datafiles().IsBlobReferenced("fresh"));
  EXPECT_FALSE(referenced);
  TAIGA_ASSERT_OK(Datafiles().Insert(MakeFile("f9", "a-v1", "uses fresh", "fresh")));
  TAIGA_ASSERT_OK_AND_ASSIGN(referenced, Datafiles().IsBlobReferenced("fresh"));
  EXPECT_TRUE(referenced);
}

TEST_P(SqlDatafileRepositoryTest, UnreferencedBlobsOldestFirstAndDelete) {
  // blob1/blob2 (created at 1) are referenced below; r3..r5 by session files and the cache.
  for (const char* sha : {"r3", "r4", "r5"}) TAIGA_ASSERT_OK(Datafiles().InsertBlob(MakeBlob(sha)));
  TAIGA_ASSERT_OK(Datafiles().InsertBlob(MakeBlob("free-new", 30)));
  TAIGA_ASSERT_OK(Datafiles().InsertBlob(MakeBlob("free-old", 10)));
  TAIGA_ASSERT_OK(Datafiles().InsertBlob(MakeBlob("free-tie", 10)));
  domain::Datafile f = MakeFile("f1", "a-v1", "data", "blob1");
  f.compressed_blob_sha256 = "blob2";
  TAIGA_ASSERT_OK(Datafiles().Insert(f));
  TAIGA_ASSERT_OK(tx_->Uploads().InsertSession({"s1", "u1", 1, 2, std::nullopt}));
  domain::UploadSessionFile upload;
  upload.id = "uf1";
  upload.session_id = "s1";
  upload.filename = "up";
  upload.blob_sha256 = "r3";
  upload.compressed_blob_sha256 = "r4";
  TAIGA_ASSERT_OK(tx_->Uploads().InsertFile(upload));
  ExecSql(*tx_,
          "INSERT INTO conversion_cache (id, datafile_id, format, state, blob_sha256, "
          "created_at) VALUES ('c1', 'f1', 'csv', 'complete', 'r5', 1)");

  TAIGA_ASSERT_OK_AND_ASSIGN(auto free, Datafiles().ListUnreferencedBlobs(100, kLongAfter));
  std::vector<std::string> shas;
  for (const auto& b : free) shas.push_back(b.sha256);
  EXPECT_EQ(shas, (std::vector<std::string>{"free-old", "free-tie", "free-new"}));
  EXPECT_EQ(free[0].store_key, "blobs/free-old");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto first, Datafiles().ListUnreferencedBlobs(1, kLongAfter));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].sha256, "free-old");

  TAIGA_ASSERT_OK(Datafiles().DeleteBlob("free-old"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto gone, Datafiles().FindBlob("free-old"));
  EXPECT_FALSE(gone.has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(free, Datafiles().ListUnreferencedBlobs(100, kLongAfter));
  EXPECT_EQ(free.size(), 2u);
  EXPECT_EQ(Datafiles().DeleteBlob("free-old").code(), StatusCode::kNotFound);

  // Once the session is gone, its blobs are free too.
  TAIGA_ASSERT_OK(tx_->Uploads().DeleteSession("s1"));
  TAIGA_ASSERT_OK_AND_ASSIGN(free, Datafiles().ListUnreferencedBlobs(100, kLongAfter));
  shas.clear();
  for (const auto& b : free) shas.push_back(b.sha256);
  EXPECT_EQ(shas, (std::vector<std::string>{"r3", "r4", "free-tie", "free-new"}));
  CommitAndRestart();
  EXPECT_EQ(Datafiles().DeleteBlob("blob1").code(), StatusCode::kFailedPrecondition);
}

TAIGA_INSTANTIATE_BACKEND_TEST(SqlDatafileRepositoryTest);

}  // namespace
}  // namespace taiga::db
