// Reference model of IEEE 754-2008 binary32/binary64 arithmetic as the RISC-V F and D extensions
// specify it, in exact BigInt rational arithmetic. Independent of assembly/fp: values are decoded
// to sign × integer × 2^exp, the exact result is computed as a fraction (or, for sqrt, an exact
// integer square root with its remainder), and rounded once. Used as the oracle for the
// AssemblyScript library's tests.
//
// RISC-V specifics modelled: canonical NaN results; NV for signalling NaN inputs (and for
// ∞ × 0 in fused multiply-add even with a quiet NaN addend); tininess after rounding, UF only
// when inexact; float → integer saturation per the spec's table with NV only; 32-bit integer
// results sign-extended to 64 bits; minimumNumber/maximumNumber for min/max with −0 < +0.

export interface Fmt {
  readonly p: number; // precision, hidden bit included
  readonly emax: number; // = bias
  readonly width: number; // 32 or 64
}
export const F32: Fmt = { p: 24, emax: 127, width: 32 };
export const F64: Fmt = { p: 53, emax: 1023, width: 64 };

export const NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;
export const RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;
export const ROUNDING_MODES = [RNE, RTZ, RDN, RUP, RMM] as const;

export interface Result {
  bits: bigint;
  flags: number;
}

type Decoded =
  | { kind: "nan"; signalling: boolean; sign: number }
  | { kind: "inf"; sign: number }
  | { kind: "fin"; sign: number; sig: bigint; exp: number }; // zero: sig = 0n

const expBits = (f: Fmt) => f.width - f.p;
export const signBit = (f: Fmt) => 1n << BigInt(f.width - 1);
export const infBits = (f: Fmt) => ((1n << BigInt(expBits(f))) - 1n) << BigInt(f.p - 1);
export const canonicalNaN = (f: Fmt) => infBits(f) | (1n << BigInt(f.p - 2));

export function decode(bits: bigint, f: Fmt): Decoded {
  const fracBits = BigInt(f.p - 1);
  const sign = Number((bits >> BigInt(f.width - 1)) & 1n);
  const e = Number((bits >> fracBits) & ((1n << BigInt(expBits(f))) - 1n));
  const frac = bits & ((1n << fracBits) - 1n);
  if (e === 2 * f.emax + 1) {
    if (frac === 0n) return { kind: "inf", sign };
    return { kind: "nan", sign, signalling: ((frac >> (fracBits - 1n)) & 1n) === 0n };
  }
  if (e === 0) return { kind: "fin", sign, sig: frac, exp: 1 - f.emax - (f.p - 1) };
  return { kind: "fin", sign, sig: frac | (1n << fracBits), exp: e - f.emax - (f.p - 1) };
}

export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Whether rounding the integer part I with remainder r/D up is right for the mode. */
function roundsUp(I: bigint, r: bigint, D: bigint, sign: number, rm: number): boolean {
  if (r === 0n) return false;
  const twice = 2n * r;
  switch (rm) {
    case RNE:
      return twice > D || (twice === D && (I & 1n) === 1n);
    case RTZ:
      return false;
    case RDN:
      return sign === 1;
    case RUP:
      return sign === 0;
    case RMM:
      return twice >= D;
  }
  throw new Error(`bad rm ${rm}`);
}

/** (num/den) / 2^q rounded to an integer per the mode, and whether that was inexact. */
function roundScaled(num: bigint, den: bigint, q: number, sign: number, rm: number): { M: bigint; inexact: boolean } {
  const N = q >= 0 ? num : num << BigInt(-q);
  const D = q >= 0 ? den << BigInt(q) : den;
  const I = N / D;
  const r = N % D;
  return { M: roundsUp(I, r, D, sign, rm) ? I + 1n : I, inexact: r !== 0n };
}

function overflowResult(sign: number, rm: number, f: Fmt): Result {
  const toInf = rm === RNE || rm === RMM || (rm === RUP && sign === 0) || (rm === RDN && sign === 1);
  const mag = toInf ? infBits(f) : infBits(f) - 1n;
  return { bits: (sign ? signBit(f) : 0n) | mag, flags: OF | NX };
}

