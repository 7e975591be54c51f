// RequestContext: who is acting and for which request, passed into every service call (no
// global "current user"). Actor is the authenticated caller. Plain value types.
#pragma once

#include <optional>
#include <string>

#include "common/clock.h"

namespace taiga::app {

struct Actor {
  std::string user_id;
  std::string name;
  bool is_admin = false;
  // The bearer token this request presented, if any (shown back only to its own owner).
  std::optional<std::string> presented_token;
};

struct RequestContext {
  std::string request_id;
  std::optional<Actor> actor;  // empty for unauthenticated calls (health checks, bootstrap)
  common::Timestamp deadline = 0;  // 0: none
  // The server's public URL including its prefix, e.g. "http://127.0.0.1:8080/taiga" (from the
  // configured public URL or the request's Host); used for URLs handed to clients.
  std::string base_url;
};

}  // namespace taiga::app
