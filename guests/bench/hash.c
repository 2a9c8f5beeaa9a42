/* hash: checksum kernels over a 64 KiB buffer — table-driven CRC-32 (reflected, poly
   0xEDB88320), FNV-1a 64 byte by byte, and a multiply/xor-shift word mixer in the style of
   MurmurHash's 64-bit finalizer. Each round hashes the buffer with all three, then flips bytes
   chosen by the hashes so no round repeats. The kernels are checked on known test vectors; the
   combined result must equal a constant recomputed natively (`make hostcheck`). */
#include "lib.h"

#ifndef ROUNDS
#define ROUNDS 2000
#endif
#define LEN 65536
#define EXPECT_SUM 0xe000816b1d363581ull

static uint8_t buf[LEN] __attribute__((aligned(8)));
static uint32_t crc_table[256];

static void crc32_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

static uint64_t fnv1a64(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  while (n--) h = (h ^ *p++) * 0x100000001b3ull;
  return h;
}

static inline uint64_t fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return k;
}

/* Word mixer over 8-byte little-endian words (assembled from bytes: no alignment assumptions). */
static uint64_t mix64(const uint8_t *p, size_t n, uint64_t seed) {
  uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ull);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t k = (uint64_t)p[i] | (uint64_t)p[i + 1] << 8 | (uint64_t)p[i + 2] << 16 |
                 (uint64_t)p[i + 3] << 24 | (uint64_t)p[i + 4] << 32 | (uint64_t)p[i + 5] << 40 |
                 (uint64_t)p[i + 6] << 48 | (uint64_t)p[i + 7] << 56;
    k *= 0x87c37b91114253d5ull;
    k = (k << 31) | (k >> 33);
    k *= 0x4cf5ad432745937full;
    h ^= k;
    h = ((h << 27) | (h >> 37)) * 5 + 0x52dce729;
  }
  for (; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return fmix64(h);
}

static int check_vectors(void) {
  static const uint8_t digits[] = "123456789";
  static const uint8_t a[] = "a";
  static const uint8_t fox[] = "The quick brown fox jumps over the lazy dog";
  if (crc32(digits, 9) != 0xCBF43926u) return 1;
  if (crc32(fox, sizeof fox - 1) != 0x414FA339u) return 2;
  if (fnv1a64(digits, 0) != 0xcbf29ce484222325ull) return 3;
  if (fnv1a64(a, 1) != 0xaf63dc4c8601ec8cull) return 4;
  if (fmix64(0) != 0 || fmix64(1) == 1) return 5;
  return 0;
}

int main(void) {
  crc32_init();
  int bad = check_vectors();
  if (bad) {
    out_str("hash: FAIL test vector ");
    out_dec((uint64_t)bad);
    out_end();
    return 1;
  }

  uint64_t seed = 0xd1b54a32d192ed03ull;
  for (size_t i = 0; i < LEN; i += 8) {
    uint64_t r = rng_next(&seed);
    for (int b = 0; b < 8; b++) buf[i + b] = (uint8_t)(r >> (8 * b));
  }

  uint64_t sum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    uint32_t c = crc32(buf, LEN);
    uint64_t f = fnv1a64(buf, LEN);
    uint64_t m = mix64(buf, LEN, sum);
    sum = fmix64(sum ^ c) + f + (m << 1);
    buf[c % LEN] ^= (uint8_t)(f | 1);
    buf[(uint32_t)m % LEN] += (uint8_t)(c >> 24);
    buf[(f >> 40) % LEN] ^= 0x5a;
  }

  int ok = sum == EXPECT_SUM;
  out_str(ok ? "hash: ok sum=" : "hash: FAIL sum=");
  out_hex(sum);
  if (!ok) { out_str(" expected "); out_hex(EXPECT_SUM); }
  out_end();
  return ok ? 0 : 5;
}
