#include "db/sql/sql_user_repository.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace taiga::db {
namespace {

using common::Result;
using common::Status;
using OptString = std::optional<std::string>;
using OptInt64 = std::optional<int64_t>;

constexpr char kInsertUser[] =
    "INSERT INTO users (id, name, email, home_folder_id, trash_folder_id, created_at) "
    "VALUES (:id, :name, :email, :home, :trash, :created_at)";
constexpr char kSetFolders[] =
    "UPDATE users SET home_folder_id = :home, trash_folder_id = :trash WHERE id = :id";
#define TAIGA_USER_COLUMNS "id, name, email, home_folder_id, trash_folder_id, created_at"
constexpr char kFindUserById[] = "SELECT " TAIGA_USER_COLUMNS " FROM users WHERE id = :id";
constexpr char kFindUserByName[] = "SELECT " TAIGA_USER_COLUMNS " FROM users WHERE name = :name";
constexpr char kFindUserByEmail[] = "SELECT " TAIGA_USER_COLUMNS
                                    " FROM users WHERE email = :email "
                                    "ORDER BY created_at, id LIMIT 1";
#undef TAIGA_USER_COLUMNS
constexpr char kListUsers[] = "SELECT id, name FROM users ORDER BY name, id";

constexpr char kInsertToken[] =
    "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, last_used_at, revoked_at) "
    "VALUES (:id, :user_id, :name, :token_hash, :created_at, :last_used_at, :revoked_at)";
constexpr char kTouchToken[] = "UPDATE api_tokens SET last_used_at = :at WHERE id = :id";
#define TAIGA_TOKEN_COLUMNS "id, user_id, name, token_hash, created_at, last_used_at, revoked_at"
constexpr char kFindActiveToken[] = "SELECT " TAIGA_TOKEN_COLUMNS
                                    " FROM api_tokens "
                                    "WHERE token_hash = :token_hash AND revoked_at IS NULL";
constexpr char kListTokens[] = "SELECT " TAIGA_TOKEN_COLUMNS
                               " FROM api_tokens WHERE user_id = :user_id "
                               "ORDER BY created_at, id";
#undef TAIGA_TOKEN_COLUMNS
constexpr char kRevokeToken[] =
    "UPDATE api_tokens SET revoked_at = :at "
    "WHERE id = :id AND user_id = :user_id AND revoked_at IS NULL";

using UserStatement =
    PreparedStatement<Params<std::string>, Columns<std::string, std::string, std::string, OptString,
                                                   OptString, int64_t>>;
using TokenStatement =
    PreparedStatement<Params<std::string>, Columns<std::string, std::string, std::string,
                                                   std::string, int64_t, OptInt64, OptInt64>>;

OptString NullIfEmpty(const std::string& s) { return s.empty() ? OptString() : OptString(s); }

domain::User ToUser(UserStatement::Row&& row) {
  auto& [id, name, email, home, trash, created_at] = row;
  return domain::User{std::move(id),     std::move(name),    std::move(email),
                      home.value_or(""), trash.value_or(""), created_at};
}

domain::ApiToken ToToken(TokenStatement::Row&& row) {
  auto& [id, user_id, name, hash, created_at, last_used_at, revoked_at] = row;
  return domain::ApiToken{std::move(id), std::move(user_id), std::move(name), std::move(hash),
                          created_at,    last_used_at,       revoked_at};
}

}  // namespace

Status SqlUserRepository::Insert(const domain::User& user) {
  return context_.Run("insert user", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<
        Params<std::string, std::string, std::string, OptString, OptString, int64_t>, Columns<>>>(
         kInsertUser)
        .Bind(user.id, user.name, user.email, NullIfEmpty(user.home_folder_id),
              NullIfEmpty(user.trash_folder_id), user.created_at)
        .Exec();
    return Status::Ok();
  });
}

