// Double-precision arithmetic (RISC-V "D"): the exported entry points. Each tries a fast path on
// the host's f64 operations and falls back to the exact soft path (f64-soft.ts) whenever the
// fast path cannot prove both the result bits and the flags.
//
// Why the fast paths are exact. They run only for rm = RNE (sqrt: all modes, see below), the only mode WebAssembly float
// arithmetic implements (IEEE 754 correctly rounded, ties to even, no flags, no flush to zero).
// For a non-NaN result the host's bits are then the IEEE result. They are accepted only when the
// result r satisfies min normal < |r| < ∞ ("safe"): then no overflow happened (RNE overflows to
// ∞), nothing is tiny (|r| > 2^−1022 strictly means the exact value is ≥ 2^−1022 too, even before
// rounding), and r is not a NaN, so the operands were finite and nonzero (the special cases all
// give 0, ∞ or NaN). What remains is NX, which each path decides exactly:
// - add/sub: Knuth's TwoSum gives the rounding error exactly (RNE, no overflow: operands below
//   2^1023 keep every intermediate finite); NX ⟺ error ≠ 0.
// - mul: the product is representable ⟺ the odd parts of the two significands multiply to at
//   most 53 bits (bit lengths summing to ≤ 54 keep the u64 product from wrapping; larger ones
//   cannot fit).
// - div: q = round(a/b) is exact ⟺ q × b = a ⟺ oddpart(q)·oddpart(b) = oddpart(a) (the
//   exponents then agree, since q is within 2^−53 of a/b and cannot be off by a power of two).
// - sqrt: likewise r exact ⟺ oddpart(r)² = oddpart(a). For the other rounding modes the RNE
//   root is corrected by one ulp after an exact 128-bit comparison of r² with a (see f64Sqrt).
// - fused: only when a×b is exact (as for mul); then the fused result is one rounded addition of
//   two doubles, decided like add.

import { FLAG_NX, RM_RDN, RM_RNE, RM_RTZ, RM_RUP, raiseFlags } from "./flags";
import { F64_INF, F64_SIGN, f64AddSoft, f64DivSoft, f64Exp, f64FusedSoft, f64MulSoft, f64Sig, f64SqrtSoft } from "./f64-soft";
import { mul128, shl128, wideHi } from "./wide";

const MIN_NORMAL: u64 = 0x0010000000000000;
const TWO_1023: u64 = 0x7fe0000000000000;

/** min normal < |r| < ∞ (one unsigned compare). */
@inline function safe(r: u64): bool {
  return (r & ~F64_SIGN) - (MIN_NORMAL + 1) < F64_INF - (MIN_NORMAL + 1);
}

/** |x| < 2^1023 (also false for ∞ and NaN). */
@inline function belowTwo1023(x: u64): bool {
  return (x & ~F64_SIGN) < TWO_1023;
}

/** The significand without its trailing zeros. */
@inline function oddPart(x: u64): u64 {
  const s = f64Sig(x);
  return s >> ctz(s);
}

@inline function bitLength(x: u64): i32 {
  return 64 - <i32>clz(x);
}

/** Whether a × b (finite, nonzero, with a normal result) is exactly representable. */
@inline function productExact(a: u64, b: u64): bool {
  const oa = oddPart(a), ob = oddPart(b);
  return bitLength(oa) + bitLength(ob) <= 54 && oa * ob < ((<u64>1) << 53);
}

/** s = x + y rounded (RNE) was exact: TwoSum's error term is zero. */
@inline function sumExact(x: f64, y: f64, s: f64): bool {
  const yy = s - x;
  return (x - (s - yy)) + (y - yy) == 0;
}

