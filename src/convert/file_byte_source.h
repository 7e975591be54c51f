// FileByteSource: a ByteSource over a local file (POSIX read), for callers that spool blobs to
// disk and for the command-line tool; rewindable. Owns its descriptor and closes it on
// destruction; use from one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "convert/byte_source.h"

namespace taiga::convert {

class FileByteSource final : public ByteSource {
 public:
  // Opens `path` for reading. Errors: NotFound (no such file), Unavailable (other open errors).
  static common::Result<std::unique_ptr<FileByteSource>> Open(const std::string& path);
  ~FileByteSource() override;

  common::Result<size_t> Read(char* buf, size_t n) override;
  common::Status Rewind() override;

 private:
  FileByteSource(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace taiga::convert
