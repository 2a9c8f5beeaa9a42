// Single-precision arithmetic (RISC-V "F"): the exported entry points, a fast path on the host's
// f64 operations in front of the exact soft path (f32-soft.ts).
//
// Why the fast paths are exact (rm = RNE only, the host's mode). f32 operands convert to f64
// exactly. For + − × ÷ √, rounding the exact result first to 53 bits and then to 24 gives the
// correctly rounded 24-bit result, because 53 ≥ 2·24 + 2 (double rounding is innocuous; Figueroa,
// "When is double rounding innocuous?", 1995). The f32 result r is accepted only when
// min normal < |r| < ∞: then there was no overflow, nothing is tiny, and the operands were finite
// and nonzero. NX is decided exactly:
// - mul: the f64 product of two 24-bit significands is exact (48 bits, exponent far inside f64's
//   range), so NX ⟺ r ≠ product.
// - add/sub: TwoSum gives the f64 sum's error exactly; NX ⟺ error ≠ 0 or r ≠ f64 sum.
// - div: r exact ⟺ r × b = a, and that f64 product is exact (48 bits).
// - sqrt: r exact ⟺ r × r = a, exact likewise.
// - fused: a×b is exact in f64, but p + c rounded to 53 bits is not covered by the theorem. With
//   TwoSum, the exact value is s + err; rounding to 24 bits is monotonic and its break points
//   (the midpoints between f32 neighbours) are f64 numbers, so round24(s) = round24(s + err)
//   unless s sits exactly on a midpoint with err ≠ 0: that case goes to the soft path.

import { FLAG_NX, RM_RNE, raiseFlags } from "./flags";
import { F32_INF, F32_SIGN, f32AddSoft, f32DivSoft, f32FusedSoft, f32MulSoft, f32SqrtSoft } from "./f32-soft";

const MIN_NORMAL: u32 = 0x00800000;

@inline function safe(r: u32): bool {
  return (r & ~F32_SIGN) - (MIN_NORMAL + 1) < F32_INF - (MIN_NORMAL + 1);
}

@inline function wide(x: u32): f64 {
  return <f64>reinterpret<f32>(x);
}

@inline function twoSumError(x: f64, y: f64, s: f64): f64 {
  const yy = s - x;
  return (x - (s - yy)) + (y - yy);
}

@inline function addFast(a: u32, b: u32, rm: u32): u32 {
  if (rm == RM_RNE) {
    const x = wide(a), y = wide(b);
    const s = x + y;
    const n = <f32>s;
    const r = reinterpret<u32>(n);
    if (safe(r)) {
      if (<f64>n != s || twoSumError(x, y, s) != 0) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f32AddSoft(a, b, rm);
}

/** FADD.S */
export function f32Add(a: u32, b: u32, rm: u32): u32 {
  return addFast(a, b, rm);
}

/** FSUB.S */
export function f32Sub(a: u32, b: u32, rm: u32): u32 {
  return addFast(a, b ^ F32_SIGN, rm);
}

/** FMUL.S */
export function f32Mul(a: u32, b: u32, rm: u32): u32 {
  if (rm == RM_RNE) {
    const p = wide(a) * wide(b);
    const n = <f32>p;
    const r = reinterpret<u32>(n);
    if (safe(r)) {
      if (<f64>n != p) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f32MulSoft(a, b, rm);
}

/** FDIV.S */
export function f32Div(a: u32, b: u32, rm: u32): u32 {
  if (rm == RM_RNE) {
    const y = wide(b);
    const n = <f32>(wide(a) / y);
    const r = reinterpret<u32>(n);
    if (safe(r)) {
      if (<f64>n * y != wide(a)) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f32DivSoft(a, b, rm);
}

/** FSQRT.S */
export function f32Sqrt(a: u32, rm: u32): u32 {
  if (rm == RM_RNE && (a >> 31) == 0) {
    const x = wide(a);
    const n = <f32>Math.sqrt(x);
    const r = reinterpret<u32>(n);
    if (safe(r)) {
      if (<f64>n * <f64>n != x) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f32SqrtSoft(a, rm);
}

@inline function fused(a: u32, b: u32, c: u32, rm: u32, negProduct: bool, negAddend: bool): u32 {
  if (rm == RM_RNE) {
    let p = wide(a) * wide(b);
    if (negProduct) p = -p;
    const z = negAddend ? -wide(c) : wide(c);
    const s = p + z;
    const n = <f32>s;
    const r = reinterpret<u32>(n);
    if (safe(r)) {
      const err = twoSumError(p, z, s);
      // A midpoint between two f32 neighbours has only the f32 ulp's half bit set below the
      // f32 significand: the low 29 of f64's 52 fraction bits are 1 << 28 (s is in f32's
      // normal range here, so the two formats' bit positions line up).
      if (err == 0 || (reinterpret<u64>(s) & 0x1fffffff) != 0x10000000) {
        if (err != 0 || <f64>n != s) raiseFlags(FLAG_NX);
        return r;
      }
    }
  }
  return f32FusedSoft(a, b, c, rm, negProduct, negAddend);
}

/** FMADD.S: a×b + c */
export function f32MulAdd(a: u32, b: u32, c: u32, rm: u32): u32 { return fused(a, b, c, rm, false, false); }
/** FMSUB.S: a×b − c */
export function f32MulSub(a: u32, b: u32, c: u32, rm: u32): u32 { return fused(a, b, c, rm, false, true); }
/** FNMSUB.S: −(a×b) + c */
export function f32NegMulSub(a: u32, b: u32, c: u32, rm: u32): u32 { return fused(a, b, c, rm, true, false); }
/** FNMADD.S: −(a×b) − c */
export function f32NegMulAdd(a: u32, b: u32, c: u32, rm: u32): u32 { return fused(a, b, c, rm, true, true); }
