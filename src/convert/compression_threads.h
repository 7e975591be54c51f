// CompressionThreads: how many threads a `compression_threads` option means — the number
// given, or for 0 one per hardware thread, at most 8. Shared by ColumnarWriter and GzipCopy.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>

namespace taiga::convert {

inline size_t CompressionThreads(size_t requested) {
  if (requested > 0) return requested;
  return std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
}

}  // namespace taiga::convert
