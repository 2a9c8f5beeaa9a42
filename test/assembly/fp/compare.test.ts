// Comparisons, min/max, FCLASS and sign injection of assembly/fp against the oracle: all pairs
// of special operands, then seeded random pairs (often equal or adjacent values).

import { beforeAll, describe, expect, it, vi } from "vitest";
import { type FpExports, loadFp } from "../../helpers/fp-build.js";
import { Checker, type OpSpec } from "../../helpers/fp-check.js";
import { F32, F64, RANDOM_CASES, Rng, SEED, expField, randomFloat, specials } from "../../helpers/fp-cases.js";
import { TEST_TIMEOUT } from "../../helpers/fp-cases.js";

vi.setConfig({ testTimeout: TEST_TIMEOUT });
import * as O from "../../helpers/fp-oracle.js";

let fp: FpExports;
beforeAll(async () => {
  fp = await loadFp();
}, 120_000);

for (const [fname, f] of [["f32", F32], ["f64", F64]] as const) {
  const S = O.signBit(f);
  const ops: OpSpec[] = [
    ...(["eq", "lt", "le"] as const).map((k): OpSpec => ({
      name: fname + k[0]!.toUpperCase() + k.slice(1),
      args: [fname, fname],
      rm: false,
      ret: "u32",
      oracle: ([a, b]) => O.compare(k, a!, b!, f),
    })),
    ...(["min", "max"] as const).map((k): OpSpec => ({
      name: fname + k[0]!.toUpperCase() + k.slice(1),
      args: [fname, fname],
      rm: false,
      ret: fname,
      oracle: ([a, b]) => O.minMax(k, a!, b!, f),
    })),
    { name: fname + "SignInject", args: [fname, fname], rm: false, ret: fname, oracle: ([a, b]) => ({ bits: (a! & ~S) | (b! & S), flags: 0 }) },
    { name: fname + "SignInjectNeg", args: [fname, fname], rm: false, ret: fname, oracle: ([a, b]) => ({ bits: (a! & ~S) | (~b! & S), flags: 0 }) },
    { name: fname + "SignInjectXor", args: [fname, fname], rm: false, ret: fname, oracle: ([a, b]) => ({ bits: a! ^ (b! & S), flags: 0 }) },
  ];
  describe(`${fname} comparisons, min/max, sign injection`, () => {
    for (const op of ops) {
      it(`${op.name}: special pairs and random pairs`, () => {
        const c = new Checker(fp);
        const xs = specials(f);
        for (const a of xs) for (const b of xs) c.check(op, [a, b], 0);
        const r = new Rng(SEED, op.name);
        for (let i = 0; i < RANDOM_CASES && c.failures.length < 20; i++) {
          const a = randomFloat(r, f);
          const pick = r.int(4);
          const b = pick === 0 ? a : pick === 1 ? a ^ S : pick === 2 ? a + BigInt(r.int(3)) - 1n : randomFloat(r, f, expField(a, f));
          c.check(op, [a, b & ((1n << BigInt(f.width)) - 1n)], 0);
        }
        expect(c.report()).toBe("");
      });
    }
    it(`${fname}Classify: specials and random operands, one bit each`, () => {
      const c = new Checker(fp);
      const op: OpSpec = { name: fname + "Classify", args: [fname], rm: false, ret: "u32", oracle: ([a]) => ({ bits: BigInt(O.classify(a!, f)), flags: 0 }) };
      for (const a of specials(f)) c.check(op, [a], 0);
      const r = new Rng(SEED, op.name);
      for (let i = 0; i < RANDOM_CASES && c.failures.length < 20; i++) c.check(op, [randomFloat(r, f)], 0);
      expect(c.report()).toBe("");
      const seen = new Set(specials(f).map((a) => O.classify(a, f)));
      expect(seen.size).toBe(10);
    });
  });
}
