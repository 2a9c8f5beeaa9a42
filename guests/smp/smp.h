/* Shared pieces of the SMP guests (smp-m, smp-s, litmus), on top of the demo library
   (../demo: start.S built with -DSMP gives every hart a stack and tp = hart id; print.c,
   trap.c and the platform halves are linked as they are).
     fdt-cpus.c  the hart ids in the device tree's /cpus
     smp-lib.c   bounded waits (that poll, then nap in wfi), a sense-reversing barrier, an
                 LR/SC spinlock and the two counter workloads (amoadd, and a plain counter
                 under the lock)
   Only one hart prints (the one that runs the checks): print.c has a single line buffer. */
#ifndef SMP_H
#define SMP_H
#include "demo.h"

/* start.S covers hart ids 0..SMP_MAX_HARTS-1 (the Makefile passes the same number to both). */
#ifndef SMP_MAX_HARTS
#error "build with -DSMP_MAX_HARTS=n (and the link with STACK_BYTES = n * 16 KiB)"
/* "1 hart", "4 harts". */
void out_harts(uint64_t count);
/* A signed decimal (SBI error codes). */
void out_signed(int64_t v);

#endif

/* The hart we are on: start.S put the hart id in tp, which nothing else touches (no TLS). */
static inline uint64_t hart_id(void) {
  uint64_t v;
  __asm__ volatile("mv %0, tp" : "=r"(v));
  return v;
}

#define fence_rw_rw() __asm__ volatile("fence rw,rw" ::: "memory")

static inline uint32_t amoadd_w(volatile uint32_t *p, uint32_t v) {
  uint32_t old;
  __asm__ volatile("amoadd.w.aqrl %0, %2, %1" : "=r"(old), "+A"(*p) : "r"(v) : "memory");
  return old;
}

static inline uint64_t amoadd_d(volatile uint64_t *p, uint64_t v) {
  uint64_t old;
  __asm__ volatile("amoadd.d.aqrl %0, %2, %1" : "=r"(old), "+A"(*p) : "r"(v) : "memory");
  return old;
}

/* ---- fdt-cpus.c ---------------------------------------------------------------------------- */

/* Reads the flattened device tree at dtb (which must lie in [ram_lo, ram_hi): anything else, or
   a bad header, is "no tree") and stores the reg of every /cpus/cpu@* node whose device_type is
   "cpu" and whose status, if any, is "okay", in order, at most max of them.
   Returns how many it found (it may be more than max), or -1 without a usable tree. */
int fdt_cpus(uint64_t dtb, uint64_t ram_lo, uint64_t ram_hi, uint32_t *ids, int max);

/* ---- smp-lib.c ----------------------------------------------------------------------------- */

/* The platform clock: mtime (M-mode, CLINT) or the time CSR (S-mode), 10 MHz on QEMU virt. */
uint64_t now(void);

/* Sleeps about NAP_TICKS in wfi, woken by the hart's own timer (mtimecmp, or sbi_set_timer in
   S-mode) with interrupts globally off, so no handler runs; the timer is off again after.
   Waits poll SPIN_POLLS times, then nap: a hart that waits for another must let it run where
   harts share a physical CPU (QEMU's single-threaded TCG switches harts on wfi, or every 10 ms;
   a hypervisor may run a VM's harts one after another). Not for use while the phase's own
   test has the timer. */
#define NAP_TICKS 200 /* 20 us */
#define SPIN_POLLS 256
void nap(void);

/* Spins until *p == want; 0 if TIMEOUT ticks pass first (a hart that never comes must not hang
   the run: it becomes a FAIL line). The clock is read between rounds of polls only (in M-mode
   a read of mtime is an MMIO access: a VM exit under rvisor). */
#define TIMEOUT 50000000ull /* 5 s at 10 MHz */
int wait_eq32(volatile uint32_t *p, uint32_t want);
int wait_ge32(volatile uint32_t *p, uint32_t want);

/* A sense-reversing barrier for n harts: each arrival is an amoadd; the last one resets the
   count and flips the sense the others wait for (wait_eq32). `sense` is the caller's own
   (per hart). Returns 0 if the others did not arrive within TIMEOUT. */
struct barrier {
  volatile uint32_t count;
  volatile uint32_t sense;
};
int barrier_wait(struct barrier *b, uint32_t n, uint32_t *sense);

/* A test-and-test-and-set lock from lr.w.aq/sc.w (napping while it is held); released by
   amoswap.w.rl. */
void lock_acquire(volatile uint32_t *lock);
void lock_release(volatile uint32_t *lock);

/* The two counter workloads, run by every hart at once:
   count_amo     COUNT_K times amoadd.w 1 on *w and amoadd.d COUNT_D_STEP on *d (the step has
                 bits in both words, so a 32-bit add or a lost carry shows);
   count_locked  COUNT_K times ++*plain (a plain load and store) under the lock. */
#define COUNT_K 10000
#define COUNT_D_STEP 0x100000001ull
void count_amo(volatile uint32_t *w, volatile uint64_t *d);
void count_locked(volatile uint32_t *lock, volatile uint64_t *plain);

/* "1 hart", "4 harts". */
void out_harts(uint64_t count);
/* A signed decimal (SBI error codes). */
void out_signed(int64_t v);

#endif
