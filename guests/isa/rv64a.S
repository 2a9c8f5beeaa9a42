/* rvisor ISA test: RV64A.
   LR/SC: LR.W sign-extends, SC succeeds (rd = 0, memory written, SC.W writes only 32 bits) only with
   a valid reservation on that address; every SC, successful or not, ends the reservation; a second
   LR moves it; SC to another address (256 bytes away) fails without writing; rd = rs2 and rd = x0;
   .aq/.rl/.aqrl encodings; an LR/SC retry loop. AMOs: every AMO*.W and AMO*.D (SWAP ADD XOR AND OR
   MIN MAX MINU MAXU) with rd = old value (sign-extended for .W), memory = op(old, rs2), signed vs
   unsigned min/max, .W on both words of a doubleword without touching the other word or the
   neighbouring doublewords, rs2 unchanged, rd = rs2, rd = rs1, rd = x0. Faults: misaligned LR
   (cause 4) and AMO (cause 6; QEMU 7.2 reports 4, accepted), mtval = the address, memory unchanged;
   LR to an unmapped address (cause 5), AMO to one (cause 7; QEMU 7.2 reports 5, accepted).
   rvisor only (SKIP_UNLESS_RVISOR): misaligned SC raises cause 6 even without a reservation (QEMU
   fails the SC without trapping), and the exact AMO causes 6/7.
   Not here: AMOs under address translation (sv39.S).
   The AMO values are table-driven: row i of tab_<op>_<w> is check first + i; expected values were
   computed offline. */
#include "test.h"

/* rows: .dword memory, rs2, expected rd, expected memory, offset (0 or 4; the operand address is
   abuf + 8 + offset); abuf+0 and abuf+16 are guards that must keep their pattern. */
#define AMO_TABLE(first, op, table, count) \
  li TESTNUM, first; la s0, table; li s1, count; la s3, abuf; li a5, 0x5a5a5a5a5a5a5a5a; \
  sd a5, 0(s3); sd a5, 16(s3); \
80200: ld a1, 0(s0); sd a1, 8(s3); ld a2, 8(s0); ld a4, 32(s0); add s2, s3, a4; addi s2, s2, 8; \
  op a0, a2, (s2); \
  ld t6, 16(s0); bne a0, t6, fail; ld a1, 8(s3); ld t6, 24(s0); bne a1, t6, fail; \
  ld t6, 8(s0); bne a2, t6, fail; ld a1, 0(s3); bne a1, a5, fail; ld a1, 16(s3); bne a1, a5, fail; \
  addi TESTNUM, TESTNUM, 1; addi s0, s0, 40; addi s1, s1, -1; bnez s1, 80200b

/* accept mcause c1 or c2 */
#define CHECK_CAUSE2(c1, c2) LOAD_TREC(t5, TR_CAUSE); li t6, c1; beq t5, t6, 80210f; li t6, c2; bne t5, t6, fail; 80210:

