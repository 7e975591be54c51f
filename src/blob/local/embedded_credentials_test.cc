#include "blob/local/embedded_credentials.h"

#include <gtest/gtest.h>

#include <string>

namespace taiga::blob {
namespace {

constexpr common::Timestamp kNow = 1796334668LL * 1000000;
constexpr int64_t kSecond = 1000000;

std::unique_ptr<EmbeddedCredentialIssuer> Make(const common::Clock* clock,
                                               std::string key = std::string(32, 'k')) {
  EmbeddedCredentialOptions o;
  o.signing_key = std::move(key);
  o.clock = clock;
  auto issuer = EmbeddedCredentialIssuer::Create(o);
  EXPECT_TRUE(issuer.ok()) << issuer.status().ToString();
  return std::move(issuer).value();
}

TEST(EmbeddedCredentialIssuer, IssuesCredentialsThatVerify) {
  common::FakeClock clock(kNow);
  auto issuer = Make(&clock);
  auto c = issuer->Issue("upload/u1/", 3600, "http://127.0.0.1:8080/taiga/");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->endpoint_url, "http://127.0.0.1:8080/taiga/s3");
  EXPECT_EQ(c->bucket, "taiga");
  EXPECT_EQ(c->prefix, "upload/u1/");
  EXPECT_EQ(c->expiration, kNow + 3600 * kSecond);
  EXPECT_EQ(c->access_key_id.size(), 20u);
  EXPECT_EQ(c->session_token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
            std::string::npos)
      << c->session_token;
  auto scope = issuer->Verify(c->access_key_id, c->session_token, kNow + 10 * kSecond);
  ASSERT_TRUE(scope.ok()) << scope.status().ToString();
  EXPECT_EQ(scope->prefix, "upload/u1/");
  EXPECT_EQ(scope->expiration, c->expiration);
  EXPECT_EQ(scope->secret_access_key, c->secret_access_key);
}

TEST(EmbeddedCredentialIssuer, AnotherServerWithTheSameKeyVerifies) {
  common::FakeClock clock(kNow);
  auto a = Make(&clock);
  auto b = Make(&clock);
  auto c = a->Issue("upload/u1/", 60, "http://x");
  ASSERT_TRUE(c.ok());
  auto scope = b->Verify(c->access_key_id, c->session_token, kNow);
  ASSERT_TRUE(scope.ok()) << scope.status().ToString();
  EXPECT_EQ(scope->secret_access_key, c->secret_access_key);
}

TEST(EmbeddedCredentialIssuer, EachIssueHasItsOwnKeyAndSecret) {
  common::FakeClock clock(kNow);
  auto issuer = Make(&clock);
  auto c1 = issuer->Issue("upload/u1/", 60, "http://x");
  auto c2 = issuer->Issue("upload/u1/", 60, "http://x");
  ASSERT_TRUE(c1.ok() && c2.ok());
  EXPECT_NE(c1->access_key_id, c2->access_key_id);
  EXPECT_NE(c1->secret_access_key, c2->secret_access_key);
  EXPECT_NE(c1->session_token, c2->session_token);
}

TEST(EmbeddedCredentialIssuer, RefusesExpiredTokens) {
  common::FakeClock clock(kNow);
  auto issuer = Make(&clock);
  auto c = issuer->Issue("upload/u1/", 60, "http://x");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(issuer->Verify(c->access_key_id, c->session_token, kNow + 59 * kSecond).ok());
  auto late = issuer->Verify(c->access_key_id, c->session_token, kNow + 60 * kSecond);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), common::StatusCode::kPermissionDenied);
  EXPECT_NE(late.status().message().find("expired"), std::string::npos);
}

TEST(EmbeddedCredentialIssuer, RefusesForgedTamperedAndForeignTokens) {
  common::FakeClock clock(kNow);
  auto issuer = Make(&clock);
  auto other = Make(&clock, std::string(32, 'o'));
  auto c = issuer->Issue("upload/u1/", 60, "http://x");
  auto c2 = issuer->Issue("upload/u2/", 60, "http://x");
  ASSERT_TRUE(c.ok() && c2.ok());
  const auto refused = [&](std::string_view akid, std::string_view token) {
    auto r = issuer->Verify(akid, token, kNow);
    return !r.ok() && r.status().code() == common::StatusCode::kUnauthenticated;
  };
  // Signed by another server's key.
  auto foreign = other->Issue("upload/u1/", 60, "http://x");
  ASSERT_TRUE(foreign.ok());
  EXPECT_TRUE(refused(foreign->access_key_id, foreign->session_token));
  // Somebody else's token with my key id.
  EXPECT_TRUE(refused(c->access_key_id, c2->session_token));
  // Payload of one, signature of the other (a prefix swap).
  const std::string& t1 = c->session_token;
  const std::string& t2 = c2->session_token;
  const std::string spliced = t2.substr(0, t2.find('.')) + t1.substr(t1.find('.'));
  EXPECT_TRUE(refused(c2->access_key_id, spliced));
  // Every single-character change.
  for (size_t i = 0; i < t1.size(); i += 7) {
    std::string bad = t1;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    EXPECT_TRUE(refused(c->access_key_id, bad)) << i;
  }
  EXPECT_TRUE(refused(c->access_key_id, ""));
  EXPECT_TRUE(refused(c->access_key_id, "."));
  EXPECT_TRUE(refused(c->access_key_id, "not a token"));
  EXPECT_TRUE(refused(c->access_key_id, t1 + "A"));
}

TEST(EmbeddedCredentialIssuer, ValidatesItsInputs) {
  common::FakeClock clock(kNow);
  EmbeddedCredentialOptions o;
  o.signing_key = "short";
  EXPECT_FALSE(EmbeddedCredentialIssuer::Create(o).ok());
  auto issuer = Make(&clock);
  EXPECT_FALSE(issuer->Issue("upload/u1", 60, "http://x").ok());    // no trailing '/'
  EXPECT_FALSE(issuer->Issue("/upload/u1/", 60, "http://x").ok());  // absolute
  EXPECT_FALSE(issuer->Issue("upload/../", 60, "http://x").ok());
  EXPECT_FALSE(issuer->Issue("upload/u1/", 0, "http://x").ok());
  EXPECT_FALSE(issuer->Issue("upload/u1/", 8 * 24 * 3600, "http://x").ok());
  EXPECT_FALSE(issuer->Issue("upload/u1/", 60, "").ok());
}

}  // namespace
}  // namespace taiga::blob
