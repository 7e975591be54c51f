#include "main/config.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <functional>
#include <set>
#include <string_view>
#include <utility>

extern char** environ;

namespace taiga::main {
namespace {

using Setter = std::function<std::optional<std::string>(Config&, const std::string&)>;

std::optional<std::string> SetInt(int* out, const std::string& v, int lo, int hi) {
  int x = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || end != v.data() + v.size() || x < lo || x > hi) {
    return "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  }
  *out = x;
  return std::nullopt;
}

std::optional<std::string> SetBool(bool* out, const std::string& v) {
  if (v == "true" || v == "1" || v == "yes") *out = true;
  else if (v == "false" || v == "0" || v == "no") *out = false;
  else return "must be true or false";
  return std::nullopt;
}

std::optional<std::string> SetListen(Config& c, const std::string& v) {
  auto colon = v.rfind(':');
  if (colon == std::string::npos || colon == 0) return "must be HOST:PORT, e.g. 127.0.0.1:8080";
  int port = 0;
  if (SetInt(&port, v.substr(colon + 1), 0, 65535)) return "has a bad port";
  c.listen_host = v.substr(0, colon);
  if (c.listen_host.size() > 2 && c.listen_host.front() == '[') {
    c.listen_host = c.listen_host.substr(1, c.listen_host.size() - 2);
  }
  c.listen_port = static_cast<uint16_t>(port);
  return std::nullopt;
}

std::optional<std::string> SetPrefix(Config& c, const std::string& v) {
  if (v.empty() || v[0] != '/' || (v.size() > 1 && v.back() == '/')) {
    return "must start with '/' and not end with one, e.g. /taiga";
  }
  c.prefix = v == "/" ? "" : v;
  return std::nullopt;
}

std::optional<std::string> SetDatabase(Config& c, const std::string& v) {
  if (v.empty()) {
    c.database.clear();  // the default: SQLite in the data directory
    return std::nullopt;
  }
  if (v.rfind("sqlite:", 0) != 0 && v.rfind("postgresql://", 0) != 0 &&
      v.rfind("postgres://", 0) != 0) {
    return "must be sqlite:PATH or postgresql://user@host:port/db";
  }
  c.database = v;
  return std::nullopt;
}

std::optional<std::string> SetBucket(Config& c, const std::string& v) {
  bool ok = v.size() >= 3 && v.size() <= 63;
  for (char ch : v) ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-');
  if (!ok) return "must be 3-63 characters of a-z, 0-9 and '-'";
  c.blob_bucket = v;
  return std::nullopt;
}

std::optional<std::string> SetSigningKey(Config& c, const std::string& v) {
  bool hex = v.size() % 2 == 0;
  for (char ch : v) hex = hex && std::isxdigit(static_cast<unsigned char>(ch));
  if (!v.empty() && (!hex || v.size() < 64)) {
    return "must be at least 64 hex digits (32 bytes), e.g. from `openssl rand -hex 32`";
  }
  c.signing_key = v;
  return std::nullopt;
}

std::optional<std::string> SetPublicUrl(Config& c, const std::string& v) {
  if (!v.empty() && ((v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) ||
                     v.back() == '/' || v.find_first_of(" ?#") != std::string::npos)) {
    return "must be an http(s) URL with the prefix and no trailing '/', "
           "e.g. https://data.example.org/taiga";
  }
  c.public_url = v;
  return std::nullopt;
}

// http(s)://host[:port] with no path, or empty (unset).
std::optional<std::string> SetEndpoint(std::string* out, const std::string& v) {
  std::string_view rest = v;
  if (rest.rfind("http://", 0) == 0) {
    rest.remove_prefix(7);
  } else if (rest.rfind("https://", 0) == 0) {
    rest.remove_prefix(8);
  } else if (!v.empty()) {
    return "must be http(s)://host[:port], e.g. https://s3.us-east-1.amazonaws.com";
  }
  if (!v.empty() && (rest.empty() || rest.find_first_of("/?#@ ") != std::string_view::npos)) {
    return "must be http(s)://host[:port] with no path";
  }
  *out = v;
  return std::nullopt;
}

std::optional<std::string> SetText(std::string* out, const std::string& v) {
  *out = v;
  return std::nullopt;
}

// Every scalar key, by its YAML path; the TAIGA_* variable is the path upper-cased with '.'→'_'.
const std::map<std::string, Setter>& Setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"data_dir", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.data_dir = v;
         return std::nullopt;
       }},
      {"listen", SetListen},
      {"prefix", SetPrefix},
      {"database", SetDatabase},
      {"log_level", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v != "debug" && v != "info" && v != "warn" && v != "error") {
           return "must be debug, info, warn or error";
         }
         c.log_level = v;
         return std::nullopt;
       }},
      {"access_log", [](Config& c, const std::string& v) { return SetBool(&c.access_log, v); }},
      {"http.io_threads",
       [](Config& c, const std::string& v) { return SetInt(&c.io_threads, v, 1, 64); }},
      {"http.request_threads",
       [](Config& c, const std::string& v) { return SetInt(&c.request_threads, v, 1, 256); }},
      {"http.max_queued_requests",
       [](Config& c, const std::string& v) { return SetInt(&c.max_queued_requests, v, 1, 1 << 20); }},
      {"http.max_body_bytes", [](Config& c, const std::string& v) -> std::optional<std::string> {
         uint64_t x = 0;
         auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
         if (ec != std::errc() || end != v.data() + v.size() || x < 1024 || x > (1ull << 34)) {
           return "must be a byte count from 1024 to 17179869184";
         }
         c.max_body_bytes = x;
         return std::nullopt;
       }},
      {"http.idle_timeout_seconds",
       [](Config& c, const std::string& v) { return SetInt(&c.idle_timeout_seconds, v, 1, 3600); }},
      {"http.shutdown_grace_seconds",
       [](Config& c, const std::string& v) { return SetInt(&c.shutdown_grace_seconds, v, 0, 3600); }},
      {"http.byte_threads",
       [](Config& c, const std::string& v) { return SetInt(&c.byte_threads, v, 1, 256); }},
      {"blob.backend", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v != "local" && v != "s3") return "must be local or s3";
         c.blob_backend = v;
         return std::nullopt;
       }},
      {"blob.bucket", SetBucket},
      {"blob.s3.endpoint",
       [](Config& c, const std::string& v) { return SetEndpoint(&c.blob_s3_endpoint, v); }},
      {"blob.s3.public_endpoint",
       [](Config& c, const std::string& v) {
         return SetEndpoint(&c.blob_s3_public_endpoint, v);
       }},
      {"blob.s3.region", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty (any name works for RGW and MinIO)";
         c.blob_s3_region = v;
         return std::nullopt;
       }},
      {"blob.s3.access_key",
       [](Config& c, const std::string& v) { return SetText(&c.blob_s3_access_key, v); }},
      {"blob.s3.secret_key",
       [](Config& c, const std::string& v) { return SetText(&c.blob_s3_secret_key, v); }},
      {"blob.s3.path_style",
       [](Config& c, const std::string& v) { return SetBool(&c.blob_s3_path_style, v); }},
      {"blob.s3.sts_role_arn", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (!v.empty() && v.rfind("arn:", 0) != 0) {
           return "must be a role ARN, e.g. arn:aws:iam::123456789012:role/taiga-uploads";
         }
         c.blob_s3_sts_role_arn = v;
         return std::nullopt;
       }},
      {"blob.s3.sts_endpoint",
       [](Config& c, const std::string& v) { return SetEndpoint(&c.blob_s3_sts_endpoint, v); }},
      {"blob.s3.sts_max_seconds",
       [](Config& c, const std::string& v) {
         return SetInt(&c.blob_s3_sts_max_seconds, v, 900, 43200);
       }},
      {"signing_key", SetSigningKey},
      {"public_url", SetPublicUrl},
      {"database_pool.sqlite_readers",
       [](Config& c, const std::string& v) { return SetInt(&c.sqlite_readers, v, 1, 64); }},
      {"database_pool.postgres_pool_size",
       [](Config& c, const std::string& v) { return SetInt(&c.postgres_pool_size, v, 1, 256); }},
      {"auth.proxy_header", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) c.proxy_header.reset(); else c.proxy_header = v;
         return std::nullopt;
       }},
      {"auth.trusted_proxies", [](Config& c, const std::string& v) -> std::optional<std::string> {
         c.trusted_proxies.clear();
         size_t i = 0;
         while (i <= v.size()) {
           size_t j = v.find(',', i);
           if (j == std::string::npos) j = v.size();
           if (j > i) c.trusted_proxies.push_back(v.substr(i, j - i));
           i = j + 1;
         }
         return std::nullopt;
       }},
      {"auth.default_user", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) c.default_user.reset(); else c.default_user = v;
         return std::nullopt;
       }},
      {"web.dir", [](Config& c, const std::string& v) { return SetText(&c.web_dir, v); }},
      {"web.session_days",
       [](Config& c, const std::string& v) { return SetInt(&c.web_session_days, v, 1, 365); }},
      {"web.signin_code_minutes",
       [](Config& c, const std::string& v) {
         return SetInt(&c.web_signin_code_minutes, v, 1, 10080);
       }},
      {"web.print_signin_url",
       [](Config& c, const std::string& v) { return SetBool(&c.web_print_signin_url, v); }},
      {"admin.name", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.empty()) return "must not be empty";
         c.admin_name = v;
         return std::nullopt;
       }},
      {"admin.email", [](Config& c, const std::string& v) -> std::optional<std::string> {
         if (v.find('@') == std::string::npos) return "must be an email address";
         c.admin_email = v;
         return std::nullopt;
       }},
      {"workers.threads",
       [](Config& c, const std::string& v) { return SetInt(&c.workers_threads, v, 0, 64); }},
      {"workers.lease_seconds",
       [](Config& c, const std::string& v) { return SetInt(&c.workers_lease_seconds, v, 5, 3600); }},
      {"workers.max_attempts",
       [](Config& c, const std::string& v) { return SetInt(&c.workers_max_attempts, v, 1, 100); }},
      {"conversion.columnar_zlib_level",
       [](Config& c, const std::string& v) {
         return SetInt(&c.conversion_columnar_zlib_level, v, 1, 9);
       }},
      {"conversion.compression_threads",
       [](Config& c, const std::string& v) {
         return SetInt(&c.conversion_compression_threads, v, 0, 64);
       }},
  };
  return kSetters;
}

