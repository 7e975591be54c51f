#include "http/middleware/session_cookie.h"

#include <gtest/gtest.h>

namespace taiga::http {
namespace {

Request WithHeaders(std::vector<std::pair<std::string, std::string>> headers,
                    std::string remote = "127.0.0.1") {
  Request r;
  r.method = "GET";
  r.headers = std::move(headers);
  r.remote_address = std::move(remote);
  return r;
}

TEST(SessionCookieTest, ReadsTheSessionCookieAmongOthers) {
  EXPECT_EQ(SessionCookie::Read(WithHeaders({{"cookie", "taiga_session=abc"}})), "abc");
  EXPECT_EQ(SessionCookie::Read(WithHeaders({{"cookie", "a=1; taiga_session=xyz; b=2"}})), "xyz");
  EXPECT_EQ(SessionCookie::Read(WithHeaders({{"cookie", "a=1;taiga_session=\"q\""}})), "q");
  EXPECT_EQ(SessionCookie::Read(WithHeaders({{"cookie", "a=1"}, {"cookie", "taiga_session=2"}})),
            "2");
  EXPECT_FALSE(SessionCookie::Read(WithHeaders({{"cookie", "xtaiga_session=1; taiga=2"}})));
  EXPECT_FALSE(SessionCookie::Read(WithHeaders({{"cookie", "taiga_session"}})));
  EXPECT_FALSE(SessionCookie::Read(WithHeaders({})));
  EXPECT_EQ(SessionCookie::Read(WithHeaders({{"cookie", "taiga_session=first; taiga_session=2"}})),
            "first");  // the most specific path comes first
}

TEST(SessionCookieTest, SetAndClearCarryTheAttributes) {
  SessionCookie cookie({"/taiga", false, {}});
  const Request req = WithHeaders({});
  EXPECT_EQ(cookie.Set(req, "s3cret", 60),
            "taiga_session=s3cret; Path=/taiga; HttpOnly; SameSite=Strict; Max-Age=60");
  EXPECT_EQ(cookie.Clear(req), "taiga_session=; Path=/taiga; HttpOnly; SameSite=Strict; Max-Age=0");
  SessionCookie at_root({"", false, {}});
  EXPECT_NE(at_root.Set(req, "x", 1).find("; Path=/;"), std::string::npos);
}

TEST(SessionCookieTest, SecureOverHttpsOnly) {
  SessionCookie https_url({"/taiga", true, {}});
  EXPECT_NE(https_url.Set(WithHeaders({}), "x", 1).find("; Secure"), std::string::npos);
  SessionCookie proxied({"/taiga", false, {"10.0.0.1"}});
  const Request from_proxy = WithHeaders({{"x-forwarded-proto", "https"}}, "10.0.0.1");
  EXPECT_TRUE(proxied.IsHttps(from_proxy));
  EXPECT_NE(proxied.Clear(from_proxy).find("; Secure"), std::string::npos);
  EXPECT_TRUE(proxied.IsHttps(WithHeaders({{"x-forwarded-proto", "HTTPS, http"}}, "10.0.0.1")));
  EXPECT_FALSE(proxied.IsHttps(WithHeaders({{"x-forwarded-proto", "http, https"}}, "10.0.0.1")));
  EXPECT_FALSE(proxied.IsHttps(WithHeaders({{"x-forwarded-proto", "https"}}, "10.0.0.2")));
  EXPECT_FALSE(proxied.IsHttps(WithHeaders({}, "10.0.0.1")));
  EXPECT_EQ(proxied.Set(WithHeaders({{"x-forwarded-proto", "https"}}), "x", 1).find("Secure"),
            std::string::npos);
}

}  // namespace
}  // namespace taiga::http
