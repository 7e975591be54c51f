// EmbeddedAssetSource over what embed_web_assets.cmake compiled of testdata/dist (the build
// generates EmbeddedTestAssets() from it for this test binary, exactly as for web/dist).
#include "web/embedded_asset_source.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/hash.h"

namespace taiga::web {

std::span<const EmbeddedAsset> EmbeddedTestAssets();

namespace {

std::string ReadFixture(const std::string& rel) {
  std::ifstream in(std::string(TAIGA_WEB_TESTDATA) + "/dist/" + rel, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(EmbeddedAssetSourceTest, EveryFileIsCompiledInWithItsMd5) {
  EmbeddedAssetSource source(EmbeddedTestAssets());
  for (const char* rel : {"index.html", "assets/app-1a2b3c4d.js", "favicon.svg"}) {
    auto asset = source.Find(rel);
    ASSERT_TRUE(asset.has_value()) << rel;
    const std::string expected = ReadFixture(rel);
    ASSERT_FALSE(expected.empty()) << rel;
    EXPECT_EQ(asset->bytes, expected) << rel;
    EXPECT_EQ(asset->etag, "\"" + common::Md5Hex(expected) + "\"") << rel;
    EXPECT_EQ(asset->owner, nullptr);
  }
  EXPECT_FALSE(source.Find("missing.js").has_value());
  EXPECT_FALSE(source.Find("/index.html").has_value());
}

TEST(EmbeddedAssetSourceTest, CompressibleFilesGetAGzipCopy) {
  EmbeddedAssetSource source(EmbeddedTestAssets());
  for (const char* rel : {"index.html.gz", "assets/app-1a2b3c4d.js.gz"}) {
    auto gz = source.Find(rel);
    ASSERT_TRUE(gz.has_value()) << rel;
    ASSERT_GT(gz->bytes.size(), 10u);
    EXPECT_EQ(static_cast<unsigned char>(gz->bytes[0]), 0x1f) << rel;
    EXPECT_EQ(static_cast<unsigned char>(gz->bytes[1]), 0x8b) << rel;
  }
  EXPECT_LT(source.Find("assets/app-1a2b3c4d.js.gz")->bytes.size(),
            source.Find("assets/app-1a2b3c4d.js")->bytes.size());
  EXPECT_FALSE(source.Find("favicon.svg.gz").has_value());  // under 256 bytes: not worth it
  EXPECT_NE(source.Describe().find("5 files"), std::string::npos) << source.Describe();
}

}  // namespace
}  // namespace taiga::web
