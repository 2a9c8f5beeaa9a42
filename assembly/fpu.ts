// The F and D extensions (unprivileged spec chapters 11 and 12) in the interpreter: the FP
// register file f0..f31 and fcsr in the vCPU block, mstatus.FS, and every OP-FP and fused
// multiply-add instruction, executed by the bit-exact arithmetic of assembly/fp/. Loads and
// stores (flw, fld, fsw, fsd and their compressed forms) run in the loop itself (run.ts).
//
//   fcsr   bits 4:0 fflags (NV DZ OF UF NX), bits 7:5 frm (the dynamic rounding mode)
//   mstatus.FS = Off: every FP instruction and fcsr access is illegal. An instruction that
//   changes FP state (an f register, fflags, frm) sets FS to Dirty and mstatus.SD.
//
// A single-precision value lives NaN-boxed in a 64-bit register: bits 63:32 all ones, else it
// reads as the canonical NaN (11.2). The rm field 7 (DYN) takes frm; rm 5 or 6, or DYN with frm
// 5 to 7, is an illegal instruction.

import { F, FCSR, MSTATUS } from "./layout";
import { CAUSE_ILLEGAL_INSTRUCTION, MSTATUS_FS, MSTATUS_FS_DIRTY, MSTATUS_SD } from "./defs";
import { cpu, raise } from "./state";
import * as fp from "./fp/index";

/** mstatus.FS is Off: FP instructions and fcsr are illegal. */
@inline export function fpOff(): bool {
  return (load<u64>(cpu, MSTATUS) & MSTATUS_FS) == 0;
}

/** FP state changed: FS becomes Dirty, and so does SD. */
@inline export function fpDirty(): void {
  const m = load<u64>(cpu, MSTATUS);
  if ((m & MSTATUS_FS) != MSTATUS_FS_DIRTY) store<u64>(cpu, m | MSTATUS_FS_DIRTY | MSTATUS_SD, MSTATUS);
}

@inline function fr(r: u32): u64 {
  return load<u64>(cpu + F + (<usize>r << 3));
}
@inline function setF(r: u32, v: u64): void {
  store<u64>(cpu + F + (<usize>r << 3), v);
}
@inline function fr32(r: u32): u32 {
  return fp.unboxF32(fr(r));
}
@inline function setF32(r: u32, v: u32): void {
  setF(r, fp.boxF32(v));
}
@inline function xr(r: u32): u64 {
  return r == 0 ? 0 : load<u64>(cpu + (<usize>r << 3));
}
@inline function setX(r: u32, v: u64): void {
  if (r != 0) store<u64>(cpu + (<usize>r << 3), v);
}

/**
 * Executes an OP-FP or fused multiply-add instruction `insn` (`raw`: its bits as fetched, for
 * tval). Raises the illegal-instruction exception for FS = Off, a reserved rounding mode or an
 * encoding that is not an F or D instruction.
 */
export function execFp(insn: u32, raw: u32): void {
  if (fpOff()) {
    raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw);
    return;
  }
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  const f3 = (insn >> 12) & 7;
  const fmt = (insn >> 25) & 3;
  const opcode = insn & 0x7f;
  // The rounding mode, for the instructions that have one (f3 is funct3 for the others).
  let rm = f3 == 7 ? <u32>(load<u64>(cpu, FCSR) >> 5) & 7 : f3;
  fp.clearFlags();
  let ok = true;
  if (opcode != 0x53) {
    // fmadd 0x43, fmsub 0x47, fnmsub 0x4b, fnmadd 0x4f: rs3 in bits 31:27, fmt 0 = S, 1 = D.
    const rs3 = insn >> 27;
    if (rm > 4 || fmt > 1) ok = false;
    else if (fmt == 0) {
      const a = fr32(rs1), b = fr32(rs2), c = fr32(rs3);
      let r: u32 = 0;
      switch (opcode) {
        case 0x43: r = fp.f32MulAdd(a, b, c, rm); break;
        case 0x47: r = fp.f32MulSub(a, b, c, rm); break;
        case 0x4b: r = fp.f32NegMulSub(a, b, c, rm); break;
        default: r = fp.f32NegMulAdd(a, b, c, rm); break;
      }
      setF32(rd, r);
    } else {
      const a = fr(rs1), b = fr(rs2), c = fr(rs3);
      let r: u64 = 0;
      switch (opcode) {
        case 0x43: r = fp.f64MulAdd(a, b, c, rm); break;
        case 0x47: r = fp.f64MulSub(a, b, c, rm); break;
        case 0x4b: r = fp.f64NegMulSub(a, b, c, rm); break;
        default: r = fp.f64NegMulAdd(a, b, c, rm); break;
      }
      setF(rd, r);
    }
  } else if (fmt == 0) {
    ok = opSingle(insn >> 27, rd, rs1, rs2, f3, rm);
  } else if (fmt == 1) {
    ok = opDouble(insn >> 27, rd, rs1, rs2, f3, rm);
  } else {
    ok = false;
  }
  if (!ok) {
    raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw);
    return;
  }
  const flags = fp.fpFlags;
  if (flags != 0) store<u64>(cpu, load<u64>(cpu, FCSR) | <u64>flags, FCSR);
  if (flags != 0 || writesF(opcode, insn >> 27)) fpDirty();
}

