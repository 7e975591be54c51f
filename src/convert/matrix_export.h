// ExportMatrix: an HDF5 matrix (Taiga 2's layout, ours or the original's) → CSV, TSV or GCT,
// formatted exactly as the original exported it: "\r\n" line ends, minimal quoting, numbers as
// Python's repr, NaN as "NA"; CSV/TSV start with a row of "" and the column names; GCT is
// "#1.2", "rows<TAB>columns", "Name<TAB>Description<TAB>names", then name, description (the
// stored gct_description, else the name) and values. Names are written as stored (UTF-8).
// Streams blocks of rows. Thread-safe (no shared state besides the HDF5 library lock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/result.h"
#include "convert/byte_sink.h"
#include "convert/matrix_import.h"
#include "convert/progress_sink.h"

namespace taiga::convert {

struct MatrixExportOptions {
  MatrixFormat format = MatrixFormat::kCsv;
  size_t block_bytes = size_t{4} << 20;  // numbers read per HDF5 read
};

// Writes the matrix at `hdf5_path` to `output`; returns the number of rows. Errors: NotFound,
// InvalidArgument (not a Taiga HDF5 matrix), Internal (HDF5), the sink's and progress sink's.
common::Result<uint64_t> ExportMatrix(const std::string& hdf5_path,
                                      const MatrixExportOptions& options, ByteSink& output,
                                      ProgressSink& progress);

}  // namespace taiga::convert
