// ByteExchange: one HTTP request whose body and response are streamed, as the server hands it
// to an embedded endpoint (the S3 upload endpoint, signed downloads; DESIGN.md §4 "Threads").
// The request header has been read; the body is read on demand and the response written
// piecewise, so no body is ever held whole. Every call blocks (with the server's I/O timeouts)
// and an exchange is used by one thread, the one its handler runs on. The server owns it; it is
// valid only during the handler call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace taiga::common {

// Header (lower-case name, value) pairs in the order received or to send.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

class ByteExchange {
 public:
  virtual ~ByteExchange() = default;

  // The request method ("PUT") and target as received: raw, not percent-decoded, with query.
  virtual std::string_view Method() const = 0;
  virtual std::string_view Target() const = 0;
  // The first header of that (lower-case) name, and all of them.
  virtual std::optional<std::string_view> Header(std::string_view lower_name) const = 0;
  virtual const HeaderList& Headers() const = 0;
  virtual std::string_view RemoteAddress() const = 0;
  // The announced body length; nullopt for a chunked body (0 when there is no body).
  virtual std::optional<uint64_t> ContentLength() const = 0;

  // Copies up to n decoded body bytes into buf; returns how many, 0 at the end of the body.
  // The first call answers `Expect: 100-continue`. Errors: PayloadTooLarge (the body is over
  // the route's limit), InvalidArgument (malformed chunked framing), Unavailable (the client
  // went away or stalled before the body was complete: a truncated body).
  virtual Result<size_t> ReadBody(char* buf, size_t n) = 0;

  // Starts the response. With content_length the body must be exactly that long; without, it
  // is sent chunked. Content-Length, Transfer-Encoding and Connection are the server's to set.
  // For HEAD requests no body goes out (SendBody/SendFile then do nothing). Errors:
  // FailedPrecondition (called twice), Unavailable (the client went away).
  virtual Status SendHeaders(int status, const HeaderList& headers,
                             std::optional<uint64_t> content_length) = 0;
  // Sends the next body bytes. Errors: FailedPrecondition (before SendHeaders, or more bytes
  // than announced), Unavailable.
  virtual Status SendBody(std::string_view bytes) = 0;
  // Sends `length` bytes of the open file `fd` from `offset` (sendfile(2)); `fd` stays the
  // caller's. Errors as SendBody, plus Unavailable when the file is shorter than announced.
  virtual Status SendFile(int fd, uint64_t offset, uint64_t length) = 0;

  // Closes the connection after this response instead of keeping it alive.
  virtual void CloseAfterResponse() = 0;
};

// An embedded endpoint: runs on one of the server's byte threads, reads what it needs and
// answers. It must not throw; the server answers 500 if it returns without SendHeaders.
using ByteHandler = std::function<void(ByteExchange&)>;

}  // namespace taiga::common
