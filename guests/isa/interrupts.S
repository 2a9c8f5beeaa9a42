/* rvisor ISA test: interrupts.
   - CLINT (0x0200_0000, as on QEMU virt/spike): mtimecmp (0x0200_4000) against mtime (0x0200_BFF8)
     drives mip.MTIP (set while mtime >= mtimecmp, cleared by a later mtimecmp; read-only in mip);
     msip (0x0200_0000) drives mip.MSIP (read-only in mip). Both are taken as M interrupts (mcause =
     interrupt bit | 7 / 3) once enabled.
   - An interrupt that is already pending is taken immediately after the CSR write that enables it
     (mstatus.MIE, mie, sstatus.SIE) and right at the target of an MRET that enables it: mepc/sepc =
     the next instruction. Trap entry stacks MIE/SIE as for exceptions.
   - mie writable bits 0xaaa; mip writable from M: SSIP STIP SEIP.
   - rvisor only: priority when several are pending: MSI > MTI > SEI > SSI > STI (MEI needs a PLIC,
     which QEMU's spike machine lacks: not tested), and SEI > SSI > STI among those delegated to S
     (QEMU 7.2 takes the lowest-numbered pending interrupt first, against the spec).
   - SSIP/STIP/SEIP set by M through mip and delegated by mideleg reach S: taken in S only when
     sstatus.SIE = 1, in U always, never in M; not delegated they go to M even from S with
     mstatus.MIE = 0; M interrupts are taken in S/U regardless of mstatus.MIE.
   - Vectored mtvec/stvec: interrupt code n goes to BASE + 4n (exceptions to BASE).
   - WFI returns when an enabled interrupt becomes pending (with MIE = 0: no trap; with MIE = 1 the
     trap's mepc is the instruction after the WFI); WFI in S woken by an M timer interrupt.
   Not here: the PLIC / external interrupts, Sstc, multi-hart IPIs. */
#include "test.h"

/* Poll until the condition holds, at most BOUND times, else fail. The bound is generous (about
   a second of QEMU on this machine): QEMU delivers its timer in real time, and a loaded host can
   hold that back for many milliseconds. The loops read only CSRs and RAM: polling a device here
   would contend for QEMU's device lock with the very timer it waits for. */
#define BOUND 200000000
#define WAIT_IRQS(n) \
  li s2, BOUND; \
80800: la t5, trec; ld t5, TR_IRQ_COUNT(t5); li t6, n; bgeu t5, t6, 80801f; addi s2, s2, -1; \
  bnez s2, 80800b; j fail; \
80801:
#define WAIT_MIP_SET(mask) \
  li s2, BOUND; \
80810: csrr t5, mip; andi t5, t5, mask; bnez t5, 80811f; addi s2, s2, -1; bnez s2, 80810b; j fail; \
80811:
#define WAIT_MIP_CLEAR(mask) \
  li s2, BOUND; \
80820: csrr t5, mip; andi t5, t5, mask; beqz t5, 80821f; addi s2, s2, -1; bnez s2, 80820b; j fail; \
80821:
#define TIMER_OFF    li s1, CLINT_MTIMECMP; li t5, -1; sd t5, 0(s1)
#define TIMER_NOW    li s1, CLINT_MTIMECMP; sd zero, 0(s1)
#define TIMER_IN(d)  li s1, CLINT_MTIME; ld t5, 0(s1); li t6, d; add t5, t5, t6; li s1, CLINT_MTIMECMP; sd t5, 0(s1)
#define MSIP(v)      li s1, CLINT_MSIP; li t5, v; sw t5, 0(s1)
#define CHECK_IRQ_EPC(label) CHECK_MEM_ADDR(trec, TR_IRQ_EPC, label)
#define CHECK_IRQ_STATUS_FIELD(mask, shift, val) \
  LOAD_TREC(t5, TR_IRQ_STATUS); srli t5, t5, shift; andi t5, t5, mask; li t6, val; bne t5, t6, fail
#define CLEAR_VEC la t5, vec_hits; sd zero, 0(t5); sd zero, 8(t5); sd zero, 16(t5); sd zero, 24(t5); \
  sd zero, 32(t5); sd zero, 40(t5); sd zero, 48(t5); sd zero, 56(t5); sd zero, 64(t5); sd zero, 72(t5); \
  sd zero, 80(t5); sd zero, 88(t5)
#define CHECK_VEC(i, hit) la t5, vec_hits; ld t5, 8 * (i)(t5); .if hit; beqz t5, fail; .else; bnez t5, fail; .endif

