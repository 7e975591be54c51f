// The web UI's files as compiled into the binary, and the AssetSource over them.
// EmbeddedWebAssets() is defined by the source that src/web/embed_web_assets.cmake generates
// from web/dist at build time (library taiga_web_assets; empty when web/dist was not built).
// EmbeddedAssetSource is thread-safe; it does not own the table, which is static.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <unordered_map>

#include "web/asset_source.h"

namespace taiga::web {

struct EmbeddedAsset {
  const char* path;  // relative to web/dist, '/'-separated, e.g. "assets/app-1a2b.js"
  const unsigned char* data;
  size_t size;
  const char* md5;  // lowercase hex of the bytes (the ETag)
};

std::span<const EmbeddedAsset> EmbeddedWebAssets();

class EmbeddedAssetSource final : public AssetSource {
 public:
  explicit EmbeddedAssetSource(std::span<const EmbeddedAsset> assets);

  std::optional<Asset> Find(const std::string& relative_path) const override;
  std::string Describe() const override;

 private:
  std::unordered_map<std::string, const EmbeddedAsset*> by_path_;
};

}  // namespace taiga::web
