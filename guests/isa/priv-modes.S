/* rvisor ISA test: privilege modes, delegation and the trap-control bits of mstatus.
   - MRET to S and to U (ECALL from there reports cause 9 / 8; S can read sstatus, U cannot);
     SRET (from M and from S) sets SIE = SPIE, SPIE = 1, SPP = U and returns to SPP's mode.
   - medeleg: bits of exceptions that can happen in S/U are writable;
     delegated exceptions from U and S go to stvec with scause/sepc/stval, SPP and SPIE/SIE set;
     exceptions raised in M-mode are never delegated; with stvec in
     vectored mode exceptions still go to BASE. mideleg: SSI/STI/SEI writable, MSI/MTI/MEI not.
   - sstatus is a view of mstatus: writes reach only SIE SPIE SPP SUM MXR, M-only fields are
     invisible and unchanged. sie/sip are views of mie/mip masked by mideleg (zero where not
     delegated; only SSIP writable through sip).
   - mstatus.TW: WFI in S traps (illegal) when set, completes when clear (with an interrupt pending
     and locally enabled); M-mode ignores TW. TVM: satp accesses and SFENCE.VMA in S trap when set.
     TSR: SRET in S traps when set; M-mode ignores TVM and TSR.
   - CSR privilege: S cannot touch M CSRs, U cannot touch S or M CSRs (illegal, mtval = instruction).
   rvisor only: MRET/SRET to a less-privileged mode clear MPRV (priv 1.12; QEMU 7.2 does not);
   medeleg[11] (ECALL from M) is read-only zero (QEMU 7.2 keeps it writable);
   mstatus.MPP is WARL and does not keep the reserved value 2.
   Not here: interrupt delivery and vectored interrupts (interrupts.S), misa (zicsr.S), translation
   (sv39.S). */
#include "test.h"

/* mstatus field of the recorded status (mstatus for trap_m, sstatus for trap_s) */
#define CHECK_STATUS_FIELD(mask, shift, val) \
  LOAD_TREC(t5, TR_STATUS); srli t5, t5, shift; andi t5, t5, mask; li t6, val; bne t5, t6, fail
#define CSR_BITS(csr) (0x00002573 | ((csr) << 20))     /* csrr a0, csr */

TEST_BEGIN

  /* ---- MRET to S and U ---- */
  TEST_TRAP_IN_MODE(1, PRV_S, CAUSE_ECALL_S, 0, ecall)
  TEST_TRAP_IN_MODE(2, PRV_U, CAUSE_ECALL_U, 0, ecall)
  TEST(3); li a0, -1; RUN_IN_MODE(PRV_S, csrr a0, sstatus); li a1, -1; beq a0, a1, fail
  TEST_TRAP_IN_MODE(4, PRV_U, CAUSE_ILLEGAL, CSR_BITS(0x100), csrr a0, sstatus)
  TEST(5)       /* MRET to M keeps it */
  li a1, MSTATUS_MPRV | MSTATUS_MPP; csrs mstatus, a1; la a1, 1f; csrw mepc, a1; mret
1:csrr a0, mstatus; li a1, MSTATUS_MPRV; and a0, a0, a1; CHECK(a0, MSTATUS_MPRV); csrc mstatus, a1

  /* ---- SRET ---- */
  TEST(6)       /* SRET from M: to SPP = S, SIE = SPIE, SPIE = 1, SPP = U */
  li a1, MSTATUS_SPP | MSTATUS_SPIE; csrs mstatus, a1; csrci mstatus, MSTATUS_SIE
  la a1, 1f; csrw sepc, a1; sret
1:BACK_TO_M; csrr a0, mstatus; li a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP; and a0, a0, a1
  CHECK(a0, MSTATUS_SIE | MSTATUS_SPIE)
  TEST(7); li a1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE; csrs mstatus, a1
  EXPECT_TRAP(2f); la a1, 1f; csrw sepc, a1; sret
1:ecall
2:CHECK_CAUSE(CAUSE_ECALL_S)
  TEST(8)       /* SRET from S to U; SPIE = 0 gives SIE = 0 */
  li a1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE; csrc mstatus, a1; EXPECT_TRAP(2f)
  GOTO_MODE(PRV_S, 3f)
