#include "blob/local/local_temp_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <utility>

#include "blob/local/local_fs.h"

namespace taiga::blob {
namespace {

constexpr size_t kCopyChunkBytes = 8 << 20;  // per copy_file_range call (keeps progress visible)
constexpr size_t kFallbackBufferBytes = 1 << 20;

}  // namespace

LocalTempFile::LocalTempFile(std::string root, std::string key, std::string tmp_path, int fd,
                             bool fsync)
    : root_(std::move(root)),
      key_(std::move(key)),
      tmp_path_(std::move(tmp_path)),
      fd_(fd),
      fsync_(fsync),
      writeback_(fsync) {}

LocalTempFile::~LocalTempFile() {
  if (!finished_) Discard();
}

void LocalTempFile::Discard() {
  finished_ = true;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(tmp_path_.c_str());
}

common::Status LocalTempFile::Fail(std::string_view what, int err) {
  common::Status s = local_fs::FromErrno(what, tmp_path_, err);
  Discard();
  return common::Unavailable(s.message());
}

common::Status LocalTempFile::Write(std::string_view bytes) {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail("write", errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    writeback_.Wrote(fd_, size_, static_cast<uint64_t>(n));
    size_ += static_cast<uint64_t>(n);
  }
  return common::Status::Ok();
}

// copy_file_range(2) of [offset, offset + length) of `src` to the end of the temp file; falls
// back to pread/write where the kernel or file system cannot (EXDEV, EINVAL, ENOSYS,
// EOPNOTSUPP).
common::Status LocalTempFile::CopyRange(int src, const std::string& path, uint64_t offset,
                                        std::optional<uint64_t> length) {
  const uint64_t end = length ? offset + *length : UINT64_MAX;
  auto pos = static_cast<off_t>(offset);
  const auto left = [&] {
    return std::min<uint64_t>(end - static_cast<uint64_t>(pos), kCopyChunkBytes);
  };
  std::unique_ptr<char[]> buffer;  // set once the kernel copy is given up
  while (!buffer && left() > 0) {
    const ssize_t n = ::copy_file_range(src, &pos, fd_, nullptr, left(), 0);
    if (n == 0) break;
    if (n > 0) {
      writeback_.Wrote(fd_, size_, static_cast<uint64_t>(n));
      size_ += static_cast<uint64_t>(n);
    } else if (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
      buffer = std::make_unique<char[]>(kFallbackBufferBytes);
    } else if (errno != EINTR) {
      return Fail("copy into", errno);
    }
  }
  while (buffer && left() > 0) {
    const ssize_t n =
        ::pread(src, buffer.get(), std::min<uint64_t>(left(), kFallbackBufferBytes), pos);
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      common::Status s = local_fs::FromErrno("read", path, errno);
      Discard();
      return common::Unavailable(s.message());
    }
    pos += n;
    TAIGA_RETURN_IF_ERROR(Write(std::string_view(buffer.get(), static_cast<size_t>(n))));
  }
  if (length && static_cast<uint64_t>(pos) != end) {
    Discard();
    return common::NotFound(path + " ends before the " + std::to_string(*length) + " bytes from " +
                            std::to_string(offset) + " it should hold");
  }
  return common::Status::Ok();
}

common::Status LocalTempFile::AppendFile(const std::string& path, uint64_t offset,
                                         std::optional<uint64_t> length) {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  const int src = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (src < 0) {
    common::Status s = local_fs::FromErrno("open", path, errno);
    Discard();
    return s.code() == common::StatusCode::kNotFound ? s : common::Unavailable(s.message());
  }
  common::Status s = CopyRange(src, path, offset, length);
  ::close(src);
  return s;
}

common::Status LocalTempFile::Seal() {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  if (fsync_ && ::fsync(fd_) != 0) return Fail("fsync", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return Fail("close", errno);
  return local_fs::MakeDirs(root_, local_fs::ParentOf(key_), fsync_);
}

common::Result<uint64_t> LocalTempFile::Commit() {
  common::Status s = Seal();
  const std::string final_path = root_ + "/" + key_;
  if (s.ok() && ::rename(tmp_path_.c_str(), final_path.c_str()) != 0) {
    s = local_fs::FromErrno("rename into", final_path, errno);
  }
  if (!s.ok()) {
    if (!finished_) Discard();
    return s;
  }
  finished_ = true;
  if (fsync_) TAIGA_RETURN_IF_ERROR(local_fs::FsyncDir(ParentDir()));
  return size_;
}

common::Result<bool> LocalTempFile::CommitIfAbsent() {
  common::Status s = Seal();
  const std::string final_path = root_ + "/" + key_;
  bool linked = false;
  if (s.ok()) {
    if (::link(tmp_path_.c_str(), final_path.c_str()) == 0) {
      linked = true;
    } else if (errno != EEXIST) {
      s = local_fs::FromErrno("link into", final_path, errno);
    }
  }
  if (!finished_) Discard();  // the temp name goes in every case
  TAIGA_RETURN_IF_ERROR(s);
  if (linked && fsync_) TAIGA_RETURN_IF_ERROR(local_fs::FsyncDir(ParentDir()));
  return linked;
}

std::string LocalTempFile::ParentDir() const {
  const std::string_view parent = local_fs::ParentOf(key_);
  return parent.empty() ? root_ : root_ + "/" + std::string(parent);
}

}  // namespace taiga::blob
