#include "blob/local/local_fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace taiga::blob::local_fs {

common::Status FromErrno(std::string_view what, const std::string& path, int err) {
  std::string m = std::string(what) + " " + path + ": " + std::strerror(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return common::NotFound(std::move(m));
    case EEXIST:
    case EISDIR:
    case ENOTEMPTY:
      return common::FailedPrecondition(
          std::move(m) + " (a key cannot be both an object and a prefix of other keys)");
    default:
      return common::Unavailable(std::move(m));
  }
}

common::Status FsyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return FromErrno("open directory", dir, errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return FromErrno("fsync directory", dir, err);
  return common::Status::Ok();
}

common::Status MakeDirs(const std::string& root, std::string_view rel_dir, bool fsync) {
  std::string path = root;
  std::string parent = root;
  size_t start = 0;
  while (start < rel_dir.size()) {
    size_t end = rel_dir.find('/', start);
    if (end == std::string_view::npos) end = rel_dir.size();
    path.append("/").append(rel_dir.substr(start, end - start));
    if (::mkdir(path.c_str(), 0755) == 0) {
      if (fsync) TAIGA_RETURN_IF_ERROR(FsyncDir(parent));
    } else if (errno != EEXIST) {
      return FromErrno("create directory", path, errno);
    } else {
      struct stat st {};
      if (::stat(path.c_str(), &st) != 0) return FromErrno("stat", path, errno);
      if (!S_ISDIR(st.st_mode)) return FromErrno("create directory", path, EEXIST);
    }
    parent = path;
    start = end + 1;
  }
  return common::Status::Ok();
}

std::string_view ParentOf(std::string_view key) {
  const size_t slash = key.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : key.substr(0, slash);
}

}  // namespace taiga::blob::local_fs
