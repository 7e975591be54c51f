#include "http/web_ui_response.h"

#include <gtest/gtest.h>

#include <map>

namespace taiga::http {
namespace {

class OneFileSource final : public web::AssetSource {
 public:
  std::optional<web::Asset> Find(const std::string& path) const override {
    if (path == "index.html") return web::Asset{"<html></html>", nullptr, "\"v1\""};
    if (path == "index.html.gz") return web::Asset{"GZ", nullptr, "\"v1gz\""};
    return std::nullopt;
  }
  std::string Describe() const override { return "one file"; }
};

Request Get(std::vector<std::pair<std::string, std::string>> headers) {
  Request r;
  r.method = "GET";
  r.path = "/taiga/x";
  r.request_id = "rid";
  r.headers = std::move(headers);
  return r;
}

const web::StaticSite& Site() {
  static const web::StaticSite site(std::make_unique<OneFileSource>(), {"/taiga"});
  return site;
}

TEST(WebUiResponseTest, FileWithHeaders) {
  Response r = WebUiResponse(Site(), Get({}), "/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<html></html>");
  std::map<std::string, std::string> h(r.headers.begin(), r.headers.end());
  EXPECT_EQ(h["Cache-Control"], "no-cache");
  EXPECT_EQ(h["Vary"], "Accept-Encoding");
  EXPECT_EQ(h["ETag"], "\"v1\"");
  EXPECT_EQ(h.count("Content-Encoding"), 0u);
}

TEST(WebUiResponseTest, GzipWhenAccepted) {
  Response r = WebUiResponse(Site(), Get({{"accept-encoding", "br, gzip"}}), "/x");
  EXPECT_EQ(r.body, "GZ");
  std::map<std::string, std::string> h(r.headers.begin(), r.headers.end());
  EXPECT_EQ(h["Content-Encoding"], "gzip");
  EXPECT_EQ(h["ETag"], "\"v1gz\"");
}

TEST(WebUiResponseTest, IfNoneMatchGives304WithoutABody) {
  for (const char* inm : {"\"v1\"", "\"a\", \"v1\"", "W/\"v1\"", "*"}) {
    Response r = WebUiResponse(Site(), Get({{"if-none-match", inm}}), "/");
    EXPECT_EQ(r.status, 304) << inm;
    EXPECT_TRUE(r.body.empty());
    EXPECT_TRUE(r.content_type.empty());
  }
  EXPECT_EQ(WebUiResponse(Site(), Get({{"if-none-match", "\"v2\""}}), "/").status, 200);
}

TEST(WebUiResponseTest, MissingAssetIsAProblem) {
  Response r = WebUiResponse(Site(), Get({}), "/assets/x.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_NE(r.body.find("no such file"), std::string::npos);
}

}  // namespace
}  // namespace taiga::http
