// StreamHasher: SHA-256 and MD5 of a byte stream fed in pieces (OpenSSL EVP), so blobs are hashed
// while they stream and never need to be held whole. common/hash.h hashes whole strings only.
// One hasher per stream; not thread-safe (use from one thread at a time). Movable, not copyable.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace taiga::blob {

struct StreamDigests {
  std::string sha256;  // lowercase hex
  std::string md5;     // lowercase hex; empty when the hasher was made with kSha256
};

class StreamHasher {
 public:
  enum class Algorithms { kSha256AndMd5, kSha256 };

  explicit StreamHasher(Algorithms algorithms = Algorithms::kSha256AndMd5);
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
