#include "main/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace taiga::main {
namespace {

std::string WriteTemp(const std::string& text) {
  char name[] = "/tmp/taiga-config-XXXXXX";
  int fd = mkstemp(name);
  close(fd);
  std::ofstream(name) << text;
  return name;
}

TEST(LoadConfig, DefaultsWithNothingGiven) {
  auto c = LoadConfig({}, {});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->data_dir, "./taiga-data");
  EXPECT_EQ(c->listen_host, "127.0.0.1");
  EXPECT_EQ(c->listen_port, 8080);
  EXPECT_EQ(c->prefix, "/taiga");
  EXPECT_EQ(c->DatabaseUrl(), "sqlite:./taiga-data/taiga.db");
  EXPECT_FALSE(c->default_user.has_value());
}

TEST(LoadConfig, TheExampleFileParsesToTheDefaults) {
  ConfigFlags flags;
  flags.config_file = std::string(TAIGA_SOURCE_DIR) + "/deploy/taiga.example.yaml";
  auto c = LoadConfig(flags, {});
  ASSERT_TRUE(c.ok()) << c.status().message();
  auto d = LoadConfig({}, {});
  EXPECT_EQ(c->data_dir, d->data_dir);
  EXPECT_EQ(c->listen_port, d->listen_port);
  EXPECT_EQ(c->max_body_bytes, d->max_body_bytes);
  EXPECT_EQ(c->request_threads, d->request_threads);
  EXPECT_EQ(c->admin_email, d->admin_email);
  EXPECT_FALSE(c->proxy_header.has_value());
  EXPECT_TRUE(c->trusted_proxies.empty());
  EXPECT_EQ(c->byte_threads, d->byte_threads);
  EXPECT_EQ(c->blob_backend, "local");
  EXPECT_EQ(c->blob_bucket, "taiga");
  EXPECT_EQ(c->signing_key, "");
  EXPECT_EQ(c->public_url, "");
  EXPECT_EQ(c->blob_s3_endpoint, d->blob_s3_endpoint);
  EXPECT_EQ(c->blob_s3_public_endpoint, "");
  EXPECT_EQ(c->blob_s3_region, "us-east-1");
  EXPECT_EQ(c->blob_s3_access_key, "");
  EXPECT_EQ(c->blob_s3_secret_key, "");
  EXPECT_TRUE(c->blob_s3_path_style);
  EXPECT_EQ(c->blob_s3_sts_role_arn, "");
  EXPECT_EQ(c->blob_s3_sts_endpoint, "");
  EXPECT_EQ(c->blob_s3_sts_max_seconds, 3600);
}

