// aws-chunked bodies: the AWS documentation's streaming example (seed request, three chunk
// signatures) verified end to end in every slicing, trailer modes, and tampering.
#include "blob/aws_chunked_decoder.h"

#include <gtest/gtest.h>

#include "blob/sigv4.h"
#include "blob/sigv4_verifier.h"
#include "common/hash.h"

namespace taiga::blob {
namespace {

// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
constexpr char kAkid[] = "AKIAIOSFODNN7EXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr common::Timestamp kDocTime = 1369353600LL * 1000000;  // 20130524T000000Z
constexpr char kSeed[] = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
constexpr char kChunk1[] = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
constexpr char kChunk2[] = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
constexpr char kFinal[] = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

SigV4Request DocSeedRequest() {
  SigV4Request r;
  r.method = "PUT";
  r.path = "/examplebucket/chunkObject.txt";
  r.headers = {{"Host", "s3.amazonaws.com"},
               {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
               {"Content-Encoding", "aws-chunked"},
               {"x-amz-decoded-content-length", "66560"},
               {"Content-Length", "66824"}};
  return r;
}

std::string DocBody(const char* final_signature = kFinal) {
  return std::string("10000;chunk-signature=") + kChunk1 + "\r\n" + std::string(65536, 'a') +
         "\r\n400;chunk-signature=" + kChunk2 + "\r\n" + std::string(1024, 'a') +
         "\r\n0;chunk-signature=" + final_signature + "\r\n\r\n";
}

// Feeds `body` in slices of `slice` bytes; returns the first error or Finish().
common::Status Decode(AwsChunkedDecoder& d, const std::string& body, size_t slice,
                      std::string* out) {
  for (size_t off = 0; off < body.size(); off += slice) {
    common::Status s = d.Feed(std::string_view(body).substr(off, slice), [&](std::string_view v) {
      out->append(v);
      return common::Status::Ok();
    });
    if (!s.ok()) return s;
  }
  return d.Finish();
}

SigV4ChunkSigner DocSigner() {
  return SigV4ChunkSigner(DeriveSigningKey(kSecret, "20130524", "us-east-1", "s3"),
                          "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", kSeed);
}

TEST(AwsChunked, DocExampleSeedSignatureSignsAndVerifies) {
  SigV4SignOptions opts;
  opts.time = kDocTime;
  opts.payload_hash = std::string(kStreamingSignedPayload);
  auto s = SignRequest(DocSeedRequest(), {kAkid, kSecret, ""}, opts);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->signature, kSeed);

  SigV4Request received = DocSeedRequest();
  received.headers = s->headers;
  const common::FakeClock clock(kDocTime);
  SigV4Verifier verifier(
      {},
      [](std::string_view) -> common::Result<SigV4Secret> {
        return SigV4Secret{kSecret, ""};
      },
      &clock);
  auto v = verifier.Verify(received);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->payload_hash, kStreamingSignedPayload);
  EXPECT_EQ(v->signature, kSeed);
  SigV4ChunkSigner signer(v->signing_key, v->amz_date, v->scope, v->signature);
  EXPECT_EQ(signer.NextChunkSignature(common::Sha256Hex(std::string(65536, 'a'))), kChunk1);
  EXPECT_EQ(signer.NextChunkSignature(common::Sha256Hex(std::string(1024, 'a'))), kChunk2);
  EXPECT_EQ(signer.NextChunkSignature(common::Sha256Hex("")), kFinal);
}

TEST(AwsChunked, DocExampleBodyDecodesInEverySlicing) {
  for (size_t slice : {size_t{1}, size_t{7}, size_t{1000}, size_t{65536 + 90}, size_t{1} << 20}) {
    SCOPED_TRACE(slice);
    AwsChunkedDecoder d(AwsChunkedMode::kSigned, DocSigner());
    std::string out;
    ASSERT_TRUE(Decode(d, DocBody(), slice, &out).ok());
    EXPECT_EQ(out, std::string(66560, 'a'));
    EXPECT_EQ(d.decoded_size(), 66560u);
    EXPECT_TRUE(d.done());
  }
}

TEST(AwsChunked, TamperedOrTruncatedBodiesFail) {
  std::string body = DocBody();
  body[100] = 'b';  // a data byte of chunk 1
  AwsChunkedDecoder d1(AwsChunkedMode::kSigned, DocSigner());
  std::string out;
  common::Status s = Decode(d1, body, 4096, &out);
  EXPECT_EQ(s.code(), common::StatusCode::kUnauthenticated) << s.ToString();

  AwsChunkedDecoder d2(AwsChunkedMode::kSigned, DocSigner());
  s = Decode(d2, DocBody(kChunk1), 4096, &out);
  EXPECT_EQ(s.code(), common::StatusCode::kUnauthenticated) << s.ToString();

  AwsChunkedDecoder d3(AwsChunkedMode::kSigned, DocSigner());
  const std::string full = DocBody();
  s = Decode(d3, full.substr(0, full.size() - 2), 4096, &out);
  EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument) << s.ToString();

