/* Synchronisation and the counter workloads of the SMP guests (see smp.h), built once per
   privilege mode: the clock is mtime in M-mode and the time CSR with -DS_MODE. */
#include "smp.h"

uint64_t now(void) {
#ifdef S_MODE
  return csr_read(time);
#else
  return clint_mtime();
#endif
}

#define NEVER (~0ull)

void nap(void) {
#ifdef S_MODE
  uint64_t sie = csr_read(sie), sstatus = csr_read(sstatus);
  csr_clear(sstatus, SSTATUS_SIE);
  sbi_set_timer(now() + NAP_TICKS);
  csr_write(sie, SIE_STIE);
  wfi();
  sbi_set_timer(NEVER); /* clears STIP */
  csr_write(sie, sie);
  csr_set(sstatus, sstatus & SSTATUS_SIE);
#else
  uint64_t mie = csr_read(mie), mstatus = csr_read(mstatus);
  csr_clear(mstatus, MSTATUS_MIE);
  clint_set_mtimecmp(hart_id(), clint_mtime() + NAP_TICKS);
  csr_write(mie, MIE_MTIE);
  wfi();
  clint_set_mtimecmp(hart_id(), NEVER); /* clears MTIP */
  csr_write(mie, mie);
  csr_set(mstatus, mstatus & MSTATUS_MIE);
#endif
}

static int wait_cond(volatile uint32_t *p, uint32_t want, int at_least) {
  uint64_t deadline = 0;
  for (;;) {
    for (int i = 0; i < SPIN_POLLS; i++) {
      uint32_t v = *p;
      if (at_least ? v >= want : v == want) {
        __asm__ volatile("fence r,rw" ::: "memory"); /* what was written before *p, after it */
        return 1;
      }
    }
    uint64_t t = now();
    if (deadline == 0) deadline = t + TIMEOUT;
    else if (t > deadline) return 0;
    nap();
  }
}

int wait_eq32(volatile uint32_t *p, uint32_t want) {
  return wait_cond(p, want, 0);
}

int wait_ge32(volatile uint32_t *p, uint32_t want) {
  return wait_cond(p, want, 1);
}

int barrier_wait(struct barrier *b, uint32_t n, uint32_t *sense) {
  uint32_t s = *sense ^ 1;
  *sense = s;
  if (amoadd_w(&b->count, 1) == n - 1) {
    b->count = 0;
    /* The reset count before the new sense: a hart that sees the sense may arrive again. */
    __asm__ volatile("fence rw,w" ::: "memory");
    b->sense = s;
    return 1;
  }
  return wait_eq32(&b->sense, s);
}

void lock_acquire(volatile uint32_t *lock) {
  uint32_t busy, failed;
  for (;;) {
    for (int i = 0; *lock != 0; i++)
      if (i % SPIN_POLLS == SPIN_POLLS - 1) nap(); /* its holder may be descheduled */
    __asm__ volatile(
        "lr.w.aq %0, %2\n"
        "bnez %0, 1f\n"
        "sc.w %1, %3, %2\n"
        "j 2f\n"
        "1: li %1, 1\n"
        "2:"
        : "=&r"(busy), "=&r"(failed), "+A"(*lock)
        : "r"(1u)
        : "memory");
    if (!failed) return;
  }
}

void lock_release(volatile uint32_t *lock) {
  __asm__ volatile("amoswap.w.rl zero, zero, %0" : "+A"(*lock) :: "memory");
}

void count_amo(volatile uint32_t *w, volatile uint64_t *d) {
  for (int i = 0; i < COUNT_K; i++) {
    amoadd_w(w, 1);
    amoadd_d(d, COUNT_D_STEP);
  }
}

void count_locked(volatile uint32_t *lock, volatile uint64_t *plain) {
  for (int i = 0; i < COUNT_K; i++) {
    lock_acquire(lock);
    *plain = *plain + 1;
    lock_release(lock);
  }
}

void out_harts(uint64_t count) {
  out_dec(count);
  out_str(count == 1 ? " hart" : " harts");
}

void out_signed(int64_t v) {
  if (v < 0) {
    out_str("-");
    out_dec(-(uint64_t)v);
  } else {
    out_dec((uint64_t)v);
  }
}
