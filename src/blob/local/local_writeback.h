// LocalWriteback: starts the kernel's writeback of a file's bytes while they are still being
// written (sync_file_range(2) SYNC_FILE_RANGE_WRITE, every 8 MiB), so the fsync that makes the
// object durable at the end waits for the last few MiB instead of the whole object, and the disk
// works while the body streams in. Advisory: errors are left to that fsync. One per file being
// written; not thread-safe.
#pragma once

#include <cstdint>

namespace taiga::blob {

class LocalWriteback {
 public:
  static constexpr uint64_t kStepBytes = 8 << 20;

  // Does nothing when not `enabled` (the store does not fsync).
  explicit LocalWriteback(bool enabled) : enabled_(enabled) {}

  // Notes that [offset, offset + length) of `fd` was just written (writes follow one another);
  // starts the writeback of what was written since the last start once it reaches a step.
  void Wrote(int fd, uint64_t offset, uint64_t length);

 private:
  bool enabled_;
  uint64_t start_ = 0;  // the first byte whose writeback has not been started
  uint64_t end_ = 0;    // the end of what was written
};

}  // namespace taiga::blob
