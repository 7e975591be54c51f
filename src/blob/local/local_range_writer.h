// LocalRangeWriter: a BlobWriter that writes its bytes at an offset of a LocalAssemblyFile
// (pwrite on the file's descriptor, which it does not own), hashing them on the way. Commit
// makes them durable (fdatasync when the store fsyncs; writeback starts as they come) and returns
// their size and digests; the file stays where it is and nothing is deleted on failure (the caller
// records which ranges are good). Valid while its file is open; used by one thread at a time.
#pragma once

#include <cstdint>
#include <string>

#include "blob/blob_store.h"
#include "blob/local/local_writeback.h"
#include "blob/stream_hasher.h"

namespace taiga::blob {

class LocalRangeWriter final : public BlobWriter {
 public:
  // `key` names the file in WriteResult and error messages; at most `limit` bytes are written.
  // `md5` (may be null) hashes MD5 beside the writer.
  LocalRangeWriter(std::string key, int fd, uint64_t offset, uint64_t limit, bool fsync,
                   MultiLaneMd5* md5);
  LocalRangeWriter(const LocalRangeWriter&) = delete;
  LocalRangeWriter& operator=(const LocalRangeWriter&) = delete;

  // Errors: InvalidArgument (past the limit), Unavailable (the writer is then finished),
  // FailedPrecondition when finished.
  common::Status Write(std::string_view bytes) override;
  // Errors: Unavailable, FailedPrecondition when finished.
  common::Result<WriteResult> Commit() override;

 private:
  std::string key_;
  int fd_;
  uint64_t offset_;
  uint64_t limit_;
  bool fsync_;
  LocalWriteback writeback_;
  bool finished_ = false;
  uint64_t size_ = 0;
  StreamHasher hasher_;
};

}  // namespace taiga::blob
