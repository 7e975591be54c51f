// The MD5 block functions against OpenSSL: one stream, and 16 lanes of different data with
// some lanes switched off.
#include "blob/md5_blocks.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "common/hash.h"
#include "common/hex.h"
#include "common/random.h"

namespace taiga::blob {
namespace {

// The MD5 of `blocks` whole blocks, finished as RFC 1321 pads it.
std::string Finish(Md5State s, uint64_t bytes) {
  unsigned char tail[64] = {0x80};
  const uint64_t bits = bytes * 8;
  for (int i = 0; i < 8; ++i) tail[56 + i] = static_cast<unsigned char>(bits >> (8 * i));
  Md5Blocks(s, tail, 1);
  return common::HexEncode(std::string_view(reinterpret_cast<const char*>(s.h), 16));
}

TEST(Md5Blocks, OneStreamMatchesOpenSsl) {
  const std::string data = common::RandomHex(64 * 100);  // 200 blocks
  Md5State s;
  Md5Blocks(s, reinterpret_cast<const unsigned char*>(data.data()), data.size() / 64);
  EXPECT_EQ(Finish(s, data.size()), common::Md5Hex(data));
  EXPECT_EQ(Finish(Md5State{}, 0), common::Md5Hex(""));
}

TEST(Md5Blocks, SixteenLanesMatchOpenSsl) {
  if (!HaveMd5Blocks16()) GTEST_SKIP() << "no AVX-512F on this CPU";
  std::vector<std::string> data;
  const unsigned char* ptrs[kMd5Lanes];
  Md5State states[kMd5Lanes];
  for (int l = 0; l < kMd5Lanes; ++l) {
    data.push_back(common::RandomHex(64 * 37));  // 74 blocks each
    ptrs[l] = reinterpret_cast<const unsigned char*>(data.back().data());
  }
  const uint32_t lanes = 0xFFFF & ~(1u << 3) & ~(1u << 12);
  Md5State untouched;
  untouched.h[0] = 42;
  states[3] = states[12] = untouched;
  Md5Blocks16(states, ptrs, lanes, 30);  // in two calls, as the worker does
  for (int l = 0; l < kMd5Lanes; ++l) ptrs[l] += 30 * 64;
  Md5Blocks16(states, ptrs, lanes, 44);
  for (int l = 0; l < kMd5Lanes; ++l) {
    if (l == 3 || l == 12) {
      EXPECT_EQ(states[l].h[0], 42u);
      continue;
    }
    EXPECT_EQ(Finish(states[l], data[l].size()), common::Md5Hex(data[l])) << "lane " << l;
  }
}

}  // namespace
}  // namespace taiga::blob
