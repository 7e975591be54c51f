// Router: the one routing table (method + path pattern → handler). Patterns are segments of
// literals and `{name}` parameters (one segment each); a last segment `{name+}` takes the rest
// of the path (one segment or more, '/' included). At every segment a literal beats a
// parameter; if the literal branch has no route for the path, the parameter branch is tried
// (as Werkzeug does). Build it once at start-up; Match is then thread-safe (read-only).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/request_context.h"
#include "common/result.h"
#include "http/request.h"

namespace taiga::http {

using Handler = std::function<common::Result<Response>(Request&, app::RequestContext&)>;

enum class RouteAuth {
  kRequired,  // the caller must be authenticated (401 otherwise)
  kNone,      // health checks and the like: no authentication is attempted
};

struct Route {
  std::string method;
  std::string pattern;  // e.g. "/api/folder/{id}" (relative to the prefix)
  RouteAuth auth = RouteAuth::kRequired;
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;  // null: no route
  bool path_exists = false;      // some other method would match (→ 405)
  std::vector<std::string> allowed_methods;
};

class Router {
 public:
  Router();
  ~Router();

  void Add(Route route);
  // Matches a decoded path; fills `params` for the chosen route.
  RouteMatch Match(const std::string& method, const std::string& path,
                   std::map<std::string, std::string>* params) const;
  // Every route as "METHOD pattern", in registration order (for the OpenAPI check).
  std::vector<std::string> Describe() const;

 private:
  struct Node;
  std::vector<std::unique_ptr<Route>> routes_;
  std::unique_ptr<Node> root_;
};

}  // namespace taiga::http
