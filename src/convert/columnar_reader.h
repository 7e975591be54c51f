// ColumnarReader: reads a columnar table file (ours or one Taiga 2 wrote) from a ByteSource,
// one block at a time: the header (column names and types), then each block decompressed in
// memory, with typed access to its values. Memory: one block. Not thread-safe; the source
// must outlive the reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "convert/byte_source.h"
#include "convert/columnar_writer.h"

namespace taiga::convert {

class ColumnarReader {
 public:
  explicit ColumnarReader(ByteSource& source) : source_(source) {}

  // Reads the header; call once, first. Errors: InvalidArgument (truncated or not a columnar
  // file, an unknown type name), the source's errors.
  common::Status ReadHeader();
  const std::vector<ColumnSpec>& columns() const { return columns_; }

  // Reads and decompresses the next block; false at the end of the file. Errors:
  // InvalidArgument (truncated, corrupt, or sizes that do not match the types), source errors.
  common::Result<bool> NextBlock();
  uint32_t block_rows() const { return block_rows_; }

  // Values of the current block; `column`'s type must be the one named.
  int32_t Int32(size_t column, size_t row) const { return Load<int32_t>(column, row); }
  double Float64(size_t column, size_t row) const { return Load<double>(column, row); }
  int64_t Int64(size_t column, size_t row) const { return Load<int64_t>(column, row); }
  MissingCode Int64Missing(size_t column, size_t row) const {
    return static_cast<MissingCode>(payload_[column][size_t{8} * block_rows_ + row]);
  }
  uint8_t Bool(size_t column, size_t row) const {
    return static_cast<uint8_t>(payload_[column][row]);
  }
  // The stored bytes (UTF-8, or Latin-1 in some files the original wrote).
  std::string_view String(size_t column, size_t row) const {
    const std::vector<uint64_t>& at = string_starts_[column];
    return std::string_view(payload_[column]).substr(at[row] + 4, at[row + 1] - at[row] - 4);
  }

 private:
  template <typename T>
  T Load(size_t column, size_t row) const {
    T v;
    std::memcpy(&v, payload_[column].data() + sizeof(T) * row, sizeof(T));
    return v;
  }
  // Reads exactly n bytes (appending to out). Returns false on a clean end before any byte.
  common::Result<bool> ReadExact(size_t n, std::string& out);
  common::Result<uint32_t> ReadU32(const char* what);
  common::Result<std::string> ReadStr(const char* what, size_t max_len);
  common::Status Inflate(size_t column, std::string_view compressed);
  common::Status IndexStrings(size_t column);

  ByteSource& source_;
  std::vector<ColumnSpec> columns_;
  uint32_t block_rows_ = 0;
  uint64_t blocks_ = 0;
  std::vector<std::string> payload_;
  std::vector<std::vector<uint64_t>> string_starts_;  // per string column: row offsets + end
  std::string compressed_;
};

}  // namespace taiga::convert
