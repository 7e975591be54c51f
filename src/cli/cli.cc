#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

namespace taiga::cli {
namespace {

void AddCommonFlags(CLI::App* cmd, CommonFlags* flags) {
  cmd->add_option("--data-dir", flags->data_dir, "Data directory (default ./taiga-data)");
  cmd->add_option("--database", flags->database,
                  "sqlite:PATH or postgresql://user@host:port/db (default sqlite in data dir)");
  cmd->add_option("--config", flags->config_file, "YAML configuration file");
}

}  // namespace

int RunCli(int argc, char** argv, Runtime& runtime) {
  CLI::App app{"Taiga: a store for immutable, versioned datasets", "taiga"};
  app.require_subcommand(1);
  CommonFlags common;
  ServeFlags serve;

  auto* serve_cmd = app.add_subcommand("serve", "Run the server (API, uploads, workers, UI)");
  AddCommonFlags(serve_cmd, &common);
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (default 127.0.0.1:8080)");
  serve_cmd->add_option("--prefix", serve.prefix, "URL prefix (default /taiga)");

  auto* migrate_cmd = app.add_subcommand("migrate", "Apply database migrations and exit");
  AddCommonFlags(migrate_cmd, &common);

  auto* worker_cmd = app.add_subcommand(
      "worker", "Run background jobs only (workers.threads of them) until SIGTERM");
  AddCommonFlags(worker_cmd, &common);

  auto* routes_cmd = app.add_subcommand("routes", "Print every HTTP route");

  auto* user_cmd = app.add_subcommand("user", "Manage users");
  user_cmd->require_subcommand(1);
  UserCreateArgs user_args;
  auto* user_create = user_cmd->add_subcommand("create", "Create a user; prints its token last");
  AddCommonFlags(user_create, &common);
  user_create->add_option("--name", user_args.name, "User name")->required();
  user_create->add_option("--email", user_args.email, "Email address")->required();
  user_create->add_flag("--admin", user_args.admin, "Make the user a member of Admin");

  auto* token_cmd = app.add_subcommand("token", "Manage API tokens");
  token_cmd->require_subcommand(1);
  TokenArgs token_args;
  auto* token_create = token_cmd->add_subcommand("create", "Issue a token; prints it last");
  auto* token_list = token_cmd->add_subcommand("list", "List a user's tokens");
  auto* token_revoke = token_cmd->add_subcommand("revoke", "Revoke a token by id");
  for (auto* c : {token_create, token_list, token_revoke}) {
    AddCommonFlags(c, &common);
    c->add_option("--user", token_args.user, "User name")->required();
  }
  token_create->add_option("--name", token_args.name, "Token name")->required();
  token_revoke->add_option("--id", token_args.id, "Token id (from `taiga token list`)")
      ->required();

  std::string signin_user;
  auto* signin_cmd = app.add_subcommand(
      "signin-url", "Print a one-time link that signs a user in to the web UI (works while a "
                    "server runs)");
  AddCommonFlags(signin_cmd, &common);
  signin_cmd->add_option("--user", signin_user, "User name (default: the admin user)");

  struct {
    std::string from, to, input, output, encoding;
  } conv;
  auto* convert_cmd = app.add_subcommand(
      "convert", "Convert a local file: imports (TableCSV, TableTSV, NumericMatrixCSV, "
                 "NumericMatrixTSV, GCT → columnar or hdf5) and exports (columnar, hdf5 → csv, "
                 "tsv, gct; anything → raw_test gzip)");
  convert_cmd->add_option("--from", conv.from, "Input format")->required();
  convert_cmd->add_option("--to", conv.to, "Output format")->required();
  convert_cmd->add_option("--encoding", conv.encoding, "Text encoding (default utf-8)");
  convert_cmd->add_option("input", conv.input, "Input file")->required();
  convert_cmd->add_option("output", conv.output, "Output file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (serve_cmd->parsed()) return runtime.Serve(common, serve);
  if (worker_cmd->parsed()) return runtime.Worker(common);
  if (convert_cmd->parsed()) {
    return runtime.Convert(conv.from, conv.to, conv.input, conv.output, conv.encoding);
  }
  if (routes_cmd->parsed()) {
    for (const auto& r : runtime.Routes()) std::cout << r << "\n";
    return 0;
  }
  auto handle = runtime.Open(common);
  if (!handle.ok()) {
    std::cerr << "taiga: " << handle.status().message() << "\n";
    return 1;
  }
  if (migrate_cmd->parsed()) return RunMigrate(**handle);
  if (user_create->parsed()) return RunUserCreate(**handle, user_args);
  if (token_create->parsed()) return RunTokenCreate(**handle, token_args);
  if (token_list->parsed()) return RunTokenList(**handle, token_args);
  if (token_revoke->parsed()) return RunTokenRevoke(**handle, token_args);
  if (signin_cmd->parsed()) return RunSignInUrl(**handle, signin_user);
  return 2;
}

}  // namespace taiga::cli