3:la a1, 1f; csrw sepc, a1; csrsi sstatus, MSTATUS_SIE; sret
1:ecall
2:CHECK_CAUSE(CAUSE_ECALL_U); csrr a0, mstatus; li a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP; and a0, a0, a1
  CHECK(a0, MSTATUS_SPIE)
  csrci mstatus, MSTATUS_SIE

  /* ---- medeleg / mideleg ---- */
  TEST(9); li a1, -1; csrw medeleg, a1; csrr a0, medeleg
  li a2, 0xb3ff; and a1, a0, a2; CHECK_REG(a1, a2)               /* 0-9, 12, 13, 15 */
  csrw medeleg, zero; csrr a0, medeleg; CHECK(a0, 0)
  TEST(10); li a1, -1; csrw mideleg, a1; csrr a0, mideleg
  andi a1, a0, 0x222; CHECK(a1, 0x222); li a2, 0x888; and a1, a0, a2; CHECK(a1, 0)
  csrw mideleg, zero; csrr a0, mideleg; li a2, 0xaaa; and a0, a0, a2; CHECK(a0, 0)   /* (QEMU: H's VS bits are read-only 1) */

  TEST(11); li a1, 1 << CAUSE_ILLEGAL; csrw medeleg, a1
  TEST_TRAP_TO_S(12, PRV_U, CAUSE_ILLEGAL, 0xffffffff, .word 0xffffffff)
  TEST_TRAP_TO_S(13, PRV_S, CAUSE_ILLEGAL, 0x30002573, csrr a0, mstatus)
  TEST(14)       /* exceptions in M-mode are not delegated */
  TEST_TRAP_TVAL(15, CAUSE_ILLEGAL, 0, .word 0)
  CHECK_LEVEL(PRV_M)
  TEST(16)       /* SIE -> SPIE, SIE cleared on a trap to S */
  csrsi mstatus, MSTATUS_SIE
  TEST_TRAP_TO_S(17, PRV_S, CAUSE_ILLEGAL, 0, .word 0)
  CHECK_STATUS_FIELD(1, 5, 1); CHECK_STATUS_FIELD(1, 1, 0)
  csrci mstatus, MSTATUS_SIE
  TEST(18); li a1, (1 << CAUSE_ECALL_U) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_LOAD_ACCESS) | (1 << CAUSE_STORE_ACCESS) | (1 << CAUSE_FETCH_ACCESS)
  csrw medeleg, a1
  TEST_TRAP_TO_S(19, PRV_U, CAUSE_ECALL_U, 0, ecall)
  TEST_TRAP_TO_S(20, PRV_U, CAUSE_BREAKPOINT, 0, .option push; .option rvc; c.ebreak; .option pop; .half 1)
  TEST_TRAP_TO_S(21, PRV_S, CAUSE_BREAKPOINT, 0, ebreak)
  li a1, UNMAPPED_ADDR
  TEST_TRAP_TO_S(22, PRV_U, CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 8, ld a0, 8(a1))
  TEST_TRAP_TO_S(23, PRV_S, CAUSE_STORE_ACCESS, UNMAPPED_ADDR, sw a0, 0(a1))
  TEST(24); li a1, UNMAPPED_ADDR; EXPECT_TRAP(2f); GOTO_MODE(PRV_U, 1f)