function pack(sign: number, M: bigint, q: number, f: Fmt): bigint {
  const s = sign ? signBit(f) : 0n;
  if (M === 0n) return s;
  if (bitLength(M) === f.p + 1) {
    M >>= 1n;
    q += 1;
  }
  if (bitLength(M) < f.p) return s | M; // subnormal: q is emin − (p − 1)
  const biased = BigInt(q + f.p - 1 + f.emax);
  return s | (biased << BigInt(f.p - 1)) | (M - (1n << BigInt(f.p - 1)));
}

/** floor(log2(num/den)) for num, den > 0. */
function floorLog2(num: bigint, den: bigint): number {
  let E = bitLength(num) - bitLength(den);
  if (E >= 0 ? num < den << BigInt(E) : num << BigInt(-E) < den) E--;
  return E;
}

/** The exact nonzero value (−1)^sign × num/den rounded to the format. */
export function roundRational(sign: number, num: bigint, den: bigint, rm: number, f: Fmt): Result {
  const emin = 1 - f.emax;
  const E = floorLog2(num, den);
  const q = Math.max(E, emin) - (f.p - 1);
  const { M, inexact } = roundScaled(num, den, q, sign, rm);
  if (bitLength(M) - 1 + q >= f.emax + 1) return overflowResult(sign, rm, f);
  let tiny = false;
  if (E < emin) {
    const qu = E - (f.p - 1);
    const Mu = roundScaled(num, den, qu, sign, rm).M;
    tiny = bitLength(Mu) - 1 + qu < emin;
  }
  return { bits: pack(sign, M, q, f), flags: inexact ? NX | (tiny ? UF : 0) : 0 };
}

/** sign × n × 2^e (n ≥ 0 integer) rounded. */
function roundScaledInt(sign: number, n: bigint, e: number, rm: number, f: Fmt): Result {
  return e >= 0 ? roundRational(sign, n << BigInt(e), 1n, rm, f) : roundRational(sign, n, 1n << BigInt(-e), rm, f);
}

function nanResult(f: Fmt, ...ops: Decoded[]): Result {
  return { bits: canonicalNaN(f), flags: ops.some((d) => d.kind === "nan" && d.signalling) ? NV : 0 };
}

const invalid = (f: Fmt): Result => ({ bits: canonicalNaN(f), flags: NV });
const inf = (sign: number, f: Fmt): Result => ({ bits: (sign ? signBit(f) : 0n) | infBits(f), flags: 0 });
const zero = (sign: number, f: Fmt): Result => ({ bits: sign ? signBit(f) : 0n, flags: 0 });

/** Signed integer value of a finite decoded operand, and its exponent. */
const signed = (d: { sign: number; sig: bigint }) => (d.sign ? -d.sig : d.sig);

/** x + y exactly (x = nx·2^ex), rounded; zeroSign: the sign of an exact zero result. */
function roundSum(nx: bigint, ex: number, ny: bigint, ey: number, zeroSign: number, rm: number, f: Fmt): Result {
  const e = Math.min(ex, ey);
  const n = (nx << BigInt(ex - e)) + (ny << BigInt(ey - e));
  if (n === 0n) return zero(zeroSign, f);
  return roundScaledInt(n < 0n ? 1 : 0, n < 0n ? -n : n, e, rm, f);
}

export function add(a: bigint, b: bigint, rm: number, f: Fmt): Result {
  const x = decode(a, f), y = decode(b, f);
  if (x.kind === "nan" || y.kind === "nan") return nanResult(f, x, y);
  if (x.kind === "inf") return y.kind === "inf" && y.sign !== x.sign ? invalid(f) : inf(x.sign, f);
  if (y.kind === "inf") return inf(y.sign, f);
  const bothZero = x.sig === 0n && y.sig === 0n;
  const zeroSign = bothZero && x.sign === y.sign ? x.sign : rm === RDN ? 1 : 0;
  return roundSum(signed(x), x.exp, signed(y), y.exp, zeroSign, rm, f);
}

export const sub = (a: bigint, b: bigint, rm: number, f: Fmt) => add(a, b ^ signBit(f), rm, f);

export function mul(a: bigint, b: bigint, rm: number, f: Fmt): Result {
  const x = decode(a, f), y = decode(b, f);
  if (x.kind === "nan" || y.kind === "nan") return nanResult(f, x, y);
  const s = x.sign ^ y.sign;
  if (x.kind === "inf" || y.kind === "inf") {
    if ((x.kind === "fin" && x.sig === 0n) || (y.kind === "fin" && y.sig === 0n)) return invalid(f);
    return inf(s, f);
  }
  if (x.sig === 0n || y.sig === 0n) return zero(s, f);
  return roundScaledInt(s, x.sig * y.sig, x.exp + y.exp, rm, f);
}

