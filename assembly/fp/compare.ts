// Comparisons, min/max, classification and sign injection (RISC-V "F"/"D": FEQ/FLT/FLE,
// FMIN/FMAX, FCLASS, FSGNJ*). All are exact bit operations on the patterns; no rounding.
//
// FEQ is a quiet comparison (NV only for signalling NaNs); FLT/FLE are signalling (NV for any
// NaN); a NaN operand makes all three write 0. FMIN/FMAX follow IEEE 754-2019
// minimumNumber/maximumNumber as the spec (since v2.2 of F) requires: one NaN → the other
// operand, both NaN → the canonical NaN, any signalling NaN → NV, and −0 < +0.
// Results of comparisons and FCLASS are the integer register value (0/1, or the class mask).

import { F32_CANONICAL_NAN, F64_CANONICAL_NAN, FLAG_NV, raiseFlags } from "./flags";
import { F32_INF, F32_SIGN, f32IsNaN, f32IsSignalingNaN } from "./f32-soft";
import { F64_INF, F64_SIGN, f64IsNaN, f64IsSignalingNaN } from "./f64-soft";

/** FCLASS result bits. */
export const CLASS_NEG_INF: u32 = 1 << 0;
export const CLASS_NEG_NORMAL: u32 = 1 << 1;
export const CLASS_NEG_SUBNORMAL: u32 = 1 << 2;
export const CLASS_NEG_ZERO: u32 = 1 << 3;
export const CLASS_POS_ZERO: u32 = 1 << 4;
export const CLASS_POS_SUBNORMAL: u32 = 1 << 5;
export const CLASS_POS_NORMAL: u32 = 1 << 6;
export const CLASS_POS_INF: u32 = 1 << 7;
export const CLASS_SNAN: u32 = 1 << 8;
export const CLASS_QNAN: u32 = 1 << 9;

// Ordered comparison of two non-NaN patterns: patterns of equal sign order like their values
// (reversed for negatives), and ±0 compare equal.
@inline function lessBits<T>(a: T, b: T, SIGN: T): bool {
  const sa = (a & SIGN) != 0, sb = (b & SIGN) != 0;
  if (sa != sb) return sa && ((a | b) & ~SIGN) != 0;
  return a != b && ((a < b) != sa);
}

@inline function eqBits<T>(a: T, b: T, SIGN: T): bool {
  return a == b || ((a | b) & ~SIGN) == 0;
}

export function f32Eq(a: u32, b: u32): u32 {
  if (f32IsNaN(a) || f32IsNaN(b)) {
    if (f32IsSignalingNaN(a) || f32IsSignalingNaN(b)) raiseFlags(FLAG_NV);
    return 0;
  }
  return eqBits<u32>(a, b, F32_SIGN) ? 1 : 0;
}

export function f32Lt(a: u32, b: u32): u32 {
  if (f32IsNaN(a) || f32IsNaN(b)) { raiseFlags(FLAG_NV); return 0; }
  return lessBits<u32>(a, b, F32_SIGN) ? 1 : 0;
}

export function f32Le(a: u32, b: u32): u32 {
  if (f32IsNaN(a) || f32IsNaN(b)) { raiseFlags(FLAG_NV); return 0; }
  return lessBits<u32>(a, b, F32_SIGN) || eqBits<u32>(a, b, F32_SIGN) ? 1 : 0;
}

export function f64Eq(a: u64, b: u64): u32 {
  if (f64IsNaN(a) || f64IsNaN(b)) {
    if (f64IsSignalingNaN(a) || f64IsSignalingNaN(b)) raiseFlags(FLAG_NV);
    return 0;
  }
  return eqBits<u64>(a, b, F64_SIGN) ? 1 : 0;
}

export function f64Lt(a: u64, b: u64): u32 {
  if (f64IsNaN(a) || f64IsNaN(b)) { raiseFlags(FLAG_NV); return 0; }
  return lessBits<u64>(a, b, F64_SIGN) ? 1 : 0;
}

export function f64Le(a: u64, b: u64): u32 {
  if (f64IsNaN(a) || f64IsNaN(b)) { raiseFlags(FLAG_NV); return 0; }
  return lessBits<u64>(a, b, F64_SIGN) || eqBits<u64>(a, b, F64_SIGN) ? 1 : 0;
}

// min/max: with different signs the negative one is smaller (this orders −0 below +0).
@inline function minBits<T>(a: T, b: T, SIGN: T): T {
  if ((a ^ b) & SIGN) return (a & SIGN) != 0 ? a : b;
  return lessBits<T>(a, b, SIGN) ? a : b;
}