1:jr a1
2:BACK_TO_M; CHECK_LEVEL(PRV_S); CHECK_CAUSE(CAUSE_FETCH_ACCESS); CHECK_EPC_VAL(UNMAPPED_ADDR)
  CHECK_TVAL(UNMAPPED_ADDR)
  TEST(25)       /* vectored stvec: exceptions still go to BASE */
  la a1, trap_s; ori a1, a1, 1; csrw stvec, a1; csrr a0, stvec; CHECK_REG(a0, a1)
  TEST_TRAP_TO_S(26, PRV_U, CAUSE_ECALL_U, 0, ecall)
  la a1, trap_s; csrw stvec, a1
  TEST(27)       /* not delegated: to M */
  csrw medeleg, zero
  TEST_TRAP_IN_MODE(28, PRV_U, CAUSE_ECALL_U, 0, ecall)

  /* ---- sstatus is a view of mstatus ---- */
  TEST(29); csrw mstatus, zero
  li a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
  csrs mstatus, a1; csrw sstatus, zero; csrr a0, mstatus; and a0, a0, a1; CHECK_REG(a0, a1)
  csrr a0, sstatus; and a0, a0, a1; CHECK(a0, 0)
  csrw mstatus, zero
  TEST(30); li a1, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR; csrw sstatus, a1
  csrr a0, mstatus; and a0, a0, a1; CHECK_REG(a0, a1)
  csrr a0, sstatus; and a0, a0, a1; CHECK_REG(a0, a1)
  li a2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
  csrr a0, mstatus; and a0, a0, a2; CHECK(a0, 0)
  TEST(31); li a1, MSTATUS_SUM; csrc mstatus, a1; csrr a0, sstatus; and a0, a0, a1; CHECK(a0, 0)
  csrw sstatus, zero; csrr a0, mstatus; li a1, 0x7ffff; and a0, a0, a1; li a1, ~MSTATUS_FS & 0x7ffff; and a0, a0, a1; CHECK(a0, 0)
  TEST(32); csrr a0, sstatus; srli a0, a0, 32; andi a0, a0, 3; CHECK(a0, 2)          /* UXL */

  /* ---- sie / sip are views masked by mideleg ---- */
  TEST(33); csrw mideleg, zero; csrw mie, zero; li a1, -1; csrw sie, a1; csrr a0, mie; CHECK(a0, 0)
  csrr a0, sie; CHECK(a0, 0)
  TEST(34); li a1, 0x222; csrw mideleg, a1; li a1, MIP_MTIP | MIP_MSIP; csrw mie, a1
  li a1, -1; csrw sie, a1; csrr a0, mie; li a1, 0xaaa; and a0, a0, a1; CHECK(a0, 0x2aa)
  csrr a0, sie; li a1, 0xaaa; and a0, a0, a1; CHECK(a0, 0x222)
  TEST(35); csrw sie, zero; csrr a0, mie; li a1, 0xaaa; and a0, a0, a1; CHECK(a0, 0x088)
  csrw mie, zero
  TEST(36)       /* sip: SSIP writable, STIP/SEIP only visible */
  csrw mip, zero; csrsi sip, MIP_SSIP; csrr a0, mip; andi a0, a0, 0x222; CHECK(a0, MIP_SSIP)
  csrr a0, sip; andi a0, a0, 0x222; CHECK(a0, MIP_SSIP)
  csrci sip, MIP_SSIP; csrr a0, mip; andi a0, a0, 0x222; CHECK(a0, 0)
  TEST(37); li a1, MIP_STIP | MIP_SEIP; csrs mip, a1; csrr a0, sip; andi a0, a0, 0x222; CHECK(a0, MIP_STIP | MIP_SEIP)
  li a1, MIP_STIP | MIP_SEIP; csrc sip, a1; csrr a0, mip; andi a0, a0, 0x222; CHECK(a0, MIP_STIP | MIP_SEIP)
  TEST(38); li a1, MIP_STIP; csrw mideleg, a1; csrr a0, sip; andi a0, a0, 0x222; CHECK(a0, MIP_STIP)
  csrw mideleg, zero; csrr a0, sip; CHECK(a0, 0)
  csrw mip, zero

  /* ---- TW ---- */
  TEST(39); li a1, MSTATUS_TW; csrs mstatus, a1
  TEST_TRAP_IN_MODE(40, PRV_S, CAUSE_ILLEGAL, 0x10500073, wfi)
  TEST(41)       /* WFI with an interrupt pending and locally enabled completes at once */
  li a1, MIP_SSIP; csrw mideleg, a1; csrw mie, a1; csrw mip, a1      /* delegated, SIE = 0: not taken */
  wfi                                                               /* M-mode ignores TW */
  li a1, MSTATUS_TW; csrc mstatus, a1
  RUN_IN_MODE(PRV_S, wfi)
  csrw mip, zero; csrw mie, zero; csrw mideleg, zero

  /* ---- TVM ---- */
  TEST(42); li a1, MSTATUS_TVM; csrs mstatus, a1; csrr a0, satp; csrw satp, zero; sfence.vma
  TEST_TRAP_IN_MODE(43, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x180), csrr a0, satp)
  TEST_TRAP_IN_MODE(44, PRV_S, CAUSE_ILLEGAL, 0x18001073, csrw satp, zero)
  TEST_TRAP_IN_MODE(45, PRV_S, CAUSE_ILLEGAL, 0x12000073, sfence.vma)
  TEST_TRAP_IN_MODE(46, PRV_S, CAUSE_ILLEGAL, 0x12b50073, sfence.vma a0, a1)
  TEST(47); li a1, MSTATUS_TVM; csrc mstatus, a1
  RUN_IN_MODE(PRV_S, csrr a0, satp; csrw satp, zero; sfence.vma; sfence.vma a0, a1)

  /* ---- TSR ---- */
  TEST(48); li a1, MSTATUS_TSR; csrs mstatus, a1
  la a1, fail; csrw sepc, a1                                       /* should SRET complete: fail */
  TEST_TRAP_IN_MODE(49, PRV_S, CAUSE_ILLEGAL, 0x10200073, sret)
  TEST(50)       /* M-mode ignores TSR */
  li a1, MSTATUS_SPP; csrs mstatus, a1; la a1, 1f; csrw sepc, a1; sret
