#include "db/sql/sql_web_session_repository.h"

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

constexpr char kInsertCode[] =
    "INSERT INTO signin_codes (code_hash, user_id, created_at, expires_at, used_at) "
    "VALUES (:code_hash, :user_id, :created_at, :expires_at, :used_at)";
constexpr char kFindCode[] =
    "SELECT code_hash, user_id, created_at, expires_at, used_at FROM signin_codes "
    "WHERE code_hash = :code_hash";
constexpr char kUseCode[] =
    "UPDATE signin_codes SET used_at = :at "
    "WHERE code_hash = :code_hash AND used_at IS NULL AND expires_at > :now";
constexpr char kInsertSession[] =
    "INSERT INTO web_sessions (id, user_id, secret_hash, method, api_token_id, created_at, "
    "last_used_at, expires_at) VALUES (:id, :user_id, :secret_hash, :method, :api_token_id, "
    ":created_at, :last_used_at, :expires_at)";
constexpr char kFindLiveSession[] =
    "SELECT s.id, s.user_id, s.secret_hash, s.method, s.api_token_id, s.created_at, "
    "s.last_used_at, s.expires_at FROM web_sessions s "
    "LEFT JOIN api_tokens t ON t.id = s.api_token_id "
    "WHERE s.secret_hash = :secret_hash AND s.expires_at > :now "
    "AND (s.api_token_id IS NULL OR t.revoked_at IS NULL)";
constexpr char kTouchSession[] = "UPDATE web_sessions SET last_used_at = :at WHERE id = :id";
constexpr char kDeleteSession[] = "DELETE FROM web_sessions WHERE secret_hash = :secret_hash";
constexpr char kDeleteExpiredSessions[] = "DELETE FROM web_sessions WHERE expires_at <= :now";
constexpr char kDeleteExpiredCodes[] = "DELETE FROM signin_codes WHERE expires_at <= :now";

using CodeStatement =
    PreparedStatement<Params<std::string>,
                      Columns<std::string, std::string, int64_t, int64_t, OptInt64>>;
using SessionStatement =
    PreparedStatement<Params<std::string, int64_t>,
                      Columns<std::string, std::string, std::string, std::string, OptString,
                              int64_t, int64_t, int64_t>>;
using ByTextStatement = PreparedStatement<Params<std::string>, Columns<>>;
using ByTimeStatement = PreparedStatement<Params<int64_t>, Columns<>>;

}  // namespace

Status SqlWebSessionRepository::InsertCode(const domain::SignInCode& code) {
  return context_.Run("insert sign-in code", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<std::string, std::string, int64_t, int64_t, OptInt64>,
                                  Columns<>>>(kInsertCode)
        .Bind(code.code_hash, code.user_id, code.created_at, code.expires_at, code.used_at)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::SignInCode>> SqlWebSessionRepository::FindCode(
    const std::string& code_hash) {
  return context_.Run("find sign-in code",
                      [&](SqlConnection& c) -> Result<std::optional<domain::SignInCode>> {
                        auto row = c.Statement<CodeStatement>(kFindCode).Bind(code_hash).First();
                        if (!row) return std::optional<domain::SignInCode>();
                        auto& [hash, user_id, created_at, expires_at, used_at] = *row;
                        return std::optional<domain::SignInCode>(domain::SignInCode{
                            std::move(hash), std::move(user_id), created_at, expires_at, used_at});
                      });
}

Result<bool> SqlWebSessionRepository::UseCode(const std::string& code_hash, common::Timestamp at) {
  return context_.Run("use sign-in code", [&](SqlConnection& c) -> Result<bool> {
    const long long changed =
        c.Statement<PreparedStatement<Params<int64_t, std::string, int64_t>, Columns<>>>(kUseCode)
            .Bind(at, code_hash, at)
            .Exec();
    return changed == 1;
  });
}

Status SqlWebSessionRepository::InsertSession(const domain::WebSession& s) {
  return context_.Run("insert web session", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<std::string, std::string, std::string, std::string,
                                         OptString, int64_t, int64_t, int64_t>,
                                  Columns<>>>(kInsertSession)
        .Bind(s.id, s.user_id, s.secret_hash, std::string(domain::SignInMethodName(s.method)),
              s.api_token_id, s.created_at, s.last_used_at, s.expires_at)
        .Exec();
    return Status::Ok();
  });
}

Result<std::optional<domain::WebSession>> SqlWebSessionRepository::FindLiveSession(
    const std::string& secret_hash, common::Timestamp now) {
  return context_.Run(
      "find web session", [&](SqlConnection& c) -> Result<std::optional<domain::WebSession>> {
        auto row = c.Statement<SessionStatement>(kFindLiveSession).Bind(secret_hash, now).First();
        if (!row) return std::optional<domain::WebSession>();
        auto& [id, user_id, hash, method, token_id, created_at, last_used_at, expires_at] = *row;
        auto parsed = domain::SignInMethodFromName(method);
        if (!parsed) return common::Internal("web session " + id + " has method '" + method + "'");
        return std::optional<domain::WebSession>(
            domain::WebSession{std::move(id), std::move(user_id), std::move(hash), *parsed,
                               std::move(token_id), created_at, last_used_at, expires_at});
      });
}

Status SqlWebSessionRepository::TouchSession(const std::string& session_id, common::Timestamp at) {
  return context_.Run("touch web session", [&](SqlConnection& c) {
    c.Statement<PreparedStatement<Params<int64_t, std::string>, Columns<>>>(kTouchSession)
        .Bind(at, session_id)
        .Exec();
    return Status::Ok();
  });
}

Result<bool> SqlWebSessionRepository::DeleteSession(const std::string& secret_hash) {
  return context_.Run("delete web session", [&](SqlConnection& c) -> Result<bool> {
    return c.Statement<ByTextStatement>(kDeleteSession).Bind(secret_hash).Exec() > 0;
  });
}

Result<int64_t> SqlWebSessionRepository::DeleteExpired(common::Timestamp now) {
  return context_.Run("delete expired web sessions", [&](SqlConnection& c) -> Result<int64_t> {
    const long long sessions =
        c.Statement<ByTimeStatement>(kDeleteExpiredSessions).Bind(now).Exec();
    const long long codes = c.Statement<ByTimeStatement>(kDeleteExpiredCodes).Bind(now).Exec();
    return static_cast<int64_t>(sessions + codes);
  });
}

}  // namespace taiga::db
