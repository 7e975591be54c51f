#include "http/problem.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/json/json_body.h"

namespace taiga::http {
namespace {

TEST(ErrorResponse, MapsCodesAndWritesProblemJson) {
  Response r = ErrorResponse(common::NotFound("no folder with id 'x'"), "rid1");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["title"], "Not Found");
  EXPECT_EQ(j["detail"], "no folder with id 'x'");
  EXPECT_EQ(j["type"], "about:blank");
  EXPECT_EQ(j["request_id"], "rid1");
}

TEST(ErrorResponse, InternalErrorsHideTheirMessageButCarryTheRequestId) {
  Response r = ErrorResponse(common::Internal("secret stack detail"), "rid2");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  EXPECT_NE(r.body.find("rid2"), std::string::npos);
}

TEST(ProblemResponse, ExtensionMembersJoinButCannotReplaceTheStandardOnes) {
  Response r = ProblemResponse(401, "sign in", "rid3",
                               {{"mode", "embedded"}, {"status", 200}, {"detail", "x"}});
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["mode"], "embedded");
  EXPECT_EQ(j["status"], 401);
  EXPECT_EQ(j["detail"], "sign in");
  EXPECT_EQ(j.size(), 6u);
}

TEST(HttpStatusFor, EveryCodeHasAStatus) {
  EXPECT_EQ(HttpStatusFor(common::StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(common::StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(common::StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(common::StatusCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(common::StatusCode::kPayloadTooLarge), 413);
  EXPECT_EQ(HttpStatusFor(common::StatusCode::kUnavailable), 503);
}

TEST(JsonBody, NamesTheFieldInTypeErrors) {
  auto body = JsonBody::Parse(R"({"name": 5, "ids": ["a", 1]})");
  ASSERT_TRUE(body.ok());
  auto name = body->RequiredString("name");
  ASSERT_FALSE(name.ok());
  EXPECT_NE(name.status().message().find("'name' must be a string"), std::string::npos);
  auto ids = body->RequiredStringList("ids");
  ASSERT_FALSE(ids.ok());
  EXPECT_NE(ids.status().message().find("ids[1]"), std::string::npos);
  auto missing = body->RequiredString("other");
  EXPECT_NE(missing.status().message().find("'other' is required"), std::string::npos);
}

TEST(JsonBody, RejectsEmptyAndMalformedAndNonObjects) {
  EXPECT_FALSE(JsonBody::Parse("").ok());
  EXPECT_FALSE(JsonBody::Parse("{\"a\": ").ok());
  EXPECT_FALSE(JsonBody::Parse("\"\xff\"").ok());
  auto arr = JsonBody::Parse("[1]");
  ASSERT_TRUE(arr.ok());
  EXPECT_FALSE(arr->RequiredString("a").ok());
}

}  // namespace
}  // namespace taiga::http
