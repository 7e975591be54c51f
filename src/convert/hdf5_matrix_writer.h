// Hdf5MatrixWriter: writes a numeric matrix in Taiga 2's HDF5 layout, which taigapy and the
// original read: `data` float64 rows × columns (contiguous, uncompressed, attribute id="0"),
// `dim_0` row names and `dim_1` column names (1-D variable-length strings holding UTF-8, as
// h5py writes vlen bytes; attributes name="row_axis" / "col_axis"), and for GCT files
// `gct_description` (name="row_description"). Rows are written in blocks, so memory is one
// block. Not thread-safe; see Hdf5Scope for the library lock.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "convert/hdf5_id.h"

namespace taiga::convert {

class Hdf5MatrixWriter {
 public:
  // Creates (or truncates) `path` with every dataset sized rows × columns. Errors:
  // Unavailable (the file cannot be created), Internal (other HDF5 failures).
  static common::Result<std::unique_ptr<Hdf5MatrixWriter>> Create(const std::string& path,
                                                                  uint64_t rows, uint64_t columns,
                                                                  bool descriptions);

  // Writes rows [first, first + names.size()): `values` row-major, names.size() × columns;
  // `descriptions` as many as names when the file has them, else empty. Errors: Internal.
  common::Status WriteRows(uint64_t first, const std::vector<double>& values,
                           const std::vector<std::string>& names,
                           const std::vector<std::string>& descriptions);
  // Writes the column names (exactly `columns`). Errors: Internal.
  common::Status WriteColumnNames(const std::vector<std::string>& names);
  // Closes the file; call once, last. Errors: Internal, Unavailable.
  common::Status Close();

 private:
  Hdf5MatrixWriter() = default;
  common::Status WriteStrings(const Hdf5Id& dataset, uint64_t first,
                              const std::vector<std::string>& values);

  uint64_t rows_ = 0, columns_ = 0;
  Hdf5Id file_, data_, dim0_, dim1_, descriptions_, string_type_;
};

}  // namespace taiga::convert
