#include "main/blob_factory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "blob/memory/memory_blob_store.h"
#include "blob/s3/s3_blob_store.h"
#include "blob/s3/sts_credential_issuer.h"
#include "common/random.h"

namespace taiga::main {
namespace {

constexpr size_t kKeyBytes = 32;

int Nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

common::Result<std::string> HexDecode(const std::string& hex, const std::string& where) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int hi = Nibble(hex[i]), lo = Nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) break;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  if (out.size() * 2 != hex.size()) return common::InvalidArgument(where + " is not hex");
  return out;
}

common::Result<std::string> ReadKeyFile(const std::string& path) {
  std::ifstream in(path);
  std::string hex;
  in >> hex;
  if (!in && !in.eof()) return common::Unavailable("cannot read " + path);
  TAIGA_ASSIGN_OR_RETURN(std::string key, HexDecode(hex, path));
  if (key.size() < kKeyBytes) {
    return common::InvalidArgument(path +
                                   " holds no signing key (64 hex digits); delete it to "
                                   "make a new one (outstanding download links stop working)");
  }
  return key;
}

// Writes a new key to a temp file and links it into place, so that of two servers starting
// at once on an empty data dir exactly one key wins and both use it.
common::Status CreateKeyFile(const std::string& path) {
  const std::string tmp = path + "." + common::RandomHex(6) + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return common::Unavailable("cannot create " + tmp + ": " + std::strerror(errno));
  const std::string text = common::RandomHex(kKeyBytes) + "\n";
  const bool wrote = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                     ::fsync(fd) == 0;
  ::close(fd);
  const bool linked = wrote && (::link(tmp.c_str(), path.c_str()) == 0 || errno == EEXIST);
  const int err = errno;
  ::unlink(tmp.c_str());
  if (!linked) return common::Unavailable("cannot write " + path + ": " + std::strerror(err));
  return common::Status::Ok();
}

// The bucket with STS credentials (blob.backend s3).
common::Result<BlobBackend> OpenS3Backend(const Config& c) {
  blob::S3BlobStoreOptions s3;
  s3.endpoint = c.blob_s3_endpoint;
  s3.public_endpoint = c.blob_s3_public_endpoint;
  s3.region = c.blob_s3_region;
  s3.bucket = c.blob_bucket;
  s3.access_key_id = c.blob_s3_access_key;
  s3.secret_access_key = c.blob_s3_secret_key;
  s3.path_style = c.blob_s3_path_style;
  blob::StsCredentialIssuerOptions sts;
  sts.sts_endpoint = c.blob_s3_sts_endpoint.empty() ? c.blob_s3_endpoint : c.blob_s3_sts_endpoint;
  sts.public_endpoint =
      c.blob_s3_public_endpoint.empty() ? c.blob_s3_endpoint : c.blob_s3_public_endpoint;
  sts.region = c.blob_s3_region;
  sts.role_arn = c.blob_s3_sts_role_arn;
  sts.access_key_id = c.blob_s3_access_key;
  sts.secret_access_key = c.blob_s3_secret_key;
  sts.bucket = c.blob_bucket;
  sts.max_seconds = c.blob_s3_sts_max_seconds;
  BlobBackend out;
  TAIGA_ASSIGN_OR_RETURN(out.store, blob::S3BlobStore::Create(std::move(s3)));
  TAIGA_ASSIGN_OR_RETURN(out.issuer, blob::StsCredentialIssuer::Create(std::move(sts)));
  return out;
}

}  // namespace

common::Result<std::string> LoadOrCreateSigningKey(const Config& config) {
  if (!config.signing_key.empty()) return HexDecode(config.signing_key, "signing_key");
  const std::string path = config.data_dir + "/signing-key";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) TAIGA_RETURN_IF_ERROR(CreateKeyFile(path));
  return ReadKeyFile(path);
}

common::Result<BlobBackend> OpenBlobBackend(const Config& config) {
  if (config.blob_backend == "s3") return OpenS3Backend(config);
  TAIGA_ASSIGN_OR_RETURN(std::string key, LoadOrCreateSigningKey(config));
  blob::LocalBlobStoreOptions local;
  local.root = config.data_dir + "/blobs";
  local.url_signing_key = key;
  TAIGA_ASSIGN_OR_RETURN(auto store, blob::LocalBlobStore::Open(local));
  blob::EmbeddedCredentialOptions creds;
  creds.signing_key = key;
  creds.bucket = config.blob_bucket;
  TAIGA_ASSIGN_OR_RETURN(auto issuer, blob::EmbeddedCredentialIssuer::Create(creds));
  BlobBackend out;
  out.embedded = issuer.get();
  out.issuer = std::move(issuer);
  out.local = store.get();
  out.store = std::move(store);
  return out;
}

BlobBackend MemoryBlobBackend(const Config& config) {
  blob::EmbeddedCredentialOptions creds;
  creds.signing_key = common::RandomHex(kKeyBytes);
  creds.bucket = config.blob_bucket;
  BlobBackend out;
  out.store = std::make_unique<blob::MemoryBlobStore>();
  auto issuer = std::move(blob::EmbeddedCredentialIssuer::Create(creds)).value();
  out.embedded = issuer.get();
  out.issuer = std::move(issuer);
  return out;
}

}  // namespace taiga::main
