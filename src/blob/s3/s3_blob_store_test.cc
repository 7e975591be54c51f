// S3BlobStore beyond the shared contract: multipart uploads aborted by uncommitted writers, and
// failures mapped to Status (wrong secret, missing bucket, unreachable endpoint). Needs the
// endpoint of scripts/with-rgw; skips without it unless TAIGA_REQUIRE_S3=1.
#include "blob/s3/s3_blob_store.h"

#include <gtest/gtest.h>

#include "blob/s3/s3_blob_writer.h"
#include "blob/s3/s3_client.h"
#include "blob/s3/s3_xml.h"
#include "blob/test_blob_backends.h"

namespace taiga::blob {
namespace {

class S3BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::optional<S3BlobStoreOptions> o = testing::S3TestOptions();
    if (!o) {
      if (testing::Env("TAIGA_REQUIRE_S3") == "1") FAIL() << testing::kS3Missing;
      GTEST_SKIP() << testing::kS3Missing;
    }
    options_ = *o;
    prefix_ = "s3t" + common::RandomHex(6) + "/";
  }
  S3BlobStoreOptions options_;
  std::string prefix_;
};

TEST_F(S3BlobStoreTest, UncommittedMultipartUploadIsAborted) {
  TAIGA_ASSERT_OK_AND_ASSIGN(std::shared_ptr<S3Client> client, S3Client::Create(options_));
  const std::string key = prefix_ + "aborted";
  auto uploads = [&]() -> size_t {
    S3Request r;
    r.query = {{"uploads", ""}, {"prefix", key}};
    auto res = client->Execute(r, "ListMultipartUploads");
    EXPECT_TRUE(res.ok() && res->status == 200) << (res.ok() ? res->body : res.status().ToString());
    return res.ok() ? XmlElements(res->body, "Upload").size() : 99;
  };
  {
    S3BlobWriter w(client, key);
    TAIGA_ASSERT_OK(w.Write(std::string((5u << 20) + 1, 'p')));  // one part uploaded
    EXPECT_EQ(uploads(), 1u);
  }
  EXPECT_EQ(uploads(), 0u);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto store, S3BlobStore::Create(options_));
  EXPECT_FALSE(store->Stat(key)->has_value());
}

TEST_F(S3BlobStoreTest, ListPaginates) {
  options_.list_page_size = 2;
  TAIGA_ASSERT_OK_AND_ASSIGN(auto store, S3BlobStore::Create(options_));
  for (int i = 0; i < 5; ++i) {
    TAIGA_ASSERT_OK(testing::WriteKey(*store, prefix_ + "k" + std::to_string(i), "x").status());
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(std::vector<BlobStat> all, store->List(prefix_));
  ASSERT_EQ(all.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(all[i].key, prefix_ + "k" + std::to_string(i));
  for (const BlobStat& s : all) TAIGA_ASSERT_OK(store->Delete(s.key));
}

// Temporary credentials (STS GetSessionToken, minted by scripts/with-rgw): every call carries a
// signed x-amz-security-token, presigned URLs an X-Amz-Security-Token.
TEST_F(S3BlobStoreTest, SessionTokenCredentials) {
  S3BlobStoreOptions o = options_;
  o.access_key_id = testing::Env("TAIGA_TEST_S3_SESSION_ACCESS_KEY");
  o.secret_access_key = testing::Env("TAIGA_TEST_S3_SESSION_SECRET_KEY");
  o.session_token = testing::Env("TAIGA_TEST_S3_SESSION_TOKEN");
  if (o.access_key_id.empty() || o.session_token.empty()) {
    if (testing::Env("TAIGA_REQUIRE_S3") == "1") {
      FAIL() << "TAIGA_TEST_S3_SESSION_* missing (scripts/with-rgw mints them unless RGW_STS=0)";
    }
    GTEST_SKIP() << "no TAIGA_TEST_S3_SESSION_* credentials";
  }
  TAIGA_ASSERT_OK_AND_ASSIGN(auto store, S3BlobStore::Create(o));
  const std::string big((5u << 20) + 100, 's');
  TAIGA_ASSERT_OK(testing::WriteKey(*store, prefix_ + "small", "temp creds").status());
  TAIGA_ASSERT_OK(testing::WriteKey(*store, prefix_ + "big", big, 1u << 20).status());
  EXPECT_EQ(*testing::ReadKey(*store, prefix_ + "small"), "temp creds");
  EXPECT_EQ(testing::ReadKey(*store, prefix_ + "big", 5u << 20, 100)->size(), 100u);
  EXPECT_EQ(store->List(prefix_)->size(), 2u);
  PresignOptions p;
  p.download_name = "t.txt";
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string url, store->PresignGet(prefix_ + "small", p));
  EXPECT_NE(url.find("X-Amz-Security-Token="), std::string::npos);
  testing::HttpAnswer got = testing::HttpGet(url);
  EXPECT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, "temp creds");

  S3BlobStoreOptions tampered = o;
  tampered.session_token.replace(tampered.session_token.size() - 4, 4, "AAAA");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto bad, S3BlobStore::Create(tampered));
  EXPECT_EQ(bad->Stat(prefix_ + "small").status().code(), common::StatusCode::kPermissionDenied);
  S3BlobStoreOptions no_token = o;
  no_token.session_token.clear();
  TAIGA_ASSERT_OK_AND_ASSIGN(auto none, S3BlobStore::Create(no_token));
  EXPECT_EQ(none->Stat(prefix_ + "small").status().code(), common::StatusCode::kPermissionDenied);
  TAIGA_ASSERT_OK(store->Delete(prefix_ + "small"));
  TAIGA_ASSERT_OK(store->Delete(prefix_ + "big"));
}

