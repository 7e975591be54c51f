// ScratchFile: a uniquely named local file in a job's scratch directory, for the converters
// that need a real file (HDF5 is written and read through a path), removed when the ScratchFile
// is destroyed. The directory is created when missing. The name carries the job's id, so the
// cleanup job can remove the files of workers that died mid-job (RemoveAbandonedScratch).
// Not thread-safe; movable.
#pragma once

#include <string>

#include "common/result.h"

namespace taiga::jobs {

class ScratchFile {
 public:
  // Reserves "<dir>/<job id>.<prefix>-<random><suffix>" (the file itself is created by whoever
  // writes it). Errors: Unavailable when the directory cannot be created.
  static common::Result<ScratchFile> Create(const std::string& dir, const std::string& job_id,
                                            const std::string& prefix, const std::string& suffix);
  // The job id in the name of a scratch file (its base name); empty when it has none.
  static std::string JobIdOf(const std::string& filename);
  ~ScratchFile();
  ScratchFile(ScratchFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ScratchFile& operator=(ScratchFile&&) = delete;
  ScratchFile(const ScratchFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  explicit ScratchFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace taiga::jobs
