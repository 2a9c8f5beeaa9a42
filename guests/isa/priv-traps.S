/* rvisor ISA test: synchronous exceptions taken to M-mode.
   Every exception cause a RV64IMAC M/S/U hart without translation can raise, with mcause, mepc,
   mtval and the mstatus stack checked:
   - 0 instruction address misaligned: cannot happen with C (IALIGN = 16): branch and JAL offsets are
     even and JALR clears bit 0, so an odd JALR target is *not* a fault (checked);
   - 1 fetch access fault: jumping to 0x4000_0000 (neither RAM nor a device), from M and from U:
     mepc = mtval = the target;
   - 2 illegal instruction: all-zero and all-one words, reserved/unused encodings of many major
     opcodes, FP without F, the 16-bit all-zero parcel, MRET/SRET/WFI/SFENCE.VMA from U, MRET from S:
     mtval = the instruction bits (16 bits for a compressed one), rd unchanged;
   - 3 breakpoint: EBREAK and C.EBREAK in M, S and U: mepc = the instruction, mtval = 0 or its
     address (the spec allows both; QEMU 7.2 and rvisor write 0);
   - 5 / 7 load / store access fault at 0x4000_0000 (+ offset) for every width: mtval = the address;
   - 8 / 9 / 11 ECALL from U / S / M: mepc = the ECALL, mtval = 0.
   Trap entry and MRET: MPP = the trapping mode, MPIE = the old MIE, MIE = 0; MRET restores MIE from
   MPIE, sets MPIE = 1 and MPP = U. Exceptions use mtvec's BASE also in vectored mode; mcause's
   interrupt bit is clear.
   Not here: misaligned loads/stores (done in hardware: misaligned.S), page faults (sv39.S),
   delegation to S (priv-modes.S), interrupts (interrupts.S). */
#include "test.h"

#define TEST_ILLEGAL(n, bits) TEST_TRAP_TVAL(n, CAUSE_ILLEGAL, bits, .word bits)
#define TEST_LOAD_FAULT(n, op, off) \
  TEST(n); li a1, UNMAPPED_ADDR; li a0, 0x1234; EXPECT_TRAP(80602f); \
80601: op a0, off(a1); j fail; \
80602: CHECK_CAUSE(CAUSE_LOAD_ACCESS); CHECK_EPC(80601b); CHECK_TVAL(UNMAPPED_ADDR + off); CHECK(a0, 0x1234)
#define TEST_STORE_FAULT(n, op, off) \
  TEST(n); li a1, UNMAPPED_ADDR; li a0, 0x1234; EXPECT_TRAP(80612f); \
80611: op a0, off(a1); j fail; \
80612: CHECK_CAUSE(CAUSE_STORE_ACCESS); CHECK_EPC(80611b); CHECK_TVAL(UNMAPPED_ADDR + off)
/* t5 = recorded mstatus field (mask, shift) */
#define CHECK_STATUS_FIELD(mask, shift, val) \
  LOAD_TREC(t5, TR_STATUS); srli t5, t5, shift; andi t5, t5, mask; li t6, val; bne t5, t6, fail

TEST_BEGIN

  /* ---- 0: no misaligned fetch with C ---- */
  TEST(1); la a1, 1f + 1; jalr ra, 0(a1)      /* odd target: bit 0 cleared, no trap */
  j fail
1:TEST(2); la a1, 2f; jalr ra, 1(a1)
  j fail
2:

  /* ---- 1: instruction access fault ---- */
  TEST(3); li a1, UNMAPPED_ADDR; EXPECT_TRAP(1f)
  jalr ra, 0(a1)
  j fail
1:CHECK_CAUSE(CAUSE_FETCH_ACCESS); CHECK_EPC_VAL(UNMAPPED_ADDR); CHECK_TVAL(UNMAPPED_ADDR)
  TEST(4); li a1, UNMAPPED_ADDR + 0x102; EXPECT_TRAP(1f)
  jr a1
  j fail
1:CHECK_CAUSE(CAUSE_FETCH_ACCESS); CHECK_EPC_VAL(UNMAPPED_ADDR + 0x102); CHECK_TVAL(UNMAPPED_ADDR + 0x102)
  TEST(5)       /* from U-mode, through MRET */
  EXPECT_TRAP(1f)
  li t6, MSTATUS_MPP; csrc mstatus, t6; li t6, UNMAPPED_ADDR; csrw mepc, t6; mret
