/* The tick workload, built three times to show the three ways a guest gets its timer:
     tick-m     (-DTIMER_CLINT) M-mode, firmware style: plain stores to the CLINT's mtimecmp and
                loads of mtime; the machine timer interrupt (mcause 7) through mtvec.
                Under rvisor each access is an MMIO exit (full virtualization).
     tick-s     (-DTIMER_SBI)   S-mode kernel style: sbi_set_timer (EID "TIME", FID 0), time from
                the `time` CSR; the supervisor timer interrupt (scause 5) through stvec.
                Each deadline is one hypercall (paravirtualization).
     tick-sstc  (-DTIMER_SSTC)  S-mode with Sstc: writes stimecmp (CSR 0x14d) itself, no exit
                (hardware assistance). If stimecmp traps (no Sstc, or the firmware left
                menvcfg.STCE clear) it falls back to SBI and says so.
   The workload: TICKS timer interrupts PERIOD time units apart (10 MHz timebase: 10,000 = 1 ms),
   each deadline absolute (start + k * PERIOD, so lateness does not accumulate). Between ticks the
   program does a round of work, then waits with wfi. The handler checks that the interrupt came
   at or after its deadline and records how late it was. After the last tick the timer is turned
   off and the program checks, over QUIET_ROUNDS more rounds of work, that no further interrupt
   comes and that the timer interrupt is no longer pending.
   One summary line, then exit: pass, or fail with EXIT_EARLY_TICK / EXIT_TICK_COUNT. */
#include "demo.h"

#ifndef TICKS
#define TICKS 50
#endif
#ifndef PERIOD
#define PERIOD 10000
#endif
#define QUIET_ROUNDS 16
#define TIMER_OFF (~0ull)
#define CSR_STIMECMP 0x14d /* stimecmp, by number: older assemblers do not know the name */

#if defined(TIMER_CLINT)
#define NAME "tick-m"
#define TIMER_IRQ IRQ_M_TIMER
#define irq_on() csr_set(mstatus, MSTATUS_MIE)
#define irq_off() csr_clear(mstatus, MSTATUS_MIE)
#define timer_irq_enable() csr_set(mie, MIE_MTIE)
#define timer_irq_disable() csr_clear(mie, MIE_MTIE)
#define XIP mip
#define TIMER_PENDING MIE_MTIE
#elif defined(TIMER_SBI) || defined(TIMER_SSTC)
#define TIMER_IRQ IRQ_S_TIMER
#define irq_on() csr_set(sstatus, SSTATUS_SIE)
#define irq_off() csr_clear(sstatus, SSTATUS_SIE)
#define timer_irq_enable() csr_set(sie, SIE_STIE)
#define timer_irq_disable() csr_clear(sie, SIE_STIE)
#define XIP sip
#define TIMER_PENDING SIE_STIE
#ifdef TIMER_SSTC
#define NAME "tick-sstc"
#else
#define NAME "tick-s"
#endif
#else
#error "build with -DTIMER_CLINT, -DTIMER_SBI or -DTIMER_SSTC"
#endif

enum timer_via { VIA_CLINT, VIA_SBI, VIA_SSTC };
static enum timer_via via;
static uint64_t hart;

static volatile uint32_t ticks, early;
static volatile uint64_t deadline, max_lateness, sum_lateness;

static uint64_t now(void) {
#ifdef TIMER_CLINT
  return clint_mtime();
#else
  return csr_read(time);
#endif
}

static void arm(uint64_t when) {
#ifdef TIMER_CLINT
  clint_set_mtimecmp(hart, when);
#else
  if (via == VIA_SSTC)
    csr_write(CSR_STIMECMP, when);
  else
    sbi_set_timer(when);
#endif
}

static void on_irq(uint64_t irq) {
  if (irq != TIMER_IRQ) {
    out_str(NAME ": FAIL unexpected interrupt ");
    out_dec(irq);
    out_end();
    demo_exit(EXIT_UNEXPECTED_TRAP);
  }
  uint64_t t = now();
  uint64_t d = deadline;
  if (t < d) {
    early++;
  } else {
    uint64_t late = t - d;
    sum_lateness += late;
    if (late > max_lateness) max_lateness = late;
  }
  uint32_t n = ++ticks;
  if (n < TICKS) {
    deadline = d + PERIOD;
    arm(d + PERIOD);
  } else {
    /* Done (or an interrupt too many): turn the timer off; the pending bit goes with it. */
    deadline = TIMER_OFF;
    arm(TIMER_OFF);
  }
}

