// Conversions (RISC-V "F"/"D": FCVT.*, and the NaN-boxing rule of "NaN Boxing of Narrower Values").
//
// Float → integer: rounded per rm; NaN, ±∞ and results out of the destination's range saturate
// as the spec's table says and raise NV only; other inexact results raise NX. The result is the
// 64-bit register value: 32-bit results (W and WU alike) are sign-extended.
// Integer → float: rounded per rm (NX when inexact; no overflow is possible for these formats).
// f32 → f64 is exact; f64 → f32 rounds. NaN inputs give the canonical NaN, NV if signalling.

import { F32_CANONICAL_NAN, F64_CANONICAL_NAN, FLAG_NV, FLAG_NX, RM_RDN, RM_RNE, RM_RTZ, RM_RUP, raiseFlags } from "./flags";
import { roundPackF32, roundPackF64, roundsUp } from "./round";
import { F32_INF, F32_SIGN, f32Exp, f32IsNaN, f32IsSignalingNaN, f32Sig } from "./f32-soft";
import { F64_INF, F64_SIGN, f64Exp, f64IsNaN, f64IsSignalingNaN, f64Sig } from "./f64-soft";

// ---- NaN boxing --------------------------------------------------------------------------------

/** The f32 held in a 64-bit f register: valid only when bits 63:32 are all ones, else the canonical NaN. */
@inline export function unboxF32(x: u64): u32 {
  return (x >> 32) == 0xffffffff ? <u32>x : F32_CANONICAL_NAN;
}

/** The 64-bit f register value that holds an f32. */
@inline export function boxF32(x: u32): u64 {
  return 0xffffffff00000000 | <u64>x;
}

// ---- float ↔ float -----------------------------------------------------------------------------

/** FCVT.D.S: exact. */
export function f32ToF64Soft(a: u32): u64 {
  const m = a & ~F32_SIGN;
  if (m > F32_INF) {
    if (f32IsSignalingNaN(a)) raiseFlags(FLAG_NV);
    return F64_CANONICAL_NAN;
  }
  const s = (<u64>(a >> 31)) << 63;
  if (m == F32_INF) return s | F64_INF;
  if (m == 0) return s;
  return roundPackF64(<u64>(a >> 31), f32Exp(a), f32Sig(a), 0);
}

/** FCVT.S.D. */
export function f64ToF32Soft(a: u64, rm: u32): u32 {
  const m = a & ~F64_SIGN;
  if (m > F64_INF) {
    if (f64IsSignalingNaN(a)) raiseFlags(FLAG_NV);
    return F32_CANONICAL_NAN;
  }
  const s = <u32>(a >> 32) & F32_SIGN;
  if (m == F64_INF) return s | F32_INF;
  if (m == 0) return s;
  return roundPackF32(a >> 63, f64Exp(a), f64Sig(a), rm);
}

// ---- float → integer ---------------------------------------------------------------------------

const KIND_I32 = 0, KIND_U32 = 1, KIND_I64 = 2, KIND_U64 = 3;

/** Set by roundToInteger when |x| rounded does not fit in u64. */
let intTooBig = false;
let intInexact = false;

/** |sig × 2^e| rounded to an integer per rm (sign given for the directed modes). */
@inline function roundToInteger(sign: u64, sig: u64, e: i32, rm: u32): u64 {
  intTooBig = false;
  intInexact = false;
  if (e >= 0) {
    // sig < 2^53: sig × 2^e fits while e + bit length ≤ 64.
    if (e + 64 - <i32>clz(sig) > 64) { intTooBig = true; return 0; }
    return sig << e;
  }
  const n = -e;
  if (n > 60) {
    // |x| < 2^53 × 2^−61 < 1/2: the integer is 0 or 1 (away from zero in the directed mode).
    intInexact = true;
    return (rm == RM_RDN && sign != 0) || (rm == RM_RUP && sign == 0) ? 1 : 0;
  }
  let int = sig >> n;
  const rest = sig & (((<u64>1) << n) - 1);
  if (rest == 0) return int;
  intInexact = true;
  if (roundsUp(rest, (<u64>1) << (n - 1), int & 1, sign, rm)) int++;
  return int;
}

