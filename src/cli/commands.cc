#include "cli/commands.h"

#include <iostream>

#include "app/sign_in_secrets.h"

namespace taiga::cli {
namespace {

// The operator at the console acts with Admin rights on behalf of named users.
app::RequestContext OperatorContext() {
  app::RequestContext ctx;
  ctx.request_id = "cli";
  ctx.actor = app::Actor{"", "", true, std::nullopt};
  return ctx;
}

int Fail(const common::Status& s) {
  std::cerr << "taiga: " << s.message() << "\n";
  return 1;
}

}  // namespace

int RunMigrate(AppHandle& app) {
  // Open() has already applied the migrations; make the fresh database usable too.
  auto boot = app.Bootstrap().EnsureBootstrapped(app.BootstrapOptions());
  if (!boot.ok()) return Fail(boot.status());
  std::cout << "schema is up to date\n";
  return 0;
}

int RunUserCreate(AppHandle& app, const UserCreateArgs& args) {
  auto boot = app.Bootstrap().EnsureBootstrapped(app.BootstrapOptions());
  if (!boot.ok()) return Fail(boot.status());
  auto issued = app.Users().CreateUser(app::NewUser{args.name, args.email, args.admin});
  if (!issued.ok()) return Fail(issued.status());
  std::cout << "created user " << args.name << " (id " << issued->token.user_id << ")\n";
  std::cout << issued->secret << "\n";
  return 0;
}

int RunTokenCreate(AppHandle& app, const TokenArgs& args) {
  auto issued = app.Users().CreateToken(OperatorContext(), args.name, args.user);
  if (!issued.ok()) return Fail(issued.status());
  std::cout << "token " << issued->token.id << " for " << args.user << "\n";
  std::cout << issued->secret << "\n";
  return 0;
}

int RunTokenList(AppHandle& app, const TokenArgs& args) {
  auto tokens = app.Users().ListTokens(OperatorContext(), args.user);
  if (!tokens.ok()) return Fail(tokens.status());
  for (const auto& t : *tokens) {
    std::cout << t.id << "\t" << t.name << "\t" << common::FormatIsoTimestamp(t.created_at)
              << "\t" << (t.revoked_at ? "revoked" : "active") << "\n";
  }
  return 0;
}

int RunSignInUrl(AppHandle& app, const std::string& user) {
  const std::string name = user.empty() ? app.BootstrapOptions().admin_name : user;
  auto code = app.SignIns().CreateCode(name);
  if (!code.ok()) return Fail(code.status());
  std::cout << "sign-in link for " << code->user_name << " (works once, until "
            << common::FormatIsoTimestamp(code->expires_at) << "):\n";
  std::cout << app::SignInUrl(app.PublicBaseUrl(), code->code) << "\n";
  return 0;
}

int RunTokenRevoke(AppHandle& app, const TokenArgs& args) {
  auto s = app.Users().RevokeToken(OperatorContext(), args.id, args.user);
  if (!s.ok()) return Fail(s);
  std::cout << "revoked " << args.id << "\n";
  return 0;
}

}  // namespace taiga::cli