TEST(LoadConfig, S3BackendFromFileAndEnvironment) {
  ConfigFlags flags;
  flags.config_file = WriteTemp(
      "blob:\n  backend: s3\n  bucket: taiga-prod\n  s3:\n"
      "    endpoint: http://rgw.internal:7480\n    public_endpoint: https://s3.example.org\n"
      "    region: eu-west-1\n    access_key: AKIDSERVER\n    path_style: false\n"
      "    sts_role_arn: arn:aws:iam::123456789012:role/taiga-uploads\n"
      "    sts_endpoint: https://sts.eu-west-1.amazonaws.com\n    sts_max_seconds: 43200\n");
  auto c = LoadConfig(flags, {{"TAIGA_BLOB_S3_SECRET_KEY", "from-env"}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->blob_backend, "s3");
  EXPECT_EQ(c->blob_bucket, "taiga-prod");
  EXPECT_EQ(c->blob_s3_endpoint, "http://rgw.internal:7480");
  EXPECT_EQ(c->blob_s3_public_endpoint, "https://s3.example.org");
  EXPECT_EQ(c->blob_s3_region, "eu-west-1");
  EXPECT_EQ(c->blob_s3_access_key, "AKIDSERVER");
  EXPECT_EQ(c->blob_s3_secret_key, "from-env");
  EXPECT_FALSE(c->blob_s3_path_style);
  EXPECT_EQ(c->blob_s3_sts_role_arn, "arn:aws:iam::123456789012:role/taiga-uploads");
  EXPECT_EQ(c->blob_s3_sts_endpoint, "https://sts.eu-west-1.amazonaws.com");
  EXPECT_EQ(c->blob_s3_sts_max_seconds, 43200);
  std::remove(flags.config_file->c_str());

  // s3 without what it needs: every missing key named, with its variable.
  auto missing = LoadConfig({}, {{"TAIGA_BLOB_BACKEND", "s3"}});
  ASSERT_FALSE(missing.ok());
  const auto& m = missing.status().message();
  for (const char* name : {"TAIGA_BLOB_S3_ENDPOINT", "TAIGA_BLOB_S3_ACCESS_KEY",
                           "TAIGA_BLOB_S3_SECRET_KEY", "TAIGA_BLOB_S3_STS_ROLE_ARN"}) {
    EXPECT_NE(m.find(name), std::string::npos) << name << ": " << m;
  }
  // ... and bad values, all at once.
  auto bad = LoadConfig({}, {{"TAIGA_BLOB_S3_ENDPOINT", "rgw:7480"},
                             {"TAIGA_BLOB_S3_PUBLIC_ENDPOINT", "https://s3.example.org/bucket"},
                             {"TAIGA_BLOB_S3_STS_ENDPOINT", "ftp://sts"},
                             {"TAIGA_BLOB_S3_REGION", ""},
                             {"TAIGA_BLOB_S3_PATH_STYLE", "maybe"},
                             {"TAIGA_BLOB_S3_STS_ROLE_ARN", "taiga-uploads"},
                             {"TAIGA_BLOB_S3_STS_MAX_SECONDS", "60"}});
  ASSERT_FALSE(bad.ok());
  const auto& b = bad.status().message();
  for (const char* name :
       {"TAIGA_BLOB_S3_ENDPOINT", "TAIGA_BLOB_S3_PUBLIC_ENDPOINT", "TAIGA_BLOB_S3_STS_ENDPOINT",
        "TAIGA_BLOB_S3_REGION", "TAIGA_BLOB_S3_PATH_STYLE", "TAIGA_BLOB_S3_STS_ROLE_ARN",
        "TAIGA_BLOB_S3_STS_MAX_SECONDS"}) {
    EXPECT_NE(b.find(name), std::string::npos) << name << ": " << b;
  }
}

TEST(LoadConfig, BlobSigningKeyAndPublicUrl) {
  ConfigFlags flags;
  const std::string key(64, 'a');
  flags.config_file = WriteTemp("blob:\n  bucket: my-uploads\nhttp:\n"
                                "  byte_threads: 4\npublic_url: https://data.example.org/taiga\n"
                                "signing_key: " + key + "\n");
  auto c = LoadConfig(flags, {});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->blob_bucket, "my-uploads");
  EXPECT_EQ(c->byte_threads, 4);
  EXPECT_EQ(c->public_url, "https://data.example.org/taiga");
  EXPECT_EQ(c->signing_key, key);
  std::remove(flags.config_file->c_str());

  std::map<std::string, std::string> env = {{"TAIGA_BLOB_BACKEND", "gcs"},
                                            {"TAIGA_BLOB_BUCKET", "No_Caps"},
                                            {"TAIGA_HTTP_BYTE_THREADS", "0"},
                                            {"TAIGA_SIGNING_KEY", "abcd"},
                                            {"TAIGA_PUBLIC_URL", "data.example.org/"}};
  auto bad = LoadConfig({}, env);
  ASSERT_FALSE(bad.ok());
  const auto& m = bad.status().message();
  for (const char* name : {"TAIGA_BLOB_BACKEND", "TAIGA_BLOB_BUCKET", "TAIGA_HTTP_BYTE_THREADS",
                           "TAIGA_SIGNING_KEY", "TAIGA_PUBLIC_URL"}) {
    EXPECT_NE(m.find(name), std::string::npos) << name << ": " << m;
  }
}

