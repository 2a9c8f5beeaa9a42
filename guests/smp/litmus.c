/* litmus: memory-model litmus tests between harts 0 and 1 in firmware mode (M-mode at
   0x8000_0000, every hart enters; harts 2 and up park). Each test runs LITMUS_RUNS times, every
   run on fresh locations x[i], y[i] (zeroed before the test, so no reset has to race with a
   run): both harts meet at a sense-reversing barrier, wait a pseudo-random 0..63 loop turns
   (a 16-bit LFSR per hart, so the same on every run of the guest) to vary how their bodies
   overlap, run their thread (inline assembly: the exact instructions of the test), and record
   what they loaded. Hart 0 then tallies the four outcomes (r0, r1) and prints one line per
   test; an outcome RVWMO forbids is counted as forbidden (the RISC-V unprivileged spec,
   chapter 17 "RVWMO Memory Consistency Model", and its appendix A litmus tests):
     MP+fence.w.w+fence.r.r  hart 0: x = 1; fence w,w; y = 1
                             hart 1: r0 = y; fence r,r; r1 = x         forbidden r0=1,r1=0
     SB+fences               hart 0: x = 1; fence rw,rw; r0 = y
                             hart 1: y = 1; fence rw,rw; r1 = x        forbidden r0=0,r1=0
     LB+fences               hart 0: r0 = x; fence r,w; y = 1
                             hart 1: r1 = y; fence r,w; x = 1          forbidden r0=1,r1=1
     LB+fence+data           hart 0: r0 = x; fence r,w; y = 1
                             hart 1: r1 = y; x = (r1 ^ r1) + 1 (a data dependency: always
                             stores 1, but only after the load)        forbidden r0=1,r1=1
     SB (control)            SB without fences: r0=0,r1=0 is allowed (a store buffer shows
                             it), only counted
   Then `litmus: pass` (no forbidden outcome) and the finisher passes, or `litmus: FAIL ...`.
   The counts of the allowed outcomes depend on timing: only their sum and the forbidden count
   are the same everywhere. With one hart there is nothing to test: `litmus: skipped, ...` and
   a pass.
   The harts overlap only if they run side by side (QEMU with a thread per hart, on a host
   with cores to spare). Where they run in turn (a hypervisor on one host thread, QEMU's
   single-threaded TCG) every outcome is sequentially consistent, and a waiting hart sleeps
   after a few polls so as not to burn its turn: calibrate() tells the two cases apart. Cost
   where the harts run in turn: about 10 K barrier waits of a few hundred instructions, plus
   the calibration (5 ms of mtime of sampling on hart 0, and whatever hart 1 counts meanwhile). */
#include "smp.h"

#ifndef LITMUS_RUNS
#define LITMUS_RUNS 2000
#endif
#define RAM_LO 0x80000000ull
#define RAM_HI 0x100000000ull
#define DELAY_MASK 63

enum { EXIT_FORBIDDEN = 6, EXIT_HARTS = 7 };

enum test { MP, SB_FENCES, LB_FENCES, LB_DATA, SB_PLAIN, TESTS };
static const char *const names[TESTS] = {
    "MP+fence.w.w+fence.r.r", "SB+fences", "LB+fences", "LB+fence+data", "SB (control, no fences)",
};
/* The outcome each test forbids, as r0 | r1 << 1; -1 for the control. */
static const int forbidden[TESTS] = {1, 0, 3, 3, -1};

/* How long a waiter polls before it sleeps: SPIN_PARALLEL polls when the harts run side by
   side, SPIN_SERIAL when the other hart makes no progress while this one polls (a hypervisor
   running the harts in turn, QEMU's single-threaded TCG): there, polling only wastes
   instructions. Which one applies is measured once at the start (calibrate). */
#define SPIN_PARALLEL (1u << 18)
#define SPIN_SERIAL 64
#define CALIBRATION_LOOPS 1000
#define CALIBRATION_TICKS 50000 /* 5 ms */
#define CALIBRATION_CHANGES 200 /* changes hart 0 must see: the other hart ran meanwhile */
#define MIE_MSIE (1u << 3)
#define MIP_MSIP (1u << 3)

static volatile uint32_t x[LITMUS_RUNS], y[LITMUS_RUNS];
/* What each hart loaded in each run: bit 0 its first load, bit 1 its second (MP's hart 1). */
static volatile uint8_t seen0[LITMUS_RUNS], seen1[LITMUS_RUNS];

/* The two harts' barrier: sense reversing, as smp-lib's, but a waiter that has polled `spin`
   times sleeps in wfi and the other hart wakes it with an IPI (its msip) rather than napping
   a fixed time. A hart that slept comes back late (on QEMU with a thread per hart, waking a
   halted hart's thread can take milliseconds), the other then polls in vain and sleeps in its
   turn, and the harts would stay out of step for good, never overlapping: hence the long
   polls when the harts run side by side. The sleeper's flag is taken with amoswap by exactly
   one side, so an IPI is sent only to a hart that waits for it, and the sleeper consumes every
   IPI sent to it. */
