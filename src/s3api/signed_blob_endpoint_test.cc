// Downloads through signed URLs: whole files, ranges, HEAD, and tokens that are tampered with,
// foreign or expired, minted with the store's own LocalUrlSigner.
#include "s3api/signed_blob_endpoint.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/random.h"
#include "s3api/test_byte_exchange.h"

namespace taiga::s3api {
namespace {

using testing::FakeByteExchange;
constexpr common::Timestamp kNow = 1796334668LL * 1000000;
constexpr int64_t kSecond = 1000000;
const std::string kData = "0123456789abcdefghij";

class SignedBlobEndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("blobep-" + common::RandomHex(6));
    blob::LocalBlobStoreOptions o;
    o.root = dir_.string();
    o.url_signing_key = std::string(32, 'k');
    o.fsync = false;
    o.clock = &clock_;
    store_ = std::move(blob::LocalBlobStore::Open(o)).value();
    auto w = store_->Write("blobs/ab/data");
    ASSERT_TRUE((*w)->Write(kData).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    SignedBlobEndpointOptions eo;
    eo.access_log = false;
    endpoint_ = std::make_unique<SignedBlobEndpoint>(eo, *store_, clock_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Token(const std::string& name = "r\xc3\xa9sum\xc3\xa9 (1).csv",
                    int64_t seconds = 3600) {
    return store_->url_signer().Sign({"blobs/ab/data", name, "text/csv"}, kNow + seconds * kSecond);
  }
  FakeByteExchange Get(const std::string& token, common::HeaderList headers = {},
                       const std::string& method = "GET") {
    FakeByteExchange ex(method, "/taiga/blob/" + token, std::move(headers));
    endpoint_->Handle(ex);
    return ex;
  }
  static void ExpectProblem(const FakeByteExchange& ex, int status) {
    EXPECT_EQ(ex.status(), status) << ex.body();
    EXPECT_EQ(ex.ResponseHeader("content-type"), "application/problem+json");
    EXPECT_NE(ex.body().find("\"status\":" + std::to_string(status)), std::string::npos);
    EXPECT_NE(ex.body().find("\"detail\":"), std::string::npos);
  }

  std::filesystem::path dir_;
  common::FakeClock clock_{kNow};
  std::unique_ptr<blob::LocalBlobStore> store_;
  std::unique_ptr<SignedBlobEndpoint> endpoint_;
};

TEST_F(SignedBlobEndpointTest, ServesTheWholeFileWithItsName) {
  auto ex = Get(Token());
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(ex.body(), kData);
  EXPECT_EQ(ex.content_length(), kData.size());
  EXPECT_EQ(ex.ResponseHeader("content-type"), "text/csv");
  EXPECT_EQ(ex.ResponseHeader("accept-ranges"), "bytes");
  EXPECT_EQ(
      ex.ResponseHeader("content-disposition"),
      "attachment; filename=\"r_sum_ (1).csv\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29.csv");
  auto plain = Get(store_->url_signer().Sign({"blobs/ab/data", "", ""}, kNow + kSecond));
  EXPECT_EQ(plain.ResponseHeader("content-type"), "application/octet-stream");
  EXPECT_FALSE(plain.ResponseHeader("content-disposition").has_value());
}

TEST_F(SignedBlobEndpointTest, RangesAndHead) {
  auto ex = Get(Token(), {{"Range", "bytes=2-5"}});
  EXPECT_EQ(ex.status(), 206);
  EXPECT_EQ(ex.body(), "2345");
  EXPECT_EQ(ex.ResponseHeader("content-range"), "bytes 2-5/20");
  ex = Get(Token(), {{"Range", "bytes=-3"}});
  EXPECT_EQ(ex.body(), "hij");
  ex = Get(Token(), {{"Range", "bytes=20-"}});
  ExpectProblem(ex, 416);
  EXPECT_EQ(ex.ResponseHeader("content-range"), "bytes */20");
  ex = Get(Token(), {{"Range", "bytes=0-1,4-5"}});
  EXPECT_EQ(ex.status(), 200);
  EXPECT_EQ(ex.body(), kData);
  ex = Get(Token(), {}, "HEAD");
  EXPECT_EQ(ex.status(), 200);
  EXPECT_EQ(ex.content_length(), kData.size());
  EXPECT_TRUE(ex.body().empty());
  ExpectProblem(Get(Token(), {}, "PUT"), 405);
}

TEST_F(SignedBlobEndpointTest, RefusesTamperedForeignAndExpiredTokens) {
  std::string tampered = Token();
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  ExpectProblem(Get(tampered), 403);
  ExpectProblem(Get("garbage"), 403);
  ExpectProblem(Get(""), 403);
  auto foreign = blob::LocalUrlSigner::Create(std::string(32, 'o'));
  ExpectProblem(Get(foreign->Sign({"blobs/ab/data", "", ""}, kNow + kSecond)), 403);
  const std::string soon = Token("x", 10);
  EXPECT_EQ(Get(soon).status(), 200);
  clock_.Advance(11 * kSecond);
  auto late = Get(soon);
  ExpectProblem(late, 403);
  EXPECT_NE(late.body().find("expired"), std::string::npos);
}

TEST_F(SignedBlobEndpointTest, A404WhenTheBlobIsGone) {
  const std::string token = Token();
  ASSERT_TRUE(store_->Delete("blobs/ab/data").ok());
  ExpectProblem(Get(token), 404);
}

}  // namespace
}  // namespace taiga::s3api
