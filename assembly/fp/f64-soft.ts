// Double-precision arithmetic (RISC-V "D" extension) by exact integer computation: the reference
// path, correct for every operand and rounding mode. f64.ts puts fast paths in front of it.
//
// Values are bit patterns (u64). Each function unpacks to sign, integer significand and exponent
// (value = sig × 2^exp; subnormals have exp = −1074 like the smallest normals), computes the exact
// result or one exact to a jammed sticky bit, and rounds once in roundPackF64.
// NaN results are the canonical NaN; signalling NaN inputs raise NV (spec: "NaN Generation and
// Propagation").

import { F64_CANONICAL_NAN, FLAG_DZ, FLAG_NV, RM_RDN, raiseFlags } from "./flags";
import { roundPackF64 } from "./round";
import { clz128, compress128, mul128, shiftRightJam64, shl128, shrJam128, wideHi, wideShift } from "./wide";

export const F64_SIGN: u64 = 0x8000000000000000;
export const F64_INF: u64 = 0x7ff0000000000000;
const F64_QUIET: u64 = 0x0008000000000000;
const F64_HIDDEN: u64 = 0x0010000000000000;
const F64_FRAC: u64 = 0x000fffffffffffff;

@inline export function f64IsNaN(x: u64): bool {
  return (x & ~F64_SIGN) > F64_INF;
}

@inline export function f64IsSignalingNaN(x: u64): bool {
  return (x & ~F64_SIGN) > F64_INF && (x & F64_QUIET) == 0;
}

/** Integer significand of a finite value (hidden bit included for normals). */
@inline export function f64Sig(x: u64): u64 {
  return (x & F64_INF) == 0 ? x & F64_FRAC : (x & F64_FRAC) | F64_HIDDEN;
}

/** Exponent of the significand's unit bit. */
@inline export function f64Exp(x: u64): i32 {
  const e = <i32>((x >> 52) & 0x7ff);
  return (e == 0 ? 1 : e) - 1075;
}

/** The canonical NaN, raising NV if any input is signalling. */
@inline function nan2(a: u64, b: u64): u64 {
  if (f64IsSignalingNaN(a) || f64IsSignalingNaN(b)) raiseFlags(FLAG_NV);
  return F64_CANONICAL_NAN;
}

@inline function invalid(): u64 {
  raiseFlags(FLAG_NV);
  return F64_CANONICAL_NAN;
}

/** Zero from adding two zeros or cancelling exactly: +0 unless both were −0, or RDN for opposite signs. */
@inline function zeroSum(sa: u64, sb: u64, rm: u32): u64 {
  return sa == sb ? sa << 63 : rm == RM_RDN ? F64_SIGN : 0;
}

export function f64AddSoft(a: u64, b: u64, rm: u32): u64 {
  let ma = a & ~F64_SIGN, mb = b & ~F64_SIGN;
  if (ma > F64_INF || mb > F64_INF) return nan2(a, b);
  const sa = a >> 63, sb = b >> 63;
  if (ma == F64_INF) return mb == F64_INF && sa != sb ? invalid() : a;
  if (mb == F64_INF) return b;
  if (mb == 0) return ma == 0 ? zeroSum(sa, sb, rm) : a;
  if (ma == 0) return b;
  // Larger magnitude first (bit patterns of same-signed floats order like their values).
  let s = sa;
  if (ma < mb) { const t = a; a = b; b = t; s = sb; }
  const ea = f64Exp(a);
  // 9 spare bits: when the shift of b loses bits, the exponents differ by > 9 and the
  // difference cancels at most one leading bit, leaving ≥ 53 + 2 bits above the jammed one.
  const siga = f64Sig(a) << 9;
  const sigb = shiftRightJam64(f64Sig(b) << 9, ea - f64Exp(b));
  if (sa == sb) return roundPackF64(s, ea - 9, siga + sigb, rm);
  const diff = siga - sigb;
  if (diff == 0) return zeroSum(sa, sb, rm);
  return roundPackF64(s, ea - 9, diff, rm);
}

