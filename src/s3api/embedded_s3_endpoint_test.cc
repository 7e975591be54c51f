// The embedded S3 endpoint over a real LocalBlobStore in a temp dir, driven with requests signed
// like an SDK signs them: every operation, and the bad-input catalogue (nothing kept on error).
#include "s3api/embedded_s3_endpoint.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "blob/local/local_blob_store.h"
#include "blob/sigv4_chunk_signer.h"
#include "common/hash.h"
#include "common/random.h"
#include "common/test_status.h"
#include "s3api/checksum.h"
#include "s3api/test_byte_exchange.h"

namespace taiga::s3api {
namespace {

using testing::FakeByteExchange;
constexpr common::Timestamp kNow = 1796334668LL * 1000000;
constexpr char kPath[] = "/taiga/s3/taiga/upload/u1/s/file.csv";
constexpr char kKey[] = "upload/u1/s/file.csv";

class EmbeddedS3EndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("s3ep-" + common::RandomHex(6));
    blob::LocalBlobStoreOptions lo;
    lo.root = dir_.string();
    lo.url_signing_key = std::string(32, 'k');
    lo.fsync = false;
    store_ = std::move(blob::LocalBlobStore::Open(lo)).value();
    blob::EmbeddedCredentialOptions co;
    co.signing_key = std::string(32, 'k');
    co.clock = &clock_;
    issuer_ = std::move(blob::EmbeddedCredentialIssuer::Create(co)).value();
    EmbeddedS3EndpointOptions eo;
    eo.min_part_bytes = 4;
    eo.access_log = false;
    endpoint_ = std::make_unique<EmbeddedS3Endpoint>(eo, *store_, *issuer_, clock_);
    client_.credentials = issuer_->Issue("upload/u1/", 3600, "http://127.0.0.1:8080/taiga").value();
    client_.time = kNow;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  FakeByteExchange Run(FakeByteExchange ex) {
    endpoint_->Handle(ex);
    return ex;
  }
  std::string Stored(const std::string& key) {
    auto r = store_->Read(key);
    if (!r.ok()) return "<absent>";
    std::string out(1 << 16, '\0'), all;
    while (true) {
      size_t n = (*r)->Read(out.data(), out.size()).value();
      if (n == 0) return all;
      all.append(out.data(), n);
    }
  }
  // Every key in the store (internal ones included).
  std::vector<std::string> Keys() {
    std::vector<std::string> keys;
    auto listed = store_->List("");
    for (const auto& s : listed.value()) keys.push_back(s.key);
    return keys;
  }
  static void ExpectError(const FakeByteExchange& ex, int status, const std::string& code) {
    EXPECT_EQ(ex.status(), status) << ex.body();
    EXPECT_NE(ex.body().find("<Code>" + code + "</Code>"), std::string::npos) << ex.body();
    EXPECT_NE(ex.body().find("<RequestId>"), std::string::npos);
  }
  std::string CreateUpload() {
    auto ex = Run(client_.Request("POST", kPath, {{"uploads", ""}}, ""));
    EXPECT_EQ(ex.status(), 200) << ex.body();
    const size_t a = ex.body().find("<UploadId>") + 10;
    return ex.body().substr(a, ex.body().find("</UploadId>") - a);
  }
  std::string UploadPart(const std::string& id, int n, const std::string& bytes) {
    auto ex = Run(client_.Request("PUT", kPath,
                                  {{"partNumber", std::to_string(n)}, {"uploadId", id}}, bytes));
    EXPECT_EQ(ex.status(), 200) << ex.body();
    return ex.ResponseHeader("etag").value_or("");
  }
  static std::string CompleteBody(const std::vector<std::pair<int, std::string>>& parts) {
    std::string xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    for (const auto& [n, etag] : parts) {
      xml += "<Part><ETag>" + etag + "</ETag><PartNumber>" + std::to_string(n) +
             "</PartNumber></Part>";
    }
    return xml + "</CompleteMultipartUpload>";
  }