/** The destination's saturated value for NaN (sign 0, as +∞) and out-of-range inputs. */
@inline function saturated(kind: i32, sign: u64): u64 {
  raiseFlags(FLAG_NV);
  if (kind == KIND_I32) return sign ? 0xffffffff80000000 : 0x7fffffff;
  if (kind == KIND_U32) return sign ? 0 : 0xffffffffffffffff; // 2^32 − 1, sign-extended
  if (kind == KIND_I64) return sign ? 0x8000000000000000 : 0x7fffffffffffffff;
  return sign ? 0 : 0xffffffffffffffff;
}

@inline function toInt(kind: i32, sign: u64, sig: u64, e: i32, rm: u32): u64 {
  const mag = roundToInteger(sign, sig, e, rm);
  if (intTooBig) return saturated(kind, sign);
  let r: u64;
  if (kind == KIND_I32) {
    if (mag > (sign ? 0x80000000 : 0x7fffffff)) return saturated(kind, sign);
    r = sign ? -mag : mag;
    r = <u64><i64><i32>r;
  } else if (kind == KIND_U32) {
    if (sign ? mag != 0 : mag > 0xffffffff) return saturated(kind, sign);
    r = <u64><i64><i32>mag;
  } else if (kind == KIND_I64) {
    if (mag > (sign ? 0x8000000000000000 : 0x7fffffffffffffff)) return saturated(kind, sign);
    r = sign ? -mag : mag;
  } else {
    if (sign && mag != 0) return saturated(kind, sign);
    r = mag;
  }
  if (intInexact) raiseFlags(FLAG_NX);
  return r;
}

@inline function f64ToInt(kind: i32, a: u64, rm: u32): u64 {
  const m = a & ~F64_SIGN;
  if (m > F64_INF) return saturated(kind, 0);
  const sign = a >> 63;
  if (m == F64_INF) return saturated(kind, sign);
  if (m == 0) return 0;
  return toInt(kind, sign, f64Sig(a), f64Exp(a), rm);
}

@inline function f32ToInt(kind: i32, a: u32, rm: u32): u64 {
  const m = a & ~F32_SIGN;
  if (m > F32_INF) return saturated(kind, 0);
  const sign = <u64>(a >> 31);
  if (m == F32_INF) return saturated(kind, sign);
  if (m == 0) return 0;
  return toInt(kind, sign, f32Sig(a), f32Exp(a), rm);
}

/** FCVT.W.D: the i32 result sign-extended. */
export function f64ToI32Soft(a: u64, rm: u32): u64 { return f64ToInt(KIND_I32, a, rm); }
/** FCVT.WU.D: the u32 result sign-extended (as the instruction writes it). */
export function f64ToU32Soft(a: u64, rm: u32): u64 { return f64ToInt(KIND_U32, a, rm); }
/** FCVT.L.D */
export function f64ToI64Soft(a: u64, rm: u32): u64 { return f64ToInt(KIND_I64, a, rm); }
/** FCVT.LU.D */
export function f64ToU64Soft(a: u64, rm: u32): u64 { return f64ToInt(KIND_U64, a, rm); }
/** FCVT.W.S */
export function f32ToI32Soft(a: u32, rm: u32): u64 { return f32ToInt(KIND_I32, a, rm); }
/** FCVT.WU.S (sign-extended) */
export function f32ToU32Soft(a: u32, rm: u32): u64 { return f32ToInt(KIND_U32, a, rm); }
/** FCVT.L.S */
export function f32ToI64Soft(a: u32, rm: u32): u64 { return f32ToInt(KIND_I64, a, rm); }
/** FCVT.LU.S */
export function f32ToU64Soft(a: u32, rm: u32): u64 { return f32ToInt(KIND_U64, a, rm); }

// ---- integer → float ---------------------------------------------------------------------------

