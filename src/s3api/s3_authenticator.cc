#include "s3api/s3_authenticator.h"

#include <optional>

#include "s3api/s3_error.h"

namespace taiga::s3api {

common::Result<S3Principal> S3Authenticator::Authenticate(const blob::SigV4Request& request) const {
  std::string token;
  for (const auto& [name, value] : request.headers) {
    if (blob::LowerAscii(name) == "x-amz-security-token") token = blob::CanonicalHeaderValue(value);
  }
  for (const auto& [name, value] : request.query) {
    if (name == "X-Amz-Security-Token") token = value;
  }
  std::optional<blob::EmbeddedCredentialScope> scope;
  const common::Timestamp now = clock_.Now();
  blob::SigV4Verifier verifier(
      blob::SigV4VerifierOptions{},
      [&](std::string_view access_key_id) -> common::Result<blob::SigV4Secret> {
        if (token.empty()) {
          return S3Status("AccessDenied",
                          "these are temporary credentials: send their session token "
                          "(x-amz-security-token)");
        }
        auto verified = issuer_.Verify(access_key_id, token, now);
        if (!verified.ok()) return S3Status("AccessDenied", verified.status().message());
        scope = *verified;
        return blob::SigV4Secret{verified->secret_access_key, token};
      },
      &clock_);
  TAIGA_ASSIGN_OR_RETURN(blob::SigV4VerifiedRequest signature, verifier.Verify(request));
  if (!scope) return S3Status("AccessDenied", "the request carries no credentials we issued");
  return S3Principal{std::move(*scope), std::move(signature)};
}

}  // namespace taiga::s3api
