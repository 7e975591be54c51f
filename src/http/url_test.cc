#include "http/url.h"

#include <gtest/gtest.h>

namespace taiga::http {
namespace {

TEST(ParseTarget, SplitsAndDecodes) {
  std::string path;
  std::map<std::string, std::string> q;
  ASSERT_TRUE(ParseTarget("/taiga/api/a%20b?x=1&y=a+b&x=2&flag", &path, &q));
  EXPECT_EQ(path, "/taiga/api/a b");
  EXPECT_EQ(q["x"], "2");
  EXPECT_EQ(q["y"], "a b");
  EXPECT_EQ(q.count("flag"), 1u);
}

TEST(ParseTarget, RejectsBadEscapesNulAndRelativeTargets) {
  std::string path;
  std::map<std::string, std::string> q;
  EXPECT_FALSE(ParseTarget("/a%2", &path, &q));
  EXPECT_FALSE(ParseTarget("/a%zz", &path, &q));
  EXPECT_FALSE(ParseTarget("/a%00b", &path, &q));
  EXPECT_FALSE(ParseTarget("a/b", &path, &q));
  EXPECT_FALSE(ParseTarget("/a?x=%", &path, &q));
}

TEST(PercentDecode, DecodesSlashSoItCannotSmuggleSegments) {
  std::string out;
  ASSERT_TRUE(PercentDecode("..%2F..%2Fetc", false, &out));
  EXPECT_EQ(out, "../../etc");
}

}  // namespace
}  // namespace taiga::http