export function div(a: bigint, b: bigint, rm: number, f: Fmt): Result {
  const x = decode(a, f), y = decode(b, f);
  if (x.kind === "nan" || y.kind === "nan") return nanResult(f, x, y);
  const s = x.sign ^ y.sign;
  if (x.kind === "inf") return y.kind === "inf" ? invalid(f) : inf(s, f);
  if (y.kind === "inf") return zero(s, f);
  if (y.sig === 0n) return x.sig === 0n ? invalid(f) : { bits: inf(s, f).bits, flags: DZ };
  if (x.sig === 0n) return zero(s, f);
  // x.sig·2^ex / (y.sig·2^ey)
  const e = x.exp - y.exp;
  const num = e >= 0 ? x.sig << BigInt(e) : x.sig;
  const den = e >= 0 ? y.sig : y.sig << BigInt(-e);
  return roundRational(s, num, den, rm, f);
}

export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function sqrt(a: bigint, rm: number, f: Fmt): Result {
  const x = decode(a, f);
  if (x.kind === "nan") return nanResult(f, x);
  if (x.kind === "inf") return x.sign ? invalid(f) : inf(0, f);
  if (x.sig === 0n) return zero(x.sign, f);
  if (x.sign) return invalid(f);
  // sqrt(v) with v = sig·2^exp: the root's leading bit is at floor(L/2), L = floor(log2 v). The
  // result is always normal (no overflow, no underflow in either format).
  const L = bitLength(x.sig) - 1 + x.exp;
  const q = Math.floor(L / 2) - (f.p - 1);
  const X = x.sig << BigInt(x.exp - 2 * q); // v / 4^q, an integer since exp − 2q ≥ 0 here
  const I = isqrt(X);
  const r = X - I * I;
  // sqrt(X) vs I + 1/2: 4X vs (2I + 1)^2 (never equal for an integer X)
  let up = false;
  if (r !== 0n) {
    const above = 4n * X > (2n * I + 1n) ** 2n;
    up = rm === RNE || rm === RMM ? above : rm === RUP;
  }
  const M = up ? I + 1n : I;
  return { bits: pack(0, M, q, f), flags: r !== 0n ? NX : 0 };
}

/** ±(a×b) ± c, one rounding. */
export function fused(a: bigint, b: bigint, c: bigint, rm: number, f: Fmt, negProduct: boolean, negAddend: boolean): Result {
  const x = decode(a, f), y = decode(b, f), z = decode(c, f);
  const isZero = (d: Decoded) => d.kind === "fin" && d.sig === 0n;
  const infTimesZero = (x.kind === "inf" && isZero(y)) || (isZero(x) && y.kind === "inf");
  if (x.kind === "nan" || y.kind === "nan" || z.kind === "nan") {
    const r = nanResult(f, x, y, z);
    return infTimesZero ? { bits: r.bits, flags: NV } : r;
  }
  if (infTimesZero) return invalid(f);
  const sp = x.sign ^ y.sign ^ (negProduct ? 1 : 0);
  const sc = z.sign ^ (negAddend ? 1 : 0);
  if (x.kind === "inf" || y.kind === "inf") return z.kind === "inf" && sc !== sp ? invalid(f) : inf(sp, f);
  if (z.kind === "inf") return inf(sc, f);
  if (x.kind !== "fin" || y.kind !== "fin") throw new Error("unreachable");
  const np = x.sig * y.sig;
  const bothZero = np === 0n && z.sig === 0n;
  const zeroSign = bothZero && sp === sc ? sp : rm === RDN ? 1 : 0;
  return roundSum(sp ? -np : np, x.exp + y.exp, sc ? -z.sig : z.sig, z.exp, zeroSign, rm, f);
}

// ---- conversions -------------------------------------------------------------------------------

export function convertFloat(a: bigint, rm: number, from: Fmt, to: Fmt): Result {
  const x = decode(a, from);
  if (x.kind === "nan") return nanResult(to, x);
  if (x.kind === "inf") return inf(x.sign, to);
  if (x.sig === 0n) return zero(x.sign, to);
  return roundScaledInt(x.sign, x.sig, x.exp, rm, to);
}

