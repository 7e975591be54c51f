#include "http/socket_byte_exchange.h"

#include <poll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/status.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace taiga::http {
namespace {

namespace bhttp = boost::beast::http;
constexpr size_t kInputBytes = 1 << 20;
constexpr int kPollSliceMs = 1000;
constexpr size_t kMaxDrainBytes = 16 << 20;
constexpr int kDrainSeconds = 2;
constexpr int kQuietMs = 200;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Hex(uint64_t n) {
  char buf[24];
  const int len = std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(n));
  return std::string(buf, static_cast<size_t>(len));
}

}  // namespace

SocketByteExchange::SocketByteExchange(SocketByteExchangeOptions options, HeaderParser&& parser,
                                       boost::beast::flat_buffer& buffer)
    : options_(std::move(options)), buffer_(buffer), in_(new char[kInputBytes]) {
  const auto& req = parser.get();
  method_ = std::string(req.method_string());
  target_ = std::string(req.target());
  for (const auto& field : req) {
    const auto name = field.name_string();
    headers_.emplace_back(Lower({name.data(), name.size()}), std::string(field.value()));
  }
  version_ = req.version();
  keep_alive_ = req.keep_alive();
  head_ = req.method() == bhttp::verb::head;
  expect_continue_ = boost::beast::iequals(req[bhttp::field::expect], "100-continue");
  if (parser.chunked()) {
    body_parser_.emplace(std::move(parser));
    body_parser_->body_limit(options_.max_body_bytes);
  } else {
    content_length_ = parser.content_length().value_or(0);
    body_done_ = *content_length_ == 0;
  }
  // What Beast read past the header is the start of the body (or of the next request).
  const size_t ahead = std::min(buffer_.size(), kInputBytes);
  boost::asio::buffer_copy(boost::asio::buffer(in_.get(), ahead), buffer_.data());
  buffer_.consume(ahead);
  in_end_ = ahead;
}

SocketByteExchange::~SocketByteExchange() = default;

std::optional<std::string_view> SocketByteExchange::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers_) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

common::Status SocketByteExchange::WaitFor(short events) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(options_.io_timeout_seconds);
  while (true) {
    if (options_.abort && options_.abort->load()) {
      return common::Unavailable("the server is shutting down");
    }
    pollfd p{options_.fd, events, 0};
    const int r = ::poll(&p, 1, kPollSliceMs);
    if (r > 0) return common::Status::Ok();
    if (r < 0 && errno != EINTR) return common::Unavailable(std::strerror(errno));
    if (std::chrono::steady_clock::now() > deadline) {
      return common::Unavailable("no progress on the connection for " +
                                 std::to_string(options_.io_timeout_seconds) + " s");
    }
  }
}

common::Result<size_t> SocketByteExchange::Recv(char* buf, size_t n) {
  while (true) {
    const ssize_t r = ::recv(options_.fd, buf, n, 0);
    if (r >= 0) return static_cast<size_t>(r);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      io_failed_ = true;
      return common::Unavailable(std::string("reading the request: ") + std::strerror(errno));
    }
    if (auto s = WaitFor(POLLIN); !s.ok()) {
      io_failed_ = true;
      return s;
    }
  }
}

common::Status SocketByteExchange::SendAll(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t r = ::send(options_.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (r > 0) {
      bytes.remove_prefix(static_cast<size_t>(r));
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (auto s = WaitFor(POLLOUT); !s.ok()) {
        io_failed_ = true;
        return s;
      }
      continue;
    }
    io_failed_ = true;
    return common::Unavailable(std::string("writing the response: ") + std::strerror(errno));
  }
  return common::Status::Ok();
}

