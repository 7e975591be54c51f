#include "web/asset_path.h"

#include <gtest/gtest.h>

namespace taiga::web {
namespace {

TEST(AssetPathTest, FilesAndTheIndex) {
  EXPECT_EQ(AssetFileFor("/"), "index.html");
  EXPECT_EQ(AssetFileFor("/index.html"), "index.html");
  EXPECT_EQ(AssetFileFor("/assets/index-1a2B_3c.js"), "assets/index-1a2B_3c.js");
  EXPECT_EQ(AssetFileFor("/favicon.svg"), "favicon.svg");
  EXPECT_EQ(AssetFileFor("/dataset/my-data.v1"), "dataset/my-data.v1");  // then: no such file
}

TEST(AssetPathTest, TraversalIsRefused) {
  for (const char* p : {"/..", "/../etc/passwd", "/assets/../../x", "/a/./b", "/.", "/a/..",
                        "/assets/..", "/a/../index.html"}) {
    EXPECT_TRUE(IsRefusedPath(p)) << p;
    EXPECT_FALSE(AssetFileFor(p).has_value()) << p;
  }
}

TEST(AssetPathTest, EncodedTraversalArrivesDecodedAndIsRefused) {
  // The HTTP layer decodes %2e%2e to "..": the same path as above.
  EXPECT_FALSE(IsRefusedPath("/%2e%2e/x"));             // sent as %252e%252e: a literal name...
  EXPECT_FALSE(AssetFileFor("/%2e%2e/x").has_value());  // ...that no built file has
  EXPECT_TRUE(IsRefusedPath("/../x"));
  // An encoded slash stays "%2F" and cannot make a separator.
  EXPECT_FALSE(AssetFileFor("/assets%2F..%2Fsecret").has_value());
}

TEST(AssetPathTest, ControlCharactersNulAndOverlongAreRefused) {
  EXPECT_TRUE(IsRefusedPath(std::string("/a\0b", 4)));
  EXPECT_TRUE(IsRefusedPath("/a\nb"));
  EXPECT_TRUE(IsRefusedPath("/a\x7f"));
  EXPECT_TRUE(IsRefusedPath("/" + std::string(kMaxRequestPathBytes, 'a')));
  EXPECT_TRUE(IsRefusedPath("/" + std::string(kMaxSegmentBytes + 1, 'a')));
  EXPECT_FALSE(IsRefusedPath("/" + std::string(kMaxSegmentBytes, 'a')));
  EXPECT_TRUE(IsRefusedPath(""));
  EXPECT_TRUE(IsRefusedPath("relative"));
}

TEST(AssetPathTest, PathsNoBuiltFileHasAreNotFilesButNotRefused) {
  for (const char* p : {"/dataset/", "//etc/passwd", "/a//b", "/.env", "/.git/config",
                        "/assets/.hidden", "/a\\..\\b", "/c:/windows", "/a%2Fb", "/a?b", "/a*b"}) {
    EXPECT_FALSE(AssetFileFor(p).has_value()) << p;
  }
  EXPECT_FALSE(IsRefusedPath("/dataset/"));
  EXPECT_FALSE(IsRefusedPath("/a%2Fb"));  // a deep link may carry an encoded '/'
  EXPECT_EQ(AssetFileFor("/dataset/caf\xc3\xa9"), "dataset/caf\xc3\xa9");
}

}  // namespace
}  // namespace taiga::web
