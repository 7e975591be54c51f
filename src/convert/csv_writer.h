// CsvWriter: writes delimited text exactly as Python's csv.writer did for the original Taiga's
// exports: QUOTE_MINIMAL (a field is quoted when it holds the delimiter, '"', CR or LF; quotes
// are doubled), "\r\n" after every row, and a row made of one empty field written as "".
// Buffers about 1 MiB before writing to the sink. Not thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/status.h"
#include "convert/byte_sink.h"

namespace taiga::convert {

class CsvWriter {
 public:
  CsvWriter(ByteSink& sink, char delimiter) : sink_(sink), delimiter_(delimiter) {
    quote_[static_cast<unsigned char>(delimiter)] = true;
    quote_[static_cast<unsigned char>('"')] = quote_['\r'] = quote_['\n'] = true;
    buffer_.reserve(kFlushAt + 4096);
  }

  // Appends a field already in the output encoding, quoting it when needed.
  void Field(std::string_view text);
  // Appends a field known to need no quoting (numbers, NA).
  void PlainField(std::string_view text) {
    StartField();
    buffer_.append(text);
  }
  // The buffer a plain field may be appended to directly (after StartField).
  std::string& StartField() {
    if (fields_++ > 0) buffer_.push_back(delimiter_);
    return buffer_;
  }
  // Ends the row. Errors: the sink's.
  common::Status EndRow();
  // Writes what is buffered. Errors: the sink's.
  common::Status Finish();

 private:
  static constexpr size_t kFlushAt = size_t{1} << 20;

  ByteSink& sink_;
  char delimiter_;
  bool quote_[256] = {};
  std::string buffer_;
  size_t fields_ = 0, row_start_ = 0;
};

}  // namespace taiga::convert
