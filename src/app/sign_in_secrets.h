// The pure rules of web sign-in secrets: how sign-in codes and session secrets are made, hashed
// for storage, checked for shape, turned into the CSRF token bound to a session, and what a
// code that cannot be redeemed tells the person. Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"
#include "domain/web_session.h"

namespace taiga::app {

// A new random sign-in code / session secret (URL- and cookie-safe base64url, 192 / 256 bits).
std::string NewSignInCode();
std::string NewSessionSecret();
// What is stored for a code or a session secret: lowercase hex SHA-256.
std::string SecretHash(std::string_view secret);
// True when `secret` could be one this server made: 16 to 128 characters of [A-Za-z0-9_-].
// Anything else is refused before it reaches the database.
bool IsWellFormedSecret(std::string_view secret);
// The CSRF token of the session whose cookie holds `session_secret` (64 hex digits). It is
// derived from the secret, so it needs no storage and cannot be used with another session;
// knowing it does not reveal the secret.
std::string CsrfTokenFor(std::string_view session_secret);
// Compares a presented CSRF token with the expected one in constant time.
bool CsrfTokenMatches(std::string_view expected, std::string_view presented);
// Why `code` (as found by its hash, or nullopt) cannot be redeemed at `now`, as an
// Unauthenticated status a person can act on; Ok when it can.
common::Status CheckRedeemable(const std::optional<domain::SignInCode>& code,
                               common::Timestamp now);
// The sign-in URL for `code` under `base_url` (the server's URL with its prefix, no '/' at the
// end), e.g. http://127.0.0.1:8080/taiga/signin?code=...
std::string SignInUrl(const std::string& base_url, const std::string& code);

}  // namespace taiga::app
