/* rvisor ISA test: RV64I control transfer.
   BEQ BNE BLT BGE BLTU BGEU taken and not taken, forwards and backwards, on 64-bit signed/unsigned
   edge values (operands that differ only in the upper 32 bits), with x0 and with rs1 = rs2; the
   operands are not modified; the largest forward and backward B-type offsets. JAL (link = pc + 4,
   rd = x0, other rd, a jump beyond the B-type range), JALR (link = pc + 4, positive / negative
   offsets, bit 0 of the target cleared, rd = rs1 uses the old rs1, rd = x0).
   Not here: compressed jumps/branches (rvc.S). Instruction-address-misaligned exceptions cannot
   happen with the C extension (all targets are even once JALR clears bit 0): see priv-traps.S. */
#include "test.h"

/* `op v1, v2` must branch: once forwards, once backwards. */
#define TEST_BR_TAKEN(n, op, v1, v2) \
  TEST(n); li a1, v1; li a2, v2; \
  op a1, a2, 80101f; j fail; \
80100: j 80102f; \
80101: op a1, a2, 80100b; j fail; \
80102: CHECK(a1, v1); CHECK(a2, v2)

/* `op v1, v2` must fall through, forwards and backwards. */
#define TEST_BR_NOT_TAKEN(n, op, v1, v2) \
  TEST(n); li a1, v1; li a2, v2; \
  j 80111f; \
80110: j fail; \
80111: op a1, a2, 80110b; op a1, a2, 80112f; j 80113f; \
80112: j fail; \
80113: CHECK(a1, v1); CHECK(a2, v2)

