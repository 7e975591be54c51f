#include "convert/columnar_writer.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>
#include <utility>

#include "convert/compression_threads.h"

namespace taiga::convert {
namespace {

void AppendU32(std::string& out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);  // little-endian hosts only, as the original's struct "I"
  out.append(b, 4);
}

void AppendStr(std::string& out, std::string_view s) {
  AppendU32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

// zlib.compress(payload) of Python: one deflate stream with a zlib wrapper.
common::Status Compress(std::string_view payload, int level, std::string& out) {
  uLongf len = compressBound(payload.size());
  out.resize(len);
  int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &len,
                     reinterpret_cast<const Bytef*>(payload.data()), payload.size(), level);
  if (rc != Z_OK) return common::Internal("zlib compress2 failed: " + std::to_string(rc));
  out.resize(len);
  return common::Status::Ok();
}

}  // namespace

ColumnarWriter::ColumnarWriter(ByteSink& sink, std::vector<ColumnSpec> columns,
                               ColumnarWriterOptions options)
    : sink_(sink), columns_(std::move(columns)), options_(options), data_(columns_.size()) {
  // The original: MAX_MB_PER_CHUNK / ((BYTES_PER_STR_OBJECT * ncols) / 1024**2), in doubles.
  rows_per_block_ = options_.rows_per_block > 0
                        ? options_.rows_per_block
                        : 50.0 / ((60.0 * static_cast<double>(columns_.size())) / 1048576.0);
}

common::Status ColumnarWriter::WriteHeader() {
  std::string header;
  AppendU32(header, static_cast<uint32_t>(columns_.size()));
  for (const ColumnSpec& c : columns_) {
    AppendStr(header, c.name);
    AppendStr(header, ColumnTypeName(c.type));
  }
  return sink_.Write(header);
}

void ColumnarWriter::AppendString(size_t column, std::string_view utf8) {
  std::string& v = data_[column].values;
  AppendStr(v, utf8);
  block_bytes_ += 4 + utf8.size();
}

void ColumnarWriter::AppendInt64(size_t column, int64_t value, MissingCode code) {
  Append(column, &value, 8);
  data_[column].codes.push_back(static_cast<char>(code));
  ++block_bytes_;
}

common::Status ColumnarWriter::EndRow() {
  ++rows_;
  ++block_rows_;
  // The original compares len(rows) >= rows_per_block (an int with a float).
  if (static_cast<double>(block_rows_) >= rows_per_block_ ||
      block_bytes_ >= options_.max_block_bytes) {
    return WriteBlock();
  }
  return common::Status::Ok();
}

common::Status ColumnarWriter::Finish() {
  TAIGA_RETURN_IF_ERROR(WriteBlock());
  return Drain();
}

// Columns compress independently (each its own zlib stream), so they may on several threads;
// the bytes are the same whichever thread compresses which column.
struct ColumnarWriter::Compression {
  uint32_t rows = 0;
  std::vector<Column> columns;
  std::vector<common::Status> results;
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;

  void Work(int level) {
    for (size_t i = next++; i < columns.size(); i = next++) {
      Column& c = columns[i];
      if (!c.codes.empty()) {
        c.values.append(c.codes);
        c.codes.clear();
      }
      results[i] = Compress(c.values, level, c.compressed);
      c.values.clear();
    }
  }
  void Join() {
    for (std::thread& t : threads) t.join();
    threads.clear();
  }
};

ColumnarWriter::~ColumnarWriter() {
  if (pending_) pending_->Join();
}

common::Status ColumnarWriter::WriteBlock() {
  TAIGA_RETURN_IF_ERROR(Drain());  // blocks reach the sink in order
  auto job = std::make_unique<Compression>();
  job->rows = block_rows_;
  job->columns.swap(data_);
  job->results.resize(job->columns.size());
  data_.swap(spare_);
  data_.resize(columns_.size());
  const size_t threads =
      std::min(CompressionThreads(options_.compression_threads), job->columns.size());
  const int level = options_.compression_level;
  // With several threads a block small enough compresses while the next one fills (two blocks
  // in memory); a large one, and any on one thread, before EndRow returns.
  const bool overlap = threads > 1 && block_bytes_ <= kOverlapBytes;
  for (size_t t = overlap ? 0 : 1; t < threads; ++t) {
    job->threads.emplace_back([j = job.get(), level] { j->Work(level); });
  }
  block_rows_ = 0;
  block_bytes_ = 0;
  pending_ = std::move(job);
  if (!overlap) {
    pending_->Work(level);
    TAIGA_RETURN_IF_ERROR(Drain());
    data_.swap(spare_);  // one block's buffers serve every block
  }
  return common::Status::Ok();
}

common::Status ColumnarWriter::Drain() {
  if (!pending_) return common::Status::Ok();
  std::unique_ptr<Compression> job = std::move(pending_);
  job->Join();
  std::string header;
  AppendU32(header, job->rows);
  AppendU32(header, static_cast<uint32_t>(job->columns.size()));
  for (size_t i = 0; i < job->columns.size(); ++i) {
    TAIGA_RETURN_IF_ERROR(job->results[i]);
    AppendU32(header, static_cast<uint32_t>(job->columns[i].compressed.size()));
  }
  TAIGA_RETURN_IF_ERROR(sink_.Write(header));
  for (Column& c : job->columns) {
    TAIGA_RETURN_IF_ERROR(sink_.Write(c.compressed));
    c.compressed.clear();
  }
  spare_ = std::move(job->columns);  // its buffers serve the block after next
  return common::Status::Ok();
}

}  // namespace taiga::convert
