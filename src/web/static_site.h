// StaticSite: what the server answers for a GET under {prefix}/ that no API route takes — the
// web UI's files with their Content-Type and caching policy, a precompressed ".gz" sibling when
// the client accepts gzip, index.html for every other path (the single-page app's deep links,
// e.g. /taiga/dataset/abc), and an honest "the UI was not built" page when the source has no
// index.html. Knows nothing about HTTP libraries; http/ turns a StaticReply into a response.
// Thread-safe once built.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "web/asset_source.h"

namespace taiga::web {

struct StaticSiteOptions {
  // The URL prefix ("" or e.g. "/taiga"). index.html's <base href="/taiga/"> (as the UI is
  // built) is rewritten to <base href="{prefix}/"> for any other prefix.
  std::string prefix = "/taiga";
};

struct StaticReply {
  int status = 200;  // 200, or 404: no such file (the caller writes the problem body)
  std::string content_type;
  std::string cache_control;
  std::string content_encoding;  // "gzip" when the body is the .gz sibling, else ""
  std::string etag;              // quoted; empty when none
  // Valid while `owner` lives or, when `owner` is null, while the StaticSite does.
  std::string_view body;
  std::shared_ptr<const std::string> owner;
};

// Cache-Control values: hashed files under assets/ never change; everything else revalidates.
inline constexpr char kImmutableCacheControl[] = "public, max-age=31536000, immutable";
inline constexpr char kRevalidateCacheControl[] = "no-cache";

class StaticSite {
 public:
  StaticSite(std::unique_ptr<AssetSource> source, StaticSiteOptions options);

  // The reply for `request_path` (relative to the prefix and percent-decoded: "/",
  // "/assets/app.js", "/dataset/x"). Refused paths (web/asset_path.h) and missing files under
  // assets/ are 404; other missing paths get index.html.
  StaticReply Serve(std::string_view request_path, bool accepts_gzip) const;
  // False when the source has no index.html (the UI was not built).
  bool built() const;
  std::string Describe() const { return source_->Describe(); }

 private:
  StaticReply FileReply(const std::string& file, Asset asset, bool accepts_gzip,
                        bool rewrite_base) const;
  StaticReply IndexReply(bool accepts_gzip) const;
  StaticReply NotBuiltReply() const;

  std::unique_ptr<AssetSource> source_;
  StaticSiteOptions options_;
  std::string base_href_;  // the <base href="..."> index.html should carry
};

}  // namespace taiga::web
