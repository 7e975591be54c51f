#include "web/embedded_asset_source.h"

namespace taiga::web {

EmbeddedAssetSource::EmbeddedAssetSource(std::span<const EmbeddedAsset> assets) {
  for (const auto& a : assets) by_path_.emplace(a.path, &a);
}

std::optional<Asset> EmbeddedAssetSource::Find(const std::string& relative_path) const {
  auto it = by_path_.find(relative_path);
  if (it == by_path_.end()) return std::nullopt;
  const EmbeddedAsset& a = *it->second;
  return Asset{std::string_view(reinterpret_cast<const char*>(a.data), a.size), nullptr,
               "\"" + std::string(a.md5) + "\""};
}

std::string EmbeddedAssetSource::Describe() const {
  return "embedded in the binary, " + std::to_string(by_path_.size()) + " files";
}

}  // namespace taiga::web
