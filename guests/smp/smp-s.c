/* smp-s: the SMP checks of kernel mode, through SBI v0.2+ (a7 = EID, a6 = FID). Only the boot
   hart enters, in S-mode at 0x8020_0000 with a0 = its hart id and a1 = the device tree (rvisor's
   kernel mode starts hart 0; OpenSBI starts whichever hart won its boot lottery, so nothing
   here assumes hart 0). The harts are the device tree's /cpus (or, without a tree, the ids
   below SMP_MAX_HARTS whose HSM status can be read). The boot hart runs every check and prints
   one line per check, `smp-s: <check> ok` or `smp-s: <check>: FAIL ...`; the others, started
   with HSM hart_start at _start_hart (start.S), wait for commands in a mailbox each and answer
   there. In order:
     sbi     BASE spec version >= 0.2; HSM, IPI, RFENCE, TIME, SRST probed present.
     hsm     get_status: boot hart STARTED, the others STOPPED, an id not in /cpus an invalid
             parameter; hart_start of each other hart with its own opaque value: it checks in
             with a0 = its id, a1 = that value, satp = 0, sstatus.SIE = 0, and its status is
             STARTED; hart_start of a started hart answers ALREADY_AVAILABLE; each other hart
             stops itself (hart_stop; status STOPPED) and starts again with a new opaque value;
             one hart suspends (retentive, type 0): its status is SUSPENDED until the boot hart
             sends it an IPI, then hart_suspend returns SBI_SUCCESS and the IPI is taken.
     ipi     send_ipi to all other harts with hart_mask_base 0, to those with ids >= 1 with base
             1, and to every hart with base -1: each targeted hart takes exactly one supervisor
             software interrupt (sie.SSIE; the handler clears sip.SSIP), the others none.
     rfence  remote_fence_i: the boot hart rewrites a function another hart has already run
             (li a0, 1 -> li a0, 2), fences it remotely, and that hart runs the new code;
             remote_sfence_vma and remote_sfence_vma_asid: that hart runs Sv39 (an identity
             gigapage for RAM and one 4 KiB page at VA 0x20_0000_0000), the boot hart points the
             page's PTE at another physical page and fences the hart remotely, and the hart reads
             the new page's contents.
     timer   each hart sets its own timer with sbi_set_timer (staggered 1 ms per hart) and takes
             its supervisor timer interrupt once, not before the deadline.
     counts  amoadd.w/d and the LR/SC lock, every hart at once, as in smp-m.
     hsm     the other harts stop (hart_stop, status STOPPED).
   With one hart the checks that need another say they are skipped, and the rfence checks run on
   the boot hart itself. Then `smp-s: pass` and SBI SRST shutdown (reason "system failure" after
   a FAIL). Output for 2 harts, booted on hart 0 (the README lists 1 and 4):
     smp-s: boot hart 0, 2 harts (from /cpus) ok
     smp-s: sbi: spec v0.2 or later, HSM, IPI, RFENCE, TIME, SRST present ok
     smp-s: hsm: get_status before hart_start ok
     smp-s: hsm: hart_start of 1 hart: a0, a1, satp = 0, sstatus.SIE = 0, STARTED ok
     smp-s: hsm: hart_start of a started hart: ALREADY_AVAILABLE ok
     smp-s: hsm: hart_stop, STOPPED, hart_start again of 1 hart ok
     smp-s: hsm: hart_suspend retentive on hart 1, woken by an ipi ok
     smp-s: ipi: hart_mask_base 0 ok
     smp-s: ipi: hart_mask_base 1 ok
     smp-s: ipi: hart_mask_base -1 ok
     smp-s: rfence: remote_fence_i, hart 1 runs the new code ok
     smp-s: rfence: remote_sfence_vma, hart 1 sees the new mapping ok
     smp-s: rfence: remote_sfence_vma_asid, hart 1 sees the new mapping ok
     smp-s: timer: 2 harts, sbi_set_timer each ok
     smp-s: amoadd.w/d: 2 harts x 10000 = 20000 ok
     smp-s: lr/sc lock: 2 harts x 10000 = 20000 ok
     smp-s: hsm: hart_stop of 1 hart ok
     smp-s: pass */
#include "smp.h"

