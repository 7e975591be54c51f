// SigV4Verifier: header and presigned round trips, and every tampering we can think of failing
// with the right S3 error code.
#include "blob/sigv4_verifier.h"

#include <gtest/gtest.h>

#include "blob/sigv4.h"
#include "common/hash.h"

namespace taiga::blob {
namespace {

constexpr char kAkid[] = "AKIDEXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr common::Timestamp kNow = 1796334668LL * 1000000;  // 2026-12-03T21:51:08Z
constexpr int64_t kSec = 1000000;

class SigV4VerifierTest : public ::testing::Test {
 protected:
  SigV4Verifier Verifier(std::string region = "") {
    SigV4VerifierOptions opts;
    opts.region = std::move(region);
    return SigV4Verifier(
        opts,
        [this](std::string_view id) -> common::Result<SigV4Secret> {
          if (id != kAkid) return common::NotFound("no such key");
          return SigV4Secret{secret_, expected_token_};
        },
        &clock_);
  }

  // A PUT as the S3 client sends it, signed with the body's hash.
  SigV4Request SignedPut(const std::string& token = "") {
    SigV4Request r;
    r.method = "PUT";
    r.path = UriEncodePath("/bucket/upload/u1/s1/data file.csv");
    r.query = {{"partNumber", "1"}, {"uploadId", "abc+/="}};
    r.headers = {{"Host", "127.0.0.1:7480"}, {"Content-Type", "text/csv"}};
    SigV4SignOptions opts;
    opts.time = kNow;
    opts.payload_hash = common::Sha256Hex("a,b\n1,2\n");
    auto s = SignRequest(r, {kAkid, kSecret, token}, opts);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    r.headers = s->headers;
    return r;
  }

  // A presigned GET as a browser would send it (query re-parsed from the URL text).
  SigV4Request PresignedGet(int expires = 3600, const std::string& token = "") {
    SigV4Request r;
    r.method = "GET";
    r.path = UriEncodePath("/bucket/blobs/ab/abcdef");
    r.query = {{"response-content-disposition", "attachment; filename=\"r (1).txt\""}};
    r.headers = {{"host", "127.0.0.1:7480"}};
    SigV4PresignOptions opts;
    opts.time = kNow;
    opts.expires_seconds = expires;
    auto p = PresignRequest(r, {kAkid, kSecret, token}, opts);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    r.query = *ParseQueryString(p->query_string);
    r.headers.emplace_back("User-Agent", "curl/7.88.1");  // unsigned, not x-amz-*: fine
    return r;
  }

  static void SetHeader(SigV4Request& r, std::string_view name, std::string value) {
    for (auto& h : r.headers) {
      if (LowerAscii(h.first) == name) h.second = value;
    }
  }
  static void SetQuery(SigV4Request& r, std::string_view name, std::string value) {
    for (auto& q : r.query) {
      if (q.first == name) q.second = value;
    }
  }

  void ExpectCode(const common::Result<SigV4VerifiedRequest>& r, std::string_view code) {
    ASSERT_FALSE(r.ok()) << "expected " << code;
    EXPECT_EQ(SigV4ErrorCode(r.status()), code) << r.status().ToString();
  }

