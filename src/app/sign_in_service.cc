#include "app/sign_in_service.h"

#include "app/sign_in_secrets.h"
#include "common/random.h"

namespace taiga::app {
namespace {

constexpr int64_t kMicros = 1'000'000;
// "Last used" is kept to five minutes, so a busy page writes at most that often per session.
constexpr common::Timestamp kLastUsedResolution = 300 * kMicros;

}  // namespace

common::Result<Actor> SignInService::ActorFor(db::Transaction& tx, const std::string& user_id) {
  TAIGA_ASSIGN_OR_RETURN(auto user, tx.Users().FindById(user_id));
  if (!user) return common::Unauthenticated("the session's user no longer exists; sign in again");
  TAIGA_ASSIGN_OR_RETURN(bool is_admin, tx.Groups().IsAdmin(user->id));
  return Actor{user->id, user->name, is_admin, std::nullopt};
}

common::Result<IssuedSignInCode> SignInService::CreateCode(const std::string& user_name) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto user, tx->Users().FindByName(user_name));
  if (!user) return common::NotFound("no user named '" + user_name + "'");
  const auto now = clock_.Now();
  TAIGA_RETURN_IF_ERROR(tx->WebSessions().DeleteExpired(now).status());
  IssuedSignInCode issued{NewSignInCode(), user->name,
                          now + options_.code_lifetime_seconds * kMicros};
  TAIGA_RETURN_IF_ERROR(tx->WebSessions().InsertCode(
      domain::SignInCode{SecretHash(issued.code), user->id, now, issued.expires_at, std::nullopt}));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return issued;
}

common::Result<WebSignIn> SignInService::StartSession(db::Transaction& tx,
                                                      const std::string& user_id,
                                                      domain::SignInMethod method,
                                                      std::optional<std::string> api_token_id) {
  TAIGA_ASSIGN_OR_RETURN(auto actor, ActorFor(tx, user_id));
  const auto now = clock_.Now();
  TAIGA_RETURN_IF_ERROR(tx.WebSessions().DeleteExpired(now).status());
  WebSignIn out;
  out.actor = std::move(actor);
  out.secret = NewSessionSecret();
  out.csrf_token = CsrfTokenFor(out.secret);
  out.session = domain::WebSession{common::NewId32(),
                                   user_id,
                                   SecretHash(out.secret),
                                   method,
                                   std::move(api_token_id),
                                   now,
                                   now,
                                   now + options_.session_lifetime_seconds * kMicros};
  TAIGA_RETURN_IF_ERROR(tx.WebSessions().InsertSession(out.session));
  TAIGA_RETURN_IF_ERROR(tx.Commit());
  return out;
}

common::Result<WebSignIn> SignInService::RedeemCode(const std::string& code) {
  if (!IsWellFormedSecret(code)) {
    return common::InvalidArgument(
        "'code' is not a sign-in code; open the whole link `taiga serve` or `taiga signin-url` "
        "printed");
  }
  const std::string hash = SecretHash(code);
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  const auto now = clock_.Now();
  TAIGA_ASSIGN_OR_RETURN(bool used_now, tx->WebSessions().UseCode(hash, now));
  if (!used_now) {
    TAIGA_ASSIGN_OR_RETURN(auto found, tx->WebSessions().FindCode(hash));
    TAIGA_RETURN_IF_ERROR(CheckRedeemable(found, now));
    return common::Aborted("the sign-in code changed while it was redeemed; try again");
  }
  TAIGA_ASSIGN_OR_RETURN(auto found, tx->WebSessions().FindCode(hash));
  if (!found) return common::Internal("a sign-in code vanished while it was redeemed");
  return StartSession(*tx, found->user_id, domain::SignInMethod::kCode, std::nullopt);
}

common::Result<WebSignIn> SignInService::SignInWithToken(const std::string& token) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto found, tx->Users().FindActiveTokenByHash(SecretHash(token)));
  if (!found) return common::Unauthenticated("the token is unknown or has been revoked");
  return StartSession(*tx, found->user_id, domain::SignInMethod::kToken, found->id);
}

common::Result<WebSignIn> SignInService::Authenticate(const std::string& secret) {
  constexpr char kSignInAgain[] = "the web session has expired or was signed out; sign in again";
  if (!IsWellFormedSecret(secret)) return common::Unauthenticated(kSignInAgain);
  const auto now = clock_.Now();
  WebSignIn out;
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(auto session,
                           tx->WebSessions().FindLiveSession(SecretHash(secret), now));
    if (!session) return common::Unauthenticated(kSignInAgain);
    TAIGA_ASSIGN_OR_RETURN(out.actor, ActorFor(*tx, session->user_id));
    out.session = std::move(*session);
  }
  out.csrf_token = CsrfTokenFor(secret);
  if (now - out.session.last_used_at > kLastUsedResolution) {
    auto wtx = db_.Begin(db::TxMode::kWrite);
    if (wtx.ok() && (*wtx)->WebSessions().TouchSession(out.session.id, now).ok()) {
      (void)(*wtx)->Commit();
    }
  }
  return out;
}

common::Status SignInService::SignOut(const std::string& secret) {
  if (!IsWellFormedSecret(secret)) return common::Status::Ok();
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_RETURN_IF_ERROR(tx->WebSessions().DeleteSession(SecretHash(secret)).status());
  return tx->Commit();
}

}  // namespace taiga::app