TEST(S3BlobWriterPartSize, DoublesEvery2000Parts) {
  EXPECT_EQ(S3BlobWriter::PartSize(8u << 20, 1), 8u << 20);
  EXPECT_EQ(S3BlobWriter::PartSize(8u << 20, 2000), 8u << 20);
  EXPECT_EQ(S3BlobWriter::PartSize(8u << 20, 2001), 16u << 20);
  EXPECT_EQ(S3BlobWriter::PartSize(8u << 20, 10000), 128u << 20);
}

TEST_F(S3BlobStoreTest, FailuresBecomeStatus) {
  S3BlobStoreOptions wrong = options_;
  wrong.secret_access_key = "not-the-secret";
  TAIGA_ASSERT_OK_AND_ASSIGN(auto bad_secret, S3BlobStore::Create(wrong));
  EXPECT_EQ(bad_secret->Stat(prefix_ + "k").status().code(), common::StatusCode::kPermissionDenied);
  EXPECT_EQ(testing::WriteKey(*bad_secret, prefix_ + "k", "x").status().code(),
            common::StatusCode::kPermissionDenied);
  EXPECT_EQ(bad_secret->List(prefix_).status().code(), common::StatusCode::kPermissionDenied);

  S3BlobStoreOptions no_bucket = options_;
  no_bucket.bucket = "taiga-no-such-bucket-" + common::RandomHex(4);
  TAIGA_ASSERT_OK_AND_ASSIGN(auto missing, S3BlobStore::Create(no_bucket));
  EXPECT_EQ(missing->List("").status().code(), common::StatusCode::kFailedPrecondition);
  EXPECT_EQ(testing::ReadKey(*missing, "k").status().code(),
            common::StatusCode::kFailedPrecondition);

  S3BlobStoreOptions down = options_;
  down.endpoint = "http://127.0.0.1:1";
  down.max_retries = 0;
  TAIGA_ASSERT_OK_AND_ASSIGN(auto unreachable, S3BlobStore::Create(down));
  EXPECT_EQ(unreachable->Stat("k").status().code(), common::StatusCode::kUnavailable);
  EXPECT_EQ(testing::ReadKey(*unreachable, "k").status().code(), common::StatusCode::kUnavailable);
}

TEST(S3BlobStoreOptionsCheck, RejectsBadOptions) {
  S3BlobStoreOptions o;
  o.bucket = "b";
  o.access_key_id = "a";
  o.secret_access_key = "s";
  EXPECT_TRUE(S3BlobStore::Create(o).ok());
  S3BlobStoreOptions bad = o;
  bad.endpoint = "127.0.0.1:7480";
  EXPECT_FALSE(S3BlobStore::Create(bad).ok());
  bad = o;
  bad.endpoint = "http://host/path";
  EXPECT_FALSE(S3BlobStore::Create(bad).ok());
  bad = o;
  bad.part_size = 1u << 20;
  EXPECT_FALSE(S3BlobStore::Create(bad).ok());
  bad = o;
  bad.bucket.clear();
  EXPECT_FALSE(S3BlobStore::Create(bad).ok());
}

TEST(S3BlobStorePresign, VirtualHostAndPathStyleUrls) {
  S3BlobStoreOptions o;
  o.endpoint = "http://127.0.0.1:7480";
  o.bucket = "my-bucket";
  o.access_key_id = "AKIDEXAMPLE";
  o.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  common::FakeClock clock(1440938160LL * 1000000);  // 2015-08-30T12:36:00Z
  o.clock = &clock;
  TAIGA_ASSERT_OK_AND_ASSIGN(auto path_style, S3BlobStore::Create(o));
  PresignOptions p;
  p.download_name = "resume (1).txt";
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string url, path_style->PresignGet("dir/hello world.txt", p));
  EXPECT_EQ(url.rfind("http://127.0.0.1:7480/my-bucket/dir/hello%20world.txt?"
                      "response-content-disposition=attachment%3B%20filename%3D%22resume%20%281%29"
                      ".txt%22&X-Amz-Algorithm=AWS4-HMAC-SHA256&",
                      0),
            0u)
      << url;
  o.path_style = false;
  TAIGA_ASSERT_OK_AND_ASSIGN(auto vhost, S3BlobStore::Create(o));
  TAIGA_ASSERT_OK_AND_ASSIGN(url, vhost->PresignGet("dir/hello world.txt", {}));
  EXPECT_EQ(url.rfind("http://my-bucket.127.0.0.1:7480/dir/hello%20world.txt?X-Amz-Algorithm=", 0),
            0u)
      << url;
  // Clients reach the store elsewhere than the server does: URLs are signed for that host.
  o.path_style = true;
  o.public_endpoint = "https://s3.example.org/";
  TAIGA_ASSERT_OK_AND_ASSIGN(auto public_host, S3BlobStore::Create(o));
  TAIGA_ASSERT_OK_AND_ASSIGN(url, public_host->PresignGet("k", {}));
  EXPECT_EQ(url.rfind("https://s3.example.org/my-bucket/k?X-Amz-Algorithm=", 0), 0u) << url;
  TAIGA_ASSERT_OK_AND_ASSIGN(std::string same_time, path_style->PresignGet("k", {}));
  EXPECT_NE(url.substr(url.find("X-Amz-Signature=")),
            same_time.substr(same_time.find("X-Amz-Signature=")));  // the host is signed
  o.public_endpoint = "s3.example.org";
  EXPECT_EQ(S3BlobStore::Create(o).status().code(), common::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace taiga::blob