#define SBI_EXT_HSM 0x48534D       /* "HSM" */
#define SBI_EXT_IPI 0x735049       /* "sPI" */
#define SBI_EXT_RFENCE 0x52464E43  /* "RFNC" */
#define SBI_BASE_GET_SPEC_VERSION 0
#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_GET_STATUS 2
#define SBI_HSM_HART_SUSPEND 3
#define SBI_HSM_SUSPEND_RETENTIVE 0
#define SBI_IPI_SEND 0
#define SBI_RFENCE_FENCE_I 0
#define SBI_RFENCE_SFENCE_VMA 1
#define SBI_RFENCE_SFENCE_VMA_ASID 2
/* hart_get_status */
#define HSM_STARTED 0
#define HSM_STOPPED 1
#define HSM_SUSPENDED 4
/* sbiret.error */
#define SBI_SUCCESS 0
#define SBI_ERR_INVALID_PARAM (-3)
#define SBI_ERR_ALREADY_AVAILABLE (-6)

#define SIP_SSIP (1u << 1)
#define SIE_SSIE (1u << 1)
#define IRQ_S_SOFT 1
#define SATP_SV39 (8ull << 60)
#define SATP_ASID_SHIFT 44
#define SATP_ASID_MASK 0xffffull
#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
#define PTE_A (1u << 6)
#define PTE_D (1u << 7)
#define PAGE 4096ull
#define TEST_VA 0x2000000000ull /* Sv39: VPN[2] = 0x80, VPN[1] = VPN[0] = 0 */
#define RAM_GIGAPAGE 0x80000000ull
#define ASID 5
#define OPAQUE 0x5a5a000000000000ull /* opaque of hart h's n-th start: OPAQUE | n << 8 | h */
#define TIMER_STEP 10000 /* 1 ms */
#define IPI_WAIT 1000000 /* 100 ms for an IPI to arrive */
#define NEVER (~0ull)

#define RAM_LO 0x80000000ull
#define RAM_HI 0x100000000ull

enum { EXIT_SETUP = 6, EXIT_HSM = 7, EXIT_IPI = 8, EXIT_RFENCE = 9, EXIT_NO_ANSWER = 10 };

extern char _start_hart[];

/* platform-s.c's sbi_call passes three arguments; the RFENCE calls need five. */
static struct sbiret sbi_call5(uint64_t eid, uint64_t fid, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                               uint64_t a4) {
  register uint64_t r_a0 __asm__("a0") = a0;
  register uint64_t r_a1 __asm__("a1") = a1;
  register uint64_t r_a2 __asm__("a2") = a2;
  register uint64_t r_a3 __asm__("a3") = a3;
  register uint64_t r_a4 __asm__("a4") = a4;
  register uint64_t r_a6 __asm__("a6") = fid;
  register uint64_t r_a7 __asm__("a7") = eid;
  __asm__ volatile("ecall"
                   : "+r"(r_a0), "+r"(r_a1)
                   : "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a6), "r"(r_a7)
                   : "memory");
  return (struct sbiret){(long)r_a0, (long)r_a1};
}

/* The status (>= 0) or the error (< 0). */
static long hart_status(uint64_t h) {
  struct sbiret r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, h, 0, 0);
  return r.error ? r.error : r.value;
}

/* ---- the harts ---------------------------------------------------------------------------- */

static uint64_t boot;                     /* the boot hart's id */
static uint32_t n;                        /* number of harts */
static uint32_t ids[SMP_MAX_HARTS];       /* their ids, ascending */
static uint32_t others[SMP_MAX_HARTS], n_others; /* the harts other than the boot hart */

/* What each started hart found at _start_hart, and how many times it came there. */
static volatile uint64_t entry_a1[SMP_MAX_HARTS], entry_satp[SMP_MAX_HARTS], entry_sstatus[SMP_MAX_HARTS];
static volatile uint32_t entries[SMP_MAX_HARTS];

/* Interrupts taken per hart. */
static volatile uint32_t ssi_taken[SMP_MAX_HARTS], ssi_armed[SMP_MAX_HARTS], sti_taken[SMP_MAX_HARTS], sti_early[SMP_MAX_HARTS];
static volatile uint64_t deadline[SMP_MAX_HARTS];

static void on_irq(uint64_t irq) {
  uint64_t h = hart_id();
  if (irq == IRQ_S_SOFT) {
    csr_clear(sip, SIP_SSIP);
    ssi_taken[h]++;
  } else if (irq == IRQ_S_TIMER) {
    if (now() < deadline[h]) sti_early[h]++;
    sbi_set_timer(NEVER);
    sti_taken[h]++;
  } else {
    out_str("smp-s: FAIL unexpected interrupt ");
    out_dec(irq);
    out_str(" on hart ");
    out_dec(h);
    out_end();
    demo_exit(EXIT_UNEXPECTED_TRAP);
  }
}