TEST(LoadConfig, UnknownKeysAreAllListed) {
  ConfigFlags flags;
  flags.config_file = WriteTemp("lisen: x\nhttp:\n  io_thread: 3\n  request_threads: 0\n");
  auto c = LoadConfig(flags, {});
  ASSERT_FALSE(c.ok());
  const auto& m = c.status().message();
  EXPECT_NE(m.find("unknown key 'lisen'"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown key 'http.io_thread'"), std::string::npos) << m;
  EXPECT_NE(m.find("http.request_threads"), std::string::npos) << m;
  std::remove(flags.config_file->c_str());
}

TEST(LoadConfig, EnvironmentBeatsFileAndFlagsBeatEnvironment) {
  ConfigFlags flags;
  flags.config_file = WriteTemp("listen: 0.0.0.0:9000\nhttp:\n  io_threads: 3\n");
  std::map<std::string, std::string> env = {{"TAIGA_LISTEN", "127.0.0.1:9100"},
                                            {"TAIGA_HTTP_IO_THREADS", "4"},
                                            {"TAIGA_UNRELATED_THING", "ignored"}};
  auto c = LoadConfig(flags, env);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->listen_port, 9100);
  EXPECT_EQ(c->io_threads, 4);
  flags.listen = "127.0.0.1:9200";
  c = LoadConfig(flags, env);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->listen_port, 9200);
  std::remove(flags.config_file->c_str());
}

TEST(LoadConfig, RejectsBadValues) {
  ConfigFlags flags;
  flags.listen = "nonsense";
  flags.prefix = "taiga/";
  flags.database = "mysql://x";
  auto c = LoadConfig(flags, {});
  ASSERT_FALSE(c.ok());
  const auto& m = c.status().message();
  EXPECT_NE(m.find("--listen"), std::string::npos) << m;
  EXPECT_NE(m.find("--prefix"), std::string::npos) << m;
  EXPECT_NE(m.find("--database"), std::string::npos) << m;
}

TEST(LoadConfig, ListsAndProxySettings) {
  ConfigFlags flags;
  flags.config_file = WriteTemp(
      "auth:\n  proxy_header: X-Forwarded-Email\n  trusted_proxies: [127.0.0.1, ::1]\n");
  auto c = LoadConfig(flags, {});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(*c->proxy_header, "X-Forwarded-Email");
  ASSERT_EQ(c->trusted_proxies.size(), 2u);
  EXPECT_EQ(c->trusted_proxies[1], "::1");
  std::remove(flags.config_file->c_str());
}

TEST(LoadConfig, WorkerSettingsDefaultsExampleFileEnvironmentAndBounds) {
  auto d = LoadConfig({}, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->workers_threads, 2);
  EXPECT_EQ(d->workers_lease_seconds, 60);
  EXPECT_EQ(d->workers_max_attempts, 5);
  ConfigFlags example;
  example.config_file = std::string(TAIGA_SOURCE_DIR) + "/deploy/taiga.example.yaml";
  auto e = LoadConfig(example, {});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->workers_threads, d->workers_threads);
  EXPECT_EQ(e->workers_lease_seconds, d->workers_lease_seconds);
  EXPECT_EQ(e->workers_max_attempts, d->workers_max_attempts);

  ConfigFlags flags;
  flags.config_file = WriteTemp("workers:\n  threads: 0\n  lease_seconds: 30\n");
  auto c = LoadConfig(flags, {{"TAIGA_WORKERS_MAX_ATTEMPTS", "3"}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->workers_threads, 0);
  EXPECT_EQ(c->workers_lease_seconds, 30);
  EXPECT_EQ(c->workers_max_attempts, 3);
  std::remove(flags.config_file->c_str());

  auto bad = LoadConfig({}, {{"TAIGA_WORKERS_THREADS", "-1"},
                             {"TAIGA_WORKERS_LEASE_SECONDS", "1"},
                             {"TAIGA_WORKERS_MAX_ATTEMPTS", "0"}});
  ASSERT_FALSE(bad.ok());
  const auto& m = bad.status().message();
  EXPECT_NE(m.find("'workers.threads' must be an integer from 0 to 64"), std::string::npos) << m;
  EXPECT_NE(m.find("workers.lease_seconds"), std::string::npos) << m;
  EXPECT_NE(m.find("workers.max_attempts"), std::string::npos) << m;
}

