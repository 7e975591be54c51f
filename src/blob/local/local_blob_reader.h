// LocalBlobReader: reads a byte range of one LocalBlobStore file through its own descriptor,
// which keeps the bytes readable even if the key is deleted or replaced meanwhile.
// Used by one thread at a time.
#pragma once

#include <cstdint>
#include <string>

#include "blob/blob_store.h"

namespace taiga::blob {

class LocalBlobReader final : public BlobReader {
 public:
  // Takes ownership of `fd`, positioned at the range's first byte; `length` bytes are read.
  LocalBlobReader(std::string path, int fd, uint64_t length);
  ~LocalBlobReader() override;
  LocalBlobReader(const LocalBlobReader&) = delete;
  LocalBlobReader& operator=(const LocalBlobReader&) = delete;

  common::Result<size_t> Read(char* buf, size_t n) override;

 private:
  std::string path_;
  int fd_;
  uint64_t remaining_;
};

}  // namespace taiga::blob
