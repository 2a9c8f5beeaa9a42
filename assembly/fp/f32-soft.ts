// Single-precision arithmetic (RISC-V "F" extension) by exact integer computation: the reference
// path, correct for every operand and rounding mode. f32.ts puts fast paths in front of it.
//
// Same scheme as f64-soft.ts on u32 bit patterns; a 24-bit significand leaves room to do every
// operation, fused multiply-add included, exactly (or exact to a jammed sticky bit) in u64.

import { F32_CANONICAL_NAN, FLAG_DZ, FLAG_NV, RM_RDN, raiseFlags } from "./flags";
import { roundPackF32 } from "./round";
import { sqrtDigits, sqrtRem } from "./f64-soft";
import { shiftRightJam64 } from "./wide";

export const F32_SIGN: u32 = 0x80000000;
export const F32_INF: u32 = 0x7f800000;
const F32_QUIET: u32 = 0x00400000;
const F32_HIDDEN: u32 = 0x00800000;
const F32_FRAC: u32 = 0x007fffff;

@inline export function f32IsNaN(x: u32): bool {
  return (x & ~F32_SIGN) > F32_INF;
}

@inline export function f32IsSignalingNaN(x: u32): bool {
  return (x & ~F32_SIGN) > F32_INF && (x & F32_QUIET) == 0;
}

/** Integer significand of a finite value (hidden bit included for normals). */
@inline export function f32Sig(x: u32): u64 {
  return <u64>((x & F32_INF) == 0 ? x & F32_FRAC : (x & F32_FRAC) | F32_HIDDEN);
}

/** Exponent of the significand's unit bit. */
@inline export function f32Exp(x: u32): i32 {
  const e = <i32>((x >> 23) & 0xff);
  return (e == 0 ? 1 : e) - 150;
}

@inline function nan2(a: u32, b: u32): u32 {
  if (f32IsSignalingNaN(a) || f32IsSignalingNaN(b)) raiseFlags(FLAG_NV);
  return F32_CANONICAL_NAN;
}

@inline function invalid(): u32 {
  raiseFlags(FLAG_NV);
  return F32_CANONICAL_NAN;
}

@inline function zeroSum(sa: u32, sb: u32, rm: u32): u32 {
  return sa == sb ? sa << 31 : rm == RM_RDN ? F32_SIGN : 0;
}

export function f32AddSoft(a: u32, b: u32, rm: u32): u32 {
  const ma = a & ~F32_SIGN, mb = b & ~F32_SIGN;
  if (ma > F32_INF || mb > F32_INF) return nan2(a, b);
  const sa = a >> 31, sb = b >> 31;
  if (ma == F32_INF) return mb == F32_INF && sa != sb ? invalid() : a;
  if (mb == F32_INF) return b;
  if (mb == 0) return ma == 0 ? zeroSum(sa, sb, rm) : a;
  if (ma == 0) return b;
  let s = sa;
  if (ma < mb) { const t = a; a = b; b = t; s = sb; }
  const ea = f32Exp(a);
  // Leading bit at 61: 38 spare bits (see f64AddSoft for why a few suffice).
  const siga = f32Sig(a) << 38;
  const sigb = shiftRightJam64(f32Sig(b) << 38, ea - f32Exp(b));
  if (sa == sb) return roundPackF32(s, ea - 38, siga + sigb, rm);
  const diff = siga - sigb;
  if (diff == 0) return zeroSum(sa, sb, rm);
  return roundPackF32(s, ea - 38, diff, rm);
}

export function f32SubSoft(a: u32, b: u32, rm: u32): u32 {
  return f32AddSoft(a, b ^ F32_SIGN, rm);
}

export function f32MulSoft(a: u32, b: u32, rm: u32): u32 {
  const ma = a & ~F32_SIGN, mb = b & ~F32_SIGN;
  if (ma > F32_INF || mb > F32_INF) return nan2(a, b);
  const s = (a ^ b) & F32_SIGN;
  if (ma == F32_INF || mb == F32_INF) return ma == 0 || mb == 0 ? invalid() : s | F32_INF;
  if (ma == 0 || mb == 0) return s;
  // The 48-bit product is exact in u64.
  return roundPackF32(s >> 31, f32Exp(a) + f32Exp(b), f32Sig(a) * f32Sig(b), rm);
}

