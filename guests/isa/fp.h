/* rvisor ISA tests: F/D additions to test.h (include after it): fcsr/mstatus constants and the
   table-driven FP checks used by the generated rv64f-tables.h / rv64d-tables.h (fp-tables.py).

   Table rows are five dwords: a, b, c (64-bit images loaded into both a1..a3 and fa1..fa3 with
   FMV.D.X, so single operands may be improperly NaN-boxed on purpose), the expected 64-bit result
   (the f register image for FP results, the x register for integer results) and
   meta = rm | fflags << 8. Row i of a table is check first + i, and each row is checked twice:
     static:  frm holds another mode (rm == 0 ? 1 : 0), the instruction's rm field = the row's rm
              (picked from a jump table of 5 encodings); rd and fflags must match;
     dynamic: frm = the row's rm, rm field = dyn; rd and the whole fcsr (frm << 5 | fflags) must match.
   Rows of instructions without a rounding mode (and of the exact conversions FCVT.D.S and
   FCVT.D.W[U], assembled with rm = 0) run once, with frm = 7 (invalid, so it must not matter), and
   must leave fcsr = 7 << 5 | fflags.
   The result register is poisoned first, so an instruction that writes nothing fails.
   Uses s0..s5, a0..a3, fa0..fa3, t0, t1. */
#ifndef RVISOR_ISA_FP_H
#define RVISOR_ISA_FP_H

#define MSTATUS_FS_INITIAL 0x2000
#define MSTATUS_FS_CLEAN   0x4000
#define MSTATUS_FS_DIRTY   0x6000
#define MISA_D (1 << 3)
#define MISA_F (1 << 5)

#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10

#define CSR_FFLAGS 0x001
#define CSR_FRM    0x002
#define CSR_FCSR   0x003

/* FS = Initial: the FP unit is on (TEST_BEGIN leaves mstatus = 0, FS = Off). */
#define FP_ENABLE li t6, MSTATUS_FS; csrc mstatus, t6; li t6, MSTATUS_FS_INITIAL; csrs mstatus, t6

/* f register `freg` must hold the 64-bit image `val` (uses t5, t6) */
#define CHECK_F(freg, val) fmv.x.d t5, freg; li t6, val; bne t5, t6, fail
/* fflags must be `val`; they are cleared afterwards (uses t5, t6) */
#define CHECK_FFLAGS(val) csrrw t5, fflags, zero; li t6, val; bne t5, t6, fail
/* f register `freg` = 64-bit image `val` (uses t6) */
#define LOAD_F(freg, val) li t6, val; fmv.d.x freg, t6

/* instruction shapes: rd, sources, rounding mode */
#define FPI_FF(op, rm)  op fa0, fa1, fa2, rm
#define FPI_FFF(op, rm) op fa0, fa1, fa2, fa3, rm
#define FPI_F(op, rm)   op fa0, fa1, rm
#define FPI_XF(op, rm)  op a0, fa1, rm
#define FPI_FX(op, rm)  op fa0, a1, rm
#define FPI_FF_N(op)    op fa0, fa1, fa2
#define FPI_XFF_N(op)   op a0, fa1, fa2
#define FPI_XF_N(op)    op a0, fa1
#define FPI_F_N(op)     op fa0, fa1
#define FPI_FX_N(op)    op fa0, a1
/* how the result reaches a0 */
#define FPR_F fmv.x.d a0, fa0
#define FPR_X

#define FP_ROW_LOAD \
  ld a1, 0(s0); ld a2, 8(s0); ld a3, 16(s0); fmv.d.x fa1, a1; fmv.d.x fa2, a2; fmv.d.x fa3, a3; \
  ld s5, 24(s0); ld s2, 32(s0); andi s3, s2, 7; srli s4, s2, 8
#define FP_POISON li a0, 0x5a5a5a5a5a5a5a5a; fmv.d.x fa0, a0
#define FP_ROW_NEXT(label) \
  addi TESTNUM, TESTNUM, 1; addi s0, s0, 40; addi s1, s1, -1; bnez s1, label

#define FP_TABLE_RM(first, table, count, SHAPE, op, RESULT) \
  li TESTNUM, first; la s0, table; li s1, count; \
81000: FP_ROW_LOAD; FP_POISON; \
  seqz t0, s3; slli t0, t0, 5; csrw fcsr, t0; \
  la t0, 81001f; slli t1, s3, 3; add t0, t0, t1; jr t0; \
81001: SHAPE(op, rne); j 81002f; SHAPE(op, rtz); j 81002f; SHAPE(op, rdn); j 81002f; \
  SHAPE(op, rup); j 81002f; SHAPE(op, rmm); j 81002f; \
81002: RESULT; csrr t0, fflags; bne a0, s5, fail; bne t0, s4, fail; \
  FP_POISON; slli t0, s3, 5; csrw fcsr, t0; \
  SHAPE(op, dyn); RESULT; csrr t0, fcsr; slli t1, s3, 5; or t1, t1, s4; \
  bne a0, s5, fail; bne t0, t1, fail; \
  FP_ROW_NEXT(81000b)

#define FP_TABLE_NORM(first, table, count, SHAPE, op, RESULT) \
  li TESTNUM, first; la s0, table; li s1, count; \
81010: FP_ROW_LOAD; FP_POISON; li t0, 7 << 5; csrw fcsr, t0; \
  SHAPE(op); RESULT; csrr t0, fcsr; ori t1, s4, 7 << 5; bne a0, s5, fail; bne t0, t1, fail; \
  FP_ROW_NEXT(81010b)

#define FP_TABLE_FF_RM(first, op, table, count)  FP_TABLE_RM(first, table, count, FPI_FF, op, FPR_F)
#define FP_TABLE_FFF_RM(first, op, table, count) FP_TABLE_RM(first, table, count, FPI_FFF, op, FPR_F)
#define FP_TABLE_F_RM(first, op, table, count)   FP_TABLE_RM(first, table, count, FPI_F, op, FPR_F)
#define FP_TABLE_XF_RM(first, op, table, count)  FP_TABLE_RM(first, table, count, FPI_XF, op, FPR_X)
#define FP_TABLE_FX_RM(first, op, table, count)  FP_TABLE_RM(first, table, count, FPI_FX, op, FPR_F)
#define FP_TABLE_FF(first, op, table, count)     FP_TABLE_NORM(first, table, count, FPI_FF_N, op, FPR_F)
#define FP_TABLE_XFF(first, op, table, count)    FP_TABLE_NORM(first, table, count, FPI_XFF_N, op, FPR_X)
#define FP_TABLE_XF(first, op, table, count)     FP_TABLE_NORM(first, table, count, FPI_XF_N, op, FPR_X)
/* exact conversions (FCVT.D.S, FCVT.D.W[U]): the assembler takes no rm and encodes rm = 0 */
#define FP_TABLE_F(first, op, table, count)      FP_TABLE_NORM(first, table, count, FPI_F_N, op, FPR_F)
#define FP_TABLE_FX(first, op, table, count)     FP_TABLE_NORM(first, table, count, FPI_FX_N, op, FPR_F)

#endif
