#include "common/random.h"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

#include "common/hex.h"

namespace taiga::common {
namespace {

std::vector<unsigned char> RandomBytes(size_t n) {
  std::vector<unsigned char> buf(n);
  if (n > 0 && RAND_bytes(buf.data(), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");  // the CSPRNG failing is not recoverable
  }
  return buf;
}

}  // namespace

std::string RandomHex(size_t bytes) {
  auto buf = RandomBytes(bytes);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

std::string NewId32() {
  auto buf = RandomBytes(16);
  buf[6] = (buf[6] & 0x0f) | 0x40;  // version 4
  buf[8] = (buf[8] & 0x3f) | 0x80;  // RFC 4122 variant
  return HexEncode(std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

std::string NewUuid36() {
  std::string hex = NewId32();
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string RandomToken(size_t bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  auto buf = RandomBytes(bytes);
  std::string out;
  unsigned int acc = 0;
  int bits = 0;
  for (unsigned char c : buf) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      out.push_back(kAlphabet[(acc >> (bits - 6)) & 0x3f]);
      bits -= 6;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3f]);
  return out;
}

}  // namespace taiga::common