std::string EnvName(const std::string& key) {
  std::string out = "TAIGA_";
  for (char c : key) out.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(c)));
  return out;
}

// The blob.s3.* keys blob.backend s3 cannot do without.
void CheckS3Settings(const Config& c, std::vector<std::string>* errors) {
  if (c.blob_backend != "s3") return;
  const std::pair<const char*, const std::string*> required[] = {
      {"blob.s3.endpoint", &c.blob_s3_endpoint},
      {"blob.s3.access_key", &c.blob_s3_access_key},
      {"blob.s3.secret_key", &c.blob_s3_secret_key},
      {"blob.s3.sts_role_arn", &c.blob_s3_sts_role_arn}};
  for (const auto& [key, value] : required) {
    if (value->empty()) {
      errors->push_back(std::string("blob.backend is s3: '") + key + "' is required (or " +
                        EnvName(key) + ")");
    }
  }
}

void Apply(Config& c, const std::string& key, const std::string& value, const std::string& where,
           std::vector<std::string>* errors) {
  auto it = Setters().find(key);
  if (it == Setters().end()) {
    errors->push_back(where + ": unknown key '" + key + "'");
    return;
  }
  if (auto err = it->second(c, value)) errors->push_back(where + ": '" + key + "' " + *err);
}

void WalkYaml(const YAML::Node& node, const std::string& path, Config& c,
              std::vector<std::string>* errors, const std::string& file) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      std::string key = kv.first.as<std::string>();
      std::string full = path.empty() ? key : path + "." + key;
      if (kv.second.IsMap()) {
        WalkYaml(kv.second, full, c, errors, file);
      } else if (kv.second.IsSequence()) {
        std::string joined;
        for (const auto& item : kv.second) joined += (joined.empty() ? "" : ",") + item.as<std::string>();
        Apply(c, full, joined, file, errors);
      } else if (kv.second.IsNull()) {
        if (!Setters().count(full)) errors->push_back(file + ": unknown key '" + full + "'");
      } else {
        Apply(c, full, kv.second.as<std::string>(), file, errors);
      }
    }
  } else if (!node.IsNull()) {
    errors->push_back(file + ": the top level must be a mapping of keys");
  }
}

}  // namespace

