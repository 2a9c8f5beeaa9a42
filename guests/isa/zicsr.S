/* rvisor ISA test: Zicsr.
   CSRRW CSRRS CSRRC CSRRWI CSRRSI CSRRCI on mscratch/sscratch: rd gets the old value, the new value
   is written / bits set / bits cleared, the 5-bit uimm is zero-extended, rd = rs1, rd = x0.
   "No write" forms (CSRRS/CSRRC with rs1 = x0, CSRRSI/CSRRCI with uimm = 0) do not trap on read-only
   CSRs; every writing form does (illegal instruction, mtval = the instruction bits, rd unchanged).
   Unknown / absent CSRs (custom and unassigned numbers, fcsr without F) are illegal.
   Identity: mvendorid = 0, marchid = mimpid (0 on rvisor), mhartid = 0, mconfigptr = 0; misa has
   MXL = 2 and I M A C S U, and writing it back changes nothing; mstatus.UXL = SXL = 2.
   rvisor only: misa = 0x800000000014112d (RV64GC) exactly, hypervisor CSRs (hstatus) are absent, mepc and
   sepc bit 0 read as zero, CSRRS/CSRRC with rs1 != x0 holding 0 still trap on a read-only CSR (as the
   spec says; QEMU 7.2 does not).
   Not here: privilege checks on CSR numbers (priv-modes.S), counters (zicntr.S). */
#include "test.h"

/* `insn` must raise illegal instruction with mtval = its encoding `bits` and leave a0 alone */
#define TEST_CSR_ILLEGAL(n, bits, ...) \
  TEST(n); li a0, 0x5a5a; EXPECT_TRAP(80401f); \
80400: __VA_ARGS__; j fail; \
80401: CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(80400b); CHECK_TVAL(bits); CHECK(a0, 0x5a5a)

