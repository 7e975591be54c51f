// ImportMatrix: NumericMatrixCSV / NumericMatrixTSV / GCT → Taiga 2's HDF5 matrix layout
// (Hdf5MatrixWriter). One pass over the input: rows are checked, parsed and appended to the
// HDF5 file in blocks as they are read (a failure part-way removes the file). Lines without
// quotes, CRs or non-ASCII bytes are parsed in place; others as records. Headers: pandas style (the
// header has as many fields as the rows; its first cell is ignored) or R style (one field fewer).
// "NA" and empty cells are NaN. Memory: one block plus 30 row names, whatever the file size.
// Thread-safe (no shared state besides the HDF5 library lock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/result.h"
#include "convert/byte_source.h"
#include "convert/data_preview.h"
#include "convert/progress_sink.h"
#include "convert/text_encoding.h"

namespace taiga::convert {

enum class MatrixFormat { kCsv, kTsv, kGct };

struct MatrixImportOptions {
  MatrixFormat format = MatrixFormat::kCsv;
  TextEncoding encoding = TextEncoding::kUtf8;  // the upload's declared encoding
  size_t block_bytes = size_t{4} << 20;         // numbers held before each HDF5 write
  // The input's size in bytes when known: progress is then bytes read of it (one pass: the
  // rows are not counted first); 0: rows read (of a GCT's declared rows).
  uint64_t input_bytes = 0;
};

struct MatrixImportSummary {
  uint64_t rows = 0, columns = 0, na_count = 0;  // NaN cells, "NA", empty and "nan" alike
  std::string short_summary;                     // "{rows}x{columns} matrix, {na} NAs"
  std::string long_summary;                      // "Column names: ...\nRow names: ...\n"
  DataPreview preview;                           // with row names
};

// Converts the matrix text in `input` to an HDF5 file at `hdf5_path` (created or truncated;
// removed again on error). Errors (InvalidArgument, naming line and column where they apply):
// an empty file ("This file appears to be empty."), a header without rows, rows with the wrong
// number of fields or no values, blank column names, cells that are not numbers, a GCT file
// whose version line, size line or row count is wrong, undecodable bytes; Unavailable/Internal
// from HDF5; the progress sink's errors.
common::Result<MatrixImportSummary> ImportMatrix(ByteSource& input,
                                                 const MatrixImportOptions& options,
                                                 const std::string& hdf5_path,
                                                 ProgressSink& progress);

}  // namespace taiga::convert