std::string Config::DatabaseUrl() const {
  if (!database.empty()) return database;
  return "sqlite:" + data_dir + "/taiga.db";
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

common::Result<Config> LoadConfig(const ConfigFlags& flags,
                                  const std::map<std::string, std::string>& env) {
  Config c;
  std::vector<std::string> errors;
  std::optional<std::string> file = flags.config_file;
  if (!file && env.count("TAIGA_CONFIG")) file = env.at("TAIGA_CONFIG");
  if (file) {
    try {
      WalkYaml(YAML::LoadFile(*file), "", c, &errors, *file);
    } catch (const YAML::Exception& e) {
      errors.push_back(*file + ": " + e.what());
    }
  }
  for (const auto& [key, setter] : Setters()) {
    auto it = env.find(EnvName(key));
    if (it != env.end()) Apply(c, key, it->second, it->first, &errors);
  }
  if (flags.data_dir) Apply(c, "data_dir", *flags.data_dir, "--data-dir", &errors);
  if (flags.database) Apply(c, "database", *flags.database, "--database", &errors);
  if (flags.listen) Apply(c, "listen", *flags.listen, "--listen", &errors);
  if (flags.prefix) Apply(c, "prefix", *flags.prefix, "--prefix", &errors);
  CheckS3Settings(c, &errors);
  if (!errors.empty()) {
    std::string msg = "invalid configuration:";
    for (const auto& e : errors) msg += "\n  " + e;
    return common::InvalidArgument(msg);
  }
  return c;
}

}  // namespace taiga::main