/** FCVT.S.W (x = the register's low 32 bits as signed). */
export function f32FromI32Soft(x: i32, rm: u32): u32 {
  if (x == 0) return 0;
  const s: u64 = x < 0 ? 1 : 0;
  return roundPackF32(s, 0, s ? <u64>(-<i64>x) : <u64>x, rm);
}
/** FCVT.S.WU */
export function f32FromU32Soft(x: u32, rm: u32): u32 {
  return x == 0 ? 0 : roundPackF32(0, 0, <u64>x, rm);
}
/** FCVT.S.L */
export function f32FromI64Soft(x: i64, rm: u32): u32 {
  if (x == 0) return 0;
  return x < 0 ? roundPackF32(1, 0, <u64>-x, rm) : roundPackF32(0, 0, <u64>x, rm);
}
/** FCVT.S.LU */
export function f32FromU64Soft(x: u64, rm: u32): u32 {
  return x == 0 ? 0 : roundPackF32(0, 0, x, rm);
}
/** FCVT.D.L */
export function f64FromI64Soft(x: i64, rm: u32): u64 {
  if (x == 0) return 0;
  return x < 0 ? roundPackF64(1, 0, <u64>-x, rm) : roundPackF64(0, 0, <u64>x, rm);
}
/** FCVT.D.LU */
export function f64FromU64Soft(x: u64, rm: u32): u64 {
  return x == 0 ? 0 : roundPackF64(0, 0, x, rm);
}

// ---- fast paths --------------------------------------------------------------------------------
// Why they are exact:
// - f32 → f64 of a non-NaN is exact on the host (promotion). f64 → f32 with RNE is the host's
//   demotion (correctly rounded, ties to even); accepted when min normal < |r| < ∞ (no overflow,
//   nothing tiny), NX ⟺ the result widened back differs.
// - float → integer: the host's roundeven/trunc/floor/ceil give the integer-valued f64 rounded
//   per RNE/RTZ/RDN/RUP exactly (RMM has no host operation: soft path). When that integer is in
//   the destination's range, converting it is exact and NX ⟺ it differs from the input. NaN
//   fails every range compare and takes the soft path.
// - integer → float: the host's conversion is correctly rounded (RNE); when the integer's
//   significant bits (from the leading one to the trailing one) fit the precision it is exact in
//   every mode.

@inline function fitsBits(mag: u64, precision: i32): bool {
  return 64 - <i32>clz(mag) - <i32>ctz(mag) <= precision; // mag ≠ 0
}

/** FCVT.D.S */
export function f32ToF64(a: u32): u64 {
  if ((a & ~F32_SIGN) <= F32_INF) return reinterpret<u64>(<f64>reinterpret<f32>(a));
  return f32ToF64Soft(a);
}

/** FCVT.S.D */
export function f64ToF32(a: u64, rm: u32): u32 {
  if (rm == RM_RNE) {
    const x = reinterpret<f64>(a);
    const n = <f32>x;
    const r = reinterpret<u32>(n);
    if ((r & ~F32_SIGN) - 0x00800001 < F32_INF - 0x00800001) {
      if (<f64>n != x) raiseFlags(FLAG_NX);
      return r;
    }
  }
  return f64ToF32Soft(a, rm);
}

/** x rounded to an integer-valued f64 per rm; NaN for RMM (no host operation: callers go soft). */
@inline function hostRound(x: f64, rm: u32): f64 {
  if (rm == RM_RNE) return nearest<f64>(x);
  if (rm == RM_RTZ) return trunc<f64>(x);
  if (rm == RM_RDN) return floor<f64>(x);
  if (rm == RM_RUP) return ceil<f64>(x);
  return NaN;
}

