// GzipCopy: streams a gzip (RFC 1952) copy of the bytes of `input` to `output`, as the
// original kept a compressed copy of every upload for `raw_test` downloads (Python's
// gzip.open(path, "wb"): level 9, OS byte 255). Memory: two 256 KiB buffers and zlib's state
// (on several threads: 2 MiB per thread). Thread-safe (no shared state); the caller owns the
// streams.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/result.h"
#include "convert/byte_sink.h"
#include "convert/byte_source.h"

namespace taiga::convert {

struct GzipOptions {
  int level = 9;               // zlib level, 1 (fast) to 9 (small, the original's)
  std::string file_name = {};  // FNAME in the header (ISO-8859-1); empty: none
  uint32_t mtime = 0;          // MTIME in the header, seconds since the epoch; 0: none
  // Threads compressing: 1, one zlib stream; more, 1 MiB pieces in parallel into the same one
  // gzip member (as pigz does; other bytes, the same content); 0, one per core, at most 8.
  size_t threads = 1;
};

struct GzipCopySummary {
  uint64_t bytes_in = 0, bytes_out = 0;
};

// Compresses all of `input` into `output`. Errors: InvalidArgument (a level outside 1-9),
// Internal (zlib), the streams' errors.
common::Result<GzipCopySummary> GzipCopy(ByteSource& input, ByteSink& output,
                                         const GzipOptions& options = {});

}  // namespace taiga::convert
