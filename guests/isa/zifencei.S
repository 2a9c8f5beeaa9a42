/* rvisor ISA test: Zifencei.
   FENCE.I makes earlier stores to instruction memory visible to instruction fetch: code written
   into a data buffer (32-bit and compressed instructions, by SW, SH, SB and AMOSWAP), rewritten
   after it has already run many times (a decoded-instruction cache must be invalidated), and an
   instruction patched in the straight-line code right after the FENCE.I.
   Not here: what a fetch sees without FENCE.I (unspecified), other harts. */
#include "test.h"

#define INSN_LI_A0(imm) (0x00000513 | ((imm) << 20))   /* addi a0, x0, imm */
#define INSN_RET        0x00008067                     /* jalr x0, 0(ra) */
#define CINSN_LI_A0(imm) (0x4501 | ((imm) << 2))       /* c.li a0, imm (0..31) */
#define CINSN_RET       0x8082                         /* c.jr ra */

TEST_BEGIN
  la s0, fbuf

  TEST(1)       /* write a function, FENCE.I, call it */
  li a1, INSN_LI_A0(42); sw a1, 0(s0); li a1, INSN_RET; sw a1, 4(s0)
  fence.i
  li a0, 0; jalr ra, 0(s0); CHECK(a0, 42)

  TEST(2)       /* run it many times, rewrite it, FENCE.I, call again */
  li s1, 100
1:jalr ra, 0(s0); addi s1, s1, -1; bnez s1, 1b
  CHECK(a0, 42)
  li a1, INSN_LI_A0(43); sw a1, 0(s0)
  fence.i
  jalr ra, 0(s0); CHECK(a0, 43)

  TEST(3)       /* compressed instructions, one SW writes both */
  li a1, (CINSN_RET << 16) | CINSN_LI_A0(5); sw a1, 0(s0)
  fence.i
  jalr ra, 0(s0); CHECK(a0, 5)

  TEST(4)       /* SH over the first compressed instruction */
  li a1, CINSN_LI_A0(9); sh a1, 0(s0)
  fence.i
  jalr ra, 0(s0); CHECK(a0, 9)

  TEST(5)       /* byte by byte, at a 2-mod-4 address, after a compressed instruction */
  li a1, 0x0001; sh a1, 0(s0)                   /* c.nop */
  li a2, INSN_LI_A0(0x123)
  sb a2, 2(s0); srli a2, a2, 8; sb a2, 3(s0); srli a2, a2, 8; sb a2, 4(s0); srli a2, a2, 8; sb a2, 5(s0)
  li a1, CINSN_RET; sh a1, 6(s0)
  fence.i
  jalr ra, 0(s0); CHECK(a0, 0x123)

  TEST(6)       /* AMOSWAP into code */
  li a1, INSN_LI_A0(0x77); amoswap.w a3, a1, (s0); li a1, INSN_RET; sw a1, 4(s0)
  fence.i
  jalr ra, 0(s0); CHECK(a0, 0x77); CHECK(a3, 0x05130001)

  TEST(7)       /* patch the instruction that follows in the same straight-line code */
  la a1, 2f; li a2, INSN_LI_A0(0x3c5); sw a2, 0(a1)
  fence.i
2:li a0, 1
  CHECK(a0, 0x3c5)

  TEST(8)       /* patch a loop body between iterations */
  li s1, 0; li s2, 0
  la a1, 3f
1:
3:addi s2, s2, 1
  addi s1, s1, 1
  li a2, 0x00290913                              /* addi s2, s2, 2 */
  sw a2, 0(a1)
  fence.i
  li a3, 3; blt s1, a3, 1b
  CHECK(s2, 5)

  j pass
TEST_END

  .data
  .align 6
fbuf:
  .zero 64
