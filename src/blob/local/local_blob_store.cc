#include "blob/local/local_blob_store.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <utility>

#include "blob/blob_key.h"
#include "blob/local/local_blob_reader.h"
#include "blob/local/local_blob_writer.h"
#include "blob/local/local_fs.h"
#include "common/hex.h"
#include "common/log.h"
#include "common/random.h"

namespace taiga::blob {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kTmpDir = "tmp";
constexpr size_t kSmallBlobBytes = 64 << 10;  // what CreateIfAbsent reads back

std::string EtagOf(const struct stat& st) {
  const uint64_t mtime_ns = static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000ULL +
                            static_cast<uint64_t>(st.st_mtim.tv_nsec);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%llx-%llx", static_cast<unsigned long long>(mtime_ns),
                static_cast<unsigned long long>(st.st_size));
  return buf;
}

// Removes temp files left by writers that died more than `max_age` seconds ago.
void RemoveStaleTempFiles(const std::string& tmp_dir, int max_age) {
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::seconds(max_age);
  for (auto it = fs::directory_iterator(tmp_dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    std::error_code e2;
    if (it->is_regular_file(e2) && it->last_write_time(e2) < cutoff) fs::remove(it->path(), e2);
  }
}

// A fresh temp file path and its descriptor. Errors: Unavailable.
common::Result<std::pair<std::string, int>> OpenTempPath(const std::string& root) {
  std::string tmp = root + "/tmp/" + common::RandomHex(16) + ".part";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return common::Unavailable(local_fs::FromErrno("create", tmp, errno).message());
  return std::make_pair(std::move(tmp), fd);
}

}  // namespace

common::Result<std::unique_ptr<LocalBlobStore>> LocalBlobStore::Open(
    LocalBlobStoreOptions options) {
  if (options.root.empty()) return common::InvalidArgument("the local blob store needs a root");
  while (options.root.size() > 1 && options.root.back() == '/') options.root.pop_back();
  TAIGA_ASSIGN_OR_RETURN(LocalUrlSigner signer, LocalUrlSigner::Create(options.url_signing_key));
  std::error_code ec;
  fs::create_directories(options.root + "/" + std::string(kTmpDir), ec);
  if (ec) {
    return common::Unavailable("cannot create the blob directory " + options.root + ": " +
                               ec.message());
  }
  RemoveStaleTempFiles(options.root + "/" + std::string(kTmpDir), options.stale_tmp_seconds);
  return std::unique_ptr<LocalBlobStore>(new LocalBlobStore(std::move(options), std::move(signer)));
}

LocalBlobStore::LocalBlobStore(LocalBlobStoreOptions options, LocalUrlSigner signer)
    : options_(std::move(options)),
      signer_(std::move(signer)),
      clock_(options_.clock ? options_.clock : &system_clock_),
      md5_(options_.md5_worker ? std::make_unique<MultiLaneMd5>() : nullptr) {}

common::Status LocalBlobStore::CheckKey(std::string_view key) const {
  TAIGA_RETURN_IF_ERROR(ValidateBlobKey(key));
  if (key.substr(0, kTmpDir.size() + 1) == "tmp/" || key == kTmpDir) {
    return common::InvalidArgument("blob keys under tmp/ are reserved by the local store");
  }
  return common::Status::Ok();
}

common::Result<std::unique_ptr<BlobWriter>> LocalBlobStore::Write(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  TAIGA_ASSIGN_OR_RETURN(auto tmp, OpenTempPath(options_.root));
  return std::unique_ptr<BlobWriter>(new LocalBlobWriter(
      options_.root, std::string(key), std::move(tmp.first), tmp.second, options_.fsync,
      md5_.get()));
}

common::Result<std::unique_ptr<LocalTempFile>> LocalBlobStore::CreateTempFile(
    std::string_view key) const {
  TAIGA_ASSIGN_OR_RETURN(auto tmp, OpenTempPath(options_.root));
  return std::make_unique<LocalTempFile>(options_.root, std::string(key), std::move(tmp.first),
                                         tmp.second, options_.fsync);
}

