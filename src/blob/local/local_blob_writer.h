// LocalBlobWriter: streams one object of the LocalBlobStore into a temp file in <root>/tmp/
// (same file system), hashing on the way. Commit fsyncs the file, renames it into place
// atomically and fsyncs the directory; destroying an uncommitted writer deletes the temp file.
// Used by one thread at a time.
#pragma once

#include <string>

#include "blob/blob_store.h"
#include "blob/stream_hasher.h"

namespace taiga::blob {

class LocalBlobWriter final : public BlobWriter {
 public:
  // Takes ownership of `fd`, open for writing on `tmp_path`.
  LocalBlobWriter(std::string root, std::string key, std::string tmp_path, int fd, bool fsync);
  ~LocalBlobWriter() override;
  LocalBlobWriter(const LocalBlobWriter&) = delete;
  LocalBlobWriter& operator=(const LocalBlobWriter&) = delete;

  common::Status Write(std::string_view bytes) override;
  common::Result<WriteResult> Commit() override;

 private:
  void Discard();

  std::string root_;
  std::string key_;
  std::string tmp_path_;
  int fd_;
  bool fsync_;
  bool finished_ = false;  // committed, or failed and discarded
  uint64_t size_ = 0;
  StreamHasher hasher_;
};

}  // namespace taiga::blob