TEST_BEGIN
  TIMER_OFF; MSIP(0)

  /* ---- mie / mip writable bits ---- */
  TEST(1); li a1, -1; csrw mie, a1; csrr a0, mie; li a2, 0xaaa; and a0, a0, a2; CHECK(a0, 0xaaa)
  csrw mie, zero
  TEST(2); WAIT_MIP_CLEAR(MIP_MTIP); li a1, -1; csrw mip, a1; csrr a0, mip; li a2, 0xaaa; and a0, a0, a2
  CHECK(a0, 0x222); csrw mip, zero; csrr a0, mip; and a0, a0, a2; CHECK(a0, 0)

  /* ---- machine timer ---- */
  TEST(3); TIMER_NOW; WAIT_MIP_SET(MIP_MTIP)
  TEST(4); li a1, MIP_MTIP; csrc mip, a1; csrr a0, mip; andi a0, a0, MIP_MTIP; CHECK(a0, MIP_MTIP)  /* read-only */
  TEST(5); TIMER_OFF; WAIT_MIP_CLEAR(MIP_MTIP)
  TEST(6)       /* a timer interrupt in the future, taken while spinning */
  IRQ_RESET; IRQ_ALLOW; li a1, MIP_MTIP; csrw mie, a1; TIMER_IN(500); csrsi mstatus, MSTATUS_MIE
  WAIT_IRQS(1)
  csrci mstatus, MSTATUS_MIE; CHECK_IRQ_COUNT(1); CHECK_IRQ_LOG(0, 0x300 | IRQ_MTI)
  csrr a0, mie; CHECK(a0, 0)                                   /* the handler disabled it */
  csrr a0, mip; andi a0, a0, MIP_MTIP; CHECK(a0, MIP_MTIP)     /* still pending */
  CHECK_IRQ_STATUS_FIELD(1, 3, 0); CHECK_IRQ_STATUS_FIELD(1, 7, 1); CHECK_IRQ_STATUS_FIELD(3, 11, PRV_M)
  TEST(7); TIMER_OFF; WAIT_MIP_CLEAR(MIP_MTIP)
  TEST(8)       /* pending, then enabled by mstatus.MIE: taken right after the CSR write */
  TIMER_NOW; WAIT_MIP_SET(MIP_MTIP); IRQ_RESET; li a1, MIP_MTIP; csrw mie, a1
  nop; nop; CHECK_IRQ_COUNT(0)                                 /* MIE = 0: not taken */
  IRQ_ALLOW
  csrsi mstatus, MSTATUS_MIE
2:csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_IRQ_EPC(2b); CHECK_IRQ_LOG(0, 0x307)
  TEST(9)       /* pending, MIE = 1, enabled by mie */
  csrsi mstatus, MSTATUS_MIE; IRQ_RESET; li a1, MIP_MTIP
  csrs mie, a1
2:csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_IRQ_EPC(2b)
  TEST(10)       /* enabled by MRET (MPIE = 1) */
  IRQ_RESET; li a1, MIP_MTIP; csrw mie, a1; li a1, MSTATUS_MPP | MSTATUS_MPIE; csrs mstatus, a1
  la a1, 2f; csrw mepc, a1; mret
2:csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_IRQ_EPC(2b)
  TIMER_OFF; WAIT_MIP_CLEAR(MIP_MTIP)

  /* ---- machine software interrupt ---- */
  TEST(11); MSIP(1); WAIT_MIP_SET(MIP_MSIP); li s1, CLINT_MSIP; lw a0, 0(s1); CHECK(a0, 1)
  TEST(12); li a1, MIP_MSIP; csrc mip, a1; csrr a0, mip; andi a0, a0, MIP_MSIP; CHECK(a0, MIP_MSIP)  /* read-only */
  TEST(13); IRQ_RESET; li a1, MIP_MSIP; csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
2:csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_IRQ_EPC(2b); CHECK_IRQ_LOG(0, 0x300 | IRQ_MSI)
  TEST(14); MSIP(0); WAIT_MIP_CLEAR(MIP_MSIP); li s1, CLINT_MSIP; lw a0, 0(s1); CHECK(a0, 0)

  /* ---- delegation of S interrupts ---- */
  TEST(15); li a1, MIP_SSIP | MIP_STIP | MIP_SEIP; csrw mideleg, a1; csrw mie, a1; csrw mip, zero
  li a1, MIP_SSIP; csrs mip, a1; IRQ_RESET
  csrsi mstatus, MSTATUS_MIE | MSTATUS_SIE                  /* delegated: never taken in M */
  nop; nop
  csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
  CHECK_IRQ_COUNT(0)
  TEST(16)       /* in S with SIE = 0: pending; enabling SIE takes it at once */
  GOTO_MODE(PRV_S, 1f)
1:nop; nop
  la t5, trec; ld t5, TR_IRQ_COUNT(t5); bnez t5, fail
  csrsi sstatus, MSTATUS_SIE
