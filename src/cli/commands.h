// The one-shot commands behind the CLI: each prints its result to stdout (the token or id on
// the last line) and errors to stderr, and returns the exit code (0 ok, 1 failed).
#pragma once

#include <string>

#include "cli/runtime.h"

namespace taiga::cli {

struct UserCreateArgs {
  std::string name;
  std::string email;
  bool admin = false;
};

struct TokenArgs {
  std::string user;  // whose tokens
  std::string name;  // create: the new token's name
  std::string id;    // revoke: the token's id
};

int RunMigrate(AppHandle& app);
int RunUserCreate(AppHandle& app, const UserCreateArgs& args);
int RunTokenCreate(AppHandle& app, const TokenArgs& args);
int RunTokenList(AppHandle& app, const TokenArgs& args);
int RunTokenRevoke(AppHandle& app, const TokenArgs& args);
// Mints a one-time web sign-in link for `user` (empty: the configured admin); prints it last.
int RunSignInUrl(AppHandle& app, const std::string& user);

}  // namespace taiga::cli
