#include "s3api/checksum.h"

#include <gtest/gtest.h>

#include <vector>

namespace taiga::s3api {
namespace {

std::string DigestOf(const char* algorithm, const std::string& data, size_t slice) {
  auto c = Checksum::For(algorithm);
  EXPECT_TRUE(c.has_value()) << algorithm;
  for (size_t i = 0; i < data.size(); i += slice)
    c->Update(std::string_view(data).substr(i, slice));
  return c->Base64Digest();
}

TEST(Checksum, KnownVectorsInAnySlicing) {
  // "123456789": CRC-32 cbf43926, CRC-32C e3069283 (the standard check values).
  for (size_t slice : {1, 4, 100}) {
    EXPECT_EQ(DigestOf("crc32", "123456789", slice), Base64Encode("\xcb\xf4\x39\x26"));
    EXPECT_EQ(DigestOf("crc32c", "123456789", slice), Base64Encode("\xe3\x06\x92\x83"));
  }
  EXPECT_EQ(DigestOf("sha256", "", 1), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(DigestOf("sha1", "abc", 1), "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
  EXPECT_FALSE(Checksum::For("crc64nvme").has_value());
  EXPECT_FALSE(Checksum::For("md5").has_value());
}

TEST(Base64, RoundTripsAndRefusesNonCanonicalText) {
  std::string raw;
  for (const std::string& s :
       std::vector<std::string>{"a", "ab", "abc", "abcd", std::string("\0\xff", 2)}) {
    ASSERT_TRUE(Base64Decode(Base64Encode(s), &raw)) << s;
    EXPECT_EQ(raw, s);
  }
  EXPECT_TRUE(Base64Decode("1B2M2Y8AsgTpgAmY7PhCfg==", &raw));
  EXPECT_EQ(raw.size(), 16u);
  for (const char* bad : {"", "abc", "ab!=", "YQ", "YR==", "Y===", "YQ==YQ=="}) {
    EXPECT_FALSE(Base64Decode(bad, &raw)) << bad;
  }
}

}  // namespace
}  // namespace taiga::s3api
