#include "web/directory_asset_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace taiga::web {
namespace {

namespace fs = std::filesystem;

class DirectoryAssetSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = fs::temp_directory_path() / "taiga-web-test.XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ + "/dist/assets");
    Write(dir_ + "/dist/index.html", "<html></html>");
    Write(dir_ + "/dist/assets/app.js", "js");
    Write(dir_ + "/secret.txt", "outside");
    fs::create_symlink(dir_ + "/secret.txt", dir_ + "/dist/assets/link.txt");
    fs::create_directory_symlink(dir_, dir_ + "/dist/up");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
  }

  std::string dir_;
};

TEST_F(DirectoryAssetSourceTest, ReadsFilesWithAnEtag) {
  auto source = DirectoryAssetSource::Open(dir_ + "/dist");
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  auto index = (*source)->Find("index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->bytes, "<html></html>");
  EXPECT_NE(index->owner, nullptr);
  EXPECT_EQ(index->etag.front(), '"');
  EXPECT_EQ(index->etag.back(), '"');
  EXPECT_EQ((*source)->Find("assets/app.js")->bytes, "js");
  Write(dir_ + "/dist/assets/app.js", "rebuilt");  // read afresh every time
  EXPECT_EQ((*source)->Find("assets/app.js")->bytes, "rebuilt");
}

TEST_F(DirectoryAssetSourceTest, NothingOutsideTheDirectoryNorDirectories) {
  auto source = DirectoryAssetSource::Open(dir_ + "/dist");
  ASSERT_TRUE(source.ok());
  EXPECT_FALSE((*source)->Find("missing.js").has_value());
  EXPECT_FALSE((*source)->Find("assets").has_value());
  EXPECT_FALSE((*source)->Find("assets/link.txt").has_value());  // symlink out
  EXPECT_FALSE((*source)->Find("up/secret.txt").has_value());
  EXPECT_FALSE((*source)->Find("../secret.txt").has_value());
}

TEST_F(DirectoryAssetSourceTest, OpenRefusesAMissingDirectory) {
  auto missing = DirectoryAssetSource::Open(dir_ + "/nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), common::StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("web.dir"), std::string::npos);
  EXPECT_FALSE(DirectoryAssetSource::Open(dir_ + "/secret.txt").ok());
}

}  // namespace
}  // namespace taiga::web
