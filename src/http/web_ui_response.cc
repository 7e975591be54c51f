#include "http/web_ui_response.h"

#include "http/problem.h"
#include "web/accept_encoding.h"

namespace taiga::http {
namespace {

// True when an If-None-Match header value names `etag` (or is "*"); weak comparison.
bool MatchesEtag(std::string_view header, std::string_view etag) {
  if (etag.empty()) return false;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

}  // namespace

Response WebUiResponse(const web::StaticSite& site, const Request& req, std::string_view path) {
  const bool gzip = web::AcceptsGzip(req.Header("accept-encoding").value_or(""));
  web::StaticReply reply = site.Serve(path, gzip);
  if (reply.status == 404) return ProblemResponse(404, "no such file: " + req.path, req.request_id);
  Response r;
  r.status = reply.status;
  r.content_type = reply.content_type;
  r.AddHeader("Cache-Control", reply.cache_control);
  r.AddHeader("Vary", "Accept-Encoding");
  r.AddHeader("X-Content-Type-Options", "nosniff");
  if (!reply.etag.empty()) r.AddHeader("ETag", reply.etag);
  if (auto inm = req.Header("if-none-match"); inm && MatchesEtag(*inm, reply.etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  if (!reply.content_encoding.empty()) r.AddHeader("Content-Encoding", reply.content_encoding);
  r.body.assign(reply.body.data(), reply.body.size());
  return r;
}

}  // namespace taiga::http
