#include "http/router.h"

#include <functional>
#include <map>

namespace taiga::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::unique_ptr<Node> tail;  // "{name+}": the rest of the path, one segment or more
  std::string tail_name;
  std::map<std::string, const Route*> by_method;
};

namespace {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 0;
  if (!path.empty() && path[0] == '/') i = 1;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    parts.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::Add(Route route) {
  routes_.push_back(std::make_unique<Route>(std::move(route)));
  const Route* r = routes_.back().get();
  Node* node = root_.get();
  for (const auto& seg : SplitPath(r->pattern)) {
    if (seg.size() > 3 && seg.front() == '{' && seg.substr(seg.size() - 2) == "+}") {
      if (!node->tail) node->tail = std::make_unique<Node>();
      node->tail_name = seg.substr(1, seg.size() - 3);
      node = node->tail.get();
      break;  // a tail is always the last segment
    } else if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (!node->param) node->param = std::make_unique<Node>();
      node->param_name = seg.substr(1, seg.size() - 2);
      node = node->param.get();
    } else {
      auto& child = node->literals[seg];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  node->by_method[r->method] = r;
}

RouteMatch Router::Match(const std::string& method, const std::string& path,
                         std::map<std::string, std::string>* params) const {
  RouteMatch result;
  const auto parts = SplitPath(path);
  std::vector<std::pair<std::string, std::string>> bound;
  const Node* fallback = nullptr;  // first node matching the path with another method
  std::vector<std::pair<std::string, std::string>> fallback_bound;

  std::function<const Node*(const Node*, size_t)> walk = [&](const Node* node,
                                                             size_t i) -> const Node* {
    if (i == parts.size()) {
      if (node->by_method.count(method)) return node;
      if (!node->by_method.empty() && !fallback) {
        fallback = node;
        fallback_bound = bound;
      }
      return nullptr;
    }
    auto lit = node->literals.find(parts[i]);
    if (lit != node->literals.end()) {
      if (const Node* hit = walk(lit->second.get(), i + 1)) return hit;
    }
    if (node->param && !parts[i].empty()) {
      bound.emplace_back(node->param_name, parts[i]);
      if (const Node* hit = walk(node->param.get(), i + 1)) return hit;
      bound.pop_back();
    }
    if (node->tail && !parts[i].empty()) {
      std::string rest = parts[i];
      for (size_t k = i + 1; k < parts.size(); ++k) rest += "/" + parts[k];
      bound.emplace_back(node->tail_name, rest);
      if (const Node* hit = walk(node->tail.get(), parts.size())) return hit;
      bound.pop_back();
    }
    return nullptr;
  };

  if (const Node* hit = walk(root_.get(), 0)) {
    result.route = hit->by_method.at(method);
    for (auto& [k, v] : bound) (*params)[k] = v;
    return result;
  }
  if (fallback) {
    result.path_exists = true;
    for (const auto& [m, r] : fallback->by_method) result.allowed_methods.push_back(m);
  }
  return result;
}

std::vector<std::string> Router::Describe() const {
  std::vector<std::string> out;
  for (const auto& r : routes_) out.push_back(r->method + " " + r->pattern);
  return out;
}

}  // namespace taiga::http
