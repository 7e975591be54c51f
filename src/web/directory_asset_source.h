// DirectoryAssetSource: the web UI's files read from a directory (config web.dir, e.g. a
// web/dist the UI developer rebuilds while the server runs). Every Find reads the file afresh;
// files must be regular, at most kMaxFileBytes, and inside the directory after symlinks are
// resolved. The ETag is the file's size and modification time. Thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "web/asset_source.h"

namespace taiga::web {

class DirectoryAssetSource final : public AssetSource {
 public:
  static constexpr uint64_t kMaxFileBytes = 64ull << 20;

  // Errors: InvalidArgument when `root` is not a readable directory.
  static common::Result<std::unique_ptr<DirectoryAssetSource>> Open(const std::string& root);

  std::optional<Asset> Find(const std::string& relative_path) const override;
  std::string Describe() const override;

 private:
  DirectoryAssetSource(std::string given, std::string canonical_root)
      : given_(std::move(given)), root_(std::move(canonical_root)) {}

  std::string given_;  // as configured, for messages
  std::string root_;   // canonical, without a trailing '/'
};

}  // namespace taiga::web
