// AssetSource: where the web UI's built files come from — compiled into the binary
// (EmbeddedAssetSource) or a directory such as web/dist (DirectoryAssetSource, config web.dir).
// Implementations are thread-safe (lookups only read).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace taiga::web {

// One file's bytes. They stay valid while `owner` lives, or forever when `owner` is null
// (bytes compiled into the binary).
struct Asset {
  std::string_view bytes;
  std::shared_ptr<const std::string> owner;
  std::string etag;  // a strong validator, quoted: "\"...\""
};

class AssetSource {
 public:
  virtual ~AssetSource() = default;
  // The regular file at `relative_path` ("index.html", "assets/app-1a2b.js": a path
  // AssetFileFor returned), if there is one. Never throws.
  virtual std::optional<Asset> Find(const std::string& relative_path) const = 0;
  // What this source is, for the start-up log ("embedded, 12 files", "directory web/dist").
  virtual std::string Describe() const = 0;
};

}  // namespace taiga::web
