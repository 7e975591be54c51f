#include "blob/s3/sts_credential_issuer.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

#include "blob/blob_key.h"
#include "blob/s3/sts_assume_role.h"

namespace taiga::blob {
namespace {

constexpr size_t kMaxSessionName = 64;
constexpr size_t kMaxSessionNamePrefix = 32;
constexpr int64_t kMaxRoleSeconds = 12 * 3600;  // the largest MaxSessionDuration a role can have

bool SessionNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("+=,.@_-").find(c) != std::string_view::npos;
}

}  // namespace

common::Result<std::unique_ptr<StsCredentialIssuer>> StsCredentialIssuer::Create(
    StsCredentialIssuerOptions o) {
  TAIGA_ASSIGN_OR_RETURN(HttpEndpoint sts, ParseHttpEndpoint(o.sts_endpoint, "STS endpoint"));
  TAIGA_ASSIGN_OR_RETURN(HttpEndpoint pub,
                         ParseHttpEndpoint(o.public_endpoint, "S3 public endpoint"));
  if (o.role_arn.empty()) return common::InvalidArgument("the STS role ARN is required");
  if (o.access_key_id.empty() || o.secret_access_key.empty()) {
    return common::InvalidArgument("the access key id and secret that call STS are required");
  }
  if (o.bucket.empty()) return common::InvalidArgument("the upload bucket is required");
  if (o.region.empty()) return common::InvalidArgument("the STS region is required");
  if (o.max_seconds < kMinSeconds || o.max_seconds > kMaxRoleSeconds) {
    return common::InvalidArgument("the longest STS session must be 900 to 43200 seconds");
  }
  const std::string& p = o.session_name_prefix;
  if (p.empty() || p.size() > kMaxSessionNamePrefix ||
      !std::all_of(p.begin(), p.end(), SessionNameChar)) {
    return common::InvalidArgument(
        "the role session name prefix must be 1 to 32 of A-Z a-z 0-9 + = , . @ _ -");
  }
  return std::unique_ptr<StsCredentialIssuer>(
      new StsCredentialIssuer(std::move(o), std::move(sts), std::move(pub)));
}

StsCredentialIssuer::StsCredentialIssuer(StsCredentialIssuerOptions options, HttpEndpoint sts,
                                         HttpEndpoint public_endpoint)
    : options_(std::move(options)),
      sts_(std::move(sts)),
      public_(std::move(public_endpoint)),
      clock_(options_.clock ? options_.clock : &system_clock_) {}

// "<prefix>-<last segment of the upload prefix>" (the user id), other characters as '_', cut
// to STS's 64; the name shows in the role's audit trail (CloudTrail, RGW ops log).
std::string StsCredentialIssuer::SessionNameFor(const std::string& prefix) const {
  std::string_view rest = prefix;
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const size_t slash = rest.rfind('/');
  if (slash != std::string_view::npos) rest.remove_prefix(slash + 1);
  std::string name = options_.session_name_prefix + "-";
  for (char c : rest) name.push_back(SessionNameChar(c) ? c : '_');
  if (name.size() > kMaxSessionName) name.resize(kMaxSessionName);
  return name;
}

common::Result<UploadCredentials> StsCredentialIssuer::Issue(const std::string& prefix,
                                                             int64_t seconds,
                                                             const std::string& base_url) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobPrefix(prefix));
  if (prefix.empty() || prefix.back() != '/') {
    return common::InvalidArgument("the upload prefix must end with '/': " + prefix);
  }
  if (seconds < 1) return common::InvalidArgument("credentials must last at least one second");
  AssumeRoleCall call;
  call.role_arn = options_.role_arn;
  call.session_name = SessionNameFor(prefix);
  call.duration_seconds = std::clamp(seconds, kMinSeconds, options_.max_seconds);
  call.policy = UploadSessionPolicy(options_.bucket, prefix);
  const std::string body = AssumeRoleBody(call);
  const std::string what = "STS AssumeRole " + options_.role_arn;
  CurlTransferOptions transfer;
  transfer.connect_timeout_seconds = options_.connect_timeout_seconds;
  transfer.request_timeout_seconds = options_.request_timeout_seconds;

  common::Result<S3Response> answer = common::Unavailable(what + ": not sent");
  for (int i = 0; i <= options_.max_retries; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200 << (i - 1)));
    StsSigning signing{sts_,
                       options_.region,
                       {options_.access_key_id, options_.secret_access_key, options_.session_token},
                       clock_->Now()};
    TAIGA_ASSIGN_OR_RETURN(S3PreparedRequest request, SignStsPost(signing, body));
    answer = CurlTransfer(pool_, "POST", request, body, transfer, what);
    if (answer.ok() && answer->status < 500) break;
  }
  if (!answer.ok()) return answer.status();
  TAIGA_ASSIGN_OR_RETURN(UploadCredentials c,
                         ParseAssumeRoleResponse(answer->status, answer->body, what));
  c.bucket = options_.bucket;
  c.prefix = prefix;
  c.endpoint_url = public_.Url();
  return c;
}

}  // namespace taiga::blob
