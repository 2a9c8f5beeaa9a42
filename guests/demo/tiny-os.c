/* tiny-os: a small S-mode kernel, the test that a way of running a kernel (rvisor's kernel
   mode, its coming classic trap-and-emulate mode, QEMU with OpenSBI) gives it the supervisor
   architecture it expects. It boots like Linux (S-mode at 0x8020_0000, a0 = hart id, SBI for
   console, timer, IPI and shutdown; start.S, print.c and platform-s.c from the demo library),
   then, in order:
     1. reads supervisor CSRs back after WARL writes: sscratch, sepc (bit 0), scause, stval,
        sie/sip masks, scounteren, senvcfg, sstatus, stvec's modes;
     2. turns Sv39 on: the image in one 2 MiB megapage, a pool of 4 KiB pages above it, all
        identity-mapped and global; an alias page proves translation is on; satp ignores a
        reserved mode and, here, Sv48;
     3. takes a supervisor software interrupt it raises itself (csrs sip) and one it sends
        itself with sbi_send_ipi, both through vector 1 of a vectored stvec;
     4. runs three user processes at once, each with its own page table and ASID (1-3), its
        text copied from the kernel image into fresh pages (user VA != PA), private data at the
        same VAs and a page demand-mapped on first touch, switching on yield (tiny-os-entry.S:
        the sscratch trap entry, sret with SPP = U);
     5. runs one process at a time, reusing ASID 1 (sfence.vma x0, asid): A/D bits the hart sets
        on a load and a store; kills for a store to a read-only page, a store after mprotect
        (sfence.vma va, asid), a fetch from a no-execute page, a load from an execute-only one,
        csrr sstatus and sret in U, a load from a kernel page; the kernel's own loads from user
        pages with SUM and MXR clear and set (faults skipped by a fixup); cycle/time/instret from
        U with scounteren 7, then 0 (illegal instructions, reported and skipped); write() from
        bad pointers refused;
     6. preempts with the timer (sbi_set_timer, sie.STIE, vector 5): a sleeper alone while the
        kernel idles in wfi, then a CPU-bound spinner beside a sleeper, killed once it is alone
        and was preempted SPINNER_PREEMPTIONS times. These processes have no ASID: every switch
        to one writes satp and does a global sfence.vma.
   Nothing printed depends on instruction timing (the spinner's preemptions are only said to
   reach a floor), so the transcript must be the same byte for byte wherever the architecture
   is implemented the same way. Excerpt:
     csr: sepc <- 0x80200003 reads 0x80200002
     paging: Sv39 on, satp 0x8000000000080400: image in a 2 MiB megapage at 0x80200000, ...
     irq: csrs sip, SSIP with SIE = 1: 1 interrupt, through vector 1
     [1] hello from user mode                                  (a process's write())
     pid 1 'coop': page fault (scause 0xd) at 0x100230: mapped a zeroed page
     pid 4 'ad': after a load, PTE of 0x70000 has A=1 D=0
     pid 9 'csrr-sstatus': killed: scause 0x2, stval 0x10002573
     pid 14 'spinner': preempted at least 8 times, switched away from at least 3 times: killed
     tiny-os: all 48 checks passed
   A failed check prints "FAIL: what" and the run ends with "tiny-os: F of N checks FAILED" and
   SRST reason "system failure"; a kernel trap nobody expected ends it at once. */
#include "demo.h"
#include "tiny-os.h"

#define PAGE 4096ull
#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_U (1ull << 4)
#define PTE_G (1ull << 5)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define SATP_SV39 (8ull << 60)
#define SSTATUS_SPIE (1ull << 5)
#define SSTATUS_SPP (1ull << 8)
#define SSTATUS_SUM (1ull << 18)
#define SSTATUS_MXR (1ull << 19)
#define SIP_SSIP (1ull << 1)
#define SIE_SSIE (1ull << 1)
#define SIP_STIP (1ull << 5)
#define IRQ_S_SOFT 1
#define CAUSE_USER_ECALL 8
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15
#define SBI_EXT_IPI 0x735049

#define KERNEL_BASE 0x80200000ull /* LOAD_ADDR: one 2 MiB megapage */
#define POOL_PA 0x80400000ull     /* free pages, mapped 4 KiB each */
#define POOL_PAGES 64
#define ALIAS_VA 0x80500000ull    /* a kernel VA whose page is a pool page elsewhere */
#define NPROC 3
#define PROC_PAGES 16
#define TICK 10000                /* 1 ms of the 10 MHz timebase */
#define SPINNER_PREEMPTIONS 8

