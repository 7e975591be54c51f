#include "convert/hdf5_matrix_writer.h"

#include <algorithm>

namespace taiga::convert {
namespace {

using common::StatusCode;

// A scalar variable-length UTF-8 string attribute, as h5py writes attrs["name"] = "text".
common::Status WriteTextAttribute(const Hdf5Id& object, const char* name, const char* value) {
  Hdf5Id type = VlenStringType(H5T_CSET_UTF8);
  Hdf5Id space(H5Screate(H5S_SCALAR));
  Hdf5Id attr(H5Acreate2(object.get(), name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
  if (!attr.valid() || H5Awrite(attr.get(), type.get(), &value) < 0) {
    return Hdf5Error(StatusCode::kInternal, std::string("cannot write attribute ") + name);
  }
  return common::Status::Ok();
}

// A dataset of `dims`; with `chunk` set, chunked with unlimited first dimension (empty at first).
common::Result<Hdf5Id> CreateDataset(const Hdf5Id& file, const char* name, hid_t type,
                                     std::vector<hsize_t> dims, const char* attr_name,
                                     const char* attr_value, std::vector<hsize_t> chunk = {}) {
  std::vector<hsize_t> max = dims;
  Hdf5Id create(H5Pcreate(H5P_DATASET_CREATE));
  Hdf5Id access(H5Pcreate(H5P_DATASET_ACCESS));
  if (!chunk.empty()) {
    dims[0] = 0;
    max[0] = H5S_UNLIMITED;
    // Whole chunks are written straight to the file rather than through the chunk cache.
    if (H5Pset_chunk(create.get(), static_cast<int>(chunk.size()), chunk.data()) < 0 ||
        H5Pset_chunk_cache(access.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT, 0,
                           H5D_CHUNK_CACHE_W0_DEFAULT) < 0) {
      return Hdf5Error(StatusCode::kInternal, std::string("cannot chunk dataset ") + name);
    }
  }
  Hdf5Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max.data()));
  Hdf5Id ds(
      H5Dcreate2(file.get(), name, type, space.get(), H5P_DEFAULT, create.get(), access.get()));
  if (!ds.valid()) {
    return Hdf5Error(StatusCode::kInternal, std::string("cannot create dataset ") + name);
  }
  TAIGA_RETURN_IF_ERROR(WriteTextAttribute(ds, attr_name, attr_value));
  return ds;
}

// Grows the first dimension of an extendible dataset to `rows`.
common::Status Extend(const Hdf5Id& ds, uint64_t rows, uint64_t columns) {
  hsize_t dims[2] = {rows, columns};
  if (H5Dset_extent(ds.get(), dims) < 0) {
    return Hdf5Error(StatusCode::kInternal, "cannot extend the matrix");
  }
  return common::Status::Ok();
}

}  // namespace

common::Result<std::unique_ptr<Hdf5MatrixWriter>> Hdf5MatrixWriter::Create(const std::string& path,
                                                                           uint64_t columns,
                                                                           bool descriptions) {
  Hdf5Scope scope;
  std::unique_ptr<Hdf5MatrixWriter> w(new Hdf5MatrixWriter());
  w->columns_ = columns;
  w->descriptions_wanted_ = descriptions;
  w->file_ = Hdf5Id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  if (!w->file_.valid()) return Hdf5Error(StatusCode::kUnavailable, "cannot create " + path);
  w->string_type_ = VlenStringType(H5T_CSET_ASCII);
  TAIGA_ASSIGN_OR_RETURN(w->dim1_, CreateDataset(w->file_, "dim_1", w->string_type_.get(),
                                                 {columns}, "name", "col_axis"));
  return w;
}

common::Status Hdf5MatrixWriter::CreateRowDatasets(uint64_t rows, bool extendible) {
  extendible_ = extendible;
  hid_t str = string_type_.get();
  const hsize_t chunk_rows = std::max<hsize_t>(1, (hsize_t{1} << 20) / 8 / columns_);
  auto chunk = [&](std::vector<hsize_t> c) { return extendible ? c : std::vector<hsize_t>(); };
  TAIGA_ASSIGN_OR_RETURN(data_, CreateDataset(file_, "data", H5T_IEEE_F64LE, {rows, columns_}, "id",
                                              "0", chunk({chunk_rows, columns_})));
  TAIGA_ASSIGN_OR_RETURN(
      dim0_, CreateDataset(file_, "dim_0", str, {rows}, "name", "row_axis", chunk({4096})));
  if (descriptions_wanted_) {
    TAIGA_ASSIGN_OR_RETURN(descriptions_, CreateDataset(file_, "gct_description", str, {rows},
                                                        "name", "row_description", chunk({4096})));
  }
  return common::Status::Ok();
}

common::Status Hdf5MatrixWriter::WriteStrings(const Hdf5Id& dataset, uint64_t first,
                                              const std::vector<std::string>& values) {
  if (values.empty()) return common::Status::Ok();
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const std::string& v : values) ptrs.push_back(v.c_str());
  hsize_t start = first, count = values.size();
  Hdf5Id file_space(H5Dget_space(dataset.get()));
  Hdf5Id mem_space(H5Screate_simple(1, &count, nullptr));
  if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr) < 0 ||
      H5Dwrite(dataset.get(), string_type_.get(), mem_space.get(), file_space.get(), H5P_DEFAULT,
               ptrs.data()) < 0) {
    return Hdf5Error(StatusCode::kInternal, "cannot write names");
  }
  return common::Status::Ok();
}

