// ByteRange: the one range of a `Range: bytes=…` request header (RFC 9110 §14) that a download
// serves. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace taiga::s3api {

struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;  // inclusive
  uint64_t length() const { return last - first + 1; }
};

enum class RangeKind {
  kWhole,          // no usable Range header (absent, malformed, another unit, several ranges)
  kPartial,        // serve `range` with 206
  kUnsatisfiable,  // 416 with Content-Range: bytes */size
};

struct RangeRequest {
  RangeKind kind = RangeKind::kWhole;
  ByteRange range;
};

// Reads "bytes=a-b", "bytes=a-" or "bytes=-n" against an object of `size` bytes (b past the
// end is clamped). Several ranges are served as the whole object, which RFC 9110 allows.
RangeRequest ParseRange(std::optional<std::string_view> header, uint64_t size);

}  // namespace taiga::s3api