export function f64SubSoft(a: u64, b: u64, rm: u32): u64 {
  return f64AddSoft(a, b ^ F64_SIGN, rm);
}

export function f64MulSoft(a: u64, b: u64, rm: u32): u64 {
  const ma = a & ~F64_SIGN, mb = b & ~F64_SIGN;
  if (ma > F64_INF || mb > F64_INF) return nan2(a, b);
  const s = (a ^ b) & F64_SIGN;
  if (ma == F64_INF || mb == F64_INF) return ma == 0 || mb == 0 ? invalid() : s | F64_INF;
  if (ma == 0 || mb == 0) return s;
  const lo = mul128(f64Sig(a), f64Sig(b));
  const top = compress128(wideHi, lo);
  return roundPackF64(s >> 63, f64Exp(a) + f64Exp(b) + wideShift, top, rm);
}

export function f64DivSoft(a: u64, b: u64, rm: u32): u64 {
  const ma = a & ~F64_SIGN, mb = b & ~F64_SIGN;
  if (ma > F64_INF || mb > F64_INF) return nan2(a, b);
  const s = (a ^ b) & F64_SIGN;
  if (ma == F64_INF) return mb == F64_INF ? invalid() : s | F64_INF;
  if (mb == F64_INF) return s;
  if (mb == 0) {
    if (ma == 0) return invalid();
    raiseFlags(FLAG_DZ);
    return s | F64_INF;
  }
  if (ma == 0) return s;
  // Both significands normalized to bit 52, a's doubled if smaller so the quotient is in [1, 2).
  let siga = f64Sig(a), sigb = f64Sig(b);
  let ea = f64Exp(a), eb = f64Exp(b);
  const la = <i32>clz(siga) - 11, lb = <i32>clz(sigb) - 11;
  siga <<= la; ea -= la;
  sigb <<= lb; eb -= lb;
  if (siga < sigb) { siga <<= 1; ea--; }
  // Long division in radix 2^11 on native 64-bit division: the remainder is < sigb < 2^53, so
  // remainder × 2^11 fits in 64 bits. 1 + 5 × 11 = 56 quotient bits, the rest is the sticky bit.
  let q = siga / sigb;
  let r = siga - q * sigb;
  for (let i = 0; i < 5; i++) {
    r <<= 11;
    const d = r / sigb;
    r -= d * sigb;
    q = (q << 11) | d;
  }
  return roundPackF64(s >> 63, ea - eb - 55, q | (r != 0 ? 1 : 0), rm);
}

/** Remainder left by sqrtDigits. */
export let sqrtRem: u64 = 0;

/**
 * floor(sqrt(sig × 4^zeroPairs)) by the digit-by-digit method (two radicand bits per root bit),
 * for sig < 4^pairs; leaves the remainder in sqrtRem. The remainder stays below 2 × root + 1, so
 * u64 suffices while the root has at most 61 bits.
 */
export function sqrtDigits(sig: u64, pairs: i32, zeroPairs: i32): u64 {
  let rem: u64 = 0, root: u64 = 0;
  for (let i = pairs - 1; i >= 0; i--) {
    rem = (rem << 2) | ((sig >> (2 * i)) & 3);
    const trial = (root << 2) | 1;
    root <<= 1;
    if (rem >= trial) { rem -= trial; root |= 1; }
  }
  for (let i = 0; i < zeroPairs; i++) {
    rem <<= 2;
    const trial = (root << 2) | 1;
    root <<= 1;
    if (rem >= trial) { rem -= trial; root |= 1; }
  }
  sqrtRem = rem;
  return root;
}

export function f64SqrtSoft(a: u64, rm: u32): u64 {
  if (f64IsNaN(a)) return nan2(a, a);
  if ((a & ~F64_SIGN) == 0) return a; // ±0
  if (a >> 63) return invalid();
  if (a == F64_INF) return a;
  let sig = f64Sig(a), e = f64Exp(a);
  const l = <i32>clz(sig) - 11;
  sig <<= l; e -= l;
  if (e & 1) { sig <<= 1; e--; }
  // sig < 2^54 (27 pairs); 29 zero pairs give a root ≥ 2^(26 + 29): 56 bits, plus the sticky.
  const root = sqrtDigits(sig, 27, 29);
  return roundPackF64(0, (e - 58) >> 1, root | (sqrtRem != 0 ? 1 : 0), rm);
}