@inline function maxBits<T>(a: T, b: T, SIGN: T): T {
  if ((a ^ b) & SIGN) return (a & SIGN) != 0 ? b : a;
  return lessBits<T>(a, b, SIGN) ? b : a;
}

export function f32Min(a: u32, b: u32): u32 {
  const na = f32IsNaN(a), nb = f32IsNaN(b);
  if (na || nb) {
    if (f32IsSignalingNaN(a) || f32IsSignalingNaN(b)) raiseFlags(FLAG_NV);
    return na && nb ? F32_CANONICAL_NAN : na ? b : a;
  }
  return minBits<u32>(a, b, F32_SIGN);
}

export function f32Max(a: u32, b: u32): u32 {
  const na = f32IsNaN(a), nb = f32IsNaN(b);
  if (na || nb) {
    if (f32IsSignalingNaN(a) || f32IsSignalingNaN(b)) raiseFlags(FLAG_NV);
    return na && nb ? F32_CANONICAL_NAN : na ? b : a;
  }
  return maxBits<u32>(a, b, F32_SIGN);
}

export function f64Min(a: u64, b: u64): u64 {
  const na = f64IsNaN(a), nb = f64IsNaN(b);
  if (na || nb) {
    if (f64IsSignalingNaN(a) || f64IsSignalingNaN(b)) raiseFlags(FLAG_NV);
    return na && nb ? F64_CANONICAL_NAN : na ? b : a;
  }
  return minBits<u64>(a, b, F64_SIGN);
}

export function f64Max(a: u64, b: u64): u64 {
  const na = f64IsNaN(a), nb = f64IsNaN(b);
  if (na || nb) {
    if (f64IsSignalingNaN(a) || f64IsSignalingNaN(b)) raiseFlags(FLAG_NV);
    return na && nb ? F64_CANONICAL_NAN : na ? b : a;
  }
  return maxBits<u64>(a, b, F64_SIGN);
}

/** FCLASS.S: exactly one bit set. */
export function f32Classify(a: u32): u32 {
  const neg = (a & F32_SIGN) != 0;
  const m = a & ~F32_SIGN;
  if (m > F32_INF) return f32IsSignalingNaN(a) ? CLASS_SNAN : CLASS_QNAN;
  if (m == F32_INF) return neg ? CLASS_NEG_INF : CLASS_POS_INF;
  if (m == 0) return neg ? CLASS_NEG_ZERO : CLASS_POS_ZERO;
  if ((m & F32_INF) == 0) return neg ? CLASS_NEG_SUBNORMAL : CLASS_POS_SUBNORMAL;
  return neg ? CLASS_NEG_NORMAL : CLASS_POS_NORMAL;
}

/** FCLASS.D */
export function f64Classify(a: u64): u32 {
  const neg = (a & F64_SIGN) != 0;
  const m = a & ~F64_SIGN;
  if (m > F64_INF) return f64IsSignalingNaN(a) ? CLASS_SNAN : CLASS_QNAN;
  if (m == F64_INF) return neg ? CLASS_NEG_INF : CLASS_POS_INF;
  if (m == 0) return neg ? CLASS_NEG_ZERO : CLASS_POS_ZERO;
  if ((m & F64_INF) == 0) return neg ? CLASS_NEG_SUBNORMAL : CLASS_POS_SUBNORMAL;
  return neg ? CLASS_NEG_NORMAL : CLASS_POS_NORMAL;
}

/** FSGNJ.S / FSGNJN.S / FSGNJX.S: a's magnitude with b's sign, its negation, or the signs' xor. */
@inline export function f32SignInject(a: u32, b: u32): u32 { return (a & ~F32_SIGN) | (b & F32_SIGN); }
@inline export function f32SignInjectNeg(a: u32, b: u32): u32 { return (a & ~F32_SIGN) | (~b & F32_SIGN); }
@inline export function f32SignInjectXor(a: u32, b: u32): u32 { return a ^ (b & F32_SIGN); }
/** FSGNJ.D / FSGNJN.D / FSGNJX.D */
@inline export function f64SignInject(a: u64, b: u64): u64 { return (a & ~F64_SIGN) | (b & F64_SIGN); }
@inline export function f64SignInjectNeg(a: u64, b: u64): u64 { return (a & ~F64_SIGN) | (~b & F64_SIGN); }
@inline export function f64SignInjectXor(a: u64, b: u64): u64 { return a ^ (b & F64_SIGN); }
