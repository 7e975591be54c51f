// S3Authenticator: checks the AWS Signature V4 of a request to the embedded endpoint against the
// server's own temporary credentials (blob::EmbeddedCredentialIssuer): the session token must be
// one we issued, unexpired, for the request's access key id; the signature must match the
// secret derived from that key id. Thread-safe; the issuer and clock must outlive it.
#pragma once

#include "blob/local/embedded_credentials.h"
#include "blob/sigv4_verifier.h"
#include "common/clock.h"
#include "common/result.h"

namespace taiga::s3api {

// Who signed a request: the token's scope and what the signature proved.
struct S3Principal {
  blob::EmbeddedCredentialScope scope;
  blob::SigV4VerifiedRequest signature;
};

class S3Authenticator {
 public:
  S3Authenticator(const blob::EmbeddedCredentialIssuer& issuer, const common::Clock& clock)
      : issuer_(issuer), clock_(clock) {}

  // Errors (messages start with the S3 code): "AccessDenied" (no, forged, foreign or expired
  // session token; unsigned request), "SignatureDoesNotMatch" (wrong secret), the verifier's
  // malformed-request and clock-skew codes.
  common::Result<S3Principal> Authenticate(const blob::SigV4Request& request) const;

 private:
  const blob::EmbeddedCredentialIssuer& issuer_;
  const common::Clock& clock_;
};

}  // namespace taiga::s3api