/**
 * ±(a × b) ± c with one rounding. negProduct/negAddend flip the signs as the four RISC-V fused
 * instructions need (FMADD: a×b+c, FMSUB: a×b−c, FNMSUB: −(a×b)+c, FNMADD: −(a×b)−c).
 * Spec: ∞ × 0 raises NV even when c is a quiet NaN.
 */
export function f64FusedSoft(a: u64, b: u64, c: u64, rm: u32, negProduct: bool, negAddend: bool): u64 {
  const ma = a & ~F64_SIGN, mb = b & ~F64_SIGN, mc = c & ~F64_SIGN;
  const infTimesZero = (ma == F64_INF && mb == 0) || (ma == 0 && mb == F64_INF);
  if (ma > F64_INF || mb > F64_INF || mc > F64_INF) {
    if (infTimesZero || f64IsSignalingNaN(a) || f64IsSignalingNaN(b) || f64IsSignalingNaN(c)) raiseFlags(FLAG_NV);
    return F64_CANONICAL_NAN;
  }
  if (infTimesZero) return invalid();
  const sp = ((a ^ b) >> 63) ^ (negProduct ? 1 : 0);
  const sc = (c >> 63) ^ (negAddend ? 1 : 0);
  if (ma == F64_INF || mb == F64_INF) return mc == F64_INF && sp != sc ? invalid() : (sp << 63) | F64_INF;
  if (mc == F64_INF) return (sc << 63) | F64_INF;
  if (ma == 0 || mb == 0) return mc == 0 ? zeroSum(sp, sc, rm) : (sc << 63) | mc;
  // The exact product, 106 bits at most.
  let pLo = mul128(f64Sig(a), f64Sig(b));
  let pHi = wideHi;
  let eP = f64Exp(a) + f64Exp(b);
  if (mc == 0) {
    const top = compress128(pHi, pLo);
    return roundPackF64(sp, eP + wideShift, top, rm);
  }
  // Both operands as 128-bit integers with the leading bit at 125 (two bits of headroom for the
  // carry), the smaller shifted right with jamming. Bits are lost only when the exponents differ
  // by more than 20 (product) or 72 (addend); then cancellation removes at most one leading bit,
  // so over 100 exact bits remain above the jammed one.
  const shP = clz128(pHi, pLo) - 2;
  pLo = shl128(pHi, pLo, shP);
  pHi = wideHi;
  eP -= shP;
  const sigc = f64Sig(c);
  const lc = <i32>clz(sigc) - 2;
  let cHi = sigc << lc, cLo: u64 = 0;
  const eC = f64Exp(c) - 64 - lc;
  let eF = eP;
  if (eP >= eC) {
    cLo = shrJam128(cHi, cLo, eP - eC);
    cHi = wideHi;
  } else {
    pLo = shrJam128(pHi, pLo, eC - eP);
    pHi = wideHi;
    eF = eC;
  }
  let rHi: u64, rLo: u64, s = sp;
  if (sp == sc) {
    rLo = pLo + cLo;
    rHi = pHi + cHi + (rLo < pLo ? 1 : 0);
  } else if (pHi > cHi || (pHi == cHi && pLo >= cLo)) {
    rLo = pLo - cLo;
    rHi = pHi - cHi - (pLo < cLo ? 1 : 0);
  } else {
    rLo = cLo - pLo;
    rHi = cHi - pHi - (cLo < pLo ? 1 : 0);
    s = sc;
  }
  if ((rHi | rLo) == 0) return zeroSum(sp, sc, rm);
  const top = compress128(rHi, rLo);
  return roundPackF64(s, eF + wideShift, top, rm);
}
