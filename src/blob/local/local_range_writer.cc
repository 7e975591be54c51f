#include "blob/local/local_range_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace taiga::blob {

LocalRangeWriter::LocalRangeWriter(std::string key, int fd, uint64_t offset, uint64_t limit,
                                   bool fsync, MultiLaneMd5* md5)
    : key_(std::move(key)),
      fd_(fd),
      offset_(offset),
      limit_(limit),
      fsync_(fsync),
      writeback_(fsync),
      hasher_(StreamHasher::Algorithms::kSha256AndMd5, md5) {}

common::Status LocalRangeWriter::Write(std::string_view bytes) {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  if (bytes.size() > limit_ - size_) {
    finished_ = true;
    return common::InvalidArgument("more bytes than the range of " + key_ + " holds (" +
                                   std::to_string(limit_) + ")");
  }
  hasher_.Update(bytes);
  while (!bytes.empty()) {
    const ssize_t n =
        ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(offset_ + size_));
    if (n < 0) {
      if (errno == EINTR) continue;
      finished_ = true;
      return common::Unavailable("write " + key_ + ": " + std::strerror(errno));
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    writeback_.Wrote(fd_, offset_ + size_, static_cast<uint64_t>(n));
    size_ += static_cast<uint64_t>(n);
  }
  return common::Status::Ok();
}

common::Result<WriteResult> LocalRangeWriter::Commit() {
  if (finished_) return common::FailedPrecondition("the writer of " + key_ + " is finished");
  finished_ = true;
  if (fsync_ && ::fdatasync(fd_) != 0) {
    return common::Unavailable("fdatasync " + key_ + ": " + std::strerror(errno));
  }
  StreamDigests d = hasher_.Finish();
  return WriteResult{key_, size_, std::move(d.sha256), std::move(d.md5)};
}

}  // namespace taiga::blob