/* ---- commands: what the boot hart asks another hart to do (or does itself) ---------------- */

enum cmd {
  CMD_STOP,        /* hart_stop; answers first, returns only if the call failed */
  CMD_SUSPEND,     /* hart_suspend retentive with sie.SSIE, then takes the IPI: sbiret.error */
  CMD_IPI_ARM,     /* sie.SSIE and sstatus.SIE on: 1 if an IPI was already pending (stray) */
  CMD_IPI_WAIT,    /* arg: IPIs expected since arming (0 or 1): the number taken; SSIE off */
  CMD_RUN_CODE,    /* calls the code buffer: its result */
  CMD_SV39_ON,     /* satp = Sv39 with ASID, root table: satp as read back */
  CMD_READ_VA,     /* the 64-bit word at TEST_VA */
  CMD_SV39_OFF,    /* satp = 0 */
  CMD_TIMER,       /* arg: delay: sbi_set_timer, wait for the interrupt: interrupts taken */
  CMD_COUNT_AMO,
  CMD_COUNT_LOCK,
};

struct mailbox {
  volatile uint32_t seq, done; /* a command is waiting while they differ */
  volatile uint32_t cmd;
  volatile uint64_t arg, result;
};
static struct mailbox box[SMP_MAX_HARTS];
static volatile uint32_t stop_failed[SMP_MAX_HARTS];

static volatile uint32_t count_w, lock;
static volatile uint64_t count_d, count_plain;

static uint32_t code_buf[2] __attribute__((aligned(8)));
#define INSN_LI_A0(imm) (((uint32_t)(imm) << 20) | 0x00000513u) /* addi a0, zero, imm */
#define INSN_RET 0x00008067u                                    /* jalr zero, 0(ra) */

static uint64_t root_pt[512] __attribute__((aligned(PAGE)));
static uint64_t l1_pt[512] __attribute__((aligned(PAGE)));
static uint64_t l0_pt[512] __attribute__((aligned(PAGE)));
static uint64_t page_a[512] __attribute__((aligned(PAGE)));
static uint64_t page_b[512] __attribute__((aligned(PAGE)));
#define PAGE_A_WORD 0xaaaa0001ull
#define PAGE_B_WORD 0xbbbb0002ull

static uint64_t pte_table(void *next) {
  return ((uint64_t)(uintptr_t)next >> 12) << 10 | PTE_V;
}

static uint64_t pte_leaf(uint64_t pa, uint64_t perms) {
  return (pa >> 12) << 10 | perms | PTE_V | PTE_A;
}

