// STS AssumeRole as data, for StsCredentialIssuer: the session policy that limits temporary
// credentials to uploads under one key prefix, the form-encoded Query API call (Version
// 2011-06-15), its SigV4 signature for service "sts" (a POST to "/" of the endpoint, as AWS STS
// and Ceph RGW take it), and the XML answer parsed into credentials or a Status.
// Pure functions, thread-safe. Never log the signed request or the credentials.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "blob/s3/curl_transfer.h"
#include "blob/sigv4.h"
#include "blob/upload_credentials.h"
#include "common/clock.h"
#include "common/result.h"

namespace taiga::blob {

// The S3 actions a client needs to upload with boto3 or the AWS SDKs: PutObject (which also
// authorises CreateMultipartUpload, UploadPart and CompleteMultipartUpload),
// AbortMultipartUpload and ListMultipartUploadParts.
inline constexpr const char* kUploadActions[] = {"s3:PutObject", "s3:AbortMultipartUpload",
                                                 "s3:ListMultipartUploadParts"};

// The session policy allowing kUploadActions on arn:aws:s3:::<bucket>/<prefix>* and nothing
// else, as compact JSON (RGW's policy parser rejects whitespace in form-encoded policies).
std::string UploadSessionPolicy(std::string_view bucket, std::string_view prefix);

struct AssumeRoleCall {
  std::string role_arn;
  std::string session_name;  // 2..64 of [A-Za-z0-9+=,.@_-]
  int64_t duration_seconds = 3600;
  std::string policy;  // session policy JSON; empty: none (the role's own policy applies)
};

// The form body: Action=AssumeRole&Version=2011-06-15&RoleArn=…&RoleSessionName=…&
// DurationSeconds=…[&Policy=…], every value strictly percent-encoded.
std::string AssumeRoleBody(const AssumeRoleCall& call);

struct StsSigning {
  HttpEndpoint endpoint;
  std::string region = "us-east-1";
  SigV4Credentials credentials;  // who calls STS
  common::Timestamp time = 0;    // the signing time
};

// `body` as a signed POST to <endpoint>/ with Content-Type application/x-www-form-urlencoded
// (signed headers content-type;host;x-amz-date[;x-amz-security-token], the payload hash in the
// signature only, as botocore signs STS). Errors: InvalidArgument (empty credentials).
common::Result<S3PreparedRequest> SignStsPost(const StsSigning& signing, std::string_view body);

// An STS timestamp ("2026-12-04T00:48:41.505655938Z" or without the fraction; UTC) in µs,
// fractions past microseconds dropped. Errors: InvalidArgument.
common::Result<common::Timestamp> ParseStsTimestamp(std::string_view text);

// The credentials of an AssumeRole answer (access key id, secret, session token, expiration;
// bucket, prefix and endpoint_url are left for the caller). `what` names the call in messages.
// Errors by the answer: AccessDenied or 403 → PermissionDenied; NoSuchEntity or 404 (no such
// role) → FailedPrecondition; 5xx, Throttling, ServiceUnavailable → Unavailable; other
// errors and a 200 without all four fields → Internal.
common::Result<UploadCredentials> ParseAssumeRoleResponse(long http_status, std::string_view body,
                                                          std::string_view what);

}  // namespace taiga::blob
