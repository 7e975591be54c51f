#include "blob/sigv4_encoding.h"

#include <gtest/gtest.h>

namespace taiga::blob {
namespace {

TEST(SigV4Encoding, StrictRfc3986) {
  EXPECT_EQ(UriEncode("a b+c!'()*~._-/"), "a%20b%2Bc%21%27%28%29%2A~._-%2F");
  EXPECT_EQ(UriEncodePath("/b/dir/hello world.txt"), "/b/dir/hello%20world.txt");
  EXPECT_EQ(UriEncodePath("/b/100%"), "/b/100%25");
}

TEST(SigV4Encoding, CanonicalUriKeepsEscapedSlashesAndNeverNormalisesForS3) {
  EXPECT_EQ(*CanonicalUri("/a%2fb/c d", false), "/a%2Fb/c%20d");
  EXPECT_EQ(*CanonicalUri("//a/./b/../", false), "//a/./b/../");
  EXPECT_EQ(*CanonicalUri("//a/./b/../", true), "/a/");
  EXPECT_EQ(*CanonicalUri("", false), "/");
  EXPECT_FALSE(CanonicalUri("/a%zz", false).ok());
  EXPECT_FALSE(CanonicalUri("/a%2", false).ok());
}

TEST(SigV4Encoding, QueryParsingAndCanonicalOrder) {
  auto q = ParseQueryString("uploads&b=2&a=%20x+y&&a=");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), 4u);
  EXPECT_EQ((*q)[0], (std::pair<std::string, std::string>("uploads", "")));
  EXPECT_EQ((*q)[2].second, " x+y");
  EXPECT_EQ(CanonicalQueryString(*q), "a=&a=%20x%2By&b=2&uploads=");
  EXPECT_EQ(EncodeQueryString({{"prefix", "a b"}, {"list-type", "2"}}), "prefix=a%20b&list-type=2");
}

}  // namespace
}  // namespace taiga::blob