TEST_BEGIN

  /* ---- LR / SC ---- */
  TEST(1)       /* no reservation has ever been made: SC fails and does not write */
  la a1, rbuf; li a2, 0x1122334455667788; sd a2, 0(a1); li a3, 0x99
  sc.d a4, a3, (a1); beqz a4, fail; ld a5, 0(a1); CHECK(a5, 0x1122334455667788)
  TEST(2); lr.d a0, (a1); CHECK(a0, 0x1122334455667788)
  TEST(3); li a3, 0xaabbccdd; sc.d a4, a3, (a1); CHECK(a4, 0); ld a5, 0(a1); CHECK(a5, 0xaabbccdd)
  TEST(4)       /* the successful SC ended the reservation */
  li a3, 0x77; sc.d a4, a3, (a1); beqz a4, fail; ld a5, 0(a1); CHECK(a5, 0xaabbccdd)
  TEST(5)       /* SC to another address fails, and ends the reservation too */
  la a1, rbuf; addi a2, a1, 256; li a3, 0x5555; sd a3, 0(a2)
  lr.d a0, (a1); li a3, 0x6666; sc.d a4, a3, (a2); beqz a4, fail; ld a5, 0(a2); CHECK(a5, 0x5555)
  sc.d a4, a3, (a1); beqz a4, fail; ld a5, 0(a1); CHECK(a5, 0xaabbccdd)
  TEST(6)       /* a second LR moves the reservation */
  lr.d a0, (a1); lr.d a0, (a2); li a3, 0x7777; sc.d a4, a3, (a1); beqz a4, fail
  ld a5, 0(a1); CHECK(a5, 0xaabbccdd)
  TEST(7); lr.d a0, (a1); lr.d a0, (a2); CHECK(a0, 0x5555); sc.d a4, a3, (a2); CHECK(a4, 0)
  ld a5, 0(a2); CHECK(a5, 0x7777)
  TEST(8)       /* LR.W sign-extends; SC.W writes only the low 32 bits of rs2 into one word */
  la a1, rbuf; li a2, 0x1234567880000001; sd a2, 0(a1)
  lr.w a0, (a1); CHECK(a0, 0xffffffff80000001)
  li a3, 0xffffffff0000abcd; sc.w a4, a3, (a1); CHECK(a4, 0); ld a5, 0(a1); CHECK(a5, 0x123456780000abcd)
  TEST(9); addi a2, a1, 4; lr.w a0, (a2); CHECK(a0, 0x12345678)
  li a3, 0x87654321; sc.w a4, a3, (a2); CHECK(a4, 0); ld a5, 0(a1); CHECK(a5, 0x876543210000abcd)
  TEST(10); lr.w a0, (a2); CHECK(a0, 0xffffffff87654321); sc.w a4, a3, (a2); CHECK(a4, 0)
  sc.w a4, a3, (a2); beqz a4, fail
  TEST(11)       /* rd = rs2 and rd = x0 */
  li a3, 0x31; sd a3, 0(a1); lr.d a0, (a1); li a3, 0x42; sc.d a3, a3, (a1); CHECK(a3, 0)
  ld a5, 0(a1); CHECK(a5, 0x42)
  TEST(12); lr.d a0, (a1); li a3, 0x43; sc.d x0, a3, (a1); ld a5, 0(a1); CHECK(a5, 0x43); CHECK(x0, 0)
  TEST(13)       /* ordering bits */
  lr.d.aq a0, (a1); CHECK(a0, 0x43); li a3, 0x44; sc.d.rl a4, a3, (a1); CHECK(a4, 0)
  lr.d.aqrl a0, (a1); CHECK(a0, 0x44); li a3, 0x45; sc.d.aqrl a4, a3, (a1); CHECK(a4, 0)
  lr.w.aq a0, (a1); CHECK(a0, 0x45); li a3, 0x46; sc.w.rl a4, a3, (a1); CHECK(a4, 0)
  lr.w.aqrl a0, (a1); CHECK(a0, 0x46); li a3, 0x47; sc.w.aqrl a4, a3, (a1); CHECK(a4, 0)
  ld a5, 0(a1); CHECK(a5, 0x47)
  TEST(14)       /* the usual retry loop: 50 atomic increments */
  sd zero, 0(a1); li s4, 50
1:lr.d a0, (a1); addi a0, a0, 1; sc.d a4, a0, (a1); bnez a4, 1b
  addi s4, s4, -1; bnez s4, 1b
  ld a5, 0(a1); CHECK(a5, 50)
  TEST(15)       /* the same with words: LR.W/SC.W on a negative value */
  li a3, -3; sw a3, 0(a1); li s4, 5
