#include "main/program_runtime.h"

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/sign_in_secrets.h"
#include "common/log.h"
#include "convert/convert_command.h"
#include "http/api.h"
#include "http/server.h"
#include "main/blob_factory.h"
#include "main/database_factory.h"
#include "main/job_kinds.h"
#include "main/service_graph.h"
#include "main/web_ui_factory.h"
#include "s3api/embedded_s3_endpoint.h"
#include "s3api/signed_blob_endpoint.h"

namespace taiga::main {
namespace {

common::Result<Config> Load(const cli::CommonFlags& common, const cli::ServeFlags* serve) {
  ConfigFlags flags;
  flags.config_file = common.config_file;
  flags.data_dir = common.data_dir;
  flags.database = common.database;
  if (serve) {
    flags.listen = serve->listen;
    flags.prefix = serve->prefix;
  }
  TAIGA_ASSIGN_OR_RETURN(auto config, LoadConfig(flags, ProcessEnvironment()));
  common::LogLevel level;
  if (common::ParseLogLevel(config.log_level, &level)) common::SetLogLevel(level);
  return config;
}

common::Status EnsureDataDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return common::Unavailable("cannot create data directory " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  return common::Status::Ok();
}

// Writes the admin token to <data-dir>/admin-token, mode 0600, atomically.
common::Status WriteAdminToken(const std::string& dir, const std::string& token) {
  const std::string path = dir + "/admin-token";
  const std::string tmp = path + ".tmp";
  ::umask(077);
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << token << "\n";
    out.flush();
    if (!out) return common::Unavailable("cannot write " + tmp);
  }
  ::chmod(tmp.c_str(), 0600);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return common::Unavailable("cannot rename " + tmp + " to " + path);
  }
  return common::Status::Ok();
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost" ||
         host.rfind("127.", 0) == 0;
}

struct Wired {
  std::unique_ptr<ServiceGraph> graph;
  std::unique_ptr<http::Authenticator> auth;
  std::unique_ptr<http::ApiServices> services;
  std::unique_ptr<http::Dispatcher> dispatcher;
};

Wired WireHttp(std::unique_ptr<ServiceGraph> graph, const web::StaticSite* web_ui) {
  Wired w;
  w.graph = std::move(graph);
  const Config& c = w.graph->config();
  http::AuthOptions auth;
  auth.proxy_header = c.proxy_header;
  auth.trusted_proxies = c.trusted_proxies;
  auth.default_user = c.default_user;
  auth.loopback_listener = IsLoopback(c.listen_host);
  w.auth = std::make_unique<http::Authenticator>(w.graph->Users(), &w.graph->SignIns(), auth);
  w.services = std::make_unique<http::ApiServices>(http::ApiServices{
      w.graph->Users(), w.graph->Folders(), w.graph->Groups(), w.graph->Grants(),
      w.graph->Health(), w.graph->Tasks(), w.graph->Datasets(), w.graph->DatasetUpdates(),
      w.graph->Versions(), w.graph->Uploads(), w.graph->Downloads(), w.graph->SignIns()});
  http::DispatcherOptions d;
  d.prefix = c.prefix;
  d.public_url = c.public_url;
  d.access_log = c.access_log;
  d.web_ui = web_ui;
  w.dispatcher = http::BuildApi(*w.services, *w.auth, d);
  return w;
}

// The byte routes of the local store: the S3 upload endpoint and the signed downloads.
struct ByteRoutes {
  std::unique_ptr<s3api::EmbeddedS3Endpoint> uploads;
  std::unique_ptr<s3api::SignedBlobEndpoint> downloads;
};

