// StsCredentialIssuer: option checks and an unreachable STS without any server; against the
// Ceph RGW of scripts/with-rgw (the role in TAIGA_TEST_S3_ROLE_ARN; skipped without it unless
// TAIGA_REQUIRE_S3=1): the credentials upload (PutObject and multipart) under their prefix
// only, cannot read, and STS refusals become the documented Status codes.
#include "blob/s3/sts_credential_issuer.h"

#include <gtest/gtest.h>

#include "blob/s3/s3_blob_store.h"
#include "blob/test_blob_backends.h"

namespace taiga::blob {
namespace {

constexpr int64_t kMicros = 1000000;

StsCredentialIssuerOptions OfflineOptions() {
  StsCredentialIssuerOptions o;
  o.sts_endpoint = "http://127.0.0.1:1";
  o.public_endpoint = "https://s3.example.org";
  o.role_arn = "arn:aws:iam:::role/uploader";
  o.access_key_id = "AKIDEXAMPLE";
  o.secret_access_key = "secret";
  o.bucket = "taiga";
  o.max_retries = 0;
  return o;
}

TEST(StsCredentialIssuerCreate, RejectsBadOptions) {
  EXPECT_TRUE(StsCredentialIssuer::Create(OfflineOptions()).ok());
  std::vector<std::pair<const char*, void (*)(StsCredentialIssuerOptions&)>> cases = {
      {"endpoint", [](StsCredentialIssuerOptions& o) { o.sts_endpoint = "127.0.0.1:7480"; }},
      {"public", [](StsCredentialIssuerOptions& o) { o.public_endpoint = "http://h/path"; }},
      {"role", [](StsCredentialIssuerOptions& o) { o.role_arn.clear(); }},
      {"key", [](StsCredentialIssuerOptions& o) { o.secret_access_key.clear(); }},
      {"bucket", [](StsCredentialIssuerOptions& o) { o.bucket.clear(); }},
      {"short", [](StsCredentialIssuerOptions& o) { o.max_seconds = 899; }},
      {"long", [](StsCredentialIssuerOptions& o) { o.max_seconds = 43201; }},
      {"name", [](StsCredentialIssuerOptions& o) { o.session_name_prefix = "taiga server"; }},
  };
  for (const auto& [label, change] : cases) {
    StsCredentialIssuerOptions o = OfflineOptions();
    change(o);
    EXPECT_EQ(StsCredentialIssuer::Create(o).status().code(), common::StatusCode::kInvalidArgument)
        << label;
  }
}

TEST(StsCredentialIssuerIssue, BadArgumentsAndUnreachableSts) {
  auto issuer = std::move(StsCredentialIssuer::Create(OfflineOptions())).value();
  EXPECT_EQ(issuer->Issue("upload/u1", 3600, "").status().code(),
            common::StatusCode::kInvalidArgument);
  EXPECT_EQ(issuer->Issue("/upload/u1/", 3600, "").status().code(),
            common::StatusCode::kInvalidArgument);
  EXPECT_EQ(issuer->Issue("upload/u1/", 0, "").status().code(),
            common::StatusCode::kInvalidArgument);
  EXPECT_EQ(issuer->Issue("upload/u1/", 3600, "").status().code(),
            common::StatusCode::kUnavailable);
}

class StsCredentialIssuerRgwTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<S3BlobStoreOptions> o = testing::S3TestOptions();
    const std::string role = testing::Env("TAIGA_TEST_S3_ROLE_ARN");
    if (!o || role.empty()) {
      const std::string why = std::string(testing::kS3Missing) + " and TAIGA_TEST_S3_ROLE_ARN";
      if (testing::Env("TAIGA_REQUIRE_S3") == "1") FAIL() << why;
      GTEST_SKIP() << why;
    }
    s3_ = *o;
    sts_.sts_endpoint = s3_.endpoint;
    sts_.public_endpoint = s3_.endpoint;
    sts_.region = s3_.region;
    sts_.role_arn = role;
    sts_.access_key_id = s3_.access_key_id;
    sts_.secret_access_key = s3_.secret_access_key;
    sts_.bucket = s3_.bucket;
    prefix_ = "upload/sts" + common::RandomHex(6) + "/";
  }

  // A store that acts with `c` (the temporary credentials) instead of the test user's key.
  std::unique_ptr<S3BlobStore> StoreWith(const UploadCredentials& c) {
    S3BlobStoreOptions o = s3_;
    o.access_key_id = c.access_key_id;
    o.secret_access_key = c.secret_access_key;
    o.session_token = c.session_token;
    o.max_retries = 0;
    return std::move(S3BlobStore::Create(o)).value();
  }

