// AcceptsGzip: whether an Accept-Encoding header value accepts gzip — a "gzip" (or "x-gzip")
// or "*" coding whose q-value is not 0, where an explicit "gzip;q=0" beats "*".
// Pure function, thread-safe.
#pragma once

#include <string_view>

namespace taiga::web {

bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace taiga::web
