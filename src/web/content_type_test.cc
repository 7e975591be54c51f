#include "web/content_type.h"

#include <gtest/gtest.h>

namespace taiga::web {
namespace {

TEST(ContentTypeTest, KnownExtensions) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/index-1a2b3c.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/x.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/index-1a2b3c.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/index.js.map"), "application/json");
  EXPECT_EQ(ContentTypeFor("favicon.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(ContentTypeFor("a/b/logo.png"), "image/png");
  EXPECT_EQ(ContentTypeFor("f.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("m.webmanifest"), "application/manifest+json");
  EXPECT_EQ(ContentTypeFor("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("x.wasm"), "application/wasm");
}

TEST(ContentTypeTest, CaseInsensitive) {
  EXPECT_EQ(ContentTypeFor("INDEX.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("Photo.JpG"), "image/jpeg");
}

TEST(ContentTypeTest, UnknownOrMissingExtensionIsOctetStream) {
  EXPECT_EQ(ContentTypeFor("README"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("archive.tar.zst"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("trailing."), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("dir.html/file"), "application/octet-stream");  // the dir's dot
  EXPECT_EQ(ContentTypeFor(""), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("index.js.gz"), "application/octet-stream");
}

}  // namespace
}  // namespace taiga::web
