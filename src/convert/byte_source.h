// ByteSource: the input of every converter, a stream of bytes read in pieces (a file, a blob,
// a string). StringByteSource serves bytes held in memory, optionally a few at a time (tests).
// A source is used by one thread at a time; the caller owns it for the conversion.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.h"
#include "common/status.h"

namespace taiga::convert {

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Copies up to n bytes into buf and returns how many; 0 only at the end of the input.
  // Errors: whatever the underlying store reports (Unavailable, Internal, ...).
  virtual common::Result<size_t> Read(char* buf, size_t n) = 0;

  // Starts again from the first byte, for the converters that read their input twice.
  // Errors: FailedPrecondition when the source cannot be re-read (spool it to a file first).
  virtual common::Status Rewind() {
    return common::FailedPrecondition("this input can be read only once; spool it to a file");
  }
};

// Reads from `source` until `n` bytes or its end; returns how many (fewer only at the end).
inline common::Result<size_t> ReadFully(ByteSource& source, char* buf, size_t n) {
  size_t have = 0;
  while (have < n) {
    TAIGA_ASSIGN_OR_RETURN(size_t got, source.Read(buf + have, n - have));
    if (got == 0) break;
    have += got;
  }
  return have;
}

// Bytes in memory. `max_read` caps the bytes one Read returns (to exercise block boundaries).
class StringByteSource final : public ByteSource {
 public:
  explicit StringByteSource(std::string data, size_t max_read = SIZE_MAX)
      : data_(std::move(data)), max_read_(max_read == 0 ? 1 : max_read) {}

  common::Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min({n, max_read_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  common::Status Rewind() override {
    pos_ = 0;
    return common::Status::Ok();
  }

 private:
  std::string data_;
  size_t max_read_;
  size_t pos_ = 0;
};

}  // namespace taiga::convert
