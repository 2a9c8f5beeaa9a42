// Runs the float library's exported functions against the oracle (fp-oracle.ts): each case is
// called through the dispatching entry point and, where the test module exports one, its soft
// path (`<name>Soft`), with flags cleared before and read after each call.

import type { FpExports } from "./fp-build.js";
import type { Result } from "./fp-oracle.js";
import { SEED } from "./fp-cases.js";

export type Ty = "f32" | "f64" | "i32" | "u32" | "i64" | "u64";

export interface OpSpec {
  /** Export name. */
  name: string;
  args: Ty[];
  /** Whether the function takes a rounding mode after its operands. */
  rm: boolean;
  ret: Ty;
  oracle: (args: bigint[], rm: number) => Result;
}

function toWasm(x: bigint, t: Ty): number | bigint {
  switch (t) {
    case "f32":
    case "u32":
      return Number(x & 0xffffffffn);
    case "i32":
      return Number(BigInt.asIntN(32, x));
    default:
      return BigInt.asIntN(64, x);
  }
}

function fromWasm(v: number | bigint, t: Ty): bigint {
  return t === "f32" || t === "u32" || t === "i32" ? BigInt((v as number) >>> 0) : BigInt.asUintN(64, v as bigint);
}

const hex = (x: bigint) => "0x" + x.toString(16);

export class Checker {
  readonly failures: string[] = [];
  count = 0;
  constructor(private readonly fp: FpExports) {}

  /** Check one case; records a failure (at most 20 kept). */
  check(op: OpSpec, args: bigint[], rm: number): void {
    const want = op.oracle(args, rm);
    const wasmArgs = args.map((a, i) => toWasm(a, op.args[i]!));
    if (op.rm) wasmArgs.push(rm);
    for (const name of [op.name, op.name + "Soft"]) {
      const fn = this.fp[name];
      if (!fn) continue;
      this.fp.setFlags(0);
      const bits = fromWasm(fn(...wasmArgs), op.ret);
      const flags = this.fp.getFlags();
      this.count++;
      if ((bits !== want.bits || flags !== want.flags) && this.failures.length < 20) {
        this.failures.push(
          `${name}(${args.map(hex).join(", ")}${op.rm ? `, rm=${rm}` : ""}) = ${hex(bits)} flags ${flags}, expected ${hex(want.bits)} flags ${want.flags}`,
        );
      }
    }
  }

  /** The failures as one message (empty when none), naming the seed. */
  report(): string {
    return this.failures.length === 0 ? "" : `FP_SEED=${SEED} reproduces:\n` + this.failures.join("\n");
  }
}
