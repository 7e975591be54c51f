// Hdf5MatrixWriter: writes a numeric matrix in Taiga 2's HDF5 layout, which taigapy and the
// original read: `data` float64 rows × columns (uncompressed, attribute id="0"), `dim_0` row
// names and `dim_1` column names (1-D variable-length strings holding UTF-8, as h5py writes
// vlen bytes; attributes name="row_axis" / "col_axis"), and for GCT files `gct_description`
// (name="row_description"). Rows are appended in blocks, so memory is one block and the row
// count need not be known in advance (one pass over the input, DESIGN.md §8): a matrix written
// in a single block is stored contiguously, as the original's h5py did; a longer one in
// extendible datasets of ~1 MiB chunks (readers see no difference). Not thread-safe; see
// Hdf5Scope for the library lock.
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
  // Creates (or truncates) `path` for a matrix of `columns` columns. Errors: Unavailable (the
  // file cannot be created), Internal (other HDF5 failures).
  static common::Result<std::unique_ptr<Hdf5MatrixWriter>> Create(const std::string& path,
                                                                  uint64_t columns,
                                                                  bool descriptions);

  // Appends names.size() rows: `values` row-major, names.size() × columns; `descriptions` as
  // many as names when the file has them, else empty. `last`: no rows follow (a first call
  // with it set gives the contiguous layout). Errors: Internal.
  common::Status AppendRows(const std::vector<double>& values,
                            const std::vector<std::string>& names,
                            const std::vector<std::string>& descriptions, bool last);
  // Writes the column names (exactly `columns`). Errors: Internal.
  common::Status WriteColumnNames(const std::vector<std::string>& names);
  // Closes the file; call once, last. Errors: Internal, Unavailable.
  common::Status Close();

  uint64_t rows() const { return rows_; }

 private:
  Hdf5MatrixWriter() = default;
  common::Status CreateRowDatasets(uint64_t rows, bool extendible);
  common::Status WriteStrings(const Hdf5Id& dataset, uint64_t first,
                              const std::vector<std::string>& values);

  uint64_t rows_ = 0, columns_ = 0;
  bool descriptions_wanted_ = false, extendible_ = false;
  Hdf5Id file_, data_, dim0_, dim1_, descriptions_, string_type_;
};

}  // namespace taiga::convert