static uint64_t do_cmd(uint64_t h, enum cmd cmd, uint64_t arg) {
  switch (cmd) {
  case CMD_STOP:
    return 0; /* the caller stops after answering */
  case CMD_SUSPEND: {
    csr_clear(sip, SIP_SSIP);
    uint32_t before = ssi_taken[h];
    csr_write(sie, SIE_SSIE);
    struct sbiret r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_RETENTIVE, 0, 0);
    csr_set(sstatus, SSTATUS_SIE); /* the IPI that woke us is taken here */
    uint64_t give_up = now() + IPI_WAIT;
    while (ssi_taken[h] == before && now() < give_up) {
    }
    csr_clear(sstatus, SSTATUS_SIE);
    csr_write(sie, 0);
    return r.error != 0 ? (uint64_t)r.error : ssi_taken[h] == before ? 1 : 0;
  }
  case CMD_IPI_ARM: {
    int stray = (csr_read(sip) & SIP_SSIP) != 0;
    csr_clear(sip, SIP_SSIP);
    ssi_armed[h] = ssi_taken[h];
    csr_set(sie, SIE_SSIE);
    csr_set(sstatus, SSTATUS_SIE);
    return stray;
  }
  case CMD_IPI_WAIT: {
    uint64_t give_up = now() + IPI_WAIT;
    while (ssi_taken[h] - ssi_armed[h] < arg && now() < give_up) {
    }
    csr_clear(sstatus, SSTATUS_SIE);
    csr_clear(sie, SIE_SSIE);
    return ssi_taken[h] - ssi_armed[h];
  }
  case CMD_RUN_CODE:
    return ((uint64_t(*)(void))(uintptr_t)code_buf)();
  case CMD_SV39_ON:
    csr_write(satp, SATP_SV39 | (arg << SATP_ASID_SHIFT) | ((uint64_t)(uintptr_t)root_pt >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    return csr_read(satp);
  case CMD_READ_VA:
    return *(volatile uint64_t *)TEST_VA;
  case CMD_SV39_OFF:
    csr_write(satp, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
    return 0;
  case CMD_TIMER: {
    uint32_t before = sti_taken[h];
    deadline[h] = now() + arg;
    sbi_set_timer(deadline[h]);
    csr_set(sie, SIE_STIE);
    uint64_t give_up = deadline[h] + TIMEOUT;
    while (sti_taken[h] == before && now() < give_up) {
      /* wfi with SIE off: the interrupt wakes it and is taken when SIE is set again */
      if (sti_taken[h] == before) wfi();
      csr_set(sstatus, SSTATUS_SIE);
      csr_clear(sstatus, SSTATUS_SIE);
    }
    csr_set(sstatus, SSTATUS_SIE);
    for (int i = 0; i < 100; i++) __asm__ volatile("nop"); /* room for a second interrupt */
    csr_clear(sstatus, SSTATUS_SIE);
    csr_clear(sie, SIE_STIE);
    return sti_taken[h] - before;
  }
  case CMD_COUNT_AMO:
    count_amo(&count_w, &count_d);
    return 0;
  case CMD_COUNT_LOCK:
    count_locked(&lock, &count_plain);
    return 0;
  }
  return 0;
}

/* A started hart: records how it arrived, then serves its mailbox until told to stop. */
void hart_main(uint64_t h, uint64_t opaque) {
  entry_a1[h] = opaque;
  entry_satp[h] = csr_read(satp);
  entry_sstatus[h] = csr_read(sstatus);
  fence_rw_rw();
  entries[h]++;
  struct mailbox *b = &box[h];
  for (;;) {
    for (int i = 0; b->seq == b->done; i++)
      if (i % SPIN_POLLS == SPIN_POLLS - 1) nap();
    fence_rw_rw();
    enum cmd cmd = (enum cmd)b->cmd;
    b->result = do_cmd(h, cmd, b->arg);
    fence_rw_rw();
    b->done = b->seq;
    if (cmd == CMD_STOP) {
      sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0);
      stop_failed[h] = 1; /* hart_stop returned: it failed */
    }
  }
}

static void post(uint64_t h, enum cmd cmd, uint64_t arg) {
  box[h].cmd = cmd;
  box[h].arg = arg;
  fence_rw_rw();
  box[h].seq = box[h].seq + 1;
}

static int answered(uint64_t h) {
  return wait_eq32(&box[h].done, box[h].seq);
}

static int fails, first_fail;

static void fail(int code) {
  if (!fails++) first_fail = code;
}

/* Prints the FAIL line for a hart that did not answer; the run cannot go on without it. */
static void no_answer(uint64_t h, const char *what) {
  out_str("smp-s: ");
  out_str(what);
  out_str(": FAIL hart ");
  out_dec(h);
  out_str(" did not answer");
  out_end();
  demo_exit(EXIT_NO_ANSWER);
}

/* Runs a command on hart h (the boot hart runs it itself) and returns its result. */
static uint64_t run_on(uint64_t h, enum cmd cmd, uint64_t arg, const char *what) {
  if (h == boot) return do_cmd(h, cmd, arg);
  post(h, cmd, arg);
  if (!answered(h)) no_answer(h, what);
  return box[h].result;
}

/* The same command on every hart at once. */
static void run_on_all(enum cmd cmd, uint64_t (*arg_of)(uint32_t index), uint64_t *results, const char *what) {
  for (uint32_t i = 0; i < n; i++)
    if (ids[i] != boot) post(ids[i], cmd, arg_of ? arg_of(i) : 0);
  for (uint32_t i = 0; i < n; i++)
    if (ids[i] == boot) results[i] = do_cmd(boot, cmd, arg_of ? arg_of(i) : 0);
  for (uint32_t i = 0; i < n; i++) {
    if (ids[i] == boot) continue;
    if (!answered(ids[i])) no_answer(ids[i], what);
    results[i] = box[ids[i]].result;
  }
}

static void line_ok(const char *what) {
  out_str("smp-s: ");
  out_str(what);
  out_str(" ok");
  out_end();
}

/* Starts a FAIL line: the caller adds the details and ends it. */
static void line_fail(const char *what, int code) {
  out_str("smp-s: ");
  out_str(what);
  out_str(": FAIL ");
  fail(code);
}

/* Waits (bounded) until hart h's HSM status is `want`; the last status read. */
static long wait_status(uint64_t h, long want) {
  uint64_t give_up = now() + TIMEOUT;
  long s;
  while ((s = hart_status(h)) != want && now() < give_up) nap();
  return s;
}

/* ---- the checks -------------------------------------------------------------------------- */

static int discover(uint64_t dtb) {
  const char *source = "from /cpus";
  int found = fdt_cpus(dtb, RAM_LO, RAM_HI, ids, SMP_MAX_HARTS);
  if (found > SMP_MAX_HARTS) {
    out_str("smp-s: FAIL the device tree has ");
    out_dec((uint64_t)found);
    out_str(" harts, this guest handles ");
    out_dec(SMP_MAX_HARTS);
    out_end();
    return 0;
  }
  if (found <= 0) {
    source = "from hsm";
    found = 0;
    for (uint32_t h = 0; h < SMP_MAX_HARTS; h++)
      if (hart_status(h) >= 0) ids[found++] = h;
  }
  n = (uint32_t)found;
  for (uint32_t i = 1; i < n; i++)
    for (uint32_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
      uint32_t t = ids[j];
      ids[j] = ids[j - 1];
      ids[j - 1] = t;
    }
  int boot_listed = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (ids[i] >= SMP_MAX_HARTS || (i > 0 && ids[i] == ids[i - 1])) {
      out_str("smp-s: FAIL hart id ");
      out_dec(ids[i]);
      out_str(" is a duplicate or beyond what this guest handles");
      out_end();
      return 0;
    }
    if (ids[i] == boot) boot_listed = 1;
    else others[n_others++] = ids[i];
  }
  out_str("smp-s: boot hart ");
  out_dec(boot);
  out_str(", ");
  out_harts(n);
  out_str(" (");
  out_str(source);
  out_str(")");
  if (!boot_listed) {
    out_str(": FAIL the boot hart is not among them");
    out_end();
    return 0;
  }
  out_str(" ok");
  out_end();
  return 1;
}