common::Result<uint64_t> LocalBlobStore::Concatenate(const std::vector<LocalBlobRange>& parts,
                                                     std::string_view key) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  for (const LocalBlobRange& part : parts) TAIGA_RETURN_IF_ERROR(CheckKey(part.key));
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<LocalTempFile> file, CreateTempFile(key));
  for (const LocalBlobRange& part : parts) {
    common::Status s = file->AppendFile(options_.root + "/" + part.key, part.offset, part.length);
    if (s.code() == common::StatusCode::kNotFound) {
      return common::NotFound("no blob " + part.key + " (or it is shorter than its range)");
    }
    TAIGA_RETURN_IF_ERROR(s);
  }
  return file->Commit();
}

common::Result<std::unique_ptr<LocalAssemblyFile>> LocalBlobStore::OpenAssembly(
    std::string_view key, bool create) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  if (create) {
    TAIGA_RETURN_IF_ERROR(
        local_fs::MakeDirs(options_.root, local_fs::ParentOf(key), options_.fsync));
  }
  const std::string path = options_.root + "/" + std::string(key);
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && create) {
    fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | O_CREAT | O_EXCL, 0644);
    if (fd >= 0 && options_.fsync) {  // the new name is durable before any range is recorded
      common::Status s = local_fs::FsyncDir(fs::path(path).parent_path().string());
      if (!s.ok()) ::close(fd);
      TAIGA_RETURN_IF_ERROR(s);
    } else if (fd < 0 && errno == EEXIST) {
      fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    }
  }
  if (fd < 0) {
    common::Status s = local_fs::FromErrno("open", path, errno);
    return s.code() == common::StatusCode::kNotFound ? s : common::Unavailable(s.message());
  }
  return std::make_unique<LocalAssemblyFile>(options_.root, std::string(key), fd, options_.fsync,
                                             md5_.get());
}

common::Result<std::string> LocalBlobStore::CreateIfAbsent(std::string_view key,
                                                           std::string_view content) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  const auto read = [&]() -> common::Result<std::string> {
    TAIGA_ASSIGN_OR_RETURN(auto reader, Read(key));
    std::string out(kSmallBlobBytes, '\0');
    size_t got = 0;
    while (got < out.size()) {
      TAIGA_ASSIGN_OR_RETURN(size_t n, reader->Read(out.data() + got, out.size() - got));
      if (n == 0) break;
      got += n;
    }
    out.resize(got);
    return out;
  };
  auto existing = read();
  if (existing.ok() || existing.status().code() != common::StatusCode::kNotFound) return existing;
  TAIGA_ASSIGN_OR_RETURN(std::unique_ptr<LocalTempFile> file, CreateTempFile(key));
  TAIGA_RETURN_IF_ERROR(file->Write(content));
  TAIGA_ASSIGN_OR_RETURN(bool created, file->CommitIfAbsent());
  if (created) return std::string(content);
  return read();
}

common::Result<std::unique_ptr<BlobReader>> LocalBlobStore::Read(std::string_view key,
                                                                 uint64_t offset,
                                                                 std::optional<uint64_t> length) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  const std::string path = options_.root + "/" + std::string(key);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT || err == ENOTDIR || err == EISDIR) {
      return common::NotFound("no blob " + std::string(key));
    }
    return local_fs::FromErrno("open", path, err);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return common::NotFound("no blob " + std::string(key));
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (offset > size || (length && *length > size - offset)) {
    ::close(fd);
    return common::InvalidArgument("range past the end of " + std::string(key) + " (" +
                                   std::to_string(size) + " bytes)");
  }
  if (offset > 0 && ::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
    const int err = errno;
    ::close(fd);
    return local_fs::FromErrno("seek", path, err);
  }
  return std::unique_ptr<BlobReader>(
      new LocalBlobReader(path, fd, length ? *length : size - offset));
}

common::Result<std::optional<BlobStat>> LocalBlobStore::Stat(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  const std::string path = options_.root + "/" + std::string(key);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::optional<BlobStat>();
    return local_fs::FromErrno("stat", path, errno);
  }
  if (!S_ISREG(st.st_mode)) return std::optional<BlobStat>();
  return std::optional<BlobStat>(
      BlobStat{std::string(key), static_cast<uint64_t>(st.st_size), EtagOf(st)});
}

common::Status LocalBlobStore::Delete(std::string_view key) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  const std::string path = options_.root + "/" + std::string(key);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == EISDIR) return common::Status::Ok();
    return local_fs::FromErrno("delete", path, errno);
  }
  if (!options_.fsync) return common::Status::Ok();
  return local_fs::FsyncDir(fs::path(path).parent_path().string());
}

