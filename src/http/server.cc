#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "common/log.h"
#include "http/problem.h"
#include "http/socket_byte_exchange.h"
#include "http/url.h"

namespace taiga::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session;

namespace {

// A syntax error in what the client sent (as opposed to the connection ending).
bool IsParseError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions o, const Dispatcher& d)
      : options(std::move(o)), dispatcher(d), ioc(options.io_threads), acceptor(ioc),
        grace_timer(ioc) {}

  void Accept();
  void SessionStarted(const std::shared_ptr<Session>& s);
  void SessionEnded(Session* s);
  void BeginStop();

  struct ByteRoute {
    std::string prefix;
    common::ByteHandler handler;
    uint64_t max_body_bytes;
  };
  // The byte route whose prefix the target's path starts with, or null.
  const ByteRoute* MatchByteRoute(std::string_view target) const {
    const std::string_view path = target.substr(0, target.find('?'));
    for (const auto& r : byte_routes) {
      if (path.substr(0, r.prefix.size()) == r.prefix) return &r;
    }
    return nullptr;
  }
  // The body limit while the header is read: the largest of the API's and the byte routes'.
  uint64_t HeaderBodyLimit() const {
    uint64_t limit = options.max_body_bytes;
    for (const auto& r : byte_routes) limit = std::max(limit, r.max_body_bytes);
    return limit;
  }

  ServerOptions options;
  const Dispatcher& dispatcher;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer grace_timer;
  std::unique_ptr<net::thread_pool> pool;
  std::vector<std::thread> io_threads;
  std::atomic<int> queued{0};
  std::atomic<bool> stopping{false};
  std::mutex sessions_mu;  // guards sessions
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  uint16_t bound_port = 0;
  std::once_flag joined;
  std::vector<ByteRoute> byte_routes;  // fixed before Start
  std::unique_ptr<net::thread_pool> byte_pool;
  std::atomic<int> bytes_in_flight{0};     // byte requests running or waiting for a thread
  std::atomic<bool> abort_bytes{false};    // the grace period is over: byte handlers give up
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Session() { server_.SessionEnded(this); }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }
  // Closes the connection if it is between requests (called on shutdown).
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }

 private:
  void ReadHeader() {
    busy_ = false;
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(64 * 1024);
    parser_->body_limit(server_.HeaderBodyLimit());
    stream_.expires_after(std::chrono::seconds(server_.options.idle_timeout_seconds));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) {
      if (ec == bhttp::error::header_limit) return WriteProblem(431, "headers too large");
      if (ec == bhttp::error::body_limit) {
        return WriteProblem(413, "the body is larger than " +
                                     std::to_string(server_.options.max_body_bytes) + " bytes");
      }
      if (IsParseError(ec)) return WriteProblem(400, "malformed HTTP request: " + ec.message());
      return Close();
    }
    busy_ = true;
    const auto& head = parser_->get();
    const auto target = head.target();
    if (const auto* route = server_.MatchByteRoute({target.data(), target.size()})) {
      if (head.version() >= 11 && head.find(bhttp::field::host) == head.end()) {
        return WriteProblem(400, "an HTTP/1.1 request needs a Host header");
      }
      return HandOff(*route);
    }
    parser_->body_limit(server_.options.max_body_bytes);
    auto length = parser_->content_length();
    if (length && *length > server_.options.max_body_bytes) {
      return WriteProblem(413, "the body has " + std::to_string(*length) +
                                   " bytes; this endpoint accepts at most " +
                                   std::to_string(server_.options.max_body_bytes));
    }
    const auto& req = parser_->get();
    if (req.version() >= 11 && req.find(bhttp::field::host) == req.end()) {
      return WriteProblem(400, "an HTTP/1.1 request needs a Host header");
    }
    if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                        req.version());
      bhttp::async_write(stream_, *cont,
                         [self = shared_from_this(), cont](beast::error_code ec, size_t) {
                           if (ec) return self->Close();
                           self->ReadBody();
                         });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec == bhttp::error::body_limit) {
                          return self->WriteProblem(413, "the body is larger than " +
                              std::to_string(self->server_.options.max_body_bytes) + " bytes");
                        }
                        if (ec) {
                          if (IsParseError(ec)) {
                            return self->WriteProblem(400, "malformed HTTP request: " +
                                                               ec.message());
                          }
                          return self->Close();
                        }
                        self->Dispatch();
                      });
  }

  void Dispatch() {
    stream_.expires_never();
    auto msg = parser_->release();
    const bool keep_alive = msg.keep_alive();
    const unsigned version = msg.version();
    const bool head = msg.method() == bhttp::verb::head;
    Request req;
    req.method = std::string(msg.method_string());
    req.remote_address = remote_;
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    req.request_id = RequestIdFor(req);
    const auto target = msg.target();
    if (!ParseTarget(std::string_view(target.data(), target.size()), &req.path, &req.query)) {
      Response bad = ProblemResponse(
          400, "the request target is not a valid URL path (bad escape, NUL or invalid UTF-8)",
          req.request_id);
      bad.AddHeader("X-Request-Id", req.request_id);
      return Write(std::move(bad), version, false, head);
    }
    if (server_.queued.fetch_add(1) >= server_.options.max_queued_requests) {
      server_.queued.fetch_sub(1);
      Response busy = ProblemResponse(503, "the server is busy; retry shortly", req.request_id);
      busy.AddHeader("Retry-After", "1");
      busy.AddHeader("X-Request-Id", req.request_id);
      return Write(std::move(busy), version, keep_alive, head);
    }
    net::post(*server_.pool, [self = shared_from_this(), req = std::move(req), version,
                              keep_alive, head]() mutable {
      Response res = self->server_.dispatcher.Dispatch(req);
      self->server_.queued.fetch_sub(1);
      net::post(self->stream_.get_executor(),
                [self, res = std::move(res), version, keep_alive, head]() mutable {
                  self->Write(std::move(res), version, keep_alive, head);
                });
    });
  }

  // Gives the connection to a byte thread (or answers 503 when too many transfers are going on).
  void HandOff(const HttpServer::Impl::ByteRoute& route) {
    stream_.expires_never();
    if (server_.bytes_in_flight.fetch_add(1) >= 2 * server_.options.byte_threads) {
      server_.bytes_in_flight.fetch_sub(1);
      const std::string id = RequestIdFor(Request{});
      Response busy = ProblemResponse(503, "the server is busy with other transfers; retry shortly",
                                      id);
      busy.AddHeader("Retry-After", "1");
      busy.AddHeader("X-Request-Id", id);
      const auto& head = parser_->get();
      return Write(std::move(busy), head.version(), false, head.method() == bhttp::verb::head);
    }
    net::post(*server_.byte_pool, [self = shared_from_this(), &route] { self->RunBytes(route); });
  }

  // On a byte thread: the handler has the socket to itself until it returns.
  void RunBytes(const HttpServer::Impl::ByteRoute& route) {
    SocketByteExchangeOptions o;
    beast::error_code ec;
    stream_.socket().non_blocking(true, ec);
    o.fd = stream_.socket().native_handle();
    o.remote_address = remote_;
    o.max_body_bytes = route.max_body_bytes;
    o.abort = &server_.abort_bytes;
    o.stopping = server_.stopping;
    bool reuse = false;
    {
      SocketByteExchange exchange(std::move(o), std::move(*parser_), buffer_);
      try {
        route.handler(exchange);
      } catch (const std::exception& e) {
        common::LogError("unhandled exception in a byte route",
                         {{"route", route.prefix}, {"error", e.what()}});
      } catch (...) {
        common::LogError("unhandled exception in a byte route", {{"route", route.prefix}});
      }
      reuse = exchange.Finish();
    }
    server_.bytes_in_flight.fetch_sub(1);
    net::post(stream_.get_executor(), [self = shared_from_this(), reuse] {
      if (reuse) return self->ReadHeader();
      self->Close();
    });
  }

  // Answers a request that never reached the dispatcher, then closes the connection.
  void WriteProblem(int status, const std::string& detail) {
    busy_ = true;
    const std::string id = RequestIdFor(Request{});
    Response r = ProblemResponse(status, detail, id);
    r.AddHeader("X-Request-Id", id);
    Write(std::move(r), 11, false, false);
  }

  // Sends `r`; for HEAD the headers (Content-Length included) go out without the body.
  void Write(Response r, unsigned version, bool keep_alive, bool head) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), version);
    res->set(bhttp::field::server, "taiga");
    if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers) res->insert(name, value);
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive && !server_.stopping);
    res->prepare_payload();
    if (head) res->body().clear();
    stream_.expires_after(std::chrono::seconds(60));
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec,
                                                                      size_t) {
      if (ec || !res->keep_alive()) return self->Close();
      self->ReadHeader();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  HttpServer::Impl& server_;
  std::string remote_;
  bool busy_ = false;  // a request is being read, handled or answered
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping && ec != net::error::operation_aborted) Accept();
      return;
    }
    if (stopping) return;
    socket.set_option(tcp::no_delay(true), ec);
    auto session = std::make_shared<Session>(std::move(socket), *this);
    SessionStarted(session);
    session->Start();
    Accept();
  });
}

