// SocketByteExchange over a socketpair: the header is read by Beast as the server does, then the
// exchange streams the body and the response.
#include "http/socket_byte_exchange.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/http/read.hpp>

namespace taiga::http {
namespace {

namespace bhttp = boost::beast::http;

class SocketByteExchangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    int fds[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    client_ = fds[0];
    server_.assign(boost::asio::local::stream_protocol(), fds[1]);
  }
  void TearDown() override { ::close(client_); }

  void Send(std::string_view bytes) {
    ASSERT_EQ(::write(client_, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  }
  // Reads what the server wrote so far (after a short wait), until `quiet_ms` of silence.
  std::string Received(int quiet_ms = 50) {
    std::string out;
    char buf[65536];
    ::fcntl(client_, F_SETFL, O_NONBLOCK);
    for (int idle = 0; idle < quiet_ms; ++idle) {
      const ssize_t n = ::read(client_, buf, sizeof buf);
      if (n > 0) {
        out.append(buf, static_cast<size_t>(n));
        idle = 0;
      } else if (n == 0) {
        break;
      } else {
        ::usleep(1000);
      }
    }
    return out;
  }
  std::unique_ptr<SocketByteExchange> Exchange(uint64_t max_body = 1 << 20) {
    parser_.emplace();
    parser_->body_limit(uint64_t{1} << 40);  // (boost::none trips Beast 1.74 on Content-Length)
    boost::beast::error_code ec;
    bhttp::read_header(server_, buffer_, *parser_, ec);
    EXPECT_FALSE(ec) << ec.message();
    server_.non_blocking(true);
    SocketByteExchangeOptions o;
    o.fd = server_.native_handle();
    o.max_body_bytes = max_body;
    o.io_timeout_seconds = 2;
    return std::make_unique<SocketByteExchange>(o, std::move(*parser_), buffer_);
  }
  static std::string ReadAll(SocketByteExchange& ex, size_t slice = 7) {
    std::string body;
    std::string buf(slice, '\0');
    while (true) {
      auto n = ex.ReadBody(buf.data(), buf.size());
      EXPECT_TRUE(n.ok()) << n.status().ToString();
      if (!n.ok() || *n == 0) return body;
      body.append(buf.data(), *n);
    }
  }

  boost::asio::io_context ioc_;
  boost::asio::local::stream_protocol::socket server_{ioc_};
  boost::beast::flat_buffer buffer_;
  std::optional<SocketByteExchange::HeaderParser> parser_;
  int client_ = -1;
};

TEST_F(SocketByteExchangeTest, ContinueBodyResponseAndTheNextRequestKept) {
  Send(
      "PUT /s3/b/k?x=1 HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 11\r\n"
      "X-Thing: v\r\n\r\nhello worldGET /next HTTP/1.1\r\nHost: h\r\n\r\n");
  auto ex = Exchange();
  EXPECT_EQ(ex->Method(), "PUT");
  EXPECT_EQ(ex->Target(), "/s3/b/k?x=1");
  EXPECT_EQ(ex->Header("x-thing"), "v");
  EXPECT_EQ(ex->ContentLength(), 11u);
  EXPECT_EQ(ReadAll(*ex), "hello world");
  ASSERT_TRUE(ex->SendHeaders(200, {{"ETag", "\"e\""}}, 2).ok());
  ASSERT_TRUE(ex->SendBody("ok").ok());
  EXPECT_TRUE(ex->Finish());
  const std::string out = Received();
  EXPECT_EQ(out.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n", 0), 0u) << out;
  EXPECT_NE(out.find("ETag: \"e\"\r\n"), std::string::npos);
  EXPECT_NE(out.find("Content-Length: 2\r\n\r\nok"), std::string::npos);
  EXPECT_EQ(out.find("Connection: close"), std::string::npos);
  EXPECT_EQ(std::string(static_cast<const char*>(buffer_.data().data()), buffer_.size()),
            "GET /next HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST_F(SocketByteExchangeTest, ChunkedBodyInPiecesAndChunkedResponse) {
  Send("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");
  auto ex = Exchange();
  EXPECT_FALSE(ex->ContentLength().has_value());
  Send("lo\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
  EXPECT_EQ(ReadAll(*ex, 3), "hello world");
  ASSERT_TRUE(ex->SendHeaders(200, {}, std::nullopt).ok());
  ASSERT_TRUE(ex->SendBody("abc").ok());
  EXPECT_TRUE(ex->Finish());
  const std::string out = Received();
  EXPECT_NE(out.find("Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"), std::string::npos)
      << out;
}

TEST_F(SocketByteExchangeTest, ATruncatedBodyIsAnError) {
  Send("PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly this");
  auto ex = Exchange();
  ::shutdown(client_, SHUT_WR);
  char buf[64];
  size_t total = 0;
  common::Status error;
  while (true) {
    auto n = ex->ReadBody(buf, sizeof buf);
    if (!n.ok()) {
      error = n.status();
      break;
    }
    ASSERT_GT(*n, 0u);
    total += *n;
  }
  EXPECT_EQ(total, 9u);
  EXPECT_EQ(error.code(), common::StatusCode::kUnavailable);
  EXPECT_FALSE(ex->Finish());
}

TEST_F(SocketByteExchangeTest, OverTheLimitWithoutContinueAndUnreadBodyCloses) {
  Send("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
  auto ex = Exchange(/*max_body=*/1000);
  char buf[64];
  auto n = ex->ReadBody(buf, sizeof buf);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), common::StatusCode::kPayloadTooLarge);
  ASSERT_TRUE(ex->SendHeaders(400, {}, 0).ok());
  EXPECT_FALSE(ex->Finish());
  const std::string out = Received();
  EXPECT_EQ(out.find("100 Continue"), std::string::npos) << out;
  EXPECT_NE(out.find("Connection: close\r\n"), std::string::npos) << out;
}

TEST_F(SocketByteExchangeTest, HeadGetsNoBodyAndFilesGoOutWithSendfile) {
  Send("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n");
  auto ex = Exchange();
  ASSERT_TRUE(ex->SendHeaders(200, {}, 10).ok());
  ASSERT_TRUE(ex->SendBody("0123456789").ok());
  EXPECT_TRUE(ex->Finish());
  std::string out = Received();
  EXPECT_NE(out.find("Content-Length: 10\r\n\r\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("0123"), std::string::npos) << out;

  char name[] = "/tmp/sbe-XXXXXX";
  const int fd = ::mkstemp(name);
  ASSERT_EQ(::write(fd, "abcdefghij", 10), 10);
  Send("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
  ex = Exchange();
  ASSERT_TRUE(ex->SendHeaders(206, {}, 4).ok());
  ASSERT_TRUE(ex->SendFile(fd, 3, 4).ok());
  EXPECT_FALSE(ex->SendBody("x").ok());  // more than announced
  EXPECT_TRUE(ex->Finish());
  out = Received();
  EXPECT_NE(out.find("Content-Length: 4\r\n\r\ndefg"), std::string::npos) << out;
  ::close(fd);
  ::unlink(name);
}

TEST_F(SocketByteExchangeTest, AHandlerThatAnswersNothingGets500) {
  Send("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
  auto ex = Exchange();
  EXPECT_FALSE(ex->Finish());
  EXPECT_EQ(Received().rfind("HTTP/1.1 500 Internal Server Error\r\n", 0), 0u);
}

}  // namespace
}  // namespace taiga::http
