// Config: every setting of the server, with its default. Loaded from (lowest to highest
// precedence) defaults, a YAML file, TAIGA_* environment variables, and command-line flags.
// Unknown YAML keys and bad values are errors, all listed at once. Plain value type.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace taiga::main {

struct Config {
  std::string data_dir = "./taiga-data";    // data_dir: where the database, blobs, keys live
  std::string listen_host = "127.0.0.1";    // listen: HOST:PORT
  uint16_t listen_port = 8080;
  std::string prefix = "/taiga";            // prefix: the API is at {prefix}/api
  std::string database;                     // database: sqlite:PATH | postgresql://...; empty:
                                            //   sqlite:<data_dir>/taiga.db
  std::string log_level = "info";           // log_level: debug | info | warn | error
  bool access_log = true;                   // access_log: one line per request
  // http.*
  int io_threads = 2;
  int request_threads = 8;
  int max_queued_requests = 1024;
  uint64_t max_body_bytes = 1 << 20;
  int idle_timeout_seconds = 75;
  int shutdown_grace_seconds = 20;
  int byte_threads = 16;  // threads that stream uploads and downloads (S3 endpoint, /blob/)
  // blob.*
  std::string blob_backend = "local";  // local (<data_dir>/blobs) | s3
  std::string blob_bucket = "taiga";   // the bucket clients upload to (s3: it must exist)
  // blob.s3.* (used when blob.backend is s3; endpoint, keys and role are then required)
  std::string blob_s3_endpoint;         // http(s)://host[:port] the server reaches S3 at
  std::string blob_s3_public_endpoint;  // the one clients are given; empty: blob_s3_endpoint
  std::string blob_s3_region = "us-east-1";
  std::string blob_s3_access_key;  // the server's key: reads, writes and calls STS
  std::string blob_s3_secret_key;
  bool blob_s3_path_style = true;     // http://host/bucket/key; false: http://bucket.host/key
  std::string blob_s3_sts_role_arn;   // the role upload credentials are minted from
  std::string blob_s3_sts_endpoint;   // empty: blob_s3_endpoint (RGW serves STS there)
  int blob_s3_sts_max_seconds = 3600;  // the role's MaxSessionDuration
  // signing_key: hex, >= 32 bytes; empty: generated into <data_dir>/signing-key on first start
  std::string signing_key;
  // public_url: the URL clients reach the server at, with the prefix; empty: from Host
  std::string public_url;
  // database_pool.*
  int sqlite_readers = 4;
  int postgres_pool_size = 8;
  // auth.*
  std::optional<std::string> proxy_header;
  std::vector<std::string> trusted_proxies;
  std::optional<std::string> default_user;
  // web.*
  std::string web_dir;                 // serve the UI from this directory; empty: the built-in one
  int web_session_days = 14;           // a browser session lasts this long
  int web_signin_code_minutes = 60;    // a sign-in link works this long, once
  bool web_print_signin_url = true;    // `serve` prints a sign-in link for the admin at start
  // admin.*
  std::string admin_name = "admin";
  std::string admin_email = "admin@localhost";
  // workers.*
  int workers_threads = 2;        // job threads in `taiga serve` (0: none) and `taiga worker`
  int workers_lease_seconds = 60;  // a job whose worker stops renewing is retried after this
  int workers_max_attempts = 5;    // tries of a job before it ends as FAILURE
  // conversion.*
  int conversion_columnar_zlib_level = 6;  // 6: Taiga 2's bytes; lower is faster, not identical
  int conversion_compression_threads = 0;  // per import; 0: one per core, at most 8

  // The database URL after defaults (sqlite:<data_dir>/taiga.db when unset).
  std::string DatabaseUrl() const;
};

// Values given on the command line (unset: not given).
struct ConfigFlags {
  std::optional<std::string> config_file;
  std::optional<std::string> data_dir;
  std::optional<std::string> database;
  std::optional<std::string> listen;
  std::optional<std::string> prefix;
};

// Loads the configuration. `env` is the process environment (name → value).
// Errors: InvalidArgument listing every problem (unknown keys, bad values, unreadable file).
common::Result<Config> LoadConfig(const ConfigFlags& flags,
                                  const std::map<std::string, std::string>& env);

// The process environment as a map.
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace taiga::main
