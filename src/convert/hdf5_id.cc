#include "convert/hdf5_id.h"

namespace taiga::convert {
namespace {

// The lock for HDF5 builds without thread safety. HDF5 is process-global state itself, so
// its guard is too; unused when H5is_library_threadsafe says the library locks on its own.
std::recursive_mutex& Hdf5Mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

bool LibraryIsThreadSafe() {
  static const bool safe = [] {
    hbool_t ts = 0;
    return H5is_library_threadsafe(&ts) >= 0 && ts != 0;
  }();
  return safe;
}

herr_t FirstDescription(unsigned n, const H5E_error2_t* e, void* out) {
  auto* text = static_cast<std::string*>(out);
  if (n == 0 && e->desc != nullptr) *text = e->desc;
  return 0;
}

}  // namespace

void Hdf5Id::Reset() {
  if (id_ < 0) return;
  Hdf5Scope scope;
  H5Idec_ref(id_);
  id_ = -1;
}

Hdf5Scope::Hdf5Scope() {
  if (!LibraryIsThreadSafe()) lock_.emplace(Hdf5Mutex());
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

common::Status Hdf5Error(common::StatusCode code, const std::string& what) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, FirstDescription, &detail);
  H5Eclear2(H5E_DEFAULT);
  return common::Status(code, detail.empty() ? what : what + ": " + detail);
}

Hdf5Id VlenStringType(H5T_cset_t cset) {
  Hdf5Id type(H5Tcopy(H5T_C_S1));
  H5Tset_size(type.get(), H5T_VARIABLE);
  H5Tset_cset(type.get(), cset);
  return type;
}

}  // namespace taiga::convert
