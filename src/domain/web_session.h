// Web UI sign-in: a one-time sign-in code (the Jupyter-style link `taiga serve` prints) and a
// browser session (the cookie). Only SHA-256 hashes of their secrets are stored. Plain values.
#pragma once

#include <optional>
#include <string>

#include "common/clock.h"

namespace taiga::domain {

struct SignInCode {
  std::string code_hash;  // lowercase hex SHA-256 of the code
  std::string user_id;
  common::Timestamp created_at = 0;
  common::Timestamp expires_at = 0;
  std::optional<common::Timestamp> used_at;  // set when the code was redeemed (once only)
};

// How a web session was signed in.
enum class SignInMethod { kCode, kToken };

struct WebSession {
  std::string id;  // ID32
  std::string user_id;
  std::string secret_hash;  // lowercase hex SHA-256 of the cookie value
  SignInMethod method = SignInMethod::kCode;
  // The API token pasted to sign in (kToken): revoking it ends the session too.
  std::optional<std::string> api_token_id;
  common::Timestamp created_at = 0;
  common::Timestamp last_used_at = 0;
  common::Timestamp expires_at = 0;  // fixed at sign-in; the cookie's Max-Age says the same
};

// "code" / "token" as stored and shown; SignInMethodFromName is its inverse (nullopt: unknown).
const char* SignInMethodName(SignInMethod method);
std::optional<SignInMethod> SignInMethodFromName(const std::string& name);

}  // namespace taiga::domain