export type IntKind = "i32" | "u32" | "i64" | "u64";
const INT_RANGE: Record<IntKind, [bigint, bigint]> = {
  i32: [-(1n << 31n), (1n << 31n) - 1n],
  u32: [0n, (1n << 32n) - 1n],
  i64: [-(1n << 63n), (1n << 63n) - 1n],
  u64: [0n, (1n << 64n) - 1n],
};

/** The register value a 32- or 64-bit integer result is written as (32-bit ones sign-extended). */
function registerValue(v: bigint, kind: IntKind): bigint {
  return kind === "i32" || kind === "u32" ? BigInt.asUintN(64, BigInt.asIntN(32, v)) : BigInt.asUintN(64, v);
}

export function floatToInt(a: bigint, rm: number, from: Fmt, kind: IntKind): Result {
  const [lo, hi] = INT_RANGE[kind];
  const x = decode(a, from);
  const saturate = (sign: number): Result => ({ bits: registerValue(sign ? lo : hi, kind), flags: NV });
  if (x.kind === "nan") return saturate(0);
  if (x.kind === "inf") return saturate(x.sign);
  let I: bigint, inexact: boolean;
  if (x.exp >= 0) {
    I = x.sig << BigInt(x.exp);
    inexact = false;
  } else {
    const D = 1n << BigInt(-x.exp);
    const q = x.sig / D, r = x.sig % D;
    I = roundsUp(q, r, D, x.sign, rm) ? q + 1n : q;
    inexact = r !== 0n;
  }
  const v = x.sign ? -I : I;
  if (v < lo || v > hi) return saturate(x.sign);
  return { bits: registerValue(v, kind), flags: inexact ? NX : 0 };
}

/** Integer (as a mathematical value) to float. */
export function intToFloat(v: bigint, rm: number, to: Fmt): Result {
  if (v === 0n) return zero(0, to);
  return roundScaledInt(v < 0n ? 1 : 0, v < 0n ? -v : v, 0, rm, to);
}

// ---- comparisons, min/max, classify ------------------------------------------------------------

const buf = new DataView(new ArrayBuffer(8));
/** The value as a JS number (exact for both formats). */
export function toNumber(bits: bigint, f: Fmt): number {
  if (f.width === 64) {
    buf.setBigUint64(0, bits);
    return buf.getFloat64(0);
  }
  buf.setUint32(0, Number(bits));
  return buf.getFloat32(0);
}

export function compare(op: "eq" | "lt" | "le", a: bigint, b: bigint, f: Fmt): Result {
  const x = decode(a, f), y = decode(b, f);
  if (x.kind === "nan" || y.kind === "nan") {
    const signalling = (x.kind === "nan" && x.signalling) || (y.kind === "nan" && y.signalling);
    return { bits: 0n, flags: op === "eq" ? (signalling ? NV : 0) : NV };
  }
  const u = toNumber(a, f), v = toNumber(b, f);
  const r = op === "eq" ? u === v : op === "lt" ? u < v : u <= v;
  return { bits: r ? 1n : 0n, flags: 0 };
}

export function minMax(op: "min" | "max", a: bigint, b: bigint, f: Fmt): Result {
  const x = decode(a, f), y = decode(b, f);
  const flags = (x.kind === "nan" && x.signalling) || (y.kind === "nan" && y.signalling) ? NV : 0;
  if (x.kind === "nan" && y.kind === "nan") return { bits: canonicalNaN(f), flags };
  if (x.kind === "nan") return { bits: b, flags };
  if (y.kind === "nan") return { bits: a, flags };
  const u = toNumber(a, f), v = toNumber(b, f);
  let pickA: boolean;
  if (u === v) pickA = op === "min" ? x.sign === 1 : x.sign === 0; // ±0: −0 is the smaller
  else pickA = op === "min" ? u < v : u > v;
  return { bits: pickA ? a : b, flags };
}

export function classify(a: bigint, f: Fmt): number {
  const x = decode(a, f);
  if (x.kind === "nan") return x.signalling ? 1 << 8 : 1 << 9;
  if (x.kind === "inf") return x.sign ? 1 << 0 : 1 << 7;
  if (x.sig === 0n) return x.sign ? 1 << 3 : 1 << 4;
  const subnormal = x.sig < 1n << BigInt(f.p - 1);
  if (subnormal) return x.sign ? 1 << 2 : 1 << 5;
  return x.sign ? 1 << 1 : 1 << 6;
}