1:lr.w a0, (a1); addi a0, a0, 1; sc.w a4, a0, (a1); bnez a4, 1b
  addi s4, s4, -1; bnez s4, 1b
  lw a5, 0(a1); CHECK(a5, 2)

  /* ---- AMO register aliasing ---- */
  TEST(16)       /* rd = rs2: rd gets the old memory value, memory the old rs2 */
  la a1, rbuf; li a2, 0x1000; sd a2, 0(a1); li a3, 0x2000; amoswap.d a3, a3, (a1); CHECK(a3, 0x1000)
  ld a5, 0(a1); CHECK(a5, 0x2000)
  TEST(17)       /* rd = rs1: the address is taken before rd is written */
  mv a4, a1; amoadd.d a4, a3, (a4); CHECK(a4, 0x2000); ld a5, 0(a1); CHECK(a5, 0x3000)
  TEST(18)       /* rd = x0 still updates memory */
  li a3, 5; amoadd.w x0, a3, (a1); ld a5, 0(a1); CHECK(a5, 0x3005); CHECK(x0, 0)
  TEST(19); li a3, -1; amoxor.d.aqrl x0, a3, (a1); ld a5, 0(a1); CHECK(a5, 0xffffffffffffcffa)
  TEST(20); li a3, 0xff; amoand.w.aq a0, a3, (a1); CHECK(a0, 0xffffffffffffcffa)
  ld a5, 0(a1); CHECK(a5, 0xffffffff000000fa)
  TEST(21); li a3, 0x100; amoor.d.rl a0, a3, (a1); CHECK(a0, 0xffffffff000000fa)
  ld a5, 0(a1); CHECK(a5, 0xffffffff000001fa)

  /* ---- faults ---- */
  TEST(22)       /* misaligned LR.W: load address misaligned, mtval = the address */
  la a1, rbuf + 2; li a0, 0x3333
  EXPECT_TRAP(1f)
2:lr.w a0, (a1)
  j fail
1:CHECK_CAUSE(CAUSE_MISALIGNED_LOAD); CHECK_EPC(2b); CHECK_TVAL_ADDR(rbuf + 2); CHECK(a0, 0x3333)
  TEST(23); la a1, rbuf + 4
  EXPECT_TRAP(1f)
2:lr.d a0, (a1)
  j fail
1:CHECK_CAUSE(CAUSE_MISALIGNED_LOAD); CHECK_EPC(2b); CHECK_TVAL_ADDR(rbuf + 4); CHECK(a0, 0x3333)
  TEST(24)       /* misaligned AMO: store/AMO address misaligned (QEMU 7.2: load misaligned) */
  la a1, rbuf; li a2, 0x0102030405060708; sd a2, 0(a1); addi a1, a1, 2; li a3, 1
  EXPECT_TRAP(1f)
2:amoadd.w a0, a3, (a1)
  j fail
1:CHECK_CAUSE2(CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD); CHECK_EPC(2b); CHECK_TVAL_ADDR(rbuf + 2)
  CHECK(a0, 0x3333); la a1, rbuf; ld a5, 0(a1); CHECK(a5, 0x0102030405060708)
  TEST(25); la a1, rbuf + 4
  EXPECT_TRAP(1f)
2:amoswap.d a0, a3, (a1)
  j fail
1:CHECK_CAUSE2(CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD); CHECK_EPC(2b); CHECK_TVAL_ADDR(rbuf + 4)
  la a1, rbuf; ld a5, 0(a1); CHECK(a5, 0x0102030405060708)
  TEST(26)       /* LR from an address that is neither RAM nor a device: load access fault */
  li a1, UNMAPPED_ADDR
  EXPECT_TRAP(1f)
2:lr.d a0, (a1)
  j fail
1:CHECK_CAUSE(CAUSE_LOAD_ACCESS); CHECK_EPC(2b); CHECK_TVAL(UNMAPPED_ADDR); CHECK(a0, 0x3333)
  TEST(27)       /* AMO there: store/AMO access fault (QEMU 7.2: load access fault) */
  EXPECT_TRAP(1f)
2:amoor.w a0, a3, (a1)
  j fail
1:CHECK_CAUSE2(CAUSE_STORE_ACCESS, CAUSE_LOAD_ACCESS); CHECK_EPC(2b); CHECK_TVAL(UNMAPPED_ADDR)
  CHECK(a0, 0x3333)

  /* ---- rvisor's exact choices ---- */
  SKIP_UNLESS_RVISOR(9f)
  TEST(28); la a1, rbuf + 2
  EXPECT_TRAP(1f)
