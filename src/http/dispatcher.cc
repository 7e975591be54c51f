#include "http/dispatcher.h"

#include <chrono>
#include <cstdlib>
#include <thread>
#include <exception>

#include "common/log.h"
#include "common/random.h"
#include "http/problem.h"
#include "http/web_ui_response.h"

namespace taiga::http {
namespace {

constexpr int kMaxAttempts = 5;  // of a handler whose transaction was aborted by a concurrent one

bool IsJsonContentType(std::string_view ct) {
  auto semi = ct.find(';');
  std::string_view base = ct.substr(0, semi);
  while (!base.empty() && base.back() == ' ') base.remove_suffix(1);
  std::string lower(base);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "application/json" ||
         (lower.size() > 5 && lower.compare(lower.size() - 5, 5, "+json") == 0);
}

// Paths under the prefix that belong to the API, the byte routes or the health checks: a miss
// there is a 404, never the web UI.
// Compared without case, with extra leading slashes dropped; a reserved word followed by an
// encoded '/' ("%2F") counts too.
bool IsReservedPath(std::string_view path) {
  while (path.size() > 1 && path[1] == '/') path.remove_prefix(1);  // "//api/x" is "/api/x"
  std::string lower(path.substr(0, 16));
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view p : {"/api", "/s3", "/blob", "/healthz", "/readyz"}) {
    if (std::string_view(lower).substr(0, p.size()) == p &&
        (lower.size() == p.size() || lower[p.size()] == '/' || lower[p.size()] == '%')) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string RequestIdFor(const Request& req) {
  if (auto id = req.Header("x-request-id")) {
    bool ok = !id->empty() && id->size() <= 64;
    for (char c : *id) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
        ok = false;
      }
    }
    if (ok) return std::string(*id);
  }
  return common::RandomHex(12);
}

Dispatcher::Dispatcher(DispatcherOptions options, std::unique_ptr<Router> root,
                       std::unique_ptr<Router> prefixed, const Authenticator& auth)
    : options_(std::move(options)),
      root_(std::move(root)),
      prefixed_(std::move(prefixed)),
      auth_(auth) {}

std::vector<std::string> Dispatcher::Describe() const {
  auto out = root_->Describe();
  for (auto& r : prefixed_->Describe()) out.push_back(r);
  return out;
}

std::string Dispatcher::BaseUrl(const Request& req) const {
  if (!options_.public_url.empty()) return options_.public_url;
  std::string host(req.Header("host").value_or("127.0.0.1"));
  // A Host header is a host name or address with an optional port; refuse anything else.
  for (char c : host) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
          c == '[' || c == ']')) {
      host = "127.0.0.1";
      break;
    }
  }
  return "http://" + host + options_.prefix;
}

Response Dispatcher::Route(Request& req, std::string* user) const {
  const Router* router = root_.get();
  std::string path = req.path;
  const std::string& prefix = options_.prefix;
  const std::string method = req.method == "HEAD" ? "GET" : req.method;
  if (path.compare(0, prefix.size(), prefix) == 0 &&
      (path.size() == prefix.size() || path[prefix.size()] == '/')) {
    if (path.size() == prefix.size() && !prefix.empty() && method == "GET") {
      Response r;  // the UI's relative URLs need the '/'
      r.status = 301;
      r.content_type.clear();
      r.AddHeader("Location", prefix + "/");
      return r;
    }
    router = prefixed_.get();
    path = path.substr(prefix.size());
    if (path.empty()) path = "/";
  }
  RouteMatch match = router->Match(method, path, &req.path_params);
  if (!match.route && !match.path_exists && router == prefixed_.get() && options_.web_ui &&
      !IsReservedPath(path)) {
    if (method == "GET") return WebUiResponse(*options_.web_ui, req, path);
    match.path_exists = true;  // the web UI's: 405
    match.allowed_methods = {"GET"};
  }
  if (!match.route) {
    if (match.path_exists) {
      std::string allow;
      for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      Response r = ProblemResponse(405, "this path accepts " + allow + ", not " + req.method,
                                   req.request_id);
      r.AddHeader("Allow", allow);
      return r;
    }
    return ProblemResponse(404, "no such path: " + req.path, req.request_id);
  }
  if (!req.body.empty()) {
    auto ct = req.Header("content-type");
    if (!ct || !IsJsonContentType(*ct)) {
      return ProblemResponse(
          415, "send the body as JSON with Content-Type: application/json, not " +
                   std::string(ct ? *ct : "no content type"),
          req.request_id);
    }
  }
  app::RequestContext ctx;
  ctx.request_id = req.request_id;
  ctx.base_url = BaseUrl(req);
  if (match.route->auth == RouteAuth::kRequired) {
    auto actor = auth_.Authenticate(req);
    if (!actor.ok()) return ErrorResponse(actor.status(), req.request_id);
    *user = actor->name;
    ctx.actor = std::move(actor).value();
  }
  // A transaction that lost to a concurrent one rolled back completely: run the handler again.
  auto result = match.route->handler(req, ctx);
  for (int attempt = 1; attempt < kMaxAttempts && !result.ok() &&
                        result.status().code() == common::StatusCode::kAborted;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt * (2 + std::rand() % 10)));
    result = match.route->handler(req, ctx);
  }
  if (!result.ok()) {
    if (result.status().code() == common::StatusCode::kInternal) {
      common::LogError("internal error", {{"request_id", req.request_id},
                                          {"error", result.status().message()}});
    }
    return ErrorResponse(result.status(), req.request_id);
  }
  return std::move(result).value();
}

Response Dispatcher::Dispatch(Request& req) const {
  const auto start = std::chrono::steady_clock::now();
  if (req.request_id.empty()) req.request_id = RequestIdFor(req);
  std::string user = "-";
  Response response;
  try {
    response = Route(req, &user);
  } catch (const std::exception& e) {
    common::LogError("unhandled exception", {{"request_id", req.request_id}, {"error", e.what()}});
    response = ErrorResponse(common::Internal(e.what()), req.request_id);
  } catch (...) {
    common::LogError("unhandled exception", {{"request_id", req.request_id}});
    response = ErrorResponse(common::Internal("unknown"), req.request_id);
  }
  response.AddHeader("X-Request-Id", req.request_id);
  if (options_.access_log) {
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
    common::LogInfo("request", {{"method", req.method},
                                {"path", req.path},
                                {"status", std::to_string(response.status)},
                                {"bytes", std::to_string(response.body.size())},
                                {"us", std::to_string(micros)},
                                {"user", user},
                                {"remote", req.remote_address},
                                {"request_id", req.request_id}});
  }
  return response;
}

}  // namespace taiga::http
