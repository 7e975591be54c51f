#include "http/router.h"

#include <gtest/gtest.h>

namespace taiga::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&, app::RequestContext&) -> common::Result<Response> {
    Response r;
    r.body = name;
    return r;
  };
}

std::string Hit(const Router& router, const std::string& method, const std::string& path,
                std::map<std::string, std::string>* params = nullptr) {
  std::map<std::string, std::string> p;
  auto m = router.Match(method, path, params ? params : &p);
  if (!m.route) return m.path_exists ? "405" : "404";
  Request req;
  app::RequestContext ctx;
  return m.route->handler(req, ctx)->body;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add({"GET", "/api/dataset/{datasetId}", RouteAuth::kRequired, Named("dataset")});
    router_.Add({"GET", "/api/dataset/{datasetId}/{versionId}", RouteAuth::kRequired,
                 Named("version")});
    router_.Add({"GET", "/api/dataset/{datasetId}/last", RouteAuth::kRequired, Named("last")});
    router_.Add({"POST", "/api/dataset/{datasetId}/name", RouteAuth::kRequired, Named("rename")});
    router_.Add({"GET", "/api/dataset/logAccess", RouteAuth::kRequired, Named("logs")});
    router_.Add({"GET", "/", RouteAuth::kNone, Named("index")});
  }
  Router router_;
};

TEST_F(RouterTest, BindsParameters) {
  std::map<std::string, std::string> params;
  EXPECT_EQ(Hit(router_, "GET", "/api/dataset/abc/7", &params), "version");
  EXPECT_EQ(params["datasetId"], "abc");
  EXPECT_EQ(params["versionId"], "7");
}

TEST_F(RouterTest, LiteralBeatsParameter) {
  EXPECT_EQ(Hit(router_, "GET", "/api/dataset/logAccess"), "logs");
  EXPECT_EQ(Hit(router_, "GET", "/api/dataset/x/last"), "last");
}

TEST_F(RouterTest, FallsBackToTheParameterWhenTheLiteralIsForAnotherMethod) {
  EXPECT_EQ(Hit(router_, "GET", "/api/dataset/x/name"), "version");
}

TEST_F(RouterTest, WrongMethodIs405AndUnknownIs404) {
  EXPECT_EQ(Hit(router_, "DELETE", "/api/dataset/x"), "405");
  EXPECT_EQ(Hit(router_, "GET", "/api/nothing"), "404");
  EXPECT_EQ(Hit(router_, "GET", "/api/dataset/x/1/extra"), "404");
}

TEST_F(RouterTest, TrailingSlashAndEmptySegmentsDoNotMatchParameters) {
  EXPECT_EQ(Hit(router_, "GET", "/api/dataset/"), "404");
  EXPECT_EQ(Hit(router_, "GET", "/"), "index");
}

TEST(RouterTail, TakesTheRestOfThePath) {
  Router router;
  router.Add({"GET", "/api/datafile-preview/{id+}", RouteAuth::kRequired, Named("preview")});
  std::map<std::string, std::string> params;
  EXPECT_EQ(Hit(router, "GET", "/api/datafile-preview/perm-1a2b.3/some/file", &params), "preview");
  EXPECT_EQ(params["id"], "perm-1a2b.3/some/file");
  params.clear();
  EXPECT_EQ(Hit(router, "GET", "/api/datafile-preview/abc", &params), "preview");
  EXPECT_EQ(params["id"], "abc");
  EXPECT_EQ(Hit(router, "GET", "/api/datafile-preview/"), "404");
  EXPECT_EQ(Hit(router, "POST", "/api/datafile-preview/abc"), "405");
}

TEST_F(RouterTest, DescribeListsRoutesInOrder) {
  auto d = router_.Describe();
  ASSERT_EQ(d.size(), 6u);
  EXPECT_EQ(d[0], "GET /api/dataset/{datasetId}");
}

}  // namespace
}  // namespace taiga::http
