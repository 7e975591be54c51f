// Bind: turns a free handler function taking the services into a router Handler.
#pragma once

#include "http/api_services.h"
#include "http/router.h"

namespace taiga::http {

using HandlerFn = common::Result<Response> (*)(ApiServices&, Request&, app::RequestContext&);

inline Handler Bind(ApiServices& s, HandlerFn fn) {
  return [&s, fn](Request& req, app::RequestContext& ctx) { return fn(s, req, ctx); };
}

}  // namespace taiga::http
