/* rvisor ISA test: RV64I integer computation.
   Covers LUI, AUIPC, every register-immediate (ADDI SLTI SLTIU XORI ORI ANDI SLLI SRLI SRAI ADDIW
   SLLIW SRLIW SRAIW) and register-register (ADD SUB SLL SLT SLTU XOR SRL SRA OR AND ADDW SUBW
   SLLW SRLW SRAW) instruction: edge values (0, 1, -1, INT64_MIN/MAX, 32-bit boundaries), shift
   amounts masked to 6 (5 for *W) bits, 32-bit results sign-extended, rd = rs1 / rd = rs2 / rs1 = rs2,
   x0 as source and as (discarding) destination (the HINT space must execute as no-ops), registers
   from the upper half of the register file, and that every register keeps its own value.
   Not here: branches/jumps (rv64i-branch.S), loads/stores/FENCE (rv64i-loadstore.S).
   The register-register values are table-driven: row i of tab_<op> is check first + i.
   Expected values were computed offline with exact 64-bit arithmetic. */
#include "test.h"

TEST_BEGIN
  /* ---- register file: each of x1..x31 keeps its own value ---- */
  TEST(1)
  addi x1, x0, 4
  addi x2, x0, 7
  addi x4, x0, 13
  addi x5, x0, 16
  addi x6, x0, 19
  addi x7, x0, 22
  addi x8, x0, 25
  addi x9, x0, 28
  addi x10, x0, 31
  addi x11, x0, 34
  addi x12, x0, 37
  addi x13, x0, 40
  addi x14, x0, 43
  addi x15, x0, 46
  addi x16, x0, 49
  addi x17, x0, 52
  addi x18, x0, 55
  addi x19, x0, 58
  addi x20, x0, 61
  addi x21, x0, 64
  addi x22, x0, 67
  addi x23, x0, 70
  addi x24, x0, 73
  addi x25, x0, 76
  addi x26, x0, 79
  addi x27, x0, 82
  addi x28, x0, 85
  addi x29, x0, 88
  CHECK(x1, 4)
  CHECK(x2, 7)
  CHECK(x4, 13)
  CHECK(x5, 16)
  CHECK(x6, 19)
  CHECK(x7, 22)
  CHECK(x8, 25)
  CHECK(x9, 28)
  CHECK(x10, 31)
  CHECK(x11, 34)
  CHECK(x12, 37)
  CHECK(x13, 40)
  CHECK(x14, 43)
  CHECK(x15, 46)
  CHECK(x16, 49)
  CHECK(x17, 52)
  CHECK(x18, 55)
  CHECK(x19, 58)
  CHECK(x20, 61)
  CHECK(x21, 64)
  CHECK(x22, 67)
  CHECK(x23, 70)
  CHECK(x24, 73)
  CHECK(x25, 76)
  CHECK(x26, 79)
  CHECK(x27, 82)
  CHECK(x28, 85)
  CHECK(x29, 88)
  li x30, 91; li x31, 94; sub x1, x31, x30; add x2, x31, x30; CHECK(x1, 3); CHECK(x2, 185)

  /* ---- x0 is hard-wired to zero ---- */
  TEST_CASE(2, x0, 0, addi x0, x0, 5)
  TEST_CASE(3, a0, 0, li a1, 7; add x0, a1, a1; add a0, x0, x0)
  TEST_CASE(4, x0, 0, lui x0, 0x12345)
  TEST_CASE(5, x0, 0, auipc x0, 0x12345)

  /* ---- lui ---- */
  TEST_CASE(6, a0, 0x0, lui a0, 0x0)
  TEST_CASE(7, a0, 0x1000, lui a0, 0x1)
  TEST_CASE(8, a0, 0x7ffff000, lui a0, 0x7ffff)
  TEST_CASE(9, a0, 0xffffffff80000000, lui a0, 0x80000)
  TEST_CASE(10, a0, 0xfffffffffffff000, lui a0, 0xfffff)
  TEST_CASE(11, a0, 0x12345000, lui a0, 0x12345)
  TEST_CASE(12, a0, 0xffffffffedcba000, lui a0, 0xedcba)
  TEST_CASE(13, a0, 0x12344fff, lui a0, 0x12345; addi a0, a0, -1)
  TEST_CASE(14, s11, 0xffffffff80000800, lui s11, 0x80000; addi s11, s11, 0x7ff; addi s11, s11, 1)

  /* ---- auipc: result relative to the instruction's own address ---- */
  TEST(15); la a1, 80060f + 0; li a2, 0x0; add a1, a1, a2
80060: auipc a0, 0x0; nop; nop; bne a0, a1, fail
  TEST(16); la a1, 80060f + 0; li a2, 0x1000; add a1, a1, a2
80060: auipc a0, 0x1; nop; nop; bne a0, a1, fail
  TEST(17); la a1, 80060f + 0; li a2, 0x7ffff000; add a1, a1, a2
80060: auipc a0, 0x7ffff; nop; nop; bne a0, a1, fail
  TEST(18); la a1, 80060f + 0; li a2, 0xffffffff80000000; add a1, a1, a2
80060: auipc a0, 0x80000; nop; nop; bne a0, a1, fail
  TEST(19); la a1, 80060f + 0; li a2, 0xfffffffffffff000; add a1, a1, a2
80060: auipc a0, 0xfffff; nop; nop; bne a0, a1, fail
  TEST(20); la a1, 80060f
  nop
