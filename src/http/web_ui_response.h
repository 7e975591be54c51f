// WebUiResponse: the HTTP answer for a GET/HEAD under the prefix that no route takes, from the
// web UI's StaticSite — Content-Type, Cache-Control, ETag with If-None-Match (304), gzip by
// Accept-Encoding (Vary), and a problem+json 404 for files that do not exist.
// Pure function of its inputs; thread-safe.
#pragma once

#include <string_view>

#include "http/request.h"
#include "web/static_site.h"

namespace taiga::http {

// `path` is relative to the prefix ("/", "/assets/app.js", "/dataset/x").
Response WebUiResponse(const web::StaticSite& site, const Request& request, std::string_view path);

}  // namespace taiga::http
