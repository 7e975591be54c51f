// Request and Response as handlers see them: plain values, no Beast types, so handlers compile
// fast and can be tested without sockets. Not thread-safe; one request belongs to one thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace taiga::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query string
  std::map<std::string, std::string> query;  // decoded; a repeated name keeps the last value
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;  // peer IP address
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router

  // The first header with this (lower-case) name, if any.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // A path parameter the route declared (empty if absent).
  const std::string& Param(const std::string& name) const;
  std::optional<std::string> Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace taiga::http
