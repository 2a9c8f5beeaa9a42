// Integer helpers for the soft paths: shifts that keep shifted-out bits visible ("jamming": any
// nonzero bit shifted out is ORed into bit 0, which is enough for correct rounding as long as bit
// 0 lies below the round bit — every caller keeps at least two bits below the round position),
// and 128-bit arithmetic built from u64 halves (WebAssembly has no 64×64→128 multiply).
//
// 128-bit results are returned as the low half; the high half is left in `wideHi` (a global, so
// no memory or managed objects are involved).

export let wideHi: u64 = 0;
/** compress128's scale: the value is the returned word × 2^wideShift. */
export let wideShift: i32 = 0;

/** x >> n with the shifted-out bits jammed into bit 0; n ≥ 0. */
@inline export function shiftRightJam64(x: u64, n: i32): u64 {
  if (n == 0) return x;
  if (n >= 64) return x != 0 ? 1 : 0;
  return (x >> n) | ((x << (64 - n)) != 0 ? 1 : 0);
}

/** a × b, full 128 bits (four 32×32→64 partial products). */
export function mul128(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff, aHi = a >> 32;
  const bLo = b & 0xffffffff, bHi = b >> 32;
  const ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
  const mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  wideHi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return (mid << 32) | (ll & 0xffffffff);
}

/** clz of the 128-bit hi:lo. */
@inline export function clz128(hi: u64, lo: u64): i32 {
  return hi != 0 ? <i32>clz(hi) : 64 + <i32>clz(lo);
}

/** hi:lo << n, 0 ≤ n < 128. */
export function shl128(hi: u64, lo: u64, n: i32): u64 {
  if (n == 0) { wideHi = hi; return lo; }
  if (n < 64) { wideHi = (hi << n) | (lo >> (64 - n)); return lo << n; }
  wideHi = lo << (n - 64);
  return 0;
}

/** hi:lo >> n with jamming, n ≥ 0. */
export function shrJam128(hi: u64, lo: u64, n: i32): u64 {
  if (n == 0) { wideHi = hi; return lo; }
  if (n < 64) {
    const jam: u64 = (lo << (64 - n)) != 0 ? 1 : 0;
    wideHi = hi >> n;
    return (lo >> n) | (hi << (64 - n)) | jam;
  }
  wideHi = 0;
  if (n == 64) return hi | (lo != 0 ? 1 : 0);
  if (n < 128) return (hi >> (n - 64)) | (lo != 0 || (hi << (128 - n)) != 0 ? 1 : 0);
  return (hi | lo) != 0 ? 1 : 0;
}

/**
 * The top 64 significant bits of a nonzero hi:lo, with the rest jammed into bit 0; sets
 * wideShift so that hi:lo ≈ result × 2^wideShift (exactly, up to the jammed bit).
 */
export function compress128(hi: u64, lo: u64): u64 {
  if (hi == 0) { wideShift = 0; return lo; }
  const lz = <i32>clz(hi);
  wideShift = 64 - lz;
  if (lz == 0) return hi | (lo != 0 ? 1 : 0);
  return (hi << lz) | (lo >> (64 - lz)) | ((lo << lz) != 0 ? 1 : 0);
}