ByteRoutes AddByteRoutes(ServiceGraph& graph, http::HttpServer& server) {
  ByteRoutes r;
  blob::LocalBlobStore* local = graph.LocalBlobs();
  if (!local) return r;
  const Config& c = graph.config();
  s3api::EmbeddedS3EndpointOptions s3;
  s3.route_prefix = c.prefix + "/s3/";
  s3.bucket = c.blob_bucket;
  s3.access_log = c.access_log;
  r.uploads = std::make_unique<s3api::EmbeddedS3Endpoint>(s3, *local, graph.EmbeddedCredentials(),
                                                           graph.clock());
  server.AddByteRoute(
      s3.route_prefix, [e = r.uploads.get()](common::ByteExchange& x) { e->Handle(x); },
      r.uploads->max_request_bytes());
  s3api::SignedBlobEndpointOptions dl;
  dl.route_prefix = c.prefix + "/blob/";
  dl.access_log = c.access_log;
  r.downloads = std::make_unique<s3api::SignedBlobEndpoint>(dl, *local, graph.clock());
  server.AddByteRoute(
      dl.route_prefix, [e = r.downloads.get()](common::ByteExchange& x) { e->Handle(x); }, 0);
  return r;
}

int Fail(const common::Status& s) {
  std::cerr << "taiga: " << s.message() << "\n";
  return 1;
}

// Jupyter-style: a one-time link that signs the admin in to the web UI (not in proxy mode,
// where the proxy signs people in).
void PrintSignInUrl(ServiceGraph& graph) {
  const Config& c = graph.config();
  if (!c.web_print_signin_url || c.proxy_header) return;
  auto code = graph.SignIns().CreateCode(c.admin_name);
  if (!code.ok()) {
    common::LogWarn("no sign-in link printed", {{"error", code.status().message()}});
    return;
  }
  std::cout << "Sign in to the web UI as " << code->user_name << " (the link works once, until "
            << common::FormatIsoTimestamp(code->expires_at)
            << "; `taiga signin-url` prints another):\n"
            << app::SignInUrl(graph.PublicBaseUrl(), code->code) << std::endl;
}

// Blocks SIGINT and SIGTERM in this thread and every thread started after; returns them for
// sigwait.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Registers the job kinds and starts the workers (none when workers.threads is 0).
common::Status StartWorkers(ServiceGraph& graph) {
  TAIGA_RETURN_IF_ERROR(RegisterJobKinds(graph));
  TAIGA_RETURN_IF_ERROR(graph.Workers().Start());
  if (graph.config().workers_threads > 0) {
    graph.CleanupSchedule().Start();
    if (graph.LocalBlobs() != nullptr) graph.MultipartCleanupSchedule().Start();
  }
  return common::Status::Ok();
}

}  // namespace

common::Result<std::unique_ptr<cli::AppHandle>> ProgramRuntime::Open(
    const cli::CommonFlags& common) {
  TAIGA_ASSIGN_OR_RETURN(auto config, Load(common, nullptr));
  TAIGA_RETURN_IF_ERROR(EnsureDataDir(config.data_dir));
  TAIGA_ASSIGN_OR_RETURN(auto database, OpenDatabase(config));
  TAIGA_ASSIGN_OR_RETURN(auto blobs, OpenBlobBackend(config));
  return std::unique_ptr<cli::AppHandle>(std::make_unique<ServiceGraph>(
      std::move(config), std::move(database), std::move(blobs)));
}

