/* rvisor ISA test: compressed FP loads and stores of RV64C (C.FLD, C.FSD, C.FLDSP, C.FSDSP).
   Each form with the smallest and largest offset (C.FLD/C.FSD: 0..248 in steps of 8 on x8..x15 and
   f8..f15; C.FLDSP/C.FSDSP: 0..504 from sp, any f register), raw 64 bits moved (sNaN and boxed
   singles kept, no flags, neighbouring bytes untouched), and each form illegal with mstatus.FS = Off
   (cause 2, mtval = the 16-bit parcel, read back from the code). A form is 2 bytes long (checked).
   Not here: the integer compressed forms (rvc.S). */
#include "test.h"
#include "fp.h"

/* `insn` (compressed) at label 80900 must be 2 bytes long and raise illegal instruction with
   mtval = its 16 bits; continues in M-mode */
#define TEST_C_ILLEGAL(n, ...) \
  TEST(n); EXPECT_TRAP(80902f); \
  .option push; .option rvc; \
80900: __VA_ARGS__; \
80901: .option pop; j fail; \
80902: CHECK_CAUSE(CAUSE_ILLEGAL); CHECK_EPC(80900b); \
  la t0, 80900b; lhu t1, 0(t0); LOAD_TREC(t2, TR_TVAL); bne t1, t2, fail; \
  la t1, 80901b; sub t1, t1, t0; CHECK(t1, 2)

/* run one compressed instruction; it must be 2 bytes long */
#define C_INSN(...) \
  .option push; .option rvc; 80910: __VA_ARGS__; 80911: .option pop; \
  la t0, 80910b; la t1, 80911b; sub t1, t1, t0; li t0, 2; bne t1, t0, fail

TEST_BEGIN
  FP_ENABLE
  la a0, cdata

  /* ---- C.FLD ---- */
  TEST(1); C_INSN(c.fld fs0, 0(a0)); CHECK_F(fs0, 0x3ff0000000000000)
  TEST(2); C_INSN(c.fld fa5, 248(a0)); CHECK_F(fa5, 0xc00921fb54442d18)
  TEST(3); addi a5, a0, 8; C_INSN(c.fld fs1, 8(a5)); CHECK_F(fs1, 0x7ff0000000000001)   /* sNaN */
  CHECK_FFLAGS(0)
  TEST(4); C_INSN(c.fld fa2, 24(a0)); CHECK_F(fa2, 0xffffffff3f800000)

  /* ---- C.FSD ---- */
  TEST(10); addi s1, a0, 256; C_INSN(c.fsd fs1, 0(s1)); ld t2, 256(a0); CHECK(t2, 0x7ff0000000000001)
  ld t2, 264(a0); CHECK(t2, 0x5555555555555555); ld t2, 248(a0); CHECK(t2, 0xc00921fb54442d18)
  TEST(11); C_INSN(c.fsd fa2, 248(s1)); ld t2, 504(a0); CHECK(t2, 0xffffffff3f800000)
  CHECK_FFLAGS(0)

  /* ---- C.FLDSP / C.FSDSP ---- */
  TEST(20); mv sp, a0; C_INSN(c.fldsp ft0, 0(sp)); CHECK_F(ft0, 0x3ff0000000000000)
  TEST(21); C_INSN(c.fldsp f31, 504(sp)); CHECK_F(f31, 0xffffffff3f800000)
  TEST(22); C_INSN(c.fldsp fa0, 248(sp)); CHECK_F(fa0, 0xc00921fb54442d18)
  TEST(23); addi sp, a0, 512; LOAD_F(f0, 0x0123456789abcdef); C_INSN(c.fsdsp f0, 0(sp))
  ld t2, 512(a0); CHECK(t2, 0x0123456789abcdef)
  TEST(24); LOAD_F(ft11, 0xfff0000000000001); C_INSN(c.fsdsp ft11, 504(sp)); ld t2, 1016(a0)
  CHECK(t2, 0xfff0000000000001); ld t2, 1008(a0); CHECK(t2, 0x5555555555555555); CHECK_FFLAGS(0)
  /* loads write the whole register (a boxed single becomes a double) */
  TEST(25); LOAD_F(fa0, 0xffffffff12345678); mv sp, a0; C_INSN(c.fldsp fa0, 0(sp))
  CHECK_F(fa0, 0x3ff0000000000000)

  /* ---- FS = Off: all four are illegal ---- */
  li t0, MSTATUS_FS; csrc mstatus, t0
  TEST_C_ILLEGAL(30, c.fld fs0, 8(a0))
  TEST_C_ILLEGAL(31, c.fsd fa5, 248(a0))
  mv sp, a0
  TEST_C_ILLEGAL(32, c.fldsp f31, 504(sp))
  TEST_C_ILLEGAL(33, c.fsdsp ft0, 16(sp))
  TEST(34); ld t2, 16(a0); CHECK(t2, 0x7ff0000000000001)      /* nothing stored */
  csrr t0, mstatus; li t1, MSTATUS_FS; and t0, t0, t1; CHECK(t0, 0)
  j pass

  .pushsection .data, "aw", @progbits
  .balign 8
cdata:
  .dword 0x3ff0000000000000, 0, 0x7ff0000000000001, 0xffffffff3f800000
  .rept 27; .dword 0x5555555555555555; .endr
  .dword 0xc00921fb54442d18                                   /* +248 */
  .rept 32; .dword 0x5555555555555555; .endr                  /* +256 .. +504 */
  .rept 64; .dword 0x5555555555555555; .endr                  /* +512 .. +1016 */
  .popsection

TEST_END