/** FCVT.W.D: the i32 result sign-extended. */
export function f64ToI32(a: u64, rm: u32): u64 {
  const x = reinterpret<f64>(a);
  const t = hostRound(x, rm);
  if (t >= -2147483648.0 && t <= 2147483647.0) {
    if (t != x) raiseFlags(FLAG_NX);
    return <u64><i64><i32>t;
  }
  return f64ToI32Soft(a, rm);
}
/** FCVT.WU.D: the u32 result sign-extended (as the instruction writes it). */
export function f64ToU32(a: u64, rm: u32): u64 {
  const x = reinterpret<f64>(a);
  const t = hostRound(x, rm);
  if (t >= 0 && t <= 4294967295.0) {
    if (t != x) raiseFlags(FLAG_NX);
    return <u64><i64><i32><u32>t;
  }
  return f64ToU32Soft(a, rm);
}
/** FCVT.L.D */
export function f64ToI64(a: u64, rm: u32): u64 {
  const x = reinterpret<f64>(a);
  const t = hostRound(x, rm);
  if (t >= -9223372036854775808.0 && t < 9223372036854775808.0) {
    if (t != x) raiseFlags(FLAG_NX);
    return <u64><i64>t;
  }
  return f64ToI64Soft(a, rm);
}
/** FCVT.LU.D */
export function f64ToU64(a: u64, rm: u32): u64 {
  const x = reinterpret<f64>(a);
  const t = hostRound(x, rm);
  if (t >= 0 && t < 18446744073709551616.0) {
    if (t != x) raiseFlags(FLAG_NX);
    return <u64>t;
  }
  return f64ToU64Soft(a, rm);
}
/** FCVT.W.S */
export function f32ToI32(a: u32, rm: u32): u64 {
  return (a & ~F32_SIGN) <= F32_INF ? f64ToI32(reinterpret<u64>(<f64>reinterpret<f32>(a)), rm) : f32ToI32Soft(a, rm);
}
/** FCVT.WU.S (sign-extended) */
export function f32ToU32(a: u32, rm: u32): u64 {
  return (a & ~F32_SIGN) <= F32_INF ? f64ToU32(reinterpret<u64>(<f64>reinterpret<f32>(a)), rm) : f32ToU32Soft(a, rm);
}
/** FCVT.L.S */
export function f32ToI64(a: u32, rm: u32): u64 {
  return (a & ~F32_SIGN) <= F32_INF ? f64ToI64(reinterpret<u64>(<f64>reinterpret<f32>(a)), rm) : f32ToI64Soft(a, rm);
}
/** FCVT.LU.S */
export function f32ToU64(a: u32, rm: u32): u64 {
  return (a & ~F32_SIGN) <= F32_INF ? f64ToU64(reinterpret<u64>(<f64>reinterpret<f32>(a)), rm) : f32ToU64Soft(a, rm);
}

/** FCVT.S.W (x = the register's low 32 bits as signed) */
export function f32FromI32(x: i32, rm: u32): u32 {
  if (x == 0 || fitsBits(<u64>(x < 0 ? -<i64>x : <i64>x), 24)) return reinterpret<u32>(<f32>x);
  return rm == RM_RNE ? f32FromRne(<f32>x) : f32FromI32Soft(x, rm);
}
/** FCVT.S.WU */
export function f32FromU32(x: u32, rm: u32): u32 {
  if (x == 0 || fitsBits(<u64>x, 24)) return reinterpret<u32>(<f32>x);
  return rm == RM_RNE ? f32FromRne(<f32>x) : f32FromU32Soft(x, rm);
}
/** FCVT.S.L */
export function f32FromI64(x: i64, rm: u32): u32 {
  if (x == 0 || fitsBits(<u64>(x < 0 ? -x : x), 24)) return reinterpret<u32>(<f32>x);
  return rm == RM_RNE ? f32FromRne(<f32>x) : f32FromI64Soft(x, rm);
}
/** FCVT.S.LU */
export function f32FromU64(x: u64, rm: u32): u32 {
  if (x == 0 || fitsBits(x, 24)) return reinterpret<u32>(<f32>x);
  return rm == RM_RNE ? f32FromRne(<f32>x) : f32FromU64Soft(x, rm);
}
/** FCVT.D.W (always exact) */
export function f64FromI32(x: i32, rm: u32): u64 {
  return reinterpret<u64>(<f64>x);
}
/** FCVT.D.WU (always exact) */
export function f64FromU32(x: u32, rm: u32): u64 {
  return reinterpret<u64>(<f64>x);
}
/** FCVT.D.L */
export function f64FromI64(x: i64, rm: u32): u64 {
  if (x == 0 || fitsBits(<u64>(x < 0 ? -x : x), 53)) return reinterpret<u64>(<f64>x);
  if (rm == RM_RNE) { raiseFlags(FLAG_NX); return reinterpret<u64>(<f64>x); }
  return f64FromI64Soft(x, rm);
}
/** FCVT.D.LU */
export function f64FromU64(x: u64, rm: u32): u64 {
  if (x == 0 || fitsBits(x, 53)) return reinterpret<u64>(<f64>x);
  if (rm == RM_RNE) { raiseFlags(FLAG_NX); return reinterpret<u64>(<f64>x); }
  return f64FromU64Soft(x, rm);
}

/** An inexact integer → f32 conversion done by the host (RNE). */
@inline function f32FromRne(n: f32): u32 {
  raiseFlags(FLAG_NX);
  return reinterpret<u32>(n);
}