@inline function addFast(a: u64, b: u64, rm: u32): u64 {
  if (rm == RM_RNE && belowTwo1023(a) && belowTwo1023(b)) {
    const x = reinterpret<f64>(a), y = reinterpret<f64>(b);
    const s = x + y;
    const r = reinterpret<u64>(s);
    if (safe(r)) {
      if (!sumExact(x, y, s)) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f64AddSoft(a, b, rm);
}

/** FADD.D */
export function f64Add(a: u64, b: u64, rm: u32): u64 {
  return addFast(a, b, rm);
}

/** FSUB.D */
export function f64Sub(a: u64, b: u64, rm: u32): u64 {
  return addFast(a, b ^ F64_SIGN, rm);
}

/** FMUL.D */
export function f64Mul(a: u64, b: u64, rm: u32): u64 {
  if (rm == RM_RNE) {
    const r = reinterpret<u64>(reinterpret<f64>(a) * reinterpret<f64>(b));
    if (safe(r)) {
      if (!productExact(a, b)) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f64MulSoft(a, b, rm);
}

/** FDIV.D */
export function f64Div(a: u64, b: u64, rm: u32): u64 {
  if (rm == RM_RNE) {
    const r = reinterpret<u64>(reinterpret<f64>(a) / reinterpret<f64>(b));
    if (safe(r)) {
      const oq = oddPart(r), ob = oddPart(b);
      if (bitLength(oq) + bitLength(ob) > 54 || oq * ob != oddPart(a)) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f64DivSoft(a, b, rm);
}

/** FSQRT.D */
export function f64Sqrt(a: u64, rm: u32): u64 {
  const r = reinterpret<u64>(Math.sqrt(reinterpret<f64>(a)));
  // A positive finite nonzero a gives a normal root; NaN, negative and zero a are not "safe".
  if (safe(r) && (a >> 63) == 0) {
    if (rm == RM_RNE) {
      const o = oddPart(r);
      if (bitLength(o) > 27 || o * o != oddPart(a)) raiseFlags(FLAG_NX);
      return r;
    }
    // Other modes: r (RNE) is within half an ulp, so the directed result is r or a neighbour,
    // decided by comparing r² with a exactly (r² = sr²·2^2er, a = sa·2^ea, so compare sr² with
    // sa·2^n, n = ea − 2er, about 52 to 106). A square root is never a tie: RMM = RNE.
    const sr = f64Sig(r);
    const lo = mul128(sr, sr), hi = wideHi;
    const n = f64Exp(a) - 2 * f64Exp(r);
    if (n >= 0 && n < 128) {
      const aLo = shl128(0, f64Sig(a), n), aHi = wideHi;
      if (hi == aHi && lo == aLo) return r;
      raiseFlags(FLAG_NX);
      const below = hi < aHi || (hi == aHi && lo < aLo); // r < sqrt(a)
      if (rm == RM_RUP) return below ? r + 1 : r;
      if (rm == RM_RTZ || rm == RM_RDN) return below ? r : r - 1;
      return r;
    }
  }
  return f64SqrtSoft(a, rm);
}

@inline function fused(a: u64, b: u64, c: u64, rm: u32, negProduct: bool, negAddend: bool): u64 {
  if (rm == RM_RNE) {
    // Most products of real operands are inexact: test that first, on integers (cheap).
    if (productExact(a, b)) {
    let p = reinterpret<f64>(a) * reinterpret<f64>(b);
    const pr = reinterpret<u64>(p);
    if (safe(pr) && belowTwo1023(pr) && belowTwo1023(c)) {
      if (negProduct) p = -p;
      const z = negAddend ? -reinterpret<f64>(c) : reinterpret<f64>(c);
      const s = p + z;
      const r = reinterpret<u64>(s);
      if (safe(r)) {
        if (!sumExact(p, z, s)) raiseFlags(FLAG_NX);
        return r;
      }
    }
    }
  }
  return f64FusedSoft(a, b, c, rm, negProduct, negAddend);
}

/** FMADD.D: a×b + c */
export function f64MulAdd(a: u64, b: u64, c: u64, rm: u32): u64 { return fused(a, b, c, rm, false, false); }
/** FMSUB.D: a×b − c */
export function f64MulSub(a: u64, b: u64, c: u64, rm: u32): u64 { return fused(a, b, c, rm, false, true); }
/** FNMSUB.D: −(a×b) + c */
export function f64NegMulSub(a: u64, b: u64, c: u64, rm: u32): u64 { return fused(a, b, c, rm, true, false); }
/** FNMADD.D: −(a×b) − c */
export function f64NegMulAdd(a: u64, b: u64, c: u64, rm: u32): u64 { return fused(a, b, c, rm, true, true); }
