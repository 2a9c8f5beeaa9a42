// The high halves of 64×64-bit products (M extension): WebAssembly has no 128-bit multiply,
// so the product is assembled from four 32×32→64 partial products.

export function mulhu(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff, aHi = a >> 32;
  const bLo = b & 0xffffffff, bHi = b >> 32;
  const lo = aLo * bLo;
  const mid1 = aHi * bLo;
  const mid2 = aLo * bHi;
  const carry = ((lo >> 32) + (mid1 & 0xffffffff) + (mid2 & 0xffffffff)) >> 32;
  return aHi * bHi + (mid1 >> 32) + (mid2 >> 32) + carry;
}

/** Signed × signed: the unsigned product corrected by each negative operand's weight. */
export function mulh(a: u64, b: u64): u64 {
  let hi = mulhu(a, b);
  if (<i64>a < 0) hi -= b;
  if (<i64>b < 0) hi -= a;
  return hi;
}

/** Signed a × unsigned b. */
export function mulhsu(a: u64, b: u64): u64 {
  let hi = mulhu(a, b);
  if (<i64>a < 0) hi -= b;
  return hi;
}
