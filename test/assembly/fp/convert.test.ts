// Conversions of assembly/fp (FCVT.* between formats and to/from integers, NaN boxing) against
// the BigInt oracle: special operands in all rounding modes, then seeded random operands biased
// toward the integer boundaries (FP_SEED reproduces, FP_LONG=1 runs the large count).

import { beforeAll, describe, expect, it, vi } from "vitest";
import { type FpExports, loadFp } from "../../helpers/fp-build.js";
import { Checker, type OpSpec, type Ty } from "../../helpers/fp-check.js";
import { F32, F64, RANDOM_CASES, Rng, SEED, bitsOf, intSpecials, randomFloat, randomForIntConversion, randomInt, specials } from "../../helpers/fp-cases.js";
import { TEST_TIMEOUT } from "../../helpers/fp-cases.js";

vi.setConfig({ testTimeout: TEST_TIMEOUT });
import * as O from "../../helpers/fp-oracle.js";

let fp: FpExports;
beforeAll(async () => {
  fp = await loadFp();
}, 120_000);

const fmts = { f32: F32, f64: F64 } as const;

describe("float ↔ float", () => {
  const ops: [OpSpec, O.Fmt][] = [
    [{ name: "f32ToF64", args: ["f32"], rm: false, ret: "f64", oracle: ([a]) => O.convertFloat(a!, O.RNE, F32, F64) }, F32],
    [{ name: "f64ToF32", args: ["f64"], rm: true, ret: "f32", oracle: ([a], rm) => O.convertFloat(a!, rm, F64, F32) }, F64],
  ];
  for (const [op, from] of ops) {
    it(`${op.name}: special and random operands`, () => {
      const c = new Checker(fp);
      for (const a of specials(from)) for (const rm of O.ROUNDING_MODES) c.check(op, [a], rm);
      const r = new Rng(SEED, op.name);
      for (let i = 0; i < RANDOM_CASES && c.failures.length < 20; i++) {
        let a = randomFloat(r, from);
        // f64 operands in and around f32's range (normal, subnormal, overflow)
        if (from === F64 && r.int(3) > 0) a = (a & ~(0x7ffn << 52n)) | (BigInt(1023 - 152 + r.int(284)) << 52n);
        c.check(op, [a], r.int(5));
      }
      expect(c.report()).toBe("");
    });
  }
});

describe("float → integer", () => {
  for (const [fname, f] of Object.entries(fmts)) {
    for (const kind of ["i32", "u32", "i64", "u64"] as const) {
      const name = `${fname}To${kind.toUpperCase()}`;
      const op: OpSpec = { name, args: [fname as Ty], rm: true, ret: "u64", oracle: ([a], rm) => O.floatToInt(a!, rm, f, kind) };
      it(`${name}: special and random operands`, () => {
        const c = new Checker(fp);
        const extra = [2 ** 31 - 0.5, -(2 ** 31) - 0.5, -(2 ** 31) - 1, 2 ** 32 - 1, 2 ** 32 - 0.5, -(2 ** 63), -(2 ** 63) - 2048, 2 ** 63 - 1024, -0.5, -0.25, 0.25, 1.5, 2.5, -1.5, 4294967295.5].map((x) => bitsOf(x, f));
        for (const a of [...specials(f), ...extra]) for (const rm of O.ROUNDING_MODES) c.check(op, [a], rm);
        const r = new Rng(SEED, name);
        for (let i = 0; i < RANDOM_CASES && c.failures.length < 20; i++) c.check(op, [randomForIntConversion(r, f)], r.int(5));
        expect(c.report()).toBe("");
      });
    }
  }
});

describe("integer → float", () => {
  for (const [fname, f] of Object.entries(fmts)) {
    for (const kind of ["i32", "u32", "i64", "u64"] as const) {
      const name = `${fname}From${kind.toUpperCase()}`;
      const width = kind.endsWith("32") ? 32 : 64;
      const signed = kind.startsWith("i");
      const value = (x: bigint) => (signed ? BigInt.asIntN(width, x) : BigInt.asUintN(width, x));
      const op: OpSpec = { name, args: [kind], rm: true, ret: fname as Ty, oracle: ([x], rm) => O.intToFloat(value(x!), rm, f) };
      it(`${name}: special and random integers`, () => {
        const c = new Checker(fp);
        for (const x of intSpecials(width)) for (const rm of O.ROUNDING_MODES) c.check(op, [x], rm);
        const r = new Rng(SEED, name);
        for (let i = 0; i < RANDOM_CASES && c.failures.length < 20; i++) {
          let x = randomInt(r, width);
          if (signed && r.int(2)) x = BigInt.asUintN(width, -x);
          c.check(op, [x], r.int(5));
        }
        expect(c.report()).toBe("");
      });
    }
  }
});

describe("NaN boxing", () => {
  it("unboxF32 accepts only all-ones upper halves; boxF32 sets them", () => {
    const unbox = (x: bigint) => (fp.unboxF32!(BigInt.asIntN(64, x)) as number) >>> 0;
    expect(unbox(0xffffffff_3f800000n)).toBe(0x3f800000);
    expect(unbox(0xffffffff_7f800001n)).toBe(0x7f800001); // a boxed sNaN stays itself
    expect(unbox(0x7fffffff_3f800000n)).toBe(0x7fc00000);
    expect(unbox(0x00000000_3f800000n)).toBe(0x7fc00000);
    expect(unbox(0xfffffffe_00000000n)).toBe(0x7fc00000);
    expect(BigInt.asUintN(64, fp.boxF32!(0x80000000) as bigint)).toBe(0xffffffff_80000000n);
    expect(BigInt.asUintN(64, fp.boxF32!(0x3f800000) as bigint)).toBe(0xffffffff_3f800000n);
  });
});
