/* memsort: block copies and sorting. Each round fills a buffer with pseudo-random 32-bit keys
   (several distributions), copies it twice with memcpy, sorts one copy with quicksort and the
   other with a bottom-up merge sort, and checks that both are sorted, identical, and hold the
   same multiset as the source (sum and xor). A checksum over the sorted data must also equal a
   constant recomputed natively (`make hostcheck`). */
#include "lib.h"

#ifndef ROUNDS
#define ROUNDS 176
#endif
#define N 32768
#define EXPECT_SUM 0xaa3867dcc7d89197ull

static uint32_t src[N], qa[N], ma[N], tmp[N];

static void fill(uint32_t *a, uint64_t *seed, int kind) {
  for (uint32_t i = 0; i < N; i++) {
    uint64_t r = rng_next(seed);
    switch (kind) {
    case 0: a[i] = (uint32_t)(r >> 32); break;                       /* uniform */
    case 1: a[i] = (uint32_t)(r >> 54); break;                       /* many duplicates */
    case 2: a[i] = i * 7u + (uint32_t)((r >> 59) & 15); break;       /* almost sorted */
    default: a[i] = (N - i) * 3u ^ (uint32_t)((r >> 61) & 1); break; /* almost reversed */
    }
  }
}

static void insertion_sort(uint32_t *a, long n) {
  for (long i = 1; i < n; i++) {
    uint32_t v = a[i];
    long j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static inline void swap(uint32_t *a, uint32_t *b) { uint32_t t = *a; *a = *b; *b = t; }

/* Hoare partition around a median of three; recurse into the smaller side, loop on the larger. */
static void quicksort(uint32_t *a, long n) {
  while (n > 16) {
    long mid = n / 2;
    if (a[mid] < a[0]) swap(&a[mid], &a[0]);
    if (a[n - 1] < a[0]) swap(&a[n - 1], &a[0]);
    if (a[n - 1] < a[mid]) swap(&a[n - 1], &a[mid]);
    uint32_t pivot = a[mid];
    long i = -1, j = n;
    for (;;) {
      do i++; while (a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j) break;
      swap(&a[i], &a[j]);
    }
    long left = j + 1, right = n - left;
    if (left < right) { quicksort(a, left); a += left; n = right; }
    else { quicksort(a + left, right); n = left; }
  }
  insertion_sort(a, n);
}

/* Bottom-up merge sort with one scratch buffer; runs of 8 are pre-sorted by insertion. */
static void mergesort(uint32_t *a, uint32_t *scratch, long n) {
  for (long i = 0; i < n; i += 8) insertion_sort(a + i, n - i < 8 ? n - i : 8);
  uint32_t *from = a, *to = scratch;
  for (long width = 8; width < n; width *= 2) {
    for (long lo = 0; lo < n; lo += 2 * width) {
      long mid = lo + width < n ? lo + width : n;
      long hi = lo + 2 * width < n ? lo + 2 * width : n;
      long i = lo, j = mid, k = lo;
      while (i < mid && j < hi) to[k++] = from[j] < from[i] ? from[j++] : from[i++];
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    uint32_t *t = from; from = to; to = t;
  }
  if (from != a) memcpy(a, from, (size_t)n * sizeof *a);
}

static int fail(const char *what, int round, int code) {
  out_str("memsort: FAIL ");
  out_str(what);
  out_str(" round ");
  out_dec((uint64_t)round);
  out_end();
  return code;
}

int main(void) {
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  uint64_t sum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    fill(src, &seed, round & 3);
    uint64_t s_sum = 0;
    uint32_t s_xor = 0;
    for (long i = 0; i < N; i++) { s_sum += src[i]; s_xor ^= src[i]; }

    memcpy(qa, src, sizeof src);
    memcpy(ma, src, sizeof src);
    if (memcmp(qa, src, sizeof src) || memcmp(ma, src, sizeof src)) return fail("memcpy", round, 1);

    quicksort(qa, N);
    mergesort(ma, tmp, N);

    uint64_t q_sum = 0;
    uint32_t q_xor = 0;
    for (long i = 0; i < N; i++) {
      if (i && qa[i - 1] > qa[i]) return fail("quicksort order", round, 2);
      q_sum += qa[i];
      q_xor ^= qa[i];
    }
    if (q_sum != s_sum || q_xor != s_xor) return fail("quicksort contents", round, 3);
    if (memcmp(qa, ma, sizeof qa)) return fail("mergesort differs", round, 4);

    for (long i = 0; i < N; i += 97) sum = (sum ^ qa[i]) * 0x100000001b3ull;
    sum += s_sum;
  }

  int ok = sum == EXPECT_SUM;
  out_str(ok ? "memsort: ok sum=" : "memsort: FAIL sum=");
  out_hex(sum);
  if (!ok) { out_str(" expected "); out_hex(EXPECT_SUM); }
  out_end();
  return ok ? 0 : 5;
}