common::Result<size_t> SocketByteExchange::ReadBody(char* buf, size_t n) {
  if (body_done_ || n == 0) return size_t{0};
  if (io_failed_) return common::Unavailable("the connection failed");
  if (content_length_ && *content_length_ > options_.max_body_bytes) {
    return common::PayloadTooLarge("the body has " + std::to_string(*content_length_) +
                                   " bytes; this endpoint accepts at most " +
                                   std::to_string(options_.max_body_bytes));
  }
  if (expect_continue_ && !continue_sent_ && !headers_sent_) {
    continue_sent_ = true;
    TAIGA_RETURN_IF_ERROR(SendAll("HTTP/1.1 100 Continue\r\n\r\n"));
  }
  if (body_parser_) return ReadChunked(buf, n);
  const uint64_t want = std::min<uint64_t>(n, *content_length_ - body_read_);
  size_t got = 0;
  if (in_begin_ < in_end_) {
    got = std::min<size_t>(want, in_end_ - in_begin_);
    std::memcpy(buf, in_.get() + in_begin_, got);
    in_begin_ += got;
  } else {
    TAIGA_ASSIGN_OR_RETURN(got, Recv(buf, want));
    if (got == 0) {
      io_failed_ = true;
      return common::Unavailable("the client closed the connection after " +
                                 std::to_string(body_read_) + " of " +
                                 std::to_string(*content_length_) + " body bytes");
    }
  }
  body_read_ += got;
  body_done_ = body_read_ == *content_length_;
  return got;
}

common::Result<size_t> SocketByteExchange::ReadChunked(char* buf, size_t n) {
  while (true) {
    auto& body = body_parser_->get().body();
    body.data = buf;
    body.size = n;
    body.more = true;
    size_t used = 0;
    if (in_begin_ < in_end_) {
      boost::beast::error_code ec;
      used = body_parser_->put(boost::asio::buffer(in_.get() + in_begin_, in_end_ - in_begin_), ec);
      in_begin_ += used;
      if (ec == bhttp::error::need_buffer || ec == bhttp::error::need_more) ec = {};
      if (ec == bhttp::error::body_limit) {
        return common::PayloadTooLarge("the body is larger than " +
                                       std::to_string(options_.max_body_bytes) + " bytes");
      }
      if (ec) return common::InvalidArgument("malformed chunked body: " + ec.message());
    }
    const size_t produced = n - body.size;
    body_read_ += produced;
    if (body_parser_->is_done()) body_done_ = true;
    if (produced > 0 || body_done_) return produced;
    if (used > 0 && in_begin_ < in_end_) continue;  // a chunk header went by; parse on
    if (in_begin_ > 0) {                            // keep the unparsed tail, read more behind it
      std::memmove(in_.get(), in_.get() + in_begin_, in_end_ - in_begin_);
      in_end_ -= in_begin_;
      in_begin_ = 0;
    }
    if (in_end_ == kInputBytes) return common::InvalidArgument("a chunk header is too long");
    TAIGA_ASSIGN_OR_RETURN(size_t got, Recv(in_.get() + in_end_, kInputBytes - in_end_));
    if (got == 0) {
      io_failed_ = true;
      return common::Unavailable("the client closed the connection after " +
                                 std::to_string(body_read_) + " bytes of a chunked body");
    }
    in_end_ += got;
  }
}

common::Status SocketByteExchange::SendHeaders(int status, const common::HeaderList& headers,
                                               std::optional<uint64_t> content_length) {
  if (headers_sent_) return common::FailedPrecondition("the response has started already");
  headers_sent_ = true;
  body_out_allowed_ = !head_ && status != 204 && status != 304;
  closing_ = close_requested_ || !keep_alive_ || !BodyComplete() || options_.stopping;
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " +
                    std::string(bhttp::obsolete_reason(static_cast<bhttp::status>(status))) +
                    "\r\nServer: taiga\r\n";
  for (const auto& [name, value] : headers)
    out.append(name).append(": ").append(value).append("\r\n");
  if (status != 204 && status != 304) {
    if (content_length) {
      out.append("Content-Length: ").append(std::to_string(*content_length)).append("\r\n");
    } else if (!head_ && version_ >= 11) {
      out.append("Transfer-Encoding: chunked\r\n");
      chunked_out_ = true;
    } else if (!head_) {
      closing_ = true;  // HTTP/1.0: the body ends with the connection
    }
  }
  out_length_ = body_out_allowed_ ? content_length : std::optional<uint64_t>(0);
  if (closing_) out.append("Connection: close\r\n");
  out.append("\r\n");
  return SendAll(out);
}

