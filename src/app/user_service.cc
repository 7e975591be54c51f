#include "app/user_service.h"

#include "common/hash.h"
#include "common/random.h"
#include "domain/folder.h"
#include "domain/group.h"
#include "domain/names.h"

namespace taiga::app {
namespace {

constexpr size_t kMaxUserNameBytes = 80;
constexpr size_t kMaxEmailBytes = 320;
constexpr size_t kMaxTokenNameBytes = 100;
constexpr char kTokenPrefix[] = "taiga_";
constexpr common::Timestamp kLastUsedResolution = 3600LL * 1000000;  // one hour

common::Status ValidateEmail(const std::string& email) {
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("email", email, kMaxEmailBytes));
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == email.size() ||
      email.find(' ') != std::string::npos) {
    return common::InvalidArgument("'email' must look like name@domain");
  }
  return common::Status::Ok();
}

domain::Folder MakeFolder(const std::string& name, domain::FolderType type,
                          std::optional<std::string> description, const domain::User& creator,
                          common::Timestamp now) {
  domain::Folder f;
  f.entry.id = common::NewId32();
  f.entry.type = domain::EntryType::kFolder;
  f.entry.name = name;
  f.entry.description = std::move(description);
  f.entry.creation_date = now;
  f.entry.creator = domain::NamedId{creator.id, creator.name};
  f.folder_type = type;
  return f;
}

}  // namespace

common::Result<domain::User> UserService::CreateUserIn(db::Transaction& tx, const NewUser& nu) {
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("name", nu.name, kMaxUserNameBytes));
  TAIGA_RETURN_IF_ERROR(ValidateEmail(nu.email));
  TAIGA_ASSIGN_OR_RETURN(auto taken, tx.Users().FindByName(nu.name));
  if (taken) return common::AlreadyExists("a user named '" + nu.name + "' already exists");
  const auto now = clock_.Now();
  domain::User user;
  user.id = common::NewId32();
  user.name = nu.name;
  user.email = nu.email;
  user.created_at = now;
  TAIGA_RETURN_IF_ERROR(tx.Users().Insert(user));
  auto home = MakeFolder("Home", domain::FolderType::kHome, domain::kHomeFolderDescription, user,
                         now);
  auto trash = MakeFolder("Trash", domain::FolderType::kTrash, std::nullopt, user, now);
  TAIGA_RETURN_IF_ERROR(tx.Entries().InsertFolder(home));
  TAIGA_RETURN_IF_ERROR(tx.Entries().InsertFolder(trash));
  TAIGA_RETURN_IF_ERROR(tx.Users().SetFolders(user.id, home.entry.id, trash.entry.id));
  user.home_folder_id = home.entry.id;
  user.trash_folder_id = trash.entry.id;
  if (nu.admin) {
    TAIGA_ASSIGN_OR_RETURN(auto admin, tx.Groups().FindByName(domain::kAdminGroupName));
    if (!admin) return common::Internal("the Admin group is missing; run `taiga migrate`");
    TAIGA_RETURN_IF_ERROR(tx.Groups().AddMember(admin->id, user.id));
  }
  return user;
}

common::Result<IssuedToken> UserService::IssueTokenIn(db::Transaction& tx,
                                                      const std::string& user_id,
                                                      const std::string& name) {
  TAIGA_RETURN_IF_ERROR(domain::ValidateName("name", name, kMaxTokenNameBytes));
  IssuedToken issued;
  issued.secret = kTokenPrefix + common::RandomToken(30);
  issued.token.id = common::NewId32();
  issued.token.user_id = user_id;
  issued.token.name = name;
  issued.token.token_hash = common::Sha256Hex(issued.secret);
  issued.token.created_at = clock_.Now();
  TAIGA_RETURN_IF_ERROR(tx.Users().InsertToken(issued.token));
  return issued;
}

common::Result<IssuedToken> UserService::CreateUser(const NewUser& nu) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto user, CreateUserIn(*tx, nu));
  TAIGA_ASSIGN_OR_RETURN(auto issued, IssueTokenIn(*tx, user.id, "default"));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return issued;
}

common::Result<Actor> UserService::ActorFor(db::Transaction& tx, const domain::User& user) {
  TAIGA_ASSIGN_OR_RETURN(bool is_admin, tx.Groups().IsAdmin(user.id));
  return Actor{user.id, user.name, is_admin, std::nullopt};
}

