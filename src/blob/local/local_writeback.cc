#include "blob/local/local_writeback.h"

#include <fcntl.h>

namespace taiga::blob {

void LocalWriteback::Wrote(int fd, uint64_t offset, uint64_t length) {
  if (!enabled_) return;
  if (offset != end_) start_ = offset;  // not where the last write ended: start over here
  end_ = offset + length;
  if (end_ - start_ < kStepBytes) return;
  (void)::sync_file_range(fd, static_cast<off_t>(start_), static_cast<off_t>(end_ - start_),
                          SYNC_FILE_RANGE_WRITE);
  start_ = end_;
}

}  // namespace taiga::blob
