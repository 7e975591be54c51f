// LocalTempFile: the temp file in <root>/tmp/ behind one object being written to the
// LocalBlobStore. Bytes are appended (from memory, or from a range of another file inside the
// kernel with copy_file_range(2)); Commit fsyncs it, renames it onto the key atomically (or,
// CommitIfAbsent, links it there unless the key exists) and fsyncs the directory; writeback starts
// as the bytes come (LocalWriteback). Any error, or destruction before Commit, deletes the file:
// nothing half-written is ever visible under the key. Used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "blob/local/local_writeback.h"
#include "common/result.h"
#include "common/status.h"

namespace taiga::blob {

class LocalTempFile {
 public:
  // Takes ownership of `fd`, open for writing on `tmp_path`; `key` is where Commit puts it.
  LocalTempFile(std::string root, std::string key, std::string tmp_path, int fd, bool fsync);
  ~LocalTempFile();
  LocalTempFile(const LocalTempFile&) = delete;
  LocalTempFile& operator=(const LocalTempFile&) = delete;

  // Appends bytes. Errors: Unavailable (the file is then discarded), FailedPrecondition when
  // finished.
  common::Status Write(std::string_view bytes);
  // Appends `length` bytes of the file `path` from `offset` (nullopt: up to its end). Errors:
  // NotFound (no such file, or it ends before the range does), Unavailable,
  // FailedPrecondition when finished; the file is discarded after any.
  common::Status AppendFile(const std::string& path, uint64_t offset = 0,
                            std::optional<uint64_t> length = std::nullopt);
  // Makes the file the object under the key; returns its size. Errors: Unavailable,
  // FailedPrecondition (a directory in the way, or finished).
  common::Result<uint64_t> Commit();
  // As Commit, but when an object is already under the key it is kept and this file discarded.
  // Returns whether this file became the object. Errors: as Commit.
  common::Result<bool> CommitIfAbsent();

  bool finished() const { return finished_; }
  const std::string& key() const { return key_; }

 private:
  common::Status Fail(std::string_view what, int err);
  common::Status CopyRange(int src, const std::string& path, uint64_t offset,
                           std::optional<uint64_t> length);
  // fsync and close before Commit or CommitIfAbsent. Errors: Unavailable, FailedPrecondition.
  common::Status Seal();
  std::string ParentDir() const;
  void Discard();

  std::string root_;
  std::string key_;
  std::string tmp_path_;
  int fd_;
  bool fsync_;
  LocalWriteback writeback_;
  bool finished_ = false;  // committed, or failed and discarded
  uint64_t size_ = 0;
};

}  // namespace taiga::blob
