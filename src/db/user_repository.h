// Users and their API tokens, inside one Transaction. Not thread-safe: a repository belongs to
// the transaction that handed it out. All calls return Unavailable when the database fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/api_token.h"
#include "domain/user.h"

namespace taiga::db {

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Inserts a user (home/trash may be empty and set later by SetFolders).
  // Errors: AlreadyExists when the name is taken.
  virtual common::Status Insert(const domain::User& user) = 0;
  virtual common::Status SetFolders(const std::string& user_id, const std::string& home_folder_id,
                                    const std::string& trash_folder_id) = 0;
  virtual common::Result<std::optional<domain::User>> FindById(const std::string& id) = 0;
  virtual common::Result<std::optional<domain::User>> FindByName(const std::string& name) = 0;
  // The oldest user with that email, if any.
  virtual common::Result<std::optional<domain::User>> FindByEmail(const std::string& email) = 0;
  // Every user as {id, name}, ordered by name.
  virtual common::Result<std::vector<domain::NamedId>> ListAll() = 0;

  // Tokens. Insert: AlreadyExists on a duplicate hash (practically impossible).
  virtual common::Status InsertToken(const domain::ApiToken& token) = 0;
  // The unrevoked token with this SHA-256, if any.
  virtual common::Result<std::optional<domain::ApiToken>> FindActiveTokenByHash(
      const std::string& token_hash) = 0;
  // All tokens of a user (revoked included), oldest first.
  virtual common::Result<std::vector<domain::ApiToken>> ListTokens(const std::string& user_id) = 0;
  // Records that a token was used at `at`.
  virtual common::Status TouchToken(const std::string& token_id, common::Timestamp at) = 0;
  // Marks the user's token revoked. Errors: NotFound when the user has no such unrevoked token.
  virtual common::Status RevokeToken(const std::string& user_id, const std::string& token_id,
                                     common::Timestamp at) = 0;
};

}  // namespace taiga::db
