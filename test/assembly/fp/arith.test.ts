// Arithmetic (+ − × ÷ √ and the four fused multiply-adds) of assembly/fp against the exact
// BigInt oracle: special operands pairwise in all five rounding modes, then seeded random
// operands (FP_SEED reproduces, FP_LONG=1 runs the large count).

import { beforeAll, describe, expect, it, vi } from "vitest";
import { type FpExports, loadFp } from "../../helpers/fp-build.js";
import { Checker, type OpSpec } from "../../helpers/fp-check.js";
import { F32, F64, RANDOM_CASES, Rng, SEED, expField, fewSpecials, randomFloat, specials } from "../../helpers/fp-cases.js";
import { TEST_TIMEOUT } from "../../helpers/fp-cases.js";

vi.setConfig({ testTimeout: TEST_TIMEOUT });
import * as O from "../../helpers/fp-oracle.js";

let fp: FpExports;
beforeAll(async () => {
  fp = await loadFp();
}, 120_000);

for (const [fmtName, f] of [["f32", F32], ["f64", F64]] as const) {
  const ty = fmtName;
  const bin = (name: string, oracle: (a: bigint, b: bigint, rm: number, f: O.Fmt) => O.Result): OpSpec => ({
    name: fmtName + name,
    args: [ty, ty],
    rm: true,
    ret: ty,
    oracle: ([a, b], rm) => oracle(a!, b!, rm, f),
  });
  const fusedOp = (name: string, negP: boolean, negC: boolean): OpSpec => ({
    name: fmtName + name,
    args: [ty, ty, ty],
    rm: true,
    ret: ty,
    oracle: ([a, b, c], rm) => O.fused(a!, b!, c!, rm, f, negP, negC),
  });
  const binaries = [bin("Add", O.add), bin("Sub", O.sub), bin("Mul", O.mul), bin("Div", O.div)];
  const sqrtOp: OpSpec = { name: fmtName + "Sqrt", args: [ty], rm: true, ret: ty, oracle: ([a], rm) => O.sqrt(a!, rm, f) };
  const fusedOps = [fusedOp("MulAdd", false, false), fusedOp("MulSub", false, true), fusedOp("NegMulSub", true, false), fusedOp("NegMulAdd", true, true)];

  describe(`${fmtName} arithmetic`, () => {
    for (const op of binaries) {
      it(`${op.name}: special operands pairwise, all rounding modes`, () => {
        const c = new Checker(fp);
        const xs = specials(f);
        for (const a of xs) for (const b of xs) for (const rm of O.ROUNDING_MODES) c.check(op, [a, b], rm);
        expect(c.report()).toBe("");
      });
      it(`${op.name}: ${RANDOM_CASES} random operands`, () => {
        const c = new Checker(fp);
        const r = new Rng(SEED, op.name);
        for (let i = 0; i < RANDOM_CASES; i++) {
          const a = randomFloat(r, f);
          // add/sub: often equal or adjacent exponents; mul/div: anything
          const b = randomFloat(r, f, expField(a, f));
          c.check(op, [a, b], r.int(5));
          if (c.failures.length >= 20) break;
        }
        expect(c.report()).toBe("");
      });
    }

    it(`${sqrtOp.name}: special and random operands, all rounding modes`, () => {
      const c = new Checker(fp);
      for (const a of specials(f)) for (const rm of O.ROUNDING_MODES) c.check(sqrtOp, [a], rm);
      const r = new Rng(SEED, sqrtOp.name);
      for (let i = 0; i < RANDOM_CASES && c.failures.length < 20; i++) {
        const a = randomFloat(r, f);
        c.check(sqrtOp, [r.int(4) ? a & ~O.signBit(f) : a], r.int(5));
      }
      expect(c.report()).toBe("");
    });

    for (const op of fusedOps) {
      it(`${op.name}: special operands (three-way) and random operands`, () => {
        const c = new Checker(fp);
        const xs = fewSpecials(f);
        for (const a of xs) for (const b of xs) for (const z of xs) for (const rm of O.ROUNDING_MODES) c.check(op, [a, b, z], rm);
        const r = new Rng(SEED, op.name);
        for (let i = 0; i < RANDOM_CASES && c.failures.length < 20; i++) {
          const a = randomFloat(r, f);
          const b = randomFloat(r, f);
          // the addend near the product's exponent, where cancellation and ties happen
          const pe = expField(a, f) + expField(b, f) - f.emax;
          const z = randomFloat(r, f, Math.max(0, Math.min(2 * f.emax, pe)));
          c.check(op, [a, b, z], r.int(5));
        }
        expect(c.report()).toBe("");
      });
    }
  });
}
