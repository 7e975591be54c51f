// Runtime: what the command line needs from the wired program (implemented in src/main, the
// only place that knows the concrete backends). The CLI parses flags and calls these.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/bootstrap_service.h"
#include "app/maintenance_service.h"
#include "app/sign_in_service.h"
#include "app/user_service.h"
#include "common/result.h"

namespace taiga::cli {

// Flags every subcommand takes; unset ones come from the config file, TAIGA_* or defaults.
struct CommonFlags {
  std::optional<std::string> data_dir;
  std::optional<std::string> database;
  std::optional<std::string> config_file;
};

struct ServeFlags {
  std::optional<std::string> listen;  // HOST:PORT
  std::optional<std::string> prefix;
};

// Services opened on the configured database, for one-shot commands.
class AppHandle {
 public:
  virtual ~AppHandle() = default;
  virtual app::UserService& Users() = 0;
  virtual app::MaintenanceService& Maintenance() = 0;
  virtual app::BootstrapService& Bootstrap() = 0;
  virtual app::BootstrapOptions BootstrapOptions() const = 0;
  virtual app::SignInService& SignIns() = 0;
  // The URL people reach the server at, with its prefix and no '/' at the end: public_url, or
  // http://<listen address><prefix> (127.0.0.1 for a wildcard address).
  virtual std::string PublicBaseUrl() const = 0;
};

class Runtime {
 public:
  virtual ~Runtime() = default;
  // Runs the server until SIGTERM/SIGINT; returns the process exit code.
  virtual int Serve(const CommonFlags& common, const ServeFlags& serve) = 0;
  // Runs the background workers alone (no HTTP) until SIGTERM/SIGINT, then hands running jobs
  // back; returns the process exit code.
  virtual int Worker(const CommonFlags& common) = 0;
  // Loads configuration, opens the database and applies migrations.
  // Errors: InvalidArgument (configuration), Unavailable (database).
  virtual common::Result<std::unique_ptr<AppHandle>> Open(const CommonFlags& common) = 0;
  // Every HTTP route as "METHOD /path".
  virtual std::vector<std::string> Routes() = 0;
  // Converts one local file (`taiga convert`); returns the exit code (0 ok, 1 failed, 2 unknown
  // conversion).
  virtual int Convert(const std::string& from, const std::string& to, const std::string& input,
                      const std::string& output, const std::string& encoding) = 0;
};

}  // namespace taiga::cli