1:BACK_TO_M
  TEST(51); li a1, MSTATUS_TSR; csrc mstatus, a1; EXPECT_TRAP(2f); GOTO_MODE(PRV_S, 3f)
3:li a1, MSTATUS_SPP; csrc sstatus, a1; la a1, 1f; csrw sepc, a1; sret
1:ecall
2:CHECK_CAUSE(CAUSE_ECALL_U)

  /* ---- CSR privilege ---- */
  TEST_TRAP_IN_MODE(52, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x300), csrr a0, mstatus)
  TEST_TRAP_IN_MODE(53, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x304), csrr a0, mie)
  TEST_TRAP_IN_MODE(54, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x305), csrr a0, mtvec)
  TEST_TRAP_IN_MODE(55, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x340), csrr a0, mscratch)
  TEST_TRAP_IN_MODE(56, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x302), csrr a0, medeleg)
  TEST_TRAP_IN_MODE(57, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x344), csrr a0, mip)
  TEST_TRAP_IN_MODE(58, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x301), csrr a0, misa)
  TEST_TRAP_IN_MODE(59, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0xf14), csrr a0, mhartid)
  TEST_TRAP_IN_MODE(60, PRV_S, CAUSE_ILLEGAL, CSR_BITS(0x3a0), csrr a0, pmpcfg0)
  TEST_TRAP_IN_MODE(61, PRV_S, CAUSE_ILLEGAL, 0x34151073, csrw mepc, a0)
  TEST_TRAP_IN_MODE(62, PRV_U, CAUSE_ILLEGAL, CSR_BITS(0x105), csrr a0, stvec)
  TEST_TRAP_IN_MODE(63, PRV_U, CAUSE_ILLEGAL, CSR_BITS(0x140), csrr a0, sscratch)
  TEST_TRAP_IN_MODE(64, PRV_U, CAUSE_ILLEGAL, CSR_BITS(0x180), csrr a0, satp)
  TEST_TRAP_IN_MODE(65, PRV_U, CAUSE_ILLEGAL, CSR_BITS(0x104), csrr a0, sie)
  TEST_TRAP_IN_MODE(66, PRV_U, CAUSE_ILLEGAL, CSR_BITS(0x300), csrr a0, mstatus)
  TEST_TRAP_IN_MODE(67, PRV_U, CAUSE_ILLEGAL, CSR_BITS(0xf11), csrr a0, mvendorid)
  TEST(68); RUN_IN_MODE(PRV_S, csrr a0, sstatus; csrr a0, sie; csrr a0, sip; csrr a0, stvec; csrr a0, sscratch; csrr a0, sepc; csrr a0, scause; csrr a0, stval; csrr a0, scounteren)
  TEST(69); li a0, 0x1234; RUN_IN_MODE(PRV_S, csrw sscratch, a0; csrr a1, sscratch); CHECK(a1, 0x1234)

  /* ---- rvisor only: MPP is WARL ---- */
  SKIP_UNLESS_RVISOR(9f)
  /* MRET / SRET to a less-privileged mode clear MPRV (priv 1.12; QEMU 7.2 does not) */
  TEST(70); li a1, MSTATUS_MPRV; csrs mstatus, a1; RUN_IN_MODE(PRV_S, nop); csrr a0, mstatus
  li a1, MSTATUS_MPRV; and a0, a0, a1; CHECK(a0, 0)
  TEST(71)       /* SRET from M to U */
  li a1, MSTATUS_MPRV; csrs mstatus, a1; li a1, MSTATUS_SPP; csrc mstatus, a1
  la a1, 1f; csrw sepc, a1; sret
1:BACK_TO_M; csrr a0, mstatus; li a1, MSTATUS_MPRV; and a0, a0, a1; CHECK(a0, 0)
  csrci mstatus, MSTATUS_SIE
  TEST(72); li a1, -1; csrw medeleg, a1; csrr a0, medeleg                  /* ECALL from M: read-only 0 */
  li a2, 1 << 11; and a1, a0, a2; CHECK(a1, 0); csrw medeleg, zero
  TEST(73); li a1, MSTATUS_MPP; csrc mstatus, a1; li a1, 2 << 11; csrs mstatus, a1
  csrr a0, mstatus; srli a0, a0, 11; andi a0, a0, 3; li a1, 2; beq a0, a1, fail
9:
  j pass
TEST_END
