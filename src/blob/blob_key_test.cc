#include "blob/blob_key.h"

#include <gtest/gtest.h>

#include <string>

namespace taiga::blob {
namespace {

TEST(ValidateBlobKey, AcceptsRelativePaths) {
  for (const char* k : {"blobs/ab/abcdef", "upload/u1/s1/data file (1).csv", "a", "x/.hidden",
                        "upload/u/s/r\xc3\xa9sum\xc3\xa9.txt", "a..b/c"}) {
    EXPECT_TRUE(ValidateBlobKey(k).ok()) << k;
  }
}

TEST(ValidateBlobKey, RejectsWhatWouldEscapeOrConfuse) {
  const std::string with_nul("a\0b", 3);
  for (const std::string& k :
       {std::string(""), std::string("/abs"), std::string("a//b"), std::string("a/"),
        std::string("../x"), std::string("a/../b"), std::string("a/./b"), std::string("."),
        std::string("a\\b"), with_nul, std::string("a\nb"), std::string("bad\xff"),
        std::string("\xc0\xaf"), std::string(1025, 'k')}) {
    common::Status s = ValidateBlobKey(k);
    EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument) << "key: " << k;
  }
}

TEST(ValidateBlobPrefix, AllowsEmptyTrailingSlashAndPartialSegments) {
  EXPECT_TRUE(ValidateBlobPrefix("").ok());
  EXPECT_TRUE(ValidateBlobPrefix("blobs/").ok());
  EXPECT_TRUE(ValidateBlobPrefix("blobs/ab").ok());
  EXPECT_FALSE(ValidateBlobPrefix("/blobs").ok());
  EXPECT_FALSE(ValidateBlobPrefix("blobs//").ok());
  EXPECT_FALSE(ValidateBlobPrefix("../").ok());
}

}  // namespace
}  // namespace taiga::blob
