/* rvisor ISA test: the FP control state: misa, fcsr/frm/fflags, mstatus.FS and SD, reserved
   rounding modes.
   - misa has F (bit 5) and D (bit 3).
   - mstatus.FS = Off: every FP load/store (also to an unmapped address: illegal wins), computation,
     move, conversion, compare, classify and every access to fflags/frm/fcsr (read or write, also
     from U-mode) raises illegal instruction, mtval = the instruction bits (read back from the
     code), rd and FS unchanged.
   - FS/SD: SD (bit 63) reads 1 exactly when FS = Dirty and cannot be written; sstatus shows FS and
     SD; writes of FP state from FS = Initial or Clean make FS Dirty and set SD: an FP computation, a
     load, FMV.W.X, FMV.D.X, a write of fflags/frm/fcsr; also from U-mode; an FSD does not.
     rvisor only (SKIP_UNLESS_RVISOR): an instruction that changes only fflags (FEQ/FLT raising
     NV, FCVT.L.D raising NX) makes FS Dirty too, as the spec's FS covers fcsr; QEMU 7.2 does not.
   - fcsr = frm << 5 | fflags, bits 8 and up read 0 (writes masked); frm and fflags are views of
     it; every CSR instruction form on them (and the fsflags/frrm/... aliases).
   - Rounding mode: the static rm fields 5 and 6 are reserved (illegal) for every rounding
     instruction; dyn (7) with frm = 5, 6 or 7 is illegal, leaving rd and fflags alone; the same
     instructions run with a static rm whatever frm holds, and instructions without an rm field
     (sign injection, min/max, compares, classify, moves, loads/stores) ignore an invalid frm.
   Precise FS tracking where the spec also allows Dirty (QEMU 7.2 and rvisor are precise): an FSD and
   the illegal instructions leave FS Clean / Initial.
   Not checked (the spec leaves it open): reserved rm on the exact conversions FCVT.D.S and
   FCVT.D.W[U] (their rm does not matter; simulators differ); whether reads of fflags/fcsr or flag-less
   FP-to-integer operations dirty FS (the spec allows setting Dirty conservatively), or writes of an
   unchanged value (implementation-defined). */
#include "test.h"
#include "fp.h"

/* `insn` at label 80800 must raise illegal instruction with mtval = its 32 bits and leave a0
   alone; continues in M-mode */
#define TEST_FP_ILLEGAL(n, ...) \
  TEST(n); li a0, 0x5a5a; EXPECT_TRAP(80802f); \
80800: __VA_ARGS__; j fail; \
80802: CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(80800b); CHECK(a0, 0x5a5a); \
  la t0, 80800b; lwu t1, 0(t0); LOAD_TREC(t2, TR_TVAL); bne t1, t2, fail
/* mstatus.FS must be `fs` (0..3), and SD must be set exactly when fs = 3 */
#define CHECK_FS(fs) \
  csrr t0, mstatus; srli t1, t0, 13; andi t1, t1, 3; CHECK(t1, fs); srli t1, t0, 63; \
  CHECK(t1, ((fs) + 1) >> 2)
#define SET_FS(v) li t0, MSTATUS_FS; csrc mstatus, t0; li t0, v; csrs mstatus, t0