// funct5 (bits 31:27) of OP-FP.
const FADD: u32 = 0x00, FSUB: u32 = 0x01, FMUL: u32 = 0x02, FDIV: u32 = 0x03, FSGNJ: u32 = 0x04;
const FMINMAX: u32 = 0x05, FCVT_FF: u32 = 0x08, FSQRT: u32 = 0x0b, FCMP: u32 = 0x14;
const FCVT_XF: u32 = 0x18, FCVT_FX: u32 = 0x1a, FMV_XF: u32 = 0x1c, FMV_FX: u32 = 0x1e;

/** The instruction writes an f register (not x[rd]): every one but compares, fclass, fmv.x and fcvt to integers. */
@inline function writesF(opcode: u32, f5: u32): bool {
  return opcode != 0x53 || (f5 != FCMP && f5 != FCVT_XF && f5 != FMV_XF);
}

/** An OP-FP instruction with fmt = S. False when the encoding is not a legal F instruction. */
function opSingle(f5: u32, rd: u32, rs1: u32, rs2: u32, f3: u32, rm: u32): bool {
  switch (f5) {
    case FADD: if (rm > 4) return false; setF32(rd, fp.f32Add(fr32(rs1), fr32(rs2), rm)); return true;
    case FSUB: if (rm > 4) return false; setF32(rd, fp.f32Sub(fr32(rs1), fr32(rs2), rm)); return true;
    case FMUL: if (rm > 4) return false; setF32(rd, fp.f32Mul(fr32(rs1), fr32(rs2), rm)); return true;
    case FDIV: if (rm > 4) return false; setF32(rd, fp.f32Div(fr32(rs1), fr32(rs2), rm)); return true;
    case FSQRT: if (rm > 4 || rs2 != 0) return false; setF32(rd, fp.f32Sqrt(fr32(rs1), rm)); return true;
    case FSGNJ:
      if (f3 == 0) setF32(rd, fp.f32SignInject(fr32(rs1), fr32(rs2)));
      else if (f3 == 1) setF32(rd, fp.f32SignInjectNeg(fr32(rs1), fr32(rs2)));
      else if (f3 == 2) setF32(rd, fp.f32SignInjectXor(fr32(rs1), fr32(rs2)));
      else return false;
      return true;
    case FMINMAX:
      if (f3 == 0) setF32(rd, fp.f32Min(fr32(rs1), fr32(rs2)));
      else if (f3 == 1) setF32(rd, fp.f32Max(fr32(rs1), fr32(rs2)));
      else return false;
      return true;
    case FCVT_FF: // fcvt.s.d
      if (rs2 != 1 || rm > 4) return false;
      setF32(rd, fp.f64ToF32(fr(rs1), rm));
      return true;
    case FCMP:
      if (f3 == 0) setX(rd, <u64>fp.f32Le(fr32(rs1), fr32(rs2)));
      else if (f3 == 1) setX(rd, <u64>fp.f32Lt(fr32(rs1), fr32(rs2)));
      else if (f3 == 2) setX(rd, <u64>fp.f32Eq(fr32(rs1), fr32(rs2)));
      else return false;
      return true;
    case FCVT_XF: {
      if (rm > 4) return false;
      const a = fr32(rs1);
      if (rs2 == 0) setX(rd, fp.f32ToI32(a, rm));
      else if (rs2 == 1) setX(rd, fp.f32ToU32(a, rm));
      else if (rs2 == 2) setX(rd, fp.f32ToI64(a, rm));
      else if (rs2 == 3) setX(rd, fp.f32ToU64(a, rm));
      else return false;
      return true;
    }
    case FCVT_FX: {
      if (rm > 4) return false;
      const x = xr(rs1);
      if (rs2 == 0) setF32(rd, fp.f32FromI32(<i32>x, rm));
      else if (rs2 == 1) setF32(rd, fp.f32FromU32(<u32>x, rm));
      else if (rs2 == 2) setF32(rd, fp.f32FromI64(<i64>x, rm));
      else if (rs2 == 3) setF32(rd, fp.f32FromU64(x, rm));
      else return false;
      return true;
    }
    case FMV_XF:
      if (rs2 != 0) return false;
      // fmv.x.w: the low 32 bits, sign-extended, whatever the boxing; fclass.s
      if (f3 == 0) setX(rd, <u64>(<i64><i32><u32>fr(rs1)));
      else if (f3 == 1) setX(rd, <u64>fp.f32Classify(fr32(rs1)));
      else return false;
      return true;
    case FMV_FX: // fmv.w.x
      if (rs2 != 0 || f3 != 0) return false;
      setF32(rd, <u32>xr(rs1));
      return true;
  }
  return false;
}

