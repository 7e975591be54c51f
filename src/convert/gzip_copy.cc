#include "convert/gzip_copy.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <thread>
#include <vector>

#include "convert/compression_threads.h"

namespace taiga::convert {
namespace {

constexpr size_t kBuffer = size_t{256} << 10;
constexpr size_t kPiece = size_t{1} << 20;  // input per piece on several threads
constexpr size_t kWindow = 32768;           // deflate's window: the dictionary of a piece

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

// The bytes already read from a source, then the rest of it.
class HeadThenRest final : public ByteSource {
 public:
  HeadThenRest(std::string head, ByteSource& rest) : head_(std::move(head)), rest_(rest) {}
  common::Result<size_t> Read(char* buf, size_t n) override {
    if (pos_ < head_.size()) {
      const size_t k = std::min(n, head_.size() - pos_);
      std::memcpy(buf, head_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_.Read(buf, n);
  }

 private:
  std::string head_;
  size_t pos_ = 0;
  ByteSource& rest_;
};

// One stream on the calling thread.
common::Result<GzipCopySummary> SerialCopy(ByteSource& input, ByteSink& output,
                                           const GzipOptions& options) {
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

// The gzip header zlib writes for these options (RFC 1952: FNAME, MTIME, XFL, OS 255).
std::string GzipHeader(const GzipOptions& o) {
  std::string h = "\x1f\x8b\x08";
  h.push_back(o.file_name.empty() ? '\0' : '\x08');
  for (int i = 0; i < 4; ++i) h.push_back(static_cast<char>((o.mtime >> (8 * i)) & 0xFF));
  h.push_back(o.level == 9 ? '\x02' : o.level == 1 ? '\x04' : '\0');  // XFL, as zlib sets it
  h.push_back('\xff');
  if (!o.file_name.empty()) h.append(o.file_name).push_back('\0');
  return h;
}

void AppendLe32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// One piece of the input compressed as raw deflate blocks ending byte-aligned (Z_SYNC_FLUSH),
// primed with the 32 KiB before it, so that the pieces concatenate into one deflate stream.
struct Piece {
  std::string in, out;
  std::string_view dictionary;  // the end of the previous piece
  uint32_t crc = 0;
  common::Status status;

  void Compress(int level) {
    crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(in.data()), static_cast<uInt>(in.size())));
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      status = common::Internal("zlib deflateInit2 failed");
      return;
    }
    if (!dictionary.empty()) {
      deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()),
                           static_cast<uInt>(dictionary.size()));
    }
    out.resize(deflateBound(&z, in.size()) + 16);
    z.next_in = reinterpret_cast<Bytef*>(in.data());
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_SYNC_FLUSH);
    if (rc != Z_OK || z.avail_in != 0 || z.avail_out == 0) {
      status = common::Internal("zlib deflate failed");
    }
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
  }
};

// pigz's way: pieces compressed on several threads, one gzip member (any gzip reader, HTTP
// Content-Encoding included, reads it). Memory: two pieces per thread.
common::Result<GzipCopySummary> ParallelCopy(ByteSource& input, ByteSink& output,
                                             const GzipOptions& options, size_t threads) {
  GzipCopySummary summary;
  const std::string header = GzipHeader(options);
  TAIGA_RETURN_IF_ERROR(output.Write(header));
  summary.bytes_out += header.size();
  uint32_t crc = 0;
  std::string previous_tail;  // the last 32 KiB of the input so far
  std::vector<Piece> batch(threads);
  for (bool end = false; !end;) {
    size_t used = 0;  // pieces of this batch holding input, up to `threads`
    while (used < threads && !end) {
      Piece& p = batch[used];
      p.in.resize(kPiece);
      TAIGA_ASSIGN_OR_RETURN(size_t have, ReadFully(input, p.in.data(), kPiece));
      p.in.resize(have);
      summary.bytes_in += have;
      end = have < kPiece;
      if (have > 0) ++used;
    }
    for (size_t i = 0; i < used; ++i) {
      const std::string& before = i == 0 ? previous_tail : batch[i - 1].in;
      const size_t keep = std::min<size_t>(before.size(), kWindow);
      batch[i].dictionary = std::string_view(before).substr(before.size() - keep);
    }
    std::vector<std::thread> helpers;
    for (size_t i = 1; i < used; ++i) {
      helpers.emplace_back([&batch, i, level = options.level] { batch[i].Compress(level); });
    }
    if (used > 0) batch[0].Compress(options.level);
    for (std::thread& t : helpers) t.join();
    for (size_t i = 0; i < used; ++i) {
      Piece& p = batch[i];
      TAIGA_RETURN_IF_ERROR(p.status);
      TAIGA_RETURN_IF_ERROR(output.Write(p.out));
      summary.bytes_out += p.out.size();
      crc = static_cast<uint32_t>(crc32_combine(crc, p.crc, static_cast<z_off_t>(p.in.size())));
    }
    if (used > 0) {
      const std::string& last = batch[used - 1].in;
      previous_tail = last.substr(last.size() - std::min<size_t>(last.size(), kWindow));
    }
  }
  // The last block: an empty final one (fixed Huffman, end of block), then CRC-32 and ISIZE.
  std::string trailer("\x03\x00", 2);
  AppendLe32(trailer, crc);
  AppendLe32(trailer, static_cast<uint32_t>(summary.bytes_in & 0xFFFFFFFFu));
  TAIGA_RETURN_IF_ERROR(output.Write(trailer));
  summary.bytes_out += trailer.size();
  TAIGA_RETURN_IF_ERROR(output.Flush());
  return summary;
}

}  // namespace

common::Result<GzipCopySummary> GzipCopy(ByteSource& input, ByteSink& output,
                                         const GzipOptions& options) {
  if (options.level < 1 || options.level > 9) {
    return common::InvalidArgument("gzip level must be 1 to 9, not " +
                                   std::to_string(options.level));
  }
  const size_t threads = CompressionThreads(options.threads);
  if (threads == 1) return SerialCopy(input, output, options);
  // An input of one piece or less gets the one stream (the same bytes as on one thread).
  std::string head(kPiece + 1, '\0');
  TAIGA_ASSIGN_OR_RETURN(size_t have, ReadFully(input, head.data(), head.size()));
  head.resize(have);
  const bool small = have <= kPiece;
  HeadThenRest source(std::move(head), input);
  if (small) return SerialCopy(source, output, options);
  return ParallelCopy(source, output, options, threads);
}

}  // namespace taiga::convert