common::Status Hdf5MatrixWriter::AppendRows(const std::vector<double>& values,
                                            const std::vector<std::string>& names,
                                            const std::vector<std::string>& descriptions,
                                            bool last) {
  Hdf5Scope scope;
  const uint64_t first = rows_;
  if (!data_.valid()) {
    TAIGA_RETURN_IF_ERROR(CreateRowDatasets(last ? names.size() : 0, !last));
  }
  if (names.empty()) return common::Status::Ok();
  rows_ += names.size();
  if (extendible_) {
    TAIGA_RETURN_IF_ERROR(Extend(data_, rows_, columns_));
    TAIGA_RETURN_IF_ERROR(Extend(dim0_, rows_, 0));
    if (descriptions_.valid()) TAIGA_RETURN_IF_ERROR(Extend(descriptions_, rows_, 0));
  }
  hsize_t start[2] = {first, 0}, count[2] = {names.size(), columns_};
  Hdf5Id file_space(H5Dget_space(data_.get()));
  Hdf5Id mem_space(H5Screate_simple(2, count, nullptr));
  if (H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr) < 0 ||
      H5Dwrite(data_.get(), H5T_NATIVE_DOUBLE, mem_space.get(), file_space.get(), H5P_DEFAULT,
               values.data()) < 0) {
    return Hdf5Error(StatusCode::kInternal, "cannot write matrix rows");
  }
  TAIGA_RETURN_IF_ERROR(WriteStrings(dim0_, first, names));
  if (descriptions_.valid())
    TAIGA_RETURN_IF_ERROR(WriteStrings(descriptions_, first, descriptions));
  return common::Status::Ok();
}

common::Status Hdf5MatrixWriter::WriteColumnNames(const std::vector<std::string>& names) {
  Hdf5Scope scope;
  return WriteStrings(dim1_, 0, names);
}

common::Status Hdf5MatrixWriter::Close() {
  Hdf5Scope scope;
  data_.Reset();
  dim0_.Reset();
  dim1_.Reset();
  descriptions_.Reset();
  string_type_.Reset();
  if (!file_.valid()) return common::Status::Ok();
  if (H5Fclose(file_.Release()) < 0) {
    return Hdf5Error(StatusCode::kUnavailable, "cannot write the HDF5 file");
  }
  return common::Status::Ok();
}

}  // namespace taiga::convert
