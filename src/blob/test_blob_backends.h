// Test support (included by *_test.cc only): makes a fresh BlobStore of each backend for the
// contract suite — memory, local (a temp dir), S3 (the endpoint in TAIGA_TEST_S3_*, see
// scripts/with-rgw; without it the S3 tests skip, or fail when TAIGA_REQUIRE_S3=1) — and small
// helpers to write, read and fetch URLs. Header-only; not thread-safe.
#pragma once

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "blob/blob_store.h"
#include "blob/local/local_blob_store.h"
#include "blob/memory/memory_blob_store.h"
#include "blob/s3/s3_blob_store.h"
#include "common/random.h"
#include "common/test_status.h"

namespace taiga::blob::testing {

enum class Backend { kMemory, kLocal, kS3 };

inline const char* BackendLabel(Backend b) {
  switch (b) {
    case Backend::kMemory:
      return "Memory";
    case Backend::kLocal:
      return "Local";
    case Backend::kS3:
      return "S3";
  }
  return "?";
}

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

// The S3 options of the test endpoint, or nullopt when TAIGA_TEST_S3_* is not set.
inline std::optional<S3BlobStoreOptions> S3TestOptions() {
  S3BlobStoreOptions o;
  o.endpoint = Env("TAIGA_TEST_S3_ENDPOINT");
  o.access_key_id = Env("TAIGA_TEST_S3_ACCESS_KEY");
  o.secret_access_key = Env("TAIGA_TEST_S3_SECRET_KEY");
  o.bucket = Env("TAIGA_TEST_S3_BUCKET");
  const std::string region = Env("TAIGA_TEST_S3_REGION");
  if (!region.empty()) o.region = region;
  if (o.endpoint.empty() || o.access_key_id.empty() || o.secret_access_key.empty() ||
      o.bucket.empty()) {
    return std::nullopt;
  }
  o.part_size = 5ull << 20;  // S3's minimum, so 20 MiB is four parts
  o.multipart_copy_threshold = 6ull << 20;
  o.copy_part_size = 5ull << 20;
  return o;
}

inline constexpr char kS3Missing[] =
    "S3 tests need TAIGA_TEST_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY, _BUCKET (run under "
    "scripts/with-rgw)";

// A temp directory removed when destroyed.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "taiga-blob.XXXXXX").string();
    path_ = mkdtemp(tmpl.data()) ? tmpl : std::string();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads the reader to its end in pieces of `piece` bytes.
inline common::Result<std::string> ReadAll(BlobReader& reader, size_t piece = 64 * 1024) {
  std::string out, buf(piece, '\0');
  while (true) {
    TAIGA_ASSIGN_OR_RETURN(size_t n, reader.Read(buf.data(), buf.size()));
    if (n == 0) return out;
    out.append(buf.data(), n);
  }
}

inline common::Result<std::string> ReadKey(BlobStore& store, std::string_view key,
                                           uint64_t offset = 0,
                                           std::optional<uint64_t> length = std::nullopt) {
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<BlobReader> r, store.Read(key, offset, length));
  return ReadAll(*r);
}

inline common::Result<WriteResult> WriteKey(BlobStore& store, std::string_view key,
                                            std::string_view bytes, size_t piece = 1000) {
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<BlobWriter> w, store.Write(key));
  for (size_t off = 0; off < bytes.size(); off += piece) {
    TAIGA_RETURN_IF_ERROR(w->Write(bytes.substr(off, piece)));
  }
  return w->Commit();
}

struct HttpAnswer {
  long status = 0;
  std::string body;
  std::string headers;  // raw header block
};

// A plain unauthenticated GET with libcurl.
inline HttpAnswer HttpGet(const std::string& url) {
  HttpAnswer a;
  CURL* h = curl_easy_init();
  auto append = +[](char* d, size_t s, size_t n, void* p) {
    static_cast<std::string*>(p)->append(d, s * n);
    return s * n;
  };
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, append);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &a.headers);
  if (curl_easy_perform(h) == CURLE_OK) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a.status);
  curl_easy_cleanup(h);
  return a;
}

// The value of header `name` (case-insensitive) in a raw header block, or "".
inline std::string HeaderIn(const std::string& block, const std::string& name) {
  std::string lower_block = block, lower_name = name;
  for (char& c : lower_block) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : lower_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t at = lower_block.find("\n" + lower_name + ":");
  if (at == std::string::npos) return "";
  size_t start = at + name.size() + 2;
  while (start < block.size() && block[start] == ' ') ++start;
  const size_t end = block.find_first_of("\r\n", start);
  return block.substr(start, end - start);
}

}  // namespace taiga::blob::testing
