// Rounding an exact (or exact-up-to-a-jammed-bit) intermediate to f32/f64 and packing it, with
// IEEE 754-2008 flags as RISC-V defines them (unprivileged spec, "F" extension: tininess is
// detected after rounding; UF only when the result is also inexact; overflow gives ∞ or the
// largest finite number depending on the rounding mode).
//
// Input convention: the magnitude is sig × 2^exp with sig ≠ 0 (any normalization); bit 0 of sig
// may be a jammed sticky bit, provided it lies below the round position (callers keep sig's
// significant bits ≥ precision + 2).

import { FLAG_NX, FLAG_OF, FLAG_UF, RM_RDN, RM_RMM, RM_RNE, RM_RTZ, RM_RUP, raiseFlags } from "./flags";
import { shiftRightJam64 } from "./wide";

/** Whether to add one unit in the last place: `rest` are the discarded bits, `half` the weight of the round bit. */
@inline export function roundsUp(rest: u64, half: u64, lsb: u64, sign: u64, rm: u32): bool {
  if (rm == RM_RNE) return rest > half || (rest == half && lsb != 0);
  if (rm == RM_RTZ) return false;
  if (rm == RM_RDN) return sign != 0 && rest != 0;
  if (rm == RM_RUP) return sign == 0 && rest != 0;
  return rest >= half; // RMM
}

/** The overflowed result: ∞ when the mode rounds away from zero for this sign, else the largest finite. */
@inline function overflowed(sign: u64, rm: u32, INF: u64, SIGN_SHIFT: i32): u64 {
  raiseFlags(FLAG_OF | FLAG_NX);
  const toInf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RUP && sign == 0) || (rm == RM_RDN && sign != 0);
  return (sign << SIGN_SHIFT) | (toInf ? INF : INF - 1);
}

/** Generic over the format: P = precision in bits (with the hidden bit), EMAX = bias. */
@inline function roundPack(sign: u64, exp: i32, sig: u64, rm: u32, P: i32, EMAX: i32, SIGN_SHIFT: i32): u64 {
  const DROP = 64 - P; // bits below the kept significand once sig is normalized to bit 63
  const HALF: u64 = (<u64>1) << (DROP - 1);
  const MASK: u64 = ((<u64>1) << DROP) - 1;
  const INF: u64 = (<u64>(2 * EMAX + 1)) << (P - 1);
  const EMIN = 1 - EMAX;
  const lz = <i32>clz(sig);
  sig <<= lz;
  let e = exp + 63 - lz; // exponent of the leading bit
  if (e > EMAX) return overflowed(sign, rm, INF, SIGN_SHIFT);
  let tiny = false;
  if (e < EMIN) {
    // Tiny after rounding = below 2^EMIN once rounded to P bits with an unbounded exponent: only
    // a value just below 2^EMIN (leading bit at EMIN − 1, all P bits ones) can round up out of it.
    if (e < EMIN - 1) tiny = true;
    else tiny = !((sig >> DROP) == ((<u64>1) << P) - 1 && roundsUp(sig & MASK, HALF, 1, sign, rm));
    sig = shiftRightJam64(sig, EMIN - e);
    e = EMIN;
  }
  const rest = sig & MASK;
  let kept = sig >> DROP;
  if (roundsUp(rest, HALF, kept & 1, sign, rm)) kept++;
  // The hidden bit adds one to the exponent field, and a carry out of the significand (or from
  // the largest subnormal into the smallest normal) adds one more: both fall out of the addition.
  const bits = ((<u64>(e + EMAX - 1)) << (P - 1)) + kept;
  if (bits >= INF) return overflowed(sign, rm, INF, SIGN_SHIFT);
  if (rest != 0) raiseFlags(tiny ? FLAG_NX | FLAG_UF : FLAG_NX);
  return (sign << SIGN_SHIFT) | bits;
}

/** Round sig × 2^exp (sign 0/1) to f32 bits. */
export function roundPackF32(sign: u64, exp: i32, sig: u64, rm: u32): u32 {
  return <u32>roundPack(sign, exp, sig, rm, 24, 127, 31);
}

/** Round sig × 2^exp (sign 0/1) to f64 bits. */
export function roundPackF64(sign: u64, exp: i32, sig: u64, rm: u32): u64 {
  return roundPack(sign, exp, sig, rm, 53, 1023, 63);
}
