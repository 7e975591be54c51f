// The additional checksums of S3 (x-amz-checksum-crc32 / -crc32c / -sha1 / -sha256, as a
// header or an aws-chunked trailer), computed over the decoded bytes as they stream: CRC32 by
// zlib, SHA by OpenSSL, CRC32C by a table (no packaged library here has it). Values are base64
// of the big-endian digest, as S3 writes them. Also base64 helpers (Content-MD5).
// One Checksum per stream; not thread-safe. The free functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace taiga::s3api {

class Checksum {
 public:
  // For "crc32", "crc32c", "sha1" or "sha256" (the x-amz-checksum-* suffix); nullopt otherwise.
  static std::optional<Checksum> For(std::string_view algorithm);
  Checksum(Checksum&&) noexcept;
  Checksum& operator=(Checksum&&) noexcept;
  ~Checksum();

  void Update(std::string_view bytes);
  // base64 of the digest of everything added.
  std::string Base64Digest();
  const std::string& algorithm() const { return algorithm_; }

 private:
  struct State;
  Checksum(std::string algorithm, std::unique_ptr<State> state);
  std::string algorithm_;
  std::unique_ptr<State> state_;
};

// Standard base64 with padding.
std::string Base64Encode(std::string_view raw);
// The bytes of standard base64 (padding required); false when `text` is not canonical base64.
bool Base64Decode(std::string_view text, std::string* raw);

}  // namespace taiga::s3api