static int check_sbi(void) {
  struct sbiret v = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0);
  static const uint64_t eids[] = {SBI_EXT_HSM, SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_TIME, SBI_EXT_SRST};
  static const char *const names[] = {"HSM", "IPI", "RFENCE", "TIME", "SRST"};
  const char *what = "sbi: spec v0.2 or later, HSM, IPI, RFENCE, TIME, SRST present";
  /* spec version: major in bits 30:24, minor in 23:0 */
  if (v.error != 0 || ((v.value >> 24) == 0 && (v.value & 0xffffff) < 2)) {
    line_fail(what, EXIT_SETUP);
    out_str("spec version ");
    out_hex((uint64_t)v.value);
    out_end();
    return 0;
  }
  for (int i = 0; i < 5; i++) {
    if (!sbi_has_extension(eids[i])) {
      line_fail(what, EXIT_SETUP);
      out_str(names[i]);
      out_str(" is missing");
      out_end();
      return 0;
    }
  }
  line_ok(what);
  return 1;
}

/* hart_start of every other hart; each must check in with the values it was given: the k-th
   start of hart h passes OPAQUE | k << 8 | h. */
static int start_others(const char *what) {
  uint32_t starts[SMP_MAX_HARTS];
  for (uint32_t i = 0; i < n_others; i++) {
    uint64_t h = others[i];
    starts[i] = entries[h];
    uint64_t opaque = OPAQUE | (uint64_t)starts[i] << 8 | h;
    struct sbiret r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, h, (uint64_t)(uintptr_t)_start_hart, opaque);
    if (r.error != SBI_SUCCESS) {
      line_fail(what, EXIT_HSM);
      out_str("hart_start(");
      out_dec(h);
      out_str(") error ");
      out_signed(r.error);
      out_end();
      return 0;
    }
  }
  for (uint32_t i = 0; i < n_others; i++) {
    uint64_t h = others[i];
    if (!wait_ge32(&entries[h], starts[i] + 1)) {
      line_fail(what, EXIT_HSM);
      out_str("hart ");
      out_dec(h);
      out_str(" never arrived at its start address with a0 = its id");
      out_end();
      return 0;
    }
    uint64_t expect = OPAQUE | (uint64_t)starts[i] << 8 | h;
    long status = hart_status(h);
    if (entry_a1[h] != expect || entry_satp[h] != 0 || (entry_sstatus[h] & SSTATUS_SIE) || status != HSM_STARTED) {
      line_fail(what, EXIT_HSM);
      out_str("hart ");
      out_dec(h);
      out_str(": a1 ");
      out_hex(entry_a1[h]);
      out_str(" (expected ");
      out_hex(expect);
      out_str("), satp ");
      out_hex(entry_satp[h]);
      out_str(", sstatus ");
      out_hex(entry_sstatus[h]);
      out_str(", status ");
      out_signed(status);
      out_end();
      return 0;
    }
  }
  return 1;
}