1:CHECK_CAUSE(CAUSE_FETCH_ACCESS); CHECK_EPC_VAL(UNMAPPED_ADDR); CHECK_TVAL(UNMAPPED_ADDR)
  CHECK_STATUS_FIELD(3, 11, PRV_U)

  /* ---- 2: illegal instruction ---- */
  TEST_ILLEGAL(6, 0x00000000)
  TEST_ILLEGAL(7, 0xffffffff)
  TEST_ILLEGAL(8, 0x0000000b)     /* custom-0 */
  TEST_ILLEGAL(9, 0x0000002b)     /* custom-1 */
  TEST_ILLEGAL(10, 0x00b50553)     /* fadd.s: no F (QEMU: mstatus.FS = Off) */
  TEST_ILLEGAL(11, 0x00053007)     /* fld */
  TEST_ILLEGAL(12, 0x00007003)     /* LOAD funct3 = 7 */
  TEST_ILLEGAL(13, 0x00004023)     /* STORE funct3 = 4 */
  TEST_ILLEGAL(14, 0x00002063)     /* BRANCH funct3 = 2 */
  TEST_ILLEGAL(15, 0x00001067)     /* JALR funct3 = 1 */
  TEST_ILLEGAL(16, 0x0000002f)     /* AMO funct3 = 0 */
  TEST_ILLEGAL(17, 0x0000201b)     /* OP-IMM-32 funct3 = 2 */
  TEST_ILLEGAL(18, 0x0200101b)     /* SLLIW with shamt[5] = 1 */
  TEST_ILLEGAL(19, 0x40001013)     /* SLLI with imm[11:6] = 0x10 */
  TEST_ILLEGAL(20, 0xfe001033)     /* OP funct7 = 0x7f */
  TEST_ILLEGAL(21, 0xfe00103b)     /* OP-32 funct7 = 0x7f */
  TEST_ILLEGAL(22, 0x0000700f)     /* MISC-MEM funct3 = 7 */
  TEST_ILLEGAL(23, 0x00004073)     /* SYSTEM funct3 = 4 */
  TEST(24); li a0, 0x777; EXPECT_TRAP(1f)     /* rd is not written */
2:.word 0x02a5053b | (0x7f << 25)            /* OP-32 with rd = a0, funct7 = 0x7f */
  j fail
1:CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(2b); CHECK(a0, 0x777)
  TEST(25); EXPECT_TRAP(1f)                   /* 16-bit: mtval holds just the 16 bits */
2:.half 0x0000; .half 0x0001
  j fail
1:CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(2b); CHECK_TVAL(0)
  TEST(26); EXPECT_TRAP(1f)                   /* unknown CSR */
2:csrr a0, 0x7c1
  j fail
1:CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(2b); CHECK_TVAL(0x7c102573)
  /* privileged instructions from lower modes */
  TEST_TRAP_IN_MODE(27, PRV_U, CAUSE_ILLEGAL, 0x30200073, mret)
  TEST_TRAP_IN_MODE(28, PRV_S, CAUSE_ILLEGAL, 0x30200073, mret)
  TEST_TRAP_IN_MODE(29, PRV_U, CAUSE_ILLEGAL, 0x10200073, sret)
  TEST_TRAP_IN_MODE(30, PRV_U, CAUSE_ILLEGAL, 0x10500073, wfi)
  TEST_TRAP_IN_MODE(31, PRV_U, CAUSE_ILLEGAL, 0x12000073, sfence.vma)
  TEST_TRAP_IN_MODE(32, PRV_U, CAUSE_ILLEGAL, 0x30002573, csrr a0, mstatus)
  TEST_TRAP_IN_MODE(33, PRV_U, CAUSE_ILLEGAL, 0x10002573, csrr a0, sstatus)
  TEST_TRAP_IN_MODE(34, PRV_S, CAUSE_ILLEGAL, 0x34102573, csrr a0, mepc)

  /* ---- 3: breakpoint ---- */
  TEST_TRAP(35, CAUSE_BREAKPOINT, ebreak)
  LOAD_TREC(t5, TR_TVAL); beqz t5, 1f; LOAD_TREC(t6, TR_EPC); bne t5, t6, fail
1:TEST_TRAP(36, CAUSE_BREAKPOINT, .option push; .option rvc; c.ebreak; .option pop; .half 0x0001)
  LOAD_TREC(t5, TR_TVAL); beqz t5, 1f; LOAD_TREC(t6, TR_EPC); bne t5, t6, fail
1:TEST(37); EXPECT_TRAP(1f); GOTO_MODE(PRV_U, 2f)
2:ebreak
  j fail
1:CHECK_CAUSE(CAUSE_BREAKPOINT); CHECK_EPC(2b); CHECK_STATUS_FIELD(3, 11, PRV_U)
  TEST(38); EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)
2:.option push; .option rvc; c.ebreak; .option pop
  j fail
1:CHECK_CAUSE(CAUSE_BREAKPOINT); CHECK_EPC(2b); CHECK_STATUS_FIELD(3, 11, PRV_S)
  SKIP_UNLESS_RVISOR(3f)
  TEST_TRAP(39, CAUSE_BREAKPOINT, ebreak)
  LOAD_TREC(t5, TR_TVAL); bnez t5, fail      /* rvisor writes tval = 0 for ebreak, as QEMU does */
  TEST_TRAP(40, CAUSE_BREAKPOINT, .option push; .option rvc; c.ebreak; .option pop; .half 0x0001)
  LOAD_TREC(t5, TR_TVAL); bnez t5, fail
