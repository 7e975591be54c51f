// SignInService: web UI sign-in — one-time sign-in codes (minted for a user by `taiga serve` at
// start and `taiga signin-url`), browser sessions made by redeeming a code or by pasting an API
// token, authenticating a session cookie, and signing out. Secrets are stored as SHA-256 hashes
// only; the CSRF token is derived from the session secret (sign_in_secrets.h).
// Thread-safe (holds only the Database and Clock, both thread-safe).
#pragma once

#include <string>

#include "app/request_context.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/web_session.h"

namespace taiga::app {

struct SignInOptions {
  int64_t code_lifetime_seconds = 3600;           // a sign-in link works this long, once
  int64_t session_lifetime_seconds = 14 * 86400;  // a browser session lasts this long
};

// A fresh code: the secret is shown exactly once, here.
struct IssuedSignInCode {
  std::string code;
  std::string user_name;
  common::Timestamp expires_at = 0;
};

// A signed-in browser session: `secret` goes into the cookie, `csrf_token` to the page.
struct WebSignIn {
  Actor actor;
  std::string secret;  // empty when the session was only authenticated, not just made
  std::string csrf_token;
  domain::WebSession session;
};

class SignInService {
 public:
  SignInService(db::Database& db, const common::Clock& clock, SignInOptions options)
      : db_(db), clock_(clock), options_(options) {}

  const SignInOptions& options() const { return options_; }

  // Mints a sign-in code for the user with this name. Errors: NotFound, Unavailable.
  common::Result<IssuedSignInCode> CreateCode(const std::string& user_name);
  // Redeems a code (once) for a new session. Errors: InvalidArgument (not a code's shape),
  // Unauthenticated (unknown, already used or expired, saying which), Unavailable, Aborted.
  common::Result<WebSignIn> RedeemCode(const std::string& code);
  // A new session for the owner of an API token (it ends when the token is revoked).
  // Errors: Unauthenticated (unknown or revoked token), Unavailable, Aborted.
  common::Result<WebSignIn> SignInWithToken(const std::string& token);
  // The live session a cookie holds (`secret` empty in the result).
  // Errors: Unauthenticated (unknown, signed out or expired), Unavailable.
  common::Result<WebSignIn> Authenticate(const std::string& secret);
  // Ends the session the cookie holds; Ok also when there is none. Errors: Unavailable.
  common::Status SignOut(const std::string& secret);

 private:
  common::Result<WebSignIn> StartSession(db::Transaction& tx, const std::string& user_id,
                                         domain::SignInMethod method,
                                         std::optional<std::string> api_token_id);
  common::Result<Actor> ActorFor(db::Transaction& tx, const std::string& user_id);

  db::Database& db_;
  const common::Clock& clock_;
  SignInOptions options_;
};

}  // namespace taiga::app