80060: auipc s8, 0; bne s8, a1, fail

  /* ---- add ---- */
  TEST_R_TABLE(21, add, tab_add, 40)  /* checks 21..60 */
  TEST_R_RD_IS_RS1(61, add, 0xffffffff, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(62, add, 0xffffffff, 0x7fffffff, 0x80000000)
  TEST_R_SAME(63, add, 0xfffffffe, 0x7fffffff)
  TEST_R_X0_RS1(64, add, 0x80000000, 0x80000000)
  TEST_R_X0_RS2(65, add, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(66, add, 0x7fffffff, 0x80000000)
  TEST_R_HI(67, add, 0xfffffffffffffffd, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- sub ---- */
  TEST_R_TABLE(68, sub, tab_sub, 40)  /* checks 68..107 */
  TEST_R_RD_IS_RS1(108, sub, 0xffffffffffffffff, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(109, sub, 0xffffffffffffffff, 0x7fffffff, 0x80000000)
  TEST_R_SAME(110, sub, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(111, sub, 0xffffffff80000000, 0x80000000)
  TEST_R_X0_RS2(112, sub, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(113, sub, 0x7fffffff, 0x80000000)
  TEST_R_HI(114, sub, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- xor ---- */
  TEST_R_TABLE(115, xor, tab_xor, 40)  /* checks 115..154 */
  TEST_R_RD_IS_RS1(155, xor, 0xffffffff, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(156, xor, 0xffffffff, 0x7fffffff, 0x80000000)
  TEST_R_SAME(157, xor, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(158, xor, 0x80000000, 0x80000000)
  TEST_R_X0_RS2(159, xor, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(160, xor, 0x7fffffff, 0x80000000)
  TEST_R_HI(161, xor, 0x1, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- or ---- */
  TEST_R_TABLE(162, or, tab_or, 40)  /* checks 162..201 */
  TEST_R_RD_IS_RS1(202, or, 0xffffffff, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(203, or, 0xffffffff, 0x7fffffff, 0x80000000)
  TEST_R_SAME(204, or, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RS1(205, or, 0x80000000, 0x80000000)
  TEST_R_X0_RS2(206, or, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(207, or, 0x7fffffff, 0x80000000)
  TEST_R_HI(208, or, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- and ---- */
  TEST_R_TABLE(209, and, tab_and, 40)  /* checks 209..248 */
  TEST_R_RD_IS_RS1(249, and, 0x0, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(250, and, 0x0, 0x7fffffff, 0x80000000)
  TEST_R_SAME(251, and, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RS1(252, and, 0x0, 0x80000000)
  TEST_R_X0_RS2(253, and, 0x0, 0x7fffffff)
  TEST_R_X0_RD(254, and, 0x7fffffff, 0x80000000)
  TEST_R_HI(255, and, 0xfffffffffffffffe, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- slt ---- */
  TEST_R_TABLE(256, slt, tab_slt, 40)  /* checks 256..295 */
  TEST_R_RD_IS_RS1(296, slt, 0x1, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(297, slt, 0x1, 0x7fffffff, 0x80000000)
  TEST_R_SAME(298, slt, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(299, slt, 0x1, 0x80000000)
  TEST_R_X0_RS2(300, slt, 0x0, 0x7fffffff)
  TEST_R_X0_RD(301, slt, 0x7fffffff, 0x80000000)
  TEST_R_HI(302, slt, 0x1, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- sltu ---- */
  TEST_R_TABLE(303, sltu, tab_sltu, 40)  /* checks 303..342 */
  TEST_R_RD_IS_RS1(343, sltu, 0x1, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(344, sltu, 0x1, 0x7fffffff, 0x80000000)
  TEST_R_SAME(345, sltu, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(346, sltu, 0x1, 0x80000000)
  TEST_R_X0_RS2(347, sltu, 0x0, 0x7fffffff)
  TEST_R_X0_RD(348, sltu, 0x7fffffff, 0x80000000)
  TEST_R_HI(349, sltu, 0x1, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- sll ---- */
  TEST_R_TABLE(350, sll, tab_sll, 60)  /* checks 350..409 */
  TEST_R_RD_IS_RS1(410, sll, 0x8000000000000000, 0x7fffffff, 0x3f)
  TEST_R_RD_IS_RS2(411, sll, 0x8000000000000000, 0x7fffffff, 0x3f)
  TEST_R_SAME(412, sll, 0x8000000000000000, 0x7fffffff)
  TEST_R_X0_RS1(413, sll, 0x0, 0x3f)
  TEST_R_X0_RS2(414, sll, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(415, sll, 0x7fffffff, 0x3f)
  TEST_R_HI(416, sll, 0x3fffffff80, 0x7fffffff, 0x7)

  /* ---- srl ---- */
  TEST_R_TABLE(417, srl, tab_srl, 60)  /* checks 417..476 */
  TEST_R_RD_IS_RS1(477, srl, 0x0, 0x7fffffff, 0x3f)
  TEST_R_RD_IS_RS2(478, srl, 0x0, 0x7fffffff, 0x3f)
  TEST_R_SAME(479, srl, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(480, srl, 0x0, 0x3f)
  TEST_R_X0_RS2(481, srl, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(482, srl, 0x7fffffff, 0x3f)
  TEST_R_HI(483, srl, 0xffffff, 0x7fffffff, 0x7)

  /* ---- sra ---- */
  TEST_R_TABLE(484, sra, tab_sra, 60)  /* checks 484..543 */
  TEST_R_RD_IS_RS1(544, sra, 0x0, 0x7fffffff, 0x3f)
  TEST_R_RD_IS_RS2(545, sra, 0x0, 0x7fffffff, 0x3f)
  TEST_R_SAME(546, sra, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(547, sra, 0x0, 0x3f)
  TEST_R_X0_RS2(548, sra, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(549, sra, 0x7fffffff, 0x3f)
  TEST_R_HI(550, sra, 0xffffff, 0x7fffffff, 0x7)

  /* ---- addw ---- */
  TEST_R_TABLE(551, addw, tab_addw, 40)  /* checks 551..590 */
  TEST_R_RD_IS_RS1(591, addw, 0xffffffffffffffff, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(592, addw, 0xffffffffffffffff, 0x7fffffff, 0x80000000)
  TEST_R_SAME(593, addw, 0xfffffffffffffffe, 0x7fffffff)
  TEST_R_X0_RS1(594, addw, 0xffffffff80000000, 0x80000000)
  TEST_R_X0_RS2(595, addw, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(596, addw, 0x7fffffff, 0x80000000)
  TEST_R_HI(597, addw, 0xfffffffffffffffd, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- subw ---- */
  TEST_R_TABLE(598, subw, tab_subw, 40)  /* checks 598..637 */
  TEST_R_RD_IS_RS1(638, subw, 0xffffffffffffffff, 0x7fffffff, 0x80000000)
  TEST_R_RD_IS_RS2(639, subw, 0xffffffffffffffff, 0x7fffffff, 0x80000000)
  TEST_R_SAME(640, subw, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(641, subw, 0xffffffff80000000, 0x80000000)
  TEST_R_X0_RS2(642, subw, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(643, subw, 0x7fffffff, 0x80000000)
  TEST_R_HI(644, subw, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)

  /* ---- sllw ---- */
  TEST_R_TABLE(645, sllw, tab_sllw, 60)  /* checks 645..704 */
  TEST_R_RD_IS_RS1(705, sllw, 0xffffffff80000000, 0x7fffffff, 0x3f)
  TEST_R_RD_IS_RS2(706, sllw, 0xffffffff80000000, 0x7fffffff, 0x3f)
  TEST_R_SAME(707, sllw, 0xffffffff80000000, 0x7fffffff)
  TEST_R_X0_RS1(708, sllw, 0x0, 0x3f)
  TEST_R_X0_RS2(709, sllw, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(710, sllw, 0x7fffffff, 0x3f)
  TEST_R_HI(711, sllw, 0xffffffffffffff80, 0x7fffffff, 0x7)

  /* ---- srlw ---- */
  TEST_R_TABLE(712, srlw, tab_srlw, 60)  /* checks 712..771 */
  TEST_R_RD_IS_RS1(772, srlw, 0x0, 0x7fffffff, 0x3f)
  TEST_R_RD_IS_RS2(773, srlw, 0x0, 0x7fffffff, 0x3f)
  TEST_R_SAME(774, srlw, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(775, srlw, 0x0, 0x3f)
  TEST_R_X0_RS2(776, srlw, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(777, srlw, 0x7fffffff, 0x3f)
  TEST_R_HI(778, srlw, 0xffffff, 0x7fffffff, 0x7)

  /* ---- sraw ---- */
  TEST_R_TABLE(779, sraw, tab_sraw, 60)  /* checks 779..838 */
  TEST_R_RD_IS_RS1(839, sraw, 0x0, 0x7fffffff, 0x3f)
  TEST_R_RD_IS_RS2(840, sraw, 0x0, 0x7fffffff, 0x3f)
  TEST_R_SAME(841, sraw, 0x0, 0x7fffffff)
  TEST_R_X0_RS1(842, sraw, 0x0, 0x3f)
  TEST_R_X0_RS2(843, sraw, 0x7fffffff, 0x7fffffff)
  TEST_R_X0_RD(844, sraw, 0x7fffffff, 0x3f)
  TEST_R_HI(845, sraw, 0xffffff, 0x7fffffff, 0x7)

  /* ---- addi ---- */
  TEST_I(846, addi, 0x0, 0x0, 0)
  TEST_I(847, addi, 0x1, 0x0, 1)
  TEST_I(848, addi, 0xffffffffffffffff, 0x0, -1)
  TEST_I(849, addi, 0x0, 0x1, -1)
  TEST_I(850, addi, 0x0, 0xffffffffffffffff, 1)
  TEST_I(851, addi, 0xfffffffffffffffe, 0xffffffffffffffff, -1)
  TEST_I(852, addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_I(853, addi, 0x7fffffffffffffff, 0x8000000000000000, -1)
  TEST_I(854, addi, 0x80000000, 0x7fffffff, 1)
  TEST_I(855, addi, 0x7fffffff, 0x80000000, -1)
  TEST_I(856, addi, 0x100000000, 0xffffffff, 1)
  TEST_I(857, addi, 0x123456789abd5ee, 0x123456789abcdef, 2047)
  TEST_I(858, addi, 0x123456789abc5ef, 0x123456789abcdef, -2048)
  TEST_I(859, addi, 0xffe, 0x7ff, 2047)
  TEST_I(860, addi, 0xfffffffffffff000, 0xfffffffffffff800, -2048)
  TEST_I(861, addi, 0xffd, 0x7fe, 2047)
  TEST_I(862, addi, 0xfff, 0x800, 2047)
  TEST_I(863, addi, 0xfffffffffffff001, 0xfffffffffffff801, -2048)
  TEST_I(864, addi, 0xffffffffffffefff, 0xfffffffffffff7ff, -2048)
  TEST_I(865, addi, 0x5555555555554fff, 0x5555555555555555, -1366)
  TEST_I(866, addi, 0xaaaaaaaaaaaaafff, 0xaaaaaaaaaaaaaaaa, 1365)
  TEST_I(867, addi, 0xffffffff7fffffff, 0xffffffff80000000, -1)
  TEST_I_RD_IS_RS1(868, addi, 0x123456789abcdec, 0x123456789abcdef, -3)
  TEST_I_X0_RS1(869, addi, 0xfffffffffffffb2e, -1234)
  TEST_I_X0_RD(870, addi, 0x5a5a, 77)
  TEST_I_HI(871, addi, 0xfedcba9876543765, 0xfedcba9876543210, 1365)

  /* ---- slti ---- */
  TEST_I(872, slti, 0x0, 0x0, 0)
  TEST_I(873, slti, 0x1, 0x0, 1)
  TEST_I(874, slti, 0x0, 0x0, -1)
  TEST_I(875, slti, 0x0, 0x1, -1)
  TEST_I(876, slti, 0x1, 0xffffffffffffffff, 1)
  TEST_I(877, slti, 0x0, 0xffffffffffffffff, -1)
  TEST_I(878, slti, 0x0, 0x7fffffffffffffff, 1)
  TEST_I(879, slti, 0x1, 0x8000000000000000, -1)
  TEST_I(880, slti, 0x0, 0x7fffffff, 1)
  TEST_I(881, slti, 0x0, 0x80000000, -1)
  TEST_I(882, slti, 0x0, 0xffffffff, 1)
  TEST_I(883, slti, 0x0, 0x123456789abcdef, 2047)
  TEST_I(884, slti, 0x0, 0x123456789abcdef, -2048)
  TEST_I(885, slti, 0x0, 0x7ff, 2047)
  TEST_I(886, slti, 0x0, 0xfffffffffffff800, -2048)
  TEST_I(887, slti, 0x1, 0x7fe, 2047)
  TEST_I(888, slti, 0x0, 0x800, 2047)
  TEST_I(889, slti, 0x0, 0xfffffffffffff801, -2048)
  TEST_I(890, slti, 0x1, 0xfffffffffffff7ff, -2048)
  TEST_I(891, slti, 0x0, 0x5555555555555555, -1366)
  TEST_I(892, slti, 0x1, 0xaaaaaaaaaaaaaaaa, 1365)
  TEST_I(893, slti, 0x1, 0xffffffff80000000, -1)
  TEST_I_RD_IS_RS1(894, slti, 0x0, 0x123456789abcdef, -3)
  TEST_I_X0_RS1(895, slti, 0x0, -1234)
  TEST_I_X0_RD(896, slti, 0x5a5a, 77)
  TEST_I_HI(897, slti, 0x1, 0xfedcba9876543210, 1365)

  /* ---- sltiu ---- */
  TEST_I(898, sltiu, 0x0, 0x0, 0)
  TEST_I(899, sltiu, 0x1, 0x0, 1)
  TEST_I(900, sltiu, 0x1, 0x0, -1)
  TEST_I(901, sltiu, 0x1, 0x1, -1)
  TEST_I(902, sltiu, 0x0, 0xffffffffffffffff, 1)
  TEST_I(903, sltiu, 0x0, 0xffffffffffffffff, -1)
  TEST_I(904, sltiu, 0x0, 0x7fffffffffffffff, 1)
  TEST_I(905, sltiu, 0x1, 0x8000000000000000, -1)
  TEST_I(906, sltiu, 0x0, 0x7fffffff, 1)
  TEST_I(907, sltiu, 0x1, 0x80000000, -1)
  TEST_I(908, sltiu, 0x0, 0xffffffff, 1)
  TEST_I(909, sltiu, 0x0, 0x123456789abcdef, 2047)
  TEST_I(910, sltiu, 0x1, 0x123456789abcdef, -2048)
  TEST_I(911, sltiu, 0x0, 0x7ff, 2047)
  TEST_I(912, sltiu, 0x0, 0xfffffffffffff800, -2048)
  TEST_I(913, sltiu, 0x1, 0x7fe, 2047)
  TEST_I(914, sltiu, 0x0, 0x800, 2047)
  TEST_I(915, sltiu, 0x0, 0xfffffffffffff801, -2048)
  TEST_I(916, sltiu, 0x1, 0xfffffffffffff7ff, -2048)
  TEST_I(917, sltiu, 0x1, 0x5555555555555555, -1366)
  TEST_I(918, sltiu, 0x0, 0xaaaaaaaaaaaaaaaa, 1365)
  TEST_I(919, sltiu, 0x1, 0xffffffff80000000, -1)
  TEST_I_RD_IS_RS1(920, sltiu, 0x1, 0x123456789abcdef, -3)
  TEST_I_X0_RS1(921, sltiu, 0x1, -1234)
  TEST_I_X0_RD(922, sltiu, 0x5a5a, 77)
  TEST_I_HI(923, sltiu, 0x0, 0xfedcba9876543210, 1365)

  /* ---- xori ---- */
  TEST_I(924, xori, 0x0, 0x0, 0)
  TEST_I(925, xori, 0x1, 0x0, 1)
  TEST_I(926, xori, 0xffffffffffffffff, 0x0, -1)
  TEST_I(927, xori, 0xfffffffffffffffe, 0x1, -1)
  TEST_I(928, xori, 0xfffffffffffffffe, 0xffffffffffffffff, 1)
  TEST_I(929, xori, 0x0, 0xffffffffffffffff, -1)
  TEST_I(930, xori, 0x7ffffffffffffffe, 0x7fffffffffffffff, 1)
  TEST_I(931, xori, 0x7fffffffffffffff, 0x8000000000000000, -1)
  TEST_I(932, xori, 0x7ffffffe, 0x7fffffff, 1)
  TEST_I(933, xori, 0xffffffff7fffffff, 0x80000000, -1)
  TEST_I(934, xori, 0xfffffffe, 0xffffffff, 1)
  TEST_I(935, xori, 0x123456789abca10, 0x123456789abcdef, 2047)
  TEST_I(936, xori, 0xfedcba98765435ef, 0x123456789abcdef, -2048)
  TEST_I(937, xori, 0x0, 0x7ff, 2047)
  TEST_I(938, xori, 0x0, 0xfffffffffffff800, -2048)
  TEST_I(939, xori, 0x1, 0x7fe, 2047)
  TEST_I(940, xori, 0xfff, 0x800, 2047)
  TEST_I(941, xori, 0x1, 0xfffffffffffff801, -2048)
  TEST_I(942, xori, 0xfff, 0xfffffffffffff7ff, -2048)
  TEST_I(943, xori, 0xaaaaaaaaaaaaafff, 0x5555555555555555, -1366)
  TEST_I(944, xori, 0xaaaaaaaaaaaaafff, 0xaaaaaaaaaaaaaaaa, 1365)
  TEST_I(945, xori, 0x7fffffff, 0xffffffff80000000, -1)
  TEST_I_RD_IS_RS1(946, xori, 0xfedcba9876543212, 0x123456789abcdef, -3)
  TEST_I_X0_RS1(947, xori, 0xfffffffffffffb2e, -1234)
  TEST_I_X0_RD(948, xori, 0x5a5a, 77)
  TEST_I_HI(949, xori, 0xfedcba9876543745, 0xfedcba9876543210, 1365)

  /* ---- ori ---- */
  TEST_I(950, ori, 0x0, 0x0, 0)
  TEST_I(951, ori, 0x1, 0x0, 1)
  TEST_I(952, ori, 0xffffffffffffffff, 0x0, -1)
  TEST_I(953, ori, 0xffffffffffffffff, 0x1, -1)
  TEST_I(954, ori, 0xffffffffffffffff, 0xffffffffffffffff, 1)
  TEST_I(955, ori, 0xffffffffffffffff, 0xffffffffffffffff, -1)
  TEST_I(956, ori, 0x7fffffffffffffff, 0x7fffffffffffffff, 1)
  TEST_I(957, ori, 0xffffffffffffffff, 0x8000000000000000, -1)
  TEST_I(958, ori, 0x7fffffff, 0x7fffffff, 1)
  TEST_I(959, ori, 0xffffffffffffffff, 0x80000000, -1)
  TEST_I(960, ori, 0xffffffff, 0xffffffff, 1)
  TEST_I(961, ori, 0x123456789abcfff, 0x123456789abcdef, 2047)
  TEST_I(962, ori, 0xfffffffffffffdef, 0x123456789abcdef, -2048)
  TEST_I(963, ori, 0x7ff, 0x7ff, 2047)
  TEST_I(964, ori, 0xfffffffffffff800, 0xfffffffffffff800, -2048)
  TEST_I(965, ori, 0x7ff, 0x7fe, 2047)
  TEST_I(966, ori, 0xfff, 0x800, 2047)
  TEST_I(967, ori, 0xfffffffffffff801, 0xfffffffffffff801, -2048)
  TEST_I(968, ori, 0xffffffffffffffff, 0xfffffffffffff7ff, -2048)
  TEST_I(969, ori, 0xffffffffffffffff, 0x5555555555555555, -1366)
  TEST_I(970, ori, 0xaaaaaaaaaaaaafff, 0xaaaaaaaaaaaaaaaa, 1365)
  TEST_I(971, ori, 0xffffffffffffffff, 0xffffffff80000000, -1)
  TEST_I_RD_IS_RS1(972, ori, 0xffffffffffffffff, 0x123456789abcdef, -3)
  TEST_I_X0_RS1(973, ori, 0xfffffffffffffb2e, -1234)
  TEST_I_X0_RD(974, ori, 0x5a5a, 77)
  TEST_I_HI(975, ori, 0xfedcba9876543755, 0xfedcba9876543210, 1365)

  /* ---- andi ---- */
  TEST_I(976, andi, 0x0, 0x0, 0)
  TEST_I(977, andi, 0x0, 0x0, 1)
  TEST_I(978, andi, 0x0, 0x0, -1)
  TEST_I(979, andi, 0x1, 0x1, -1)
  TEST_I(980, andi, 0x1, 0xffffffffffffffff, 1)
  TEST_I(981, andi, 0xffffffffffffffff, 0xffffffffffffffff, -1)
  TEST_I(982, andi, 0x1, 0x7fffffffffffffff, 1)
  TEST_I(983, andi, 0x8000000000000000, 0x8000000000000000, -1)
  TEST_I(984, andi, 0x1, 0x7fffffff, 1)
  TEST_I(985, andi, 0x80000000, 0x80000000, -1)
  TEST_I(986, andi, 0x1, 0xffffffff, 1)
  TEST_I(987, andi, 0x5ef, 0x123456789abcdef, 2047)
  TEST_I(988, andi, 0x123456789abc800, 0x123456789abcdef, -2048)
  TEST_I(989, andi, 0x7ff, 0x7ff, 2047)
  TEST_I(990, andi, 0xfffffffffffff800, 0xfffffffffffff800, -2048)
  TEST_I(991, andi, 0x7fe, 0x7fe, 2047)
  TEST_I(992, andi, 0x0, 0x800, 2047)
  TEST_I(993, andi, 0xfffffffffffff800, 0xfffffffffffff801, -2048)
  TEST_I(994, andi, 0xfffffffffffff000, 0xfffffffffffff7ff, -2048)
  TEST_I(995, andi, 0x5555555555555000, 0x5555555555555555, -1366)
  TEST_I(996, andi, 0x0, 0xaaaaaaaaaaaaaaaa, 1365)
  TEST_I(997, andi, 0xffffffff80000000, 0xffffffff80000000, -1)
  TEST_I_RD_IS_RS1(998, andi, 0x123456789abcded, 0x123456789abcdef, -3)
  TEST_I_X0_RS1(999, andi, 0x0, -1234)
  TEST_I_X0_RD(1000, andi, 0x5a5a, 77)
  TEST_I_HI(1001, andi, 0x10, 0xfedcba9876543210, 1365)

  /* ---- addiw ---- */
  TEST_I(1002, addiw, 0x0, 0x0, 0)
  TEST_I(1003, addiw, 0x1, 0x0, 1)
  TEST_I(1004, addiw, 0xffffffffffffffff, 0x0, -1)
  TEST_I(1005, addiw, 0x0, 0x1, -1)
  TEST_I(1006, addiw, 0x0, 0xffffffffffffffff, 1)
  TEST_I(1007, addiw, 0xfffffffffffffffe, 0xffffffffffffffff, -1)
  TEST_I(1008, addiw, 0x0, 0x7fffffffffffffff, 1)
  TEST_I(1009, addiw, 0xffffffffffffffff, 0x8000000000000000, -1)
  TEST_I(1010, addiw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_I(1011, addiw, 0x7fffffff, 0x80000000, -1)
  TEST_I(1012, addiw, 0x0, 0xffffffff, 1)
  TEST_I(1013, addiw, 0xffffffff89abd5ee, 0x123456789abcdef, 2047)
  TEST_I(1014, addiw, 0xffffffff89abc5ef, 0x123456789abcdef, -2048)
  TEST_I(1015, addiw, 0xffe, 0x7ff, 2047)
  TEST_I(1016, addiw, 0xfffffffffffff000, 0xfffffffffffff800, -2048)
  TEST_I(1017, addiw, 0xffd, 0x7fe, 2047)
  TEST_I(1018, addiw, 0xfff, 0x800, 2047)
  TEST_I(1019, addiw, 0xfffffffffffff001, 0xfffffffffffff801, -2048)
  TEST_I(1020, addiw, 0xffffffffffffefff, 0xfffffffffffff7ff, -2048)
  TEST_I(1021, addiw, 0x55554fff, 0x5555555555555555, -1366)
  TEST_I(1022, addiw, 0xffffffffaaaaafff, 0xaaaaaaaaaaaaaaaa, 1365)
  TEST_I(1023, addiw, 0x7fffffff, 0xffffffff80000000, -1)
  TEST_I_RD_IS_RS1(1024, addiw, 0xffffffff89abcdec, 0x123456789abcdef, -3)
  TEST_I_X0_RS1(1025, addiw, 0xfffffffffffffb2e, -1234)
  TEST_I_X0_RD(1026, addiw, 0x5a5a, 77)
  TEST_I_HI(1027, addiw, 0x76543765, 0xfedcba9876543210, 1365)

  /* ---- slli ---- */
  TEST_I(1028, slli, 0x123456789abcdef, 0x123456789abcdef, 0)
  TEST_I(1029, slli, 0x2468acf13579bde, 0x123456789abcdef, 1)
  TEST_I(1030, slli, 0xa2b3c4d5e6f78000, 0x123456789abcdef, 15)
  TEST_I(1031, slli, 0xc4d5e6f780000000, 0x123456789abcdef, 31)
  TEST_I(1032, slli, 0xc000000000000000, 0x123456789abcdef, 62)
  TEST_I(1033, slli, 0x8000000000000000, 0x123456789abcdef, 63)
  TEST_I(1034, slli, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_I(1035, slli, 0x0, 0x8000000000000000, 1)
  TEST_I(1036, slli, 0x0, 0x8000000000000000, 15)
  TEST_I(1037, slli, 0x0, 0x8000000000000000, 31)
  TEST_I(1038, slli, 0x0, 0x8000000000000000, 62)
  TEST_I(1039, slli, 0x0, 0x8000000000000000, 63)
  TEST_I(1040, slli, 0xfedcba9876543210, 0xfedcba9876543210, 0)
  TEST_I(1041, slli, 0xfdb97530eca86420, 0xfedcba9876543210, 1)
  TEST_I(1042, slli, 0x5d4c3b2a19080000, 0xfedcba9876543210, 15)
  TEST_I(1043, slli, 0x3b2a190800000000, 0xfedcba9876543210, 31)
  TEST_I(1044, slli, 0x0, 0xfedcba9876543210, 62)
  TEST_I(1045, slli, 0x0, 0xfedcba9876543210, 63)
  TEST_I(1046, slli, 0x1, 0x1, 0)
  TEST_I(1047, slli, 0x2, 0x1, 1)
  TEST_I(1048, slli, 0x8000, 0x1, 15)
  TEST_I(1049, slli, 0x80000000, 0x1, 31)
  TEST_I(1050, slli, 0x4000000000000000, 0x1, 62)
  TEST_I(1051, slli, 0x8000000000000000, 0x1, 63)
  TEST_I(1052, slli, 0x80000000, 0x80000000, 0)
  TEST_I(1053, slli, 0x100000000, 0x80000000, 1)
  TEST_I(1054, slli, 0x400000000000, 0x80000000, 15)
  TEST_I(1055, slli, 0x4000000000000000, 0x80000000, 31)
  TEST_I(1056, slli, 0x0, 0x80000000, 62)
  TEST_I(1057, slli, 0x0, 0x80000000, 63)
  TEST_I_RD_IS_RS1(1058, slli, 0x468acf13579bde00, 0x123456789abcdef, 9)
  TEST_I_X0_RS1(1059, slli, 0, 5)
  TEST_I_X0_RD(1060, slli, 0x5a5a, 3)
  TEST_I_HI(1061, slli, 0x97530eca86420000, 0xfedcba9876543210, 13)

  /* ---- srli ---- */
  TEST_I(1062, srli, 0x123456789abcdef, 0x123456789abcdef, 0)
  TEST_I(1063, srli, 0x91a2b3c4d5e6f7, 0x123456789abcdef, 1)
  TEST_I(1064, srli, 0x2468acf1357, 0x123456789abcdef, 15)
  TEST_I(1065, srli, 0x2468acf, 0x123456789abcdef, 31)
  TEST_I(1066, srli, 0x0, 0x123456789abcdef, 62)
  TEST_I(1067, srli, 0x0, 0x123456789abcdef, 63)
  TEST_I(1068, srli, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_I(1069, srli, 0x4000000000000000, 0x8000000000000000, 1)
  TEST_I(1070, srli, 0x1000000000000, 0x8000000000000000, 15)
  TEST_I(1071, srli, 0x100000000, 0x8000000000000000, 31)
  TEST_I(1072, srli, 0x2, 0x8000000000000000, 62)
  TEST_I(1073, srli, 0x1, 0x8000000000000000, 63)
  TEST_I(1074, srli, 0xfedcba9876543210, 0xfedcba9876543210, 0)
  TEST_I(1075, srli, 0x7f6e5d4c3b2a1908, 0xfedcba9876543210, 1)
  TEST_I(1076, srli, 0x1fdb97530eca8, 0xfedcba9876543210, 15)
  TEST_I(1077, srli, 0x1fdb97530, 0xfedcba9876543210, 31)
  TEST_I(1078, srli, 0x3, 0xfedcba9876543210, 62)
  TEST_I(1079, srli, 0x1, 0xfedcba9876543210, 63)
  TEST_I(1080, srli, 0x1, 0x1, 0)
  TEST_I(1081, srli, 0x0, 0x1, 1)
  TEST_I(1082, srli, 0x0, 0x1, 15)
  TEST_I(1083, srli, 0x0, 0x1, 31)
  TEST_I(1084, srli, 0x0, 0x1, 62)
  TEST_I(1085, srli, 0x0, 0x1, 63)
  TEST_I(1086, srli, 0x80000000, 0x80000000, 0)
  TEST_I(1087, srli, 0x40000000, 0x80000000, 1)
  TEST_I(1088, srli, 0x10000, 0x80000000, 15)
  TEST_I(1089, srli, 0x1, 0x80000000, 31)
  TEST_I(1090, srli, 0x0, 0x80000000, 62)
  TEST_I(1091, srli, 0x0, 0x80000000, 63)
  TEST_I_RD_IS_RS1(1092, srli, 0x91a2b3c4d5e6, 0x123456789abcdef, 9)
  TEST_I_X0_RS1(1093, srli, 0, 5)
  TEST_I_X0_RD(1094, srli, 0x5a5a, 3)
  TEST_I_HI(1095, srli, 0x7f6e5d4c3b2a1, 0xfedcba9876543210, 13)

  /* ---- srai ---- */
  TEST_I(1096, srai, 0x123456789abcdef, 0x123456789abcdef, 0)
  TEST_I(1097, srai, 0x91a2b3c4d5e6f7, 0x123456789abcdef, 1)
  TEST_I(1098, srai, 0x2468acf1357, 0x123456789abcdef, 15)
  TEST_I(1099, srai, 0x2468acf, 0x123456789abcdef, 31)
  TEST_I(1100, srai, 0x0, 0x123456789abcdef, 62)
  TEST_I(1101, srai, 0x0, 0x123456789abcdef, 63)
  TEST_I(1102, srai, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_I(1103, srai, 0xc000000000000000, 0x8000000000000000, 1)
  TEST_I(1104, srai, 0xffff000000000000, 0x8000000000000000, 15)
  TEST_I(1105, srai, 0xffffffff00000000, 0x8000000000000000, 31)
  TEST_I(1106, srai, 0xfffffffffffffffe, 0x8000000000000000, 62)
  TEST_I(1107, srai, 0xffffffffffffffff, 0x8000000000000000, 63)
  TEST_I(1108, srai, 0xfedcba9876543210, 0xfedcba9876543210, 0)
  TEST_I(1109, srai, 0xff6e5d4c3b2a1908, 0xfedcba9876543210, 1)
  TEST_I(1110, srai, 0xfffffdb97530eca8, 0xfedcba9876543210, 15)
  TEST_I(1111, srai, 0xfffffffffdb97530, 0xfedcba9876543210, 31)
  TEST_I(1112, srai, 0xffffffffffffffff, 0xfedcba9876543210, 62)
  TEST_I(1113, srai, 0xffffffffffffffff, 0xfedcba9876543210, 63)
  TEST_I(1114, srai, 0x1, 0x1, 0)
  TEST_I(1115, srai, 0x0, 0x1, 1)
  TEST_I(1116, srai, 0x0, 0x1, 15)
  TEST_I(1117, srai, 0x0, 0x1, 31)
  TEST_I(1118, srai, 0x0, 0x1, 62)
  TEST_I(1119, srai, 0x0, 0x1, 63)
  TEST_I(1120, srai, 0x80000000, 0x80000000, 0)
  TEST_I(1121, srai, 0x40000000, 0x80000000, 1)
  TEST_I(1122, srai, 0x10000, 0x80000000, 15)
  TEST_I(1123, srai, 0x1, 0x80000000, 31)
  TEST_I(1124, srai, 0x0, 0x80000000, 62)
  TEST_I(1125, srai, 0x0, 0x80000000, 63)
  TEST_I_RD_IS_RS1(1126, srai, 0x91a2b3c4d5e6, 0x123456789abcdef, 9)
  TEST_I_X0_RS1(1127, srai, 0, 5)
  TEST_I_X0_RD(1128, srai, 0x5a5a, 3)
  TEST_I_HI(1129, srai, 0xfffff6e5d4c3b2a1, 0xfedcba9876543210, 13)

  /* ---- slliw ---- */
  TEST_I(1130, slliw, 0xffffffff89abcdef, 0x123456789abcdef, 0)
  TEST_I(1131, slliw, 0x13579bde, 0x123456789abcdef, 1)
  TEST_I(1132, slliw, 0xffffffffe6f78000, 0x123456789abcdef, 15)
  TEST_I(1133, slliw, 0xffffffffc0000000, 0x123456789abcdef, 30)
  TEST_I(1134, slliw, 0xffffffff80000000, 0x123456789abcdef, 31)
  TEST_I(1135, slliw, 0x0, 0x8000000000000000, 0)
  TEST_I(1136, slliw, 0x0, 0x8000000000000000, 1)
  TEST_I(1137, slliw, 0x0, 0x8000000000000000, 15)
  TEST_I(1138, slliw, 0x0, 0x8000000000000000, 30)
  TEST_I(1139, slliw, 0x0, 0x8000000000000000, 31)
  TEST_I(1140, slliw, 0x76543210, 0xfedcba9876543210, 0)
  TEST_I(1141, slliw, 0xffffffffeca86420, 0xfedcba9876543210, 1)
  TEST_I(1142, slliw, 0x19080000, 0xfedcba9876543210, 15)
  TEST_I(1143, slliw, 0x0, 0xfedcba9876543210, 30)
  TEST_I(1144, slliw, 0x0, 0xfedcba9876543210, 31)
  TEST_I(1145, slliw, 0x1, 0x1, 0)
  TEST_I(1146, slliw, 0x2, 0x1, 1)
  TEST_I(1147, slliw, 0x8000, 0x1, 15)
  TEST_I(1148, slliw, 0x40000000, 0x1, 30)
  TEST_I(1149, slliw, 0xffffffff80000000, 0x1, 31)
  TEST_I(1150, slliw, 0xffffffff80000000, 0x80000000, 0)
  TEST_I(1151, slliw, 0x0, 0x80000000, 1)
  TEST_I(1152, slliw, 0x0, 0x80000000, 15)
  TEST_I(1153, slliw, 0x0, 0x80000000, 30)
  TEST_I(1154, slliw, 0x0, 0x80000000, 31)
  TEST_I_RD_IS_RS1(1155, slliw, 0x579bde00, 0x123456789abcdef, 9)
  TEST_I_X0_RS1(1156, slliw, 0, 5)
  TEST_I_X0_RD(1157, slliw, 0x5a5a, 3)
  TEST_I_HI(1158, slliw, 0xffffffff86420000, 0xfedcba9876543210, 13)

  /* ---- srliw ---- */
  TEST_I(1159, srliw, 0xffffffff89abcdef, 0x123456789abcdef, 0)
  TEST_I(1160, srliw, 0x44d5e6f7, 0x123456789abcdef, 1)
  TEST_I(1161, srliw, 0x11357, 0x123456789abcdef, 15)
  TEST_I(1162, srliw, 0x2, 0x123456789abcdef, 30)
  TEST_I(1163, srliw, 0x1, 0x123456789abcdef, 31)
  TEST_I(1164, srliw, 0x0, 0x8000000000000000, 0)
  TEST_I(1165, srliw, 0x0, 0x8000000000000000, 1)
  TEST_I(1166, srliw, 0x0, 0x8000000000000000, 15)
  TEST_I(1167, srliw, 0x0, 0x8000000000000000, 30)
  TEST_I(1168, srliw, 0x0, 0x8000000000000000, 31)
  TEST_I(1169, srliw, 0x76543210, 0xfedcba9876543210, 0)
  TEST_I(1170, srliw, 0x3b2a1908, 0xfedcba9876543210, 1)
  TEST_I(1171, srliw, 0xeca8, 0xfedcba9876543210, 15)
  TEST_I(1172, srliw, 0x1, 0xfedcba9876543210, 30)
  TEST_I(1173, srliw, 0x0, 0xfedcba9876543210, 31)
  TEST_I(1174, srliw, 0x1, 0x1, 0)
  TEST_I(1175, srliw, 0x0, 0x1, 1)
  TEST_I(1176, srliw, 0x0, 0x1, 15)
  TEST_I(1177, srliw, 0x0, 0x1, 30)
  TEST_I(1178, srliw, 0x0, 0x1, 31)
  TEST_I(1179, srliw, 0xffffffff80000000, 0x80000000, 0)
  TEST_I(1180, srliw, 0x40000000, 0x80000000, 1)
  TEST_I(1181, srliw, 0x10000, 0x80000000, 15)
  TEST_I(1182, srliw, 0x2, 0x80000000, 30)
  TEST_I(1183, srliw, 0x1, 0x80000000, 31)
  TEST_I_RD_IS_RS1(1184, srliw, 0x44d5e6, 0x123456789abcdef, 9)
  TEST_I_X0_RS1(1185, srliw, 0, 5)
  TEST_I_X0_RD(1186, srliw, 0x5a5a, 3)
  TEST_I_HI(1187, srliw, 0x3b2a1, 0xfedcba9876543210, 13)

  /* ---- sraiw ---- */
  TEST_I(1188, sraiw, 0xffffffff89abcdef, 0x123456789abcdef, 0)
  TEST_I(1189, sraiw, 0xffffffffc4d5e6f7, 0x123456789abcdef, 1)
  TEST_I(1190, sraiw, 0xffffffffffff1357, 0x123456789abcdef, 15)
  TEST_I(1191, sraiw, 0xfffffffffffffffe, 0x123456789abcdef, 30)
  TEST_I(1192, sraiw, 0xffffffffffffffff, 0x123456789abcdef, 31)
  TEST_I(1193, sraiw, 0x0, 0x8000000000000000, 0)
  TEST_I(1194, sraiw, 0x0, 0x8000000000000000, 1)
  TEST_I(1195, sraiw, 0x0, 0x8000000000000000, 15)
  TEST_I(1196, sraiw, 0x0, 0x8000000000000000, 30)
  TEST_I(1197, sraiw, 0x0, 0x8000000000000000, 31)
  TEST_I(1198, sraiw, 0x76543210, 0xfedcba9876543210, 0)
  TEST_I(1199, sraiw, 0x3b2a1908, 0xfedcba9876543210, 1)
  TEST_I(1200, sraiw, 0xeca8, 0xfedcba9876543210, 15)
  TEST_I(1201, sraiw, 0x1, 0xfedcba9876543210, 30)
  TEST_I(1202, sraiw, 0x0, 0xfedcba9876543210, 31)
  TEST_I(1203, sraiw, 0x1, 0x1, 0)
  TEST_I(1204, sraiw, 0x0, 0x1, 1)
  TEST_I(1205, sraiw, 0x0, 0x1, 15)
  TEST_I(1206, sraiw, 0x0, 0x1, 30)
  TEST_I(1207, sraiw, 0x0, 0x1, 31)
  TEST_I(1208, sraiw, 0xffffffff80000000, 0x80000000, 0)
  TEST_I(1209, sraiw, 0xffffffffc0000000, 0x80000000, 1)
  TEST_I(1210, sraiw, 0xffffffffffff0000, 0x80000000, 15)
  TEST_I(1211, sraiw, 0xfffffffffffffffe, 0x80000000, 30)
  TEST_I(1212, sraiw, 0xffffffffffffffff, 0x80000000, 31)
  TEST_I_RD_IS_RS1(1213, sraiw, 0xffffffffffc4d5e6, 0x123456789abcdef, 9)
  TEST_I_X0_RS1(1214, sraiw, 0, 5)
  TEST_I_X0_RD(1215, sraiw, 0x5a5a, 3)
  TEST_I_HI(1216, sraiw, 0x3b2a1, 0xfedcba9876543210, 13)
TEST_END

  .section .rodata
  .align 3
tab_add:  /* add: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 21 */
  .dword 0x0, 0x1, 0x1  /* 22 */
  .dword 0x0, 0xffffffffffffffff, 0xffffffffffffffff  /* 23 */
  .dword 0x0, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 24 */
  .dword 0x0, 0x8000000000000000, 0x8000000000000000  /* 25 */
  .dword 0x1, 0x0, 0x1  /* 26 */
  .dword 0x1, 0x1, 0x2  /* 27 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 28 */
  .dword 0x1, 0x7fffffffffffffff, 0x8000000000000000  /* 29 */
  .dword 0x1, 0x8000000000000000, 0x8000000000000001  /* 30 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 31 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 32 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe  /* 33 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x7ffffffffffffffe  /* 34 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff  /* 35 */
  .dword 0x7fffffffffffffff, 0x0, 0x7fffffffffffffff  /* 36 */
  .dword 0x7fffffffffffffff, 0x1, 0x8000000000000000  /* 37 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x7ffffffffffffffe  /* 38 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 39 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 40 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 41 */
  .dword 0x8000000000000000, 0x1, 0x8000000000000001  /* 42 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff  /* 43 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff  /* 44 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 45 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xffffffffffffffff  /* 46 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xffffffffffffffff  /* 47 */
  .dword 0x7fffffff, 0x1, 0x80000000  /* 48 */
  .dword 0xffffffff, 0x1, 0x100000000  /* 49 */
  .dword 0x80000000, 0xffffffffffffffff, 0x7fffffff  /* 50 */
  .dword 0xffffffff80000000, 0x80000000, 0x0  /* 51 */
  .dword 0xffff0000, 0xffff00000000, 0xffffffff0000  /* 52 */
  .dword 0x3, 0xfffffffffffffffd, 0x0  /* 53 */
  .dword 0x1234, 0x1233, 0x2467  /* 54 */
  .dword 0x1233, 0x1234, 0x2467  /* 55 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffd  /* 56 */
  .dword 0x100000000, 0xffffffff, 0x1ffffffff  /* 57 */
  .dword 0x7fffffff, 0x80000000, 0xffffffff  /* 58 */
  .dword 0x80000000, 0x7fffffff, 0xffffffff  /* 59 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0xfffffffeffffffff  /* 60 */
tab_sub:  /* sub: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 68 */
  .dword 0x0, 0x1, 0xffffffffffffffff  /* 69 */
  .dword 0x0, 0xffffffffffffffff, 0x1  /* 70 */
  .dword 0x0, 0x7fffffffffffffff, 0x8000000000000001  /* 71 */
  .dword 0x0, 0x8000000000000000, 0x8000000000000000  /* 72 */
  .dword 0x1, 0x0, 0x1  /* 73 */
  .dword 0x1, 0x1, 0x0  /* 74 */
  .dword 0x1, 0xffffffffffffffff, 0x2  /* 75 */
  .dword 0x1, 0x7fffffffffffffff, 0x8000000000000002  /* 76 */
  .dword 0x1, 0x8000000000000000, 0x8000000000000001  /* 77 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 78 */
  .dword 0xffffffffffffffff, 0x1, 0xfffffffffffffffe  /* 79 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 80 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000  /* 81 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff  /* 82 */
  .dword 0x7fffffffffffffff, 0x0, 0x7fffffffffffffff  /* 83 */
  .dword 0x7fffffffffffffff, 0x1, 0x7ffffffffffffffe  /* 84 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000000  /* 85 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 86 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 87 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 88 */
  .dword 0x8000000000000000, 0x1, 0x7fffffffffffffff  /* 89 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000001  /* 90 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x1  /* 91 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 92 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x2468acf13579bdf  /* 93 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaab  /* 94 */
  .dword 0x7fffffff, 0x1, 0x7ffffffe  /* 95 */
  .dword 0xffffffff, 0x1, 0xfffffffe  /* 96 */
  .dword 0x80000000, 0xffffffffffffffff, 0x80000001  /* 97 */
  .dword 0xffffffff80000000, 0x80000000, 0xffffffff00000000  /* 98 */
  .dword 0xffff0000, 0xffff00000000, 0xffff0001ffff0000  /* 99 */
  .dword 0x3, 0xfffffffffffffffd, 0x6  /* 100 */
  .dword 0x1234, 0x1233, 0x1  /* 101 */
  .dword 0x1233, 0x1234, 0xffffffffffffffff  /* 102 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff  /* 103 */
  .dword 0x100000000, 0xffffffff, 0x1  /* 104 */
  .dword 0x7fffffff, 0x80000000, 0xffffffffffffffff  /* 105 */
  .dword 0x80000000, 0x7fffffff, 0x1  /* 106 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0xffffffffffffffff  /* 107 */
tab_xor:  /* xor: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 115 */
  .dword 0x0, 0x1, 0x1  /* 116 */
  .dword 0x0, 0xffffffffffffffff, 0xffffffffffffffff  /* 117 */
  .dword 0x0, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 118 */
  .dword 0x0, 0x8000000000000000, 0x8000000000000000  /* 119 */
  .dword 0x1, 0x0, 0x1  /* 120 */
  .dword 0x1, 0x1, 0x0  /* 121 */
  .dword 0x1, 0xffffffffffffffff, 0xfffffffffffffffe  /* 122 */
  .dword 0x1, 0x7fffffffffffffff, 0x7ffffffffffffffe  /* 123 */
  .dword 0x1, 0x8000000000000000, 0x8000000000000001  /* 124 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 125 */
  .dword 0xffffffffffffffff, 0x1, 0xfffffffffffffffe  /* 126 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 127 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000  /* 128 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff  /* 129 */
  .dword 0x7fffffffffffffff, 0x0, 0x7fffffffffffffff  /* 130 */
  .dword 0x7fffffffffffffff, 0x1, 0x7ffffffffffffffe  /* 131 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000000  /* 132 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 133 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 134 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 135 */
  .dword 0x8000000000000000, 0x1, 0x8000000000000001  /* 136 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff  /* 137 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff  /* 138 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 139 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xffffffffffffffff  /* 140 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xffffffffffffffff  /* 141 */
  .dword 0x7fffffff, 0x1, 0x7ffffffe  /* 142 */
  .dword 0xffffffff, 0x1, 0xfffffffe  /* 143 */
  .dword 0x80000000, 0xffffffffffffffff, 0xffffffff7fffffff  /* 144 */
  .dword 0xffffffff80000000, 0x80000000, 0xffffffff00000000  /* 145 */
  .dword 0xffff0000, 0xffff00000000, 0xffffffff0000  /* 146 */
  .dword 0x3, 0xfffffffffffffffd, 0xfffffffffffffffe  /* 147 */
  .dword 0x1234, 0x1233, 0x7  /* 148 */
  .dword 0x1233, 0x1234, 0x7  /* 149 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x1  /* 150 */
  .dword 0x100000000, 0xffffffff, 0x1ffffffff  /* 151 */
  .dword 0x7fffffff, 0x80000000, 0xffffffff  /* 152 */
  .dword 0x80000000, 0x7fffffff, 0xffffffff  /* 153 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0xffffffff  /* 154 */
tab_or:  /* or: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 162 */
  .dword 0x0, 0x1, 0x1  /* 163 */
  .dword 0x0, 0xffffffffffffffff, 0xffffffffffffffff  /* 164 */
  .dword 0x0, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 165 */
  .dword 0x0, 0x8000000000000000, 0x8000000000000000  /* 166 */
  .dword 0x1, 0x0, 0x1  /* 167 */
  .dword 0x1, 0x1, 0x1  /* 168 */
  .dword 0x1, 0xffffffffffffffff, 0xffffffffffffffff  /* 169 */
  .dword 0x1, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 170 */
  .dword 0x1, 0x8000000000000000, 0x8000000000000001  /* 171 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 172 */
  .dword 0xffffffffffffffff, 0x1, 0xffffffffffffffff  /* 173 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff  /* 174 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0xffffffffffffffff  /* 175 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 176 */
  .dword 0x7fffffffffffffff, 0x0, 0x7fffffffffffffff  /* 177 */
  .dword 0x7fffffffffffffff, 0x1, 0x7fffffffffffffff  /* 178 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff  /* 179 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 180 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 181 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 182 */
  .dword 0x8000000000000000, 0x1, 0x8000000000000001  /* 183 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0xffffffffffffffff  /* 184 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff  /* 185 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x8000000000000000  /* 186 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xffffffffffffffff  /* 187 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xffffffffffffffff  /* 188 */
  .dword 0x7fffffff, 0x1, 0x7fffffff  /* 189 */
  .dword 0xffffffff, 0x1, 0xffffffff  /* 190 */
  .dword 0x80000000, 0xffffffffffffffff, 0xffffffffffffffff  /* 191 */
  .dword 0xffffffff80000000, 0x80000000, 0xffffffff80000000  /* 192 */
  .dword 0xffff0000, 0xffff00000000, 0xffffffff0000  /* 193 */
  .dword 0x3, 0xfffffffffffffffd, 0xffffffffffffffff  /* 194 */
  .dword 0x1234, 0x1233, 0x1237  /* 195 */
  .dword 0x1233, 0x1234, 0x1237  /* 196 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff  /* 197 */
  .dword 0x100000000, 0xffffffff, 0x1ffffffff  /* 198 */
  .dword 0x7fffffff, 0x80000000, 0xffffffff  /* 199 */
  .dword 0x80000000, 0x7fffffff, 0xffffffff  /* 200 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0xffffffffffffffff  /* 201 */
tab_and:  /* and: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 209 */
  .dword 0x0, 0x1, 0x0  /* 210 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 211 */
  .dword 0x0, 0x7fffffffffffffff, 0x0  /* 212 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 213 */
  .dword 0x1, 0x0, 0x0  /* 214 */
  .dword 0x1, 0x1, 0x1  /* 215 */
  .dword 0x1, 0xffffffffffffffff, 0x1  /* 216 */
  .dword 0x1, 0x7fffffffffffffff, 0x1  /* 217 */
  .dword 0x1, 0x8000000000000000, 0x0  /* 218 */
  .dword 0xffffffffffffffff, 0x0, 0x0  /* 219 */
  .dword 0xffffffffffffffff, 0x1, 0x1  /* 220 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff  /* 221 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 222 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x8000000000000000  /* 223 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 224 */
  .dword 0x7fffffffffffffff, 0x1, 0x1  /* 225 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x7fffffffffffffff  /* 226 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff  /* 227 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x0  /* 228 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 229 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 230 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000000  /* 231 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x0  /* 232 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x8000000000000000  /* 233 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x0  /* 234 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0  /* 235 */
  .dword 0x7fffffff, 0x1, 0x1  /* 236 */
  .dword 0xffffffff, 0x1, 0x1  /* 237 */
  .dword 0x80000000, 0xffffffffffffffff, 0x80000000  /* 238 */
  .dword 0xffffffff80000000, 0x80000000, 0x80000000  /* 239 */
  .dword 0xffff0000, 0xffff00000000, 0x0  /* 240 */
  .dword 0x3, 0xfffffffffffffffd, 0x1  /* 241 */
  .dword 0x1234, 0x1233, 0x1230  /* 242 */
  .dword 0x1233, 0x1234, 0x1230  /* 243 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe  /* 244 */
  .dword 0x100000000, 0xffffffff, 0x0  /* 245 */
  .dword 0x7fffffff, 0x80000000, 0x0  /* 246 */
  .dword 0x80000000, 0x7fffffff, 0x0  /* 247 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0xffffffff00000000  /* 248 */
tab_slt:  /* slt: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 256 */
  .dword 0x0, 0x1, 0x1  /* 257 */
  .dword 0x0, 0xffffffffffffffff, 0x0  /* 258 */
  .dword 0x0, 0x7fffffffffffffff, 0x1  /* 259 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 260 */
  .dword 0x1, 0x0, 0x0  /* 261 */
  .dword 0x1, 0x1, 0x0  /* 262 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 263 */
  .dword 0x1, 0x7fffffffffffffff, 0x1  /* 264 */
  .dword 0x1, 0x8000000000000000, 0x0  /* 265 */
  .dword 0xffffffffffffffff, 0x0, 0x1  /* 266 */
  .dword 0xffffffffffffffff, 0x1, 0x1  /* 267 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 268 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x1  /* 269 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x0  /* 270 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 271 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 272 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x0  /* 273 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 274 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x0  /* 275 */
  .dword 0x8000000000000000, 0x0, 0x1  /* 276 */
  .dword 0x8000000000000000, 0x1, 0x1  /* 277 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x1  /* 278 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x1  /* 279 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 280 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x0  /* 281 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0  /* 282 */
  .dword 0x7fffffff, 0x1, 0x0  /* 283 */
  .dword 0xffffffff, 0x1, 0x0  /* 284 */
  .dword 0x80000000, 0xffffffffffffffff, 0x0  /* 285 */
  .dword 0xffffffff80000000, 0x80000000, 0x1  /* 286 */
  .dword 0xffff0000, 0xffff00000000, 0x1  /* 287 */
  .dword 0x3, 0xfffffffffffffffd, 0x0  /* 288 */
  .dword 0x1234, 0x1233, 0x0  /* 289 */
  .dword 0x1233, 0x1234, 0x1  /* 290 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x1  /* 291 */
  .dword 0x100000000, 0xffffffff, 0x0  /* 292 */
  .dword 0x7fffffff, 0x80000000, 0x1  /* 293 */
  .dword 0x80000000, 0x7fffffff, 0x0  /* 294 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0x1  /* 295 */
tab_sltu:  /* sltu: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 303 */
  .dword 0x0, 0x1, 0x1  /* 304 */
  .dword 0x0, 0xffffffffffffffff, 0x1  /* 305 */
  .dword 0x0, 0x7fffffffffffffff, 0x1  /* 306 */
  .dword 0x0, 0x8000000000000000, 0x1  /* 307 */
  .dword 0x1, 0x0, 0x0  /* 308 */
  .dword 0x1, 0x1, 0x0  /* 309 */
  .dword 0x1, 0xffffffffffffffff, 0x1  /* 310 */
  .dword 0x1, 0x7fffffffffffffff, 0x1  /* 311 */
  .dword 0x1, 0x8000000000000000, 0x1  /* 312 */
  .dword 0xffffffffffffffff, 0x0, 0x0  /* 313 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 314 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 315 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x0  /* 316 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0x0  /* 317 */
  .dword 0x7fffffffffffffff, 0x0, 0x0  /* 318 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 319 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x1  /* 320 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 321 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0x1  /* 322 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 323 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 324 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x1  /* 325 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x0  /* 326 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 327 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x1  /* 328 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x1  /* 329 */
  .dword 0x7fffffff, 0x1, 0x0  /* 330 */
  .dword 0xffffffff, 0x1, 0x0  /* 331 */
  .dword 0x80000000, 0xffffffffffffffff, 0x1  /* 332 */
  .dword 0xffffffff80000000, 0x80000000, 0x0  /* 333 */
  .dword 0xffff0000, 0xffff00000000, 0x1  /* 334 */
  .dword 0x3, 0xfffffffffffffffd, 0x1  /* 335 */
  .dword 0x1234, 0x1233, 0x0  /* 336 */
  .dword 0x1233, 0x1234, 0x1  /* 337 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0x1  /* 338 */
  .dword 0x100000000, 0xffffffff, 0x0  /* 339 */
  .dword 0x7fffffff, 0x80000000, 0x1  /* 340 */
  .dword 0x80000000, 0x7fffffff, 0x0  /* 341 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0x1  /* 342 */
tab_sll:  /* sll: rs1, rs2, expected  (check number) */
  .dword 0x123456789abcdef, 0x0, 0x123456789abcdef  /* 350 */
  .dword 0x123456789abcdef, 0x1, 0x2468acf13579bde  /* 351 */
  .dword 0x123456789abcdef, 0x7, 0x91a2b3c4d5e6f780  /* 352 */
  .dword 0x123456789abcdef, 0x1f, 0xc4d5e6f780000000  /* 353 */
  .dword 0x123456789abcdef, 0x20, 0x89abcdef00000000  /* 354 */
  .dword 0x123456789abcdef, 0x21, 0x13579bde00000000  /* 355 */
  .dword 0x123456789abcdef, 0x3f, 0x8000000000000000  /* 356 */
  .dword 0x123456789abcdef, 0x40, 0x123456789abcdef  /* 357 */
  .dword 0x123456789abcdef, 0x41, 0x2468acf13579bde  /* 358 */
  .dword 0x123456789abcdef, 0xffffffffffffffc1, 0x2468acf13579bde  /* 359 */
  .dword 0x123456789abcdef, 0x7fffffffffffffdf, 0xc4d5e6f780000000  /* 360 */
  .dword 0x123456789abcdef, 0xffffffffffffffff, 0x8000000000000000  /* 361 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 362 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 363 */
  .dword 0x8000000000000000, 0x7, 0x0  /* 364 */
  .dword 0x8000000000000000, 0x1f, 0x0  /* 365 */
  .dword 0x8000000000000000, 0x20, 0x0  /* 366 */
  .dword 0x8000000000000000, 0x21, 0x0  /* 367 */
  .dword 0x8000000000000000, 0x3f, 0x0  /* 368 */
  .dword 0x8000000000000000, 0x40, 0x8000000000000000  /* 369 */
  .dword 0x8000000000000000, 0x41, 0x0  /* 370 */
  .dword 0x8000000000000000, 0xffffffffffffffc1, 0x0  /* 371 */
  .dword 0x8000000000000000, 0x7fffffffffffffdf, 0x0  /* 372 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 373 */
  .dword 0xfedcba9876543210, 0x0, 0xfedcba9876543210  /* 374 */
  .dword 0xfedcba9876543210, 0x7, 0x6e5d4c3b2a190800  /* 375 */
  .dword 0xfedcba9876543210, 0x20, 0x7654321000000000  /* 376 */
  .dword 0xfedcba9876543210, 0x3f, 0x0  /* 377 */
  .dword 0xfedcba9876543210, 0x41, 0xfdb97530eca86420  /* 378 */
  .dword 0xfedcba9876543210, 0x7fffffffffffffdf, 0x3b2a190800000000  /* 379 */
  .dword 0x1, 0x0, 0x1  /* 380 */
  .dword 0x1, 0x7, 0x80  /* 381 */
  .dword 0x1, 0x20, 0x100000000  /* 382 */
  .dword 0x1, 0x3f, 0x8000000000000000  /* 383 */
  .dword 0x1, 0x41, 0x2  /* 384 */
  .dword 0x1, 0x7fffffffffffffdf, 0x80000000  /* 385 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 386 */
  .dword 0xffffffffffffffff, 0x7, 0xffffffffffffff80  /* 387 */
  .dword 0xffffffffffffffff, 0x20, 0xffffffff00000000  /* 388 */
  .dword 0xffffffffffffffff, 0x3f, 0x8000000000000000  /* 389 */
  .dword 0xffffffffffffffff, 0x41, 0xfffffffffffffffe  /* 390 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffdf, 0xffffffff80000000  /* 391 */
  .dword 0x80000000, 0x0, 0x80000000  /* 392 */
  .dword 0x80000000, 0x1, 0x100000000  /* 393 */
  .dword 0x80000000, 0x7, 0x4000000000  /* 394 */
  .dword 0x80000000, 0x1f, 0x4000000000000000  /* 395 */
  .dword 0x80000000, 0x20, 0x8000000000000000  /* 396 */
  .dword 0x80000000, 0x21, 0x0  /* 397 */
  .dword 0x80000000, 0x3f, 0x0  /* 398 */
  .dword 0x80000000, 0x40, 0x80000000  /* 399 */
  .dword 0x80000000, 0x41, 0x100000000  /* 400 */
  .dword 0x80000000, 0xffffffffffffffc1, 0x100000000  /* 401 */
  .dword 0x80000000, 0x7fffffffffffffdf, 0x4000000000000000  /* 402 */
  .dword 0x80000000, 0xffffffffffffffff, 0x0  /* 403 */
  .dword 0x7fffffff, 0x0, 0x7fffffff  /* 404 */
  .dword 0x7fffffff, 0x7, 0x3fffffff80  /* 405 */
  .dword 0x7fffffff, 0x20, 0x7fffffff00000000  /* 406 */
  .dword 0x7fffffff, 0x3f, 0x8000000000000000  /* 407 */
  .dword 0x7fffffff, 0x41, 0xfffffffe  /* 408 */
  .dword 0x7fffffff, 0x7fffffffffffffdf, 0x3fffffff80000000  /* 409 */
tab_srl:  /* srl: rs1, rs2, expected  (check number) */
  .dword 0x123456789abcdef, 0x0, 0x123456789abcdef  /* 417 */
  .dword 0x123456789abcdef, 0x1, 0x91a2b3c4d5e6f7  /* 418 */
  .dword 0x123456789abcdef, 0x7, 0x2468acf13579b  /* 419 */
  .dword 0x123456789abcdef, 0x1f, 0x2468acf  /* 420 */
  .dword 0x123456789abcdef, 0x20, 0x1234567  /* 421 */
  .dword 0x123456789abcdef, 0x21, 0x91a2b3  /* 422 */
  .dword 0x123456789abcdef, 0x3f, 0x0  /* 423 */
  .dword 0x123456789abcdef, 0x40, 0x123456789abcdef  /* 424 */
  .dword 0x123456789abcdef, 0x41, 0x91a2b3c4d5e6f7  /* 425 */
  .dword 0x123456789abcdef, 0xffffffffffffffc1, 0x91a2b3c4d5e6f7  /* 426 */
  .dword 0x123456789abcdef, 0x7fffffffffffffdf, 0x2468acf  /* 427 */
  .dword 0x123456789abcdef, 0xffffffffffffffff, 0x0  /* 428 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 429 */
  .dword 0x8000000000000000, 0x1, 0x4000000000000000  /* 430 */
  .dword 0x8000000000000000, 0x7, 0x100000000000000  /* 431 */
  .dword 0x8000000000000000, 0x1f, 0x100000000  /* 432 */
  .dword 0x8000000000000000, 0x20, 0x80000000  /* 433 */
  .dword 0x8000000000000000, 0x21, 0x40000000  /* 434 */
  .dword 0x8000000000000000, 0x3f, 0x1  /* 435 */
  .dword 0x8000000000000000, 0x40, 0x8000000000000000  /* 436 */
  .dword 0x8000000000000000, 0x41, 0x4000000000000000  /* 437 */
  .dword 0x8000000000000000, 0xffffffffffffffc1, 0x4000000000000000  /* 438 */
  .dword 0x8000000000000000, 0x7fffffffffffffdf, 0x100000000  /* 439 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x1  /* 440 */
  .dword 0xfedcba9876543210, 0x0, 0xfedcba9876543210  /* 441 */
  .dword 0xfedcba9876543210, 0x7, 0x1fdb97530eca864  /* 442 */
  .dword 0xfedcba9876543210, 0x20, 0xfedcba98  /* 443 */
  .dword 0xfedcba9876543210, 0x3f, 0x1  /* 444 */
  .dword 0xfedcba9876543210, 0x41, 0x7f6e5d4c3b2a1908  /* 445 */
  .dword 0xfedcba9876543210, 0x7fffffffffffffdf, 0x1fdb97530  /* 446 */
  .dword 0x1, 0x0, 0x1  /* 447 */
  .dword 0x1, 0x7, 0x0  /* 448 */
  .dword 0x1, 0x20, 0x0  /* 449 */
  .dword 0x1, 0x3f, 0x0  /* 450 */
  .dword 0x1, 0x41, 0x0  /* 451 */
  .dword 0x1, 0x7fffffffffffffdf, 0x0  /* 452 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 453 */
  .dword 0xffffffffffffffff, 0x7, 0x1ffffffffffffff  /* 454 */
  .dword 0xffffffffffffffff, 0x20, 0xffffffff  /* 455 */
  .dword 0xffffffffffffffff, 0x3f, 0x1  /* 456 */
  .dword 0xffffffffffffffff, 0x41, 0x7fffffffffffffff  /* 457 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffdf, 0x1ffffffff  /* 458 */
  .dword 0x80000000, 0x0, 0x80000000  /* 459 */
  .dword 0x80000000, 0x1, 0x40000000  /* 460 */
  .dword 0x80000000, 0x7, 0x1000000  /* 461 */
  .dword 0x80000000, 0x1f, 0x1  /* 462 */
  .dword 0x80000000, 0x20, 0x0  /* 463 */
  .dword 0x80000000, 0x21, 0x0  /* 464 */
  .dword 0x80000000, 0x3f, 0x0  /* 465 */
  .dword 0x80000000, 0x40, 0x80000000  /* 466 */
  .dword 0x80000000, 0x41, 0x40000000  /* 467 */
  .dword 0x80000000, 0xffffffffffffffc1, 0x40000000  /* 468 */
  .dword 0x80000000, 0x7fffffffffffffdf, 0x1  /* 469 */
  .dword 0x80000000, 0xffffffffffffffff, 0x0  /* 470 */
  .dword 0x7fffffff, 0x0, 0x7fffffff  /* 471 */
  .dword 0x7fffffff, 0x7, 0xffffff  /* 472 */
  .dword 0x7fffffff, 0x20, 0x0  /* 473 */
  .dword 0x7fffffff, 0x3f, 0x0  /* 474 */
  .dword 0x7fffffff, 0x41, 0x3fffffff  /* 475 */
  .dword 0x7fffffff, 0x7fffffffffffffdf, 0x0  /* 476 */
tab_sra:  /* sra: rs1, rs2, expected  (check number) */
  .dword 0x123456789abcdef, 0x0, 0x123456789abcdef  /* 484 */
  .dword 0x123456789abcdef, 0x1, 0x91a2b3c4d5e6f7  /* 485 */
  .dword 0x123456789abcdef, 0x7, 0x2468acf13579b  /* 486 */
  .dword 0x123456789abcdef, 0x1f, 0x2468acf  /* 487 */
  .dword 0x123456789abcdef, 0x20, 0x1234567  /* 488 */
  .dword 0x123456789abcdef, 0x21, 0x91a2b3  /* 489 */
  .dword 0x123456789abcdef, 0x3f, 0x0  /* 490 */
  .dword 0x123456789abcdef, 0x40, 0x123456789abcdef  /* 491 */
  .dword 0x123456789abcdef, 0x41, 0x91a2b3c4d5e6f7  /* 492 */
  .dword 0x123456789abcdef, 0xffffffffffffffc1, 0x91a2b3c4d5e6f7  /* 493 */
  .dword 0x123456789abcdef, 0x7fffffffffffffdf, 0x2468acf  /* 494 */
  .dword 0x123456789abcdef, 0xffffffffffffffff, 0x0  /* 495 */
  .dword 0x8000000000000000, 0x0, 0x8000000000000000  /* 496 */
  .dword 0x8000000000000000, 0x1, 0xc000000000000000  /* 497 */
  .dword 0x8000000000000000, 0x7, 0xff00000000000000  /* 498 */
  .dword 0x8000000000000000, 0x1f, 0xffffffff00000000  /* 499 */
  .dword 0x8000000000000000, 0x20, 0xffffffff80000000  /* 500 */
  .dword 0x8000000000000000, 0x21, 0xffffffffc0000000  /* 501 */
  .dword 0x8000000000000000, 0x3f, 0xffffffffffffffff  /* 502 */
  .dword 0x8000000000000000, 0x40, 0x8000000000000000  /* 503 */
  .dword 0x8000000000000000, 0x41, 0xc000000000000000  /* 504 */
  .dword 0x8000000000000000, 0xffffffffffffffc1, 0xc000000000000000  /* 505 */
  .dword 0x8000000000000000, 0x7fffffffffffffdf, 0xffffffff00000000  /* 506 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0xffffffffffffffff  /* 507 */
  .dword 0xfedcba9876543210, 0x0, 0xfedcba9876543210  /* 508 */
  .dword 0xfedcba9876543210, 0x7, 0xfffdb97530eca864  /* 509 */
  .dword 0xfedcba9876543210, 0x20, 0xfffffffffedcba98  /* 510 */
  .dword 0xfedcba9876543210, 0x3f, 0xffffffffffffffff  /* 511 */
  .dword 0xfedcba9876543210, 0x41, 0xff6e5d4c3b2a1908  /* 512 */
  .dword 0xfedcba9876543210, 0x7fffffffffffffdf, 0xfffffffffdb97530  /* 513 */
  .dword 0x1, 0x0, 0x1  /* 514 */
  .dword 0x1, 0x7, 0x0  /* 515 */
  .dword 0x1, 0x20, 0x0  /* 516 */
  .dword 0x1, 0x3f, 0x0  /* 517 */
  .dword 0x1, 0x41, 0x0  /* 518 */
  .dword 0x1, 0x7fffffffffffffdf, 0x0  /* 519 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 520 */
  .dword 0xffffffffffffffff, 0x7, 0xffffffffffffffff  /* 521 */
  .dword 0xffffffffffffffff, 0x20, 0xffffffffffffffff  /* 522 */
  .dword 0xffffffffffffffff, 0x3f, 0xffffffffffffffff  /* 523 */
  .dword 0xffffffffffffffff, 0x41, 0xffffffffffffffff  /* 524 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffdf, 0xffffffffffffffff  /* 525 */
  .dword 0x80000000, 0x0, 0x80000000  /* 526 */
  .dword 0x80000000, 0x1, 0x40000000  /* 527 */
  .dword 0x80000000, 0x7, 0x1000000  /* 528 */
  .dword 0x80000000, 0x1f, 0x1  /* 529 */
  .dword 0x80000000, 0x20, 0x0  /* 530 */
  .dword 0x80000000, 0x21, 0x0  /* 531 */
  .dword 0x80000000, 0x3f, 0x0  /* 532 */
  .dword 0x80000000, 0x40, 0x80000000  /* 533 */
  .dword 0x80000000, 0x41, 0x40000000  /* 534 */
  .dword 0x80000000, 0xffffffffffffffc1, 0x40000000  /* 535 */
  .dword 0x80000000, 0x7fffffffffffffdf, 0x1  /* 536 */
  .dword 0x80000000, 0xffffffffffffffff, 0x0  /* 537 */
  .dword 0x7fffffff, 0x0, 0x7fffffff  /* 538 */
  .dword 0x7fffffff, 0x7, 0xffffff  /* 539 */
  .dword 0x7fffffff, 0x20, 0x0  /* 540 */
  .dword 0x7fffffff, 0x3f, 0x0  /* 541 */
  .dword 0x7fffffff, 0x41, 0x3fffffff  /* 542 */
  .dword 0x7fffffff, 0x7fffffffffffffdf, 0x0  /* 543 */
tab_addw:  /* addw: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 551 */
  .dword 0x0, 0x1, 0x1  /* 552 */
  .dword 0x0, 0xffffffffffffffff, 0xffffffffffffffff  /* 553 */
  .dword 0x0, 0x7fffffffffffffff, 0xffffffffffffffff  /* 554 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 555 */
  .dword 0x1, 0x0, 0x1  /* 556 */
  .dword 0x1, 0x1, 0x2  /* 557 */
  .dword 0x1, 0xffffffffffffffff, 0x0  /* 558 */
  .dword 0x1, 0x7fffffffffffffff, 0x0  /* 559 */
  .dword 0x1, 0x8000000000000000, 0x1  /* 560 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 561 */
  .dword 0xffffffffffffffff, 0x1, 0x0  /* 562 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe  /* 563 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 564 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 565 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 566 */
  .dword 0x7fffffffffffffff, 0x1, 0x0  /* 567 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe  /* 568 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0xfffffffffffffffe  /* 569 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 570 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 571 */
  .dword 0x8000000000000000, 0x1, 0x1  /* 572 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0xffffffffffffffff  /* 573 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0xffffffffffffffff  /* 574 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 575 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0xffffffffffffffff  /* 576 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xffffffffffffffff  /* 577 */
  .dword 0x7fffffff, 0x1, 0xffffffff80000000  /* 578 */
  .dword 0xffffffff, 0x1, 0x0  /* 579 */
  .dword 0x80000000, 0xffffffffffffffff, 0x7fffffff  /* 580 */
  .dword 0xffffffff80000000, 0x80000000, 0x0  /* 581 */
  .dword 0xffff0000, 0xffff00000000, 0xffffffffffff0000  /* 582 */
  .dword 0x3, 0xfffffffffffffffd, 0x0  /* 583 */
  .dword 0x1234, 0x1233, 0x2467  /* 584 */
  .dword 0x1233, 0x1234, 0x2467  /* 585 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffd  /* 586 */
  .dword 0x100000000, 0xffffffff, 0xffffffffffffffff  /* 587 */
  .dword 0x7fffffff, 0x80000000, 0xffffffffffffffff  /* 588 */
  .dword 0x80000000, 0x7fffffff, 0xffffffffffffffff  /* 589 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0xffffffffffffffff  /* 590 */
tab_subw:  /* subw: rs1, rs2, expected  (check number) */
  .dword 0x0, 0x0, 0x0  /* 598 */
  .dword 0x0, 0x1, 0xffffffffffffffff  /* 599 */
  .dword 0x0, 0xffffffffffffffff, 0x1  /* 600 */
  .dword 0x0, 0x7fffffffffffffff, 0x1  /* 601 */
  .dword 0x0, 0x8000000000000000, 0x0  /* 602 */
  .dword 0x1, 0x0, 0x1  /* 603 */
  .dword 0x1, 0x1, 0x0  /* 604 */
  .dword 0x1, 0xffffffffffffffff, 0x2  /* 605 */
  .dword 0x1, 0x7fffffffffffffff, 0x2  /* 606 */
  .dword 0x1, 0x8000000000000000, 0x1  /* 607 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 608 */
  .dword 0xffffffffffffffff, 0x1, 0xfffffffffffffffe  /* 609 */
  .dword 0xffffffffffffffff, 0xffffffffffffffff, 0x0  /* 610 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffff, 0x0  /* 611 */
  .dword 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 612 */
  .dword 0x7fffffffffffffff, 0x0, 0xffffffffffffffff  /* 613 */
  .dword 0x7fffffffffffffff, 0x1, 0xfffffffffffffffe  /* 614 */
  .dword 0x7fffffffffffffff, 0xffffffffffffffff, 0x0  /* 615 */
  .dword 0x7fffffffffffffff, 0x7fffffffffffffff, 0x0  /* 616 */
  .dword 0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff  /* 617 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 618 */
  .dword 0x8000000000000000, 0x1, 0xffffffffffffffff  /* 619 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x1  /* 620 */
  .dword 0x8000000000000000, 0x7fffffffffffffff, 0x1  /* 621 */
  .dword 0x8000000000000000, 0x8000000000000000, 0x0  /* 622 */
  .dword 0x123456789abcdef, 0xfedcba9876543210, 0x13579bdf  /* 623 */
  .dword 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0xffffffffaaaaaaab  /* 624 */
  .dword 0x7fffffff, 0x1, 0x7ffffffe  /* 625 */
  .dword 0xffffffff, 0x1, 0xfffffffffffffffe  /* 626 */
  .dword 0x80000000, 0xffffffffffffffff, 0xffffffff80000001  /* 627 */
  .dword 0xffffffff80000000, 0x80000000, 0x0  /* 628 */
  .dword 0xffff0000, 0xffff00000000, 0xffffffffffff0000  /* 629 */
  .dword 0x3, 0xfffffffffffffffd, 0x6  /* 630 */
  .dword 0x1234, 0x1233, 0x1  /* 631 */
  .dword 0x1233, 0x1234, 0xffffffffffffffff  /* 632 */
  .dword 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff  /* 633 */
  .dword 0x100000000, 0xffffffff, 0x1  /* 634 */
  .dword 0x7fffffff, 0x80000000, 0xffffffffffffffff  /* 635 */
  .dword 0x80000000, 0x7fffffff, 0x1  /* 636 */
  .dword 0xffffffff7fffffff, 0xffffffff80000000, 0xffffffffffffffff  /* 637 */
tab_sllw:  /* sllw: rs1, rs2, expected  (check number) */
  .dword 0x123456789abcdef, 0x0, 0xffffffff89abcdef  /* 645 */
  .dword 0x123456789abcdef, 0x1, 0x13579bde  /* 646 */
  .dword 0x123456789abcdef, 0x7, 0xffffffffd5e6f780  /* 647 */
  .dword 0x123456789abcdef, 0x1f, 0xffffffff80000000  /* 648 */
  .dword 0x123456789abcdef, 0x20, 0xffffffff89abcdef  /* 649 */
  .dword 0x123456789abcdef, 0x21, 0x13579bde  /* 650 */
  .dword 0x123456789abcdef, 0x3f, 0xffffffff80000000  /* 651 */
  .dword 0x123456789abcdef, 0x40, 0xffffffff89abcdef  /* 652 */
  .dword 0x123456789abcdef, 0x41, 0x13579bde  /* 653 */
  .dword 0x123456789abcdef, 0xffffffffffffffc1, 0x13579bde  /* 654 */
  .dword 0x123456789abcdef, 0x7fffffffffffffdf, 0xffffffff80000000  /* 655 */
  .dword 0x123456789abcdef, 0xffffffffffffffff, 0xffffffff80000000  /* 656 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 657 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 658 */
  .dword 0x8000000000000000, 0x7, 0x0  /* 659 */
  .dword 0x8000000000000000, 0x1f, 0x0  /* 660 */
  .dword 0x8000000000000000, 0x20, 0x0  /* 661 */
  .dword 0x8000000000000000, 0x21, 0x0  /* 662 */
  .dword 0x8000000000000000, 0x3f, 0x0  /* 663 */
  .dword 0x8000000000000000, 0x40, 0x0  /* 664 */
  .dword 0x8000000000000000, 0x41, 0x0  /* 665 */
  .dword 0x8000000000000000, 0xffffffffffffffc1, 0x0  /* 666 */
  .dword 0x8000000000000000, 0x7fffffffffffffdf, 0x0  /* 667 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 668 */
  .dword 0xfedcba9876543210, 0x0, 0x76543210  /* 669 */
  .dword 0xfedcba9876543210, 0x7, 0x2a190800  /* 670 */
  .dword 0xfedcba9876543210, 0x20, 0x76543210  /* 671 */
  .dword 0xfedcba9876543210, 0x3f, 0x0  /* 672 */
  .dword 0xfedcba9876543210, 0x41, 0xffffffffeca86420  /* 673 */
  .dword 0xfedcba9876543210, 0x7fffffffffffffdf, 0x0  /* 674 */
  .dword 0x1, 0x0, 0x1  /* 675 */
  .dword 0x1, 0x7, 0x80  /* 676 */
  .dword 0x1, 0x20, 0x1  /* 677 */
  .dword 0x1, 0x3f, 0xffffffff80000000  /* 678 */
  .dword 0x1, 0x41, 0x2  /* 679 */
  .dword 0x1, 0x7fffffffffffffdf, 0xffffffff80000000  /* 680 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 681 */
  .dword 0xffffffffffffffff, 0x7, 0xffffffffffffff80  /* 682 */
  .dword 0xffffffffffffffff, 0x20, 0xffffffffffffffff  /* 683 */
  .dword 0xffffffffffffffff, 0x3f, 0xffffffff80000000  /* 684 */
  .dword 0xffffffffffffffff, 0x41, 0xfffffffffffffffe  /* 685 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffdf, 0xffffffff80000000  /* 686 */
  .dword 0x80000000, 0x0, 0xffffffff80000000  /* 687 */
  .dword 0x80000000, 0x1, 0x0  /* 688 */
  .dword 0x80000000, 0x7, 0x0  /* 689 */
  .dword 0x80000000, 0x1f, 0x0  /* 690 */
  .dword 0x80000000, 0x20, 0xffffffff80000000  /* 691 */
  .dword 0x80000000, 0x21, 0x0  /* 692 */
  .dword 0x80000000, 0x3f, 0x0  /* 693 */
  .dword 0x80000000, 0x40, 0xffffffff80000000  /* 694 */
  .dword 0x80000000, 0x41, 0x0  /* 695 */
  .dword 0x80000000, 0xffffffffffffffc1, 0x0  /* 696 */
  .dword 0x80000000, 0x7fffffffffffffdf, 0x0  /* 697 */
  .dword 0x80000000, 0xffffffffffffffff, 0x0  /* 698 */
  .dword 0x7fffffff, 0x0, 0x7fffffff  /* 699 */
  .dword 0x7fffffff, 0x7, 0xffffffffffffff80  /* 700 */
  .dword 0x7fffffff, 0x20, 0x7fffffff  /* 701 */
  .dword 0x7fffffff, 0x3f, 0xffffffff80000000  /* 702 */
  .dword 0x7fffffff, 0x41, 0xfffffffffffffffe  /* 703 */
  .dword 0x7fffffff, 0x7fffffffffffffdf, 0xffffffff80000000  /* 704 */
tab_srlw:  /* srlw: rs1, rs2, expected  (check number) */
  .dword 0x123456789abcdef, 0x0, 0xffffffff89abcdef  /* 712 */
  .dword 0x123456789abcdef, 0x1, 0x44d5e6f7  /* 713 */
  .dword 0x123456789abcdef, 0x7, 0x113579b  /* 714 */
  .dword 0x123456789abcdef, 0x1f, 0x1  /* 715 */
  .dword 0x123456789abcdef, 0x20, 0xffffffff89abcdef  /* 716 */
  .dword 0x123456789abcdef, 0x21, 0x44d5e6f7  /* 717 */
  .dword 0x123456789abcdef, 0x3f, 0x1  /* 718 */
  .dword 0x123456789abcdef, 0x40, 0xffffffff89abcdef  /* 719 */
  .dword 0x123456789abcdef, 0x41, 0x44d5e6f7  /* 720 */
  .dword 0x123456789abcdef, 0xffffffffffffffc1, 0x44d5e6f7  /* 721 */
  .dword 0x123456789abcdef, 0x7fffffffffffffdf, 0x1  /* 722 */
  .dword 0x123456789abcdef, 0xffffffffffffffff, 0x1  /* 723 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 724 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 725 */
  .dword 0x8000000000000000, 0x7, 0x0  /* 726 */
  .dword 0x8000000000000000, 0x1f, 0x0  /* 727 */
  .dword 0x8000000000000000, 0x20, 0x0  /* 728 */
  .dword 0x8000000000000000, 0x21, 0x0  /* 729 */
  .dword 0x8000000000000000, 0x3f, 0x0  /* 730 */
  .dword 0x8000000000000000, 0x40, 0x0  /* 731 */
  .dword 0x8000000000000000, 0x41, 0x0  /* 732 */
  .dword 0x8000000000000000, 0xffffffffffffffc1, 0x0  /* 733 */
  .dword 0x8000000000000000, 0x7fffffffffffffdf, 0x0  /* 734 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 735 */
  .dword 0xfedcba9876543210, 0x0, 0x76543210  /* 736 */
  .dword 0xfedcba9876543210, 0x7, 0xeca864  /* 737 */
  .dword 0xfedcba9876543210, 0x20, 0x76543210  /* 738 */
  .dword 0xfedcba9876543210, 0x3f, 0x0  /* 739 */
  .dword 0xfedcba9876543210, 0x41, 0x3b2a1908  /* 740 */
  .dword 0xfedcba9876543210, 0x7fffffffffffffdf, 0x0  /* 741 */
  .dword 0x1, 0x0, 0x1  /* 742 */
  .dword 0x1, 0x7, 0x0  /* 743 */
  .dword 0x1, 0x20, 0x1  /* 744 */
  .dword 0x1, 0x3f, 0x0  /* 745 */
  .dword 0x1, 0x41, 0x0  /* 746 */
  .dword 0x1, 0x7fffffffffffffdf, 0x0  /* 747 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 748 */
  .dword 0xffffffffffffffff, 0x7, 0x1ffffff  /* 749 */
  .dword 0xffffffffffffffff, 0x20, 0xffffffffffffffff  /* 750 */
  .dword 0xffffffffffffffff, 0x3f, 0x1  /* 751 */
  .dword 0xffffffffffffffff, 0x41, 0x7fffffff  /* 752 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffdf, 0x1  /* 753 */
  .dword 0x80000000, 0x0, 0xffffffff80000000  /* 754 */
  .dword 0x80000000, 0x1, 0x40000000  /* 755 */
  .dword 0x80000000, 0x7, 0x1000000  /* 756 */
  .dword 0x80000000, 0x1f, 0x1  /* 757 */
  .dword 0x80000000, 0x20, 0xffffffff80000000  /* 758 */
  .dword 0x80000000, 0x21, 0x40000000  /* 759 */
  .dword 0x80000000, 0x3f, 0x1  /* 760 */
  .dword 0x80000000, 0x40, 0xffffffff80000000  /* 761 */
  .dword 0x80000000, 0x41, 0x40000000  /* 762 */
  .dword 0x80000000, 0xffffffffffffffc1, 0x40000000  /* 763 */
  .dword 0x80000000, 0x7fffffffffffffdf, 0x1  /* 764 */
  .dword 0x80000000, 0xffffffffffffffff, 0x1  /* 765 */
  .dword 0x7fffffff, 0x0, 0x7fffffff  /* 766 */
  .dword 0x7fffffff, 0x7, 0xffffff  /* 767 */
  .dword 0x7fffffff, 0x20, 0x7fffffff  /* 768 */
  .dword 0x7fffffff, 0x3f, 0x0  /* 769 */
  .dword 0x7fffffff, 0x41, 0x3fffffff  /* 770 */
  .dword 0x7fffffff, 0x7fffffffffffffdf, 0x0  /* 771 */
tab_sraw:  /* sraw: rs1, rs2, expected  (check number) */
  .dword 0x123456789abcdef, 0x0, 0xffffffff89abcdef  /* 779 */
  .dword 0x123456789abcdef, 0x1, 0xffffffffc4d5e6f7  /* 780 */
  .dword 0x123456789abcdef, 0x7, 0xffffffffff13579b  /* 781 */
  .dword 0x123456789abcdef, 0x1f, 0xffffffffffffffff  /* 782 */
  .dword 0x123456789abcdef, 0x20, 0xffffffff89abcdef  /* 783 */
  .dword 0x123456789abcdef, 0x21, 0xffffffffc4d5e6f7  /* 784 */
  .dword 0x123456789abcdef, 0x3f, 0xffffffffffffffff  /* 785 */
  .dword 0x123456789abcdef, 0x40, 0xffffffff89abcdef  /* 786 */
  .dword 0x123456789abcdef, 0x41, 0xffffffffc4d5e6f7  /* 787 */
  .dword 0x123456789abcdef, 0xffffffffffffffc1, 0xffffffffc4d5e6f7  /* 788 */
  .dword 0x123456789abcdef, 0x7fffffffffffffdf, 0xffffffffffffffff  /* 789 */
  .dword 0x123456789abcdef, 0xffffffffffffffff, 0xffffffffffffffff  /* 790 */
  .dword 0x8000000000000000, 0x0, 0x0  /* 791 */
  .dword 0x8000000000000000, 0x1, 0x0  /* 792 */
  .dword 0x8000000000000000, 0x7, 0x0  /* 793 */
  .dword 0x8000000000000000, 0x1f, 0x0  /* 794 */
  .dword 0x8000000000000000, 0x20, 0x0  /* 795 */
  .dword 0x8000000000000000, 0x21, 0x0  /* 796 */
  .dword 0x8000000000000000, 0x3f, 0x0  /* 797 */
  .dword 0x8000000000000000, 0x40, 0x0  /* 798 */
  .dword 0x8000000000000000, 0x41, 0x0  /* 799 */
  .dword 0x8000000000000000, 0xffffffffffffffc1, 0x0  /* 800 */
  .dword 0x8000000000000000, 0x7fffffffffffffdf, 0x0  /* 801 */
  .dword 0x8000000000000000, 0xffffffffffffffff, 0x0  /* 802 */
  .dword 0xfedcba9876543210, 0x0, 0x76543210  /* 803 */
  .dword 0xfedcba9876543210, 0x7, 0xeca864  /* 804 */
  .dword 0xfedcba9876543210, 0x20, 0x76543210  /* 805 */
  .dword 0xfedcba9876543210, 0x3f, 0x0  /* 806 */
  .dword 0xfedcba9876543210, 0x41, 0x3b2a1908  /* 807 */
  .dword 0xfedcba9876543210, 0x7fffffffffffffdf, 0x0  /* 808 */
  .dword 0x1, 0x0, 0x1  /* 809 */
  .dword 0x1, 0x7, 0x0  /* 810 */
  .dword 0x1, 0x20, 0x1  /* 811 */
  .dword 0x1, 0x3f, 0x0  /* 812 */
  .dword 0x1, 0x41, 0x0  /* 813 */
  .dword 0x1, 0x7fffffffffffffdf, 0x0  /* 814 */
  .dword 0xffffffffffffffff, 0x0, 0xffffffffffffffff  /* 815 */
  .dword 0xffffffffffffffff, 0x7, 0xffffffffffffffff  /* 816 */
  .dword 0xffffffffffffffff, 0x20, 0xffffffffffffffff  /* 817 */
  .dword 0xffffffffffffffff, 0x3f, 0xffffffffffffffff  /* 818 */
  .dword 0xffffffffffffffff, 0x41, 0xffffffffffffffff  /* 819 */
  .dword 0xffffffffffffffff, 0x7fffffffffffffdf, 0xffffffffffffffff  /* 820 */
  .dword 0x80000000, 0x0, 0xffffffff80000000  /* 821 */
  .dword 0x80000000, 0x1, 0xffffffffc0000000  /* 822 */
  .dword 0x80000000, 0x7, 0xffffffffff000000  /* 823 */
  .dword 0x80000000, 0x1f, 0xffffffffffffffff  /* 824 */
  .dword 0x80000000, 0x20, 0xffffffff80000000  /* 825 */
  .dword 0x80000000, 0x21, 0xffffffffc0000000  /* 826 */
  .dword 0x80000000, 0x3f, 0xffffffffffffffff  /* 827 */
  .dword 0x80000000, 0x40, 0xffffffff80000000  /* 828 */
  .dword 0x80000000, 0x41, 0xffffffffc0000000  /* 829 */
  .dword 0x80000000, 0xffffffffffffffc1, 0xffffffffc0000000  /* 830 */
  .dword 0x80000000, 0x7fffffffffffffdf, 0xffffffffffffffff  /* 831 */
  .dword 0x80000000, 0xffffffffffffffff, 0xffffffffffffffff  /* 832 */
  .dword 0x7fffffff, 0x0, 0x7fffffff  /* 833 */
  .dword 0x7fffffff, 0x7, 0xffffff  /* 834 */
  .dword 0x7fffffff, 0x20, 0x7fffffff  /* 835 */
  .dword 0x7fffffff, 0x3f, 0x0  /* 836 */
  .dword 0x7fffffff, 0x41, 0x3fffffff  /* 837 */
  .dword 0x7fffffff, 0x7fffffffffffffdf, 0x0  /* 838 */
