#include "convert/file_byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace taiga::convert {
namespace {

std::string Why(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

}  // namespace

common::Result<std::unique_ptr<FileByteSource>> FileByteSource::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return common::NotFound(Why("cannot open", path));
    return common::Unavailable(Why("cannot open", path));
  }
  return std::unique_ptr<FileByteSource>(new FileByteSource(fd, path));
}

FileByteSource::~FileByteSource() { ::close(fd_); }

common::Result<size_t> FileByteSource::Read(char* buf, size_t n) {
  for (;;) {
    ssize_t k = ::read(fd_, buf, n);
    if (k >= 0) return static_cast<size_t>(k);
    if (errno != EINTR) return common::Unavailable(Why("cannot read", path_));
  }
}

common::Status FileByteSource::Rewind() {
  if (::lseek(fd_, 0, SEEK_SET) < 0) return common::Unavailable(Why("cannot rewind", path_));
  return common::Status::Ok();
}

}  // namespace taiga::convert
