#include "http/middleware/session_cookie.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace taiga::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string> SessionCookie::Read(const Request& req) {
  for (const auto& [name, value] : req.headers) {
    if (name != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos || Trim(pair.substr(0, eq)) != kSessionCookieName) continue;
      std::string_view v = Trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return std::nullopt;
}

bool SessionCookie::IsHttps(const Request& req) const {
  if (options_.public_url_is_https) return true;
  const auto& trusted = options_.trusted_proxies;
  if (std::find(trusted.begin(), trusted.end(), req.remote_address) == trusted.end()) return false;
  auto proto = req.Header("x-forwarded-proto");
  if (!proto) return false;
  // A chain of proxies appends: the first value is what the browser used.
  std::string_view first = Trim(proto->substr(0, proto->find(',')));
  return EqualsIgnoreCase(first, "https");
}

std::string SessionCookie::Attributes(const Request& req) const {
  std::string a = "; Path=" + (options_.prefix.empty() ? std::string("/") : options_.prefix) +
                  "; HttpOnly; SameSite=Strict";
  if (IsHttps(req)) a += "; Secure";
  return a;
}

std::string SessionCookie::Set(const Request& req, const std::string& value,
                               int64_t max_age_seconds) const {
  return std::string(kSessionCookieName) + "=" + value + Attributes(req) +
         "; Max-Age=" + std::to_string(max_age_seconds);
}

std::string SessionCookie::Clear(const Request& req) const {
  return std::string(kSessionCookieName) + "=" + Attributes(req) + "; Max-Age=0";
}

}  // namespace taiga::http
