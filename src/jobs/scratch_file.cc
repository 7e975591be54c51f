#include "jobs/scratch_file.h"

#include <filesystem>
#include <system_error>

#include "common/random.h"

namespace taiga::jobs {

common::Result<ScratchFile> ScratchFile::Create(const std::string& dir, const std::string& job_id,
                                                const std::string& prefix,
                                                const std::string& suffix) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return common::Unavailable("cannot create the scratch directory " + dir + ": " + ec.message());
  }
  return ScratchFile(dir + "/" + job_id + "." + prefix + "-" + common::NewId32() + suffix);
}

std::string ScratchFile::JobIdOf(const std::string& filename) {
  const size_t dot = filename.find('.');
  return dot == std::string::npos ? std::string() : filename.substr(0, dot);
}

ScratchFile::~ScratchFile() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

}  // namespace taiga::jobs