  std::filesystem::path dir_;
  common::FakeClock clock_{kNow};
  std::unique_ptr<blob::LocalBlobStore> store_;
  std::unique_ptr<blob::EmbeddedCredentialIssuer> issuer_;
  std::unique_ptr<EmbeddedS3Endpoint> endpoint_;
  testing::S3TestClient client_;
};

TEST_F(EmbeddedS3EndpointTest, PutObjectStoresTheBytesAndAnswersTheirMd5) {
  auto ex = Run(client_.Request("PUT", kPath, {}, "a,b\n1,2\n",
                                {{"Content-MD5", Base64Encode(std::string(16, 0))}}));
  ExpectError(ex, 400, "BadDigest");  // a wrong Content-MD5 first
  EXPECT_EQ(Stored(kKey), "<absent>");
  ex = Run(client_.Request("PUT", kPath, {}, "a,b\n1,2\n"));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(ex.ResponseHeader("etag"), "\"" + common::Md5Hex("a,b\n1,2\n") + "\"");
  EXPECT_EQ(ex.ResponseHeader("access-control-allow-origin"), "*");
  EXPECT_TRUE(ex.ResponseHeader("x-amz-request-id").has_value());
  EXPECT_EQ(Stored(kKey), "a,b\n1,2\n");
  EXPECT_EQ(Keys(), std::vector<std::string>{kKey});  // no staging left behind
  // Replacing it, with UNSIGNED-PAYLOAD.
  ex = Run(client_.Request("PUT", kPath, {}, "new", {}, "UNSIGNED-PAYLOAD"));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(Stored(kKey), "new");
}

TEST_F(EmbeddedS3EndpointTest, RefusesWrongSecretsAndForeignExpiredOrMissingTokens) {
  ExpectError(Run(client_.Request("PUT", kPath, {}, "x", {}, std::nullopt, std::string(64, 'f'))),
              403, "SignatureDoesNotMatch");
  auto other = client_;
  other.credentials.session_token = issuer_->Issue("upload/u2/", 60, "http://x")->session_token;
  ExpectError(Run(other.Request("PUT", kPath, {}, "x")), 403, "AccessDenied");
  other.credentials.session_token = "forged.token";
  ExpectError(Run(other.Request("PUT", kPath, {}, "x")), 403, "AccessDenied");
  other.credentials.session_token.clear();
  ExpectError(Run(other.Request("PUT", kPath, {}, "x")), 403, "AccessDenied");
  clock_.Advance(3601LL * 1000000);
  client_.time = clock_.Now();
  auto late = Run(client_.Request("PUT", kPath, {}, "x"));
  ExpectError(late, 403, "AccessDenied");
  EXPECT_NE(late.body().find("expired"), std::string::npos);
  FakeByteExchange anonymous("PUT", kPath, {{"host", "127.0.0.1:8080"}}, "x");
  ExpectError(Run(std::move(anonymous)), 403, "AccessDenied");
  EXPECT_TRUE(Keys().empty());
}

TEST_F(EmbeddedS3EndpointTest, RefusesKeysOutsideThePrefixAndInternalKeys) {
  ExpectError(Run(client_.Request("PUT", "/taiga/s3/taiga/upload/u2/f", {}, "x")), 403,
              "AccessDenied");
  ExpectError(Run(client_.Request("PUT", "/taiga/s3/taiga/upload/u1/../u2/f", {}, "x")), 400,
              "InvalidArgument");
  ExpectError(Run(client_.Request("PUT", "/taiga/s3/other-bucket/upload/u1/f", {}, "x")), 404,
              "NoSuchBucket");
  EXPECT_TRUE(Keys().empty());
}

TEST_F(EmbeddedS3EndpointTest, PayloadHashMismatchOrTruncatedBodyKeepsNothing) {
  auto ex = Run(client_.Request("PUT", kPath, {}, "the real body", {}, common::Sha256Hex("other")));
  ExpectError(ex, 400, "XAmzContentSHA256Mismatch");
  auto cut = client_.Request("PUT", kPath, {}, std::string(100000, 'z'));
  cut.TruncateBodyAt(50000);
  endpoint_->Handle(cut);
  ExpectError(cut, 400, "IncompleteBody");
  EXPECT_TRUE(Keys().empty());
}

TEST_F(EmbeddedS3EndpointTest, DecodesSignedAwsChunkedBodies) {
  const std::string data = std::string(70000, 'q') + "tail";
  // Sign the seed request, then the chunks after its signature.
  blob::SigV4Request seed;
  seed.method = "PUT";
  seed.path = kPath;
  seed.headers = {{"Host", client_.host},
                  {"Content-Encoding", "aws-chunked"},
                  {"x-amz-decoded-content-length", std::to_string(data.size())}};
  blob::SigV4SignOptions o;
  o.time = kNow;
  o.payload_hash = std::string(blob::kStreamingSignedPayload);
  const auto& c = client_.credentials;
  auto s = blob::SignRequest(seed, {c.access_key_id, c.secret_access_key, c.session_token}, o);
  ASSERT_TRUE(s.ok());
  const std::string day = blob::FormatAmzDate(kNow).substr(0, 8);
  blob::SigV4ChunkSigner signer(blob::DeriveSigningKey(c.secret_access_key, day, "us-east-1", "s3"),
                                blob::FormatAmzDate(kNow), day + "/us-east-1/s3/aws4_request",
                                s->signature);
  std::string body;
  for (std::string_view chunk : {std::string_view(data).substr(0, 65536),
                                 std::string_view(data).substr(65536), std::string_view()}) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx", chunk.size());
    body += std::string(size) +
            ";chunk-signature=" + signer.NextChunkSignature(common::Sha256Hex(chunk)) + "\r\n" +
            std::string(chunk) + "\r\n";
  }
  auto ex = Run(FakeByteExchange("PUT", kPath, s->headers, body));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(Stored(kKey), data);
  // A damaged chunk: refused, nothing kept.
  ASSERT_TRUE(store_->Delete(kKey).ok());
  std::string bad = body;
  bad[bad.find('q') + 10] = 'X';
  ExpectError(Run(FakeByteExchange("PUT", kPath, s->headers, bad)), 403, "SignatureDoesNotMatch");
  EXPECT_TRUE(Keys().empty());
}