/* A round of work between ticks: a multiplicative hash over a small buffer (~2 K instructions). */
static uint64_t buf[256];
static volatile uint64_t work_sink;

static void work(void) {
  uint64_t h = work_sink;
  for (int i = 0; i < 256; i++) {
    h = (h ^ buf[i]) * 0x100000001b3ull;
    buf[i] = h >> 7;
  }
  work_sink = h;
}

static uint64_t instret(int *ok) {
#ifdef TIMER_CLINT
  *ok = 1;
  return csr_read(minstret);
#else
  return csr_probe(instret, ok); /* needs mcounteren.IR from the firmware / hypervisor */
#endif
}

static const char *via_name(void) {
  switch (via) {
  case VIA_CLINT: return "clint";
  case VIA_SSTC: return "sstc";
  default:
#ifdef TIMER_SSTC
    return "sbi (no sstc)";
#else
    return "sbi";
#endif
  }
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)dtb; /* not needed: the platform is QEMU virt by contract */
  hart = hartid;
#ifdef TIMER_CLINT
  via = VIA_CLINT;
#else
  int time_ok;
  csr_probe(time, &time_ok); /* needs mcounteren.TM */
  if (!time_ok) {
    out_str(NAME ": FAIL the time CSR is not readable in S-mode");
    out_end();
    return EXIT_NO_TIME;
  }
  via = VIA_SBI;
#ifdef TIMER_SSTC
  int sstc_ok;
  csr_probe(CSR_STIMECMP, &sstc_ok); /* Sstc present and menvcfg.STCE set */
  if (sstc_ok) via = VIA_SSTC;
#endif
#endif
  irq_hook = on_irq;

  int instret_ok;
  uint64_t i0 = instret(&instret_ok);
  uint64_t start = now();
  deadline = start + PERIOD;
  arm(start + PERIOD); /* before enabling: mtimecmp/stimecmp may reset to 0, always pending */
  timer_irq_enable();

  uint32_t seen = 0, wfis = 0;
  irq_on();
  while (ticks < TICKS) {
    work();
    /* wfi with interrupts globally off: a tick landing between the test and the wfi still
       wakes it (wfi looks at mie/sie, not at the global enable), and is taken right after. */
    irq_off();
    if (ticks == seen) {
      wfis++;
      wfi();
    }
    irq_on();
    seen = ticks;
  }
  uint64_t end = now();
  uint64_t i1 = instret(&instret_ok);

  /* The timer is off now: nothing more may arrive while interrupts stay enabled for a few more
     rounds of work (no time reads here, so tick-m makes no MMIO exits in this phase), and the
     pending bit must be clear. */
  for (int r = 0; r < QUIET_ROUNDS; r++) work();
  irq_off();
  timer_irq_disable();
  int still_pending = (csr_read(XIP) & TIMER_PENDING) != 0;

  uint32_t n = ticks;
  out_str(NAME ": ");
  out_dec(n);
  /* Lateness in mtime ticks and, beside it, in microseconds of guest time (10 ticks per µs). */
  uint64_t mean = n ? sum_lateness / n : 0;
  out_str(" ticks, max lateness ");
  out_dec(max_lateness);
  out_str(" ticks (");
  out_us(max_lateness);
  out_str(" us), mean lateness ");
  out_dec(mean);
  out_str(" ticks (");
  out_us(mean);
  out_str(" us), elapsed ");
  out_dec(end - start);
  out_str(" ticks, ");
  if (instret_ok)
    out_dec(i1 - i0);
  else
    out_str("?");
  out_str(" instructions, ");
  out_dec(wfis);
  out_str(" wfi, timer ");
  out_str(via_name());
  out_end();

  if (early) {
    out_str(NAME ": FAIL ");
    out_dec(early);
    out_str(" ticks came before their deadline");
    out_end();
    return EXIT_EARLY_TICK;
  }
  if (still_pending) {
    out_str(NAME ": FAIL the timer interrupt is still pending with the timer off");
    out_end();
    return EXIT_TICK_COUNT;
  }
  if (n != TICKS) {
    out_str(NAME ": FAIL expected " );
    out_dec(TICKS);
    out_str(" ticks, got ");
    out_dec(n);
    out_end();
    return EXIT_TICK_COUNT;
  }
  return EXIT_PASS;
}