static int stop_others(const char *what) {
  for (uint32_t i = 0; i < n_others; i++) run_on(others[i], CMD_STOP, 0, what);
  for (uint32_t i = 0; i < n_others; i++) {
    uint64_t h = others[i];
    long s = wait_status(h, HSM_STOPPED);
    if (s != HSM_STOPPED || stop_failed[h]) {
      line_fail(what, EXIT_HSM);
      out_str("hart ");
      out_dec(h);
      out_str(stop_failed[h] ? ": hart_stop returned" : ": status ");
      if (!stop_failed[h]) out_signed(s);
      out_end();
      return 0;
    }
  }
  return 1;
}

static int check_hsm(void) {
  const char *what = "hsm: get_status before hart_start";
  uint64_t absent = ids[n - 1] + 1; /* an id the device tree does not list */
  long absent_status = hart_status(absent);
  int ok = hart_status(boot) == HSM_STARTED && absent_status == SBI_ERR_INVALID_PARAM;
  for (uint32_t i = 0; i < n_others; i++) ok &= hart_status(others[i]) == HSM_STOPPED;
  if (!ok) {
    line_fail(what, EXIT_HSM);
    out_str("statuses:");
    for (uint32_t i = 0; i < n; i++) {
      out_str(" ");
      out_dec(ids[i]);
      out_str("=");
      out_signed(hart_status(ids[i]));
    }
    out_str(", hart ");
    out_dec(absent);
    out_str(" (absent) ");
    out_signed(absent_status);
    out_end();
    return 0;
  }
  line_ok(what);

  if (n_others) {
    if (!start_others("hsm: hart_start")) return 0;
    out_str("smp-s: hsm: hart_start of ");
    out_harts(n_others);
    out_str(": a0, a1, satp = 0, sstatus.SIE = 0, STARTED ok");
    out_end();
  }

  what = "hsm: hart_start of a started hart: ALREADY_AVAILABLE";
  struct sbiret again = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, n_others ? others[0] : boot,
                                 (uint64_t)(uintptr_t)_start_hart, 0);
  if (again.error != SBI_ERR_ALREADY_AVAILABLE) {
    line_fail(what, EXIT_HSM);
    out_str("error ");
    out_signed(again.error);
    out_end();
    return 0;
  }
  line_ok(what);

  if (!n_others) {
    out_str("smp-s: single hart: hart_start, hart_stop, hart_suspend and ipis to other harts skipped");
    out_end();
    return 1;
  }

  if (!stop_others("hsm: hart_stop")) return 0;
  if (!start_others("hsm: hart_start again")) return 0;
  out_str("smp-s: hsm: hart_stop, STOPPED, hart_start again of ");
  out_harts(n_others);
  out_str(" ok");
  out_end();

  /* Suspend: the hart's status must say SUSPENDED before the IPI that wakes it is sent. */
  uint64_t h = others[0];
  post(h, CMD_SUSPEND, 0);
  long s = wait_status(h, HSM_SUSPENDED);
  struct sbiret r = sbi_call(SBI_EXT_IPI, SBI_IPI_SEND, 1, h, 0);
  if (!answered(h)) no_answer(h, "hsm: hart_suspend");
  uint64_t result = box[h].result;
  long after = hart_status(h);
  if (s != HSM_SUSPENDED || r.error || result != 0 || after != HSM_STARTED) {
    line_fail("hsm: hart_suspend", EXIT_HSM);
    out_str("status while suspended ");
    out_signed(s);
    out_str(", send_ipi error ");
    out_signed(r.error);
    out_str(", hart_suspend error or missed ipi ");
    out_dec(result);
    out_str(", status after ");
    out_signed(after);
    out_end();
    return 0;
  }
  out_str("smp-s: hsm: hart_suspend retentive on hart ");
  out_dec(h);
  out_str(", woken by an ipi ok");
  out_end();
  return 1;
}