int ProgramRuntime::Serve(const cli::CommonFlags& common, const cli::ServeFlags& serve) {
  const auto started = std::chrono::steady_clock::now();
  // Block the shutdown signals in every thread; this one waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  auto config = Load(common, &serve);
  if (!config.ok()) return Fail(config.status());
  if (auto s = EnsureDataDir(config->data_dir); !s.ok()) return Fail(s);
  auto database = OpenDatabase(*config);
  if (!database.ok()) return Fail(database.status());
  auto blobs = OpenBlobBackend(*config);
  if (!blobs.ok()) return Fail(blobs.status());
  auto graph = std::make_unique<ServiceGraph>(*config, std::move(database).value(),
                                              std::move(blobs).value());
  auto admin_token = graph->Bootstrap().EnsureBootstrapped(graph->BootstrapOptions());
  if (!admin_token.ok()) return Fail(admin_token.status());
  if (admin_token->has_value()) {
    if (auto s = WriteAdminToken(config->data_dir, **admin_token); !s.ok()) return Fail(s);
    std::cout << "Created the admin user '" << config->admin_name << "'. Its API token (also in "
              << config->data_dir << "/admin-token):\n"
              << **admin_token << "\n";
  }

  auto web_ui = OpenWebUi(*config);
  if (!web_ui.ok()) return Fail(web_ui.status());
  Wired wired = WireHttp(std::move(graph), web_ui->get());
  if (auto s = StartWorkers(*wired.graph); !s.ok()) return Fail(s);
  http::ServerOptions options;
  options.host = config->listen_host;
  options.port = config->listen_port;
  options.io_threads = config->io_threads;
  options.request_threads = config->request_threads;
  options.max_queued_requests = config->max_queued_requests;
  options.max_body_bytes = config->max_body_bytes;
  options.idle_timeout_seconds = config->idle_timeout_seconds;
  options.shutdown_grace_seconds = config->shutdown_grace_seconds;
  options.byte_threads = config->byte_threads;
  http::HttpServer server(options, *wired.dispatcher);
  ByteRoutes byte_routes = AddByteRoutes(*wired.graph, server);
  // Before the listener opens: whoever sees the server answer can already read the link.
  PrintSignInUrl(*wired.graph);
  if (auto s = server.Start(); !s.ok()) return Fail(s);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started).count();
  std::cout << "Taiga is serving http://" << config->listen_host << ":" << server.BoundPort()
            << config->prefix << "/ (" << wired.graph->Health().BackendName() << ", started in " << ms
            << " ms)" << std::endl;
  common::LogInfo("web UI", {{"source", (*web_ui)->Describe()},
                             {"built", (*web_ui)->built() ? "yes" : "no (make build)"}});

  int sig = 0;
  sigwait(&signals, &sig);
  common::LogInfo("shutting down", {{"signal", std::to_string(sig)}});
  server.Stop();
  server.Wait();
  wired.graph->Workers().Stop();  // after the last request: hands running jobs back
  common::LogInfo("stopped");
  return 0;
}

int ProgramRuntime::Worker(const cli::CommonFlags& common) {
  sigset_t signals = BlockShutdownSignals();
  ::signal(SIGPIPE, SIG_IGN);
  auto handle = Open(common);
  if (!handle.ok()) return Fail(handle.status());
  auto& graph = static_cast<ServiceGraph&>(**handle);  // Open builds a ServiceGraph
  if (graph.config().workers_threads == 0) {
    return Fail(common::InvalidArgument(
        "workers.threads is 0, so `taiga worker` would run nothing; set it to 1 or more"));
  }
  if (auto s = StartWorkers(graph); !s.ok()) return Fail(s);
  std::cout << "Taiga worker: " << graph.config().workers_threads << " threads on "
            << graph.Health().BackendName() << std::endl;
  int sig = 0;
  sigwait(&signals, &sig);
  common::LogInfo("shutting down", {{"signal", std::to_string(sig)}});
  graph.Workers().Stop();
  common::LogInfo("stopped");
  return 0;
}

std::vector<std::string> ProgramRuntime::Routes() {
  Config config;
  config.database = "sqlite::memory:";
  auto database = OpenDatabase(config);
  if (!database.ok()) return {};
  Wired wired = WireHttp(std::make_unique<ServiceGraph>(config, std::move(database).value(),
                                                        MemoryBlobBackend(config)),
                         nullptr);
  return wired.dispatcher->Describe();
}

int ProgramRuntime::Convert(const std::string& from, const std::string& to,
                            const std::string& input, const std::string& output,
                            const std::string& encoding) {
  convert::ConvertCommandOptions options;
  options.encoding = encoding;
  return convert::RunConvertCommand(from, to, input, output, options);
}

}  // namespace taiga::main
