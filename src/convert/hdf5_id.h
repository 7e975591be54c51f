// Hdf5Id owns an HDF5 identifier (file, dataset, dataspace, datatype, attribute, property
// list) and releases it on destruction; Hdf5Scope wraps every use of the HDF5 C API: it
// silences HDF5's own error printing on this thread and, when the library was built without
// thread safety, holds the one process-wide HDF5 lock (DESIGN.md §5). Hdf5Error turns the
// library's error stack into a Status. Move-only handles; use each from one thread.
#pragma once

#include <hdf5.h>

#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "common/status.h"

namespace taiga::convert {

class Hdf5Id {
 public:
  Hdf5Id() = default;
  explicit Hdf5Id(hid_t id) : id_(id) {}
  ~Hdf5Id() { Reset(); }
  Hdf5Id(Hdf5Id&& o) noexcept : id_(std::exchange(o.id_, -1)) {}
  Hdf5Id& operator=(Hdf5Id&& o) noexcept {
    if (this != &o) {
      Reset();
      id_ = std::exchange(o.id_, -1);
    }
    return *this;
  }
  Hdf5Id(const Hdf5Id&) = delete;
  Hdf5Id& operator=(const Hdf5Id&) = delete;

  bool valid() const { return id_ >= 0; }
  hid_t get() const { return id_; }
  // Gives up ownership (for an explicit, checked H5Fclose).
  hid_t Release() { return std::exchange(id_, -1); }
  // Releases the identifier (under the HDF5 lock when the library needs one).
  void Reset();

 private:
  hid_t id_ = -1;
};

class Hdf5Scope {
 public:
  Hdf5Scope();
  Hdf5Scope(const Hdf5Scope&) = delete;
  Hdf5Scope& operator=(const Hdf5Scope&) = delete;

 private:
  std::optional<std::unique_lock<std::recursive_mutex>> lock_;
};

// `code` with "<what>: <the innermost HDF5 error description>".
common::Status Hdf5Error(common::StatusCode code, const std::string& what);

// A variable-length string type (cset ASCII, as h5py writes vlen bytes; or UTF-8).
Hdf5Id VlenStringType(H5T_cset_t cset);

}  // namespace taiga::convert
