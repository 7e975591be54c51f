#include "blob/s3/s3_xml.h"

#include <gtest/gtest.h>

#include "blob/s3/s3_error.h"

namespace taiga::blob {
namespace {

TEST(S3Xml, ExtractsListResults) {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/"
      "doc/2006-03-01/\"><Name>b</Name><KeyCount>2</KeyCount><IsTruncated>true</IsTruncated>"
      "<Contents><Key>a &amp; b &lt;1&gt;.csv</Key><Size>12</Size><ETag>&quot;abc&quot;</ETag>"
      "</Contents><Contents><Key>r&#233;sum&#xE9;</Key><Size>0</Size></Contents>"
      "<NextContinuationToken>tok/1+</NextContinuationToken></ListBucketResult>";
  std::vector<std::string_view> items = XmlElements(xml, "Contents");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(XmlText(items[0], "Key"), "a & b <1>.csv");
  EXPECT_EQ(XmlText(items[0], "ETag"), "\"abc\"");
  EXPECT_EQ(XmlText(items[1], "Key"), "r\xc3\xa9sum\xc3\xa9");
  EXPECT_EQ(XmlText(xml, "Key"), "a & b <1>.csv") << "must not match <KeyCount>";
  EXPECT_EQ(XmlText(xml, "KeyCount"), "2");
  EXPECT_EQ(XmlText(xml, "NextContinuationToken"), "tok/1+");
  EXPECT_EQ(XmlText(xml, "Missing"), std::nullopt);
  EXPECT_EQ(XmlEscape("\"e\"&<>'"), "&quot;e&quot;&amp;&lt;&gt;&apos;");
  EXPECT_EQ(XmlUnescape("a &unknown; & b"), "a &unknown; & b");
}

TEST(S3Error, MapsCodesToStatus) {
  auto err = [](long status, const std::string& code) {
    return S3ErrorToStatus(status, "<Error><Code>" + code + "</Code><Message>m</Message></Error>",
                           "GetObject k")
        .code();
  };
  using common::StatusCode;
  EXPECT_EQ(err(404, "NoSuchKey"), StatusCode::kNotFound);
  EXPECT_EQ(err(404, "NoSuchBucket"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(err(403, "AccessDenied"), StatusCode::kPermissionDenied);
  EXPECT_EQ(err(403, "SignatureDoesNotMatch"), StatusCode::kPermissionDenied);
  EXPECT_EQ(err(503, "SlowDown"), StatusCode::kUnavailable);
  EXPECT_EQ(err(500, "InternalError"), StatusCode::kUnavailable);
  EXPECT_EQ(err(416, "InvalidRange"), StatusCode::kInvalidArgument);
  EXPECT_EQ(err(400, "MalformedXML"), StatusCode::kInternal);
  EXPECT_EQ(S3ErrorToStatus(404, "", "HeadObject k").code(), StatusCode::kNotFound);
  EXPECT_EQ(S3ErrorToStatus(403, "", "HeadObject k").code(), StatusCode::kPermissionDenied);
  const common::Status s =
      S3ErrorToStatus(403, "<Error><Code>AccessDenied</Code></Error>", "PutObject k");
  EXPECT_NE(s.message().find("PutObject k: AccessDenied"), std::string::npos) << s.message();
  EXPECT_TRUE(IsS3ErrorBody("<?xml?><Error><Code>InternalError</Code></Error>"));
  EXPECT_FALSE(IsS3ErrorBody("<CopyObjectResult><ETag>x</ETag></CopyObjectResult>"));
}

}  // namespace
}  // namespace taiga::blob
