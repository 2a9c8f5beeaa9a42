/* smp-m: the SMP checks of firmware mode. Every hart enters at 0x8000_0000 in M-mode with
   a0 = hart id and a1 = the device tree (QEMU virt with -bios none; rvisor's firmware mode);
   start.S (-DSMP) gives each its stack, and every hart runs main. Hart 0 runs the show and is
   the only one that prints; the others follow the same phases, meeting at a barrier between
   them. Each check is one line, `smp-m: <check> ok` or `smp-m: <check>: FAIL ...`:
     check-in   the number of harts N is read from the device tree's /cpus (so it does not
                depend on how soon the harts get to run: deterministic under a hypervisor that
                runs them one after another), then hart 0 waits, bounded, for exactly those N
                harts to check in with an amoadd, each with its own mhartid. Without a usable
                tree it counts check-ins until the count has not grown for STABLE_TICKS, and
                says so ("counted").
     amoadd     every hart adds COUNT_K times with amoadd.w and amoadd.d: exactly N * K.
     lr/sc      every hart increments a plain counter COUNT_K times under an LR/SC lock.
     msip ring  a token goes RING_ROUNDS times around the harts (sorted by hart id): the holder
                bumps it and raises the next hart's msip; each waits in wfi with mie.MSIE and
                clears its own msip in the handler; a wrong or lost token fails (a watchdog on
                the hart's own mtimecmp bounds the wait).
     timer      each hart sets its own mtimecmp (staggered by 1 ms per hart) and takes its own
                machine timer interrupt, not before its deadline, exactly once.
   Then `smp-m: pass` and the finisher (pass, or fail with the code of the first failure).
   Output for N = 2 (the README lists 1 and 4):
     smp-m: check-in: 2 harts (from /cpus), mhartid distinct ok
     smp-m: amoadd.w/d: 2 harts x 10000 = 20000 ok
     smp-m: lr/sc lock: 2 harts x 10000 = 20000 ok
     smp-m: msip ring: 2 harts x 8 rounds = 16 ipis ok
     smp-m: timer: 2 harts, each its own mtimecmp ok
     smp-m: pass */
#include "smp.h"

#define RAM_LO 0x80000000ull
#define RAM_HI 0x100000000ull /* QEMU virt's RAM starts at 2 GiB; the tree is inside it */
#define STABLE_TICKS 1000000ull /* 100 ms without a new check-in: everyone is in */
#define RING_ROUNDS 8
#define TIMER_STEP 10000 /* 1 ms */
#define MIE_MSIE (1u << 3)
#define MIP_MTIP (1u << 7)
#define IRQ_M_SOFT 3
#define NEVER (~0ull)

enum { EXIT_CHECKIN = 6, EXIT_BARRIER = 7, EXIT_RING = 8 };

static volatile uint32_t checked_in;            /* harts that arrived (amoadd) */
static volatile uint64_t arrivals[SMP_MAX_HARTS]; /* their mhartid, in order of arrival */
static volatile uint32_t go;                    /* hart 0 found them all: the phases begin */
static uint32_t n;                              /* N, set by hart 0 before go */
static uint32_t ids[SMP_MAX_HARTS];             /* the hart ids, ascending: index -> hart id */
static struct barrier phase;

static volatile uint32_t count_w, lock;
static volatile uint64_t count_d, count_plain;

enum { PHASE_RING, PHASE_TIMER };
static volatile uint32_t irq_phase;
static volatile uint32_t ring_token; /* the number of the last hop sent */
static volatile uint32_t msi_taken[SMP_MAX_HARTS], turns[SMP_MAX_HARTS], wrong_turn[SMP_MAX_HARTS];
static volatile uint32_t watchdog[SMP_MAX_HARTS];
static volatile uint64_t deadline[SMP_MAX_HARTS];
static volatile uint32_t mti_taken[SMP_MAX_HARTS], early[SMP_MAX_HARTS], still_pending[SMP_MAX_HARTS];

static int fails;
static int first_fail;

static void fail(int code) {
  if (!fails++) first_fail = code;
}

static void on_irq(uint64_t irq) {
  uint64_t h = hart_id();
  if (irq == IRQ_M_SOFT) {
    clint_set_msip(h, 0);
    msi_taken[h]++;
  } else if (irq == IRQ_M_TIMER) {
    clint_set_mtimecmp(h, NEVER);
    if (irq_phase == PHASE_RING) {
      watchdog[h] = 1;
    } else {
      if (now() < deadline[h]) early[h]++;
      mti_taken[h]++;
    }
  } else {
    out_str("smp-m: FAIL unexpected interrupt ");
    out_dec(irq);
    out_str(" on hart ");
    out_dec(h);
    out_end();
    demo_exit(EXIT_UNEXPECTED_TRAP);
  }
}

