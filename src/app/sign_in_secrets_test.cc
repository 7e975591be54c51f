#include "app/sign_in_secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace taiga::app {
namespace {

TEST(SignInSecretsTest, NewSecretsAreWellFormedAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string code = NewSignInCode();
    const std::string secret = NewSessionSecret();
    EXPECT_EQ(code.size(), 32u);
    EXPECT_EQ(secret.size(), 43u);
    EXPECT_TRUE(IsWellFormedSecret(code)) << code;
    EXPECT_TRUE(IsWellFormedSecret(secret)) << secret;
    EXPECT_TRUE(seen.insert(code).second);
    EXPECT_TRUE(seen.insert(secret).second);
  }
}

TEST(SignInSecretsTest, HashIsSha256HexAndNotTheSecret) {
  EXPECT_EQ(SecretHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string secret = NewSessionSecret();
  EXPECT_EQ(SecretHash(secret).size(), 64u);
  EXPECT_EQ(SecretHash(secret).find(secret), std::string::npos);
}

TEST(SignInSecretsTest, MalformedSecretsAreRefused) {
  EXPECT_FALSE(IsWellFormedSecret(""));
  EXPECT_FALSE(IsWellFormedSecret("short"));
  EXPECT_FALSE(IsWellFormedSecret(std::string(129, 'a')));
  EXPECT_TRUE(IsWellFormedSecret(std::string(128, 'a')));
  EXPECT_FALSE(IsWellFormedSecret("abcdefghijklmnop qrs"));
  EXPECT_FALSE(IsWellFormedSecret("abcdefghijklmnop;qrs"));
  EXPECT_FALSE(IsWellFormedSecret(std::string("abcdefghijklmnop\0q", 18)));
  EXPECT_FALSE(IsWellFormedSecret("abcdefghijklmnop%2e"));
  EXPECT_FALSE(IsWellFormedSecret("abcdefghijklmnopé"));
}

TEST(SignInSecretsTest, CsrfTokenIsBoundToTheSessionAndDiffersFromTheStoredHash) {
  const std::string a = NewSessionSecret();
  const std::string b = NewSessionSecret();
  EXPECT_EQ(CsrfTokenFor(a), CsrfTokenFor(a));
  EXPECT_NE(CsrfTokenFor(a), CsrfTokenFor(b));
  EXPECT_NE(CsrfTokenFor(a), SecretHash(a));
  EXPECT_EQ(CsrfTokenFor(a).size(), 64u);
  EXPECT_TRUE(CsrfTokenMatches(CsrfTokenFor(a), CsrfTokenFor(a)));
  EXPECT_FALSE(CsrfTokenMatches(CsrfTokenFor(a), CsrfTokenFor(b)));
  EXPECT_FALSE(CsrfTokenMatches(CsrfTokenFor(a), CsrfTokenFor(a).substr(1)));
  EXPECT_FALSE(CsrfTokenMatches(CsrfTokenFor(a), ""));
  EXPECT_FALSE(CsrfTokenMatches("", ""));
}

TEST(SignInSecretsTest, CodesAreRedeemableOnceAndBeforeTheyExpire) {
  const common::Timestamp now = 1'765'000'000'000'000;
  domain::SignInCode code{"h", "u1", now - 10, now + 10, std::nullopt};
  EXPECT_TRUE(CheckRedeemable(code, now).ok());
  auto unknown = CheckRedeemable(std::nullopt, now);
  EXPECT_EQ(unknown.code(), common::StatusCode::kUnauthenticated);
  EXPECT_NE(unknown.message().find("unknown"), std::string::npos);
  EXPECT_NE(unknown.message().find("taiga signin-url"), std::string::npos);
  auto expired = CheckRedeemable(code, now + 10);  // expires_at is exclusive
  EXPECT_EQ(expired.code(), common::StatusCode::kUnauthenticated);
  EXPECT_NE(expired.message().find("expired"), std::string::npos);
  code.used_at = now - 1;
  auto used = CheckRedeemable(code, now);
  EXPECT_EQ(used.code(), common::StatusCode::kUnauthenticated);
  EXPECT_NE(used.message().find("already used"), std::string::npos);
}

TEST(SignInSecretsTest, SignInUrl) {
  EXPECT_EQ(SignInUrl("http://127.0.0.1:8080/taiga", "abc"),
            "http://127.0.0.1:8080/taiga/signin?code=abc");
  EXPECT_EQ(SignInUrl("https://d.example.org", "x"), "https://d.example.org/signin?code=x");
}

}  // namespace
}  // namespace taiga::app