2:csrci sstatus, MSTATUS_SIE
  BACK_TO_M
  CHECK_IRQ_COUNT(1); CHECK_IRQ_LOG(0, 0x100 | IRQ_SSI); CHECK_IRQ_EPC(2b)
  CHECK_IRQ_STATUS_FIELD(1, 8, 1); CHECK_IRQ_STATUS_FIELD(1, 5, 1); CHECK_IRQ_STATUS_FIELD(1, 1, 0)
  TEST(17)       /* in U: taken whatever SIE says */
  IRQ_RESET; li a1, MIP_SSIP; csrs mie, a1
  GOTO_MODE(PRV_U, 2f)
2:BACK_TO_M
  CHECK_IRQ_COUNT(1); CHECK_IRQ_LOG(0, 0x100 | IRQ_SSI); CHECK_IRQ_EPC(2b); CHECK_IRQ_STATUS_FIELD(1, 8, 0)
  TEST(18)       /* not delegated: an S interrupt pending in S goes to M, although MIE = 0 */
  csrw mideleg, zero; IRQ_RESET; li a1, MIP_STIP; csrw mie, a1; csrs mip, a1
  GOTO_MODE(PRV_S, 2f)
2:BACK_TO_M
  CHECK_IRQ_COUNT(1); CHECK_IRQ_LOG(0, 0x300 | IRQ_STI); CHECK_IRQ_EPC(2b); CHECK_IRQ_STATUS_FIELD(3, 11, PRV_S)
  csrw mip, zero
  TEST(19)       /* an M interrupt in U with MIE = 0 */
  IRQ_RESET; li a1, MIP_MSIP; csrw mie, a1; MSIP(1); WAIT_MIP_SET(MIP_MSIP)
  GOTO_MODE(PRV_U, 2f)
2:BACK_TO_M
  CHECK_IRQ_COUNT(1); CHECK_IRQ_LOG(0, 0x300 | IRQ_MSI); CHECK_IRQ_EPC(2b); CHECK_IRQ_STATUS_FIELD(3, 11, PRV_U)
  MSIP(0); WAIT_MIP_CLEAR(MIP_MSIP)

  /* ---- vectored mode ---- */
  TEST(20); la a1, mvec; ori a1, a1, 1; csrw mtvec, a1; csrr a0, mtvec; CHECK_REG(a0, a1)
  TEST(21); CLEAR_VEC; IRQ_RESET; li a1, MIP_MSIP; csrw mie, a1; MSIP(1); WAIT_MIP_SET(MIP_MSIP)
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_VEC(IRQ_MSI, 1); CHECK_VEC(0, 0); CHECK_VEC(IRQ_MTI, 0)
  MSIP(0); WAIT_MIP_CLEAR(MIP_MSIP)
  TEST(22); CLEAR_VEC; IRQ_RESET; li a1, MIP_MTIP; csrw mie, a1; TIMER_NOW; WAIT_MIP_SET(MIP_MTIP)
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_VEC(IRQ_MTI, 1); CHECK_VEC(IRQ_MSI, 0)
  TIMER_OFF; WAIT_MIP_CLEAR(MIP_MTIP)
  TEST(23); CLEAR_VEC; li a1, MIP_SSIP; csrw mie, a1; csrs mip, a1; IRQ_RESET    /* S-level to M */
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_VEC(IRQ_SSI, 1)
  csrw mip, zero
  TEST(24); CLEAR_VEC; TEST_TRAP(25, CAUSE_ECALL_M, ecall); CHECK_VEC(0, 1)     /* exceptions: BASE */
  TEST(26); la a1, trap_m; csrw mtvec, a1
  TEST(27); la a1, svec; ori a1, a1, 1; csrw stvec, a1; csrr a0, stvec; CHECK_REG(a0, a1)
  li a1, MIP_SSIP | MIP_STIP | MIP_SEIP; csrw mideleg, a1
  TEST(28); CLEAR_VEC; IRQ_RESET; li a1, MIP_STIP | MIP_SEIP; csrw mie, a1; csrs mip, a1
  GOTO_MODE(PRV_U, 2f)
2:BACK_TO_M
  CHECK_IRQ_COUNT(2); CHECK_VEC(IRQ_SEI, 1); CHECK_VEC(IRQ_STI, 1); CHECK_VEC(IRQ_SSI, 0)
  TEST(29); CLEAR_VEC; IRQ_RESET; li a1, MIP_SSIP; csrw mie, a1; csrw mip, a1
  GOTO_MODE(PRV_U, 2f)