/* wfi with interrupts globally off, so that one arriving between the test and the wfi still
   wakes it; it is taken once they are on again. */
static void wait_for_change(volatile uint32_t *counter, uint32_t seen) {
  csr_clear(mstatus, MSTATUS_MIE);
  if (*counter == seen) wfi();
  csr_set(mstatus, MSTATUS_MIE);
}

static void sort(uint32_t *a, uint32_t len) {
  for (uint32_t i = 1; i < len; i++)
    for (uint32_t j = i; j > 0 && a[j - 1] > a[j]; j--) {
      uint32_t t = a[j];
      a[j] = a[j - 1];
      a[j - 1] = t;
    }
}

/* Hart 0: who is there. Returns 0, or prints a FAIL line and returns its exit code. */
static int check_in(uint64_t dtb) {
  const char *source = "from /cpus";
  int found = fdt_cpus(dtb, RAM_LO, RAM_HI, ids, SMP_MAX_HARTS);
  if (found > SMP_MAX_HARTS) {
    out_str("smp-m: check-in: FAIL the device tree has ");
    out_dec((uint64_t)found);
    out_str(" harts, this guest handles ");
    out_dec(SMP_MAX_HARTS);
    out_end();
    return EXIT_CHECKIN;
  }
  if (found > 0) {
    n = (uint32_t)found;
    if (!wait_eq32(&checked_in, n)) {
      out_str("smp-m: check-in: FAIL ");
      out_dec(checked_in);
      out_str(" of ");
      out_dec(n);
      out_str(" harts in /cpus checked in");
      out_end();
      return EXIT_CHECKIN;
    }
  } else {
    source = "counted";
    uint32_t c;
    do {
      c = checked_in;
      uint64_t until = now() + STABLE_TICKS;
      while (now() < until && checked_in == c) nap();
    } while (checked_in != c);
    n = c;
    for (uint32_t i = 0; i < n; i++) ids[i] = (uint32_t)arrivals[i];
  }
  sort(ids, n);
  uint32_t seen[SMP_MAX_HARTS];
  for (uint32_t i = 0; i < n; i++) seen[i] = (uint32_t)arrivals[i];
  sort(seen, n);
  for (uint32_t i = 0; i < n; i++) {
    if (seen[i] != ids[i] || (i > 0 && ids[i] == ids[i - 1])) {
      out_str("smp-m: check-in: FAIL the harts that checked in are not the harts in /cpus (or not distinct)");
      out_end();
      return EXIT_CHECKIN;
    }
  }
  out_str("smp-m: check-in: ");
  out_harts(n);
  out_str(" (");
  out_str(source);
  out_str("), mhartid distinct ok");
  out_end();
  return 0;
}

static uint32_t index_of(uint64_t h) {
  for (uint32_t i = 0; i < n; i++)
    if (ids[i] == h) return i;
  return 0; /* not reached: check_in made sure every running hart is in ids */
}

static void ring(uint64_t h, uint32_t index) {
  uint32_t total = RING_ROUNDS * n, seen = 0;
  uint64_t next = ids[(index + 1) % n];
  clint_set_mtimecmp(h, now() + TIMEOUT); /* the watchdog */
  csr_set(mie, MIE_MSIE | MIE_MTIE);
  csr_set(mstatus, MSTATUS_MIE);
  if (index == 0) {
    ring_token = 1;
    __asm__ volatile("fence w,o" ::: "memory"); /* the token before the interrupt */
    clint_set_msip(next, 1);
  }
  while (turns[h] < RING_ROUNDS && !watchdog[h]) {
    wait_for_change(&msi_taken[h], seen);
    if (msi_taken[h] == seen) continue;
    seen = msi_taken[h];
    fence_rw_rw(); /* the token as its sender left it (it fenced it before the msip store) */
    uint32_t token = ring_token;
    if (token % n != index) {
      wrong_turn[h]++;
      continue;
    }
    turns[h]++;
    if (token < total) {
      ring_token = token + 1;
      __asm__ volatile("fence w,o" ::: "memory");
      clint_set_msip(next, 1);
    }
  }
  csr_clear(mstatus, MSTATUS_MIE);
  csr_clear(mie, MIE_MSIE | MIE_MTIE);
  clint_set_mtimecmp(h, NEVER);
}

static void timer(uint64_t h, uint32_t index) {
  uint64_t d = now() + TIMER_STEP * (index + 1);
  deadline[h] = d;
  clint_set_mtimecmp(h, d);
  csr_set(mie, MIE_MTIE);
  csr_set(mstatus, MSTATUS_MIE);
  uint64_t give_up = now() + TIMEOUT;
  while (mti_taken[h] == 0 && now() < give_up) wait_for_change(&mti_taken[h], 0);
  /* A few more loops with interrupts on: a second interrupt would be a timer that did not go off. */
  for (int i = 0; i < 100; i++) __asm__ volatile("nop");
  csr_clear(mstatus, MSTATUS_MIE);
  csr_clear(mie, MIE_MTIE);
  still_pending[h] = (csr_read(mip) & MIP_MTIP) != 0;
}

