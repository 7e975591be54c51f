// ImportTable: TableCSV / TableTSV → the columnar format (doc/formats.md). Two passes over the
// input (it must be rewindable): the first checks the shape and infers every column's type
// from all rows, the second writes the columnar file. Memory: one record plus one columnar
// block, whatever the file size. Thread-safe (no shared state); the caller owns the streams.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "convert/byte_sink.h"
#include "convert/byte_source.h"
#include "convert/columnar_writer.h"
#include "convert/data_preview.h"
#include "convert/progress_sink.h"
#include "convert/text_encoding.h"

namespace taiga::convert {

struct TableImportOptions {
  char delimiter = ',';                         // TableCSV ','; TableTSV '\t'
  TextEncoding encoding = TextEncoding::kUtf8;  // the upload's declared encoding
  ColumnarWriterOptions writer = {};            // blocking; the defaults match the original
};

struct TableImportSummary {
  uint64_t rows = 0;                // data rows (the header excluded)
  std::vector<ColumnSpec> columns;  // as stored; R-style row names are a first column ""
  bool has_row_names = false;       // the header had one field fewer than the rows
  std::string short_summary;        // "{rows} rows, {columns} columns"
  std::string long_summary;         // "Column names: a, b, c\n"
  // pandas column name → pandas dtype, in column order (the /datafile/column_types map);
  // row names, which pandas makes the index, are left out.
  std::vector<std::pair<std::string, std::string>> column_types;
  DataPreview preview;
};

// Converts the delimited text in `input` into a columnar file written to `output`.
// Errors (InvalidArgument, messages naming the line and, where it applies, the column):
// an empty file ("This file appears to be empty."), a header without rows, rows whose field
// count differs from the header's, quoted fields left open, bytes the declared encoding cannot
// decode. FailedPrecondition when `input` cannot be rewound; the streams' and the progress
// sink's errors. On error, what was written to `output` is not a valid table.
common::Result<TableImportSummary> ImportTable(ByteSource& input, const TableImportOptions& options,
                                               ByteSink& output, ProgressSink& progress);

}  // namespace taiga::convert