TEST_F(EmbeddedS3EndpointTest, VerifiesTrailingChecksumsOfUnsignedChunkedBodies) {
  const std::string data = "checksummed bytes";
  auto crc = Checksum::For("crc32");
  crc->Update(data);
  const auto body_with = [&](const std::string& value) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx", data.size());
    return std::string(size) + "\r\n" + data + "\r\n0\r\nx-amz-checksum-crc32:" + value +
           "\r\n\r\n";
  };
  const common::HeaderList headers = {{"Content-Encoding", "aws-chunked"},
                                      {"x-amz-decoded-content-length", std::to_string(data.size())},
                                      {"x-amz-trailer", "x-amz-checksum-crc32"},
                                      {"x-amz-sdk-checksum-algorithm", "CRC32"}};
  auto ex = Run(client_.Request("PUT", kPath, {}, body_with("AAAAAA=="), headers,
                                "STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
  ExpectError(ex, 400, "BadDigest");
  EXPECT_TRUE(Keys().empty());
  ex = Run(client_.Request("PUT", kPath, {}, body_with(crc->Base64Digest()), headers,
                           "STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(Stored(kKey), data);
}

TEST_F(EmbeddedS3EndpointTest, ChecksumHeadersAsTheJavaScriptSdkSendsThem) {
  auto crc = Checksum::For("crc32");
  crc->Update("abcd");
  const std::string good = crc->Base64Digest();
  ExpectError(Run(client_.Request(
                  "PUT", kPath, {{"x-id", "PutObject"}}, "abcd",
                  {{"x-amz-checksum-crc32", "AAAAAA=="}, {"x-amz-sdk-checksum-algorithm", "CRC32"}},
                  "UNSIGNED-PAYLOAD")),
              400, "BadDigest");
  EXPECT_TRUE(Keys().empty());
  auto ex = Run(
      client_.Request("PUT", kPath, {{"x-id", "PutObject"}}, "abcd",
                      {{"x-amz-checksum-crc32", good}, {"x-amz-sdk-checksum-algorithm", "CRC32"}},
                      "UNSIGNED-PAYLOAD"));
  EXPECT_EQ(ex.status(), 200) << ex.body();
  // Multipart with a checksum algorithm announced, and the object's checksum on Complete.
  ex = Run(client_.Request("POST", kPath, {{"uploads", ""}}, "",
                           {{"x-amz-checksum-algorithm", "CRC32"}}));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  const size_t a = ex.body().find("<UploadId>") + 10;
  const std::string id = ex.body().substr(a, ex.body().find("</UploadId>") - a);
  ex = Run(client_.Request("PUT", kPath, {{"partNumber", "1"}, {"uploadId", id}}, "abcd",
                           {{"x-amz-checksum-crc32", good}}));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  const std::string etag = *ex.ResponseHeader("etag");
  ex = Run(client_.Request("POST", kPath, {{"uploadId", id}}, CompleteBody({{1, etag}}),
                           {{"x-amz-checksum-crc32", good + "-1"}}));
  EXPECT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(Stored(kKey), "abcd");
}

TEST_F(EmbeddedS3EndpointTest, MultipartUploadWithPartsOutOfOrder) {
  const std::string id = CreateUpload();
  ASSERT_FALSE(id.empty());
  const std::string e2 = UploadPart(id, 2, "second-");
  const std::string e1 = UploadPart(id, 1, "first-");
  const std::string e3 = UploadPart(id, 3, "third");
  EXPECT_EQ(e1, "\"" + common::Md5Hex("first-") + "\"");
  // Out of order in Complete, or an ETag that is not the part's: refused, upload kept.
  ExpectError(Run(client_.Request("POST", kPath, {{"uploadId", id}},
                                  CompleteBody({{2, e2}, {1, e1}, {3, e3}}))),
              400, "InvalidPartOrder");
  ExpectError(Run(client_.Request("POST", kPath, {{"uploadId", id}},
                                  CompleteBody({{1, e1}, {2, e1}, {3, e3}}))),
              400, "InvalidPart");
  ExpectError(Run(client_.Request("POST", kPath, {{"uploadId", id}}, "<nope/>")), 400,
              "MalformedXML");
  EXPECT_EQ(Stored(kKey), "<absent>");
  auto ex = Run(client_.Request("POST", kPath, {{"uploadId", id}},
                                CompleteBody({{1, e1}, {2, e2}, {3, e3}})));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_NE(ex.body().find("<CompleteMultipartUploadResult"), std::string::npos) << ex.body();
  const std::string md5s = common::Md5Hex([&] {
    std::string raw;
    for (const std::string& part : {"first-", "second-", "third"}) {
      const std::string hex = common::Md5Hex(part);
      for (size_t i = 0; i < 32; i += 2)
        raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    return raw;
  }());
  EXPECT_NE(ex.body().find("<ETag>&quot;" + md5s + "-3&quot;</ETag>"), std::string::npos)
      << ex.body();
  EXPECT_EQ(Stored(kKey), "first-second-third");
  EXPECT_EQ(Keys(), std::vector<std::string>{kKey});  // parts and meta removed
  // The upload is gone now.
  ExpectError(Run(client_.Request("PUT", kPath, {{"partNumber", "1"}, {"uploadId", id}}, "x")), 404,
              "NoSuchUpload");
}

// Parts of the first part's length (the last one shorter) go in place into the upload's data
// file, which Complete then publishes as the object: the same file, no copy.
TEST_F(EmbeddedS3EndpointTest, PartsWrittenInPlaceBecomeTheObjectWithoutACopy) {
  const std::string id = CreateUpload();
  // A part that fails its Content-MD5 leaves its slot free for the retry.
  ExpectError(Run(client_.Request("PUT", kPath, {{"partNumber", "1"}, {"uploadId", id}}, "aaaa",
                                  {{"Content-MD5", Base64Encode(std::string(16, 0))}})),
              400, "BadDigest");
  const std::string e1 = UploadPart(id, 1, "aaaa");
  const std::string e3 = UploadPart(id, 3, "cc");
  const std::string e2 = UploadPart(id, 2, "bbbb");
  const std::string data = dir_.string() + "/multipart/" + id + ".data";
  struct stat before {};
  ASSERT_EQ(::stat(data.c_str(), &before), 0);
  auto ex = Run(client_.Request("POST", kPath, {{"uploadId", id}},
                                CompleteBody({{1, e1}, {2, e2}, {3, e3}})));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(Stored(kKey), "aaaabbbbcc");
  struct stat after {};
  ASSERT_EQ(::stat((dir_.string() + "/" + kKey).c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(Keys(), std::vector<std::string>{kKey});
}

// A part uploaded again, or a slot another request is writing, goes to a file of its own;
// Complete then copies, and a part whose slot is being written keeps Complete from publishing
// the data file itself.
TEST_F(EmbeddedS3EndpointTest, PartsThatCannotGoInPlaceAreCopied) {
  const std::string id = CreateUpload();
  const std::string e1 = UploadPart(id, 1, "aaaa");
  UploadPart(id, 2, "bbbb");
  const std::string e2 = UploadPart(id, 2, "BBBB");  // again: its slot is taken
  EXPECT_EQ(Keys().size(), 6u);  // meta, stride, data, 2 slot records, 1 part file
  TAIGA_ASSERT_OK_AND_ASSIGN(auto writer, store_->OpenAssembly("multipart/" + id + ".data", false));
  ASSERT_TRUE(writer->TryLock(8, 4).value());  // as if part 3 were streaming in
  const std::string e4 = UploadPart(id, 4, "dd");
  auto ex = Run(client_.Request("POST", kPath, {{"uploadId", id}},
                                CompleteBody({{1, e1}, {2, e2}, {4, e4}})));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(Stored(kKey), "aaaaBBBBdd");
  // Nothing in place: part 2 is a file, and a slot was locked.
  const std::string id2 = CreateUpload();
  const std::string f1 = UploadPart(id2, 1, "aaaa");
  const std::string f2 = UploadPart(id2, 2, "bb");
  TAIGA_ASSERT_OK_AND_ASSIGN(auto other, store_->OpenAssembly("multipart/" + id2 + ".data", false));
  ASSERT_TRUE(other->TryLock(3 * 4, 4).value());
  ex = Run(client_.Request("POST", kPath, {{"uploadId", id2}}, CompleteBody({{1, f1}, {2, f2}})));
  ASSERT_EQ(ex.status(), 200) << ex.body();
  EXPECT_EQ(Stored(kKey), "aaaabb");
  other.reset();
  writer.reset();
  EXPECT_EQ(Keys(), std::vector<std::string>{kKey});
}

TEST_F(EmbeddedS3EndpointTest, SmallPartsUnknownUploadsAndAbort) {
  const std::string id = CreateUpload();
  const std::string e1 = UploadPart(id, 1, "abc");  // under min_part_bytes (4)
  const std::string e2 = UploadPart(id, 2, "defgh");
  ExpectError(
      Run(client_.Request("POST", kPath, {{"uploadId", id}}, CompleteBody({{1, e1}, {2, e2}}))),
      400, "EntityTooSmall");
  ExpectError(Run(client_.Request(
                  "PUT", kPath,
                  {{"partNumber", "1"}, {"uploadId", "1796334668-" + std::string(32, 'a')}}, "x")),
              404, "NoSuchUpload");
  ExpectError(
      Run(client_.Request("PUT", kPath, {{"partNumber", "1"}, {"uploadId", "../../etc"}}, "x")),
      404, "NoSuchUpload");
  ExpectError(Run(client_.Request("PUT", kPath, {{"partNumber", "0"}, {"uploadId", id}}, "x")), 400,
              "InvalidArgument");
  // Another user's credentials cannot touch it.
  auto other = client_;
  other.credentials = issuer_->Issue("upload/u2/", 60, "http://x").value();
  ExpectError(Run(other.Request("DELETE", kPath, {{"uploadId", id}}, "")), 403, "AccessDenied");
  auto ex = Run(client_.Request("DELETE", kPath, {{"uploadId", id}}, ""));
  EXPECT_EQ(ex.status(), 204) << ex.body();
  EXPECT_TRUE(Keys().empty());
}

TEST_F(EmbeddedS3EndpointTest, CleanupRemovesOnlyAbandonedUploads) {
  const std::string old_id = CreateUpload();
  UploadPart(old_id, 1, "old part");
  clock_.Advance(2 * 3600LL * 1000000);
  client_.time = clock_.Now();
  client_.credentials = issuer_->Issue("upload/u1/", 3600, "http://x").value();
  const std::string new_id = CreateUpload();
  UploadPart(new_id, 1, "new part");
  auto removed = endpoint_->Cleanup(clock_.Now(), 3600);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);
  ExpectError(Run(client_.Request("PUT", kPath, {{"partNumber", "2"}, {"uploadId", old_id}}, "x")),
              404, "NoSuchUpload");
  UploadPart(new_id, 2, "still works");
}

TEST_F(EmbeddedS3EndpointTest, HeadObjectPreflightAndUnsupportedOperations) {
  ASSERT_EQ(Run(client_.Request("PUT", kPath, {}, "12345")).status(), 200);
  auto head = Run(client_.Request("HEAD", kPath, {}, ""));
  EXPECT_EQ(head.status(), 200);
  EXPECT_EQ(head.content_length(), 5u);
  EXPECT_TRUE(head.body().empty());
  auto missing = Run(client_.Request("HEAD", "/taiga/s3/taiga/upload/u1/nothing", {}, ""));
  EXPECT_EQ(missing.status(), 404);
  EXPECT_TRUE(missing.body().empty());

  FakeByteExchange preflight("OPTIONS", kPath,
                             {{"Origin", "http://localhost:5173"},
                              {"Access-Control-Request-Method", "PUT"},
                              {"Access-Control-Request-Headers", "content-type,x-amz-date"}});
  endpoint_->Handle(preflight);
  EXPECT_EQ(preflight.status(), 200);
  EXPECT_EQ(preflight.ResponseHeader("access-control-allow-origin"), "*");
  EXPECT_EQ(preflight.ResponseHeader("access-control-allow-headers"), "content-type,x-amz-date");
  EXPECT_NE(preflight.ResponseHeader("access-control-allow-methods")->find("PUT"),
            std::string::npos);
  EXPECT_NE(preflight.ResponseHeader("access-control-expose-headers")->find("ETag"),
            std::string::npos);

  ExpectError(Run(client_.Request("GET", kPath, {}, "")), 501, "NotImplemented");
  ExpectError(Run(client_.Request("DELETE", kPath, {}, "")), 501, "NotImplemented");
  ExpectError(Run(client_.Request("GET", "/taiga/s3/taiga", {{"list-type", "2"}}, "")), 501,
              "NotImplemented");
  ExpectError(Run(client_.Request("PUT", kPath, {{"acl", ""}}, "")), 501, "NotImplemented");
}

}  // namespace
}  // namespace taiga::s3api