common::Status SocketByteExchange::SendBody(std::string_view bytes) {
  if (!headers_sent_) return common::FailedPrecondition("SendBody before SendHeaders");
  if (!body_out_allowed_ || bytes.empty()) return common::Status::Ok();
  if (out_length_ && bytes.size() > *out_length_ - out_sent_) {
    return common::FailedPrecondition("more body bytes than the announced Content-Length");
  }
  out_sent_ += bytes.size();
  if (!chunked_out_) return SendAll(bytes);
  TAIGA_RETURN_IF_ERROR(SendAll(Hex(bytes.size()) + "\r\n"));
  TAIGA_RETURN_IF_ERROR(SendAll(bytes));
  return SendAll("\r\n");
}

common::Status SocketByteExchange::SendFile(int fd, uint64_t offset, uint64_t length) {
  if (!headers_sent_) return common::FailedPrecondition("SendFile before SendHeaders");
  if (!body_out_allowed_ || length == 0) return common::Status::Ok();
  if (out_length_ && length > *out_length_ - out_sent_) {
    return common::FailedPrecondition("more body bytes than the announced Content-Length");
  }
  if (chunked_out_) TAIGA_RETURN_IF_ERROR(SendAll(Hex(length) + "\r\n"));
  off_t pos = static_cast<off_t>(offset);
  uint64_t left = length;
  while (left > 0) {
    const ssize_t r =
        ::sendfile(options_.fd, fd, &pos, static_cast<size_t>(std::min<uint64_t>(left, 1 << 30)));
    if (r > 0) {
      left -= static_cast<uint64_t>(r);
      out_sent_ += static_cast<uint64_t>(r);
      continue;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (auto s = WaitFor(POLLOUT); !s.ok()) {
        io_failed_ = true;
        return s;
      }
      continue;
    }
    io_failed_ = true;
    if (r == 0) return common::Unavailable("the file ended before the announced length");
    return common::Unavailable(std::string("sending the file: ") + std::strerror(errno));
  }
  return chunked_out_ ? SendAll("\r\n") : common::Status::Ok();
}

bool SocketByteExchange::Finish() {
  if (!headers_sent_ && !io_failed_) {
    close_requested_ = true;
    static constexpr std::string_view kBody =
        R"({"type":"about:blank","title":"Internal Server Error","detail":"the endpoint gave no answer","status":500})";
    if (SendHeaders(500, {{"Content-Type", "application/problem+json"}}, kBody.size()).ok()) {
      (void)SendBody(kBody);
    }
  }
  if (chunked_out_ && !io_failed_) (void)SendAll("0\r\n\r\n");
  const bool complete_response = !out_length_ || out_sent_ == *out_length_;
  if (io_failed_ || !headers_sent_) return false;
  if (closing_ || !complete_response || !BodyComplete()) {
    LingeringClose();
    return false;
  }
  // Give back what was read of the next request.
  const size_t rest = in_end_ - in_begin_;
  if (rest > 0) {
    auto dst = buffer_.prepare(rest);
    boost::asio::buffer_copy(dst, boost::asio::buffer(in_.get() + in_begin_, rest));
    buffer_.commit(rest);
  }
  return true;
}

void SocketByteExchange::LingeringClose() {
  ::shutdown(options_.fd, SHUT_WR);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kDrainSeconds);
  size_t drained = 0;
  while (drained < kMaxDrainBytes && std::chrono::steady_clock::now() < deadline) {
    pollfd p{options_.fd, POLLIN, 0};
    if (::poll(&p, 1, kQuietMs) <= 0) return;  // the client is quiet (or gone): close now
    const ssize_t r = ::recv(options_.fd, in_.get(), kInputBytes, 0);
    if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) return;
    if (r > 0) drained += static_cast<size_t>(r);
  }
}

}  // namespace taiga::http