2:amomaxu.w a0, a3, (a1)
  j fail
1:CHECK_CAUSE(CAUSE_MISALIGNED_STORE); CHECK_TVAL_ADDR(rbuf + 2)
  TEST(29); li a1, UNMAPPED_ADDR
  EXPECT_TRAP(1f)
2:amoswap.d a0, a3, (a1)
  j fail
1:CHECK_CAUSE(CAUSE_STORE_ACCESS); CHECK_TVAL(UNMAPPED_ADDR)
  TEST(30); la a1, rbuf + 4
  EXPECT_TRAP(1f)
2:sc.d a0, a3, (a1)
  j fail
1:CHECK_CAUSE(CAUSE_MISALIGNED_STORE); CHECK_EPC(2b); CHECK_TVAL_ADDR(rbuf + 4)
  TEST(31); la a1, rbuf + 1
  EXPECT_TRAP(1f)
2:sc.w a0, a3, (a1)
  j fail
1:CHECK_CAUSE(CAUSE_MISALIGNED_STORE); CHECK_EPC(2b); CHECK_TVAL_ADDR(rbuf + 1)
  la a1, rbuf; ld a5, 0(a1); CHECK(a5, 0x0102030405060708)
9:

  /* ---- every AMO on values (table-driven) ---- */

  /* ---- amoswap.d ---- */
  AMO_TABLE(32, amoswap.d, tab_swap_d, 9)  /* checks 32..40 */

  /* ---- amoswap.w ---- */
  AMO_TABLE(41, amoswap.w, tab_swap_w, 9)  /* checks 41..49 */

  /* ---- amoadd.d ---- */
  AMO_TABLE(50, amoadd.d, tab_add_d, 9)  /* checks 50..58 */

  /* ---- amoadd.w ---- */
  AMO_TABLE(59, amoadd.w, tab_add_w, 9)  /* checks 59..67 */

  /* ---- amoxor.d ---- */
  AMO_TABLE(68, amoxor.d, tab_xor_d, 9)  /* checks 68..76 */

  /* ---- amoxor.w ---- */
  AMO_TABLE(77, amoxor.w, tab_xor_w, 9)  /* checks 77..85 */

  /* ---- amoand.d ---- */
  AMO_TABLE(86, amoand.d, tab_and_d, 9)  /* checks 86..94 */

  /* ---- amoand.w ---- */
  AMO_TABLE(95, amoand.w, tab_and_w, 9)  /* checks 95..103 */

  /* ---- amoor.d ---- */
  AMO_TABLE(104, amoor.d, tab_or_d, 9)  /* checks 104..112 */

  /* ---- amoor.w ---- */
  AMO_TABLE(113, amoor.w, tab_or_w, 9)  /* checks 113..121 */

  /* ---- amomin.d ---- */
  AMO_TABLE(122, amomin.d, tab_min_d, 9)  /* checks 122..130 */

  /* ---- amomin.w ---- */
  AMO_TABLE(131, amomin.w, tab_min_w, 9)  /* checks 131..139 */

  /* ---- amomax.d ---- */
  AMO_TABLE(140, amomax.d, tab_max_d, 9)  /* checks 140..148 */

  /* ---- amomax.w ---- */
  AMO_TABLE(149, amomax.w, tab_max_w, 9)  /* checks 149..157 */

  /* ---- amominu.d ---- */
  AMO_TABLE(158, amominu.d, tab_minu_d, 9)  /* checks 158..166 */

  /* ---- amominu.w ---- */
  AMO_TABLE(167, amominu.w, tab_minu_w, 9)  /* checks 167..175 */

  /* ---- amomaxu.d ---- */
  AMO_TABLE(176, amomaxu.d, tab_maxu_d, 9)  /* checks 176..184 */

  /* ---- amomaxu.w ---- */
  AMO_TABLE(185, amomaxu.w, tab_maxu_w, 9)  /* checks 185..193 */

  j pass