common::Status LocalBlobStore::MoveFile(const std::string& from, const std::string& to) const {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    return common::Status::Ok();
  }
  int err = errno;
  if (err == EINVAL || err == ENOSYS) {  // no RENAME_NOREPLACE here: link is atomic no-replace
    if (::link(from.c_str(), to.c_str()) == 0) {
      ::unlink(from.c_str());
      return common::Status::Ok();
    }
    err = errno;
  }
  if (err == EEXIST) {  // content addressing: keep the existing object, drop the source
    if (::unlink(from.c_str()) != 0 && errno != ENOENT)
      return local_fs::FromErrno("delete", from, errno);
    return common::Status::Ok();
  }
  return local_fs::FromErrno("move to", to, err);
}

common::Status LocalBlobStore::Move(std::string_view from, std::string_view to) {
  TAIGA_RETURN_IF_ERROR(CheckKey(from));
  TAIGA_RETURN_IF_ERROR(CheckKey(to));
  TAIGA_ASSIGN_OR_RETURN(std::optional<BlobStat> src, Stat(from));
  if (!src) return common::NotFound("no blob " + std::string(from));
  if (from == to) return common::Status::Ok();
  TAIGA_RETURN_IF_ERROR(local_fs::MakeDirs(options_.root, local_fs::ParentOf(to), options_.fsync));
  const std::string from_path = options_.root + "/" + std::string(from);
  const std::string to_path = options_.root + "/" + std::string(to);
  common::Status s = MoveFile(from_path, to_path);
  if (s.code() == common::StatusCode::kNotFound)
    return common::NotFound("no blob " + std::string(from));
  TAIGA_RETURN_IF_ERROR(s);
  if (options_.fsync) {
    TAIGA_RETURN_IF_ERROR(local_fs::FsyncDir(fs::path(to_path).parent_path().string()));
    TAIGA_RETURN_IF_ERROR(local_fs::FsyncDir(fs::path(from_path).parent_path().string()));
  }
  return common::Status::Ok();
}

common::Result<std::vector<BlobStat>> LocalBlobStore::List(std::string_view prefix) {
  TAIGA_RETURN_IF_ERROR(ValidateBlobPrefix(prefix));
  std::vector<BlobStat> out;
  const std::string_view dir = local_fs::ParentOf(prefix);
  const std::string start = dir.empty() ? options_.root : options_.root + "/" + std::string(dir);
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(start, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) return out;
    return common::Unavailable("list " + start + ": " + ec.message());
  }
  for (; it != fs::end(it); it.increment(ec)) {
    if (ec) return common::Unavailable("list " + start + ": " + ec.message());
    const std::string key = it->path().string().substr(options_.root.size() + 1);
    if (dir.empty() && it.depth() == 0 && key == kTmpDir) {
      it.disable_recursion_pending();
      continue;
    }
    std::error_code e2;
    if (!it->is_regular_file(e2) || key.compare(0, prefix.size(), prefix) != 0) continue;
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0) continue;  // deleted meanwhile
    out.push_back({key, static_cast<uint64_t>(st.st_size), EtagOf(st)});
  }
  std::sort(out.begin(), out.end(),
            [](const BlobStat& a, const BlobStat& b) { return a.key < b.key; });
  return out;
}

common::Result<std::string> LocalBlobStore::PresignGet(std::string_view key,
                                                       const PresignOptions& options) {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  if (options.base_url.empty()) {
    return common::InvalidArgument("the local store needs PresignOptions.base_url for its URLs");
  }
  if (options.expires_seconds < 1 || options.expires_seconds > 604800) {
    return common::InvalidArgument("expires_seconds must be 1..604800");
  }
  std::string base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const common::Timestamp expires_at =
      clock_->Now() + static_cast<int64_t>(options.expires_seconds) * 1000000;
  return base + "/blob/" +
         signer_.Sign({std::string(key), options.download_name, options.content_type,
                    options.content_encoding},
                   expires_at);
}

common::Result<std::string> LocalBlobStore::LocalPath(std::string_view key) const {
  TAIGA_RETURN_IF_ERROR(CheckKey(key));
  const std::string path = options_.root + "/" + std::string(key);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return common::NotFound("no blob " + std::string(key));
  }
  return path;
}

}  // namespace taiga::blob
