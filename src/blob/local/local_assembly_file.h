// LocalAssemblyFile: a file of the LocalBlobStore that several writers fill at offsets at the
// same time, each inside a byte range it has locked (open-file-description locks, so threads
// and processes on one machine exclude each other; a killed process loses its locks), and that
// becomes an object without being copied once no writer holds a range (the embedded S3
// endpoint's multipart uploads write each part in place). Its bytes are neither atomic nor
// verified: the caller records which ranges are good. Once published it is refused to writers.
// Owns its descriptor (closing releases the locks). Used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "blob/blob_store.h"
#include "blob/multi_lane_md5.h"
#include "common/result.h"
#include "common/status.h"

namespace taiga::blob {

class LocalAssemblyFile {
 public:
  // Takes ownership of `fd`, open read-write on <root>/<key>; `md5` (may be null) is what its
  // writers hash MD5 with.
  LocalAssemblyFile(std::string root, std::string key, int fd, bool fsync, MultiLaneMd5* md5);
  ~LocalAssemblyFile();
  LocalAssemblyFile(const LocalAssemblyFile&) = delete;
  LocalAssemblyFile& operator=(const LocalAssemblyFile&) = delete;

  // Locks [offset, offset + length) for writing (length 0: the whole file, however long it
  // gets), without waiting. Returns false when another open file holds a lock on part of it,
  // when the key no longer names this file (it was published and its upload removed), or when
  // it has been published. Errors: Unavailable.
  common::Result<bool> TryLock(uint64_t offset, uint64_t length);

  // A writer of at most `limit` bytes from `offset` (inside a range locked by this object);
  // valid while this object lives.
  std::unique_ptr<BlobWriter> WriteAt(uint64_t offset, uint64_t limit);

  // Cuts the file to `size`, makes it durable and makes it also the object `key` (a hard link
  // renamed over any object there), so it stays the file under its own key until that is
  // deleted. Requires the whole file locked by this object. Errors: FailedPrecondition (not
  // locked whole, the file is shorter than `size`, or a directory in the way), Unavailable.
  common::Status PublishAs(uint64_t size, const std::string& key);

  const std::string& key() const { return key_; }

 private:
  std::string root_;
  std::string key_;
  int fd_;
  bool fsync_;
  MultiLaneMd5* md5_;
  bool locked_whole_ = false;
};

}  // namespace taiga::blob