export function f32DivSoft(a: u32, b: u32, rm: u32): u32 {
  const ma = a & ~F32_SIGN, mb = b & ~F32_SIGN;
  if (ma > F32_INF || mb > F32_INF) return nan2(a, b);
  const s = (a ^ b) & F32_SIGN;
  if (ma == F32_INF) return mb == F32_INF ? invalid() : s | F32_INF;
  if (mb == F32_INF) return s;
  if (mb == 0) {
    if (ma == 0) return invalid();
    raiseFlags(FLAG_DZ);
    return s | F32_INF;
  }
  if (ma == 0) return s;
  let siga = f32Sig(a), sigb = f32Sig(b);
  let ea = f32Exp(a), eb = f32Exp(b);
  const la = <i32>clz(siga) - 40, lb = <i32>clz(sigb) - 40;
  siga <<= la; ea -= la;
  sigb <<= lb; eb -= lb;
  if (siga < sigb) { siga <<= 1; ea--; }
  // siga < 2^25, so siga × 2^39 fits: a 40-bit quotient and an exact remainder.
  const n = siga << 39;
  const q = n / sigb;
  const r = n - q * sigb;
  return roundPackF32(s >> 31, ea - eb - 39, q | (r != 0 ? 1 : 0), rm);
}

export function f32SqrtSoft(a: u32, rm: u32): u32 {
  if (f32IsNaN(a)) return nan2(a, a);
  if ((a & ~F32_SIGN) == 0) return a;
  if (a >> 31) return invalid();
  if (a == F32_INF) return a;
  let sig = f32Sig(a), e = f32Exp(a);
  const l = <i32>clz(sig) - 40;
  sig <<= l; e -= l;
  if (e & 1) { sig <<= 1; e--; }
  // sig < 2^25 (13 pairs); 15 zero pairs give a root ≥ 2^(11 + 15): 27 bits, plus the sticky.
  const root = sqrtDigits(sig, 13, 15);
  return roundPackF32(0, (e - 30) >> 1, root | (sqrtRem != 0 ? 1 : 0), rm);
}

/** ±(a × b) ± c with one rounding; see f64FusedSoft. */
export function f32FusedSoft(a: u32, b: u32, c: u32, rm: u32, negProduct: bool, negAddend: bool): u32 {
  const ma = a & ~F32_SIGN, mb = b & ~F32_SIGN, mc = c & ~F32_SIGN;
  const infTimesZero = (ma == F32_INF && mb == 0) || (ma == 0 && mb == F32_INF);
  if (ma > F32_INF || mb > F32_INF || mc > F32_INF) {
    if (infTimesZero || f32IsSignalingNaN(a) || f32IsSignalingNaN(b) || f32IsSignalingNaN(c)) raiseFlags(FLAG_NV);
    return F32_CANONICAL_NAN;
  }
  if (infTimesZero) return invalid();
  const sp = ((a ^ b) >> 31) ^ (negProduct ? 1 : 0);
  const sc = (c >> 31) ^ (negAddend ? 1 : 0);
  if (ma == F32_INF || mb == F32_INF) return mc == F32_INF && sp != sc ? invalid() : (sp << 31) | F32_INF;
  if (mc == F32_INF) return (sc << 31) | F32_INF;
  if (ma == 0 || mb == 0) return mc == 0 ? zeroSum(sp, sc, rm) : (sc << 31) | mc;
  // Exact 48-bit product and the addend, both with the leading bit at 61; bits are lost only
  // when exponents differ by more than 13 (product) or 37 (addend), and then cancellation
  // removes at most one leading bit.
  let p = f32Sig(a) * f32Sig(b);
  const lp = <i32>clz(p) - 2;
  p <<= lp;
  const eP = f32Exp(a) + f32Exp(b) - lp;
  if (mc == 0) return roundPackF32(sp, eP, p, rm);
  let sigc = f32Sig(c);
  const lc = <i32>clz(sigc) - 2;
  sigc <<= lc;
  const eC = f32Exp(c) - lc;
  let eF = eP;
  if (eP >= eC) sigc = shiftRightJam64(sigc, eP - eC);
  else { p = shiftRightJam64(p, eC - eP); eF = eC; }
  if (sp == sc) return roundPackF32(sp, eF, p + sigc, rm);
  if (p == sigc) return zeroSum(sp, sc, rm);
  return p > sigc ? roundPackF32(sp, eF, p - sigc, rm) : roundPackF32(sc, eF, sigc - p, rm);
}