TEST_END

  .data
  .align 6
rbuf:
  .zero 512
abuf:
  .zero 24

  .section .rodata
  .align 3
tab_swap_d:  /* amoswap.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 32 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0  /* 33 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1, 0  /* 34 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0  /* 35 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0  /* 36 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0xfedcba9876543210, 0  /* 37 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0xffffffff00000000, 0  /* 38 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0  /* 39 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0x100000000, 0  /* 40 */
tab_swap_w:  /* amoswap.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 41 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0xffffffff22222222, 4  /* 42 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x3333333300000001, 0  /* 43 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0x8000000044444444, 4  /* 44 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x555555557fffffff, 0  /* 45 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x8000000066666666, 4  /* 46 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777ffffffff, 0  /* 47 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0x7654321088888888, 4  /* 48 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x9999999900000001, 0  /* 49 */
tab_add_d:  /* amoadd.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 50 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0x0, 0  /* 51 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x0, 0  /* 52 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff, 0  /* 53 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0  /* 54 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0xffffffffffffffff, 0  /* 55 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0x5555555455555555, 0  /* 56 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffd, 0  /* 57 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0x1ffffffff, 0  /* 58 */
tab_add_w:  /* amoadd.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 59 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0x22222222, 4  /* 60 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x3333333300000000, 0  /* 61 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0xffffffff44444444, 4  /* 62 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x55555555ffffffff, 0  /* 63 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x8000000066666666, 4  /* 64 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777fffffffd, 0  /* 65 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0xffffffff88888888, 4  /* 66 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x9999999900000000, 0  /* 67 */
tab_xor_d:  /* amoxor.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 68 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0xfffffffffffffffe, 0  /* 69 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xfffffffffffffffe, 0  /* 70 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff, 0  /* 71 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0  /* 72 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0xffffffffffffffff, 0  /* 73 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0xaaaaaaaa55555555, 0  /* 74 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0x1, 0  /* 75 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0x1ffffffff, 0  /* 76 */
tab_xor_w:  /* amoxor.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 77 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0xfffffffe22222222, 4  /* 78 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x33333333fffffffe, 0  /* 79 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0xffffffff44444444, 4  /* 80 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x55555555ffffffff, 0  /* 81 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x8000000066666666, 4  /* 82 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x7777777700000001, 0  /* 83 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0xffffffff88888888, 4  /* 84 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x99999999fffffffe, 0  /* 85 */
tab_and_d:  /* amoand.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 86 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0x1, 0  /* 87 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1, 0  /* 88 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x0, 0  /* 89 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x0, 0  /* 90 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0x0, 0  /* 91 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0x5555555500000000, 0  /* 92 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe, 0  /* 93 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0x0, 0  /* 94 */
tab_and_w:  /* amoand.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 95 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0x122222222, 4  /* 96 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x3333333300000001, 0  /* 97 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0x44444444, 4  /* 98 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x5555555500000000, 0  /* 99 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x66666666, 4  /* 100 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777fffffffe, 0  /* 101 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0x88888888, 4  /* 102 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x9999999900000001, 0  /* 103 */
tab_or_d:  /* amoor.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 104 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0  /* 105 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0  /* 106 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff, 0  /* 107 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0  /* 108 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0xffffffffffffffff, 0  /* 109 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0xffffffff55555555, 0  /* 110 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0  /* 111 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0x1ffffffff, 0  /* 112 */
tab_or_w:  /* amoor.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 113 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0xffffffff22222222, 4  /* 114 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x33333333ffffffff, 0  /* 115 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0xffffffff44444444, 4  /* 116 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x55555555ffffffff, 0  /* 117 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x8000000066666666, 4  /* 118 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777ffffffff, 0  /* 119 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0xffffffff88888888, 4  /* 120 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x99999999ffffffff, 0  /* 121 */
tab_min_d:  /* amomin.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 122 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0  /* 123 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0  /* 124 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0  /* 125 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000, 0  /* 126 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0xfedcba9876543210, 0  /* 127 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0xffffffff00000000, 0  /* 128 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe, 0  /* 129 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0xffffffff, 0  /* 130 */
tab_min_w:  /* amomin.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 131 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0xffffffff22222222, 4  /* 132 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x33333333ffffffff, 0  /* 133 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0x8000000044444444, 4  /* 134 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x5555555580000000, 0  /* 135 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x8000000066666666, 4  /* 136 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777fffffffe, 0  /* 137 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0x89abcdef88888888, 4  /* 138 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x99999999ffffffff, 0  /* 139 */
tab_max_d:  /* amomax.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 140 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0x1, 0  /* 141 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1, 0  /* 142 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff, 0  /* 143 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0  /* 144 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0x123456789abcdef, 0  /* 145 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0x5555555555555555, 0  /* 146 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0  /* 147 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0x100000000, 0  /* 148 */
tab_max_w:  /* amomax.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 149 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0x122222222, 4  /* 150 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x3333333300000001, 0  /* 151 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0x7fffffff44444444, 4  /* 152 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x555555557fffffff, 0  /* 153 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x66666666, 4  /* 154 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777ffffffff, 0  /* 155 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0x7654321088888888, 4  /* 156 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x9999999900000001, 0  /* 157 */
tab_minu_d:  /* amominu.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 158 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0x1, 0  /* 159 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0x1, 0  /* 160 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff, 0  /* 161 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0  /* 162 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0x123456789abcdef, 0  /* 163 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0x5555555555555555, 0  /* 164 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe, 0  /* 165 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0xffffffff, 0  /* 166 */
tab_minu_w:  /* amominu.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 167 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0x122222222, 4  /* 168 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x3333333300000001, 0  /* 169 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0x7fffffff44444444, 4  /* 170 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x555555557fffffff, 0  /* 171 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x66666666, 4  /* 172 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777fffffffe, 0  /* 173 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0x7654321088888888, 4  /* 174 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x9999999900000001, 0  /* 175 */
tab_maxu_d:  /* amomaxu.d: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x0, 0x0, 0x0, 0x0, 0  /* 176 */
  .dword 0x1, 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0  /* 177 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff, 0xffffffffffffffff, 0  /* 178 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0  /* 179 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000, 0  /* 180 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef, 0xfedcba9876543210, 0  /* 181 */
  .dword 0x5555555555555555, 0xffffffff00000000, 0x5555555555555555, 0xffffffff00000000, 0  /* 182 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0  /* 183 */
  .dword 0xffffffff, 0x100000000, 0xffffffff, 0x100000000, 0  /* 184 */
