#include "app/sign_in_secrets.h"

#include "common/hash.h"
#include "common/random.h"

namespace taiga::app {
namespace {

constexpr char kCsrfDomain[] = "taiga-web-csrf:";  // separates the CSRF token from SecretHash
constexpr char kGetANewOne[] =
    "; ask for a new sign-in link (`taiga signin-url --user NAME` on the server) or sign in with "
    "an API token";

}  // namespace

std::string NewSignInCode() { return common::RandomToken(24); }

std::string NewSessionSecret() { return common::RandomToken(32); }

std::string SecretHash(std::string_view secret) { return common::Sha256Hex(secret); }

bool IsWellFormedSecret(std::string_view secret) {
  if (secret.size() < 16 || secret.size() > 128) return false;
  for (char c : secret) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string CsrfTokenFor(std::string_view session_secret) {
  std::string input = kCsrfDomain;
  input.append(session_secret);
  return common::Sha256Hex(input);
}

bool CsrfTokenMatches(std::string_view expected, std::string_view presented) {
  if (expected.size() != presented.size() || expected.empty()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ presented[i]);
  }
  return diff == 0;
}

common::Status CheckRedeemable(const std::optional<domain::SignInCode>& code,
                               common::Timestamp now) {
  if (!code)
    return common::Unauthenticated(std::string("this sign-in code is unknown") + kGetANewOne);
  if (code->used_at) {
    return common::Unauthenticated(
        std::string("this sign-in link was already used (each link signs in once)") + kGetANewOne);
  }
  if (code->expires_at <= now) {
    return common::Unauthenticated(std::string("this sign-in link has expired (at ") +
                                   common::FormatIsoTimestamp(code->expires_at) + ")" +
                                   kGetANewOne);
  }
  return common::Status::Ok();
}

std::string SignInUrl(const std::string& base_url, const std::string& code) {
  return base_url + "/signin?code=" + code;
}

}  // namespace taiga::app
