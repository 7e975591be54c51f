// LocalBlobStore beyond the shared contract: files on disk, temp files, the reserved tmp/ prefix.
#include "blob/local/local_blob_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "blob/test_blob_backends.h"

namespace taiga::blob {
namespace {

namespace fs = std::filesystem;

class LocalBlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    root_ = dir_.path() + "/blobs";
    LocalBlobStoreOptions o;
    o.root = root_;
    o.url_signing_key = std::string(32, 'k');
    TAIGA_ASSERT_OK_AND_ASSIGN(store_, LocalBlobStore::Open(o));
  }
  size_t TempFiles() const {
    size_t n = 0;
    for (const auto& e : fs::directory_iterator(root_ + "/tmp")) n += e.is_regular_file();
    return n;
  }
  testing::TempDir dir_;
  std::string root_;
  std::unique_ptr<LocalBlobStore> store_;
};

TEST_F(LocalBlobStoreTest, FilesLiveUnderTheRootAndTempFilesGoAway) {
  {
    TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write("blobs/ab/abcdef"));
    TAIGA_ASSERT_OK(w->Write("payload"));
    EXPECT_EQ(TempFiles(), 1u);
    EXPECT_FALSE(fs::exists(root_ + "/blobs/ab/abcdef"));
    TAIGA_ASSERT_OK(w->Commit().status());
  }
  EXPECT_EQ(TempFiles(), 0u);
  std::ifstream in(root_ + "/blobs/ab/abcdef");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "payload");
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string path, store_->LocalPath("blobs/ab/abcdef"));
  EXPECT_EQ(path, root_ + "/blobs/ab/abcdef");
  EXPECT_EQ(store_->LocalPath("blobs/ab").status().code(), common::StatusCode::kNotFound);
  EXPECT_EQ(store_->LocalPath("blobs/none").status().code(), common::StatusCode::kNotFound);
  {
    TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write("blobs/ab/abandoned"));
    TAIGA_ASSERT_OK(w->Write("x"));
  }
  EXPECT_EQ(TempFiles(), 0u) << "an uncommitted writer deletes its temp file";
}

TEST_F(LocalBlobStoreTest, ConcatenateJoinsPartsInOrderOrLeavesNothing) {
  const std::string big(9 << 20, 'b');  // more than one copy_file_range call
  for (const auto& [key, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"parts/1", "first-"}, {"parts/2", big}, {"parts/3", ""}, {"parts/4", "-last"}}) {
    TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write(key));
    TAIGA_ASSERT_OK(w->Write(bytes));
    TAIGA_ASSERT_OK(w->Commit().status());
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(
      uint64_t size,
      store_->Concatenate({{"parts/1"}, {"parts/2"}, {"parts/3"}, {"parts/4"}}, "objects/whole"));
  EXPECT_EQ(size, 6 + big.size() + 5);
  std::ifstream in(root_ + "/objects/whole");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "first-" + big + "-last");
  EXPECT_EQ(TempFiles(), 0u);

  // A missing part: NotFound, nothing under the key, no temp file left, the old object kept.
  EXPECT_EQ(store_->Concatenate({{"parts/1"}, {"parts/none"}}, "objects/other").status().code(),
            common::StatusCode::kNotFound);
  EXPECT_EQ(store_->Concatenate({{"parts/1"}, {"parts/none"}}, "objects/whole").status().code(),
            common::StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(root_ + "/objects/other"));
  EXPECT_EQ(fs::file_size(root_ + "/objects/whole"), size);
  EXPECT_EQ(TempFiles(), 0u);
  EXPECT_EQ(store_->Concatenate({{"parts/1"}}, "tmp/x").status().code(),
            common::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Concatenate({{"tmp/x"}}, "objects/x").status().code(),
            common::StatusCode::kInvalidArgument);
}

TEST_F(LocalBlobStoreTest, TmpIsReservedAndNotListed) {
  EXPECT_EQ(store_->Write("tmp/x").status().code(), common::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Stat("tmp").status().code(), common::StatusCode::kInvalidArgument);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write("tmpfile"));  // only the tmp/ prefix
  TAIGA_ASSERT_OK(w->Write("t"));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto w2, store_->Write("a/b"));
  TAIGA_ASSERT_OK(w2->Write("b"));
  TAIGA_ASSERT_OK(w2->Commit().status());
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> all, store_->List(""));
  ASSERT_EQ(all.size(), 1u) << "the open writer's temp file must not be listed";
  EXPECT_EQ(all[0].key, "a/b");
}

TEST_F(LocalBlobStoreTest, AKeyCannotBeAlsoAPrefix) {
  TAIGA_ASSERT_OK(testing::WriteKey(*store_, "a/b", "x").status());
  EXPECT_EQ(testing::WriteKey(*store_, "a", "y").status().code(),
            common::StatusCode::kFailedPrecondition);
  EXPECT_EQ(testing::WriteKey(*store_, "a/b/c", "z").status().code(),
            common::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(store_->Stat("a")->has_value());
  EXPECT_EQ(store_->Read("a").status().code(), common::StatusCode::kNotFound);
  TAIGA_ASSERT_OK(store_->Delete("a"));
}

TEST_F(LocalBlobStoreTest, OpenRemovesStaleTempFiles) {
  const std::string stale = root_ + "/tmp/dead.part";
  const std::string fresh = root_ + "/tmp/live.part";
  std::ofstream(stale) << "x";
  std::ofstream(fresh) << "y";
  fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::hours(48));
  LocalBlobStoreOptions o;
  o.root = root_;
  o.url_signing_key = std::string(32, 'k');
  TAIGA_ASSERT_OK(LocalBlobStore::Open(o).status());
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(fresh));
}

TEST_F(LocalBlobStoreTest, PresignNeedsABaseUrlAndUsesTheClock) {
  EXPECT_EQ(store_->PresignGet("k", {}).status().code(), common::StatusCode::kInvalidArgument);
  common::FakeClock clock(1796334668LL * 1000000);
  LocalBlobStoreOptions o;
  o.root = root_;
  o.url_signing_key = std::string(32, 'k');
  o.clock = &clock;
  TAIGA_ASSERT_OK_AND_ASSIGN(auto store, LocalBlobStore::Open(o));
  PresignOptions p;
  p.base_url = "http://h/taiga";
  p.expires_seconds = 10;
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string url, store->PresignGet("blobs/k", p));
  const std::string token = url.substr(std::string("http://h/taiga/blob/").size());
  EXPECT_TRUE(store->url_signer().Verify(token, clock.Now() + 10LL * 1000000).ok());
  EXPECT_EQ(store->url_signer().Verify(token, clock.Now() + 11LL * 1000000).status().code(),
            common::StatusCode::kPermissionDenied);
}

TEST(LocalBlobStoreOpen, RejectsBadOptions) {
  LocalBlobStoreOptions o;
  o.url_signing_key = std::string(32, 'k');
  EXPECT_EQ(LocalBlobStore::Open(o).status().code(), common::StatusCode::kInvalidArgument);
  o.root = "/tmp/x";
  o.url_signing_key = "short";
  EXPECT_EQ(LocalBlobStore::Open(o).status().code(), common::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace taiga::blob