tab_maxu_w:  /* amomaxu.w: memory, rs2, expected rd, expected memory, offset  (check number) */
  .dword 0x1111111100000000, 0x0, 0x0, 0x1111111100000000, 0  /* 185 */
  .dword 0x122222222, 0xffffffffffffffff, 0x1, 0xffffffff22222222, 4  /* 186 */
  .dword 0x33333333ffffffff, 0x1, 0xffffffffffffffff, 0x33333333ffffffff, 0  /* 187 */
  .dword 0x7fffffff44444444, 0x80000000, 0x7fffffff, 0x8000000044444444, 4  /* 188 */
  .dword 0x5555555580000000, 0x7fffffff, 0xffffffff80000000, 0x5555555580000000, 0  /* 189 */
  .dword 0x66666666, 0xffffffff80000000, 0x0, 0x8000000066666666, 4  /* 190 */
  .dword 0x77777777fffffffe, 0x12345678ffffffff, 0xfffffffffffffffe, 0x77777777ffffffff, 0  /* 191 */
  .dword 0x89abcdef88888888, 0xfedcba9876543210, 0xffffffff89abcdef, 0x89abcdef88888888, 4  /* 192 */
  .dword 0x99999999ffffffff, 0xaaaaaaaa00000001, 0xffffffffffffffff, 0x99999999ffffffff, 0  /* 193 */