TEST(LoadConfig, ConversionSettingsDefaultsExampleFileEnvironmentAndBounds) {
  auto d = LoadConfig({}, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->conversion_columnar_zlib_level, 6);  // Taiga 2's bytes
  EXPECT_EQ(d->conversion_compression_threads, 0);
  ConfigFlags example;
  example.config_file = std::string(TAIGA_SOURCE_DIR) + "/deploy/taiga.example.yaml";
  auto e = LoadConfig(example, {});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->conversion_columnar_zlib_level, d->conversion_columnar_zlib_level);
  EXPECT_EQ(e->conversion_compression_threads, d->conversion_compression_threads);
  auto c = LoadConfig({}, {{"TAIGA_CONVERSION_COLUMNAR_ZLIB_LEVEL", "1"},
                           {"TAIGA_CONVERSION_COMPRESSION_THREADS", "3"}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->conversion_columnar_zlib_level, 1);
  EXPECT_EQ(c->conversion_compression_threads, 3);
  auto bad = LoadConfig({}, {{"TAIGA_CONVERSION_COLUMNAR_ZLIB_LEVEL", "0"},
                             {"TAIGA_CONVERSION_COMPRESSION_THREADS", "x"}});
  ASSERT_FALSE(bad.ok());
  const auto& m = bad.status().message();
  EXPECT_NE(m.find("'conversion.columnar_zlib_level' must be an integer from 1 to 9"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("conversion.compression_threads"), std::string::npos) << m;
}

TEST(LoadConfig, WebSettingsDefaultsExampleFileEnvironmentAndBounds) {
  auto d = LoadConfig({}, {});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->web_dir, "");
  EXPECT_EQ(d->web_session_days, 14);
  EXPECT_EQ(d->web_signin_code_minutes, 60);
  EXPECT_TRUE(d->web_print_signin_url);
  ConfigFlags example;
  example.config_file = std::string(TAIGA_SOURCE_DIR) + "/deploy/taiga.example.yaml";
  auto e = LoadConfig(example, {});
  ASSERT_TRUE(e.ok()) << e.status().message();
  EXPECT_EQ(e->web_dir, d->web_dir);
  EXPECT_EQ(e->web_session_days, d->web_session_days);
  EXPECT_EQ(e->web_signin_code_minutes, d->web_signin_code_minutes);
  EXPECT_EQ(e->web_print_signin_url, d->web_print_signin_url);

  auto c = LoadConfig({}, {{"TAIGA_WEB_DIR", "web/dist"}, {"TAIGA_WEB_SESSION_DAYS", "1"},
                           {"TAIGA_WEB_SIGNIN_CODE_MINUTES", "5"},
                           {"TAIGA_WEB_PRINT_SIGNIN_URL", "false"}});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->web_dir, "web/dist");
  EXPECT_EQ(c->web_session_days, 1);
  EXPECT_EQ(c->web_signin_code_minutes, 5);
  EXPECT_FALSE(c->web_print_signin_url);

  auto bad = LoadConfig({}, {{"TAIGA_WEB_SESSION_DAYS", "0"},
                             {"TAIGA_WEB_SIGNIN_CODE_MINUTES", "10081"},
                             {"TAIGA_WEB_PRINT_SIGNIN_URL", "maybe"}});
  ASSERT_FALSE(bad.ok());
  const auto& m = bad.status().message();
  EXPECT_NE(m.find("'web.session_days' must be an integer from 1 to 365"), std::string::npos) << m;
  EXPECT_NE(m.find("web.signin_code_minutes"), std::string::npos) << m;
  EXPECT_NE(m.find("'web.print_signin_url' must be true or false"), std::string::npos) << m;
}

}  // namespace
}  // namespace taiga::main
