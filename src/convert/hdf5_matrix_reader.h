// Hdf5MatrixReader: reads a matrix in Taiga 2's HDF5 layout (files the original wrote and
// ours): the shape, blocks of rows of `data` as doubles (other numeric types converted by
// HDF5), and ranges of names from `dim_0`, `dim_1` and `gct_description`, stored as
// variable- or fixed-length strings. Not thread-safe; see Hdf5Scope for the library lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "convert/hdf5_id.h"

namespace taiga::convert {

class Hdf5MatrixReader {
 public:
  // Opens `path` and checks the layout. Errors: NotFound (no file), InvalidArgument (not
  // HDF5, or `data`, `dim_0`, `dim_1` missing or of the wrong shape).
  static common::Result<std::unique_ptr<Hdf5MatrixReader>> Open(const std::string& path);

  uint64_t rows() const { return rows_; }
  uint64_t columns() const { return columns_; }
  bool has_descriptions() const { return descriptions_.valid(); }

  // Rows [first, first + count) of `data`, row-major, into `out`. Errors: Internal.
  common::Status ReadRows(uint64_t first, uint64_t count, std::vector<double>& out) const;
  // Names [first, first + count): of rows (dim_0), columns (dim_1) or row descriptions
  // (gct_description). Errors: InvalidArgument (not strings), Internal.
  enum class Names { kRows, kColumns, kDescriptions };
  common::Status ReadNames(Names which, uint64_t first, uint64_t count,
                           std::vector<std::string>& out) const;

 private:
  Hdf5MatrixReader() = default;

  uint64_t rows_ = 0, columns_ = 0;
  Hdf5Id file_, data_, dim0_, dim1_, descriptions_;
};

}  // namespace taiga::convert