Status SqlUserRepository::SetFolders(const std::string& user_id, const std::string& home_folder_id,
                                     const std::string& trash_folder_id) {
  return context_.Run("set user folders", [&](SqlConnection& c) {
    const long long changed =
        c.Statement<PreparedStatement<Params<OptString, OptString, std::string>, Columns<>>>(
             kSetFolders)
            .Bind(NullIfEmpty(home_folder_id), NullIfEmpty(trash_folder_id), user_id)
            .Exec();
    if (changed == 0) return common::NotFound("user " + user_id + " does not exist");
    return Status::Ok();
  });
}

Result<std::optional<domain::User>> SqlUserRepository::FindOne(const char* sql,
                                                               const std::string& key,
                                                               const char* what) {
  return context_.Run(what, [&](SqlConnection& c) -> Result<std::optional<domain::User>> {
    std::optional<UserStatement::Row> row = c.Statement<UserStatement>(sql).Bind(key).First();
    if (!row) return std::optional<domain::User>();
    return std::optional<domain::User>(ToUser(std::move(*row)));
  });
}

Result<std::optional<domain::User>> SqlUserRepository::FindById(const std::string& id) {
  return FindOne(kFindUserById, id, "find user by id");
}

Result<std::optional<domain::User>> SqlUserRepository::FindByName(const std::string& name) {
  return FindOne(kFindUserByName, name, "find user by name");
}

Result<std::optional<domain::User>> SqlUserRepository::FindByEmail(const std::string& email) {
  return FindOne(kFindUserByEmail, email, "find user by email");
}

Result<std::vector<domain::NamedId>> SqlUserRepository::ListAll() {
  return context_.Run("list users", [&](SqlConnection& c) -> Result<std::vector<domain::NamedId>> {
    using S = PreparedStatement<Params<>, Columns<std::string, std::string>>;
    std::vector<domain::NamedId> users;
    c.Statement<S>(kListUsers).Bind().ForEach([&](S::Row&& row) {
      users.push_back({std::move(std::get<0>(row)), std::move(std::get<1>(row))});
    });
    return users;
  });
}

Status SqlUserRepository::InsertToken(const domain::ApiToken& token) {
  return context_.Run("insert api token", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<
        Params<std::string, std::string, std::string, std::string, int64_t, OptInt64, OptInt64>,
        Columns<>>>(kInsertToken)
        .Bind(token.id, token.user_id, token.name, token.token_hash, token.created_at,
              token.last_used_at, token.revoked_at)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::ApiToken>> SqlUserRepository::FindActiveTokenByHash(
    const std::string& token_hash) {
  return context_.Run(
      "find api token", [&](SqlConnection& c) -> Result<std::optional<domain::ApiToken>> {
        auto row = c.Statement<TokenStatement>(kFindActiveToken).Bind(token_hash).First();
        if (!row) return std::optional<domain::ApiToken>();
        return std::optional<domain::ApiToken>(ToToken(std::move(*row)));
      });
}

Result<std::vector<domain::ApiToken>> SqlUserRepository::ListTokens(const std::string& user_id) {
  return context_.Run(
      "list api tokens", [&](SqlConnection& c) -> Result<std::vector<domain::ApiToken>> {
        std::vector<domain::ApiToken> tokens;
        c.Statement<TokenStatement>(kListTokens)
            .Bind(user_id)
            .ForEach([&](TokenStatement::Row&& row) { tokens.push_back(ToToken(std::move(row))); });
        return tokens;
      });
}

Status SqlUserRepository::TouchToken(const std::string& token_id, common::Timestamp at) {
  return context_.Run("touch api token", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<int64_t, std::string>, Columns<>>>(kTouchToken)
        .Bind(at, token_id)
        .Exec();
    return Status::Ok();
  });
}

Status SqlUserRepository::RevokeToken(const std::string& user_id, const std::string& token_id,
                                      common::Timestamp at) {
  return context_.Run("revoke api token", [&](SqlConnection& c) {
    const long long changed =
        c.Statement<PreparedStatement<Params<int64_t, std::string, std::string>, Columns<>>>(
             kRevokeToken)
            .Bind(at, token_id, user_id)
            .Exec();
    if (changed == 0) {
      return common::NotFound("user " + user_id + " has no active token " + token_id);
    }
    return Status::Ok();
  });
}

}  // namespace taiga::db
