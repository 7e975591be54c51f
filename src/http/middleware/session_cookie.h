// SessionCookie: the web UI's session cookie `taiga_session` — reading it from a request and
// the Set-Cookie values that set it (HttpOnly, SameSite=Strict, Path={prefix}, Max-Age, and
// Secure when the request came over https: the public URL is https, or a trusted proxy said
// X-Forwarded-Proto: https) and clear it. Also names the CSRF header cookie-authenticated
// writes must carry. Immutable after construction; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"

namespace taiga::http {

inline constexpr char kSessionCookieName[] = "taiga_session";
inline constexpr char kCsrfHeader[] = "X-Taiga-CSRF";
inline constexpr char kCsrfHeaderLower[] = "x-taiga-csrf";  // as Request stores header names

struct SessionCookieOptions {
  std::string prefix = "/taiga";  // the cookie's Path ("/" when the prefix is empty)
  bool public_url_is_https = false;
  std::vector<std::string> trusted_proxies;  // X-Forwarded-Proto counts only from these
};

class SessionCookie {
 public:
  explicit SessionCookie(SessionCookieOptions options) : options_(std::move(options)) {}

  // The value of the first taiga_session cookie in the request's Cookie headers, if any.
  static std::optional<std::string> Read(const Request& request);
  // True when the browser reached the server over https (see above).
  bool IsHttps(const Request& request) const;
  // Set-Cookie values: a session lasting `max_age_seconds`, and one that removes it.
  std::string Set(const Request& request, const std::string& value, int64_t max_age_seconds) const;
  std::string Clear(const Request& request) const;

 private:
  std::string Attributes(const Request& request) const;

  SessionCookieOptions options_;
};

}  // namespace taiga::http
