// FileByteSink: a ByteSink over a local file (POSIX write, unbuffered: the converters buffer).
// Owns its descriptor; Flush closes it. Use from one thread at a time.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "convert/byte_sink.h"

namespace taiga::convert {

class FileByteSink final : public ByteSink {
 public:
  // Creates or truncates `path`. Errors: Unavailable (the file cannot be created).
  static common::Result<std::unique_ptr<FileByteSink>> Create(const std::string& path);
  ~FileByteSink() override;

  common::Status Write(std::string_view bytes) override;
  // Closes the file (reporting write-back errors); later writes fail.
  common::Status Flush() override;

 private:
  FileByteSink(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace taiga::convert
