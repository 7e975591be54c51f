#include "blob/local/local_blob_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "blob/local/local_fs.h"

namespace taiga::blob {

LocalBlobReader::LocalBlobReader(std::string path, int fd, uint64_t length)
    : path_(std::move(path)), fd_(fd), remaining_(length) {}

LocalBlobReader::~LocalBlobReader() {
  if (fd_ >= 0) ::close(fd_);
}

common::Result<size_t> LocalBlobReader::Read(char* buf, size_t n) {
  const size_t want = static_cast<size_t>(std::min<uint64_t>(n, remaining_));
  if (want == 0) return size_t{0};
  while (true) {
    const ssize_t got = ::read(fd_, buf, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return common::Unavailable(local_fs::FromErrno("read", path_, errno).message());
    if (got == 0) return common::Unavailable("read " + path_ + ": the file is shorter than it was");
    remaining_ -= static_cast<uint64_t>(got);
    return static_cast<size_t>(got);
  }
}

}  // namespace taiga::blob
