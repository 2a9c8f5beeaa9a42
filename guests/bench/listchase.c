/* listchase: pointer chasing. 2^14 nodes of 64 bytes (one cache line each; 1 MiB, about 20x a
   host L1d) are linked into one cycle in a pseudo-random order (Fisher-Yates shuffle), then walked
   many times; every load depends on the previous one. Checks: each walk returns to its start after exactly
   N steps, and sums the values of all nodes (compared with a linear scan). The final checksum
   must also equal a constant recomputed natively (`make hostcheck`). */
#include "lib.h"

#ifndef PASSES
#define PASSES 6000
#endif
/* Size note: 1 MiB is 256 guest pages, exactly what QEMU 7.2's softmmu TLB holds by default (it is
   only resized on flushes, which a bare-metal guest never does). At 2 MiB and beyond QEMU misses
   its TLB on most loads and runs this loop about 6-10x slower; that measures QEMU's TLB, not
   interpretation speed, so the list stays at 1 MiB. */
#ifndef LIST_LOG2
#define LIST_LOG2 14
#endif
#define N (1u << LIST_LOG2)
#define EXPECT_SUM 0x2248e83f7e1423f9ull

struct node {
  struct node *next;
  uint64_t value;
  uint64_t pad[6];
};

static struct node nodes[N];
static uint32_t order[N];

int main(void) {
  uint64_t seed = 0x2545f4914f6cdd1dull;
  for (uint32_t i = 0; i < N; i++) order[i] = i;
  for (uint32_t i = N - 1; i > 0; i--) {
    uint32_t j = (uint32_t)(rng_next(&seed) % (i + 1));
    uint32_t t = order[i]; order[i] = order[j]; order[j] = t;
  }
  uint64_t total = 0;
  for (uint32_t i = 0; i < N; i++) {
    struct node *n = &nodes[order[i]];
    n->next = &nodes[order[(i + 1) % N]];
    n->value = rng_next(&seed) >> 20;
    for (int k = 0; k < 6; k++) n->pad[k] = 0;
  }
  for (uint32_t i = 0; i < N; i++) total += nodes[i].value;

  uint64_t sum = 0;
  struct node *start = &nodes[order[0]];
  for (int pass = 0; pass < PASSES; pass++) {
    struct node *p = start;
    uint64_t s = 0;
    uint32_t steps = 0;
    do {
      s += p->value;
      p = p->next;
      steps++;
    } while (p != start);
    if (steps != N || s != total) {
      out_str("listchase: FAIL pass ");
      out_dec((uint64_t)pass);
      out_end();
      return 1;
    }
    /* start the next walk somewhere else along the cycle, found by chasing too */
    for (uint32_t k = 0; k < 1 + (pass & 63); k++) start = start->next;
    sum = (sum ^ s) * 0x100000001b3ull + (uint64_t)(start - nodes);
  }

  int ok = sum == EXPECT_SUM;
  out_str(ok ? "listchase: ok sum=" : "listchase: FAIL sum=");
  out_hex(sum);
  if (!ok) { out_str(" expected "); out_hex(EXPECT_SUM); }
  out_end();
  return ok ? 0 : 5;
}
