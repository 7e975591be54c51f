#include "main/service_graph.h"

namespace taiga::main {

ServiceGraph::ServiceGraph(Config config, std::unique_ptr<db::Database> database,
                           BlobBackend blobs)
    : config_(std::move(config)),
      db_(std::move(database)),
      blobs_(std::move(blobs)),
      users_(*db_, clock_),
      folders_(*db_, clock_),
      groups_(*db_),
      grants_(*db_, clock_),
      health_(*db_),
      maintenance_(*db_),
      bootstrap_(*db_, clock_, users_) {}

app::BootstrapOptions ServiceGraph::BootstrapOptions() const {
  app::BootstrapOptions o;
  o.admin_name = config_.admin_name;
  o.admin_email = config_.admin_email;
  return o;
}

}  // namespace taiga::main
