#include "convert/file_byte_sink.h"

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

common::Result<std::unique_ptr<FileByteSink>> FileByteSink::Create(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return common::Unavailable(Why("cannot create", path));
  return std::unique_ptr<FileByteSink>(new FileByteSink(fd, path));
}

FileByteSink::~FileByteSink() {
  if (fd_ >= 0) ::close(fd_);
}

common::Status FileByteSink::Write(std::string_view bytes) {
  if (fd_ < 0) return common::FailedPrecondition("write after close: " + path_);
  while (!bytes.empty()) {
    ssize_t k = ::write(fd_, bytes.data(), bytes.size());
    if (k < 0) {
      if (errno == EINTR) continue;
      return common::Unavailable(Why("cannot write", path_));
    }
    bytes.remove_prefix(static_cast<size_t>(k));
  }
  return common::Status::Ok();
}

common::Status FileByteSink::Flush() {
  if (fd_ < 0) return common::Status::Ok();
  int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) return common::Unavailable(Why("cannot close", path_));
  return common::Status::Ok();
}

}  // namespace taiga::convert
