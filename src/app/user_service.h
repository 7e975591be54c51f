// UserService: users and their API tokens — creating users (with Home and Trash), issuing,
// listing and revoking tokens, authenticating a bearer token or a trusted-proxy email.
// Thread-safe (holds only the Database and Clock, both thread-safe).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "common/clock.h"
#include "common/result.h"
#include "db/database.h"
#include "domain/api_token.h"
#include "domain/user.h"

namespace taiga::app {

struct NewUser {
  std::string name;
  std::string email;
  bool admin = false;
};

// A freshly issued token: the secret is shown exactly once, here.
struct IssuedToken {
  domain::ApiToken token;
  std::string secret;
};

class UserService {
 public:
  UserService(db::Database& db, const common::Clock& clock) : db_(db), clock_(clock) {}

  // Creates a user with Home and Trash folders (and Admin membership when asked) and a first
  // token named "default", in one transaction. Errors: InvalidArgument (bad name or email),
  // AlreadyExists (name taken), Unavailable.
  common::Result<IssuedToken> CreateUser(const NewUser& user);
  // The user for a bearer token. Errors: Unauthenticated (unknown or revoked), Unavailable.
  common::Result<Actor> AuthenticateToken(const std::string& secret);
  // The user a trusted proxy named by email; created (with Home and Trash) on first sight.
  // Errors: InvalidArgument (not an email), Unavailable.
  common::Result<Actor> AuthenticateProxyEmail(const std::string& email);
  // The user for a known name (the configured default user). Errors: NotFound, Unavailable.
  common::Result<Actor> ActorForName(const std::string& name);

  common::Result<domain::User> GetUser(const RequestContext& ctx, const std::string& user_id);
  common::Result<std::vector<domain::NamedId>> ListUsers(const RequestContext& ctx);

  // Token management for the acting user (or, for admins, `for_user` by name).
  common::Result<IssuedToken> CreateToken(const RequestContext& ctx, const std::string& name,
                                          const std::optional<std::string>& for_user = {});
  common::Result<std::vector<domain::ApiToken>> ListTokens(
      const RequestContext& ctx, const std::optional<std::string>& for_user = {});
  // Errors: NotFound (no such unrevoked token of that user), PermissionDenied.
  common::Status RevokeToken(const RequestContext& ctx, const std::string& token_id,
                             const std::optional<std::string>& for_user = {});

 private:
  common::Result<domain::User> CreateUserIn(db::Transaction& tx, const NewUser& user);
  common::Result<IssuedToken> IssueTokenIn(db::Transaction& tx, const std::string& user_id,
                                           const std::string& name);
  common::Result<Actor> ActorFor(db::Transaction& tx, const domain::User& user);
  common::Result<std::string> ResolveTarget(db::Transaction& tx, const RequestContext& ctx,
                                            const std::optional<std::string>& for_user);

  db::Database& db_;
  const common::Clock& clock_;
};

}  // namespace taiga::app
