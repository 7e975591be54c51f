#include "blob/local/local_assembly_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "blob/local/local_fs.h"
#include "blob/local/local_range_writer.h"
#include "common/random.h"

namespace taiga::blob {

LocalAssemblyFile::LocalAssemblyFile(std::string root, std::string key, int fd, bool fsync,
                                     MultiLaneMd5* md5)
    : root_(std::move(root)), key_(std::move(key)), fd_(fd), fsync_(fsync), md5_(md5) {}

LocalAssemblyFile::~LocalAssemblyFile() { ::close(fd_); }

common::Result<bool> LocalAssemblyFile::TryLock(uint64_t offset, uint64_t length) {
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = static_cast<off_t>(offset);
  lock.l_len = static_cast<off_t>(length);
  if (::fcntl(fd_, F_OFD_SETLK, &lock) != 0) {
    if (errno == EAGAIN || errno == EACCES) return false;
    return local_fs::FromErrno("lock", root_ + "/" + key_, errno);
  }
  // Checked under the lock, as a publisher links the file holding all of it.
  const std::string path = root_ + "/" + key_;
  struct stat mine {
  }, named{};
  const bool same = ::fstat(fd_, &mine) == 0 && ::stat(path.c_str(), &named) == 0 &&
                    mine.st_ino == named.st_ino && mine.st_dev == named.st_dev &&
                    mine.st_nlink == 1;
  if (!same) {
    lock.l_type = F_UNLCK;
    (void)::fcntl(fd_, F_OFD_SETLK, &lock);
    return false;
  }
  if (offset == 0 && length == 0) locked_whole_ = true;
  return true;
}

std::unique_ptr<BlobWriter> LocalAssemblyFile::WriteAt(uint64_t offset, uint64_t limit) {
  return std::make_unique<LocalRangeWriter>(key_, fd_, offset, limit, fsync_, md5_);
}

common::Status LocalAssemblyFile::PublishAs(uint64_t size, const std::string& key) {
  if (!locked_whole_) {
    return common::FailedPrecondition("publishing " + key_ + " needs the whole file locked");
  }
  const std::string path = root_ + "/" + key_;
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return local_fs::FromErrno("stat", path, errno);
  if (static_cast<uint64_t>(st.st_size) < size) {
    return common::FailedPrecondition(path + " has " + std::to_string(st.st_size) +
                                      " bytes, fewer than the " + std::to_string(size) +
                                      " to publish");
  }
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) {
    return common::Unavailable(local_fs::FromErrno("truncate", path, errno).message());
  }
  if (fsync_ && ::fsync(fd_) != 0) {
    return common::Unavailable(local_fs::FromErrno("fsync", path, errno).message());
  }
  const std::string_view parent = local_fs::ParentOf(key);
  TAIGA_RETURN_IF_ERROR(local_fs::MakeDirs(root_, parent, fsync_));
  // A second name in tmp/ first, then renamed over the key: replacing an object atomically.
  const std::string link = root_ + "/tmp/" + common::RandomHex(16) + ".link";
  if (::link(path.c_str(), link.c_str()) != 0) {
    return common::Unavailable(local_fs::FromErrno("link", link, errno).message());
  }
  const std::string final_path = root_ + "/" + key;
  if (::rename(link.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    ::unlink(link.c_str());
    return local_fs::FromErrno("rename into", final_path, err);
  }
  ::unlink(link.c_str());  // left when the key named this file already (rename did nothing)
  if (!fsync_) return common::Status::Ok();
  return local_fs::FsyncDir(parent.empty() ? root_ : root_ + "/" + std::string(parent));
}

}  // namespace taiga::blob