TEST_BEGIN

  /* ---- beq ---- */
  TEST_BR_TAKEN(1, beq, 0, 0)
  TEST_BR_TAKEN(2, beq, 1, 1)
  TEST_BR_TAKEN(3, beq, -1, -1)
  TEST_BR_TAKEN(4, beq, 0x8000000000000000, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(5, beq, 0, 1)
  TEST_BR_NOT_TAKEN(6, beq, 1, 0)
  TEST_BR_NOT_TAKEN(7, beq, -1, 1)
  TEST_BR_NOT_TAKEN(8, beq, 0x100000000, 0)
  TEST_BR_NOT_TAKEN(9, beq, 0xffffffff, -1)
  TEST_BR_NOT_TAKEN(10, beq, 0x8000000000000000, 0)

  /* ---- bne ---- */
  TEST_BR_TAKEN(11, bne, 0, 1)
  TEST_BR_TAKEN(12, bne, 1, 0)
  TEST_BR_TAKEN(13, bne, -1, 1)
  TEST_BR_TAKEN(14, bne, 0x100000000, 0)
  TEST_BR_TAKEN(15, bne, 0xffffffff, -1)
  TEST_BR_TAKEN(16, bne, 0x8000000000000000, 0)
  TEST_BR_NOT_TAKEN(17, bne, 0, 0)
  TEST_BR_NOT_TAKEN(18, bne, 1, 1)
  TEST_BR_NOT_TAKEN(19, bne, -1, -1)
  TEST_BR_NOT_TAKEN(20, bne, 0x123456789abcdef0, 0x123456789abcdef0)

  /* ---- blt (signed) ---- */
  TEST_BR_TAKEN(21, blt, 0, 1)
  TEST_BR_TAKEN(22, blt, -1, 1)
  TEST_BR_TAKEN(23, blt, -2, -1)
  TEST_BR_TAKEN(24, blt, -1, 0)
  TEST_BR_TAKEN(25, blt, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_TAKEN(26, blt, 0x8000000000000000, 0)
  TEST_BR_TAKEN(27, blt, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(28, blt, 0xffffffff, 0x100000000)
  TEST_BR_NOT_TAKEN(29, blt, 1, 0)
  TEST_BR_NOT_TAKEN(30, blt, 0, 0)
  TEST_BR_NOT_TAKEN(31, blt, 1, -1)
  TEST_BR_NOT_TAKEN(32, blt, -1, -2)
  TEST_BR_NOT_TAKEN(33, blt, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(34, blt, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(35, blt, -1, -1)

  /* ---- bge (signed) ---- */
  TEST_BR_TAKEN(36, bge, 0, 0)
  TEST_BR_TAKEN(37, bge, 1, 0)
  TEST_BR_TAKEN(38, bge, 1, -1)
  TEST_BR_TAKEN(39, bge, -1, -2)
  TEST_BR_TAKEN(40, bge, -1, -1)
  TEST_BR_TAKEN(41, bge, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_TAKEN(42, bge, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(43, bge, 0, 1)
  TEST_BR_NOT_TAKEN(44, bge, -1, 0)
  TEST_BR_NOT_TAKEN(45, bge, -2, -1)
  TEST_BR_NOT_TAKEN(46, bge, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(47, bge, 0xffffffff, 0x100000000)

  /* ---- bltu (unsigned) ---- */
  TEST_BR_TAKEN(48, bltu, 0, 1)
  TEST_BR_TAKEN(49, bltu, 1, -1)
  TEST_BR_TAKEN(50, bltu, -2, -1)
  TEST_BR_TAKEN(51, bltu, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_TAKEN(52, bltu, 0xffffffff, 0x100000000)
  TEST_BR_TAKEN(53, bltu, 0, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(54, bltu, 1, 0)
  TEST_BR_NOT_TAKEN(55, bltu, 0, 0)
  TEST_BR_NOT_TAKEN(56, bltu, -1, 1)
  TEST_BR_NOT_TAKEN(57, bltu, -1, -2)
  TEST_BR_NOT_TAKEN(58, bltu, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(59, bltu, -1, -1)

  /* ---- bgeu (unsigned) ---- */
  TEST_BR_TAKEN(60, bgeu, 0, 0)
  TEST_BR_TAKEN(61, bgeu, 1, 0)
  TEST_BR_TAKEN(62, bgeu, -1, 1)
  TEST_BR_TAKEN(63, bgeu, -1, -2)
  TEST_BR_TAKEN(64, bgeu, -1, -1)
  TEST_BR_TAKEN(65, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_TAKEN(66, bgeu, 0x100000000, 0xffffffff)
  TEST_BR_NOT_TAKEN(67, bgeu, 0, 1)
  TEST_BR_NOT_TAKEN(68, bgeu, 1, -1)
  TEST_BR_NOT_TAKEN(69, bgeu, -2, -1)
  TEST_BR_NOT_TAKEN(70, bgeu, 0x7fffffffffffffff, 0x8000000000000000)

  /* ---- x0 operands and rs1 = rs2 ---- */
  TEST(71); li a1, 0; beq a1, x0, 1f; j fail
1:TEST(72); li a1, -1; blt a1, x0, 1f; j fail
1:TEST(73); li a1, 1; blt x0, a1, 1f; j fail
1:TEST(74); li a1, -1; bge x0, a1, 1f; j fail
1:TEST(75); li a1, 5; bltu x0, a1, 1f; j fail
1:TEST(76); li a1, 5; bgeu x0, a1, fail; bne x0, x0, fail; blt x0, x0, fail; bltu x0, x0, fail
  TEST(77); beq x0, x0, 1f; j fail
1:TEST(78); li a1, 0x8000000000000000; beq a1, a1, 1f; j fail
1:TEST(79); bge a1, a1, 1f; j fail
1:TEST(80); bgeu a1, a1, 1f; j fail
1:TEST(81); bne a1, a1, fail; blt a1, a1, fail; bltu a1, a1, fail

  /* ---- largest offsets: +4094 and -4096 ---- */
  TEST(82); li a1, 7; li a2, 7
  beq a1, a2, far_fwd       /* offset 4094 */
  j fail
  .skip 4094 - 8
far_fwd:
  .option push; .option rvc; c.j 1f; .option pop   /* 2-byte aligned here: jump over the padding */
  CODE_ALIGN(4)
1:TEST(83); j far_back_start
far_back_target:
  j far_back_done
  .skip 4096 - 4
far_back_start:
  bgeu a1, a2, far_back_target   /* offset -4096 */
  j fail
far_back_done:

  /* ---- jal ---- */
  TEST(84); li ra, 0
  jal ra, 1f
2:j fail
1:la a1, 2b; CHECK_REG(ra, a1)
  TEST(85); li s7, 0
  jal s7, 1f
2:j fail
1:la a1, 2b; CHECK_REG(s7, a1)
  TEST(86); li a1, 0x55
  jal x0, 1f
  li a1, 0
1:CHECK(a1, 0x55)
  TEST(87)                       /* backwards */
  j 2f
1:j 3f
2:jal t0, 1b
4:j fail
3:la a1, 4b; CHECK_REG(t0, a1)
  TEST(88)                       /* beyond the branch range */
  jal ra, jal_far
3:j fail
jal_far_back:
  j 5f
  .skip 6000
jal_far:
  la a1, 3b; CHECK_REG(ra, a1)
  jal zero, jal_far_back
5:

  /* ---- jalr ---- */
  TEST(89); la a1, 1f; li ra, 0
  jalr ra, 0(a1)
2:j fail
1:la a2, 2b; CHECK_REG(ra, a2)
  TEST(90); la a1, 1f - 8
  jalr ra, 8(a1)
2:j fail
1:la a2, 2b; CHECK_REG(ra, a2)
  TEST(91); la a1, 1f + 2047
  jalr ra, -2047(a1)
2:j fail
1:la a2, 2b; CHECK_REG(ra, a2)
  TEST(92); la a1, 1f - 2048
  jalr ra, 2047(a1)             /* target odd: bit 0 is cleared */
2:j fail
1:la a2, 2b; CHECK_REG(ra, a2)
  TEST(93); la a1, 1f + 1
  jalr s2, 0(a1)                /* register value odd */
2:j fail
1:la a2, 2b; CHECK_REG(s2, a2)
  TEST(94); la a1, 1f            /* rd = rs1: the target uses the old value */
  jalr a1, 0(a1)
2:j fail
1:la a2, 2b; CHECK_REG(a1, a2)
  TEST(95); la a1, 1f; li a2, 0x77
  jalr x0, 0(a1)
  li a2, 0
1:CHECK(a2, 0x77)
  TEST(96); la a1, 1f            /* jalr through a register in the upper half */
  mv t4, a1
  jalr t3, 0(t4)
2:j fail
1:la a2, 2b; CHECK_REG(t3, a2)
  TEST(97)                       /* call/return pair */
  jal ra, 1f
  j 2f
1:li a3, 0x99
  ret
2:CHECK(a3, 0x99)

  j pass
TEST_END