/* One send_ipi: `target` says which harts (by index) it should reach. */
static int ipi_case(const char *what, uint64_t mask, uint64_t base, const uint8_t *target) {
  uint64_t stray[SMP_MAX_HARTS], got[SMP_MAX_HARTS], expect_arg[SMP_MAX_HARTS];
  run_on_all(CMD_IPI_ARM, 0, stray, what);
  struct sbiret r = sbi_call(SBI_EXT_IPI, SBI_IPI_SEND, mask, base, 0);
  for (uint32_t i = 0; i < n; i++) {
    expect_arg[i] = target[i];
    uint64_t h = ids[i];
    if (h != boot) post(h, CMD_IPI_WAIT, target[i]);
  }
  for (uint32_t i = 0; i < n; i++) {
    uint64_t h = ids[i];
    got[i] = h == boot ? do_cmd(h, CMD_IPI_WAIT, expect_arg[i]) : (answered(h) ? box[h].result : 99);
  }
  int ok = r.error == 0;
  for (uint32_t i = 0; i < n; i++) ok &= !stray[i] && got[i] == target[i];
  if (!ok) {
    line_fail(what, EXIT_IPI);
    out_str("send_ipi error ");
    out_signed(r.error);
    out_str(", per hart (taken/expected, s = stray):");
    for (uint32_t i = 0; i < n; i++) {
      out_str(" ");
      out_dec(ids[i]);
      out_str(":");
      out_dec(got[i]);
      out_str("/");
      out_dec(target[i]);
      if (stray[i]) out_str("s");
    }
    out_end();
    return 0;
  }
  line_ok(what);
  return 1;
}

static int check_ipi(void) {
  uint8_t target[SMP_MAX_HARTS];
  int ok = 1;
  if (n_others) {
    uint64_t mask = 0;
    for (uint32_t i = 0; i < n; i++) {
      target[i] = ids[i] != boot;
      if (target[i]) mask |= 1ull << ids[i];
    }
    ok &= ipi_case("ipi: hart_mask_base 0", mask, 0, target);
    mask = 0;
    for (uint32_t i = 0; i < n; i++) {
      target[i] = ids[i] != boot && ids[i] >= 1;
      if (target[i]) mask |= 1ull << (ids[i] - 1);
    }
    ok &= ipi_case("ipi: hart_mask_base 1", mask, 1, target);
  }
  for (uint32_t i = 0; i < n; i++) target[i] = 1;
  ok &= ipi_case("ipi: hart_mask_base -1", 0, ~0ull, target);
  return ok;
}

static int check_rfence(void) {
  uint64_t t = n_others ? others[0] : boot; /* the hart that is fenced */
  uint64_t mask = 1, base = t;            /* hart_mask bit 0 at base t: hart t alone */
  const char *what = "rfence: remote_fence_i";

  code_buf[0] = INSN_LI_A0(1);
  code_buf[1] = INSN_RET;
  fence_rw_rw();
  struct sbiret r1 = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, mask, base, 0);
  uint64_t v1 = run_on(t, CMD_RUN_CODE, 0, what);
  code_buf[0] = INSN_LI_A0(2);
  fence_rw_rw();
  struct sbiret r2 = sbi_call(SBI_EXT_RFENCE, SBI_RFENCE_FENCE_I, mask, base, 0);
  uint64_t v2 = run_on(t, CMD_RUN_CODE, 0, what);
  if (r1.error || r2.error || v1 != 1 || v2 != 2) {
    line_fail(what, EXIT_RFENCE);
    out_str("errors ");
    out_signed(r1.error);
    out_str(", ");
    out_signed(r2.error);
    out_str(", hart ");
    out_dec(t);
    out_str(" ran ");
    out_dec(v1);
    out_str(" then ");
    out_dec(v2);
    out_str(" (expected 1 then 2)");
    out_end();
    return 0;
  }
  out_str("smp-s: rfence: remote_fence_i, hart ");
  out_dec(t);
  out_str(" runs the new code ok");
  out_end();

  /* Sv39: RAM as one identity gigapage (so the hart's code, stack and mailbox stay where they
     are), TEST_VA -> page_a through two more levels. */
  page_a[0] = PAGE_A_WORD;
  page_b[0] = PAGE_B_WORD;
  root_pt[RAM_GIGAPAGE >> 30] = pte_leaf(RAM_GIGAPAGE, PTE_R | PTE_W | PTE_X | PTE_D);
  root_pt[(TEST_VA >> 30) & 511] = pte_table(l1_pt);
  l1_pt[(TEST_VA >> 21) & 511] = pte_table(l0_pt);
  l0_pt[(TEST_VA >> 12) & 511] = pte_leaf((uintptr_t)page_a, PTE_R);
  fence_rw_rw();
  uint64_t satp = run_on(t, CMD_SV39_ON, ASID, "rfence: Sv39 on");
  uint64_t asid = (satp >> SATP_ASID_SHIFT) & SATP_ASID_MASK; /* ASIDLEN may be less than 4 bits */
  uint64_t before = run_on(t, CMD_READ_VA, 0, "rfence: Sv39 read");

  static const char *const whats[] = {"rfence: remote_sfence_vma", "rfence: remote_sfence_vma_asid"};
  for (int k = 0; k < 2; k++) {
    /* Swap the page under TEST_VA, then fence the hart's view of that page. */
    uint64_t *now_page = k == 0 ? page_b : page_a;
    uint64_t want = k == 0 ? PAGE_B_WORD : PAGE_A_WORD;
    l0_pt[(TEST_VA >> 12) & 511] = pte_leaf((uintptr_t)now_page, PTE_R);
    fence_rw_rw();
    struct sbiret r = k == 0
        ? sbi_call5(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA, mask, base, TEST_VA, PAGE, 0)
        : sbi_call5(SBI_EXT_RFENCE, SBI_RFENCE_SFENCE_VMA_ASID, mask, base, TEST_VA, PAGE, asid);
    uint64_t seen = run_on(t, CMD_READ_VA, 0, whats[k]);
    if ((satp >> 60) != 8 || before != PAGE_A_WORD || r.error || seen != want) {
      line_fail(whats[k], EXIT_RFENCE);
      out_str("satp ");
      out_hex(satp);
      out_str(", first read ");
      out_hex(before);
      out_str(", error ");
      out_signed(r.error);
      out_str(", read ");
      out_hex(seen);
      out_str(" (expected ");
      out_hex(want);
      out_str(")");
      out_end();
      run_on(t, CMD_SV39_OFF, 0, "rfence: Sv39 off");
      return 0;
    }
    out_str("smp-s: ");
    out_str(whats[k]);
    out_str(", hart ");
    out_dec(t);
    out_str(" sees the new mapping ok");
    out_end();
  }
  run_on(t, CMD_SV39_OFF, 0, "rfence: Sv39 off");
  return 1;
}

