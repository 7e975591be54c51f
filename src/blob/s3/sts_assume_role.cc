#include "blob/s3/sts_assume_role.h"

#include <nlohmann/json.hpp>

#include "blob/s3/s3_xml.h"
#include "blob/sigv4_crypto.h"
#include "blob/sigv4_encoding.h"
#include "common/hash.h"

namespace taiga::blob {
namespace {

constexpr char kFormType[] = "application/x-www-form-urlencoded; charset=utf-8";

}  // namespace

std::string UploadSessionPolicy(std::string_view bucket, std::string_view prefix) {
  nlohmann::json actions = nlohmann::json::array();
  for (const char* a : kUploadActions) actions.push_back(a);
  const std::string resource =
      "arn:aws:s3:::" + std::string(bucket) + "/" + std::string(prefix) + "*";
  const nlohmann::json policy = {
      {"Version", "2012-10-17"},
      {"Statement", {{{"Effect", "Allow"}, {"Action", actions}, {"Resource", {resource}}}}}};
  return policy.dump();  // compact: no whitespace
}

std::string AssumeRoleBody(const AssumeRoleCall& call) {
  QueryParams form = {{"Action", "AssumeRole"},
                      {"Version", "2011-06-15"},
                      {"RoleArn", call.role_arn},
                      {"RoleSessionName", call.session_name},
                      {"DurationSeconds", std::to_string(call.duration_seconds)}};
  if (!call.policy.empty()) form.emplace_back("Policy", call.policy);
  return EncodeQueryString(form);
}

common::Result<S3PreparedRequest> SignStsPost(const StsSigning& signing, std::string_view body) {
  SigV4Request r;
  r.method = "POST";
  r.path = "/";
  r.headers = {{"Content-Type", kFormType}, {"Host", signing.endpoint.host}};
  SigV4SignOptions o;
  o.region = signing.region;
  o.service = "sts";
  o.time = signing.time;
  o.payload_hash = common::Sha256Hex(body);
  o.add_content_sha256_header = false;
  TAIGA_ASSIGN_OR_RETURN(SigV4Signature sig, SignRequest(r, signing.credentials, o));
  S3PreparedRequest out;
  out.url = signing.endpoint.Url() + "/";
  for (const auto& [k, v] : sig.headers) out.header_lines.push_back(k + ": " + v);
  return out;
}

common::Result<common::Timestamp> ParseStsTimestamp(std::string_view text) {
  auto bad = [&] {
    return common::InvalidArgument("\"" + std::string(text) +
                                   "\" is not an STS timestamp (yyyy-mm-ddThh:mm:ss[.f]Z)");
  };
  // yyyy-mm-ddThh:mm:ss → the amz-date yyyymmddThhmmssZ, then the optional fraction.
  if (text.size() < 20 || text.back() != 'Z' || text[4] != '-' || text[7] != '-' ||
      text[10] != 'T' || text[13] != ':' || text[16] != ':') {
    return bad();
  }
  std::string amz;
  for (char c : text.substr(0, 19)) {
    if (c != '-' && c != ':') amz.push_back(c);
  }
  amz.push_back('Z');
  auto seconds = ParseAmzDate(amz);
  if (!seconds.ok()) return bad();
  std::string_view fraction = text.substr(19, text.size() - 20);
  int64_t micros = 0;
  if (!fraction.empty()) {
    if (fraction.front() != '.' || fraction.size() < 2) return bad();
    fraction.remove_prefix(1);
    for (size_t i = 0; i < fraction.size(); ++i) {
      if (fraction[i] < '0' || fraction[i] > '9') return bad();
    }
    for (size_t i = 0; i < 6; ++i) {
      micros = micros * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    }
  }
  return *seconds + micros;
}

common::Result<UploadCredentials> ParseAssumeRoleResponse(long status, std::string_view body,
                                                          std::string_view what) {
  if (status != 200) {
    const std::string code = XmlText(body, "Code").value_or("");
    const std::string message = XmlText(body, "Message").value_or("");
    std::string m = std::string(what) + ": " + (code.empty() ? "error" : code);
    if (!message.empty()) m += ": " + message;
    m += " (HTTP " + std::to_string(status) + ")";
    if (code == "AccessDenied" || status == 403) {
      return common::PermissionDenied(m +
                                      "; check the key that calls STS and the role's trust policy");
    }
    if (code == "NoSuchEntity" || status == 404) {
      return common::FailedPrecondition(m + "; the role does not exist: check its ARN");
    }
    if (status >= 500 || code == "Throttling" || code == "ServiceUnavailable") {
      return common::Unavailable(m);
    }
    return common::Internal(m);
  }
  std::string_view creds = body;
  if (auto elements = XmlElements(body, "Credentials"); !elements.empty()) creds = elements[0];
  UploadCredentials out;
  out.access_key_id = XmlText(creds, "AccessKeyId").value_or("");
  out.secret_access_key = XmlText(creds, "SecretAccessKey").value_or("");
  out.session_token = XmlText(creds, "SessionToken").value_or("");
  const std::string expiration = XmlText(creds, "Expiration").value_or("");
  if (out.access_key_id.empty() || out.secret_access_key.empty() || out.session_token.empty() ||
      expiration.empty()) {
    return common::Internal(std::string(what) +
                            ": the answer lacks AccessKeyId, SecretAccessKey, SessionToken or "
                            "Expiration");
  }
  auto expires = ParseStsTimestamp(expiration);
  if (!expires.ok()) return common::Internal(std::string(what) + ": " + expires.status().message());
  out.expiration = *expires;
  return out;
}

}  // namespace taiga::blob
