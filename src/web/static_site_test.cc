#include "web/static_site.h"

#include <gtest/gtest.h>

#include <map>

namespace taiga::web {
namespace {

// An AssetSource over a map, for tests.
class MapSource final : public AssetSource {
 public:
  explicit MapSource(std::map<std::string, std::string> files) : files_(std::move(files)) {}
  std::optional<Asset> Find(const std::string& path) const override {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return Asset{it->second, nullptr, "\"etag-" + path + "\""};
  }
  std::string Describe() const override { return "map"; }

 private:
  std::map<std::string, std::string> files_;
};

const char kIndexHtml[] =
    "<!doctype html><html><head><base href=\"/taiga/\"><script src=\"./assets/app-1a2b.js\">"
    "</script></head></html>";

StaticSite Site(std::string prefix = "/taiga") {
  return StaticSite(std::make_unique<MapSource>(std::map<std::string, std::string>{
                        {"index.html", kIndexHtml},
                        {"index.html.gz", "GZ-INDEX"},
                        {"assets/app-1a2b.js", "console.log(1)"},
                        {"assets/app-1a2b.js.gz", "GZ-JS"},
                        {"assets/app-1a2b.css", "body{}"},
                        {"favicon.svg", "<svg/>"},
                    }),
                    StaticSiteOptions{std::move(prefix)});
}

TEST(StaticSiteTest, IndexAtTheRootWithNoCache) {
  const StaticSite site = Site();  // replies point into it: it must outlive them
  auto r = site.Serve("/", false);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.cache_control, "no-cache");
  EXPECT_EQ(r.body, kIndexHtml);
  EXPECT_EQ(r.etag, "\"etag-index.html\"");
  EXPECT_EQ(r.content_encoding, "");
  EXPECT_EQ(site.Serve("/index.html", false).body, kIndexHtml);
}

TEST(StaticSiteTest, HashedAssetsAreImmutableOthersRevalidate) {
  const StaticSite site = Site();  // replies point into it: it must outlive them
  auto js = site.Serve("/assets/app-1a2b.js", false);
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(js.body, "console.log(1)");
  auto css = site.Serve("/assets/app-1a2b.css", false);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  auto icon = site.Serve("/favicon.svg", false);
  EXPECT_EQ(icon.content_type, "image/svg+xml");
  EXPECT_EQ(icon.cache_control, "no-cache");
}

TEST(StaticSiteTest, GzipSiblingOnlyWhenAccepted) {
  const StaticSite site = Site();  // replies point into it: it must outlive them
  auto plain = site.Serve("/assets/app-1a2b.js", false);
  EXPECT_EQ(plain.content_encoding, "");
  auto gz = site.Serve("/assets/app-1a2b.js", true);
  EXPECT_EQ(gz.content_encoding, "gzip");
  EXPECT_EQ(gz.body, "GZ-JS");
  EXPECT_EQ(gz.content_type, "text/javascript; charset=utf-8");  // of the file, not the .gz
  EXPECT_NE(gz.etag, plain.etag);
  auto css = site.Serve("/assets/app-1a2b.css", true);  // no sibling: identity
  EXPECT_EQ(css.content_encoding, "");
  EXPECT_EQ(css.body, "body{}");
  EXPECT_EQ(site.Serve("/", true).body, "GZ-INDEX");
}

TEST(StaticSiteTest, DeepLinksGetTheIndex) {
  const StaticSite site = Site();  // replies point into it: it must outlive them
  for (const char* p : {"/dataset/abc", "/dataset/abc/2", "/folder/public/", "/a%2Fb",
                        "/dataset/x.1/file.csv", "/.env", "//x"}) {
    auto r = site.Serve(p, false);
    EXPECT_EQ(r.status, 200) << p;
    EXPECT_EQ(r.body, kIndexHtml) << p;
    EXPECT_EQ(r.cache_control, "no-cache") << p;
  }
}

TEST(StaticSiteTest, MissingAssetsAndHostilePathsAre404) {
  const StaticSite site = Site();  // replies point into it: it must outlive them
  for (const char* p : {"/assets/app-old.js", "/assets/", "/assets/x/../../index.html", "/..",
                        "/../index.html", "/a/./b"}) {
    EXPECT_EQ(site.Serve(p, false).status, 404) << p;
  }
  EXPECT_EQ(site.Serve(std::string("/a\0", 3), false).status, 404);
  EXPECT_EQ(site.Serve("/" + std::string(5000, 'a'), false).status, 404);
}

TEST(StaticSiteTest, AnotherPrefixRewritesTheBaseHref) {
  const StaticSite other = Site("/data/taiga");
  auto r = other.Serve("/dataset/x", true);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<base href=\"/data/taiga/\">"), std::string_view::npos);
  EXPECT_EQ(r.body.find("<base href=\"/taiga/\""), std::string_view::npos);
  EXPECT_EQ(r.content_encoding, "");  // the precompressed copy has the old href
  EXPECT_NE(r.etag, "\"etag-index.html\"");
  const StaticSite at_root = Site("");
  auto root = at_root.Serve("/", false);
  EXPECT_NE(root.body.find("<base href=\"/\">"), std::string_view::npos);
  const StaticSite quoted = Site("/a\"b");
  auto odd = quoted.Serve("/", false);
  EXPECT_NE(odd.body.find("<base href=\"/a&quot;b/\">"), std::string_view::npos);
}

TEST(StaticSiteTest, NotBuiltPageSaysHowToBuild) {
  const StaticSite site = Site();  // replies point into it: it must outlive them
  StaticSite empty(std::make_unique<MapSource>(std::map<std::string, std::string>{}),
                   StaticSiteOptions{"/taiga"});
  EXPECT_FALSE(empty.built());
  EXPECT_TRUE(site.built());
  for (const char* p : {"/", "/dataset/x"}) {
    auto r = empty.Serve(p, true);
    EXPECT_EQ(r.status, 200) << p;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r.cache_control, "no-store");
    EXPECT_NE(r.body.find("not built"), std::string_view::npos);
    EXPECT_NE(r.body.find("make build"), std::string_view::npos);
    EXPECT_NE(r.body.find("web.dir"), std::string_view::npos);
    EXPECT_NE(r.body.find("/taiga/api/"), std::string_view::npos);
  }
  EXPECT_EQ(empty.Serve("/assets/app.js", false).status, 404);
}

}  // namespace
}  // namespace taiga::web
