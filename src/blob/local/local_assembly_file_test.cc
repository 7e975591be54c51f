// LocalAssemblyFile and the LocalBlobStore calls around it: range locks that exclude other
// open files, writers bounded to their range, publishing without a copy (a hard link), and
// CreateIfAbsent / ranged Concatenate.
#include "blob/local/local_assembly_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "blob/local/local_blob_store.h"
#include "blob/test_blob_backends.h"

namespace taiga::blob {
namespace {

namespace fs = std::filesystem;

class LocalAssemblyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = dir_.path() + "/blobs";
    LocalBlobStoreOptions o;
    o.root = root_;
    o.url_signing_key = std::string(32, 'k');
    TAIGA_ASSERT_OK_AND_ASSIGN(store_, LocalBlobStore::Open(o));
  }
  std::string Content(const std::string& key) const {
    std::ifstream in(root_ + "/" + key);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  ino_t Inode(const std::string& key) const {
    struct stat st {};
    return ::stat((root_ + "/" + key).c_str(), &st) == 0 ? st.st_ino : 0;
  }
  testing::TempDir dir_;
  std::string root_;
  std::unique_ptr<LocalBlobStore> store_;
};

TEST_F(LocalAssemblyFileTest, RangeLocksExcludeOtherOpenFilesOnly) {
  EXPECT_EQ(store_->OpenAssembly("a/data", /*create=*/false).status().code(),
            common::StatusCode::kNotFound);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto one, store_->OpenAssembly("a/data", true));
  TAIGA_ASSERT_OK_AND_ASSIGN(auto two, store_->OpenAssembly("a/data", false));
  TAIGA_ASSERT_OK_AND_ASSIGN(bool got, one->TryLock(0, 10));
  EXPECT_TRUE(got);
  TAIGA_ASSERT_OK_AND_ASSIGN(got, two->TryLock(5, 10));  // overlaps
  EXPECT_FALSE(got);
  TAIGA_ASSERT_OK_AND_ASSIGN(got, two->TryLock(10, 10));  // the next range is free
  EXPECT_TRUE(got);
  TAIGA_ASSERT_OK_AND_ASSIGN(got, two->TryLock(0, 0));  // not all of it
  EXPECT_FALSE(got);
  one.reset();  // closing releases
  TAIGA_ASSERT_OK_AND_ASSIGN(auto three, store_->OpenAssembly("a/data", false));
  TAIGA_ASSERT_OK_AND_ASSIGN(got, three->TryLock(0, 10));
  EXPECT_TRUE(got);
}

TEST_F(LocalAssemblyFileTest, WritersStayInTheirRangeAndPublishingLinksTheFile) {
  TAIGA_ASSERT_OK_AND_ASSIGN(auto file, store_->OpenAssembly("m/up.data", true));
  ASSERT_TRUE(file->TryLock(4, 4).value());
  auto second = file->WriteAt(4, 4);
  TAIGA_ASSERT_OK(second->Write("bb"));
  TAIGA_ASSERT_OK(second->Write("b"));
  EXPECT_EQ(second->Write("bb").code(), common::StatusCode::kInvalidArgument);  // past 4 bytes
  EXPECT_EQ(second->Commit().status().code(), common::StatusCode::kFailedPrecondition);
  auto again = file->WriteAt(4, 4);
  TAIGA_ASSERT_OK(again->Write("BBBB"));
  TAIGA_ASSERT_OK_AND_ASSIGN(WriteResult w, again->Commit());
  EXPECT_EQ(w.size, 4u);
  EXPECT_EQ(w.key, "m/up.data");
  EXPECT_EQ(w.md5, "f50881ced34c7d9e6bce100bf33dec60");  // md5("BBBB")
  auto first = file->WriteAt(0, 4);
  TAIGA_ASSERT_OK(first->Write("AAAA"));
  TAIGA_ASSERT_OK(first->Commit().status());

  // Publishing needs all of the file locked, and never grows it.
  EXPECT_EQ(file->PublishAs(6, "objects/x").code(), common::StatusCode::kFailedPrecondition);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto whole, store_->OpenAssembly("m/up.data", false));
  EXPECT_FALSE(whole->TryLock(0, 0).value());  // `file` still holds [4, 8)
  file.reset();
  ASSERT_TRUE(whole->TryLock(0, 0).value());
  EXPECT_EQ(whole->PublishAs(9, "objects/x").code(), common::StatusCode::kFailedPrecondition);
  TAIGA_ASSERT_OK(store_->Write("objects/x").value()->Commit().status());  // one to replace
  TAIGA_ASSERT_OK(whole->PublishAs(6, "objects/x"));
  EXPECT_EQ(Content("objects/x"), "AAAABB");
  EXPECT_EQ(Inode("objects/x"), Inode("m/up.data"));  // no copy
  EXPECT_TRUE(fs::is_empty(root_ + "/tmp"));
  // Published: refused to writers, and to a second publisher, while both names exist.
  TAIGA_ASSERT_OK_AND_ASSIGN(auto late, store_->OpenAssembly("m/up.data", false));
  whole.reset();
  EXPECT_FALSE(late->TryLock(8, 4).value());
  EXPECT_FALSE(late->TryLock(0, 0).value());
  // Once the assembly key is deleted, a writer holding the old file is refused too.
  TAIGA_ASSERT_OK(store_->Delete("m/up.data"));
  EXPECT_FALSE(late->TryLock(8, 4).value());
  EXPECT_EQ(Content("objects/x"), "AAAABB");
}

TEST_F(LocalAssemblyFileTest, CreateIfAbsentKeepsTheFirstContent) {
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string now, store_->CreateIfAbsent("m/stride", "8"));
  EXPECT_EQ(now, "8");
  TAIGA_ASSERT_OK_AND_ASSIGN(now, store_->CreateIfAbsent("m/stride", "5"));
  EXPECT_EQ(now, "8");
  EXPECT_EQ(Content("m/stride"), "8");
  EXPECT_TRUE(fs::is_empty(root_ + "/tmp"));
  EXPECT_EQ(store_->CreateIfAbsent("tmp/x", "1").status().code(),
            common::StatusCode::kInvalidArgument);
}

TEST_F(LocalAssemblyFileTest, ConcatenateCopiesRangesAndRefusesShortOnes) {
  TAIGA_ASSERT_OK_AND_ASSIGN(auto w, store_->Write("m/data"));
  TAIGA_ASSERT_OK(w->Write("0123456789"));
  TAIGA_ASSERT_OK(w->Commit().status());
  TAIGA_ASSERT_OK_AND_ASSIGN(
      uint64_t size,
      store_->Concatenate({{"m/data", 5, 3}, {"m/data", 0, 2}, {"m/data", 8}}, "objects/y"));
  EXPECT_EQ(size, 7u);
  EXPECT_EQ(Content("objects/y"), "5670189");
  EXPECT_EQ(store_->Concatenate({{"m/data", 8, 3}}, "objects/z").status().code(),
            common::StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(root_ + "/objects/z"));
  EXPECT_TRUE(fs::is_empty(root_ + "/tmp"));
}

}  // namespace
}  // namespace taiga::blob
