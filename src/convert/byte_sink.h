// ByteSink: the output of the streaming converters (CSV/TSV/GCT exports, columnar files,
// gzip copies). StringByteSink collects the bytes in memory (tests, small outputs).
// A sink is used by one thread at a time; the caller owns it.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace taiga::convert {

class ByteSink {
 public:
  virtual ~ByteSink() = default;

  // Appends bytes. Errors: whatever the underlying store reports (Unavailable, Internal, ...).
  virtual common::Status Write(std::string_view bytes) = 0;

  // Makes everything written so far durable/visible (files: written and closed by the caller).
  virtual common::Status Flush() { return common::Status::Ok(); }
};

class StringByteSink final : public ByteSink {
 public:
  common::Status Write(std::string_view bytes) override {
    data_.append(bytes);
    return common::Status::Ok();
  }
  const std::string& data() const { return data_; }
  std::string Take() { return std::move(data_); }

 private:
  std::string data_;
};

}  // namespace taiga::convert