  common::FakeClock clock_{kNow};
  std::string secret_ = kSecret;
  std::string expected_token_;
};

TEST_F(SigV4VerifierTest, HeaderRoundTrip) {
  auto v = Verifier("us-east-1").Verify(SignedPut());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, SigV4AuthKind::kHeader);
  EXPECT_EQ(v->access_key_id, kAkid);
  EXPECT_EQ(v->payload_hash, common::Sha256Hex("a,b\n1,2\n"));
  EXPECT_EQ(v->scope, "20261203/us-east-1/s3/aws4_request");
  EXPECT_EQ(v->signing_key.size(), 32u);
}

TEST_F(SigV4VerifierTest, HeaderTamperingFails) {
  {
    SigV4Request r = SignedPut();
    for (auto& h : r.headers) {
      if (h.first == "Authorization") h.second.back() = h.second.back() == '0' ? '1' : '0';
    }
    ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");
  }
  {
    SigV4Request r = SignedPut();
    SetQuery(r, "partNumber", "2");
    ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");
  }
  {
    SigV4Request r = SignedPut();
    r.path = UriEncodePath("/bucket/upload/u2/s1/data file.csv");
    ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");
  }
  {
    SigV4Request r = SignedPut();
    SetHeader(r, "x-amz-content-sha256", std::string(kUnsignedPayload));
    ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");
  }
  {
    SigV4Request r = SignedPut();
    SetHeader(r, "content-type", "text/html");
    ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");
  }
  secret_ = "not-the-secret";
  ExpectCode(Verifier().Verify(SignedPut()), "SignatureDoesNotMatch");
}

TEST_F(SigV4VerifierTest, UnknownKeyUnsignedHeadersAndMalformedAuth) {
  SigV4Request r = SignedPut();
  for (auto& h : r.headers) {
    if (h.first == "Authorization") {
      h.second.replace(h.second.find(kAkid), sizeof(kAkid) - 1, "AKIDOTHER00");
    }
  }
  ExpectCode(Verifier().Verify(r), "InvalidAccessKeyId");

  r = SignedPut();
  r.headers.emplace_back("x-amz-acl", "public-read");
  ExpectCode(Verifier().Verify(r), "AccessDenied");

  r = SignedPut();
  SetHeader(r, "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2026/us-east-1/s3");
  ExpectCode(Verifier().Verify(r), "AuthorizationHeaderMalformed");
  EXPECT_EQ(Verifier().Verify(r).status().code(), common::StatusCode::kInvalidArgument);

  SigV4Request anonymous;
  anonymous.method = "GET";
  anonymous.path = "/bucket/key";
  anonymous.headers = {{"host", "h"}};
  ExpectCode(Verifier().Verify(anonymous), "AccessDenied");
  EXPECT_EQ(Verifier().Verify(anonymous).status().code(), common::StatusCode::kUnauthenticated);

  ExpectCode(Verifier("eu-west-1").Verify(SignedPut()), "AuthorizationHeaderMalformed");
}

TEST_F(SigV4VerifierTest, HeaderDateSkewOfFifteenMinutes) {
  const SigV4Request r = SignedPut();
  clock_.Advance(14 * 60 * kSec);
  EXPECT_TRUE(Verifier().Verify(r).ok());
  clock_.Advance(2 * 60 * kSec);
  ExpectCode(Verifier().Verify(r), "RequestTimeTooSkewed");
  clock_ = common::FakeClock(kNow - 16 * 60 * kSec);
  ExpectCode(Verifier().Verify(r), "RequestTimeTooSkewed");
}

TEST_F(SigV4VerifierTest, SessionTokens) {
  expected_token_ = "session-token-1";
  auto ok = Verifier().Verify(SignedPut("session-token-1"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->session_token, "session-token-1");
  ExpectCode(Verifier().Verify(SignedPut("session-token-2")), "InvalidToken");
  ExpectCode(Verifier().Verify(SignedPut()), "InvalidToken");
  ExpectCode(Verifier().Verify(PresignedGet(60, "session-token-2")), "InvalidToken");
  EXPECT_TRUE(Verifier().Verify(PresignedGet(60, "session-token-1")).ok());
  expected_token_.clear();
  ExpectCode(Verifier().Verify(SignedPut("made-up")), "InvalidToken");
}

TEST_F(SigV4VerifierTest, PresignedRoundTrip) {
  auto v = Verifier().Verify(PresignedGet());
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->kind, SigV4AuthKind::kPresigned);
  EXPECT_EQ(v->payload_hash, kUnsignedPayload);
  EXPECT_EQ(v->expires_at, kNow + 3600 * kSec);
}

TEST_F(SigV4VerifierTest, PresignedTamperingFails) {
  SigV4Request r = PresignedGet();
  for (auto& q : r.query) {
    if (q.first == "X-Amz-Signature") q.second.front() = q.second.front() == 'a' ? 'b' : 'a';
  }
  ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");

  r = PresignedGet();
  SetQuery(r, "response-content-disposition", "attachment; filename=\"evil.html\"");
  ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");

  r = PresignedGet();
  r.query.emplace_back("response-content-type", "text/html");
  ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");

  r = PresignedGet();
  SetQuery(r, "X-Amz-Expires", "7200");
  ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");

  r = PresignedGet();
  r.method = "PUT";
  ExpectCode(Verifier().Verify(r), "SignatureDoesNotMatch");

  SetQuery(r, "X-Amz-Expires", "604801");
  ExpectCode(Verifier().Verify(r), "AuthorizationQueryParametersError");

  secret_ = "not-the-secret";
  ExpectCode(Verifier().Verify(PresignedGet()), "SignatureDoesNotMatch");
}

TEST_F(SigV4VerifierTest, PresignedExpiry) {
  const SigV4Request r = PresignedGet(60);
  clock_.Advance(60 * kSec);
  EXPECT_TRUE(Verifier().Verify(r).ok()) << "valid up to and including X-Amz-Date + X-Amz-Expires";
  clock_.Advance(1 * kSec);
  auto expired = Verifier().Verify(r);
  ExpectCode(expired, "AccessDenied");
  EXPECT_NE(expired.status().message().find("expired"), std::string::npos);
  clock_ = common::FakeClock(kNow - 16 * 60 * kSec);
  ExpectCode(Verifier().Verify(r), "AccessDenied");  // not valid yet
}

TEST_F(SigV4VerifierTest, BothAuthFormsAtOnceAreRefused) {
  SigV4Request r = PresignedGet();
  r.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=x");
  ExpectCode(Verifier().Verify(r), "InvalidArgument");
}

TEST(SigV4ErrorCode, ReadsThePrefix) {
  EXPECT_EQ(SigV4ErrorCode(common::Unauthenticated("SignatureDoesNotMatch: no")),
            "SignatureDoesNotMatch");
  EXPECT_EQ(SigV4ErrorCode(common::Unauthenticated("no code here")), "");
  EXPECT_EQ(SigV4ErrorCode(common::Status::Ok()), "");
}

}  // namespace
}  // namespace taiga::blob
