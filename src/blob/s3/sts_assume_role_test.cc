// The AssumeRole call as data: the session policy, the form body, the signature (compared with
// what botocore 1.29 signs for the same request at the same time) and the parsed answers
// (RGW 16's success and error bodies, AWS's ErrorResponse).
#include "blob/s3/sts_assume_role.h"

#include <gtest/gtest.h>

namespace taiga::blob {
namespace {

constexpr common::Timestamp k20150830 = 1440938160LL * 1000000;  // 2015-08-30T12:36:00Z

TEST(UploadSessionPolicy, AllowsOnlyUploadsUnderThePrefix) {
  EXPECT_EQ(UploadSessionPolicy("taiga-up", "upload/u1/"),
            R"({"Statement":[{"Action":["s3:PutObject","s3:AbortMultipartUpload",)"
            R"("s3:ListMultipartUploadParts"],"Effect":"Allow",)"
            R"("Resource":["arn:aws:s3:::taiga-up/upload/u1/*"]}],"Version":"2012-10-17"})");
  // JSON escaping holds whatever a key prefix may contain.
  EXPECT_NE(UploadSessionPolicy("b", "a\"b/").find(R"(b/a\"b/*)"), std::string::npos);
}

TEST(AssumeRoleBody, FormEncodesEveryValue) {
  AssumeRoleCall call;
  call.role_arn = "arn:aws:iam:::role/uploader";
  call.session_name = "taiga-u1";
  call.duration_seconds = 900;
  call.policy = R"({"Version":"2012-10-17"})";
  EXPECT_EQ(AssumeRoleBody(call),
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A%3Arole%2Fuploader"
            "&RoleSessionName=taiga-u1&DurationSeconds=900"
            "&Policy=%7B%22Version%22%3A%222012-10-17%22%7D");
  call.policy.clear();
  EXPECT_EQ(AssumeRoleBody(call).find("Policy"), std::string::npos);
}

std::string HeaderLine(const S3PreparedRequest& r, std::string_view name) {
  for (const std::string& line : r.header_lines) {
    if (line.rfind(std::string(name) + ": ", 0) == 0) return line.substr(name.size() + 2);
  }
  return "";
}

TEST(SignStsPost, SignsAsBotocoreDoes) {
  AssumeRoleCall call;
  call.role_arn = "arn:aws:iam:::role/uploader";
  call.session_name = "taiga-u1";
  call.duration_seconds = 900;
  call.policy = R"({"Version":"2012-10-17"})";
  const std::string body = AssumeRoleBody(call);
  StsSigning s;
  s.endpoint = {"http", "127.0.0.1:7480"};
  s.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
  s.time = k20150830;
  auto r = SignStsPost(s, body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->url, "http://127.0.0.1:7480/");
  EXPECT_EQ(HeaderLine(*r, "Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(HeaderLine(*r, "X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(HeaderLine(*r, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=9e54c85f14e010e929c04c3585e4f7c8a2cb387b9a0344e67089aaef6725dad5");
  EXPECT_EQ(HeaderLine(*r, "x-amz-content-sha256"), "");  // S3 only

  s.credentials.session_token = "SESSIONTOKEN/+=";
  r = SignStsPost(s, body);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(HeaderLine(*r, "X-Amz-Security-Token"), "SESSIONTOKEN/+=");
  EXPECT_EQ(HeaderLine(*r, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
            "Signature=36ff8782633b7d5e3f27f8f1ed7802f0ed14c5c79cb809e81a83ced9c6646559");

  s.credentials = {};
  EXPECT_EQ(SignStsPost(s, body).status().code(), common::StatusCode::kInvalidArgument);
}

TEST(ParseStsTimestamp, WithAndWithoutFractions) {
  EXPECT_EQ(*ParseStsTimestamp("2015-08-30T12:36:00Z"), k20150830);
  EXPECT_EQ(*ParseStsTimestamp("2015-08-30T12:36:00.5Z"), k20150830 + 500000);
  EXPECT_EQ(*ParseStsTimestamp("2015-08-30T12:36:00.505655938Z"), k20150830 + 505655);
  for (const char* bad : {"", "2015-08-30T12:36:00", "2015-08-30 12:36:00Z", "2015-02-30T12:36:00Z",
                          "2015-08-30T12:36:00.Z", "2015-08-30T12:36:00.1aZ", "20150830T123600Z"}) {
    EXPECT_FALSE(ParseStsTimestamp(bad).ok()) << bad;
  }
}

TEST(ParseAssumeRoleResponse, CredentialsOfRgwAnswer) {
  // RGW 16.2's answer, shortened.
  const std::string body =
      "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>fgftXfZmnBlZqJADLUn"
      "</AccessKeyId><Expiration>2015-08-30T13:36:00.505655938Z</Expiration><SecretAccessKey>"
      "IW61OKV6MBXSAIYYZ7OLPOEW2WDVBFOIC2GK93C</SecretAccessKey><SessionToken>KGiE/w+z&amp;="
      "</SessionToken></Credentials><AssumedRoleUser><Arn>arn:aws:sts:::assumed-role/u/p</Arn>"
      "<AssumeRoleId>e128:probe</AssumeRoleId></AssumedRoleUser><PackedPolicySize>0"
      "</PackedPolicySize></AssumeRoleResult></AssumeRoleResponse>";
  auto c = ParseAssumeRoleResponse(200, body, "STS AssumeRole r");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "fgftXfZmnBlZqJADLUn");
  EXPECT_EQ(c->secret_access_key, "IW61OKV6MBXSAIYYZ7OLPOEW2WDVBFOIC2GK93C");
  EXPECT_EQ(c->session_token, "KGiE/w+z&=");
  EXPECT_EQ(c->expiration, k20150830 + 3600LL * 1000000 + 505655);

  auto missing = ParseAssumeRoleResponse(200, "<AssumeRoleResponse/>", "STS AssumeRole r");
  EXPECT_EQ(missing.status().code(), common::StatusCode::kInternal);
  std::string bad_time = body;
  bad_time.replace(bad_time.find("2015-08-30T13"), 4, "soon");
  EXPECT_EQ(ParseAssumeRoleResponse(200, bad_time, "x").status().code(),
            common::StatusCode::kInternal);
}

TEST(ParseAssumeRoleResponse, ErrorsBecomeStatus) {
  auto rgw = [](const char* code) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>") + code +
           "</Code><Message></Message><RequestId>tx1</RequestId></Error>";
  };
  auto denied = ParseAssumeRoleResponse(403, rgw("AccessDenied"), "STS AssumeRole r");
  EXPECT_EQ(denied.status().code(), common::StatusCode::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("STS AssumeRole r: AccessDenied (HTTP 403)"),
            std::string::npos)
      << denied.status().message();
  EXPECT_EQ(ParseAssumeRoleResponse(404, rgw("NoSuchEntity"), "x").status().code(),
            common::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ParseAssumeRoleResponse(400, rgw("InvalidArgument"), "x").status().code(),
            common::StatusCode::kInternal);
  EXPECT_EQ(ParseAssumeRoleResponse(503, "", "x").status().code(),
            common::StatusCode::kUnavailable);
  // AWS wraps the error in <ErrorResponse>.
  const std::string aws =
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender"
      "</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>";
  auto throttled = ParseAssumeRoleResponse(400, aws, "x");
  EXPECT_EQ(throttled.status().code(), common::StatusCode::kUnavailable);
  EXPECT_NE(throttled.status().message().find("Rate exceeded"), std::string::npos);
}

}  // namespace
}  // namespace taiga::blob
