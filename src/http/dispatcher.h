// Dispatcher: everything between the socket and a handler — request id, routing (404/405),
// body checks (415 for non-JSON bodies), authentication, the handler call with the one
// catch-all of the HTTP boundary (500 + request id), and the access log line. A GET/HEAD under
// the prefix that no route takes (outside api/, s3/, blob/, healthz, readyz) goes to the web UI
// (web::StaticSite: files, or index.html for the single-page app's deep links); {prefix}
// without the '/' redirects to {prefix}/.
// Built once; Dispatch is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "http/middleware/authenticator.h"
#include "http/request.h"
#include "http/router.h"
#include "web/static_site.h"

namespace taiga::http {

struct DispatcherOptions {
  std::string prefix = "/taiga";  // the API is at {prefix}/api
  bool access_log = true;         // one log line per request
  // The server's public URL with its prefix (e.g. https://data.example.org/taiga), used for
  // URLs handed to clients; empty: "http://" + the request's Host header + prefix.
  std::string public_url;
  // The web UI served under the prefix; null: such paths are 404. Not owned; outlives this.
  const web::StaticSite* web_ui = nullptr;
};

class Dispatcher {
 public:
  // `root` serves paths outside the prefix (health checks), `prefixed` the paths under it.
  Dispatcher(DispatcherOptions options, std::unique_ptr<Router> root,
             std::unique_ptr<Router> prefixed, const Authenticator& auth);

  // Handles one complete request; never throws. HEAD is answered as GET (the server drops the
  // body). A handler whose transaction is aborted by a concurrent one is run again (up to 5
  // times) before the caller gets 503.
  Response Dispatch(Request& request) const;
  // Every route as "METHOD /path" (prefixed routes shown relative to the prefix).
  std::vector<std::string> Describe() const;
  const std::string& prefix() const { return options_.prefix; }

 private:
  Response Route(Request& request, std::string* user) const;
  std::string BaseUrl(const Request& request) const;

  DispatcherOptions options_;
  std::unique_ptr<Router> root_;
  std::unique_ptr<Router> prefixed_;
  const Authenticator& auth_;
};

// A request id: the client's X-Request-Id when it is 1-64 safe characters, else a new one.
std::string RequestIdFor(const Request& request);

}  // namespace taiga::http
