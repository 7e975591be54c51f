// ColumnarWriter: writes a table in Taiga 2's columnar format (doc/formats.md) to a ByteSink,
// streaming: the header, then one block per `rows_per_block` rows, each column of a block a
// zlib stream. With the defaults a table of original types comes out byte for byte as the
// original wrote it (same blocking, zlib level 6, the trailing block it always writes).
// Memory: one block of uncompressed values plus its compressed form; on several threads, the
// columns of a block are compressed in parallel, and a block of at most 10 MiB while the next
// one fills (two blocks then). Compression is most of an import's time. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "convert/byte_sink.h"
#include "convert/column_type.h"

namespace taiga::convert {

struct ColumnSpec {
  std::string name;  // UTF-8
  ColumnType type;
  bool operator==(const ColumnSpec&) const = default;
};

struct ColumnarWriterOptions {
  // Rows per block; 0 means the original's rule, 50 MiB / (60 bytes × column count).
  double rows_per_block = 0;
  // A block is also cut when its uncompressed values reach this size, bounding memory for
  // long strings (smaller tables are blocked exactly as the original blocks them).
  size_t max_block_bytes = size_t{48} << 20;
  // zlib level; -1 is zlib's default (6), which Python's zlib.compress uses.
  int compression_level = -1;
  // Threads compressing the columns of a block (the output is the same for any number);
  // 0: one per hardware thread, at most 8.
  size_t compression_threads = 0;
};

class ColumnarWriter {
 public:
  ColumnarWriter(ByteSink& sink, std::vector<ColumnSpec> columns,
                 ColumnarWriterOptions options = {});
  ~ColumnarWriter();
  ColumnarWriter(const ColumnarWriter&) = delete;
  ColumnarWriter& operator=(const ColumnarWriter&) = delete;

  // Writes the header. Call once, first. Errors: the sink's.
  common::Status WriteHeader();

  // Appends the current row's value for `column`, whose type must match. Every column gets
  // exactly one value per row, then EndRow.
  void AppendInt32(size_t column, int32_t value) { Append(column, &value, 4); }
  void AppendFloat64(size_t column, double value) { Append(column, &value, 8); }
  void AppendString(size_t column, std::string_view utf8);
  void AppendInt64(size_t column, int64_t value, MissingCode code);
  void AppendBool(size_t column, uint8_t code) { Append(column, &code, 1); }

  // Ends the row; writes a block when it is full. Errors: the sink's, zlib failures.
  common::Status EndRow();
  // Writes the last block, always (even empty, as the original's close() did). Errors: the
  // sink's, zlib failures.
  common::Status Finish();

  uint64_t rows() const { return rows_; }
  const std::vector<ColumnSpec>& columns() const { return columns_; }

 private:
  struct Column {
    std::string values;  // the uncompressed payload
    std::string codes;   // int64 missing codes, appended after the values
    std::string compressed;
  };
  void Append(size_t column, const void* bytes, size_t n) {
    data_[column].values.append(static_cast<const char*>(bytes), n);
    block_bytes_ += n;
  }
  struct Compression;  // a block being compressed
  // Hands the block to compression (written by Drain, or at once); errors: the sink's, zlib's.
  common::Status WriteBlock();
  // Waits for the block being compressed, if any, and writes it.
  common::Status Drain();

  // Blocks up to this size are compressed while the next fills (when on several threads).
  static constexpr size_t kOverlapBytes = size_t{10} << 20;

  ByteSink& sink_;
  std::vector<ColumnSpec> columns_;
  ColumnarWriterOptions options_;
  std::vector<Column> data_;
  std::vector<Column> spare_;  // buffers of the last block written, reused
  std::unique_ptr<Compression> pending_;
  double rows_per_block_;
  uint32_t block_rows_ = 0;
  size_t block_bytes_ = 0;
  uint64_t rows_ = 0;
};

}  // namespace taiga::convert
