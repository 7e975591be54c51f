#include "convert/gzip_copy.h"

#include <zlib.h>

#include <vector>

namespace taiga::convert {
namespace {

constexpr size_t kBuffer = size_t{256} << 10;

// Owns a deflate stream.
class Deflater {
 public:
  ~Deflater() {
    if (open_) deflateEnd(&z_);
  }
  common::Status Init(const GzipOptions& o) {
    // windowBits 15 + 16: a gzip wrapper instead of zlib's.
    if (deflateInit2(&z_, o.level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      return common::Internal("zlib deflateInit2 failed");
    }
    open_ = true;
    name_ = o.file_name;
    header_.name = name_.empty() ? Z_NULL : reinterpret_cast<Bytef*>(name_.data());
    header_.time = o.mtime;
    header_.os = 255;  // "unknown", as Python's gzip module writes
    if (deflateSetHeader(&z_, &header_) != Z_OK) {
      return common::Internal("zlib deflateSetHeader failed");
    }
    return common::Status::Ok();
  }
  z_stream& z() { return z_; }

 private:
  z_stream z_{};
  gz_header header_{};
  std::string name_;
  bool open_ = false;
};

}  // namespace

common::Result<GzipCopySummary> GzipCopy(ByteSource& input, ByteSink& output,
                                         const GzipOptions& options) {
  if (options.level < 1 || options.level > 9) {
    return common::InvalidArgument("gzip level must be 1 to 9, not " +
                                   std::to_string(options.level));
  }
  Deflater deflater;
  TAIGA_RETURN_IF_ERROR(deflater.Init(options));
  z_stream& z = deflater.z();
  std::vector<char> in(kBuffer), out(kBuffer);
  GzipCopySummary summary;
  int flush = Z_NO_FLUSH;
  while (flush != Z_FINISH) {
    TAIGA_ASSIGN_OR_RETURN(size_t n, input.Read(in.data(), in.size()));
    summary.bytes_in += n;
    if (n == 0) flush = Z_FINISH;
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(n);
    int rc;
    do {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      rc = deflate(&z, flush);
      if (rc == Z_STREAM_ERROR) return common::Internal("zlib deflate failed");
      size_t produced = out.size() - z.avail_out;
      summary.bytes_out += produced;
      if (produced > 0) {
        TAIGA_RETURN_IF_ERROR(output.Write(std::string_view(out.data(), produced)));
      }
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }
  TAIGA_RETURN_IF_ERROR(output.Flush());
  return summary;
}

}  // namespace taiga::convert
