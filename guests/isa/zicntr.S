/* rvisor ISA test: Zicntr (cycle, time, instret) and the M-mode counters.
   cycle and instret are readable and strictly increasing; mcycle/minstret are writable and count
   on from the written value; mtime (CLINT, 0x0200_BFF8) advances. Access from S and U is gated by
   mcounteren (for S and U) and scounteren (for U): every combination of the CY and IR bits, reads
   succeed when allowed and raise illegal instruction (mtval = the instruction) when not; M-mode
   ignores the enables; S/U cannot reach mcycle/minstret; the user counters are read-only.
   rvisor only (QEMU's spike machine has no `time` CSR): time is readable, lies between two reads of
   mtime, and is gated by the TM bits like the others; instret counts exactly one per instruction.
   Not here: hpmcounter3..31 / mhpmevent (not implemented beyond what the spec requires),
   mcountinhibit, stimecmp (Sstc). */
#include "test.h"

#define CSRR_A0_CYCLE   0xc0002573
#define CSRR_A0_INSTRET 0xc0202573
#define CSRR_A0_TIME    0xc0102573
#define CSRR_A0_MCYCLE  0xb0002573

TEST_BEGIN

  /* ---- M-mode reads ---- */
  TEST(1); csrr a0, cycle; csrr a1, cycle; bleu a1, a0, fail
  TEST(2); csrr a0, instret; csrr a1, instret; bleu a1, a0, fail
  TEST(3); csrr a0, mcycle; li s0, 100; 1: addi s0, s0, -1; bnez s0, 1b; csrr a1, mcycle; bleu a1, a0, fail
  TEST(4); csrr a0, minstret; li s0, 100; 1: addi s0, s0, -1; bnez s0, 1b; csrr a1, minstret; bleu a1, a0, fail
  TEST(5)       /* mcycle / minstret are writable and count on from the value written */
  li a1, 0x100000000000; csrw minstret, a1; csrr a0, minstret; bltu a0, a1, fail
  sub a0, a0, a1; li a2, 0x100000000; bgeu a0, a2, fail   /* QEMU counts host time: allow for a preempted host */
  csrr a0, instret; bltu a0, a1, fail
  TEST(6); li a1, 0x200000000000; csrw mcycle, a1; csrr a0, mcycle; bltu a0, a1, fail
  sub a0, a0, a1; li a2, 0x100000000; bgeu a0, a2, fail   /* QEMU counts host time: allow for a preempted host */
  csrr a0, cycle; bltu a0, a1, fail
  TEST(7)       /* the CLINT's mtime advances */
  li s1, CLINT_MTIME; ld a0, 0(s1); li s0, 10000; 1: addi s0, s0, -1; bnez s0, 1b; ld a1, 0(s1)
  bleu a1, a0, fail

  /* ---- gating of S and U ---- */
  TEST(8)       /* M-mode ignores the enables */
  csrw mcounteren, zero; csrw scounteren, zero; csrr a0, cycle; csrr a0, instret
  TEST_TRAP_IN_MODE(9, PRV_S, CAUSE_ILLEGAL, CSRR_A0_CYCLE, csrr a0, cycle)
  TEST_TRAP_IN_MODE(10, PRV_S, CAUSE_ILLEGAL, CSRR_A0_INSTRET, csrr a0, instret)
  TEST_TRAP_IN_MODE(11, PRV_U, CAUSE_ILLEGAL, CSRR_A0_CYCLE, csrr a0, cycle)
  TEST_TRAP_IN_MODE(12, PRV_U, CAUSE_ILLEGAL, CSRR_A0_INSTRET, csrr a0, instret)
  TEST(13); li a1, 5; csrw mcounteren, a1; csrr a0, mcounteren; andi a0, a0, 5; CHECK(a0, 5)
  TEST(14); li a0, 0; RUN_IN_MODE(PRV_S, csrr a0, cycle); beqz a0, fail
  TEST(15); li a0, 0; RUN_IN_MODE(PRV_S, csrr a0, instret); beqz a0, fail
  TEST_TRAP_IN_MODE(16, PRV_U, CAUSE_ILLEGAL, CSRR_A0_CYCLE, csrr a0, cycle)      /* scounteren = 0 */
  TEST_TRAP_IN_MODE(17, PRV_U, CAUSE_ILLEGAL, CSRR_A0_INSTRET, csrr a0, instret)
  TEST(18); li a1, 5; csrw scounteren, a1; csrr a0, scounteren; andi a0, a0, 5; CHECK(a0, 5)
  TEST(19); li a0, 0; RUN_IN_MODE(PRV_U, csrr a0, cycle); beqz a0, fail
  TEST(20); li a0, 0; RUN_IN_MODE(PRV_U, csrr a0, instret); beqz a0, fail
  TEST(21); li a0, 0; RUN_IN_MODE(PRV_U, csrr a0, cycle; csrr a1, cycle); bleu a1, a0, fail
  TEST(22); csrw mcounteren, zero                                               /* scounteren alone is not enough */
  TEST_TRAP_IN_MODE(23, PRV_U, CAUSE_ILLEGAL, CSRR_A0_CYCLE, csrr a0, cycle)
  TEST(24); li a1, 1; csrw mcounteren, a1                                       /* CY only */
  RUN_IN_MODE(PRV_S, csrr a0, cycle); RUN_IN_MODE(PRV_U, csrr a0, cycle)
  TEST_TRAP_IN_MODE(25, PRV_S, CAUSE_ILLEGAL, CSRR_A0_INSTRET, csrr a0, instret)
  TEST_TRAP_IN_MODE(26, PRV_U, CAUSE_ILLEGAL, CSRR_A0_INSTRET, csrr a0, instret)
  TEST(27); li a1, 4; csrw mcounteren, a1; li a1, 1; csrw scounteren, a1      /* IR for S, nothing for U */
  RUN_IN_MODE(PRV_S, csrr a0, instret)
  TEST_TRAP_IN_MODE(28, PRV_S, CAUSE_ILLEGAL, CSRR_A0_CYCLE, csrr a0, cycle)
  TEST_TRAP_IN_MODE(29, PRV_U, CAUSE_ILLEGAL, CSRR_A0_INSTRET, csrr a0, instret)
  TEST_TRAP_IN_MODE(30, PRV_U, CAUSE_ILLEGAL, CSRR_A0_CYCLE, csrr a0, cycle)
  /* the machine counters are M-mode CSRs; the user counters are read-only everywhere */
  TEST(31); li a1, -1; csrw mcounteren, a1; csrw scounteren, a1
  TEST_TRAP_IN_MODE(32, PRV_S, CAUSE_ILLEGAL, CSRR_A0_MCYCLE, csrr a0, mcycle)
  TEST_TRAP_IN_MODE(33, PRV_U, CAUSE_ILLEGAL, 0xb0202573, csrr a0, minstret)
  TEST_TRAP_IN_MODE(34, PRV_S, CAUSE_ILLEGAL, 0xc0059073, csrw cycle, a1)
  TEST_TRAP_IN_MODE(35, PRV_U, CAUSE_ILLEGAL, 0xc0259073, csrw instret, a1)
  TEST(36); EXPECT_TRAP(1f)
