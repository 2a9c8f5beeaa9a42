/* Tiny freestanding helpers shared by the benchmark guests (no libc on the guest). */
#ifndef BENCH_LIB_H
#define BENCH_LIB_H
#include <stddef.h>
#include <stdint.h>

/* GCC may emit calls to these even with -fno-builtin (struct copies, zeroing loops). */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* One output line is assembled here and printed with a single htif_puts. */
void out_str(const char *s);
void out_dec(uint64_t v);
void out_hex(uint64_t v); /* 0x + 16 digits */
void out_end(void);       /* appends '\n', prints, resets */

/* xorshift64*: the one PRNG all workloads use, so the inputs are fixed by the seed alone. */
static inline uint64_t rng_next(uint64_t *s) {
  uint64_t x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1Dull;
}

#endif
