// The oracle checked against independent references before it judges the library: JS doubles
// (IEEE binary64, RNE) must agree bit for bit on + − × ÷ √ for random f64 operands, Math.fround
// on f64 → f32, and a few hand-computed cases cover what JS cannot show (flags, other modes).

import { describe, expect, it, vi } from "vitest";
import { F32, F64, RANDOM_CASES, Rng, SEED, bitsOf, expField, makeBits, randomFloat } from "../../helpers/fp-cases.js";
import { TEST_TIMEOUT } from "../../helpers/fp-cases.js";

vi.setConfig({ testTimeout: TEST_TIMEOUT });
import * as O from "../../helpers/fp-oracle.js";

const num = (b: bigint) => O.toNumber(b, F64);

describe("fp oracle", () => {
  it(`agrees with JS doubles on f64 RNE + − × ÷ √ (${Math.min(RANDOM_CASES, 20000)} random operands, FP_SEED=${SEED})`, () => {
    const r = new Rng(SEED, "oracle");
    const bad: string[] = [];
    for (let i = 0; i < Math.min(RANDOM_CASES, 20000) && bad.length < 10; i++) {
      const a = randomFloat(r, F64), b = randomFloat(r, F64, expField(a, F64));
      const x = num(a), y = num(b);
      const pairs: [string, O.Result, number][] = [
        ["add", O.add(a, b, O.RNE, F64), x + y],
        ["sub", O.sub(a, b, O.RNE, F64), x - y],
        ["mul", O.mul(a, b, O.RNE, F64), x * y],
        ["div", O.div(a, b, O.RNE, F64), x / y],
        ["sqrt", O.sqrt(a, O.RNE, F64), Math.sqrt(x)],
        ["f32", O.convertFloat(a, O.RNE, F64, F32), Math.fround(x)],
      ];
      for (const [name, got, js] of pairs) {
        const fmt = name === "f32" ? F32 : F64;
        const want = bitsOf(js, fmt);
        const same = Number.isNaN(js) ? got.bits === O.canonicalNaN(fmt) : got.bits === want;
        if (!same) bad.push(`${name}(0x${a.toString(16)}, 0x${b.toString(16)}): oracle 0x${got.bits.toString(16)}, JS 0x${want.toString(16)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("hand-computed flags and directed rounding", () => {
    const one = bitsOf(1, F32), tiny = 1n;
    // 1 + 2^-149: inexact; rounds up only in RUP
    expect(O.add(one, tiny, O.RNE, F32)).toEqual({ bits: one, flags: O.NX });
    expect(O.add(one, tiny, O.RUP, F32)).toEqual({ bits: one + 1n, flags: O.NX });
    expect(O.add(one, tiny | O.signBit(F32), O.RTZ, F32)).toEqual({ bits: bitsOf(1 - 2 ** -24, F32), flags: O.NX });
    // max × 2: overflow to inf (RNE) or max (RTZ)
    const max = makeBits(F32, 0, 254, (1n << 23n) - 1n);
    expect(O.mul(max, bitsOf(2, F32), O.RNE, F32)).toEqual({ bits: 0x7f800000n, flags: O.OF | O.NX });
    expect(O.mul(max, bitsOf(2, F32), O.RTZ, F32)).toEqual({ bits: max, flags: O.OF | O.NX });
    // (1 + 2^-23) × max subnormal = 2^-126 (1 − 2^-46): at 24 bits with an unbounded exponent it
    // rounds (RNE) to 2^-126, so it is not tiny after rounding: NX only …
    const maxSub = (1n << 23n) - 1n, minN = 1n << 23n;
    expect(O.mul(bitsOf(1 + 2 ** -23, F32), maxSub, O.RNE, F32)).toEqual({ bits: minN, flags: O.NX });
    // … in RTZ it stays below 2^-126: tiny and inexact
    expect(O.mul(bitsOf(1 + 2 ** -23, F32), maxSub, O.RTZ, F32)).toEqual({ bits: maxSub, flags: O.NX | O.UF });
    // min normal × (1 − 2^-24) is exact at 24 bits, so tiny; the subnormal rounding ties up to 2^-126: UF
    expect(O.mul(minN, bitsOf(1 - 2 ** -24, F32), O.RNE, F32)).toEqual({ bits: minN, flags: O.NX | O.UF });
    // exact subnormal result: no UF
    expect(O.mul(minN, bitsOf(0.5, F32), O.RNE, F32)).toEqual({ bits: 1n << 22n, flags: 0 });
    // 1/0: DZ; 0/0: NV, canonical NaN
    expect(O.div(one, 0n, O.RNE, F32)).toEqual({ bits: 0x7f800000n, flags: O.DZ });
    expect(O.div(0n, 0n, O.RNE, F32)).toEqual({ bits: 0x7fc00000n, flags: O.NV });
    // x − x = −0 only in RDN
    expect(O.sub(one, one, O.RDN, F32).bits).toBe(0x80000000n);
    expect(O.sub(one, one, O.RUP, F32).bits).toBe(0n);
    // fma: inf × 0 + qNaN raises NV
    expect(O.fused(0x7f800000n, 0n, 0x7fc00000n, O.RNE, F32, false, false)).toEqual({ bits: 0x7fc00000n, flags: O.NV });
    // conversions: NaN → max, −1.5 → RMM −2, fcvt.wu of −0.5 RTZ = 0 with NX, of −1 = 0 with NV
    expect(O.floatToInt(0x7fc00000n, O.RNE, F32, "i32")).toEqual({ bits: 0x7fffffffn, flags: O.NV });
    expect(O.floatToInt(0x7fc00000n, O.RNE, F32, "u32")).toEqual({ bits: 0xffffffffffffffffn, flags: O.NV });
    expect(O.floatToInt(bitsOf(-1.5, F64), O.RMM, F64, "i64")).toEqual({ bits: BigInt.asUintN(64, -2n), flags: O.NX });
    expect(O.floatToInt(bitsOf(-0.5, F64), O.RTZ, F64, "u32")).toEqual({ bits: 0n, flags: O.NX });
    expect(O.floatToInt(bitsOf(-1, F64), O.RTZ, F64, "u32")).toEqual({ bits: 0n, flags: O.NV });
    expect(O.floatToInt(bitsOf(2 ** 31, F64), O.RTZ, F64, "u32")).toEqual({ bits: 0xffffffff80000000n, flags: 0 });
    expect(O.floatToInt(bitsOf(2 ** 31 - 0.5, F64), O.RNE, F64, "i32")).toEqual({ bits: 0x7fffffffn, flags: O.NV });
    // int → float tie: 2^24 + 1 → 2^24 (RNE), 2^24 + 2 (RMM)
    expect(O.intToFloat((1n << 24n) + 1n, O.RNE, F32)).toEqual({ bits: bitsOf(2 ** 24, F32), flags: O.NX });
    expect(O.intToFloat((1n << 24n) + 1n, O.RMM, F32)).toEqual({ bits: bitsOf(2 ** 24 + 2, F32), flags: O.NX });
  });
});