/** An OP-FP instruction with fmt = D. False when the encoding is not a legal D instruction. */
function opDouble(f5: u32, rd: u32, rs1: u32, rs2: u32, f3: u32, rm: u32): bool {
  switch (f5) {
    case FADD: if (rm > 4) return false; setF(rd, fp.f64Add(fr(rs1), fr(rs2), rm)); return true;
    case FSUB: if (rm > 4) return false; setF(rd, fp.f64Sub(fr(rs1), fr(rs2), rm)); return true;
    case FMUL: if (rm > 4) return false; setF(rd, fp.f64Mul(fr(rs1), fr(rs2), rm)); return true;
    case FDIV: if (rm > 4) return false; setF(rd, fp.f64Div(fr(rs1), fr(rs2), rm)); return true;
    case FSQRT: if (rm > 4 || rs2 != 0) return false; setF(rd, fp.f64Sqrt(fr(rs1), rm)); return true;
    case FSGNJ:
      if (f3 == 0) setF(rd, fp.f64SignInject(fr(rs1), fr(rs2)));
      else if (f3 == 1) setF(rd, fp.f64SignInjectNeg(fr(rs1), fr(rs2)));
      else if (f3 == 2) setF(rd, fp.f64SignInjectXor(fr(rs1), fr(rs2)));
      else return false;
      return true;
    case FMINMAX:
      if (f3 == 0) setF(rd, fp.f64Min(fr(rs1), fr(rs2)));
      else if (f3 == 1) setF(rd, fp.f64Max(fr(rs1), fr(rs2)));
      else return false;
      return true;
    case FCVT_FF: // fcvt.d.s: exact, but rm must still be a valid mode
      if (rs2 != 0 || rm > 4) return false;
      setF(rd, fp.f32ToF64(fr32(rs1)));
      return true;
    case FCMP:
      if (f3 == 0) setX(rd, <u64>fp.f64Le(fr(rs1), fr(rs2)));
      else if (f3 == 1) setX(rd, <u64>fp.f64Lt(fr(rs1), fr(rs2)));
      else if (f3 == 2) setX(rd, <u64>fp.f64Eq(fr(rs1), fr(rs2)));
      else return false;
      return true;
    case FCVT_XF: {
      if (rm > 4) return false;
      const a = fr(rs1);
      if (rs2 == 0) setX(rd, fp.f64ToI32(a, rm));
      else if (rs2 == 1) setX(rd, fp.f64ToU32(a, rm));
      else if (rs2 == 2) setX(rd, fp.f64ToI64(a, rm));
      else if (rs2 == 3) setX(rd, fp.f64ToU64(a, rm));
      else return false;
      return true;
    }
    case FCVT_FX: {
      if (rm > 4) return false;
      const x = xr(rs1);
      if (rs2 == 0) setF(rd, fp.f64FromI32(<i32>x, rm));
      else if (rs2 == 1) setF(rd, fp.f64FromU32(<u32>x, rm));
      else if (rs2 == 2) setF(rd, fp.f64FromI64(<i64>x, rm));
      else if (rs2 == 3) setF(rd, fp.f64FromU64(x, rm));
      else return false;
      return true;
    }
    case FMV_XF:
      if (rs2 != 0) return false;
      if (f3 == 0) setX(rd, fr(rs1)); // fmv.x.d
      else if (f3 == 1) setX(rd, <u64>fp.f64Classify(fr(rs1)));
      else return false;
      return true;
    case FMV_FX: // fmv.d.x
      if (rs2 != 0 || f3 != 0) return false;
      setF(rd, xr(rs1));
      return true;
  }
  return false;
}