TEST_BEGIN

  /* ---- misa ---- */
  TEST(1); csrr a0, misa; andi a0, a0, MISA_F | MISA_D; CHECK(a0, MISA_F | MISA_D)

  /* ---- FS = Off (TEST_BEGIN leaves mstatus = 0) ---- */
  TEST(2); CHECK_FS(0)
  la s0, buf
  TEST_FP_ILLEGAL(3, flw fa0, 0(s0))
  TEST_FP_ILLEGAL(4, fsw fa0, 0(s0))
  TEST_FP_ILLEGAL(5, fld fa0, 0(s0))
  TEST_FP_ILLEGAL(6, fsd fa0, 0(s0))
  TEST_FP_ILLEGAL(7, fadd.s fa0, fa1, fa2)
  TEST_FP_ILLEGAL(8, fadd.d fa0, fa1, fa2, rne)
  TEST_FP_ILLEGAL(9, fmadd.d fa0, fa1, fa2, fa3)
  TEST_FP_ILLEGAL(10, fsqrt.s fa0, fa1)
  TEST_FP_ILLEGAL(11, fmv.x.w a0, fa0)
  TEST_FP_ILLEGAL(12, fmv.x.d a0, fa0)
  TEST_FP_ILLEGAL(13, fmv.w.x fa0, a1)
  TEST_FP_ILLEGAL(14, fmv.d.x fa0, a1)
  TEST_FP_ILLEGAL(15, fcvt.w.s a0, fa0)
  TEST_FP_ILLEGAL(16, fcvt.d.l fa0, a1)
  TEST_FP_ILLEGAL(17, fcvt.s.d fa0, fa1)
  TEST_FP_ILLEGAL(18, feq.s a0, fa0, fa1)
  TEST_FP_ILLEGAL(19, fle.d a0, fa0, fa1)
  TEST_FP_ILLEGAL(20, fclass.d a0, fa0)
  TEST_FP_ILLEGAL(21, fsgnj.d fa0, fa1, fa2)
  TEST_FP_ILLEGAL(22, fmin.s fa0, fa1, fa2)
  TEST_FP_ILLEGAL(23, csrr a0, fflags)
  TEST_FP_ILLEGAL(24, csrr a0, frm)
  TEST_FP_ILLEGAL(25, csrr a0, fcsr)
  TEST_FP_ILLEGAL(26, csrw fcsr, a1)
  TEST_FP_ILLEGAL(27, csrwi fflags, 1)
  TEST_FP_ILLEGAL(28, csrrs a0, frm, x0)
  li s1, UNMAPPED_ADDR
  TEST_FP_ILLEGAL(29, flw fa0, 0(s1))                        /* illegal before the access fault */
  TEST_FP_ILLEGAL(30, fsd fa0, 0(s1))
  TEST(31); CHECK_FS(0); ld a0, 0(s0); CHECK(a0, 0x1111111111111111)    /* nothing stored */
  TEST_TRAP_IN_MODE(32, PRV_U, CAUSE_ILLEGAL, 0x00302573, csrr a0, fcsr)
  TEST_TRAP_IN_MODE(33, PRV_U, CAUSE_ILLEGAL, 0x00c58553, fadd.s fa0, fa1, fa2, rne)

  /* ---- SD follows FS and cannot be written ---- */
  TEST(40); SET_FS(MSTATUS_FS_INITIAL); CHECK_FS(1)
  TEST(41); SET_FS(MSTATUS_FS_CLEAN); CHECK_FS(2)
  TEST(42); SET_FS(MSTATUS_FS_DIRTY); CHECK_FS(3)
  TEST(43); SET_FS(0); li t0, MSTATUS_SD; csrs mstatus, t0; CHECK_FS(0)
  TEST(44); SET_FS(MSTATUS_FS_DIRTY); li t0, MSTATUS_SD; csrc mstatus, t0; CHECK_FS(3)
  TEST(45); csrr t0, sstatus; srli t1, t0, 13; andi t1, t1, 3; CHECK(t1, 3); srli t1, t0, 63; CHECK(t1, 1)
  TEST(46); li t0, MSTATUS_FS; csrc sstatus, t0; li t0, MSTATUS_FS_CLEAN; csrs sstatus, t0; CHECK_FS(2)
  csrr t0, sstatus; srli t1, t0, 63; CHECK(t1, 0)

  /* ---- writes of FP state make FS Dirty ---- */
  /* Each write changes the state: a write of an equal value may leave FS Clean (the spec leaves it
     to the implementation). Set-ups run with FS = Dirty. */
  SET_FS(MSTATUS_FS_DIRTY); LOAD_F(fa0, 0); LOAD_F(fa1, 0xffffffff3f800000); LOAD_F(fa2, 0xffffffff3f800000)
  TEST(50); SET_FS(MSTATUS_FS_INITIAL); fadd.s fa0, fa1, fa2; CHECK_FS(3); CHECK_F(fa0, 0xffffffff40000000)
  TEST(51); SET_FS(MSTATUS_FS_CLEAN); fadd.d fa0, fa1, fa2; CHECK_FS(3); CHECK_F(fa0, 0x7ff8000000000000)
  TEST(52); SET_FS(MSTATUS_FS_CLEAN); flw fa0, 0(s0); CHECK_FS(3); CHECK_F(fa0, 0xffffffff11111111)
  TEST(53); SET_FS(MSTATUS_FS_CLEAN); fld fa0, 0(s0); CHECK_FS(3); CHECK_F(fa0, 0x1111111111111111)
  TEST(54); li a1, 0x22222222; SET_FS(MSTATUS_FS_CLEAN); fmv.w.x fa0, a1; CHECK_FS(3)
  TEST(55); SET_FS(MSTATUS_FS_INITIAL); fmv.d.x fa0, a1; CHECK_FS(3); CHECK_F(fa0, 0x22222222)
  TEST(56); csrw fcsr, zero; SET_FS(MSTATUS_FS_CLEAN); csrwi fflags, 1; CHECK_FS(3)
  TEST(57); SET_FS(MSTATUS_FS_CLEAN); csrwi frm, 3; CHECK_FS(3)
  TEST(58); SET_FS(MSTATUS_FS_CLEAN); csrw fcsr, zero; CHECK_FS(3)
  TEST(59); li t0, 0x7f800001; fmv.w.x fa1, t0
  TEST(60); SET_FS(MSTATUS_FS_CLEAN); fsd fa1, 8(s0); CHECK_FS(2)      /* a store writes no FP state */
  ld a0, 8(s0); CHECK(a0, 0xffffffff7f800001)
  TEST(61); LOAD_F(fa0, 0); SET_FS(MSTATUS_FS_INITIAL); RUN_IN_MODE(PRV_U, fmul.d fa0, fa1, fa2); CHECK_FS(3)
  CHECK_F(fa0, 0x7ff8000000000000)
  TEST(62); SET_FS(MSTATUS_FS_CLEAN); RUN_IN_MODE(PRV_U, csrwi fflags, 3; csrr a0, fflags); CHECK_FS(3)
  CHECK(a0, 3)

  /* ---- fcsr, frm, fflags ---- */
  SET_FS(MSTATUS_FS_INITIAL)
  TEST(70); li a1, 0xff; csrw fcsr, a1; csrr a0, fcsr; CHECK(a0, 0xff)
  csrr a0, frm; CHECK(a0, 7); csrr a0, fflags; CHECK(a0, 0x1f)
  TEST(71); li a1, -1; csrw fcsr, a1; csrr a0, fcsr; CHECK(a0, 0xff)            /* bits 8+ read 0 */
  TEST(72); li a1, 0x12345; csrrw a0, fcsr, a1; CHECK(a0, 0xff); csrr a0, fcsr; CHECK(a0, 0x45)
  csrr a0, frm; CHECK(a0, 2); csrr a0, fflags; CHECK(a0, 5)
  TEST(73); li a1, -1; csrrw a0, fflags, a1; CHECK(a0, 5); csrr a0, fcsr; CHECK(a0, 0x5f)
  TEST(74); li a1, 0xfd; csrrw a0, frm, a1; CHECK(a0, 2); csrr a0, fcsr; CHECK(a0, 0xbf)  /* frm = 5 */
  TEST(75); csrrci a0, fflags, 0x15; CHECK(a0, 0x1f); csrr a0, fcsr; CHECK(a0, 0xaa)
  TEST(76); csrrsi a0, frm, 2; CHECK(a0, 5); csrr a0, fcsr; CHECK(a0, 0xea)
  TEST(77); li a1, 0x60; csrrc a0, fcsr, a1; CHECK(a0, 0xea); csrr a0, fcsr; CHECK(a0, 0x8a)
  TEST(78); li a1, 0x101; csrrs a0, fflags, a1; CHECK(a0, 0x0a); csrr a0, fcsr; CHECK(a0, 0x8b)
  TEST(79); csrrwi a0, frm, 0x1b; CHECK(a0, 4); csrr a0, fcsr; CHECK(a0, 0x6b)              /* frm = 3 */
  TEST(80); csrrwi a0, fflags, 0; CHECK(a0, 0xb); csrr a0, fcsr; CHECK(a0, 0x60)
  TEST(81); li a1, 0x81; fscsr a0, a1; CHECK(a0, 0x60); frcsr a0; CHECK(a0, 0x81)
  TEST(82); frrm a0; CHECK(a0, 4); fsrmi a0, 1; CHECK(a0, 4); frflags a0; CHECK(a0, 1)
  fsflagsi a0, 0x10; CHECK(a0, 1); frcsr a0; CHECK(a0, 0x30)
  TEST(83); csrw fcsr, zero; csrr a0, fcsr; CHECK(a0, 0)
  /* instructions accrue fflags in fcsr, frm unchanged */
  TEST(84); li t0, 0x40; csrw fcsr, t0; LOAD_F(fa1, 0x3ff0000000000000); LOAD_F(fa2, 0x4008000000000000)
  fdiv.d fa0, fa1, fa2; csrr a0, fcsr; CHECK(a0, 0x41); CHECK_F(fa0, 0x3fd5555555555555)   /* RUP */

  /* ---- reserved rounding modes ---- */
  csrw fcsr, zero; SET_FS(MSTATUS_FS_INITIAL)
  TEST_FP_ILLEGAL(100, .insn r 0x53, 5, 0x00, fa0, fa1, fa2)     /* fadd.s rm=5 */
  TEST_FP_ILLEGAL(101, .insn r 0x53, 6, 0x00, fa0, fa1, fa2)     /* fadd.s rm=6 */
  TEST_FP_ILLEGAL(102, .insn r 0x53, 5, 0x01, fa0, fa1, fa2)     /* fadd.d */
  TEST_FP_ILLEGAL(103, .insn r 0x53, 6, 0x05, fa0, fa1, fa2)     /* fsub.d */
  TEST_FP_ILLEGAL(104, .insn r 0x53, 5, 0x08, fa0, fa1, fa2)     /* fmul.s */
  TEST_FP_ILLEGAL(105, .insn r 0x53, 6, 0x0d, fa0, fa1, fa2)     /* fdiv.d */
  TEST_FP_ILLEGAL(106, .insn r 0x53, 5, 0x2c, fa0, fa1, f0)      /* fsqrt.s */
  TEST_FP_ILLEGAL(107, .insn r 0x53, 6, 0x2d, fa0, fa1, f0)      /* fsqrt.d */
  TEST_FP_ILLEGAL(108, .insn r4 0x43, 5, 0, fa0, fa1, fa2, fa3)  /* fmadd.s */
  TEST_FP_ILLEGAL(109, .insn r4 0x47, 6, 1, fa0, fa1, fa2, fa3)  /* fmsub.d */
  TEST_FP_ILLEGAL(110, .insn r4 0x4b, 5, 1, fa0, fa1, fa2, fa3)  /* fnmsub.d */
  TEST_FP_ILLEGAL(111, .insn r4 0x4f, 6, 0, fa0, fa1, fa2, fa3)  /* fnmadd.s */
  TEST_FP_ILLEGAL(112, .insn r 0x53, 5, 0x60, a0, fa1, x0)       /* fcvt.w.s */
  TEST_FP_ILLEGAL(113, .insn r 0x53, 6, 0x61, a0, fa1, x3)       /* fcvt.lu.d */
  TEST_FP_ILLEGAL(114, .insn r 0x53, 5, 0x68, fa0, a1, x2)       /* fcvt.s.l */
  TEST_FP_ILLEGAL(115, .insn r 0x53, 6, 0x69, fa0, a1, x2)       /* fcvt.d.l */
  TEST_FP_ILLEGAL(116, .insn r 0x53, 5, 0x20, fa0, fa1, f1)      /* fcvt.s.d */
  TEST(117); CHECK_FS(1); CHECK_FFLAGS(0)                        /* nothing written */
  /* dyn with frm = 5, 6, 7 */
  li t0, 5 << 5; csrw fcsr, t0
  TEST_FP_ILLEGAL(120, fadd.s fa0, fa1, fa2, dyn)
  TEST_FP_ILLEGAL(121, fmul.d fa0, fa1, fa2, dyn)
  TEST_FP_ILLEGAL(122, fmadd.d fa0, fa1, fa2, fa3, dyn)
  TEST_FP_ILLEGAL(123, fcvt.w.d a0, fa1, dyn)
  TEST_FP_ILLEGAL(124, fsqrt.s fa0, fa1, dyn)
  li t0, 6 << 5; csrw fcsr, t0
  TEST_FP_ILLEGAL(125, fdiv.s fa0, fa1, fa2, dyn)
  TEST_FP_ILLEGAL(126, fcvt.s.d fa0, fa1, dyn)
  TEST_FP_ILLEGAL(127, fcvt.d.lu fa0, a1, dyn)
  li t0, 7 << 5; csrw fcsr, t0
  TEST_FP_ILLEGAL(128, fsub.d fa0, fa1, fa2, dyn)
  TEST_FP_ILLEGAL(129, fnmadd.s fa0, fa1, fa2, fa3, dyn)
  TEST_FP_ILLEGAL(130, fcvt.lu.s a0, fa1, dyn)
  TEST_FP_ILLEGAL(131, fcvt.s.w fa0, a1, dyn)
  TEST(132); csrr a0, fcsr; CHECK(a0, 0xe0)                      /* no flags from the traps */
  /* frm = 7: static rounding modes and instructions without rm still work */
  TEST(133); LOAD_F(fa1, 0x3ff0000000000000); LOAD_F(fa2, 0x4008000000000000)
  fdiv.d fa0, fa1, fa2, rtz; CHECK_F(fa0, 0x3fd5555555555555); CHECK_FFLAGS(FFLAG_NX)
  TEST(134); fdiv.d fa0, fa1, fa2, rmm; CHECK_F(fa0, 0x3fd5555555555555)
  fdiv.d fa0, fa1, fa2, rup; CHECK_F(fa0, 0x3fd5555555555556); CHECK_FFLAGS(FFLAG_NX)
  TEST(135); fsgnjn.d fa0, fa1, fa1; CHECK_F(fa0, 0xbff0000000000000)
  TEST(136); fmin.d fa0, fa1, fa2; CHECK_F(fa0, 0x3ff0000000000000)
  TEST(137); flt.d a0, fa1, fa2; CHECK(a0, 1); fclass.d a0, fa1; CHECK(a0, 0x40)
  TEST(138); fmv.x.d a0, fa2; CHECK(a0, 0x4008000000000000); fsd fa2, 0(s0); fld fa3, 0(s0)
  CHECK_F(fa3, 0x4008000000000000)
  TEST(139); fcvt.w.d a0, fa2, rne; CHECK(a0, 3); csrr a0, fcsr; CHECK(a0, 0xe0)

  /* ---- rvisor only: a flag change alone makes FS Dirty (fflags are FP state). QEMU 7.2 marks
     FS Dirty only when an instruction writes an f register or a CSR instruction writes fcsr, so
     FEQ/FLT/FCVT-to-integer/FCLASS... that only raise flags leave FS Clean there. ---- */
  SKIP_UNLESS_RVISOR(9f)
  TEST(200); csrw fcsr, zero; LOAD_F(fa1, 0xffffffff7fa00000)   /* a boxed single sNaN */
  SET_FS(MSTATUS_FS_CLEAN); feq.s a0, fa1, fa1; CHECK_FS(3); CHECK_FFLAGS(FFLAG_NV)
  TEST(201); LOAD_F(fa1, 0x7ff8000000000000)                   /* a double qNaN: flt signals */
  SET_FS(MSTATUS_FS_CLEAN); flt.d a0, fa1, fa1; CHECK_FS(3); CHECK_FFLAGS(FFLAG_NV)
  TEST(202); LOAD_F(fa1, 0x3ff8000000000000); SET_FS(MSTATUS_FS_INITIAL); fcvt.l.d a0, fa1, rtz
  CHECK_FS(3); CHECK_FFLAGS(FFLAG_NX)
9:
  j pass

  .pushsection .data, "aw", @progbits
  .balign 8
buf:
  .dword 0x1111111111111111, 0
  .popsection

TEST_END