extern char os_vectors[], kprobe_lw_insn[], kprobe_lbu_insn[], _end[];
extern char user_blob_start[], user_blob_end[], user_coop[], user_ad[], user_ro_store[], user_mprotect[],
    user_nx[], user_nx_landing[], user_xo[], user_xo_fn[], user_csr[], user_sret[], user_kernel_page[],
    user_counters[], user_sleeper[], user_spinner[];
void run_user(uint64_t regs[32]);
uint64_t kprobe_lw(uint64_t va);
uint64_t kprobe_lbu(uint64_t va);
volatile uint32_t ssi_vectored; /* counted by tiny-os-entry.S's vector 1 */

enum state { FREE, RUNNABLE, SLEEPING };
struct proc {
  uint64_t regs[32]; /* first: tiny-os-entry.S saves into it; regs[0] = pc */
  enum state state;
  int pid;
  uint64_t asid, satp, l0, counteren, wake;
  const char *name;
  uint64_t pages[PROC_PAGES];
  int npages;
  int catch_illegal, is_spinner;
  uint32_t pte_calls, illegals /* bit i: reads[i] trapped */, preempts, switched_away;
  uint64_t expect_cause, expect_tval; /* 0: must exit(0); else how it must be killed */
};
static struct proc procs[NPROC];
static uint64_t hart, kroot, kernel_satp, loaded_satp, ticks, wfis;
static uint64_t free_pages[POOL_PAGES];
static int nfree, next_pid = 1, last_slot = -1;
static struct proc *preempted;
static volatile int kfault, ssi_taken;
static volatile uint64_t kfault_cause, kfault_tval;
static uint32_t checks, failures;

static void check(int ok, const char *what) {
  checks++;
  if (!ok) {
    failures++;
    out_str("FAIL: ");
    out_str(what);
    out_end();
  }
}

