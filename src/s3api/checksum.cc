#include "s3api/checksum.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <array>

namespace taiga::s3api {
namespace {

enum class Kind { kCrc32, kCrc32c, kSha1, kSha256 };

// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), one table, byte at a time.
const std::array<uint32_t, 256>& Crc32cTable() {
  static const std::array<uint32_t, 256> kTable = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return kTable;
}

std::string BigEndian(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

}  // namespace

struct Checksum::State {
  Kind kind;
  uint32_t crc = 0;
  EVP_MD_CTX* md = nullptr;
  ~State() {
    if (md) EVP_MD_CTX_free(md);
  }
};

std::optional<Checksum> Checksum::For(std::string_view algorithm) {
  auto state = std::make_unique<State>();
  if (algorithm == "crc32") {
    state->kind = Kind::kCrc32;
    state->crc = static_cast<uint32_t>(::crc32(0L, Z_NULL, 0));
  } else if (algorithm == "crc32c") {
    state->kind = Kind::kCrc32c;
    state->crc = 0xFFFFFFFFu;
  } else if (algorithm == "sha1" || algorithm == "sha256") {
    state->kind = algorithm == "sha1" ? Kind::kSha1 : Kind::kSha256;
    state->md = EVP_MD_CTX_new();
    EVP_DigestInit_ex(state->md, algorithm == "sha1" ? EVP_sha1() : EVP_sha256(), nullptr);
  } else {
    return std::nullopt;
  }
  return Checksum(std::string(algorithm), std::move(state));
}

Checksum::Checksum(std::string algorithm, std::unique_ptr<State> state)
    : algorithm_(std::move(algorithm)), state_(std::move(state)) {}
Checksum::Checksum(Checksum&&) noexcept = default;
Checksum& Checksum::operator=(Checksum&&) noexcept = default;
Checksum::~Checksum() = default;

void Checksum::Update(std::string_view bytes) {
  switch (state_->kind) {
    case Kind::kCrc32:
      while (!bytes.empty()) {  // zlib takes uInt lengths
        const size_t n = std::min<size_t>(bytes.size(), 1u << 30);
        state_->crc = static_cast<uint32_t>(::crc32(
            state_->crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(n)));
        bytes.remove_prefix(n);
      }
      break;
    case Kind::kCrc32c: {
      const auto& table = Crc32cTable();
      uint32_t c = state_->crc;
      for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
      state_->crc = c;
      break;
    }
    default:
      EVP_DigestUpdate(state_->md, bytes.data(), bytes.size());
  }
}

std::string Checksum::Base64Digest() {
  switch (state_->kind) {
    case Kind::kCrc32:
      return Base64Encode(BigEndian(state_->crc));
    case Kind::kCrc32c:
      return Base64Encode(BigEndian(state_->crc ^ 0xFFFFFFFFu));
    default: {
      unsigned char digest[EVP_MAX_MD_SIZE];
      unsigned int len = 0;
      EVP_DigestFinal_ex(state_->md, digest, &len);
      return Base64Encode(std::string_view(reinterpret_cast<char*>(digest), len));
    }
  }
}

std::string Base64Encode(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(raw.data()),
                                static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Base64Decode(std::string_view text, std::string* raw) {
  if (text.empty() || text.size() % 4 != 0) return false;
  raw->assign(text.size() / 4 * 3 + 1, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(raw->data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t pad = 0;
  while (pad < 2 && text[text.size() - 1 - pad] == '=') ++pad;
  raw->resize(static_cast<size_t>(n) - pad);
  return Base64Encode(*raw) == text;
}

}  // namespace taiga::s3api
