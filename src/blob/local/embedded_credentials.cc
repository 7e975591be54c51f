#include "blob/local/embedded_credentials.h"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <vector>

#include "blob/blob_key.h"
#include "blob/sigv4_crypto.h"
#include "common/hex.h"
#include "common/random.h"

namespace taiga::blob {
namespace {

constexpr std::string_view kVersion = "e1";
constexpr int64_t kMicros = 1000000;

// URL-safe base64 without padding (OpenSSL's encoder, alphabet swapped).
std::string Base64Url(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

// The inverse of Base64Url; false unless `in` is exactly what Base64Url would produce.
bool FromBase64Url(std::string_view in, std::string* out) {
  if (in.size() % 4 == 1) return false;
  std::string std64(in);
  for (char& c : std64) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (c == '+' || c == '/' || c == '=')
      return false;
  }
  const size_t pad = (4 - std64.size() % 4) % 4;
  std64.append(pad, '=');
  out->assign(std64.size() / 4 * 3 + 1, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out->data()),
                                reinterpret_cast<const unsigned char*>(std64.data()),
                                static_cast<int>(std64.size()));
  if (n < 0 || static_cast<size_t>(n) < pad) return false;
  out->resize(static_cast<size_t>(n) - pad);
  return Base64Url(*out) == in;  // canonical only: no stray bits, no other spelling
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

common::Result<std::unique_ptr<EmbeddedCredentialIssuer>> EmbeddedCredentialIssuer::Create(
    EmbeddedCredentialOptions options) {
  if (options.signing_key.size() < kMinKeyBytes) {
    return common::InvalidArgument("the credential signing key must be at least 32 bytes; got " +
                                   std::to_string(options.signing_key.size()));
  }
  if (options.bucket.empty()) return common::InvalidArgument("the upload bucket must be named");
  return std::unique_ptr<EmbeddedCredentialIssuer>(
      new EmbeddedCredentialIssuer(std::move(options)));
}

EmbeddedCredentialIssuer::EmbeddedCredentialIssuer(EmbeddedCredentialOptions options)
    : options_(std::move(options)), clock_(options_.clock ? options_.clock : &system_clock_) {}

std::string EmbeddedCredentialIssuer::SecretFor(std::string_view access_key_id) const {
  return common::HexEncode(
      HmacSha256(options_.signing_key, "secret:" + std::string(access_key_id)));
}

common::Result<UploadCredentials> EmbeddedCredentialIssuer::Issue(const std::string& prefix,
                                                                  int64_t seconds,
                                                                  const std::string& base_url) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobPrefix(prefix));
  if (prefix.empty() || prefix.back() != '/') {
    return common::InvalidArgument("the upload prefix must end with '/': " + prefix);
  }
  if (seconds < 1 || seconds > options_.max_seconds) {
    return common::InvalidArgument("credentials may last 1 to " +
                                   std::to_string(options_.max_seconds) + " seconds");
  }
  if (base_url.empty()) return common::InvalidArgument("the server's base URL is needed");
  UploadCredentials c;
  c.access_key_id = "ASIA" + Upper(common::RandomHex(8));
  c.secret_access_key = SecretFor(c.access_key_id);
  const int64_t expires = clock_->Now() / kMicros + seconds;
  c.expiration = expires * kMicros;
  std::string payload(kVersion);
  payload.append("\n").append(c.access_key_id);
  payload.append("\n").append(std::to_string(expires));
  payload.append("\n").append(prefix);
  c.session_token =
      Base64Url(payload) + "." + Base64Url(HmacSha256(options_.signing_key, "token:" + payload));
  c.bucket = options_.bucket;
  c.prefix = prefix;
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  c.endpoint_url = base + "/s3";
  return c;
}

common::Result<EmbeddedCredentialScope> EmbeddedCredentialIssuer::Verify(
    std::string_view access_key_id, std::string_view session_token, common::Timestamp now) const {
  const auto forged = [] {
    return common::Unauthenticated(
        "the session token is damaged or was not issued by this server; ask for new "
        "credentials");
  };
  const size_t dot = session_token.find('.');
  std::string payload, mac;
  if (dot == std::string_view::npos || !FromBase64Url(session_token.substr(0, dot), &payload) ||
      !FromBase64Url(session_token.substr(dot + 1), &mac)) {
    return forged();
  }
  if (!ConstantTimeEquals(HmacSha256(options_.signing_key, "token:" + payload), mac)) {
    return forged();
  }
  const std::vector<std::string_view> f = Split(payload, '\n');
  int64_t expires = 0;
  if (f.size() != 4 || f[0] != kVersion) return forged();
  auto [end, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), expires);
  if (ec != std::errc() || end != f[2].data() + f[2].size()) return forged();
  if (f[1] != access_key_id) {
    return common::Unauthenticated("the session token belongs to another access key id");
  }
  if (now / kMicros >= expires) {
    return common::PermissionDenied("the temporary credentials expired at " +
                                    common::FormatIsoTimestamp(expires * kMicros) +
                                    "; ask for new ones");
  }
  return EmbeddedCredentialScope{std::string(f[3]), expires * kMicros, SecretFor(access_key_id)};
}

}  // namespace taiga::blob
