/* rvisor ISA test: RV64M.
   Every M instruction (MUL MULH MULHSU MULHU MULW DIV DIVU REM REMU DIVW DIVUW REMW REMUW) on edge
   values: signs, INT64_MIN / -1 and INT32_MIN / -1 overflow (quotient = dividend, remainder 0),
   division by zero (quotient all ones, remainder = dividend; the *W forms sign-extend the 32-bit
   result), upper halves of 128-bit products for all three signednesses, *W forms ignoring the
   upper 32 bits of their sources; rd = rs1 / rd = rs2 / rs1 = rs2, x0 as source and destination.
   Table rows: row i of tab_<op> is check first + i. Expected values were computed offline with
   exact integer arithmetic. */
#include "test.h"

TEST_BEGIN

  /* ---- mul ---- */
  TEST_R_TABLE(1, mul, tab_mul, 70)  /* checks 1..70 */
  TEST_R_RD_IS_RS1(71, mul, 0xda740da740da8523, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(72, mul, 0xda740da740da8523, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(73, mul, 0xfe60a9, 0xfffffffffffff00d)
  TEST_R_X0_RS1(74, mul, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(75, mul, 0x0, 0x123456789abcdef)
  TEST_R_X0_RD(76, mul, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(77, mul, 0x789abcdf01234570, 0xfedcba9876543210, 0x77)

  /* ---- mulh ---- */
  TEST_R_TABLE(78, mulh, tab_mulh, 70)  /* checks 78..147 */
  TEST_R_RD_IS_RS1(148, mulh, 0xffffffffffffffed, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(149, mulh, 0xffffffffffffffed, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(150, mulh, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS1(151, mulh, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(152, mulh, 0x0, 0x123456789abcdef)
  TEST_R_X0_RD(153, mulh, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(154, mulh, 0xffffffffffffffff, 0xfedcba9876543210, 0x77)

  /* ---- mulhsu ---- */
  TEST_R_TABLE(155, mulhsu, tab_mulhsu, 70)  /* checks 155..224 */
  TEST_R_RD_IS_RS1(225, mulhsu, 0x123456789abcddc, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(226, mulhsu, 0x123456789abcddc, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(227, mulhsu, 0xfffffffffffff00d, 0xfffffffffffff00d)
  TEST_R_X0_RS1(228, mulhsu, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(229, mulhsu, 0x0, 0x123456789abcdef)
  TEST_R_X0_RD(230, mulhsu, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(231, mulhsu, 0xffffffffffffffff, 0xfedcba9876543210, 0x77)

  /* ---- mulhu ---- */
  TEST_R_TABLE(232, mulhu, tab_mulhu, 70)  /* checks 232..301 */
  TEST_R_RD_IS_RS1(302, mulhu, 0x123456789abcddc, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(303, mulhu, 0x123456789abcddc, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(304, mulhu, 0xffffffffffffe01a, 0xfffffffffffff00d)
  TEST_R_X0_RS1(305, mulhu, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(306, mulhu, 0x0, 0x123456789abcdef)
  TEST_R_X0_RD(307, mulhu, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(308, mulhu, 0x76, 0xfedcba9876543210, 0x77)

  /* ---- mulw ---- */
  TEST_R_TABLE(309, mulw, tab_mulw, 70)  /* checks 309..378 */
  TEST_R_RD_IS_RS1(379, mulw, 0x40da8523, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(380, mulw, 0x40da8523, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(381, mulw, 0xfe60a9, 0xfffffffffffff00d)
  TEST_R_X0_RS1(382, mulw, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(383, mulw, 0x0, 0x123456789abcdef)
  TEST_R_X0_RD(384, mulw, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(385, mulw, 0x1234570, 0xfedcba9876543210, 0x77)

  /* ---- div ---- */
  TEST_R_TABLE(386, div, tab_div, 70)  /* checks 386..455 */
  TEST_R_RD_IS_RS1(456, div, 0xffffedbcd2f2ca88, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(457, div, 0xffffedbcd2f2ca88, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(458, div, 0x1, 0xfffffffffffff00d)
  TEST_R_X0_RS1(459, div, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(460, div, 0xffffffffffffffff, 0x123456789abcdef)
  TEST_R_X0_RD(461, div, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(462, div, 0xfffd8d6663f3cccb, 0xfedcba9876543210, 0x77)

  /* ---- divu ---- */
  TEST_R_TABLE(463, divu, tab_divu, 70)  /* checks 463..532 */
  TEST_R_RD_IS_RS1(533, divu, 0x0, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(534, divu, 0x0, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(535, divu, 0x1, 0xfffffffffffff00d)
  TEST_R_X0_RS1(536, divu, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(537, divu, 0xffffffffffffffff, 0x123456789abcdef)
  TEST_R_X0_RD(538, divu, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(539, divu, 0x22446688aaccef1, 0xfedcba9876543210, 0x77)

  /* ---- rem ---- */
  TEST_R_TABLE(540, rem, tab_rem, 70)  /* checks 540..609 */
  TEST_R_RD_IS_RS1(610, rem, 0x507, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(611, rem, 0x507, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(612, rem, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS1(613, rem, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(614, rem, 0x123456789abcdef, 0x123456789abcdef)
  TEST_R_X0_RD(615, rem, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(616, rem, 0xffffffffffffffb3, 0xfedcba9876543210, 0x77)

  /* ---- remu ---- */
  TEST_R_TABLE(617, remu, tab_remu, 70)  /* checks 617..686 */
  TEST_R_RD_IS_RS1(687, remu, 0x123456789abcdef, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(688, remu, 0x123456789abcdef, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(689, remu, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS1(690, remu, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(691, remu, 0x123456789abcdef, 0x123456789abcdef)
  TEST_R_X0_RD(692, remu, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(693, remu, 0x9, 0xfedcba9876543210, 0x77)

  /* ---- divw ---- */
  TEST_R_TABLE(694, divw, tab_divw, 70)  /* checks 694..763 */
  TEST_R_RD_IS_RS1(764, divw, 0x76b4a, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(765, divw, 0x76b4a, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(766, divw, 0x1, 0xfffffffffffff00d)
  TEST_R_X0_RS1(767, divw, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(768, divw, 0xffffffffffffffff, 0x123456789abcdef)
  TEST_R_X0_RD(769, divw, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(770, divw, 0xfe8e67, 0xfedcba9876543210, 0x77)

  /* ---- divuw ---- */
  TEST_R_TABLE(771, divuw, tab_divuw, 70)  /* checks 771..840 */
  TEST_R_RD_IS_RS1(841, divuw, 0x0, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(842, divuw, 0x0, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(843, divuw, 0x1, 0xfffffffffffff00d)
  TEST_R_X0_RS1(844, divuw, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(845, divuw, 0xffffffffffffffff, 0x123456789abcdef)
  TEST_R_X0_RD(846, divuw, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(847, divuw, 0xfe8e67, 0xfedcba9876543210, 0x77)

  /* ---- remw ---- */
  TEST_R_TABLE(848, remw, tab_remw, 70)  /* checks 848..917 */
  TEST_R_RD_IS_RS1(918, remw, 0xfffffffffffffb2d, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(919, remw, 0xfffffffffffffb2d, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(920, remw, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS1(921, remw, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(922, remw, 0xffffffff89abcdef, 0x123456789abcdef)
  TEST_R_X0_RD(923, remw, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(924, remw, 0x2f, 0xfedcba9876543210, 0x77)

  /* ---- remuw ---- */
  TEST_R_TABLE(925, remuw, tab_remuw, 70)  /* checks 925..994 */
  TEST_R_RD_IS_RS1(995, remuw, 0xffffffff89abcdef, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_RD_IS_RS2(996, remuw, 0xffffffff89abcdef, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_SAME(997, remuw, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS1(998, remuw, 0x0, 0xfffffffffffff00d)
  TEST_R_X0_RS2(999, remuw, 0xffffffff89abcdef, 0x123456789abcdef)
  TEST_R_X0_RD(1000, remuw, 0x123456789abcdef, 0xfffffffffffff00d)
  TEST_R_HI(1001, remuw, 0x2f, 0xfedcba9876543210, 0x77)

  /* ---- the sequences the spec recommends fusing give the same results ---- */
  TEST(1002); li a1, 0xfedcba9876543210; li a2, 0x123456789abcdef; mulh a3, a1, a2; mul a4, a1, a2
  CHECK(a3, 0xfffeb49923cc0953); CHECK(a4, 0x2236d88fe5618cf0)
  TEST(1003); li a1, 0xfedcba9876543210; li a2, 0x123456789abcdef; divu a3, a1, a2; remu a4, a1, a2
  CHECK(a3, 0xe0); CHECK(a4, 0xf0)
  TEST(1004); li a1, 0xfedcba9876543210; li a2, 0x123456789abcdef; div a1, a1, a2; li a1, 0xfedcba9876543210; rem a1, a1, a2
  CHECK(a1, 0xffffffffffffffff)
TEST_END

  .section .rodata
  .align 3
tab_mul:  /* mul: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 1 */
  .dword 0x0, 0x1, 0x0  /* 2 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 3 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 4 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 5 */
  .dword 0x0, 0x2, 0x0  /* 6 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 7 */
  .dword 0x1, 0x0, 0x0  /* 8 */
  .dword 0x1, 0x1, 0x1  /* 9 */
  .dword 0x1, 0xffffffffffffffff, 0xffffffffffffffff  /* 10 */
  .dword 0x1, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 11 */
  .dword 0x1, 0x8000000000000000, 0x8000000000000000  /* 12 */
  .dword 0x1, 0x2, 0x2  /* 13 */
  .dword 0x1, 0xfffffffffffffffe, 0xfffffffffffffffe  /* 14 */
  .dword 0xffffffffffffffff, 0x0, 0x0  /* 15 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 16 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x1  /* 17 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000001  /* 18 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x8000000000000000  /* 19 */
  .dword 0xffffffffffffffff, 0x2, 0xfffffffffffffffe  /* 20 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x2  /* 21 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 22 */
  .dword 0x7fffffffffffffff, 0x1, 0x7fffffffffffffff  /* 23 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000001  /* 24 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1  /* 25 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000000  /* 26 */
  .dword 0x7fffffffffffffff, 0x2, 0xfffffffffffffffe  /* 27 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x2  /* 28 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 29 */
  .dword 0x8000000000000000, 0x1, 0x8000000000000000  /* 30 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000  /* 31 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000  /* 32 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 33 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 34 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 35 */
  .dword 0x2, 0x0, 0x0  /* 36 */
  .dword 0x2, 0x1, 0x2  /* 37 */
  .dword 0x2, 0xffffffffffffffff, 0xfffffffffffffffe  /* 38 */
  .dword 0x2, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 39 */
  .dword 0x2, 0x8000000000000000, 0x0  /* 40 */
  .dword 0x2, 0x2, 0x4  /* 41 */
  .dword 0x2, 0xfffffffffffffffe, 0xfffffffffffffffc  /* 42 */
  .dword 0xfffffffffffffffe, 0x0, 0x0  /* 43 */
  .dword 0xfffffffffffffffe, 0x1, 0xfffffffffffffffe  /* 44 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x2  /* 45 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x2  /* 46 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0x0  /* 47 */
  .dword 0xfffffffffffffffe, 0x2, 0xfffffffffffffffc  /* 48 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x4  /* 49 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x2236d88fe5618cf0  /* 50 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0x2236d88fe5618cf0  /* 51 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x1c71c71c71c71c72  /* 52 */
  .dword 0x14, 0x6, 0x78  /* 53 */
  .dword 0xffffffffffffffec, 0x6, 0xffffffffffffff88  /* 54 */
  .dword 0x14, 0xfffffffffffffffa, 0xffffffffffffff88  /* 55 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0x78  /* 56 */
  .dword 0x7fffffff, 0x7fffffff, 0x3fffffff00000001  /* 57 */
  .dword 0x80000000, 0xffffffff, 0x7fffffff80000000  /* 58 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0x80000000  /* 59 */
  .dword 0xffffffff80000000, 0xffffffff, 0x8000000080000000  /* 60 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0x56789c15ffffff88  /* 61 */
  .dword 0xffffffff, 0xffffffff, 0xfffffffe00000001  /* 62 */
  .dword 0x100000000, 0x100000000, 0x0  /* 63 */
  .dword 0xdeadbeefcafebabe, 0x0, 0x0  /* 64 */
  .dword 0x1234567800000014, 0xfffffffa, 0x92c5f943ffffff88  /* 65 */
  .dword 0x80000000, 0xffffffff00000000, 0x8000000000000000  /* 66 */
  .dword 0xffffffff7fffffff, 0x80000000, 0xbfffffff80000000  /* 67 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x8171055344676410  /* 68 */
  .dword 0x3, 0xffffffffffffffff, 0xfffffffffffffffd  /* 69 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x40000000  /* 70 */
tab_mulh:  /* mulh: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 78 */
  .dword 0x0, 0x1, 0x0  /* 79 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 80 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 81 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 82 */
  .dword 0x0, 0x2, 0x0  /* 83 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 84 */
  .dword 0x1, 0x0, 0x0  /* 85 */
  .dword 0x1, 0x1, 0x0  /* 86 */
  .dword 0x1, 0xffffffffffffffff, 0xffffffffffffffff  /* 87 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 88 */
  .dword 0x1, 0x8000000000000000, 0xffffffffffffffff  /* 89 */
  .dword 0x1, 0x2, 0x0  /* 90 */
  .dword 0x1, 0xfffffffffffffffe, 0xffffffffffffffff  /* 91 */
  .dword 0xffffffffffffffff, 0x0, 0x0  /* 92 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 93 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 94 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff  /* 95 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x0  /* 96 */
  .dword 0xffffffffffffffff, 0x2, 0xffffffffffffffff  /* 97 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x0  /* 98 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 99 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 100 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff  /* 101 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff  /* 102 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xc000000000000000  /* 103 */
  .dword 0x7fffffffffffffff, 0x2, 0x0  /* 104 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff  /* 105 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 106 */
  .dword 0x8000000000000000, 0x1, 0xffffffffffffffff  /* 107 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 108 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xc000000000000000  /* 109 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x4000000000000000  /* 110 */
  .dword 0x8000000000000000, 0x2, 0xffffffffffffffff  /* 111 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x1  /* 112 */
  .dword 0x2, 0x0, 0x0  /* 113 */
  .dword 0x2, 0x1, 0x0  /* 114 */
  .dword 0x2, 0xffffffffffffffff, 0xffffffffffffffff  /* 115 */
  .dword 0x2, 0x7fffffffffffffff, 0x0  /* 116 */
  .dword 0x2, 0x8000000000000000, 0xffffffffffffffff  /* 117 */
  .dword 0x2, 0x2, 0x0  /* 118 */
  .dword 0x2, 0xfffffffffffffffe, 0xffffffffffffffff  /* 119 */
  .dword 0xfffffffffffffffe, 0x0, 0x0  /* 120 */
  .dword 0xfffffffffffffffe, 0x1, 0xffffffffffffffff  /* 121 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x0  /* 122 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0xffffffffffffffff  /* 123 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0x1  /* 124 */
  .dword 0xfffffffffffffffe, 0x2, 0xffffffffffffffff  /* 125 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x0  /* 126 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xfffeb49923cc0953  /* 127 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0xfffeb49923cc0953  /* 128 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xe38e38e38e38e38e  /* 129 */
  .dword 0x14, 0x6, 0x0  /* 130 */
  .dword 0xffffffffffffffec, 0x6, 0xffffffffffffffff  /* 131 */
  .dword 0x14, 0xfffffffffffffffa, 0xffffffffffffffff  /* 132 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0x0  /* 133 */
  .dword 0x7fffffff, 0x7fffffff, 0x0  /* 134 */
  .dword 0x80000000, 0xffffffff, 0x0  /* 135 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0x0  /* 136 */
  .dword 0xffffffff80000000, 0xffffffff, 0xffffffffffffffff  /* 137 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0xf8cc93d5bee9ff78  /* 138 */
  .dword 0xffffffff, 0xffffffff, 0x0  /* 139 */
  .dword 0x100000000, 0x100000000, 0x1  /* 140 */
  .dword 0xdeadbeefcafebabe, 0x0, 0x0  /* 141 */
  .dword 0x1234567800000014, 0xfffffffa, 0x12345677  /* 142 */
  .dword 0x80000000, 0xffffffff00000000, 0xffffffffffffffff  /* 143 */
  .dword 0xffffffff7fffffff, 0x80000000, 0xffffffffffffffff  /* 144 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x15f619980c4336f7  /* 145 */
  .dword 0x3, 0xffffffffffffffff, 0xffffffffffffffff  /* 146 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x0  /* 147 */
tab_mulhsu:  /* mulhsu: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 155 */
  .dword 0x0, 0x1, 0x0  /* 156 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 157 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 158 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 159 */
  .dword 0x0, 0x2, 0x0  /* 160 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 161 */
  .dword 0x1, 0x0, 0x0  /* 162 */
  .dword 0x1, 0x1, 0x0  /* 163 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 164 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 165 */
  .dword 0x1, 0x8000000000000000, 0x0  /* 166 */
  .dword 0x1, 0x2, 0x0  /* 167 */
  .dword 0x1, 0xfffffffffffffffe, 0x0  /* 168 */
  .dword 0xffffffffffffffff, 0x0, 0x0  /* 169 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 170 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff  /* 171 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff  /* 172 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 173 */
  .dword 0xffffffffffffffff, 0x2, 0xffffffffffffffff  /* 174 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff  /* 175 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 176 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 177 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x7ffffffffffffffe  /* 178 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff  /* 179 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x3fffffffffffffff  /* 180 */
  .dword 0x7fffffffffffffff, 0x2, 0x0  /* 181 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x7ffffffffffffffe  /* 182 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 183 */
  .dword 0x8000000000000000, 0x1, 0xffffffffffffffff  /* 184 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000  /* 185 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xc000000000000000  /* 186 */
  .dword 0x8000000000000000, 0x8000000000000000, 0xc000000000000000  /* 187 */
  .dword 0x8000000000000000, 0x2, 0xffffffffffffffff  /* 188 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x8000000000000001  /* 189 */
  .dword 0x2, 0x0, 0x0  /* 190 */
  .dword 0x2, 0x1, 0x0  /* 191 */
  .dword 0x2, 0xffffffffffffffff, 0x1  /* 192 */
  .dword 0x2, 0x7fffffffffffffff, 0x0  /* 193 */
  .dword 0x2, 0x8000000000000000, 0x1  /* 194 */
  .dword 0x2, 0x2, 0x0  /* 195 */
  .dword 0x2, 0xfffffffffffffffe, 0x1  /* 196 */
  .dword 0xfffffffffffffffe, 0x0, 0x0  /* 197 */
  .dword 0xfffffffffffffffe, 0x1, 0xffffffffffffffff  /* 198 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe  /* 199 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0xffffffffffffffff  /* 200 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0xffffffffffffffff  /* 201 */
  .dword 0xfffffffffffffffe, 0x2, 0xffffffffffffffff  /* 202 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0xfffffffffffffffe  /* 203 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x121fa00ad77d742  /* 204 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0xfffeb49923cc0953  /* 205 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x38e38e38e38e38e3  /* 206 */
  .dword 0x14, 0x6, 0x0  /* 207 */
  .dword 0xffffffffffffffec, 0x6, 0xffffffffffffffff  /* 208 */
  .dword 0x14, 0xfffffffffffffffa, 0x13  /* 209 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0xffffffffffffffec  /* 210 */
  .dword 0x7fffffff, 0x7fffffff, 0x0  /* 211 */
  .dword 0x80000000, 0xffffffff, 0x0  /* 212 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0xffffffff80000000  /* 213 */
  .dword 0xffffffff80000000, 0xffffffff, 0xffffffffffffffff  /* 214 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0xb00ea4ebee9ff64  /* 215 */
  .dword 0xffffffff, 0xffffffff, 0x0  /* 216 */
  .dword 0x100000000, 0x100000000, 0x1  /* 217 */
  .dword 0xdeadbeefcafebabe, 0x0, 0x0  /* 218 */
  .dword 0x1234567800000014, 0xfffffffa, 0x12345677  /* 219 */
  .dword 0x80000000, 0xffffffff00000000, 0x7fffffff  /* 220 */
  .dword 0xffffffff7fffffff, 0x80000000, 0xffffffffffffffff  /* 221 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0xcafb0ccc06219b7b  /* 222 */
  .dword 0x3, 0xffffffffffffffff, 0x2  /* 223 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0xffffffffffff8000  /* 224 */
tab_mulhu:  /* mulhu: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 232 */
  .dword 0x0, 0x1, 0x0  /* 233 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 234 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 235 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 236 */
  .dword 0x0, 0x2, 0x0  /* 237 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 238 */
  .dword 0x1, 0x0, 0x0  /* 239 */
  .dword 0x1, 0x1, 0x0  /* 240 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 241 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 242 */
  .dword 0x1, 0x8000000000000000, 0x0  /* 243 */
  .dword 0x1, 0x2, 0x0  /* 244 */
  .dword 0x1, 0xfffffffffffffffe, 0x0  /* 245 */
  .dword 0xffffffffffffffff, 0x0, 0x0  /* 246 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 247 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe  /* 248 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x7ffffffffffffffe  /* 249 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff  /* 250 */
  .dword 0xffffffffffffffff, 0x2, 0x1  /* 251 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffd  /* 252 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 253 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 254 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x7ffffffffffffffe  /* 255 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x3fffffffffffffff  /* 256 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x3fffffffffffffff  /* 257 */
  .dword 0x7fffffffffffffff, 0x2, 0x0  /* 258 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x7ffffffffffffffe  /* 259 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 260 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 261 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff  /* 262 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x3fffffffffffffff  /* 263 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x4000000000000000  /* 264 */
  .dword 0x8000000000000000, 0x2, 0x1  /* 265 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x7fffffffffffffff  /* 266 */
  .dword 0x2, 0x0, 0x0  /* 267 */
  .dword 0x2, 0x1, 0x0  /* 268 */
  .dword 0x2, 0xffffffffffffffff, 0x1  /* 269 */
  .dword 0x2, 0x7fffffffffffffff, 0x0  /* 270 */
  .dword 0x2, 0x8000000000000000, 0x1  /* 271 */
  .dword 0x2, 0x2, 0x0  /* 272 */
  .dword 0x2, 0xfffffffffffffffe, 0x1  /* 273 */
  .dword 0xfffffffffffffffe, 0x0, 0x0  /* 274 */
  .dword 0xfffffffffffffffe, 0x1, 0x0  /* 275 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffd  /* 276 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x7ffffffffffffffe  /* 277 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0x7fffffffffffffff  /* 278 */
  .dword 0xfffffffffffffffe, 0x2, 0x1  /* 279 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0xfffffffffffffffc  /* 280 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x121fa00ad77d742  /* 281 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0x121fa00ad77d742  /* 282 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x38e38e38e38e38e3  /* 283 */
  .dword 0x14, 0x6, 0x0  /* 284 */
  .dword 0xffffffffffffffec, 0x6, 0x5  /* 285 */
  .dword 0x14, 0xfffffffffffffffa, 0x13  /* 286 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0xffffffffffffffe6  /* 287 */
  .dword 0x7fffffff, 0x7fffffff, 0x0  /* 288 */
  .dword 0x80000000, 0xffffffff, 0x0  /* 289 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0xffffffff7fffffff  /* 290 */
  .dword 0xffffffff80000000, 0xffffffff, 0xfffffffe  /* 291 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0xb00ea4ebee9ff64  /* 292 */
  .dword 0xffffffff, 0xffffffff, 0x0  /* 293 */
  .dword 0x100000000, 0x100000000, 0x1  /* 294 */
  .dword 0xdeadbeefcafebabe, 0x0, 0x0  /* 295 */
  .dword 0x1234567800000014, 0xfffffffa, 0x12345677  /* 296 */
  .dword 0x80000000, 0xffffffff00000000, 0x7fffffff  /* 297 */
  .dword 0xffffffff7fffffff, 0x80000000, 0x7fffffff  /* 298 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x7fffffffffffffff  /* 299 */
  .dword 0x3, 0xffffffffffffffff, 0x2  /* 300 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0xffffffffffff0000  /* 301 */
tab_mulw:  /* mulw: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 309 */
  .dword 0x0, 0x1, 0x0  /* 310 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 311 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 312 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 313 */
  .dword 0x0, 0x2, 0x0  /* 314 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 315 */
  .dword 0x1, 0x0, 0x0  /* 316 */
  .dword 0x1, 0x1, 0x1  /* 317 */
  .dword 0x1, 0xffffffffffffffff, 0xffffffffffffffff  /* 318 */
  .dword 0x1, 0x7fffffffffffffff, 0xffffffffffffffff  /* 319 */
  .dword 0x1, 0x8000000000000000, 0x0  /* 320 */
  .dword 0x1, 0x2, 0x2  /* 321 */
  .dword 0x1, 0xfffffffffffffffe, 0xfffffffffffffffe  /* 322 */
  .dword 0xffffffffffffffff, 0x0, 0x0  /* 323 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 324 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x1  /* 325 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x1  /* 326 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x0  /* 327 */
  .dword 0xffffffffffffffff, 0x2, 0xfffffffffffffffe  /* 328 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x2  /* 329 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 330 */
  .dword 0x7fffffffffffffff, 0x1, 0xffffffffffffffff  /* 331 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x1  /* 332 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1  /* 333 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x0  /* 334 */
  .dword 0x7fffffffffffffff, 0x2, 0xfffffffffffffffe  /* 335 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x2  /* 336 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 337 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 338 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 339 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x0  /* 340 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 341 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 342 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 343 */
  .dword 0x2, 0x0, 0x0  /* 344 */
  .dword 0x2, 0x1, 0x2  /* 345 */
  .dword 0x2, 0xffffffffffffffff, 0xfffffffffffffffe  /* 346 */
  .dword 0x2, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 347 */
  .dword 0x2, 0x8000000000000000, 0x0  /* 348 */
  .dword 0x2, 0x2, 0x4  /* 349 */
  .dword 0x2, 0xfffffffffffffffe, 0xfffffffffffffffc  /* 350 */
  .dword 0xfffffffffffffffe, 0x0, 0x0  /* 351 */
  .dword 0xfffffffffffffffe, 0x1, 0xfffffffffffffffe  /* 352 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x2  /* 353 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x2  /* 354 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0x0  /* 355 */
  .dword 0xfffffffffffffffe, 0x2, 0xfffffffffffffffc  /* 356 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x4  /* 357 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xffffffffe5618cf0  /* 358 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0xffffffffe5618cf0  /* 359 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x71c71c72  /* 360 */
  .dword 0x14, 0x6, 0x78  /* 361 */
  .dword 0xffffffffffffffec, 0x6, 0xffffffffffffff88  /* 362 */
  .dword 0x14, 0xfffffffffffffffa, 0xffffffffffffff88  /* 363 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0x78  /* 364 */
  .dword 0x7fffffff, 0x7fffffff, 0x1  /* 365 */
  .dword 0x80000000, 0xffffffff, 0xffffffff80000000  /* 366 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0xffffffff80000000  /* 367 */
  .dword 0xffffffff80000000, 0xffffffff, 0xffffffff80000000  /* 368 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0xffffffffffffff88  /* 369 */
  .dword 0xffffffff, 0xffffffff, 0x1  /* 370 */
  .dword 0x100000000, 0x100000000, 0x0  /* 371 */
  .dword 0xdeadbeefcafebabe, 0x0, 0x0  /* 372 */
  .dword 0x1234567800000014, 0xfffffffa, 0xffffffffffffff88  /* 373 */
  .dword 0x80000000, 0xffffffff00000000, 0x0  /* 374 */
  .dword 0xffffffff7fffffff, 0x80000000, 0xffffffff80000000  /* 375 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x44676410  /* 376 */
  .dword 0x3, 0xffffffffffffffff, 0xfffffffffffffffd  /* 377 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x40000000  /* 378 */
tab_div:  /* div: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0xffffffffffffffff  /* 386 */
  .dword 0x0, 0x1, 0x0  /* 387 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 388 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 389 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 390 */
  .dword 0x0, 0x2, 0x0  /* 391 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 392 */
  .dword 0x1, 0x0, 0xffffffffffffffff  /* 393 */
  .dword 0x1, 0x1, 0x1  /* 394 */
  .dword 0x1, 0xffffffffffffffff, 0xffffffffffffffff  /* 395 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 396 */
  .dword 0x1, 0x8000000000000000, 0x0  /* 397 */
  .dword 0x1, 0x2, 0x0  /* 398 */
  .dword 0x1, 0xfffffffffffffffe, 0x0  /* 399 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 400 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 401 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x1  /* 402 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x0  /* 403 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x0  /* 404 */
  .dword 0xffffffffffffffff, 0x2, 0x0  /* 405 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x0  /* 406 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 407 */
  .dword 0x7fffffffffffffff, 0x1, 0x7fffffffffffffff  /* 408 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000001  /* 409 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1  /* 410 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x0  /* 411 */
  .dword 0x7fffffffffffffff, 0x2, 0x3fffffffffffffff  /* 412 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0xc000000000000001  /* 413 */
  .dword 0x8000000000000000, 0x0, 0xffffffffffffffff  /* 414 */
  .dword 0x8000000000000000, 0x1, 0x8000000000000000  /* 415 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000  /* 416 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff  /* 417 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x1  /* 418 */
  .dword 0x8000000000000000, 0x2, 0xc000000000000000  /* 419 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x4000000000000000  /* 420 */
  .dword 0x2, 0x0, 0xffffffffffffffff  /* 421 */
  .dword 0x2, 0x1, 0x2  /* 422 */
  .dword 0x2, 0xffffffffffffffff, 0xfffffffffffffffe  /* 423 */
  .dword 0x2, 0x7fffffffffffffff, 0x0  /* 424 */
  .dword 0x2, 0x8000000000000000, 0x0  /* 425 */
  .dword 0x2, 0x2, 0x1  /* 426 */
  .dword 0x2, 0xfffffffffffffffe, 0xffffffffffffffff  /* 427 */
  .dword 0xfffffffffffffffe, 0x0, 0xffffffffffffffff  /* 428 */
  .dword 0xfffffffffffffffe, 0x1, 0xfffffffffffffffe  /* 429 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x2  /* 430 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x0  /* 431 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0x0  /* 432 */
  .dword 0xfffffffffffffffe, 0x2, 0xffffffffffffffff  /* 433 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x1  /* 434 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x0  /* 435 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0xffffffffffffffff  /* 436 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0  /* 437 */
  .dword 0x14, 0x6, 0x3  /* 438 */
  .dword 0xffffffffffffffec, 0x6, 0xfffffffffffffffd  /* 439 */
  .dword 0x14, 0xfffffffffffffffa, 0xfffffffffffffffd  /* 440 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0x3  /* 441 */
  .dword 0x7fffffff, 0x7fffffff, 0x1  /* 442 */
  .dword 0x80000000, 0xffffffff, 0x0  /* 443 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0x80000000  /* 444 */
  .dword 0xffffffff80000000, 0xffffffff, 0x0  /* 445 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0x0  /* 446 */
  .dword 0xffffffff, 0xffffffff, 0x1  /* 447 */
  .dword 0x100000000, 0x100000000, 0x1  /* 448 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xffffffffffffffff  /* 449 */
  .dword 0x1234567800000014, 0xfffffffa, 0x12345678  /* 450 */
  .dword 0x80000000, 0xffffffff00000000, 0x0  /* 451 */
  .dword 0xffffffff7fffffff, 0x80000000, 0xffffffffffffffff  /* 452 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x1  /* 453 */
  .dword 0x3, 0xffffffffffffffff, 0xfffffffffffffffd  /* 454 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x1  /* 455 */
tab_divu:  /* divu: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0xffffffffffffffff  /* 463 */
  .dword 0x0, 0x1, 0x0  /* 464 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 465 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 466 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 467 */
  .dword 0x0, 0x2, 0x0  /* 468 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 469 */
  .dword 0x1, 0x0, 0xffffffffffffffff  /* 470 */
  .dword 0x1, 0x1, 0x1  /* 471 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 472 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 473 */
  .dword 0x1, 0x8000000000000000, 0x0  /* 474 */
  .dword 0x1, 0x2, 0x0  /* 475 */
  .dword 0x1, 0xfffffffffffffffe, 0x0  /* 476 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 477 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 478 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x1  /* 479 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x2  /* 480 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x1  /* 481 */
  .dword 0xffffffffffffffff, 0x2, 0x7fffffffffffffff  /* 482 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x1  /* 483 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 484 */
  .dword 0x7fffffffffffffff, 0x1, 0x7fffffffffffffff  /* 485 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x0  /* 486 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1  /* 487 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x0  /* 488 */
  .dword 0x7fffffffffffffff, 0x2, 0x3fffffffffffffff  /* 489 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x0  /* 490 */
  .dword 0x8000000000000000, 0x0, 0xffffffffffffffff  /* 491 */
  .dword 0x8000000000000000, 0x1, 0x8000000000000000  /* 492 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 493 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x1  /* 494 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x1  /* 495 */
  .dword 0x8000000000000000, 0x2, 0x4000000000000000  /* 496 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 497 */
  .dword 0x2, 0x0, 0xffffffffffffffff  /* 498 */
  .dword 0x2, 0x1, 0x2  /* 499 */
  .dword 0x2, 0xffffffffffffffff, 0x0  /* 500 */
  .dword 0x2, 0x7fffffffffffffff, 0x0  /* 501 */
  .dword 0x2, 0x8000000000000000, 0x0  /* 502 */
  .dword 0x2, 0x2, 0x1  /* 503 */
  .dword 0x2, 0xfffffffffffffffe, 0x0  /* 504 */
  .dword 0xfffffffffffffffe, 0x0, 0xffffffffffffffff  /* 505 */
  .dword 0xfffffffffffffffe, 0x1, 0xfffffffffffffffe  /* 506 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x0  /* 507 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x2  /* 508 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0x1  /* 509 */
  .dword 0xfffffffffffffffe, 0x2, 0x7fffffffffffffff  /* 510 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x1  /* 511 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x0  /* 512 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0xe0  /* 513 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0  /* 514 */
  .dword 0x14, 0x6, 0x3  /* 515 */
  .dword 0xffffffffffffffec, 0x6, 0x2aaaaaaaaaaaaaa7  /* 516 */
  .dword 0x14, 0xfffffffffffffffa, 0x0  /* 517 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0x0  /* 518 */
  .dword 0x7fffffff, 0x7fffffff, 0x1  /* 519 */
  .dword 0x80000000, 0xffffffff, 0x0  /* 520 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0x0  /* 521 */
  .dword 0xffffffff80000000, 0xffffffff, 0x100000000  /* 522 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0x0  /* 523 */
  .dword 0xffffffff, 0xffffffff, 0x1  /* 524 */
  .dword 0x100000000, 0x100000000, 0x1  /* 525 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xffffffffffffffff  /* 526 */
  .dword 0x1234567800000014, 0xfffffffa, 0x12345678  /* 527 */
  .dword 0x80000000, 0xffffffff00000000, 0x0  /* 528 */
  .dword 0xffffffff7fffffff, 0x80000000, 0x1fffffffe  /* 529 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x1  /* 530 */
  .dword 0x3, 0xffffffffffffffff, 0x0  /* 531 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x1  /* 532 */
tab_rem:  /* rem: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 540 */
  .dword 0x0, 0x1, 0x0  /* 541 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 542 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 543 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 544 */
  .dword 0x0, 0x2, 0x0  /* 545 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 546 */
  .dword 0x1, 0x0, 0x1  /* 547 */
  .dword 0x1, 0x1, 0x0  /* 548 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 549 */
  .dword 0x1, 0x7fffffffffffffff, 0x1  /* 550 */
  .dword 0x1, 0x8000000000000000, 0x1  /* 551 */
  .dword 0x1, 0x2, 0x1  /* 552 */
  .dword 0x1, 0xfffffffffffffffe, 0x1  /* 553 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 554 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 555 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 556 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff  /* 557 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 558 */
  .dword 0xffffffffffffffff, 0x2, 0xffffffffffffffff  /* 559 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff  /* 560 */
  .dword 0x7fffffffffffffff, 0x0, 0x7fffffffffffffff  /* 561 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 562 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x0  /* 563 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 564 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff  /* 565 */
  .dword 0x7fffffffffffffff, 0x2, 0x1  /* 566 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x1  /* 567 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 568 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 569 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 570 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff  /* 571 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 572 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 573 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 574 */
  .dword 0x2, 0x0, 0x2  /* 575 */
  .dword 0x2, 0x1, 0x0  /* 576 */
  .dword 0x2, 0xffffffffffffffff, 0x0  /* 577 */
  .dword 0x2, 0x7fffffffffffffff, 0x2  /* 578 */
  .dword 0x2, 0x8000000000000000, 0x2  /* 579 */
  .dword 0x2, 0x2, 0x0  /* 580 */
  .dword 0x2, 0xfffffffffffffffe, 0x0  /* 581 */
  .dword 0xfffffffffffffffe, 0x0, 0xfffffffffffffffe  /* 582 */
  .dword 0xfffffffffffffffe, 0x1, 0x0  /* 583 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x0  /* 584 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 585 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0xfffffffffffffffe  /* 586 */
  .dword 0xfffffffffffffffe, 0x2, 0x0  /* 587 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x0  /* 588 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef  /* 589 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0xffffffffffffffff  /* 590 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555  /* 591 */
  .dword 0x14, 0x6, 0x2  /* 592 */
  .dword 0xffffffffffffffec, 0x6, 0xfffffffffffffffe  /* 593 */
  .dword 0x14, 0xfffffffffffffffa, 0x2  /* 594 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0xfffffffffffffffe  /* 595 */
  .dword 0x7fffffff, 0x7fffffff, 0x0  /* 596 */
  .dword 0x80000000, 0xffffffff, 0x80000000  /* 597 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0x0  /* 598 */
  .dword 0xffffffff80000000, 0xffffffff, 0xffffffff80000000  /* 599 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0x12345678ffffffec  /* 600 */
  .dword 0xffffffff, 0xffffffff, 0x0  /* 601 */
  .dword 0x100000000, 0x100000000, 0x0  /* 602 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xdeadbeefcafebabe  /* 603 */
  .dword 0x1234567800000014, 0xfffffffa, 0x6d3a06e4  /* 604 */
  .dword 0x80000000, 0xffffffff00000000, 0x80000000  /* 605 */
  .dword 0xffffffff7fffffff, 0x80000000, 0xffffffffffffffff  /* 606 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x0  /* 607 */
  .dword 0x3, 0xffffffffffffffff, 0x0  /* 608 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x0  /* 609 */
tab_remu:  /* remu: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 617 */
  .dword 0x0, 0x1, 0x0  /* 618 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 619 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 620 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 621 */
  .dword 0x0, 0x2, 0x0  /* 622 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 623 */
  .dword 0x1, 0x0, 0x1  /* 624 */
  .dword 0x1, 0x1, 0x0  /* 625 */
  .dword 0x1, 0xffffffffffffffff, 0x1  /* 626 */
  .dword 0x1, 0x7fffffffffffffff, 0x1  /* 627 */
  .dword 0x1, 0x8000000000000000, 0x1  /* 628 */
  .dword 0x1, 0x2, 0x1  /* 629 */
  .dword 0x1, 0xfffffffffffffffe, 0x1  /* 630 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 631 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 632 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 633 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x1  /* 634 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff  /* 635 */
  .dword 0xffffffffffffffff, 0x2, 0x1  /* 636 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x1  /* 637 */
  .dword 0x7fffffffffffffff, 0x0, 0x7fffffffffffffff  /* 638 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 639 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff  /* 640 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 641 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff  /* 642 */
  .dword 0x7fffffffffffffff, 0x2, 0x1  /* 643 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x7fffffffffffffff  /* 644 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 645 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 646 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000  /* 647 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x1  /* 648 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 649 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 650 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x8000000000000000  /* 651 */
  .dword 0x2, 0x0, 0x2  /* 652 */
  .dword 0x2, 0x1, 0x0  /* 653 */
  .dword 0x2, 0xffffffffffffffff, 0x2  /* 654 */
  .dword 0x2, 0x7fffffffffffffff, 0x2  /* 655 */
  .dword 0x2, 0x8000000000000000, 0x2  /* 656 */
  .dword 0x2, 0x2, 0x0  /* 657 */
  .dword 0x2, 0xfffffffffffffffe, 0x2  /* 658 */
  .dword 0xfffffffffffffffe, 0x0, 0xfffffffffffffffe  /* 659 */
  .dword 0xfffffffffffffffe, 0x1, 0x0  /* 660 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe  /* 661 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x0  /* 662 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0x7ffffffffffffffe  /* 663 */
  .dword 0xfffffffffffffffe, 0x2, 0x0  /* 664 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x0  /* 665 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x123456789abcdef  /* 666 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0xf0  /* 667 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555  /* 668 */
  .dword 0x14, 0x6, 0x2  /* 669 */
  .dword 0xffffffffffffffec, 0x6, 0x2  /* 670 */
  .dword 0x14, 0xfffffffffffffffa, 0x14  /* 671 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0xffffffffffffffec  /* 672 */
  .dword 0x7fffffff, 0x7fffffff, 0x0  /* 673 */
  .dword 0x80000000, 0xffffffff, 0x80000000  /* 674 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0xffffffff80000000  /* 675 */
  .dword 0xffffffff80000000, 0xffffffff, 0x80000000  /* 676 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0x12345678ffffffec  /* 677 */
  .dword 0xffffffff, 0xffffffff, 0x0  /* 678 */
  .dword 0x100000000, 0x100000000, 0x0  /* 679 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xdeadbeefcafebabe  /* 680 */
  .dword 0x1234567800000014, 0xfffffffa, 0x6d3a06e4  /* 681 */
  .dword 0x80000000, 0xffffffff00000000, 0x80000000  /* 682 */
  .dword 0xffffffff7fffffff, 0x80000000, 0x7fffffff  /* 683 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x0  /* 684 */
  .dword 0x3, 0xffffffffffffffff, 0x3  /* 685 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x0  /* 686 */
tab_divw:  /* divw: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0xffffffffffffffff  /* 694 */
  .dword 0x0, 0x1, 0x0  /* 695 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 696 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 697 */
  .dword 0x0, 0x8000000000000000, 0xffffffffffffffff  /* 698 */
  .dword 0x0, 0x2, 0x0  /* 699 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 700 */
  .dword 0x1, 0x0, 0xffffffffffffffff  /* 701 */
  .dword 0x1, 0x1, 0x1  /* 702 */
  .dword 0x1, 0xffffffffffffffff, 0xffffffffffffffff  /* 703 */
  .dword 0x1, 0x7fffffffffffffff, 0xffffffffffffffff  /* 704 */
  .dword 0x1, 0x8000000000000000, 0xffffffffffffffff  /* 705 */
  .dword 0x1, 0x2, 0x0  /* 706 */
  .dword 0x1, 0xfffffffffffffffe, 0x0  /* 707 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 708 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 709 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x1  /* 710 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x1  /* 711 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 712 */
  .dword 0xffffffffffffffff, 0x2, 0x0  /* 713 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x0  /* 714 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 715 */
  .dword 0x7fffffffffffffff, 0x1, 0xffffffffffffffff  /* 716 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x1  /* 717 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1  /* 718 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 719 */
  .dword 0x7fffffffffffffff, 0x2, 0x0  /* 720 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x0  /* 721 */
  .dword 0x8000000000000000, 0x0, 0xffffffffffffffff  /* 722 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 723 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 724 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x0  /* 725 */
  .dword 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff  /* 726 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 727 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 728 */
  .dword 0x2, 0x0, 0xffffffffffffffff  /* 729 */
  .dword 0x2, 0x1, 0x2  /* 730 */
  .dword 0x2, 0xffffffffffffffff, 0xfffffffffffffffe  /* 731 */
  .dword 0x2, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 732 */
  .dword 0x2, 0x8000000000000000, 0xffffffffffffffff  /* 733 */
  .dword 0x2, 0x2, 0x1  /* 734 */
  .dword 0x2, 0xfffffffffffffffe, 0xffffffffffffffff  /* 735 */
  .dword 0xfffffffffffffffe, 0x0, 0xffffffffffffffff  /* 736 */
  .dword 0xfffffffffffffffe, 0x1, 0xfffffffffffffffe  /* 737 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x2  /* 738 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x2  /* 739 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0xffffffffffffffff  /* 740 */
  .dword 0xfffffffffffffffe, 0x2, 0xffffffffffffffff  /* 741 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x1  /* 742 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xffffffffffffffff  /* 743 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0x0  /* 744 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0  /* 745 */
  .dword 0x14, 0x6, 0x3  /* 746 */
  .dword 0xffffffffffffffec, 0x6, 0xfffffffffffffffd  /* 747 */
  .dword 0x14, 0xfffffffffffffffa, 0xfffffffffffffffd  /* 748 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0x3  /* 749 */
  .dword 0x7fffffff, 0x7fffffff, 0x1  /* 750 */
  .dword 0x80000000, 0xffffffff, 0xffffffff80000000  /* 751 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0xffffffff80000000  /* 752 */
  .dword 0xffffffff80000000, 0xffffffff, 0xffffffff80000000  /* 753 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0xfffffffffffffffd  /* 754 */
  .dword 0xffffffff, 0xffffffff, 0x1  /* 755 */
  .dword 0x100000000, 0x100000000, 0xffffffffffffffff  /* 756 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xffffffffffffffff  /* 757 */
  .dword 0x1234567800000014, 0xfffffffa, 0xfffffffffffffffd  /* 758 */
  .dword 0x80000000, 0xffffffff00000000, 0xffffffffffffffff  /* 759 */
  .dword 0xffffffff7fffffff, 0x80000000, 0x0  /* 760 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x1  /* 761 */
  .dword 0x3, 0xffffffffffffffff, 0xfffffffffffffffd  /* 762 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x1  /* 763 */
tab_divuw:  /* divuw: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0xffffffffffffffff  /* 771 */
  .dword 0x0, 0x1, 0x0  /* 772 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 773 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 774 */
  .dword 0x0, 0x8000000000000000, 0xffffffffffffffff  /* 775 */
  .dword 0x0, 0x2, 0x0  /* 776 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 777 */
  .dword 0x1, 0x0, 0xffffffffffffffff  /* 778 */
  .dword 0x1, 0x1, 0x1  /* 779 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 780 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 781 */
  .dword 0x1, 0x8000000000000000, 0xffffffffffffffff  /* 782 */
  .dword 0x1, 0x2, 0x0  /* 783 */
  .dword 0x1, 0xfffffffffffffffe, 0x0  /* 784 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 785 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 786 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x1  /* 787 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x1  /* 788 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 789 */
  .dword 0xffffffffffffffff, 0x2, 0x7fffffff  /* 790 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x1  /* 791 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 792 */
  .dword 0x7fffffffffffffff, 0x1, 0xffffffffffffffff  /* 793 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x1  /* 794 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x1  /* 795 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 796 */
  .dword 0x7fffffffffffffff, 0x2, 0x7fffffff  /* 797 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x1  /* 798 */
  .dword 0x8000000000000000, 0x0, 0xffffffffffffffff  /* 799 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 800 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 801 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x0  /* 802 */
  .dword 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff  /* 803 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 804 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 805 */
  .dword 0x2, 0x0, 0xffffffffffffffff  /* 806 */
  .dword 0x2, 0x1, 0x2  /* 807 */
  .dword 0x2, 0xffffffffffffffff, 0x0  /* 808 */
  .dword 0x2, 0x7fffffffffffffff, 0x0  /* 809 */
  .dword 0x2, 0x8000000000000000, 0xffffffffffffffff  /* 810 */
  .dword 0x2, 0x2, 0x1  /* 811 */
  .dword 0x2, 0xfffffffffffffffe, 0x0  /* 812 */
  .dword 0xfffffffffffffffe, 0x0, 0xffffffffffffffff  /* 813 */
  .dword 0xfffffffffffffffe, 0x1, 0xfffffffffffffffe  /* 814 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x0  /* 815 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x0  /* 816 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0xffffffffffffffff  /* 817 */
  .dword 0xfffffffffffffffe, 0x2, 0x7fffffff  /* 818 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x1  /* 819 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x1  /* 820 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0x0  /* 821 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0  /* 822 */
  .dword 0x14, 0x6, 0x3  /* 823 */
  .dword 0xffffffffffffffec, 0x6, 0x2aaaaaa7  /* 824 */
  .dword 0x14, 0xfffffffffffffffa, 0x0  /* 825 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0x0  /* 826 */
  .dword 0x7fffffff, 0x7fffffff, 0x1  /* 827 */
  .dword 0x80000000, 0xffffffff, 0x0  /* 828 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0x0  /* 829 */
  .dword 0xffffffff80000000, 0xffffffff, 0x0  /* 830 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0x2aaaaaa7  /* 831 */
  .dword 0xffffffff, 0xffffffff, 0x1  /* 832 */
  .dword 0x100000000, 0x100000000, 0xffffffffffffffff  /* 833 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xffffffffffffffff  /* 834 */
  .dword 0x1234567800000014, 0xfffffffa, 0x0  /* 835 */
  .dword 0x80000000, 0xffffffff00000000, 0xffffffffffffffff  /* 836 */
  .dword 0xffffffff7fffffff, 0x80000000, 0x0  /* 837 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x1  /* 838 */
  .dword 0x3, 0xffffffffffffffff, 0x0  /* 839 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x1  /* 840 */
tab_remw:  /* remw: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 848 */
  .dword 0x0, 0x1, 0x0  /* 849 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 850 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 851 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 852 */
  .dword 0x0, 0x2, 0x0  /* 853 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 854 */
  .dword 0x1, 0x0, 0x1  /* 855 */
  .dword 0x1, 0x1, 0x0  /* 856 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 857 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 858 */
  .dword 0x1, 0x8000000000000000, 0x1  /* 859 */
  .dword 0x1, 0x2, 0x1  /* 860 */
  .dword 0x1, 0xfffffffffffffffe, 0x1  /* 861 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 862 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 863 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 864 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x0  /* 865 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 866 */
  .dword 0xffffffffffffffff, 0x2, 0xffffffffffffffff  /* 867 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff  /* 868 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 869 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 870 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x0  /* 871 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 872 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 873 */
  .dword 0x7fffffffffffffff, 0x2, 0xffffffffffffffff  /* 874 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff  /* 875 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 876 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 877 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 878 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x0  /* 879 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 880 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 881 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 882 */
  .dword 0x2, 0x0, 0x2  /* 883 */
  .dword 0x2, 0x1, 0x0  /* 884 */
  .dword 0x2, 0xffffffffffffffff, 0x0  /* 885 */
  .dword 0x2, 0x7fffffffffffffff, 0x0  /* 886 */
  .dword 0x2, 0x8000000000000000, 0x2  /* 887 */
  .dword 0x2, 0x2, 0x0  /* 888 */
  .dword 0x2, 0xfffffffffffffffe, 0x0  /* 889 */
  .dword 0xfffffffffffffffe, 0x0, 0xfffffffffffffffe  /* 890 */
  .dword 0xfffffffffffffffe, 0x1, 0x0  /* 891 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x0  /* 892 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0x0  /* 893 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0xfffffffffffffffe  /* 894 */
  .dword 0xfffffffffffffffe, 0x2, 0x0  /* 895 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x0  /* 896 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xffffffffffffffff  /* 897 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0x76543210  /* 898 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x55555555  /* 899 */
  .dword 0x14, 0x6, 0x2  /* 900 */
  .dword 0xffffffffffffffec, 0x6, 0xfffffffffffffffe  /* 901 */
  .dword 0x14, 0xfffffffffffffffa, 0x2  /* 902 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0xfffffffffffffffe  /* 903 */
  .dword 0x7fffffff, 0x7fffffff, 0x0  /* 904 */
  .dword 0x80000000, 0xffffffff, 0x0  /* 905 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0x0  /* 906 */
  .dword 0xffffffff80000000, 0xffffffff, 0x0  /* 907 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0xfffffffffffffffe  /* 908 */
  .dword 0xffffffff, 0xffffffff, 0x0  /* 909 */
  .dword 0x100000000, 0x100000000, 0x0  /* 910 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xffffffffcafebabe  /* 911 */
  .dword 0x1234567800000014, 0xfffffffa, 0x2  /* 912 */
  .dword 0x80000000, 0xffffffff00000000, 0xffffffff80000000  /* 913 */
  .dword 0xffffffff7fffffff, 0x80000000, 0x7fffffff  /* 914 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x0  /* 915 */
  .dword 0x3, 0xffffffffffffffff, 0x0  /* 916 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x0  /* 917 */
tab_remuw:  /* remuw: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 925 */
  .dword 0x0, 0x1, 0x0  /* 926 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 927 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 928 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 929 */
  .dword 0x0, 0x2, 0x0  /* 930 */
  .dword 0x0, 0xfffffffffffffffe, 0x0  /* 931 */
  .dword 0x1, 0x0, 0x1  /* 932 */
  .dword 0x1, 0x1, 0x0  /* 933 */
  .dword 0x1, 0xffffffffffffffff, 0x1  /* 934 */
  .dword 0x1, 0x7fffffffffffffff, 0x1  /* 935 */
  .dword 0x1, 0x8000000000000000, 0x1  /* 936 */
  .dword 0x1, 0x2, 0x1  /* 937 */
  .dword 0x1, 0xfffffffffffffffe, 0x1  /* 938 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 939 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 940 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 941 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x0  /* 942 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 943 */
  .dword 0xffffffffffffffff, 0x2, 0x1  /* 944 */
  .dword 0xffffffffffffffff, 0xfffffffffffffffe, 0x1  /* 945 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 946 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 947 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x0  /* 948 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 949 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 950 */
  .dword 0x7fffffffffffffff, 0x2, 0x1  /* 951 */
  .dword 0x7fffffffffffffff, 0xfffffffffffffffe, 0x1  /* 952 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 953 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 954 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 955 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x0  /* 956 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 957 */
  .dword 0x8000000000000000, 0x2, 0x0  /* 958 */
  .dword 0x8000000000000000, 0xfffffffffffffffe, 0x0  /* 959 */
  .dword 0x2, 0x0, 0x2  /* 960 */
  .dword 0x2, 0x1, 0x0  /* 961 */
  .dword 0x2, 0xffffffffffffffff, 0x2  /* 962 */
  .dword 0x2, 0x7fffffffffffffff, 0x2  /* 963 */
  .dword 0x2, 0x8000000000000000, 0x2  /* 964 */
  .dword 0x2, 0x2, 0x0  /* 965 */
  .dword 0x2, 0xfffffffffffffffe, 0x2  /* 966 */
  .dword 0xfffffffffffffffe, 0x0, 0xfffffffffffffffe  /* 967 */
  .dword 0xfffffffffffffffe, 0x1, 0x0  /* 968 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe  /* 969 */
  .dword 0xfffffffffffffffe, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 970 */
  .dword 0xfffffffffffffffe, 0x8000000000000000, 0xfffffffffffffffe  /* 971 */
  .dword 0xfffffffffffffffe, 0x2, 0x0  /* 972 */
  .dword 0xfffffffffffffffe, 0xfffffffffffffffe, 0x0  /* 973 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x13579bdf  /* 974 */
  .dword 0xfedcba9876543210, 0x123456789abcdef, 0x76543210  /* 975 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x55555555  /* 976 */
  .dword 0x14, 0x6, 0x2  /* 977 */
  .dword 0xffffffffffffffec, 0x6, 0x2  /* 978 */
  .dword 0x14, 0xfffffffffffffffa, 0x14  /* 979 */
  .dword 0xffffffffffffffec, 0xfffffffffffffffa, 0xffffffffffffffec  /* 980 */
  .dword 0x7fffffff, 0x7fffffff, 0x0  /* 981 */
  .dword 0x80000000, 0xffffffff, 0xffffffff80000000  /* 982 */
  .dword 0xffffffff80000000, 0xffffffffffffffff, 0xffffffff80000000  /* 983 */
  .dword 0xffffffff80000000, 0xffffffff, 0xffffffff80000000  /* 984 */
  .dword 0x12345678ffffffec, 0x9abcdef000000006, 0x2  /* 985 */
  .dword 0xffffffff, 0xffffffff, 0x0  /* 986 */
  .dword 0x100000000, 0x100000000, 0x0  /* 987 */
  .dword 0xdeadbeefcafebabe, 0x0, 0xffffffffcafebabe  /* 988 */
  .dword 0x1234567800000014, 0xfffffffa, 0x14  /* 989 */
  .dword 0x80000000, 0xffffffff00000000, 0xffffffff80000000  /* 990 */
  .dword 0xffffffff7fffffff, 0x80000000, 0x7fffffff  /* 991 */
  .dword 0xb504f333f9de6484, 0xb504f333f9de6484, 0x0  /* 992 */
  .dword 0x3, 0xffffffffffffffff, 0x3  /* 993 */
  .dword 0xffffffffffff8000, 0xffffffffffff8000, 0x0  /* 994 */