static void sfence_all(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static void sfence_asid(uint64_t asid) { __asm__ volatile("sfence.vma zero, %0" ::"r"(asid) : "memory"); }
static void sfence_page(uint64_t va, uint64_t asid) { __asm__ volatile("sfence.vma %0, %1" ::"r"(va), "r"(asid) : "memory"); }

static uint64_t *pt(uint64_t pa) { return (uint64_t *)(uintptr_t)pa; }
static uint64_t pte_table(uint64_t pa) { return (pa >> 12) << 10 | PTE_V; }
static uint64_t pte_leaf(uint64_t pa, uint64_t perm) { return (pa >> 12) << 10 | perm | PTE_V; }

/* Pages are handed out zeroed; the pool is identity-mapped, so a PA is also the kernel's VA. */
static uint64_t page_alloc(void) {
  if (nfree == 0) {
    out_str("tiny-os: out of pages");
    out_end();
    demo_exit(EXIT_WRONG_RESULT);
  }
  uint64_t pa = free_pages[--nfree];
  for (int i = 0; i < 512; i++) pt(pa)[i] = 0;
  return pa;
}

static void page_free(uint64_t pa) { free_pages[nfree++] = pa; }

/* satp with ASID 0 is used by more than one table (the kernel's, the timer phase's processes),
   so nothing in the TLB tells their translations apart: switching to one flushes everything. */
static void use_satp(uint64_t satp) {
  if (satp == loaded_satp) return;
  csr_write(satp, satp);
  loaded_satp = satp;
  if (((satp >> 44) & 0xffff) == 0) sfence_all();
}

/* A kernel load that may fault: 0 when it did (cause and address in kfault_cause/_tval). */
static int kload(uint64_t va, int word, uint64_t *value) {
  kfault = 0;
  uint64_t v = word ? kprobe_lw(va) : kprobe_lbu(va);
  if (kfault) return 0;
  *value = v;
  return 1;
}

/* Traps taken in S-mode (tiny-os-entry.S): the software interrupt and the kprobe fixups;
   anything else is a kernel bug. */
uint64_t kernel_trap(uint64_t cause, uint64_t epc, uint64_t tval) {
  if (cause == (CAUSE_INTERRUPT | IRQ_S_SOFT)) {
    csr_clear(sip, SIP_SSIP);
    ssi_taken++;
    return epc;
  }
  if ((cause == CAUSE_LOAD_PAGE_FAULT) && (epc == (uintptr_t)kprobe_lw_insn || epc == (uintptr_t)kprobe_lbu_insn)) {
    kfault = 1;
    kfault_cause = cause;
    kfault_tval = tval;
    return epc + 4;
  }
  out_str("tiny-os: unexpected kernel trap: scause ");
  out_hex(cause);
  out_str(", sepc ");
  out_hex(epc);
  out_str(", stval ");
  out_hex(tval);
  out_end();
  demo_exit(EXIT_UNEXPECTED_TRAP);
}

static void print_csr(const char *name, uint64_t wrote, uint64_t read) {
  out_str("csr: ");
  out_str(name);
  out_str(" <- ");
  out_hex(wrote);
  out_str(" reads ");
  out_hex(read);
  out_end();
}

/* Write, read back, print, check: the WARL behaviour a trap-and-emulate hypervisor must copy. */
#define CSR_RW(csr, wrote, expect) do {                                    \
    csr_write(csr, wrote);                                                 \
    uint64_t r_ = csr_read(csr);                                           \
    print_csr(#csr, wrote, r_);                                            \
    check(r_ == (uint64_t)(expect), #csr " reads back as expected");       \
  } while (0)

static void csr_tests(void) {
  CSR_RW(sscratch, 0xfedcba9876543210ull, 0xfedcba9876543210ull);
  csr_write(sscratch, 0); /* 0 = "the kernel is running" for the trap entry */
  CSR_RW(sepc, 0x80200003ull, 0x80200002ull);       /* bit 0 reads 0 (C: bit 1 is kept) */
  CSR_RW(scause, CAUSE_INTERRUPT | 9, CAUSE_INTERRUPT | 9);
  CSR_RW(scause, 13, 13);
  CSR_RW(stval, 0x0123456789abcdefull, 0x0123456789abcdefull);
  CSR_RW(sie, ~0ull, 0x222);                         /* SSIE, STIE, SEIE: what is delegated */
  CSR_RW(sie, 0, 0);
  CSR_RW(sip, ~0ull, SIP_SSIP);                      /* only SSIP is writable from S */
  CSR_RW(sip, 0, 0);
  CSR_RW(scounteren, 0xffffffffull, 0xffffffffull);
  CSR_RW(scounteren, 0, 0);
  /* senvcfg: FIOM must be writable; the Zicbo* fields exist only with those extensions
     (rvisor has none), so only FIOM is checked, though the whole value is printed. */
  csr_write(senvcfg, ~0ull);
  uint64_t env = csr_read(senvcfg);
  print_csr("senvcfg", ~0ull, env);
  check(env & 1, "senvcfg.FIOM writable");
  CSR_RW(senvcfg, 0, 0);
  csr_set(sstatus, SSTATUS_SUM | SSTATUS_MXR | SSTATUS_SPP | SSTATUS_SPIE);
  uint64_t s = csr_read(sstatus);
  out_str("csr: sstatus SUM|MXR|SPP|SPIE set reads those bits as ");
  out_hex(s & (SSTATUS_SUM | SSTATUS_MXR | SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE));
  out_str(", UXL ");
  out_dec((s >> 32) & 3);
  out_end();
  check((s & (SSTATUS_SUM | SSTATUS_MXR | SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE)) == 0xc0120, "sstatus bits set");
  check(((s >> 32) & 3) == 2, "sstatus.UXL = 2 (64-bit U)");
  csr_clear(sstatus, SSTATUS_SUM | SSTATUS_MXR | SSTATUS_SPP | SSTATUS_SPIE);

  /* stvec: vectored (1) and direct (0) exist, a reserved mode write is ignored whole. */
  uint64_t base = (uintptr_t)os_vectors;
  csr_write(stvec, base);
  uint64_t direct = csr_read(stvec);
  csr_write(stvec, base | 2);
  uint64_t reserved = csr_read(stvec);
  csr_write(stvec, base | 1);
  uint64_t vec = csr_read(stvec);
  csr_write(stvec, base);
  out_str("csr: stvec <- vectors+0 reads vectors+");
  out_hex(direct - base);
  out_str(", <- vectors+2 reads vectors+");
  out_hex(reserved - base);
  out_str(", <- vectors+1 reads vectors+");
  out_hex(vec - base);
  out_end();
  check(direct == base && reserved == base && vec == (base | 1), "stvec modes");
}

/* Sv39, identity: root[2] -> L1 (0x8000_0000..0xbfff_ffff) -> [1] the image's megapage, [2] an
   L0 with the pool's pages and, at ALIAS_VA, a second name for one of them. */
static void paging_on(void) {
  for (int i = POOL_PAGES - 1; i >= 0; i--) page_free(POOL_PA + (uint64_t)i * PAGE);
  kroot = page_alloc();
  uint64_t l1 = page_alloc(), l0 = page_alloc(), aliased = page_alloc();
  pt(kroot)[2] = pte_table(l1);
  pt(l1)[1] = pte_leaf(KERNEL_BASE, PTE_R | PTE_W | PTE_X | PTE_G | PTE_A | PTE_D);
  pt(l1)[2] = pte_table(l0);
  for (int i = 0; i < POOL_PAGES; i++) pt(l0)[i] = pte_leaf(POOL_PA + (uint64_t)i * PAGE, PTE_R | PTE_W | PTE_G | PTE_A | PTE_D);
  pt(l0)[(ALIAS_VA >> 12) & 511] = pte_leaf(aliased, PTE_R | PTE_W | PTE_G | PTE_A | PTE_D);
  check((uintptr_t)_end <= KERNEL_BASE + 0x200000, "the image fits its megapage");
  kernel_satp = SATP_SV39 | kroot >> 12;
  use_satp(kernel_satp);
  *(volatile uint64_t *)(uintptr_t)ALIAS_VA = 0x600dcafe;
  int aliased_ok = *(volatile uint64_t *)(uintptr_t)aliased == 0x600dcafe;
  uint64_t satp = csr_read(satp);
  out_str("paging: Sv39 on, satp ");
  out_hex(satp);
  out_str(": image in a 2 MiB megapage at 0x80200000, ");
  out_dec(POOL_PAGES);
  out_str(" pool pages of 4 KiB at 0x80400000, alias at 0x80500000 ");
  out_str(aliased_ok ? "works" : "does not work");
  out_end();
  check(satp == kernel_satp && aliased_ok, "Sv39 on");

  /* satp is WARL: a mode the hart lacks leaves it unchanged. Sv48 is optional, so the table it
     would use maps the kernel too (its entry 0 covers 512 GiB through our Sv39 root). */
  uint64_t s48 = page_alloc();
  pt(s48)[0] = pte_table(kroot);
  csr_write(satp, (1ull << 60) | s48 >> 12);
  uint64_t after_reserved = csr_read(satp);
  csr_write(satp, (9ull << 60) | s48 >> 12);
  uint64_t after_sv48 = csr_read(satp);
  csr_write(satp, kernel_satp);
  sfence_all();
  out_str("csr: satp <- mode 1 (reserved) ");
  out_str(after_reserved == kernel_satp ? "ignored" : "taken");
  out_str(", <- mode 9 (Sv48) ");
  out_str(after_sv48 == kernel_satp ? "ignored" : after_sv48 == ((9ull << 60) | s48 >> 12) ? "taken (Sv48 implemented)" : "garbled");
  out_end();
  check(after_reserved == kernel_satp, "satp keeps its value on a reserved mode");
  check(after_sv48 == kernel_satp || after_sv48 == ((9ull << 60) | s48 >> 12), "satp on Sv48: unchanged or Sv48");
  page_free(s48);
}

/* stvec is vectored only where every exception is one the hart delegates to S (ecalls, page
   faults) and interrupts come through vector 1 or 5: OpenSBI forwards the exceptions it
   takes itself (illegal instructions) to stvec mode bits and all, relying on mepc[0] reading
   0, which QEMU 7.2 does not do. Elsewhere direct mode, as Linux uses. */
static void vectored(int on) { csr_write(stvec, (uintptr_t)os_vectors | (on ? 1 : 0)); }

static void irq_tests(void) {
  vectored(1);
  csr_write(sie, SIE_SSIE);
  csr_set(sstatus, SSTATUS_SIE);
  csr_set(sip, SIP_SSIP); /* pending and enabled: taken at once */
  for (int i = 0; i < 100 && !ssi_taken; i++) __asm__ volatile("nop");
  csr_clear(sstatus, SSTATUS_SIE);
  out_str("irq: csrs sip, SSIP with SIE = 1: ");
  out_dec(ssi_taken);
  out_str(" interrupt, through vector ");
  out_dec(ssi_vectored);
  out_end();
  check(ssi_taken == 1 && ssi_vectored == 1 && !(csr_read(sip) & SIP_SSIP), "SSIP taken once through vector 1");

  /* With SIE = 0 the IPI stays pending until SIE is set. */
  struct sbiret r = sbi_call(SBI_EXT_IPI, 0, 1ull << hart, 0, 0);
  int pending = 0;
  for (int i = 0; i < 100 && !pending; i++) pending = (csr_read(sip) & SIP_SSIP) != 0;
  int before = ssi_taken;
  csr_set(sstatus, SSTATUS_SIE);
  for (int i = 0; i < 100 && ssi_taken == before; i++) __asm__ volatile("nop");
  csr_clear(sstatus, SSTATUS_SIE);
  out_str("irq: sbi_send_ipi to self: error ");
  out_dec((uint64_t)r.error);
  out_str(", sip.SSIP ");
  out_str(pending ? "pending" : "not pending");
  out_str(" with SIE = 0, taken when SIE = 1: ");
  out_str(ssi_taken == 2 && ssi_vectored == 2 ? "yes" : "no");
  out_end();
  check(r.error == 0 && pending && before == 1 && ssi_taken == 2 && ssi_vectored == 2, "IPI to self");
  csr_write(sie, 0);
  vectored(0);
}

static void print_pid(struct proc *p) {
  out_str("pid ");
  out_dec(p->pid);
  out_str(" '");
  out_str(p->name);
  out_str("'");
}

static uint64_t map(struct proc *p, uint64_t va, uint64_t perm) {
  uint64_t pa = page_alloc();
  p->pages[p->npages++] = pa;
  pt(p->l0)[(va >> 12) & 511] = pte_leaf(pa, perm);
  return pa;
}

static void copy_blob(uint64_t pa) {
  for (char *s = user_blob_start; s < user_blob_end; s++) *(char *)(uintptr_t)(pa + (uint64_t)(s - user_blob_start)) = *s;
}

static uint64_t user_va(char *label) { return TEXT_VA + (uint64_t)(label - user_blob_start); }

static struct proc *spawn(const char *name, char *entry, uint64_t asid, uint64_t expect_cause, uint64_t expect_tval) {
  struct proc *p = 0;
  for (int i = 0; i < NPROC && !p; i++)
    if (procs[i].state == FREE) p = &procs[i];
  for (int i = 0; i < 32; i++) p->regs[i] = 0;
  p->npages = 0;
  p->pte_calls = p->illegals = p->preempts = p->switched_away = 0;
  p->catch_illegal = p->is_spinner = 0;
  p->counteren = 0;
  p->name = name;
  p->pid = next_pid++;
  p->asid = asid;
  p->expect_cause = expect_cause;
  p->expect_tval = expect_tval;
  uint64_t root = page_alloc(), l1 = page_alloc();
  p->l0 = page_alloc();
  p->pages[p->npages++] = root;
  p->pages[p->npages++] = l1;
  p->pages[p->npages++] = p->l0;
  pt(root)[2] = pt(kroot)[2]; /* the kernel's mappings, shared: traps arrive on this satp */
  pt(root)[0] = pte_table(l1);
  pt(l1)[0] = pte_table(p->l0);
  copy_blob(map(p, TEXT_VA, PTE_R | PTE_X | PTE_U | PTE_A));
  map(p, DATA_VA, PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
  map(p, STACK_VA, PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
  uint64_t ro = map(p, RO_VA, PTE_R | PTE_U | PTE_A);
  for (int i = 0; i < 512; i++) pt(ro)[i] = RO_PATTERN;
  copy_blob(map(p, NX_VA, PTE_R | PTE_W | PTE_U | PTE_A | PTE_D));
  copy_blob(map(p, XO_VA, PTE_X | PTE_U | PTE_A));
  map(p, AD_VA, PTE_R | PTE_W | PTE_U); /* A = D = 0: the hart sets them */
  p->regs[0] = user_va(entry);
  p->regs[2] = STACK_VA + PAGE;
  p->satp = SATP_SV39 | asid << 44 | root >> 12;
  /* A reused ASID may still have the previous owner's translations in the TLB. */
  if (asid) sfence_asid(asid);
  p->state = RUNNABLE;
  print_pid(p);
  out_str(": spawned, asid ");
  out_dec(asid);
  out_end();
  return p;
}

/* The end of a process, checked against how it was meant to end. */
static void finish(struct proc *p, uint64_t cause, uint64_t value) {
  print_pid(p);
  if (cause == 0) {
    out_str(": exit(");
    out_dec(value);
    out_str(")");
    check(p->expect_cause == 0 && value == 0, "exit(0) as expected");
  } else if (cause == (CAUSE_INTERRUPT | IRQ_S_TIMER)) {
    out_str(": preempted at least " );
    out_dec(SPINNER_PREEMPTIONS);
    out_str(" times, switched away from at least 3 times: killed");
    check(p->expect_cause == cause && p->preempts >= SPINNER_PREEMPTIONS && p->switched_away >= 3, "spinner preempted and killed");
  } else {
    out_str(": killed: scause ");
    out_hex(cause);
    out_str(", stval ");
    out_hex(value);
    check(p->expect_cause == cause && p->expect_tval == value, "killed with the expected scause and stval");
  }
  out_end();
  use_satp(kernel_satp); /* its tables are going */
  for (int i = 0; i < p->npages; i++) page_free(p->pages[i]);
  p->state = FREE;
}

static int live(void) {
  int n = 0;
  for (int i = 0; i < NPROC; i++) n += procs[i].state != FREE;
  return n;
}

static void timer_arm(void) { sbi_set_timer(csr_read(time) + TICK); }

static void tick(void) {
  ticks++;
  for (int i = 0; i < NPROC; i++)
    if (procs[i].state == SLEEPING && ticks >= procs[i].wake) procs[i].state = RUNNABLE;
  timer_arm();
}

/* Nothing runnable: wait for the next tick. SIE stays 0, so the tick is not taken as a trap:
   wfi wakes on sip & sie alone, and the kernel handles it here. */
static void idle(void) {
  while (!(csr_read(sip) & SIP_STIP)) {
    wfi();
    wfis++;
  }
  tick();
}

static int64_t sys_write(struct proc *p, uint64_t buf, uint64_t len) {
  char text[81];
  uint64_t c = 0;
  if (len > 80 || buf >= USER_TOP || len > USER_TOP - buf) return -1;
  csr_set(sstatus, SSTATUS_SUM); /* user pages are off limits to S without SUM */
  uint64_t i = 0;
  for (; i < len && kload(buf + i, 0, &c); i++) text[i] = (char)c;
  csr_clear(sstatus, SSTATUS_SUM);
  if (i < len) {
    print_pid(p);
    out_str(": write() from ");
    out_hex(buf);
    out_str(": the copy faulted (scause ");
    out_hex(kfault_cause);
    out_str("), refused");
    out_end();
    return -1;
  }
  text[i] = 0;
  out_str("[");
  out_dec(p->pid);
  out_str("] ");
  out_str(text);
  out_end();
  return (int64_t)len;
}

/* The PTE of AD_VA after each SYS_PTE: untouched, after a load, after a store. */
static void sys_pte(struct proc *p) {
  static const uint8_t expect[3] = {0, 1, 3};
  uint64_t pte = pt(p->l0)[(AD_VA >> 12) & 511];
  int a = (pte & PTE_A) != 0, d = (pte & PTE_D) != 0;
  print_pid(p);
  out_str(p->pte_calls == 0 ? ": before any access" : p->pte_calls == 1 ? ": after a load" : ": after a store");
  out_str(", PTE of 0x70000 has A=");
  out_dec(a);
  out_str(" D=");
  out_dec(d);
  out_end();
  check(p->pte_calls < 3 && (a | d << 1) == expect[p->pte_calls], "A/D bits as the accesses set them");
  p->pte_calls++;
}

static int64_t sys_mprotect(struct proc *p, uint64_t va, uint64_t writable) {
  uint64_t *pte = &pt(p->l0)[(va >> 12) & 511];
  if (va >= USER_TOP || !(*pte & PTE_V)) return -1;
  *pte = writable ? *pte | PTE_W : *pte & ~PTE_W;
  sfence_page(va, p->asid);
  print_pid(p);
  out_str(": page ");
  out_hex(va & ~(PAGE - 1));
  out_str(writable ? " writable" : " read-only");
  out_str(" now (sfence.vma va, asid)");
  out_end();
  return 0;
}

/* A trap from U; returns 1 when the same process goes on running. */
static int handle_trap(struct proc *p) {
  uint64_t cause = csr_read(scause), tval = csr_read(stval);
  uint64_t *r = p->regs;
  if (cause == (CAUSE_INTERRUPT | IRQ_S_TIMER)) {
    tick();
    p->preempts++;
    preempted = p;
    if (p->is_spinner && p->preempts >= SPINNER_PREEMPTIONS && live() == 1) finish(p, cause, 0);
    return 0;
  }
  if (cause == CAUSE_USER_ECALL) {
    r[0] += 4;
    switch (r[17]) {
    case SYS_WRITE: r[10] = (uint64_t)sys_write(p, r[10], r[11]); return 1;
    case SYS_EXIT: finish(p, 0, r[10]); return 0;
    case SYS_YIELD: return 0;
    case SYS_GETPID: r[10] = (uint64_t)p->pid; return 1;
    case SYS_SLEEP: p->wake = ticks + r[10]; p->state = SLEEPING; return 0;
    case SYS_PTE: sys_pte(p); return 1;
    case SYS_MPROTECT: r[10] = (uint64_t)sys_mprotect(p, r[10], r[11]); return 1;
    case SYS_NOCTR: p->counteren = 0; csr_write(scounteren, 0); return 1;
    default: r[10] = (uint64_t)-1; return 1;
    }
  }
  uint64_t *pte = &pt(p->l0)[(tval >> 12) & 511];
  if ((cause == CAUSE_LOAD_PAGE_FAULT || cause == CAUSE_STORE_PAGE_FAULT) && tval >= LAZY_VA && tval < USER_TOP && !(*pte & PTE_V)) {
    uint64_t pa = page_alloc();
    p->pages[p->npages++] = pa;
    *pte = pte_leaf(pa, PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
    sfence_page(tval, p->asid);
    print_pid(p);
    out_str(": page fault (scause ");
    out_hex(cause);
    out_str(") at ");
    out_hex(tval);
    out_str(": mapped a zeroed page");
    out_end();
    return 1;
  }
  if (cause == CAUSE_ILLEGAL_INSTRUCTION && p->catch_illegal) {
    /* rdcycle, rdtime, rdinstret a0: the instruction bits come in stval */
    static const uint64_t reads[3] = {0xc0002573, 0xc0102573, 0xc0202573};
    print_pid(p);
    out_str(": illegal instruction ");
    out_hex(tval);
    out_str(" with scounteren = 0: skipped");
    out_end();
    for (int i = 0; i < 3; i++)
      if (tval == reads[i]) p->illegals |= 1u << i;
    r[0] += 4;
    return 1;
  }
  finish(p, cause, tval);
  return 0;
}

/* Round robin from the slot after the last one run, until every process is gone. A process
   goes on after a trap that did not block or end it. */
static void schedule(void) {
  struct proc *p = 0;
  last_slot = -1;
  preempted = 0;
  while (live()) {
    if (!p) {
      for (int k = 1; k <= NPROC && !p; k++) {
        struct proc *q = &procs[(last_slot + k) % NPROC];
        if (q->state == RUNNABLE) p = q;
      }
      if (!p) {
        idle();
        continue;
      }
      if (preempted && preempted != p && preempted->state == RUNNABLE) preempted->switched_away++;
      preempted = 0;
      last_slot = (int)(p - procs);
    }
    use_satp(p->satp);
    csr_write(scounteren, p->counteren);
    csr_clear(sstatus, SSTATUS_SPP); /* sret to U */
    csr_set(sstatus, SSTATUS_SPIE);
    run_user(p->regs);
    if (!handle_trap(p)) p = 0;
  }
}

/* The kernel's own loads from a process's pages: SUM gates U pages, MXR makes X pages readable. */
static void kernel_access_tests(struct proc *p) {
  uint64_t v = 0, xo = XO_VA + (uint64_t)(user_xo_fn - user_blob_start);
  use_satp(p->satp);
  int ok = kload(RO_VA, 1, &v);
  out_str("kernel: load from user page 0x40000 with SUM = 0: ");
  out_str(ok ? "succeeded" : "page fault, skipped by the fixup");
  out_end();
  check(!ok && kfault_cause == CAUSE_LOAD_PAGE_FAULT && kfault_tval == RO_VA, "SUM = 0 keeps S out of U pages");
  csr_set(sstatus, SSTATUS_SUM);
  ok = kload(RO_VA, 1, &v);
  out_str("kernel: with SUM = 1 it reads ");
  out_hex(v);
  out_end();
  check(ok && v == (RO_PATTERN & 0xffffffff), "SUM = 1 lets S read U pages");
  ok = kload(xo, 1, &v);
  out_str("kernel: load from execute-only user page with SUM = 1, MXR = 0: ");
  out_str(ok ? "succeeded" : "page fault");
  out_end();
  check(!ok && kfault_tval == xo, "MXR = 0: X pages are not readable");
  csr_set(sstatus, SSTATUS_MXR);
  ok = kload(xo, 1, &v);
  csr_clear(sstatus, SSTATUS_SUM | SSTATUS_MXR);
  out_str("kernel: with MXR = 1 it reads ");
  out_hex(v);
  out_end();
  check(ok && v == *(uint32_t *)user_xo_fn, "MXR = 1: X pages are readable");
}

static void phase(const char *what) {
  out_str("-- ");
  out_str(what);
  out_end();
}

int main(uint64_t hartid, uint64_t dtb) {
  (void)dtb;
  hart = hartid;
  vectored(0);
  /* The timer's reset state is not architectural (with Sstc, stimecmp may start at 0 and STIP
     pending): off until the timer phase, as a kernel's timer setup does. */
  sbi_set_timer(~0ull);
  out_str("tiny-os: S-mode on hart ");
  out_dec(hartid);
  out_end();
  csr_tests();
  paging_on();
  irq_tests();
  int kernel_pages = POOL_PAGES - nfree;

  phase("three processes, own page tables, ASIDs 1-3, cooperative");
  for (uint64_t asid = 1; asid <= 3; asid++) spawn("coop", user_coop, asid, 0, 0);
  schedule();

  phase("one process at a time, ASID 1 reused (sfence.vma x0, asid)");
  kernel_access_tests(spawn("ad", user_ad, 1, 0, 0));
  schedule();
  spawn("ro-store", user_ro_store, 1, CAUSE_STORE_PAGE_FAULT, RO_VA + 8);
  schedule();
  spawn("mprotect", user_mprotect, 1, CAUSE_STORE_PAGE_FAULT, DATA_VA + 8);
  schedule();
  spawn("nx-fetch", user_nx, 1, CAUSE_FETCH_PAGE_FAULT, NX_VA + (uint64_t)(user_nx_landing - user_blob_start));
  schedule();
  spawn("xo", user_xo, 1, CAUSE_LOAD_PAGE_FAULT, XO_VA + (uint64_t)(user_xo_fn - user_blob_start));
  schedule();
  spawn("csrr-sstatus", user_csr, 1, CAUSE_ILLEGAL_INSTRUCTION, 0x10002573);
  schedule();
  spawn("sret", user_sret, 1, CAUSE_ILLEGAL_INSTRUCTION, 0x10200073);
  schedule();
  spawn("kernel-page", user_kernel_page, 1, CAUSE_LOAD_PAGE_FAULT, KERNEL_BASE);
  schedule();
  struct proc *c = spawn("counters", user_counters, 1, 0, 0);
  c->counteren = 7;
  c->catch_illegal = 1;
  schedule();
  check(c->illegals == 7, "cycle, time and instret reads trapped with scounteren = 0");

  phase("timer: sleeper alone (no ASID: global sfence.vma), then a spinner beside a sleeper");
  vectored(1); /* the timer comes through vector 5 */
  csr_set(sie, SIE_STIE);
  timer_arm();
  spawn("sleeper", user_sleeper, 0, 0, 0);
  schedule();
  out_str("idle: the kernel waited in wfi while its only process slept: ");
  out_str(wfis ? "yes" : "no");
  out_end();
  check(wfis > 0, "idle wfi");
  spawn("spinner", user_spinner, 0, CAUSE_INTERRUPT | IRQ_S_TIMER, 0)->is_spinner = 1;
  spawn("sleeper", user_sleeper, 0, 0, 0);
  schedule();
  sbi_set_timer(~0ull); /* off; the pending bit goes with it */
  csr_clear(sie, SIE_STIE);
  vectored(0);
  check(!(csr_read(sip) & SIP_STIP), "no timer interrupt pending with the timer off");
  use_satp(kernel_satp);
  check(POOL_PAGES - nfree == kernel_pages, "every process page freed");

  if (failures) {
    out_str("tiny-os: ");
    out_dec(failures);
    out_str(" of ");
    out_dec(checks);
    out_str(" checks FAILED");
    out_end();
    return EXIT_WRONG_RESULT;
  }
  out_str("tiny-os: all ");
  out_dec(checks);
  out_str(" checks passed");
  out_end();
  return EXIT_PASS;
}