static struct {
  volatile uint32_t count, sense;
  volatile uint32_t sleeping[2];
} pair;

static uint32_t amoswap_w(volatile uint32_t *p, uint32_t v) {
  uint32_t old;
  __asm__ volatile("amoswap.w.aqrl %0, %2, %1" : "=r"(old), "+A"(*p) : "r"(v) : "memory");
  return old;
}

static void pair_wait(int me, uint32_t *sense, uint32_t spin) {
  uint32_t s = *sense ^ 1;
  *sense = s;
  if (amoadd_w(&pair.count, 1) == 1) {
    pair.count = 0;
    __asm__ volatile("fence rw,w" ::: "memory");
    pair.sense = s;
    fence_rw_rw();
    if (amoswap_w(&pair.sleeping[me ^ 1], 0)) clint_set_msip((uint64_t)(me ^ 1), 1);
    return;
  }
  for (uint32_t i = 0; i < spin; i++)
    if (pair.sense == s) {
      fence_rw_rw();
      return;
    }
  csr_write(mie, MIE_MSIE); /* wfi wakes for MSIP; mstatus.MIE stays off: no handler */
  amoswap_w(&pair.sleeping[me], 1);
  while (pair.sense != s) wfi();
  if (amoswap_w(&pair.sleeping[me], 0) == 0) {
    /* The other hart took the flag: its IPI is on its way. */
    while (!(csr_read(mip) & MIP_MSIP)) {
    }
  }
  clint_set_msip((uint64_t)me, 0);
  csr_write(mie, 0);
  fence_rw_rw();
}

static volatile uint32_t hart1_here;

static uint32_t lfsr_step(uint32_t s) {
  return (s >> 1) ^ (-(s & 1u) & 0xb400u); /* x^16 + x^14 + x^13 + x^11 + 1, maximal length */
}

static void delay(uint32_t turns) {
  if (turns)
    __asm__ volatile("1: addi %0, %0, -1\n bnez %0, 1b" : "+r"(turns));
}

/* The bodies: a = the hart's first location, b = its second; r = the load (r2 = MP's second). */
#define STORE_FENCE_LOAD(fence)                                                                \
  __asm__ volatile("sw %2, 0(%1)\n" fence "lw %0, 0(%3)" : "=&r"(r) : "r"(a), "r"(one), "r"(b) \
                   : "memory")
#define LOAD_FENCE_STORE(fence)                                                                \
  __asm__ volatile("lw %0, 0(%1)\n" fence "sw %2, 0(%3)" : "=&r"(r) : "r"(a), "r"(one), "r"(b) \
                   : "memory")

/* One run of test t on hart `me` (0 or 1): what it loaded. Hart 0 starts from x, hart 1 from
   y (MP's hart 1 reads the flag y first). */
static uint32_t thread(enum test t, int me, volatile uint32_t *px, volatile uint32_t *py) {
  volatile uint32_t *a = me == 0 ? px : py, *b = me == 0 ? py : px;
  uint32_t r = 0, r2 = 0, one = 1, tmp;
  switch (t) {
  case MP:
    if (me == 0)
      __asm__ volatile("sw %1, 0(%0)\n fence w,w\n sw %1, 0(%2)" : : "r"(px), "r"(one), "r"(py) : "memory");
    else
      __asm__ volatile("lw %0, 0(%2)\n fence r,r\n lw %1, 0(%3)" : "=&r"(r), "=&r"(r2) : "r"(py), "r"(px)
                       : "memory");
    return r | r2 << 1;
  case SB_FENCES:
    STORE_FENCE_LOAD("fence rw,rw\n");
    return r;
  case SB_PLAIN:
    STORE_FENCE_LOAD("");
    return r;
  case LB_FENCES:
    LOAD_FENCE_STORE("fence r,w\n");
    return r;
  case LB_DATA:
    if (me == 0) {
      LOAD_FENCE_STORE("fence r,w\n");
    } else {
      /* The stored value depends on the load (always 1): a syntactic data dependency. */
      __asm__ volatile("lw %0, 0(%2)\n xor %1, %0, %0\n addi %1, %1, 1\n sw %1, 0(%3)"
                       : "=&r"(r), "=&r"(tmp) : "r"(py), "r"(px) : "memory");
    }
    return r;
  default:
    return 0;
  }
}