  S3BlobStoreOptions s3_;
  StsCredentialIssuerOptions sts_;
  std::string prefix_;
};

TEST_F(StsCredentialIssuerRgwTest, CredentialsUploadUnderTheirPrefixOnly) {
  TAIGA_ASSERT_OK_AND_ASSIGN(auto issuer, StsCredentialIssuer::Create(sts_));
  const common::Timestamp before = common::SystemClock().Now();
  // 12 hours asked, the role allows 1: shortened, not refused.
  TAIGA_ASSERT_OK_AND_ASSIGN(UploadCredentials c, issuer->Issue(prefix_, 12 * 3600, "ignored"));
  EXPECT_EQ(c.bucket, s3_.bucket);
  EXPECT_EQ(c.prefix, prefix_);
  EXPECT_EQ(c.endpoint_url, s3_.endpoint);
  EXPECT_NE(c.access_key_id, s3_.access_key_id);
  EXPECT_GT(c.expiration, before + 3500 * kMicros);
  EXPECT_LT(c.expiration, before + 3700 * kMicros);

  std::unique_ptr<S3BlobStore> temp = StoreWith(c);
  const std::string mine = prefix_ + "session/file.csv";
  TAIGA_ASSERT_OK(testing::WriteKey(*temp, mine, "a,b\n1,2\n").status());
  const std::string big((5u << 20) + 100, 'm');  // two parts: the multipart actions
  TAIGA_ASSERT_OK(testing::WriteKey(*temp, prefix_ + "session/big", big, 1u << 20).status());
  EXPECT_EQ(testing::WriteKey(*temp, "upload/someone-else/x", "x").status().code(),
            common::StatusCode::kPermissionDenied);
  EXPECT_EQ(testing::WriteKey(*temp, "blobs/ab/x", "x").status().code(),
            common::StatusCode::kPermissionDenied);
  EXPECT_EQ(
      testing::WriteKey(*temp, prefix_.substr(0, prefix_.size() - 1) + "x/y", "x").status().code(),
      common::StatusCode::kPermissionDenied);
  // Upload only: no reading back, not even one's own objects.
  EXPECT_EQ(temp->Stat(mine).status().code(), common::StatusCode::kPermissionDenied);
  EXPECT_EQ(testing::ReadKey(*temp, mine).status().code(), common::StatusCode::kPermissionDenied);

  TAIGA_ASSERT_OK_AND_ASSIGN(auto admin, S3BlobStore::Create(s3_));
  EXPECT_EQ(*testing::ReadKey(*admin, mine), "a,b\n1,2\n");
  EXPECT_EQ(admin->Stat(prefix_ + "session/big")->value().size, big.size());
  EXPECT_FALSE(admin->Stat("upload/someone-else/x")->has_value());
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> left, admin->List(prefix_));
  EXPECT_EQ(left.size(), 2u);
  for (const BlobStat& s : left) TAIGA_ASSERT_OK(admin->Delete(s.key));
}

TEST_F(StsCredentialIssuerRgwTest, StsRefusalsBecomeStatus) {
  StsCredentialIssuerOptions wrong = sts_;
  wrong.secret_access_key = "not-the-secret";
  TAIGA_ASSERT_OK_AND_ASSIGN(auto bad_key, StsCredentialIssuer::Create(wrong));
  EXPECT_EQ(bad_key->Issue(prefix_, 3600, "").status().code(),
            common::StatusCode::kPermissionDenied);
  StsCredentialIssuerOptions no_role = sts_;
  no_role.role_arn = "arn:aws:iam:::role/taiga-no-such-role-" + common::RandomHex(4);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto missing, StsCredentialIssuer::Create(no_role));
  EXPECT_EQ(missing->Issue(prefix_, 3600, "").status().code(),
            common::StatusCode::kFailedPrecondition);
  StsCredentialIssuerOptions too_long = sts_;
  too_long.max_seconds = 43200;  // more than the role's MaxSessionDuration: STS refuses
  TAIGA_ASSERT_OK_AND_ASSIGN(auto refused, StsCredentialIssuer::Create(too_long));
  EXPECT_EQ(refused->Issue(prefix_, 43200, "").status().code(), common::StatusCode::kInternal);
}

}  // namespace
}  // namespace taiga::blob