3:

  /* ---- 5 / 7: load and store access faults ---- */
  TEST_LOAD_FAULT(41, lb, 0)
  TEST_LOAD_FAULT(42, lbu, 1)
  TEST_LOAD_FAULT(43, lh, 2)
  TEST_LOAD_FAULT(44, lhu, 0x7fe)
  TEST_LOAD_FAULT(45, lw, 4)
  TEST_LOAD_FAULT(46, lwu, 8)
  TEST_LOAD_FAULT(47, ld, 16)
  TEST_LOAD_FAULT(48, ld, -8)
  TEST_STORE_FAULT(49, sb, 0)
  TEST_STORE_FAULT(50, sh, 2)
  TEST_STORE_FAULT(51, sw, 4)
  TEST_STORE_FAULT(52, sd, 8)
  TEST_STORE_FAULT(53, sd, -16)
  TEST(54); li a0, 0x4444; li a1, UNMAPPED_ADDR; EXPECT_TRAP(1f); GOTO_MODE(PRV_U, 2f)   /* from U */
2:lw a0, 0x10(a1)
  j fail
1:CHECK_CAUSE(CAUSE_LOAD_ACCESS); CHECK_EPC(2b); CHECK_TVAL(UNMAPPED_ADDR + 0x10); CHECK(a0, 0x4444)
  CHECK_STATUS_FIELD(3, 11, PRV_U)
  TEST(55); EXPECT_TRAP(1f); GOTO_MODE(PRV_S, 2f)                                       /* from S */
2:sd a0, 0x18(a1)
  j fail
1:CHECK_CAUSE(CAUSE_STORE_ACCESS); CHECK_EPC(2b); CHECK_TVAL(UNMAPPED_ADDR + 0x18)
  CHECK_STATUS_FIELD(3, 11, PRV_S)

  /* ---- 8 / 9 / 11: environment calls ---- */
  TEST_TRAP_IN_MODE(56, PRV_U, CAUSE_ECALL_U, 0, ecall)
  TEST_TRAP_IN_MODE(57, PRV_S, CAUSE_ECALL_S, 0, ecall)
  TEST_TRAP_TVAL(58, CAUSE_ECALL_M, 0, ecall)

  /* ---- the mstatus stack on trap entry and MRET ---- */
  TEST(59); csrsi mstatus, MSTATUS_MIE        /* mie = 0: no interrupt can be taken */
  TEST_TRAP(60, CAUSE_ECALL_M, ecall)
  CHECK_STATUS_FIELD(1, 3, 0)                /* MIE cleared */
  CHECK_STATUS_FIELD(1, 7, 1)                /* MPIE = old MIE */
  CHECK_STATUS_FIELD(3, 11, PRV_M)           /* MPP = M */
  TEST(61); csrr a0, mstatus                  /* after the handler's MRET */
  andi a1, a0, MSTATUS_MIE; CHECK(a1, MSTATUS_MIE)
  andi a1, a0, MSTATUS_MPIE; CHECK(a1, MSTATUS_MPIE)
  li a2, MSTATUS_MPP; and a1, a0, a2; CHECK(a1, 0)     /* MPP = U, the least-privileged mode */
  TEST(62); csrci mstatus, MSTATUS_MIE
  TEST_TRAP(63, CAUSE_ECALL_M, ecall)
  CHECK_STATUS_FIELD(1, 3, 0); CHECK_STATUS_FIELD(1, 7, 0)
  TEST(64); csrr a0, mstatus; andi a1, a0, MSTATUS_MIE; CHECK(a1, 0)
  andi a1, a0, MSTATUS_MPIE; CHECK(a1, MSTATUS_MPIE)
  TEST(65)       /* MRET itself: MIE = MPIE, MPIE = 1, MPP = U, to M-mode when MPP = M */
  li a1, MSTATUS_MPP | MSTATUS_MPIE; csrs mstatus, a1; csrci mstatus, MSTATUS_MIE
  la a1, 1f; csrw mepc, a1; mret
  j fail
1:csrr a0, mstatus; andi a1, a0, MSTATUS_MIE; CHECK(a1, MSTATUS_MIE)
  andi a1, a0, MSTATUS_MPIE; CHECK(a1, MSTATUS_MPIE)
  li a2, MSTATUS_MPP; and a1, a0, a2; CHECK(a1, 0)
  csrci mstatus, MSTATUS_MIE
  TEST(66)       /* mcause's interrupt bit is clear for exceptions */
  TEST_TRAP(67, CAUSE_ILLEGAL, .word 0)
  LOAD_TREC(t5, TR_CAUSE); bltz t5, fail

  /* ---- vectored mtvec: exceptions still go to BASE ---- */
  TEST(68); la a1, trap_m; ori a1, a1, 1; csrw mtvec, a1; csrr a0, mtvec; CHECK_REG(a0, a1)
  TEST_TRAP(69, CAUSE_ECALL_M, ecall)
  TEST_TRAP(70, CAUSE_ILLEGAL, .word 0)
  TEST(71); la a1, trap_m; csrw mtvec, a1; csrr a0, mtvec; CHECK_REG(a0, a1)

  j pass
TEST_END