static uint64_t timer_delay(uint32_t index) {
  return TIMER_STEP * (uint64_t)(index + 1);
}

static int check_timer(void) {
  uint64_t taken[SMP_MAX_HARTS];
  run_on_all(CMD_TIMER, timer_delay, taken, "timer");
  for (uint32_t i = 0; i < n; i++) {
    if (taken[i] != 1 || sti_early[ids[i]]) {
      line_fail("timer", EXIT_TICK_COUNT);
      out_str("hart ");
      out_dec(ids[i]);
      out_str(": ");
      out_dec(taken[i]);
      out_str(" interrupts, ");
      out_dec(sti_early[ids[i]]);
      out_str(" early");
      out_end();
      return 0;
    }
  }
  out_str("smp-s: timer: ");
  out_harts(n);
  out_str(", sbi_set_timer each ok");
  out_end();
  return 1;
}

static void report_count(const char *what, int ok, uint64_t got) {
  out_str("smp-s: ");
  out_str(what);
  out_str(": ");
  out_harts(n);
  out_str(" x ");
  out_dec(COUNT_K);
  out_str(" = ");
  out_dec(n * (uint64_t)COUNT_K);
  if (ok) {
    out_str(" ok");
  } else {
    out_str(": FAIL got ");
    out_dec(got);
    fail(EXIT_WRONG_RESULT);
  }
  out_end();
}

static void check_counts(void) {
  uint64_t unused[SMP_MAX_HARTS];
  uint64_t want = n * (uint64_t)COUNT_K;
  run_on_all(CMD_COUNT_AMO, 0, unused, "amoadd.w/d");
  report_count("amoadd.w/d", count_w == want && count_d == want * COUNT_D_STEP, count_w);
  run_on_all(CMD_COUNT_LOCK, 0, unused, "lr/sc lock");
  report_count("lr/sc lock", count_plain == want, count_plain);
}

int main(uint64_t hartid, uint64_t dtb) {
  boot = hartid;
  irq_hook = on_irq;
  if (!discover(dtb)) return EXIT_SETUP;
  if (!check_sbi()) return EXIT_SETUP;
  /* A failed HSM check may leave harts in any state: the checks that need them would only
     report the same failure again. */
  if (!check_hsm()) return first_fail;
  check_ipi();
  check_rfence();
  check_timer();
  check_counts();
  if (n_others) {
    if (stop_others("hsm: hart_stop")) {
      out_str("smp-s: hsm: hart_stop of ");
      out_harts(n_others);
      out_str(" ok");
      out_end();
    }
  }
  out_str(fails ? "smp-s: FAIL" : "smp-s: pass");
  out_end();
  return fails ? first_fail : EXIT_PASS;
}
