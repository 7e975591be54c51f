// SignedBlobEndpoint: downloads of the local store through signed, expiring URLs
// ({prefix}/blob/<token>, DESIGN.md §7), a byte route that needs no Authorization header. The
// token (blob::LocalUrlSigner) names the key, the download name (Content-Disposition, RFC 6266
// with filename*) and the Content-Type. The file goes out with sendfile; `Range: bytes=` gives
// 206 (416 when unsatisfiable); HEAD gets the headers only. Tampered, foreign or expired tokens
// get 403 with a JSON problem. Thread-safe; the store and clock must outlive it.
#pragma once

#include <string>

#include "blob/local/local_blob_store.h"
#include "common/byte_exchange.h"
#include "common/clock.h"

namespace taiga::s3api {

struct SignedBlobEndpointOptions {
  std::string route_prefix = "/taiga/blob/";  // where the server routes it, with trailing '/'
  bool access_log = true;                     // one log line per request (without the token)
};

class SignedBlobEndpoint {
 public:
  SignedBlobEndpoint(SignedBlobEndpointOptions options, const blob::LocalBlobStore& store,
                     const common::Clock& clock)
      : options_(std::move(options)), store_(store), clock_(clock) {}

  // The ByteHandler: answers one request completely.
  void Handle(common::ByteExchange& exchange);

 private:
  // Returns the status sent.
  int Serve(common::ByteExchange& exchange, const std::string& request_id);

  SignedBlobEndpointOptions options_;
  const blob::LocalBlobStore& store_;
  const common::Clock& clock_;
};

}  // namespace taiga::s3api
