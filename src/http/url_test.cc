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

TEST(PercentDecode, DecodesSlashOnlyWhenAsked) {
  std::string out;
  ASSERT_TRUE(PercentDecode("..%2F..%2fetc", false, &out));
  EXPECT_EQ(out, "../../etc");
  ASSERT_TRUE(PercentDecode("..%2F..%2fetc", false, &out, true));
  EXPECT_EQ(out, "..%2F..%2fetc");
}

TEST(ParseTarget, AnEncodedSlashIsNotASeparatorAndPathsMustBeUtf8) {
  std::string path;
  std::map<std::string, std::string> q;
  ASSERT_TRUE(ParseTarget("/taiga%2Fapi/x%20y", &path, &q));
  EXPECT_EQ(path, "/taiga%2Fapi/x y");
  EXPECT_FALSE(ParseTarget("/folder/%FF", &path, &q));
  EXPECT_FALSE(ParseTarget("/folder/x?name=%C0%AF", &path, &q));
  EXPECT_TRUE(ParseTarget("/folder/%C3%A9", &path, &q));
}

}  // namespace
}  // namespace taiga::http
