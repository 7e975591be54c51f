#include "blob/local/local_url_signer.h"

#include <gtest/gtest.h>

#include <string>

namespace taiga::blob {
namespace {

constexpr common::Timestamp kNow = 1796334668LL * 1000000;
const std::string kKey(32, 'k');

TEST(LocalUrlSigner, RoundTripsEveryField) {
  auto signer = LocalUrlSigner::Create(kKey);
  ASSERT_TRUE(signer.ok());
  const SignedBlob blob{"blobs/ab/abc def", "r\xc3\xa9sum\xc3\xa9\n(1).csv",
                        "text/csv; charset=utf-8"};
  const std::string token = signer->Sign(blob, kNow + 3600LL * 1000000);
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
      std::string::npos)
      << "URL-safe: " << token;
  auto back = signer->Verify(token, kNow);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->key, blob.key);
  EXPECT_EQ(back->download_name, blob.download_name);
  EXPECT_EQ(back->content_type, blob.content_type);
}

TEST(LocalUrlSigner, RefusesTamperedForeignAndExpiredTokens) {
  auto signer = LocalUrlSigner::Create(kKey);
  const std::string token = signer->Sign({"blobs/k", "", ""}, kNow + 60LL * 1000000);
  for (size_t i = 0; i < token.size(); i += 3) {
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    if (t == token) continue;
    EXPECT_EQ(signer->Verify(t, kNow).status().code(), common::StatusCode::kUnauthenticated) << i;
  }
  EXPECT_EQ(signer->Verify("", kNow).status().code(), common::StatusCode::kUnauthenticated);
  EXPECT_EQ(signer->Verify("abc", kNow).status().code(), common::StatusCode::kUnauthenticated);
  EXPECT_EQ(signer->Verify(token + "A", kNow).status().code(),
            common::StatusCode::kUnauthenticated);
  auto other = LocalUrlSigner::Create(std::string(32, 'o'));
  EXPECT_EQ(other->Verify(token, kNow).status().code(), common::StatusCode::kUnauthenticated);
  EXPECT_TRUE(signer->Verify(token, kNow + 60LL * 1000000).ok());
  EXPECT_EQ(signer->Verify(token, kNow + 61LL * 1000000).status().code(),
            common::StatusCode::kPermissionDenied);
}

TEST(LocalUrlSigner, NeedsALongKey) {
  EXPECT_EQ(LocalUrlSigner::Create(std::string(31, 'k')).status().code(),
            common::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace taiga::blob
