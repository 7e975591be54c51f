// HttpServer: Boost.Beast on Asio. A few I/O threads parse, route and move bytes; handlers run
// on a bounded pool of request threads (never on I/O threads); when the pool's queue is full
// the server answers 503 with Retry-After. Answers `Expect: 100-continue`, enforces header and
// body limits (413), keeps connections alive, and shuts down gracefully: Stop() stops
// accepting, lets in-flight requests finish, closes idle connections.
// Byte routes (AddByteRoute) take the connection off the request path: their handler runs on a
// separate bounded pool of byte threads and streams the body and response itself.
// Start/Stop/Wait may be called from any thread; AddByteRoute only before Start.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/byte_exchange.h"
#include "common/status.h"
#include "http/dispatcher.h"

namespace taiga::http {

struct ServerOptions {
  std::string host = "127.0.0.1";     // listen address
  uint16_t port = 8080;               // 0: pick a free port (see BoundPort)
  int io_threads = 2;                 // socket threads
  int request_threads = 8;            // handler threads (database work happens here)
  int max_queued_requests = 1024;     // beyond this many waiting requests: 503
  uint64_t max_body_bytes = 1 << 20;  // larger API bodies get 413
  int idle_timeout_seconds = 75;      // keep-alive connections idle longer are closed
  int shutdown_grace_seconds = 20;    // Stop() waits this long for in-flight requests
  int byte_threads = 16;              // threads of the byte routes; twice as many transfers
                                      // at once (running + waiting) and more get 503
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Dispatcher& dispatcher);
  ~HttpServer();

  // Requests whose target starts with `path_prefix` (e.g. "/taiga/s3/") go to `handler` on a
  // byte thread once their header is read, with the body unread; the API body limit does not
  // apply, `max_body_bytes` does. After the handler the connection is kept alive when the
  // response and the request body were complete. Call before Start.
  void AddByteRoute(std::string path_prefix, common::ByteHandler handler,
                    uint64_t max_body_bytes);
  // Binds and starts serving. Errors: Unavailable (address in use, bad address).
  common::Status Start();
  // The port actually bound (after Start).
  uint16_t BoundPort() const;
  // Begins graceful shutdown; returns at once.
  void Stop();
  // Blocks until the server has fully stopped.
  void Wait();

  class Impl;  // public so the connection class in server.cc can name it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace taiga::http
