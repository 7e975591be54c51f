#include "s3api/s3_xml.h"

#include <gtest/gtest.h>

#include "s3api/s3_error.h"

namespace taiga::s3api {
namespace {

TEST(ParseCompleteMultipartUpload, ReadsWhatBoto3Sends) {
  auto parts = ParseCompleteMultipartUpload(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      "<Part><ETag>\"0cc175b9c0f1b6a831c399e269772661\"</ETag><PartNumber>1</PartNumber></Part>"
      "<Part>\n  <PartNumber> 2 </PartNumber>\n  "
      "<ETag>&quot;92eb5ffee6ae2fec3ad71c777531578f&quot;</ETag>"
      "<ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><!-- a comment -->"
      "</CompleteMultipartUpload>");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].number, 1);
  EXPECT_EQ((*parts)[0].etag, "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ((*parts)[1].number, 2);
  EXPECT_EQ((*parts)[1].etag, "92eb5ffee6ae2fec3ad71c777531578f");
}

TEST(ParseCompleteMultipartUpload, AcceptsPrefixedNamesAndCharacterReferences) {
  auto parts = ParseCompleteMultipartUpload(
      "<s3:CompleteMultipartUpload xmlns:s3='http://s3.amazonaws.com/doc/2006-03-01/'>"
      "<s3:Part><s3:PartNumber>7</s3:PartNumber><s3:ETag>&#34;ab&#x63;&#34;</s3:ETag></s3:Part>"
      "</s3:CompleteMultipartUpload>");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ((*parts)[0].etag, "abc");
}

TEST(ParseCompleteMultipartUpload, RefusesMalformedDocuments) {
  for (const char* xml : {
           "",
           "not xml",
           "<CompleteMultipartUpload>",
           "<CompleteMultipartUpload></Other>",
           "<CompleteMultipartUpload></CompleteMultipartUpload>",
           "<Other><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></Other>",
           "<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>",
           "<CompleteMultipartUpload><Part><PartNumber>0</PartNumber><ETag>x</ETag></Part>"
           "</CompleteMultipartUpload>",
           "<CompleteMultipartUpload><Part><PartNumber>1x</PartNumber><ETag>x</ETag></Part>"
           "</CompleteMultipartUpload>",
           "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part>"
           "</CompleteMultipartUpload>",
           "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&bogus;</ETag></Part>"
           "</CompleteMultipartUpload>",
           "<!DOCTYPE x [<!ENTITY a 'b'>]><CompleteMultipartUpload/>",
           "<CompleteMultipartUpload/><CompleteMultipartUpload/>",
       }) {
    auto parts = ParseCompleteMultipartUpload(xml);
    ASSERT_FALSE(parts.ok()) << xml;
    EXPECT_EQ(S3ErrorFromStatus(parts.status()).code, "MalformedXML") << xml;
  }
}

TEST(S3Xml, EscapesAndBuildsResults) {
  EXPECT_EQ(XmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  const std::string xml = CompleteMultipartUploadResultXml("/taiga/s3/b/k", "b", "k&<", "\"e-2\"");
  EXPECT_NE(xml.find("<Key>k&amp;&lt;</Key>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<ETag>&quot;e-2&quot;</ETag>"), std::string::npos) << xml;
  EXPECT_NE(InitiateMultipartUploadResultXml("b", "k", "id-1").find("<UploadId>id-1</UploadId>"),
            std::string::npos);
}

TEST(S3Error, StatusesCodesAndDocument) {
  EXPECT_EQ(S3ErrorHttpStatus("NoSuchUpload"), 404);
  EXPECT_EQ(S3ErrorHttpStatus("SignatureDoesNotMatch"), 403);
  EXPECT_EQ(S3ErrorHttpStatus("XAmzContentSHA256Mismatch"), 400);
  EXPECT_EQ(S3ErrorHttpStatus("NotImplemented"), 501);
  const S3Error e = S3ErrorFromStatus(S3Status("XAmzContentSHA256Mismatch", "hash <wrong>"));
  EXPECT_EQ(e.code, "XAmzContentSHA256Mismatch");
  EXPECT_EQ(e.message, "hash <wrong>");
  EXPECT_EQ(S3ErrorFromStatus(common::NotFound("no such thing")).code, "NoSuchKey");
  EXPECT_EQ(S3ErrorFromStatus(common::Unavailable("disk: full")).code, "ServiceUnavailable");
  EXPECT_EQ(S3ErrorFromStatus(common::Internal("lower: case")).code, "InternalError");
  EXPECT_EQ(S3ErrorXml(e, "/r", "id1"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>XAmzContentSHA256Mismatch"
            "</Code><Message>hash &lt;wrong&gt;</Message><Resource>/r</Resource><RequestId>id1"
            "</RequestId></Error>");
}

}  // namespace
}  // namespace taiga::s3api