void HttpServer::Impl::SessionStarted(const std::shared_ptr<Session>& s) {
  std::lock_guard<std::mutex> lock(sessions_mu);
  sessions[s.get()] = s;
}

void HttpServer::Impl::SessionEnded(Session* s) {
  std::lock_guard<std::mutex> lock(sessions_mu);
  sessions.erase(s);
  if (stopping && sessions.empty()) {
    net::post(ioc, [this] { grace_timer.cancel(); });
  }
}

void HttpServer::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  net::post(ioc, [this] {
    beast::error_code ec;
    acceptor.close(ec);
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard<std::mutex> lock(sessions_mu);
      for (auto& [ptr, weak] : sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (auto& s : live) s->CloseIfIdle();
    if (live.empty()) return;
    grace_timer.expires_after(std::chrono::seconds(options.shutdown_grace_seconds));
    grace_timer.async_wait([this](beast::error_code ec) {
      if (!ec) {
        abort_bytes = true;
        common::LogWarn("shutdown grace period over; closing remaining connections");
        ioc.stop();
      }
    });
  });
}

HttpServer::HttpServer(ServerOptions options, const Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

HttpServer::~HttpServer() {
  Stop();
  Wait();
}

common::Status HttpServer::Start() {
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) return common::Unavailable("bad listen address '" + impl_->options.host + "'");
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return common::Unavailable("cannot listen on " + impl_->options.host + ":" +
                               std::to_string(impl_->options.port) + ": " + ec.message());
  }
  impl_->bound_port = acc.local_endpoint().port();
  impl_->pool = std::make_unique<net::thread_pool>(impl_->options.request_threads);
  if (!impl_->byte_routes.empty()) {
    impl_->byte_pool = std::make_unique<net::thread_pool>(impl_->options.byte_threads);
  }
  impl_->Accept();
  for (int i = 0; i < impl_->options.io_threads; ++i) {
    impl_->io_threads.emplace_back([this] { impl_->ioc.run(); });
  }
  return common::Status::Ok();
}

uint16_t HttpServer::BoundPort() const { return impl_->bound_port; }

void HttpServer::Stop() { impl_->BeginStop(); }

void HttpServer::Wait() {
  std::call_once(impl_->joined, [this] {
    for (auto& t : impl_->io_threads) t.join();
    if (impl_->pool) impl_->pool->join();
    if (impl_->byte_pool) impl_->byte_pool->join();
  });
}

void HttpServer::AddByteRoute(std::string path_prefix, common::ByteHandler handler,
                              uint64_t max_body_bytes) {
  impl_->byte_routes.push_back({std::move(path_prefix), std::move(handler), max_body_bytes});
}

}  // namespace taiga::http
