#include "blob/local/local_blob_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <utility>

#include "blob/local/local_fs.h"

namespace taiga::blob {

LocalBlobWriter::LocalBlobWriter(std::string root, std::string key, std::string tmp_path, int fd,
                                 bool fsync)
    : root_(std::move(root)),
      key_(std::move(key)),
      tmp_path_(std::move(tmp_path)),
      fd_(fd),
      fsync_(fsync) {}

LocalBlobWriter::~LocalBlobWriter() {
  if (!finished_) Discard();
}

void LocalBlobWriter::Discard() {
  finished_ = true;
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(tmp_path_.c_str());
}

common::Status LocalBlobWriter::Write(std::string_view bytes) {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  hasher_.Update(bytes);
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      common::Status s = local_fs::FromErrno("write", tmp_path_, errno);
      Discard();
      return common::Unavailable(s.message());
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    size_ += static_cast<uint64_t>(n);
  }
  return common::Status::Ok();
}

common::Result<WriteResult> LocalBlobWriter::Commit() {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  if (fsync_ && ::fsync(fd_) != 0) {
    common::Status s = local_fs::FromErrno("fsync", tmp_path_, errno);
    Discard();
    return common::Unavailable(s.message());
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    common::Status s = local_fs::FromErrno("close", tmp_path_, errno);
    Discard();
    return common::Unavailable(s.message());
  }
  const std::string_view parent = local_fs::ParentOf(key_);
  common::Status s = local_fs::MakeDirs(root_, parent, fsync_);
  const std::string final_path = root_ + "/" + key_;
  if (s.ok() && ::rename(tmp_path_.c_str(), final_path.c_str()) != 0) {
    s = local_fs::FromErrno("rename into", final_path, errno);
  }
  if (!s.ok()) {
    Discard();
    return s;
  }
  finished_ = true;
  if (fsync_) {
    TAIGA_RETURN_IF_ERROR(
        local_fs::FsyncDir(parent.empty() ? root_ : root_ + "/" + std::string(parent)));
  }
  StreamDigests d = hasher_.Finish();
  return WriteResult{key_, size_, std::move(d.sha256), std::move(d.md5)};
}

}  // namespace taiga::blob
