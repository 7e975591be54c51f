// SocketByteExchange: the server's common::ByteExchange over a connection whose request header
// Beast has read. Runs on a byte thread with the socket to itself (no async operation pending):
// blocking send/recv on the non-blocking descriptor with poll(2) timeouts, a fixed 1 MiB input
// buffer, Content-Length bodies read straight into the caller's buffer, chunked bodies decoded by
// Beast's parser, responses with Content-Length or chunked, sendfile(2) for files.
// Used by one thread; not thread-safe.
#pragma once

#include <atomic>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <optional>
#include <string>

#include "common/byte_exchange.h"

namespace taiga::http {

struct SocketByteExchangeOptions {
  int fd = -1;  // the connection; stays open (the session closes it)
  std::string remote_address;
  uint64_t max_body_bytes = 0;               // larger bodies: ReadBody gives PayloadTooLarge
  int io_timeout_seconds = 60;               // a read or write without progress this long fails
  const std::atomic<bool>* abort = nullptr;  // set: every blocked call gives up within ~1 s
  bool stopping = false;                     // the server is shutting down: no keep-alive
};

class SocketByteExchange final : public common::ByteExchange {
 public:
  using HeaderParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  // Takes the parser that read the header and the bytes Beast read past it from `buffer`
  // (which gets back, in Finish, whatever follows this request).
  SocketByteExchange(SocketByteExchangeOptions options, HeaderParser&& parser,
                     boost::beast::flat_buffer& buffer);
  ~SocketByteExchange() override;

  std::string_view Method() const override { return method_; }
  std::string_view Target() const override { return target_; }
  std::optional<std::string_view> Header(std::string_view lower_name) const override;
  const common::HeaderList& Headers() const override { return headers_; }
  std::string_view RemoteAddress() const override { return options_.remote_address; }
  std::optional<uint64_t> ContentLength() const override { return content_length_; }
  common::Result<size_t> ReadBody(char* buf, size_t n) override;
  common::Status SendHeaders(int status, const common::HeaderList& headers,
                             std::optional<uint64_t> content_length) override;
  common::Status SendBody(std::string_view bytes) override;
  common::Status SendFile(int fd, uint64_t offset, uint64_t length) override;
  void CloseAfterResponse() override { close_requested_ = true; }

  // Ends the exchange: answers 500 if the handler sent nothing, ends a chunked body, and
  // returns true when the connection can carry the next request (the bytes already read of it
  // are back in the buffer). On false, the write side is shut down and unread input drained
  // briefly so the client sees the response rather than a reset; the caller then closes.
  bool Finish();

 private:
  using BodyParser = boost::beast::http::request_parser<boost::beast::http::buffer_body>;

  common::Result<size_t> ReadChunked(char* buf, size_t n);
  common::Result<size_t> Recv(char* buf, size_t n);  // 0: the peer closed
  common::Status SendAll(std::string_view bytes);
  common::Status WaitFor(short events);
  bool BodyComplete() const { return body_done_; }
  void LingeringClose();

  SocketByteExchangeOptions options_;
  boost::beast::flat_buffer& buffer_;
  std::optional<BodyParser> body_parser_;  // chunked bodies only
  std::string method_;
  std::string target_;
  common::HeaderList headers_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  bool expect_continue_ = false;
  std::optional<uint64_t> content_length_;
  uint64_t body_read_ = 0;
  bool body_done_ = false;
  bool continue_sent_ = false;
  bool close_requested_ = false;
  bool io_failed_ = false;
  std::unique_ptr<char[]> in_;  // input read ahead of the body's consumer
  size_t in_begin_ = 0, in_end_ = 0;
  bool headers_sent_ = false;
  bool chunked_out_ = false;
  bool body_out_allowed_ = true;  // false for HEAD, 204, 304
  bool closing_ = false;
  std::optional<uint64_t> out_length_;
  uint64_t out_sent_ = 0;
};

}  // namespace taiga::http
