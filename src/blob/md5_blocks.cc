#include "blob/md5_blocks.h"

// GCC 12's AVX-512 headers build masked intrinsics on _mm512_undefined_*(), which
// -Wmaybe-uninitialized reports at every use.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <bit>
#include <cstring>

namespace taiga::blob {
namespace {

static_assert(std::endian::native == std::endian::little, "MD5 words are read as they lie");

// RFC 1321: the per-step constants, shifts and message word order.
constexpr uint32_t kK[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
constexpr int kS[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                        5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
constexpr int Word(int i) {
  return i < 16 ? i : i < 32 ? (5 * i + 1) % 16 : i < 48 ? (3 * i + 5) % 16 : (7 * i) % 16;
}

inline uint32_t Rotl(uint32_t x, int s) { return (x << s) | (x >> (32 - s)); }

// One step, with the round function as a vpternlogd truth table of (b, c, d).
template <int kStep>
__attribute__((target("avx512f"), always_inline)) inline void Step16(__m512i& a, __m512i b,
                                                                     __m512i c, __m512i d,
                                                                     const __m512i* m) {
  constexpr int kTable = kStep < 16 ? 0xCA : kStep < 32 ? 0xE4 : kStep < 48 ? 0x96 : 0x39;
  const __m512i f = _mm512_ternarylogic_epi32(b, c, d, kTable);
  __m512i t = _mm512_add_epi32(a, f);
  t = _mm512_add_epi32(
      t, _mm512_add_epi32(m[Word(kStep)], _mm512_set1_epi32(static_cast<int>(kK[kStep]))));
  a = _mm512_add_epi32(b, _mm512_rol_epi32(t, kS[kStep]));
}

// One step of one stream, grouped so that only the last few operations wait for b, the value
// the previous step has just computed (the chain MD5's speed is bound by).
template <int kStep>
inline void Step1(uint32_t& a, uint32_t b, uint32_t c, uint32_t d, const uint32_t* m) {
  const uint32_t early = a + kK[kStep] + m[Word(kStep)];
  uint32_t t;
  if constexpr (kStep < 16) {
    t = early + (d ^ (b & (c ^ d)));
  } else if constexpr (kStep < 32) {
    t = (early + (c & ~d)) + (b & d);  // the two halves of G never overlap: | is +
  } else if constexpr (kStep < 48) {
    t = early + (b ^ (c ^ d));
  } else {
    t = early + (c ^ (b | ~d));
  }
  a = b + Rotl(t, kS[kStep]);
}

// Four steps from step i, the roles of a, b, c, d rotating as RFC 1321 has them.
#define TAIGA_MD5_STEPS4(step, i) \
  step<(i)>(a, b, c, d, m);       \
  step<(i) + 1>(d, a, b, c, m);   \
  step<(i) + 2>(c, d, a, b, m);   \
  step<(i) + 3>(b, c, d, a, m)

}  // namespace

void Md5Blocks(Md5State& state, const unsigned char* data, size_t blocks) {
  uint32_t h0 = state.h[0], h1 = state.h[1], h2 = state.h[2], h3 = state.h[3];
  for (size_t n = 0; n < blocks; ++n, data += 64) {
    uint32_t m[16];
    std::memcpy(m, data, 64);  // little-endian words (x86)
    uint32_t a = h0, b = h1, c = h2, d = h3;
    TAIGA_MD5_STEPS4(Step1, 0);
    TAIGA_MD5_STEPS4(Step1, 4);
    TAIGA_MD5_STEPS4(Step1, 8);
    TAIGA_MD5_STEPS4(Step1, 12);
    TAIGA_MD5_STEPS4(Step1, 16);
    TAIGA_MD5_STEPS4(Step1, 20);
    TAIGA_MD5_STEPS4(Step1, 24);
    TAIGA_MD5_STEPS4(Step1, 28);
    TAIGA_MD5_STEPS4(Step1, 32);
    TAIGA_MD5_STEPS4(Step1, 36);
    TAIGA_MD5_STEPS4(Step1, 40);
    TAIGA_MD5_STEPS4(Step1, 44);
    TAIGA_MD5_STEPS4(Step1, 48);
    TAIGA_MD5_STEPS4(Step1, 52);
    TAIGA_MD5_STEPS4(Step1, 56);
    TAIGA_MD5_STEPS4(Step1, 60);
    h0 += a;
    h1 += b;
    h2 += c;
    h3 += d;
  }
  state.h[0] = h0;
  state.h[1] = h1;
  state.h[2] = h2;
  state.h[3] = h3;
}

bool HaveMd5Blocks16() { return __builtin_cpu_supports("avx512f"); }

__attribute__((target("avx512f"))) void Md5Blocks16(Md5State state[kMd5Lanes],
                                                    const unsigned char* const data[kMd5Lanes],
                                                    uint32_t lanes, size_t blocks) {
  alignas(64) uint32_t h[4][kMd5Lanes];
  alignas(64) uint64_t addr[kMd5Lanes];
  for (int l = 0; l < kMd5Lanes; ++l) {
    for (int w = 0; w < 4; ++w) h[w][l] = state[l].h[w];
    addr[l] = reinterpret_cast<uint64_t>(data[l]);
  }
  const auto lo_mask = static_cast<__mmask8>(lanes & 0xFF);
  const auto hi_mask = static_cast<__mmask8>(lanes >> 8);
  __m512i lo = _mm512_load_si512(addr), hi = _mm512_load_si512(addr + 8);
  __m512i h0 = _mm512_load_si512(h[0]), h1 = _mm512_load_si512(h[1]);
  __m512i h2 = _mm512_load_si512(h[2]), h3 = _mm512_load_si512(h[3]);
  const __m512i step = _mm512_set1_epi64(64);
  for (size_t n = 0; n < blocks; ++n) {
    __m512i m[16];
    for (int w = 0; w < 16; ++w) {
      const __m256i a = _mm512_mask_i64gather_epi32(
          _mm256_setzero_si256(), lo_mask, lo,
          reinterpret_cast<const void*>(static_cast<intptr_t>(4 * w)), 1);
      const __m256i b = _mm512_mask_i64gather_epi32(
          _mm256_setzero_si256(), hi_mask, hi,
          reinterpret_cast<const void*>(static_cast<intptr_t>(4 * w)), 1);
      m[w] = _mm512_inserti64x4(_mm512_castsi256_si512(a), b, 1);
    }
    __m512i a = h0, b = h1, c = h2, d = h3;
    TAIGA_MD5_STEPS4(Step16, 0);
    TAIGA_MD5_STEPS4(Step16, 4);
    TAIGA_MD5_STEPS4(Step16, 8);
    TAIGA_MD5_STEPS4(Step16, 12);
    TAIGA_MD5_STEPS4(Step16, 16);
    TAIGA_MD5_STEPS4(Step16, 20);
    TAIGA_MD5_STEPS4(Step16, 24);
    TAIGA_MD5_STEPS4(Step16, 28);
    TAIGA_MD5_STEPS4(Step16, 32);
    TAIGA_MD5_STEPS4(Step16, 36);
    TAIGA_MD5_STEPS4(Step16, 40);
    TAIGA_MD5_STEPS4(Step16, 44);
    TAIGA_MD5_STEPS4(Step16, 48);
    TAIGA_MD5_STEPS4(Step16, 52);
    TAIGA_MD5_STEPS4(Step16, 56);
    TAIGA_MD5_STEPS4(Step16, 60);
    h0 = _mm512_add_epi32(h0, a);
    h1 = _mm512_add_epi32(h1, b);
    h2 = _mm512_add_epi32(h2, c);
    h3 = _mm512_add_epi32(h3, d);
    lo = _mm512_add_epi64(lo, step);
    hi = _mm512_add_epi64(hi, step);
  }
  _mm512_store_si512(h[0], h0);
  _mm512_store_si512(h[1], h1);
  _mm512_store_si512(h[2], h2);
  _mm512_store_si512(h[3], h3);
  for (int l = 0; l < kMd5Lanes; ++l) {
    if ((lanes >> l) & 1) {
      for (int w = 0; w < 4; ++w) state[l].h[w] = h[w][l];
    }
  }
}

}  // namespace taiga::blob
