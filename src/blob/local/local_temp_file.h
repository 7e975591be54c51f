// LocalTempFile: the temp file in <root>/tmp/ behind one object being written to the
// LocalBlobStore. Bytes are appended (from memory, or from another file inside the kernel with
// copy_file_range(2)); Commit fsyncs it, renames it onto the key atomically and fsyncs the
// directory. Any error, or destruction before Commit, deletes the file: nothing half-written
// is ever visible under the key. Used by one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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
  // Appends the whole file `path` (from its start to its end). Errors: NotFound (no such
  // file), Unavailable, FailedPrecondition when finished; the file is discarded after any.
  common::Status AppendFile(const std::string& path);
  // Makes the file the object under the key; returns its size. Errors: Unavailable,
  // FailedPrecondition (a directory in the way, or finished).
  common::Result<uint64_t> Commit();

  bool finished() const { return finished_; }
  const std::string& key() const { return key_; }

 private:
  common::Status Fail(std::string_view what, int err);
  common::Status CopyRange(int src, const std::string& path);
  void Discard();

  std::string root_;
  std::string key_;
  std::string tmp_path_;
  int fd_;
  bool fsync_;
  bool finished_ = false;  // committed, or failed and discarded
  uint64_t size_ = 0;
};

}  // namespace taiga::blob
