#include "common/random.h"

#include <gtest/gtest.h>

#include <set>

#include "common/hash.h"
#include "common/hex.h"

namespace taiga::common {
namespace {

TEST(Random, Id32IsAVersion4UuidInHex) {
  std::string id = NewId32();
  EXPECT_TRUE(IsLowerHex(id, 32)) << id;
  EXPECT_EQ(id[12], '4');
  EXPECT_NE(std::string("89ab").find(id[16]), std::string::npos);
}

TEST(Random, Uuid36HasDashesInTheRightPlaces) {
  std::string id = NewUuid36();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id[13], '-');
  EXPECT_EQ(id[18], '-');
  EXPECT_EQ(id[23], '-');
}

TEST(Random, TokensDifferAndAreUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = RandomToken(30);
    EXPECT_EQ(t.size(), 40u);
    EXPECT_EQ(t.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Hash, KnownDigests) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(Hex, RejectsUpperCaseAndWrongLength) {
  EXPECT_TRUE(IsLowerHex("00ff", 4));
  EXPECT_FALSE(IsLowerHex("00FF", 4));
  EXPECT_FALSE(IsLowerHex("00f", 4));
}

}  // namespace
}  // namespace taiga::common