2:BACK_TO_M
  CHECK_IRQ_COUNT(1); CHECK_VEC(IRQ_SSI, 1); CHECK_VEC(IRQ_STI, 0)
  csrw mip, zero; csrw mideleg, zero; la a1, trap_s; csrw stvec, a1

  /* ---- WFI ---- */
  TEST(30)       /* MIE = 0: WFI returns once the timer is pending, no trap */
  IRQ_RESET; li a1, MIP_MTIP; csrw mie, a1; TIMER_IN(2000)
  wfi
  csrr a0, mip; andi a0, a0, MIP_MTIP; CHECK(a0, MIP_MTIP); CHECK_IRQ_COUNT(0)
  TIMER_OFF; WAIT_MIP_CLEAR(MIP_MTIP)
  TEST(31)       /* MIE = 1: the interrupt is taken with mepc = the instruction after the WFI */
  IRQ_RESET; li a1, MIP_MTIP; csrw mie, a1; TIMER_IN(2000); csrsi mstatus, MSTATUS_MIE
  wfi
2:csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(1); CHECK_IRQ_EPC(2b); CHECK_IRQ_LOG(0, 0x307)
  TIMER_OFF; WAIT_MIP_CLEAR(MIP_MTIP)
  TEST(32)       /* WFI in S, woken by the M timer, which traps to M at once */
  IRQ_RESET; li a1, MIP_MTIP; csrw mie, a1; TIMER_IN(2000)
  GOTO_MODE(PRV_S, 1f)
1:wfi
2:BACK_TO_M
  CHECK_IRQ_COUNT(1); CHECK_IRQ_EPC(2b); CHECK_IRQ_LOG(0, 0x307); CHECK_IRQ_STATUS_FIELD(3, 11, PRV_S)
  TIMER_OFF; WAIT_MIP_CLEAR(MIP_MTIP)

  /* ---- rvisor only: priority (QEMU 7.2 takes the lowest-numbered pending interrupt first) ---- */
  SKIP_UNLESS_RVISOR(9f)
  TEST(33)       /* all pending at once, none delegated: MSI MTI SEI SSI STI */
  csrw mideleg, zero; IRQ_RESET; MSIP(1); TIMER_NOW; WAIT_MIP_SET(MIP_MSIP); WAIT_MIP_SET(MIP_MTIP)
  li a1, MIP_SSIP | MIP_STIP | MIP_SEIP; csrs mip, a1
  li a1, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP | MIP_SEIP; csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(5)
  CHECK_IRQ_LOG(0, 0x300 | IRQ_MSI); CHECK_IRQ_LOG(1, 0x300 | IRQ_MTI); CHECK_IRQ_LOG(2, 0x300 | IRQ_SEI)
  CHECK_IRQ_LOG(3, 0x300 | IRQ_SSI); CHECK_IRQ_LOG(4, 0x300 | IRQ_STI)
  TEST(34)       /* the same minus the two highest */
  MSIP(0); TIMER_OFF; WAIT_MIP_CLEAR(MIP_MSIP | MIP_MTIP); IRQ_RESET
  li a1, MIP_MSIP | MIP_MTIP | MIP_SSIP | MIP_STIP | MIP_SEIP; csrw mie, a1
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  CHECK_IRQ_COUNT(3)
  CHECK_IRQ_LOG(0, 0x300 | IRQ_SEI); CHECK_IRQ_LOG(1, 0x300 | IRQ_SSI); CHECK_IRQ_LOG(2, 0x300 | IRQ_STI)
  csrw mip, zero; csrw mie, zero

  csrw mideleg, zero
  li a1, MIP_SSIP | MIP_STIP | MIP_SEIP; csrw mideleg, a1
  TEST(35)       /* priority among delegated ones: SEI SSI STI, taken on the SRET/MRET into S */
  IRQ_RESET; li a1, MIP_SSIP | MIP_STIP | MIP_SEIP; csrw mie, a1; csrs mip, a1
  csrsi mstatus, MSTATUS_SIE
  GOTO_MODE(PRV_S, 2f)
2:csrci sstatus, MSTATUS_SIE
  BACK_TO_M
  CHECK_IRQ_COUNT(3); CHECK_IRQ_EPC(2b)
  CHECK_IRQ_LOG(0, 0x100 | IRQ_SEI); CHECK_IRQ_LOG(1, 0x100 | IRQ_SSI); CHECK_IRQ_LOG(2, 0x100 | IRQ_STI)
  csrw mip, zero
  csrw mideleg, zero; csrw mie, zero
9:
  IRQ_FORBID; csrw mie, zero
  j pass

  /* vector tables: entry n records its hit in vec_hits[n], then joins the common handler */
  CODE_ALIGN(256)
mvec:
  .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  j mvec_\n
  .endr
  .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
mvec_\n:
  csrw mscratch, t6; la t6, vec_hits + 8 * \n; sd t6, 0(t6); csrr t6, mscratch; j trap_m
  .endr
  CODE_ALIGN(256)
svec:
  .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
  j svec_\n
  .endr
  .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
svec_\n:
  csrw sscratch, t6; la t6, vec_hits + 8 * \n; sd t6, 0(t6); csrr t6, sscratch; j trap_s
  .endr
TEST_END

  .data
  .align 3
vec_hits:
  .zero 96
