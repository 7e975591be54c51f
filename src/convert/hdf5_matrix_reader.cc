#include "convert/hdf5_matrix_reader.h"

#include <filesystem>

namespace taiga::convert {
namespace {

using common::StatusCode;

common::Status BadLayout(const std::string& why) {
  return common::InvalidArgument("not a Taiga HDF5 matrix: " + why);
}

// The dimensions of `dataset`'s dataspace.
std::vector<hsize_t> Dims(const Hdf5Id& dataset) {
  Hdf5Id space(H5Dget_space(dataset.get()));
  int n = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dims(n > 0 ? n : 0);
  if (n > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

common::Result<Hdf5Id> OpenDataset(const Hdf5Id& file, const char* name, bool required) {
  if (H5Lexists(file.get(), name, H5P_DEFAULT) <= 0) {
    if (!required) return Hdf5Id();
    return BadLayout(std::string("there is no dataset \"") + name + "\"");
  }
  Hdf5Id ds(H5Dopen2(file.get(), name, H5P_DEFAULT));
  if (!ds.valid()) return Hdf5Error(StatusCode::kInvalidArgument, std::string("open ") + name);
  return ds;
}

}  // namespace

common::Result<std::unique_ptr<Hdf5MatrixReader>> Hdf5MatrixReader::Open(const std::string& path) {
  Hdf5Scope scope;
  if (!std::filesystem::exists(path)) return common::NotFound("no HDF5 file " + path);
  if (H5Fis_hdf5(path.c_str()) <= 0) return BadLayout(path + " is not an HDF5 file");
  std::unique_ptr<Hdf5MatrixReader> r(new Hdf5MatrixReader());
  r->file_ = Hdf5Id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!r->file_.valid()) return Hdf5Error(StatusCode::kInvalidArgument, "cannot open " + path);
  TAIGA_ASSIGN_OR_RETURN(r->data_, OpenDataset(r->file_, "data", true));
  TAIGA_ASSIGN_OR_RETURN(r->dim0_, OpenDataset(r->file_, "dim_0", true));
  TAIGA_ASSIGN_OR_RETURN(r->dim1_, OpenDataset(r->file_, "dim_1", true));
  TAIGA_ASSIGN_OR_RETURN(r->descriptions_, OpenDataset(r->file_, "gct_description", false));
  std::vector<hsize_t> dims = Dims(r->data_);
  if (dims.size() != 2) return BadLayout("\"data\" is not two-dimensional");
  r->rows_ = dims[0];
  r->columns_ = dims[1];
  auto check = [&](const Hdf5Id& ds, const char* name, uint64_t n) -> common::Status {
    std::vector<hsize_t> d = Dims(ds);
    if (d.size() != 1 || d[0] != n) {
      return BadLayout(std::string("\"") + name + "\" does not hold " + std::to_string(n) +
                       " names");
    }
    return common::Status::Ok();
  };
  TAIGA_RETURN_IF_ERROR(check(r->dim0_, "dim_0", r->rows_));
  TAIGA_RETURN_IF_ERROR(check(r->dim1_, "dim_1", r->columns_));
  if (r->descriptions_.valid()) {
    TAIGA_RETURN_IF_ERROR(check(r->descriptions_, "gct_description", r->rows_));
  }
  return r;
}

common::Status Hdf5MatrixReader::ReadRows(uint64_t first, uint64_t count,
                                          std::vector<double>& out) const {
  Hdf5Scope scope;
  out.resize(count * columns_);
  if (count == 0 || columns_ == 0) return common::Status::Ok();
  hsize_t start[2] = {first, 0}, n[2] = {count, columns_};
  Hdf5Id file_space(H5Dget_space(data_.get()));
  Hdf5Id mem_space(H5Screate_simple(2, n, nullptr));
  if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, n, nullptr) < 0 ||
      H5Dread(data_.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT,
              out.data()) < 0) {
    return Hdf5Error(StatusCode::kInternal, "cannot read matrix rows");
  }
  return common::Status::Ok();
}

common::Status Hdf5MatrixReader::ReadNames(Names which, uint64_t first, uint64_t count,
                                           std::vector<std::string>& out) const {
  Hdf5Scope scope;
  const Hdf5Id& ds = which == Names::kRows      ? dim0_
                     : which == Names::kColumns ? dim1_
                                                : descriptions_;
  out.clear();
  if (count == 0) return common::Status::Ok();
  Hdf5Id stored(H5Dget_type(ds.get()));
  if (H5Tget_class(stored.get()) != H5T_STRING) return BadLayout("names that are not strings");
  hsize_t start = first, n = count;
  Hdf5Id file_space(H5Dget_space(ds.get()));
  Hdf5Id mem_space(H5Screate_simple(1, &n, nullptr));
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &n, nullptr);
  if (H5Tis_variable_str(stored.get()) > 0) {
    Hdf5Id type = VlenStringType(H5Tget_cset(stored.get()));
    std::vector<char*> ptrs(count, nullptr);
    if (H5Dread(ds.get(), type.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, ptrs.data()) <
        0) {
      return Hdf5Error(StatusCode::kInternal, "cannot read names");
    }
    for (char* p : ptrs) out.emplace_back(p != nullptr ? p : "");
    H5Dvlen_reclaim(type.get(), mem_space.get(), H5P_DEFAULT, ptrs.data());
    return common::Status::Ok();
  }
  size_t size = H5Tget_size(stored.get());  // fixed-length, NUL-padded
  std::vector<char> buf(size * count);
  if (H5Dread(ds.get(), stored.get(), mem_space.get(), file_space.get(), H5P_DEFAULT, buf.data()) <
      0) {
    return Hdf5Error(StatusCode::kInternal, "cannot read names");
  }
  for (uint64_t i = 0; i < count; ++i) {
    std::string s(buf.data() + i * size, size);
    s.resize(s.find('\0') == std::string::npos ? size : s.find('\0'));
    out.push_back(std::move(s));
  }
  return common::Status::Ok();
}

}  // namespace taiga::convert
