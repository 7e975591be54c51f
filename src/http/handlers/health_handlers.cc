#include "http/handlers/health_handlers.h"

#include "http/json/json_response.h"

namespace taiga::http {

void AddHealthRoutes(Router& router, ApiServices& s) {
  router.Add({"GET", "/healthz", RouteAuth::kNone,
              [](Request&, app::RequestContext&) -> common::Result<Response> {
                return JsonResponse({{"status", "ok"}});
              }});
  router.Add({"GET", "/readyz", RouteAuth::kNone,
              [&s](Request&, app::RequestContext&) -> common::Result<Response> {
                TAIGA_RETURN_IF_ERROR(s.health.CheckReady());
                return JsonResponse({{"status", "ready"}});
              }});
}

}  // namespace taiga::http
