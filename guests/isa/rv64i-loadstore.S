/* rvisor ISA test: RV64I loads, stores and FENCE.
   LB LH LW LD LBU LHU LWU: sign/zero extension, little-endian byte order, positive/negative and
   extreme (+2047/-2048) offsets, rd = rs1, x0 as destination (value discarded), upper registers.
   SB SH SW SD: only the low 8/16/32 bits are written, neighbours untouched, rs2 = rs1, x0 as data,
   store-then-load of every width. FENCE variants (incl. FENCE.TSO, PAUSE and FENCE with the
   reserved rd/rs1 fields set, which must be ignored) execute as no-ops.
   Not here: misaligned accesses (misaligned.S), access faults (priv-traps.S), AMOs (rv64a.S). */
#include "test.h"

#define TEST_LOAD(n, op, exp, off, base) TEST_CASE(n, a0, exp, la a1, base; op a0, off(a1))
/* fill 16 bytes at sbuf with 0xaa, store `val` with `sop` at sbuf+off, then compare both dwords */
#define TEST_STORE(n, sop, val, off, exp0, exp8) \
  TEST(n); la a1, sbuf; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, 0(a1); sd a2, 8(a1); \
  li a3, val; sop a3, off(a1); ld a4, 0(a1); ld a5, 8(a1); CHECK(a4, exp0); CHECK(a5, exp8); \
  CHECK(a3, val)

