// StreamHasher: SHA-256 and MD5 of a byte stream fed in pieces, so blobs are hashed while they
// stream and never need to be held whole. SHA-256 by OpenSSL EVP on the caller's thread (SHA-NI);
// MD5 by OpenSSL too, or, given a MultiLaneMd5, on its worker beside the caller (several
// streams in one pass). common/hash.h hashes whole strings only.
// One hasher per stream; not thread-safe (use from one thread at a time). Movable, not copyable.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "blob/multi_lane_md5.h"

namespace taiga::blob {

struct StreamDigests {
  std::string sha256;  // lowercase hex
  std::string md5;     // lowercase hex; empty when the hasher was made with kSha256
};

class StreamHasher {
 public:
  enum class Algorithms { kSha256AndMd5, kSha256 };

  // `md5`, when given, computes the MD5 and must outlive the hasher.
  explicit StreamHasher(Algorithms algorithms = Algorithms::kSha256AndMd5,
                        MultiLaneMd5* md5 = nullptr);
  ~StreamHasher();
  StreamHasher(StreamHasher&&) noexcept;
  StreamHasher& operator=(StreamHasher&&) noexcept;

  // Adds bytes to every digest.
  void Update(std::string_view bytes);
  // Returns the digests of everything added and starts again from empty.
  StreamDigests Finish();

 private:
  struct Contexts;
  std::unique_ptr<Contexts> contexts_;
  Algorithms algorithms_;
};

}  // namespace taiga::blob
