// CsvTokenizer: splits a CSV/TSV byte stream into records, streaming, with no limit on field
// or record length beyond memory. Dialect: Python's csv.excel as the original Taiga read it:
// RFC 4180 quoting ("" inside quotes is a quote; a quote opens a quoted field only as its
// first character; text after a closing quote is kept), LF, CRLF and CR line ends (inside
// quoted fields they become LF, as Python's universal newlines did), a leading UTF-8 BOM is
// dropped, blank lines are skipped. Fields are decoded from the declared encoding to UTF-8.
// Not thread-safe; the source must outlive the tokenizer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "convert/byte_source.h"
#include "convert/csv_record.h"
#include "convert/text_encoding.h"

namespace taiga::convert {

struct CsvTokenizerOptions {
  char delimiter = ',';                         // ',' for CSV, '\t' for TSV and GCT
  TextEncoding encoding = TextEncoding::kUtf8;  // the upload's declared encoding
  size_t read_size = 1 << 20;                   // bytes asked of the source per Read
};

class CsvTokenizer {
 public:
  CsvTokenizer(ByteSource& source, CsvTokenizerOptions options);

  // Reads the next record into `record`; returns false (and leaves it empty) at the end.
  // Errors: InvalidArgument with line and column for a quoted field left open at the end of
  // the input and for bytes the encoding cannot decode; the source's own errors.
  common::Result<bool> Next(CsvRecord& record);

  // The fast path for plain records: when the next record is a whole line already in the
  // buffer with no quote, no CR and only ASCII bytes (so it needs no unquoting or decoding),
  // consumes it and returns its bytes without the LF in `line`, its fields separated by the
  // delimiter, and its line number in `number`. Otherwise consumes nothing and returns false:
  // read the record with Next. Only after the first record (the BOM check) was read.
  bool NextPlainLine(std::string_view* line, uint64_t* number);
  // The fields of a line NextPlainLine gave (views into it), as Next would have split them.
  static void SplitPlainLine(std::string_view line, char delimiter,
                             std::vector<std::string_view>& fields);

  // Starts again from the beginning of the source (its Rewind errors).
  common::Status Rewind();

  // Input bytes consumed so far (for progress and throughput).
  uint64_t bytes_read() const { return bytes_read_; }
  // Lines seen so far (the line the next record starts on, minus one).
  uint64_t lines_read() const { return line_ - 1; }

 private:
  enum class State { kStartRecord, kStartField, kInField, kInQuoted, kQuoteInQuoted };

  common::Status Fill();  // refills buf_ (pos_ = 0); sets eof_ at the end
  common::Result<bool> Read(CsvRecord& record);
  void Scan(CsvRecord& record, bool& done);
  void Bulk(CsvRecord& record, const char* b, size_t& p, size_t e);
  void EndField(CsvRecord& record) {
    ++fields_;
    record.ends_.push_back(record.bytes_.size());
    record.bytes_.push_back(options_.delimiter);  // the separator before the next field
  }
  common::Status Decode(CsvRecord& record);

  ByteSource& source_;
  CsvTokenizerOptions options_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false, started_ = false, skip_lf_ = false;
  State state_ = State::kStartRecord;
  uint64_t line_ = 1, quote_line_ = 0, bytes_read_ = 0;
  size_t fields_ = 0;    // of the record being read
  std::string scratch_;  // decoding
};

}  // namespace taiga::convert