/* Hart 0: the tally of test t and its line; the number of forbidden outcomes. */
static uint32_t report(enum test t) {
  uint32_t count[4] = {0, 0, 0, 0};
  for (uint32_t i = 0; i < LITMUS_RUNS; i++) {
    uint32_t outcome = t == MP ? seen1[i] : (seen0[i] & 1) | (seen1[i] & 1) << 1;
    count[outcome & 3]++;
  }
  out_str("litmus ");
  out_str(names[t]);
  out_str(": ");
  out_dec(LITMUS_RUNS);
  out_str(" runs");
  static const uint8_t order[4] = {0, 2, 1, 3}; /* (r0, r1) = 00, 01, 10, 11 */
  for (uint32_t k = 0; k < 4; k++) {
    uint32_t o = order[k];
    out_str(", ");
    out_str((o & 1) ? "r0=1" : "r0=0");
    out_str((o & 2) ? ",r1=1: " : ",r1=0: ");
    out_dec(count[o]);
  }
  uint32_t bad = 0;
  if (forbidden[t] < 0) {
    out_str("; relaxed ");
    out_dec(count[0]);
    out_str(" (allowed)");
  } else {
    bad = count[forbidden[t]];
    out_str("; forbidden ");
    out_dec(bad);
  }
  out_end();
  return bad;
}

/* Do the harts run side by side? Hart 1 counts up until told to stop; hart 0, once it has
   seen the count move (so a late wake-up of either hart does not matter), samples it in rounds
   of CALIBRATION_LOOPS for up to CALIBRATION_TICKS: side by side, it soon sees it change
   CALIBRATION_CHANGES times; run in turn, only once per switch between the harts. The answer
   goes to both (the spin of pair_wait). */
static volatile uint32_t calibration_count, calibration_stop, parallel;

static uint32_t calibrate(int me, uint32_t *sense) {
  pair_wait(me, sense, SPIN_SERIAL);
  if (me == 1) {
    while (!calibration_stop) calibration_count = calibration_count + 1;
  } else {
    uint32_t last = 0, changes = 0;
    if (wait_ge32(&calibration_count, 1)) {
      /* For 5 ms of mtime, so that the other hart's host thread being off its CPU for a while
         (QEMU on a busy host) does not make harts that run side by side look serial. */
      uint64_t until = clint_mtime() + CALIBRATION_TICKS;
      while (changes < CALIBRATION_CHANGES && clint_mtime() < until) {
        for (uint32_t i = 0; i < CALIBRATION_LOOPS; i++) {
          uint32_t v = calibration_count;
          if (v != last) changes++;
          last = v;
        }
      }
    }
    parallel = changes >= CALIBRATION_CHANGES;
    calibration_stop = 1;
  }
  pair_wait(me, sense, SPIN_SERIAL);
  return parallel ? SPIN_PARALLEL : SPIN_SERIAL;
}

/* Both harts: every test. Hart 0 zeroes the locations and reports between tests. */
static int run_tests(int me) {
  uint32_t sense = 0, lfsr = me == 0 ? 0xace1u : 0x1d2bu, bad = 0;
  uint32_t spin = calibrate(me, &sense);
  for (int t = 0; t < TESTS; t++) {
    if (me == 0)
      for (uint32_t i = 0; i < LITMUS_RUNS; i++) x[i] = y[i] = 0;
    for (uint32_t i = 0; i < LITMUS_RUNS; i++) {
      pair_wait(me, &sense, spin);
      lfsr = lfsr_step(lfsr);
      delay(lfsr & DELAY_MASK);
      uint32_t r = thread((enum test)t, me, &x[i], &y[i]);
      if (me == 0) seen0[i] = (uint8_t)r;
      else seen1[i] = (uint8_t)r;
    }
    pair_wait(me, &sense, spin);
    if (me == 0) bad += report((enum test)t);
  }
  return (int)bad;
}

int main(uint64_t h, uint64_t dtb) {
  if (h == 1) {
    hart1_here = 1;
    run_tests(1);
    return 0;
  }
  if (h != 0) return 0; /* parks */

  uint32_t ids[SMP_MAX_HARTS];
  int found = fdt_cpus(dtb, RAM_LO, RAM_HI, ids, SMP_MAX_HARTS);
  int has_hart1 = 0;
  for (int i = 0; i < found && i < SMP_MAX_HARTS; i++) has_hart1 |= ids[i] == 1;
  if (found == 1 || (found > 1 && !has_hart1)) {
    out_str("litmus: skipped, the tests need harts 0 and 1 (the device tree lists ");
    out_harts((uint64_t)found);
    out_str(")");
    out_end();
    out_str("litmus: pass");
    out_end();
    return EXIT_PASS;
  }
  /* Hart 1 should be there (or, without a device tree, may be): wait for it, bounded. */
  if (!wait_eq32(&hart1_here, 1)) {
    out_str(found < 0 ? "litmus: skipped, no device tree and no hart 1" : "litmus: FAIL hart 1 did not come");
    out_end();
    out_str(found < 0 ? "litmus: pass" : "litmus: FAIL");
    out_end();
    return found < 0 ? EXIT_PASS : EXIT_HARTS;
  }
  int bad = run_tests(0);
  if (bad) {
    out_str("litmus: FAIL ");
    out_dec((uint64_t)bad);
    out_str(" forbidden outcomes");
    out_end();
    return EXIT_FORBIDDEN;
  }
  out_str("litmus: pass");
  out_end();
  return EXIT_PASS;
}