  AwsChunkedDecoder d4(AwsChunkedMode::kSigned, DocSigner());
  s = Decode(d4, full + "x", 4096, &out);
  EXPECT_EQ(s.code(), common::StatusCode::kInvalidArgument) << s.ToString();

  AwsChunkedDecoder d5(AwsChunkedMode::kSigned, DocSigner());
  std::string unsigned_body = "4\r\nabcd\r\n0\r\n\r\n";
  EXPECT_FALSE(Decode(d5, unsigned_body, 4096, &out).ok());
}

TEST(AwsChunked, SignedWithTrailer) {
  SigV4ChunkSigner client = DocSigner();
  const std::string data = "hello, trailer";
  std::string body;
  body += "e;chunk-signature=" + client.NextChunkSignature(common::Sha256Hex(data)) + "\r\n" +
          data + "\r\n";
  body += "0;chunk-signature=" + client.NextChunkSignature(common::Sha256Hex("")) + "\r\n";
  const std::string trailer = "x-amz-checksum-crc32:AAAAAA==\n";
  body += "x-amz-checksum-crc32:AAAAAA==\r\n";
  const std::string ok_body =
      body + "x-amz-trailer-signature:" + client.TrailerSignature(trailer) + "\r\n\r\n";
  for (size_t slice : {size_t{1}, size_t{5}, size_t{4096}}) {
    AwsChunkedDecoder d(AwsChunkedMode::kSignedWithTrailer, DocSigner());
    std::string out;
    common::Status s = Decode(d, ok_body, slice, &out);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(out, data);
    ASSERT_EQ(d.trailers().size(), 1u);
    EXPECT_EQ(d.trailers()[0].first, "x-amz-checksum-crc32");
    EXPECT_EQ(d.trailers()[0].second, "AAAAAA==");
  }
  const std::string bad_body = body + "x-amz-trailer-signature:" +
                               client.TrailerSignature("x-amz-checksum-crc32:BBBBBB==\n") +
                               "\r\n\r\n";
  AwsChunkedDecoder d(AwsChunkedMode::kSignedWithTrailer, DocSigner());
  std::string out;
  EXPECT_EQ(Decode(d, bad_body, 4096, &out).code(), common::StatusCode::kUnauthenticated);
  AwsChunkedDecoder missing(AwsChunkedMode::kSignedWithTrailer, DocSigner());
  EXPECT_FALSE(Decode(missing, body + "\r\n", 4096, &out).ok());
}

// What botocore's AwsChunkedWrapper sends when checksums are on by default.
TEST(AwsChunked, UnsignedWithTrailerAsBotocoreSendsIt) {
  const std::string body =
      "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
  for (size_t slice : {size_t{1}, size_t{3}, size_t{4096}}) {
    AwsChunkedDecoder d(AwsChunkedMode::kUnsignedWithTrailer, std::nullopt);
    std::string out;
    ASSERT_TRUE(Decode(d, body, slice, &out).ok());
    EXPECT_EQ(out, "hello world");
    ASSERT_EQ(d.trailers().size(), 1u);
    EXPECT_EQ(d.trailers()[0].second, "DUoRhQ==");
  }
  AwsChunkedDecoder d(AwsChunkedMode::kUnsignedWithTrailer, std::nullopt);
  std::string out;
  EXPECT_FALSE(Decode(d, "5\r\nhello!\r\n0\r\n\r\n", 4096, &out).ok()) << "data longer than size";
  EXPECT_EQ(AwsChunkedModeFor("STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
            AwsChunkedMode::kUnsignedWithTrailer);
  EXPECT_EQ(AwsChunkedModeFor("UNSIGNED-PAYLOAD"), std::nullopt);
}

TEST(AwsChunked, SinkErrorsStopDecoding) {
  AwsChunkedDecoder d(AwsChunkedMode::kUnsignedWithTrailer, std::nullopt);
  common::Status s =
      d.Feed("5\r\nhello\r\n", [](std::string_view) { return common::Unavailable("disk full"); });
  EXPECT_EQ(s.code(), common::StatusCode::kUnavailable);
  EXPECT_FALSE(d.Feed("0\r\n\r\n", [](std::string_view) { return common::Status::Ok(); }).ok());
}

}  // namespace
}  // namespace taiga::blob
