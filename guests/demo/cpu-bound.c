/* A CPU-bound M-mode guest: ROUNDS sieves of Eratosthenes below SIEVE_LIMIT, each checked
   against the known prime count, so the result checks itself. No interrupts, no device access
   inside the loop: under a hypervisor this is pure guest execution (instructions per second).
   ROUNDS is set at build time (make CPU_BOUND_ROUNDS=n; the default gives ~300 M instructions)
   and lives in .data as `cpu_bound_rounds`, so a loader may also patch it in the image.
   Output: "cpu-bound: <r> rounds, <p> primes below <limit>, <i> instructions, <c> cycles,
   elapsed <t> ticks" (instructions/cycles: minstret/mcycle deltas; ticks: CLINT mtime delta at
   10 MHz), then pass; a wrong count fails with EXIT_WRONG_RESULT. */
#include "demo.h"

#ifndef ROUNDS
#define ROUNDS 300
#endif
#define SIEVE_LIMIT 65536
#define PRIMES_BELOW_LIMIT 6542 /* pi(2^16) */

volatile uint32_t cpu_bound_rounds = ROUNDS;
static uint8_t composite[SIEVE_LIMIT];

static uint32_t sieve(void) {
  for (uint32_t i = 0; i < SIEVE_LIMIT; i++) composite[i] = 0;
  uint32_t count = 0;
  for (uint32_t i = 2; i < SIEVE_LIMIT; i++) {
    if (composite[i]) continue;
    count++;
    for (uint32_t j = i * i; j < SIEVE_LIMIT; j += i) composite[j] = 1;
  }
  return count;
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)hartid;
  (void)dtb;
  uint32_t rounds = cpu_bound_rounds;
  uint64_t t0 = clint_mtime();
  uint64_t c0 = csr_read(mcycle);
  uint64_t i0 = csr_read(minstret);
  uint32_t primes = 0, wrong = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    primes = sieve();
    if (primes != PRIMES_BELOW_LIMIT) wrong++;
  }
  uint64_t i1 = csr_read(minstret);
  uint64_t c1 = csr_read(mcycle);
  uint64_t t1 = clint_mtime();

  out_str("cpu-bound: ");
  out_dec(rounds);
  out_str(" rounds, ");
  out_dec(primes);
  out_str(" primes below ");
  out_dec(SIEVE_LIMIT);
  out_str(", ");
  out_dec(i1 - i0);
  out_str(" instructions, ");
  out_dec(c1 - c0);
  out_str(" cycles, elapsed ");
  out_dec(t1 - t0);
  out_str(" ticks");
  out_end();
  if (wrong) {
    out_str("cpu-bound: FAIL ");
    out_dec(wrong);
    out_str(" rounds miscounted");
    out_end();
    return EXIT_WRONG_RESULT;
  }
  return EXIT_PASS;
}