/* Every hart meets the others here; hart 0 reports a hart that did not come. */
static int meet(uint64_t h, uint32_t *sense) {
  if (barrier_wait(&phase, n, sense)) return 1;
  if (h == 0) {
    out_str("smp-m: FAIL a barrier timed out: not every hart arrived");
    out_end();
  }
  return 0;
}

static void report_count(const char *what, uint64_t got, uint64_t want) {
  out_str("smp-m: ");
  out_str(what);
  out_str(": ");
  out_harts(n);
  out_str(" x ");
  out_dec(COUNT_K);
  out_str(" = ");
  out_dec(n * (uint64_t)COUNT_K);
  if (got == want) {
    out_str(" ok");
  } else {
    out_str(": FAIL got ");
    out_dec(got);
    fail(EXIT_WRONG_RESULT);
  }
  out_end();
}

int main(uint64_t h, uint64_t dtb) {
  irq_hook = on_irq;
  arrivals[amoadd_w(&checked_in, 1)] = h;
  int leader = h == 0;
  if (leader) {
    int code = check_in(dtb);
    if (code) return code;
    go = 1;
  } else if (!wait_eq32(&go, 1)) {
    return 0; /* hart 0 gave up on the check-in: park */
  }
  uint32_t index = index_of(h), sense = 0;

  if (!meet(h, &sense)) return EXIT_BARRIER;
  count_amo(&count_w, &count_d);
  if (!meet(h, &sense)) return EXIT_BARRIER;
  if (leader) {
    uint64_t want = n * (uint64_t)COUNT_K;
    int ok = count_w == want && count_d == want * COUNT_D_STEP;
    report_count("amoadd.w/d", ok ? want : count_w, want);
    if (!ok) {
      out_str("smp-m: amoadd.d sum ");
      out_hex(count_d);
      out_str(", expected ");
      out_hex(want * COUNT_D_STEP);
      out_end();
    }
  }

  count_locked(&lock, &count_plain);
  if (!meet(h, &sense)) return EXIT_BARRIER;
  if (leader) report_count("lr/sc lock", count_plain, n * (uint64_t)COUNT_K);

  irq_phase = PHASE_RING;
  if (!meet(h, &sense)) return EXIT_BARRIER;
  ring(h, index);
  if (!meet(h, &sense)) return EXIT_BARRIER;
  if (leader) {
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++) {
      uint32_t id = ids[i];
      if (turns[id] != RING_ROUNDS || wrong_turn[id] || watchdog[id] || msi_taken[id] != RING_ROUNDS) {
        if (!bad++) {
          out_str("smp-m: msip ring: FAIL hart ");
          out_dec(id);
          out_str(": ");
          out_dec(turns[id]);
          out_str(" turns, ");
          out_dec(msi_taken[id]);
          out_str(" interrupts, ");
          out_dec(wrong_turn[id]);
          out_str(" out of turn");
          if (watchdog[id]) out_str(", timed out");
          out_end();
        }
      }
    }
    if (bad) {
      fail(EXIT_RING);
    } else {
      out_str("smp-m: msip ring: ");
      out_harts(n);
      out_str(" x ");
      out_dec(RING_ROUNDS);
      out_str(" rounds = ");
      out_dec(n * RING_ROUNDS);
      out_str(" ipis ok");
      out_end();
    }
  }

  irq_phase = PHASE_TIMER;
  if (!meet(h, &sense)) return EXIT_BARRIER;
  timer(h, index);
  if (!meet(h, &sense)) return EXIT_BARRIER;
  if (leader) {
    uint32_t bad = 0;
    for (uint32_t i = 0; i < n; i++) {
      uint32_t id = ids[i];
      if (mti_taken[id] != 1 || early[id] || still_pending[id]) {
        if (!bad++) {
          out_str("smp-m: timer: FAIL hart ");
          out_dec(id);
          out_str(": ");
          out_dec(mti_taken[id]);
          out_str(" interrupts, ");
          out_dec(early[id]);
          out_str(" early");
          if (still_pending[id]) out_str(", MTIP still pending");
          out_end();
        }
      }
    }
    if (bad) {
      fail(EXIT_TICK_COUNT);
    } else {
      out_str("smp-m: timer: ");
      out_harts(n);
      out_str(", each its own mtimecmp ok");
      out_end();
    }
    out_str(fails ? "smp-m: FAIL" : "smp-m: pass");
    out_end();
    return fails ? first_fail : EXIT_PASS;
  }
  return 0;
}
