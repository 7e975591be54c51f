#include "web/directory_asset_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>

namespace taiga::web {
namespace {

// Reads all of `fd` (a regular file of `size` bytes); false on error or a size change.
bool ReadAll(int fd, size_t size, std::string* out) {
  out->resize(size);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, out->data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

common::Result<std::unique_ptr<DirectoryAssetSource>> DirectoryAssetSource::Open(
    const std::string& root) {
  std::error_code ec;
  const auto canonical = std::filesystem::canonical(root, ec);
  if (ec || !std::filesystem::is_directory(canonical, ec)) {
    return common::InvalidArgument("web.dir '" + root +
                                   "' is not a directory (build the UI with `make build`, or "
                                   "leave web.dir empty to serve the UI built into the binary)");
  }
  return std::unique_ptr<DirectoryAssetSource>(new DirectoryAssetSource(root, canonical.string()));
}

std::optional<Asset> DirectoryAssetSource::Find(const std::string& relative_path) const {
  std::error_code ec;
  const auto resolved = std::filesystem::canonical(root_ + "/" + relative_path, ec);
  if (ec) return std::nullopt;
  const std::string path = resolved.string();
  if (path.size() <= root_.size() + 1 || path.compare(0, root_.size(), root_) != 0 ||
      path[root_.size()] != '/') {
    return std::nullopt;  // a symlink out of the directory
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::optional<Asset> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<uint64_t>(st.st_size) <= kMaxFileBytes) {
    auto bytes = std::make_shared<std::string>();
    if (ReadAll(fd, static_cast<size_t>(st.st_size), bytes.get())) {
      char etag[64];
      std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                    static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ull +
                        static_cast<unsigned long long>(st.st_mtim.tv_nsec));
      out = Asset{std::string_view(*bytes), bytes, etag};
    }
  }
  ::close(fd);
  return out;
}

std::string DirectoryAssetSource::Describe() const { return "directory " + given_; }

}  // namespace taiga::web