common::Result<Actor> UserService::AuthenticateToken(const std::string& secret) {
  const auto hash = common::Sha256Hex(secret);
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto token, tx->Users().FindActiveTokenByHash(hash));
  if (!token) return common::Unauthenticated("the token is unknown or has been revoked");
  TAIGA_ASSIGN_OR_RETURN(auto user, tx->Users().FindById(token->user_id));
  if (!user) return common::Unauthenticated("the token's user no longer exists");
  TAIGA_ASSIGN_OR_RETURN(auto actor, ActorFor(*tx, *user));
  actor.presented_token = secret;
  tx.reset();
  // "Last used" is kept to the hour, so authenticating writes at most once an hour per token.
  const auto now = clock_.Now();
  if (!token->last_used_at || now - *token->last_used_at > kLastUsedResolution) {
    auto wtx = db_.Begin(db::TxMode::kWrite);
    if (wtx.ok() && (*wtx)->Users().TouchToken(token->id, now).ok()) (void)(*wtx)->Commit();
  }
  return actor;
}

common::Result<Actor> UserService::AuthenticateProxyEmail(const std::string& email) {
  TAIGA_RETURN_IF_ERROR(ValidateEmail(email));
  {
    TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
    TAIGA_ASSIGN_OR_RETURN(auto user, tx->Users().FindByEmail(email));
    if (user) return ActorFor(*tx, *user);
  }
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto existing, tx->Users().FindByEmail(email));
  if (existing) return ActorFor(*tx, *existing);
  // The local part names the user; a taken name gets a numeric suffix instead of colliding.
  const std::string local = email.substr(0, email.find('@'));
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = attempt == 0 ? local : local + "-" + std::to_string(attempt + 1);
    TAIGA_ASSIGN_OR_RETURN(auto taken, tx->Users().FindByName(name));
    if (taken) continue;
    TAIGA_ASSIGN_OR_RETURN(auto user, CreateUserIn(*tx, NewUser{name, email, false}));
    TAIGA_ASSIGN_OR_RETURN(auto actor, ActorFor(*tx, user));
    TAIGA_RETURN_IF_ERROR(tx->Commit());
    return actor;
  }
  return common::Conflict("no free user name for " + email);
}

common::Result<Actor> UserService::ActorForName(const std::string& name) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto user, tx->Users().FindByName(name));
  if (!user) return common::NotFound("no user named '" + name + "'");
  return ActorFor(*tx, *user);
}

common::Result<domain::User> UserService::GetUser(const RequestContext& ctx,
                                                  const std::string& user_id) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto user, tx->Users().FindById(user_id));
  if (!user) return common::NotFound("no user with id '" + user_id + "'");
  return *user;
}

common::Result<std::vector<domain::NamedId>> UserService::ListUsers(const RequestContext& ctx) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  return tx->Users().ListAll();
}

common::Result<std::string> UserService::ResolveTarget(db::Transaction& tx,
                                                       const RequestContext& ctx,
                                                       const std::optional<std::string>& for_user) {
  if (!ctx.actor) return common::Unauthenticated("sign in first");
  if (!for_user || *for_user == ctx.actor->name) return ctx.actor->user_id;
  if (!ctx.actor->is_admin) {
    return common::PermissionDenied("only members of Admin manage other users' tokens");
  }
  TAIGA_ASSIGN_OR_RETURN(auto user, tx.Users().FindByName(*for_user));
  if (!user) return common::NotFound("no user named '" + *for_user + "'");
  return user->id;
}

common::Result<IssuedToken> UserService::CreateToken(const RequestContext& ctx,
                                                     const std::string& name,
                                                     const std::optional<std::string>& for_user) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto user_id, ResolveTarget(*tx, ctx, for_user));
  TAIGA_ASSIGN_OR_RETURN(auto issued, IssueTokenIn(*tx, user_id, name));
  TAIGA_RETURN_IF_ERROR(tx->Commit());
  return issued;
}

common::Result<std::vector<domain::ApiToken>> UserService::ListTokens(
    const RequestContext& ctx, const std::optional<std::string>& for_user) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kRead));
  TAIGA_ASSIGN_OR_RETURN(auto user_id, ResolveTarget(*tx, ctx, for_user));
  return tx->Users().ListTokens(user_id);
}

common::Status UserService::RevokeToken(const RequestContext& ctx, const std::string& token_id,
                                        const std::optional<std::string>& for_user) {
  TAIGA_ASSIGN_OR_RETURN(auto tx, db_.Begin(db::TxMode::kWrite));
  TAIGA_ASSIGN_OR_RETURN(auto user_id, ResolveTarget(*tx, ctx, for_user));
  TAIGA_RETURN_IF_ERROR(tx->Users().RevokeToken(user_id, token_id, clock_.Now()));
  return tx->Commit();
}

}  // namespace taiga::app