2:csrw cycle, a1
  j fail
1:CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(2b); CHECK_TVAL(0xc0059073)

  /* ---- rvisor only: time and exact instret ---- */
  SKIP_UNLESS_RVISOR(9f)
  TEST(37); li s1, CLINT_MTIME; ld a0, 0(s1); csrr a1, time; ld a2, 0(s1)
  bltu a1, a0, fail; bltu a2, a1, fail
  TEST(38)       /* time advances */
  csrr a0, time; li s0, 10000; 1: addi s0, s0, -1; bnez s0, 1b; csrr a1, time; bleu a1, a0, fail
  TEST(39)       /* one per instruction: the first read, five nops, then the second read */
  csrr a0, instret; nop; nop; nop; nop; nop; csrr a1, instret; sub a1, a1, a0; CHECK(a1, 6)
  TEST(40); li a1, 2; csrw mcounteren, a1; csrw scounteren, zero
  li a0, 0; RUN_IN_MODE(PRV_S, csrr a0, time); beqz a0, fail
  TEST_TRAP_IN_MODE(41, PRV_U, CAUSE_ILLEGAL, CSRR_A0_TIME, csrr a0, time)
  TEST(42); li a1, 2; csrw scounteren, a1
  li a0, 0; RUN_IN_MODE(PRV_U, csrr a0, time); beqz a0, fail
  TEST(43); li a1, 5; csrw mcounteren, a1
  TEST_TRAP_IN_MODE(44, PRV_S, CAUSE_ILLEGAL, CSRR_A0_TIME, csrr a0, time)
  TEST_TRAP_IN_MODE(45, PRV_U, CAUSE_ILLEGAL, CSRR_A0_TIME, csrr a0, time)
  TEST_TRAP_IN_MODE(46, PRV_S, CAUSE_ILLEGAL, 0xc0159073, csrw time, a1)
9:
  j pass
TEST_END
