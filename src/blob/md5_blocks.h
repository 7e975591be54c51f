// The MD5 compression function over whole 64-byte blocks, for one stream (portable C++) and for
// up to 16 streams at once (AVX-512: one stream per 32-bit lane, each lane reading its own
// buffer), so the digests of concurrent uploads cost a fraction of one MD5 each. Padding and
// the length block are the caller's (MultiLaneMd5). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace taiga::blob {

struct Md5State {
  uint32_t h[4] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
};

constexpr int kMd5Lanes = 16;

// Runs `blocks` 64-byte blocks of `data` through `state`.
void Md5Blocks(Md5State& state, const unsigned char* data, size_t blocks);

// True when this CPU runs Md5Blocks16 (AVX-512F).
bool HaveMd5Blocks16();

// Runs `blocks` blocks of data[lane] through state[lane] for every lane whose bit is set in
// `lanes` (the others are not read or written). Only when HaveMd5Blocks16().
void Md5Blocks16(Md5State state[kMd5Lanes], const unsigned char* const data[kMd5Lanes],
                 uint32_t lanes, size_t blocks);

}  // namespace taiga::blob
