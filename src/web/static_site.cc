#include "web/static_site.h"

#include "common/hash.h"
#include "common/markup_escape.h"
#include "web/asset_path.h"
#include "web/content_type.h"

namespace taiga::web {
namespace {

constexpr char kIndex[] = "index.html";
constexpr char kBuiltBaseHref[] = "<base href=\"/taiga/\"";  // as web/ builds index.html

std::string HtmlEscape(std::string_view s) { return common::EscapeMarkup(s); }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

StaticSite::StaticSite(std::unique_ptr<AssetSource> source, StaticSiteOptions options)
    : source_(std::move(source)),
      options_(std::move(options)),
      base_href_(HtmlEscape(options_.prefix + "/")) {}

bool StaticSite::built() const { return source_->Find(kIndex).has_value(); }

StaticReply StaticSite::Serve(std::string_view path, bool accepts_gzip) const {
  if (IsRefusedPath(path)) return StaticReply{404};
  if (auto file = AssetFileFor(path)) {
    if (*file == kIndex) return IndexReply(accepts_gzip);
    if (auto asset = source_->Find(*file)) {
      return FileReply(*file, std::move(*asset), accepts_gzip, false);
    }
  }
  if (StartsWith(path, "/assets/")) return StaticReply{404};  // a stale hashed name: no HTML
  return IndexReply(accepts_gzip);
}

StaticReply StaticSite::IndexReply(bool accepts_gzip) const {
  auto index = source_->Find(kIndex);
  if (!index) return NotBuiltReply();
  return FileReply(kIndex, std::move(*index), accepts_gzip, options_.prefix != "/taiga");
}

StaticReply StaticSite::FileReply(const std::string& file, Asset asset, bool accepts_gzip,
                                  bool rewrite_base) const {
  StaticReply r;
  r.content_type = std::string(ContentTypeFor(file));
  r.cache_control = StartsWith(file, "assets/") ? kImmutableCacheControl : kRevalidateCacheControl;
  if (rewrite_base) {
    const auto at = asset.bytes.find(kBuiltBaseHref);
    if (at != std::string_view::npos) {
      auto text = std::make_shared<std::string>(asset.bytes);
      text->replace(at, sizeof(kBuiltBaseHref) - 1, "<base href=\"" + base_href_ + "\"");
      r.body = *text;
      r.owner = std::move(text);
      // The bytes depend on the prefix too: so must the validator.
      r.etag = asset.etag.substr(0, asset.etag.size() - 1) + "-" +
               common::Sha256Hex(options_.prefix).substr(0, 8) + "\"";
      return r;
    }
  }
  if (accepts_gzip) {
    if (auto gz = source_->Find(file + ".gz")) {
      asset = std::move(*gz);
      r.content_encoding = "gzip";
    }
  }
  r.body = asset.bytes;
  r.owner = std::move(asset.owner);
  r.etag = std::move(asset.etag);
  return r;
}

StaticReply StaticSite::NotBuiltReply() const {
  const std::string prefix = HtmlEscape(options_.prefix);
  auto page = std::make_shared<std::string>(
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Taiga: the web UI was not built</title></head><body>\n"
      "<h1>The web UI was not built into this server</h1>\n"
      "<p>The API works: it is at <code>" +
      prefix +
      "/api/</code>.</p>\n"
      "<p>To get the UI, build it and the server from the source tree with <code>make build</code>"
      " (it runs <code>npm ci</code> and <code>npm run build</code> in <code>web/</code>, then "
      "rebuilds <code>taiga</code>, which embeds <code>web/dist</code>), and start the server "
      "again. Or point the setting <code>web.dir</code> (<code>TAIGA_WEB_DIR</code>) at a built "
      "<code>web/dist</code>.</p>\n</body></html>\n");
  StaticReply r;
  r.content_type = "text/html; charset=utf-8";
  r.cache_control = "no-store";
  r.body = *page;
  r.owner = std::move(page);
  return r;
}

}  // namespace taiga::web
