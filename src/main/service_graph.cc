#include "main/service_graph.h"

#include "jobs/export_job.h"

namespace taiga::main {
namespace {

jobs::WorkerPoolOptions WorkerOptions(const Config& c) {
  jobs::WorkerPoolOptions o;
  o.threads = c.workers_threads;
  o.lease = std::chrono::seconds(c.workers_lease_seconds);
  o.max_attempts = c.workers_max_attempts;
  return o;
}

app::SignInOptions SignInOptionsOf(const Config& c) {
  app::SignInOptions o;
  o.code_lifetime_seconds = int64_t{c.web_signin_code_minutes} * 60;
  o.session_lifetime_seconds = int64_t{c.web_session_days} * 86400;
  return o;
}

app::UploadOptions UploadOptionsOf(const Config& c) {
  app::UploadOptions o;
  o.bucket = c.blob_bucket;
  return o;
}

}  // namespace

ServiceGraph::ServiceGraph(Config config, std::unique_ptr<db::Database> database,
                           BlobBackend blobs)
    : config_(std::move(config)),
      db_(std::move(database)),
      blobs_(std::move(blobs)),
      users_(*db_, clock_),
      folders_(*db_, clock_),
      groups_(*db_),
      grants_(*db_, clock_),
      health_(*db_, *blobs_.store),
      maintenance_(*db_),
      bootstrap_(*db_, clock_, users_),
      tasks_(*db_),
      datasets_(*db_),
      dataset_updates_(*db_, clock_),
      versions_(*db_, clock_),
      uploads_(*db_, *blobs_.store, *blobs_.issuer, clock_, UploadOptionsOf(config_),
               [this] { workers_.Notify(); }),
      conversions_(*db_, clock_, jobs::ExportJob::kName, [this] { workers_.Notify(); }),
      downloads_(*db_, *blobs_.store, conversions_),
      sign_ins_(*db_, clock_, SignInOptionsOf(config_)),
      workers_(*db_, job_kinds_, clock_, WorkerOptions(config_)),
      cleanup_schedule_(*db_, clock_, "maintenance.cleanup", std::chrono::minutes(10)),
      multipart_cleanup_schedule_(*db_, clock_, "maintenance.multipart_cleanup",
                                  std::chrono::hours(1)) {}

ServiceGraph::~ServiceGraph() {
  cleanup_schedule_.Stop();
  multipart_cleanup_schedule_.Stop();
  workers_.Stop();
}

std::string ServiceGraph::PublicBaseUrl() const {
  if (!config_.public_url.empty()) return config_.public_url;
  std::string host = config_.listen_host;
  if (host == "0.0.0.0" || host.empty()) host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(config_.listen_port) + config_.prefix;
}

app::BootstrapOptions ServiceGraph::BootstrapOptions() const {
  app::BootstrapOptions o;
  o.admin_name = config_.admin_name;
  o.admin_email = config_.admin_email;
  return o;
}

}  // namespace taiga::main
