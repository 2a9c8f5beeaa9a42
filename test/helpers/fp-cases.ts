// Operands for the float library's tests: hand-picked special values per format, and a seeded
// generator of random bit patterns biased toward the places where rounding goes wrong (subnormals,
// the overflow threshold, equal or adjacent exponents, significands at or next to halfway points,
// integer conversion boundaries).

import { F32, F64, type Fmt, bitLength } from "./fp-oracle.js";

/** Seed for this run: FP_SEED reproduces a failure. */
export const SEED = process.env.FP_SEED !== undefined ? Number(process.env.FP_SEED) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
/** Random cases per operation: FP_LONG=1 runs the big count. */
export const RANDOM_CASES = process.env.FP_LONG ? Number(process.env.FP_LONG_CASES ?? 250_000) : Number(process.env.FP_CASES ?? 20_000);

/** Small fast PRNG (mulberry32), one stream per test so adding tests does not shift others. */
export class Rng {
  private s: number;
  constructor(seed: number, stream: string) {
    let h = seed >>> 0;
    for (const ch of stream) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1) >>> 0;
    this.s = h;
  }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  bits(n: number): bigint {
    let v = 0n;
    for (let got = 0; got < n; got += 32) v = (v << 32n) | BigInt(this.u32());
    return v & ((1n << BigInt(n)) - 1n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

const frac = (f: Fmt) => BigInt(f.p - 1);
const maxExpField = (f: Fmt) => 2 * f.emax + 1;
export const makeBits = (f: Fmt, sign: number, expField: number, fraction: bigint): bigint =>
  (BigInt(sign) << BigInt(f.width - 1)) | (BigInt(expField) << frac(f)) | (fraction & ((1n << frac(f)) - 1n));

/** The bit pattern of a JS number in the format (rounded by the host, only for exact constants). */
export function bitsOf(x: number, f: Fmt): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  if (f.width === 64) {
    dv.setFloat64(0, x);
    return dv.getBigUint64(0);
  }
  dv.setFloat32(0, x);
  return BigInt(dv.getUint32(0));
}

/** Special operands: zeros, subnormal and normal extremes, infinities, NaNs with payloads, ties, conversion boundaries. */
export function specials(f: Fmt): bigint[] {
  const q = 1n << (frac(f) - 1n); // quiet bit
  const top = maxExpField(f);
  const one = f.emax;
  const mags: bigint[] = [
    0n,
    1n, // min subnormal
    (1n << frac(f)) - 1n, // max subnormal
    makeBits(f, 0, 1, 0n), // min normal
    makeBits(f, 0, 1, 1n),
    makeBits(f, 0, one, 0n), // 1
    makeBits(f, 0, one, 1n), // 1 + ulp
    makeBits(f, 0, one - 1, (1n << frac(f)) - 1n), // 1 − ulp/2
    makeBits(f, 0, one, 1n << (frac(f) - 1n)), // 1.5
    makeBits(f, 0, one + 1, 1n << (frac(f) - 2n)), // 2.5
    makeBits(f, 0, one - 1, 0n), // 0.5
    makeBits(f, 0, top - 1, (1n << frac(f)) - 1n), // max finite
    makeBits(f, 0, top - 1, 0n),
    makeBits(f, 0, top, 0n), // inf
    bitsOf(2 ** 31, f),
    bitsOf(2 ** 31 - 0.5, f),
    bitsOf(2 ** 31 + 1, f),
    bitsOf(2 ** 32, f),
    bitsOf(2 ** 32 - 0.5, f),
    bitsOf(2 ** 63, f),
    bitsOf(2 ** 64, f),
    bitsOf(2 ** 31 - 1, f),
    bitsOf(2 ** 53 + 2, f),
    bitsOf(Math.SQRT2, f),
    bitsOf(3, f),
  ];
  const out: bigint[] = [];
  for (const m of mags) out.push(m, m | (1n << BigInt(f.width - 1)));
  const nanBase = makeBits(f, 0, top, 0n);
  out.push(nanBase | q, nanBase | q | 1n, nanBase | 1n, nanBase | (q - 1n), makeBits(f, 1, top, q), makeBits(f, 1, top, 5n));
  return [...new Set(out)];
}

/** A smaller set for three-operand operations. */
export function fewSpecials(f: Fmt): bigint[] {
  const all = specials(f);
  const top = maxExpField(f);
  const keep = [0n, 1n, makeBits(f, 0, 1, 0n), makeBits(f, 0, f.emax, 0n), makeBits(f, 0, f.emax, 1n), makeBits(f, 0, top - 1, (1n << frac(f)) - 1n), makeBits(f, 0, top, 0n)];
  const out: bigint[] = [];
  for (const m of keep) out.push(m, m | (1n << BigInt(f.width - 1)));
  out.push(all.at(-6)!, all.at(-4)!); // a quiet and a signalling NaN
  return out;
}

/** A random significand (fraction field) with a structure that stresses rounding. */
function randomFraction(r: Rng, f: Fmt): bigint {
  const n = f.p - 1;
  switch (r.int(5)) {
    case 0:
    case 1:
      return r.bits(n);
    case 2: {
      // few significant bits (exact results are likely)
      const k = r.int(n + 1);
      return (r.bits(n) >> BigInt(k)) << BigInt(k);
    }
    case 3: {
      // a run of ones at the bottom (carries propagate)
      const k = r.int(n + 1);
      return r.bits(n) | ((1n << BigInt(k)) - 1n);
    }
    default: {
      // a one followed by zeros (halfway patterns once shifted)
      const k = r.int(n);
      return ((r.bits(n) >> BigInt(k + 1)) << BigInt(k + 1)) | (1n << BigInt(k));
    }
  }
}

const clampExp = (e: number, f: Fmt) => Math.max(0, Math.min(maxExpField(f) - 1, e));

/** A random operand; `nearExp` biases the exponent field toward a given one. */
export function randomFloat(r: Rng, f: Fmt, nearExp?: number): bigint {
  const top = maxExpField(f);
  let e: number;
  switch (r.int(12)) {
    case 0:
      return r.pick(specials(f));
    case 1:
      e = 0;
      break;
    case 2:
      e = 1 + r.int(f.p + 2);
      break;
    case 3:
      e = top - 1 - r.int(f.p + 2);
      break;
    case 4:
    case 5:
      e = f.emax - 40 + r.int(81);
      break;
    case 6:
    case 7:
    case 8:
      e = nearExp !== undefined ? clampExp(nearExp - 3 + r.int(7), f) : r.int(top);
      break;
    case 9:
      e = nearExp !== undefined ? nearExp : r.int(top);
      break;
    default:
      e = r.int(top);
  }
  return makeBits(f, r.int(2), e, randomFraction(r, f));
}

export const expField = (bits: bigint, f: Fmt): number => Number((bits >> frac(f)) & BigInt(maxExpField(f)));

/** Operands near the integer conversion boundaries and small values with halfway fractions. */
export function randomForIntConversion(r: Rng, f: Fmt): bigint {
  if (r.int(4) === 0) return randomFloat(r, f);
  const unbiased = r.pick([-2, -1, 0, 1, 2, 3, 20, 29, 30, 31, 32, 33, 52, 53, 62, 63, 64, 65]);
  return makeBits(f, r.int(2), clampExp(f.emax + unbiased, f), randomFraction(r, f));
}

/** Random integers of a given width (as unsigned bit patterns): any length, halfway-prone bit patterns. */
export function randomInt(r: Rng, width: 32 | 64): bigint {
  const len = 1 + r.int(width);
  let v = r.bits(len);
  if (r.int(2)) {
    // keep p+1 or so leading bits and a single sticky bit, to hit ties
    const k = r.int(len + 1);
    v = (v >> BigInt(k)) << BigInt(k);
    if (r.int(2) && k > 0) v |= 1n << BigInt(r.int(k));
  }
  return v;
}

export const intSpecials = (width: 32 | 64): bigint[] => {
  const xs = [0n, 1n, 2n, 3n, (1n << 24n) - 1n, 1n << 24n, (1n << 24n) + 1n, (1n << 25n) + 3n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, (1n << 54n) + 2n, (1n << 31n) - 1n, 1n << 31n, (1n << 32n) - 1n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n, (1n << 64n) - (1n << 39n)];
  const mask = (1n << BigInt(width)) - 1n;
  return [...new Set(xs.flatMap((x) => [x & mask, -x & mask]))];
};

export { F32, F64, bitLength };

/** Per-test timeout: the long random runs take minutes. */
export const TEST_TIMEOUT = process.env.FP_LONG ? 900_000 : 60_000;