TEST_BEGIN

  /* ---- loads ---- */
  TEST_LOAD(1, lb,  0xffffffffffffff81, 0, ldata)
  TEST_LOAD(2, lb,  0x7f, 1, ldata)
  TEST_LOAD(3, lb,  0, 2, ldata)
  TEST_LOAD(4, lb,  0xffffffffffffffff, 3, ldata)
  TEST_LOAD(5, lbu, 0x81, 0, ldata)
  TEST_LOAD(6, lbu, 0x7f, 1, ldata)
  TEST_LOAD(7, lbu, 0xff, 3, ldata)
  TEST_LOAD(8, lh,  0x7f81, 0, ldata)
  TEST_LOAD(9, lh,  0xffffffffffffff00, 2, ldata)
  TEST_LOAD(10, lh,  0x1234, 4, ldata)
  TEST_LOAD(11, lh,  0xffffffffffffabcd, 6, ldata)
  TEST_LOAD(12, lhu, 0x7f81, 0, ldata)
  TEST_LOAD(13, lhu, 0xff00, 2, ldata)
  TEST_LOAD(14, lhu, 0xabcd, 6, ldata)
  TEST_LOAD(15, lw,  0xffffffffff007f81, 0, ldata)
  TEST_LOAD(16, lw,  0xffffffffabcd1234, 4, ldata)
  TEST_LOAD(17, lw,  0x00000001, 8, ldata)
  TEST_LOAD(18, lw,  0xffffffff80000000, 12, ldata)
  TEST_LOAD(19, lw,  0x7fffffff, 20, ldata)
  TEST_LOAD(20, lwu, 0xff007f81, 0, ldata)
  TEST_LOAD(21, lwu, 0xabcd1234, 4, ldata)
  TEST_LOAD(22, lwu, 0x80000000, 12, ldata)
  TEST_LOAD(23, lwu, 0x7fffffff, 20, ldata)
  TEST_LOAD(24, ld,  0xabcd1234ff007f81, 0, ldata)
  TEST_LOAD(25, ld,  0x8000000000000001, 8, ldata)
  TEST_LOAD(26, ld,  0xfedcba9876543210, 24, ldata)
  /* negative offsets */
  TEST_LOAD(27, ld,  0x8000000000000001, -16, ldata + 24)
  TEST_LOAD(28, lw,  0xffffffffabcd1234, -20, ldata + 24)
  TEST_LOAD(29, lwu, 0xabcd1234, -20, ldata + 24)
  TEST_LOAD(30, lh,  0xffffffffffffff00, -22, ldata + 24)
  TEST_LOAD(31, lhu, 0xff00, -22, ldata + 24)
  TEST_LOAD(32, lb,  0xffffffffffffff81, -24, ldata + 24)
  TEST_LOAD(33, lbu, 0xff, -21, ldata + 24)
  /* extreme offsets */
  TEST_LOAD(34, lbu, 0xff, 2047, ldata + 3 - 2047)
  TEST_LOAD(35, ld,  0xfedcba9876543210, -2048, ldata + 24 + 2048)
  TEST_LOAD(36, lw,  0x7fffffff, 2044, ldata + 20 - 2044)
  /* rd = rs1, x0 as destination, upper registers */
  TEST_CASE(37, a0, 0xfedcba9876543210, la a0, ldata + 24; ld a0, 0(a0))
  TEST_CASE(38, a1, 0xffffffffffffabcd, la a1, ldata; lh a1, 6(a1))
  TEST_CASE(39, x0, 0, la a1, ldata; ld x0, 0(a1); lw x0, 4(a1); lbu x0, 3(a1))
  TEST_CASE(40, s11, 0x8000000000000001, la t4, ldata; ld s11, 8(t4))
  TEST_CASE(41, t3, 0xffffffffffffffab, la s10, ldata; lb t3, 7(s10))

  /* ---- stores ---- */
  TEST_STORE(42, sb, 0x55, 0, 0xaaaaaaaaaaaaaa55, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(43, sb, 0x1234567890abcd11, 1, 0xaaaaaaaaaaaa11aa, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(44, sb, 0xff, 7, 0xffaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(45, sb, 0, 8, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaaaaaaaa00)
  TEST_STORE(46, sh, 0x1234, 0, 0xaaaaaaaaaaaa1234, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(47, sh, 0xffffffffffff8001, 2, 0xaaaaaaaa8001aaaa, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(48, sh, 0x00000000deadbeef, 6, 0xbeefaaaaaaaaaaaa, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(49, sh, 0x5678, 14, 0xaaaaaaaaaaaaaaaa, 0x5678aaaaaaaaaaaa)
  TEST_STORE(50, sw, 0x12345678, 0, 0xaaaaaaaa12345678, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(51, sw, 0xffffffff80000001, 4, 0x80000001aaaaaaaa, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(52, sw, 0x0123456789abcdef, 8, 0xaaaaaaaaaaaaaaaa, 0xaaaaaaaa89abcdef)
  TEST_STORE(53, sd, 0x0102030405060708, 0, 0x0102030405060708, 0xaaaaaaaaaaaaaaaa)
  TEST_STORE(54, sd, 0x8000000000000000, 8, 0xaaaaaaaaaaaaaaaa, 0x8000000000000000)
  /* byte order: sd then narrower loads */
  TEST(55); la a1, sbuf; li a2, 0x0102030405060708; sd a2, 0(a1)
  lbu a3, 0(a1); CHECK(a3, 8); lbu a3, 7(a1); CHECK(a3, 1); lhu a3, 2(a1); CHECK(a3, 0x0506)
  lwu a3, 4(a1); CHECK(a3, 0x01020304); lw a3, 0(a1); CHECK(a3, 0x05060708)
  /* narrower stores then sd-width load */
  TEST(56); la a1, sbuf; li a2, 0x11; sb a2, 0(a1); li a2, 0x3322; sh a2, 1(a1)
  li a2, 0x77665544; sw a2, 3(a1); li a2, 0x88; sb a2, 7(a1); ld a3, 0(a1)
  CHECK(a3, 0x8877665544332211)
  /* negative and extreme offsets */
  TEST(57); la a1, sbuf + 16; li a2, 0xcafef00d12345678; sd a2, -16(a1); la a1, sbuf; ld a3, 0(a1)
  CHECK(a3, 0xcafef00d12345678)
  TEST(58); la a1, sbuf + 2048; li a2, 0x6c; sb a2, -2048(a1); la a1, sbuf; lbu a3, 0(a1); CHECK(a3, 0x6c)
  TEST(59); la a1, sbuf - 2047 + 8; li a2, 0x5a5b; sh a2, 2047(a1); la a1, sbuf; lhu a3, 8(a1); CHECK(a3, 0x5a5b)
  /* x0 as data, rs2 = rs1, upper registers */
  TEST(60); la a1, sbuf; li a2, -1; sd a2, 0(a1); sw x0, 0(a1); ld a3, 0(a1); CHECK(a3, 0xffffffff00000000)
  TEST(61); la a1, sbuf; sd a1, 0(a1); ld a3, 0(a1); CHECK_REG(a3, a1)
  TEST(62); la t4, sbuf; li s9, 0x1122334455667788; sd s9, 8(t4); ld t3, 8(t4); CHECK(t3, 0x1122334455667788)
  /* the load sees the most recent store of every width */
  TEST(63); la a1, sbuf; li a2, 0x12345678; sw a2, 0(a1); lw a3, 0(a1); li a2, 0x9a; sb a2, 1(a1)
  lw a3, 0(a1); CHECK(a3, 0x12349a78)

  /* ---- fences execute as no-ops ---- */
  TEST(64); li a1, 0x123; la a2, sbuf; sd a1, 0(a2)
  fence
  fence rw, rw
  fence r, r
  fence w, w
  fence iorw, iorw
  fence i, o
  fence.tso
  .word 0x0100000f          /* pause (Zihintpause, a FENCE hint) */
  .word 0x0ff5850f          /* fence iorw, iorw with rs1 = a1, rd = a0: reserved fields ignored */
  ld a3, 0(a2); CHECK(a3, 0x123); CHECK(a1, 0x123)

  j pass
TEST_END

  .data
  .align 4
ldata:
  .byte 0x81, 0x7f, 0x00, 0xff, 0x34, 0x12, 0xcd, 0xab
  .dword 0x8000000000000001
  .dword 0x7fffffff80000000
  .dword 0xfedcba9876543210
  .align 4
sbuf:
  .zero 32