TEST_BEGIN

  /* ---- register forms ---- */
  TEST(1); li a1, 0x0123456789abcdef; csrw mscratch, a1; csrr a0, mscratch; CHECK(a0, 0x0123456789abcdef)
  TEST(2); li a1, 0xfedcba9876543210; csrrw a0, mscratch, a1; CHECK(a0, 0x0123456789abcdef)
  csrr a0, mscratch; CHECK(a0, 0xfedcba9876543210)
  TEST(3); li a1, 0x0f0f; csrrs a0, mscratch, a1; CHECK(a0, 0xfedcba9876543210)
  csrr a0, mscratch; CHECK(a0, 0xfedcba9876543f1f)
  TEST(4); li a1, 0xff000000000000ff; csrrc a0, mscratch, a1; CHECK(a0, 0xfedcba9876543f1f)
  csrr a0, mscratch; CHECK(a0, 0x00dcba9876543f00)
  TEST(5); csrrs a0, mscratch, x0; CHECK(a0, 0x00dcba9876543f00)          /* read only */
  csrrc a0, mscratch, x0; CHECK(a0, 0x00dcba9876543f00)
  TEST(6); li a0, 0x1111; csrrw a0, mscratch, a0; CHECK(a0, 0x00dcba9876543f00)   /* rd = rs1: swap */
  csrr a0, mscratch; CHECK(a0, 0x1111)
  TEST(7); li a0, 0x0110; csrrs a0, mscratch, a0; CHECK(a0, 0x1111); csrr a0, mscratch; CHECK(a0, 0x1111)
  TEST(8); li a0, 0x0011; csrrc a0, mscratch, a0; CHECK(a0, 0x1111); csrr a0, mscratch; CHECK(a0, 0x1100)
  TEST(9); li a1, -1; csrrw x0, mscratch, a1; csrr a0, mscratch; CHECK(a0, -1)     /* rd = x0 */
  TEST(10); li a1, 0x8000000000000001; csrrc x0, mscratch, a1; csrr a0, mscratch; CHECK(a0, 0x7ffffffffffffffe)

  /* ---- immediate forms ---- */
  TEST(11); csrrwi a0, mscratch, 31; CHECK(a0, 0x7ffffffffffffffe); csrr a0, mscratch; CHECK(a0, 31)
  TEST(12); csrrwi a0, mscratch, 0; CHECK(a0, 31); csrr a0, mscratch; CHECK(a0, 0)
  TEST(13); csrrsi a0, mscratch, 0x10; CHECK(a0, 0); csrrsi a0, mscratch, 5; CHECK(a0, 0x10)
  csrr a0, mscratch; CHECK(a0, 0x15)
  TEST(14); csrrci a0, mscratch, 4; CHECK(a0, 0x15); csrr a0, mscratch; CHECK(a0, 0x11)
  TEST(15); csrrsi a0, mscratch, 0; csrrci a0, mscratch, 0; CHECK(a0, 0x11); csrr a0, mscratch; CHECK(a0, 0x11)
  TEST(16); li a1, -1; csrw mscratch, a1; csrrci a0, mscratch, 31; CHECK(a0, -1)
  csrr a0, mscratch; CHECK(a0, 0xffffffffffffffe0)
  TEST(17); csrrwi x0, mscratch, 7; csrr a0, mscratch; CHECK(a0, 7)

  /* ---- sscratch is an independent full-width register ---- */
  TEST(18); li a1, 0xa5a5a5a5a5a5a5a5; csrw sscratch, a1; csrr a0, sscratch; CHECK(a0, 0xa5a5a5a5a5a5a5a5)
  csrr a0, mscratch; CHECK(a0, 7)
  TEST(19); csrrci a0, sscratch, 5; csrrsi a0, sscratch, 2; csrr a0, sscratch; CHECK(a0, 0xa5a5a5a5a5a5a5a2)

  /* ---- identity and read-only CSRs ---- */
  TEST(20); csrr a0, mvendorid; CHECK(a0, 0)
  TEST(21); csrr a0, marchid; csrr a1, mimpid; CHECK_REG(a0, a1)
  TEST(22); csrr a0, mhartid; CHECK(a0, 0)
  TEST(23); csrr a0, mconfigptr; CHECK(a0, 0)
  TEST(24); csrrs a0, mhartid, x0; csrrc a0, mvendorid, x0; csrrsi a0, marchid, 0; csrrci a0, mimpid, 0
  TEST_CSR_ILLEGAL(25, 0xf1159073, csrw mvendorid, a1)
  TEST_CSR_ILLEGAL(26, 0xf1401573, csrrw a0, mhartid, x0)
  TEST_CSR_ILLEGAL(27, 0xf130e573, csrrsi a0, mimpid, 1)
  TEST_CSR_ILLEGAL(28, 0xf130f573, csrrci a0, mimpid, 1)
  TEST_CSR_ILLEGAL(29, 0xf1345573, csrrwi a0, mimpid, 8)
  TEST_CSR_ILLEGAL(30, 0xc0001573, csrrw a0, cycle, x0)                       /* 0xC00: read-only range */
  TEST_CSR_ILLEGAL(31, 0xc0256573, csrrsi a0, instret, 10)

  /* ---- CSRs that do not exist ---- */
  TEST_CSR_ILLEGAL(32, 0x7c002573, csrr a0, 0x7c0)     /* custom M read/write */
  TEST_CSR_ILLEGAL(33, 0x0ff02573, csrr a0, 0x0ff)     /* unassigned user */
  TEST_CSR_ILLEGAL(34, 0x5ff02573, csrr a0, 0x5ff)
  TEST_CSR_ILLEGAL(35, 0x8ff02573, csrr a0, 0x8ff)
  TEST_CSR_ILLEGAL(36, 0xbff02573, csrr a0, 0xbff)
  TEST_CSR_ILLEGAL(37, 0xfff02573, csrr a0, 0xfff)
  TEST_CSR_ILLEGAL(38, 0x7ff59073, csrw 0x7ff, a1)
  TEST_CSR_ILLEGAL(39, 0x00302573, csrr a0, fcsr)      /* no FP (QEMU: mstatus.FS = Off) */
  TEST_CSR_ILLEGAL(40, 0x00102573, csrr a0, fflags)

  /* ---- misa ---- */
  TEST(41); csrr a0, misa; srli a1, a0, 62; CHECK(a1, 2)                     /* MXL = 64 */
  li a2, 0x141105; and a1, a0, a2; CHECK_REG(a1, a2)                        /* I M A C S U */
  TEST(42); csrr a0, misa; csrw misa, a0; csrr a1, misa; CHECK_REG(a1, a0)
  /* ---- mstatus.UXL / SXL: 64-bit U and S ---- */
  TEST(43); csrr a0, mstatus; srli a0, a0, 32; andi a0, a0, 0xf; CHECK(a0, 0xa)

  /* ---- rvisor's exact values ---- */
  SKIP_UNLESS_RVISOR(9f)
  TEST(44); csrr a0, misa; CHECK(a0, 0x800000000014112d)                    /* RV64GC: I M A F D C S U */
  TEST(45); csrr a0, misa; csrw misa, zero; csrr a1, misa; CHECK_REG(a1, a0)  /* read-only */
  TEST_CSR_ILLEGAL(46, 0x60002573, csrr a0, hstatus)
  /* CSRRS/CSRRC with rs1 != x0 write even when the register holds 0 (QEMU 7.2 does not trap) */
  li a2, 0
  TEST_CSR_ILLEGAL(47, 0xf1262573, csrrs a0, marchid, a2)
  TEST_CSR_ILLEGAL(48, 0xf1263573, csrrc a0, marchid, a2)
  TEST(49); li a1, 0x80001235; csrw mepc, a1; csrr a0, mepc; CHECK(a0, 0x80001234)
  csrw sepc, a1; csrr a0, sepc; CHECK(a0, 0x80001234)
9:
  j pass
TEST_END
