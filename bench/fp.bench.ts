// Speed of the float library (assembly/fp), fast path against soft path, per operation.
//
//   npm run bench:fp
//
// Uses build/fp-test.wasm (the library's test module; compiled here if missing). The loop runs
// inside WebAssembly (benchLoop in assembly/fp/test-entry.ts) over N random operand sets so the
// JS boundary is not measured. Operands are typical values: normal, exponents within ±20 of 1,
// random significands (fast-path eligible, as most real code is). Reported: ns per operation,
// best of several rounds, for the entry point with rm = RNE (fast path taken when provable), the
// soft path with RNE, and the entry point with RTZ (always soft for arithmetic).
// Knobs: RVISOR_BENCH_N (operands, default 4096), RVISOR_BENCH_ROUNDS (default 200).

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findRoot } from "./root.js";

const root = findRoot("assembly/fp/test-entry.ts");
const wasmPath = join(root, "build/fp-test.wasm");
if (!existsSync(wasmPath)) {
  execFileSync("npx", ["asc", "assembly/fp/test-entry.ts", "--config", "asconfig.json", "--runtime", "stub", "--optimizeLevel", "3", "--noAssert", "-o", "build/fp-test.wasm"], {
    cwd: root,
    stdio: "inherit",
  });
}

const N = Number(process.env.RVISOR_BENCH_N ?? 4096);
const ROUNDS = Number(process.env.RVISOR_BENCH_ROUNDS ?? 200);
const memory = new WebAssembly.Memory({ initial: Math.ceil((N * 24) / 65536) + 2 });
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { env: { memory, abort: () => { throw new Error("abort"); } } });
const benchLoop = instance.exports.benchLoop as (op: number, n: number, rm: number) => bigint;

// Operands: a at 0, b at 8N, c at 16N.
const u64 = new BigUint64Array(memory.buffer, 0, 3 * N);
let seed = 12345;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const f64Bits = new Float64Array(1), f64U = new BigUint64Array(f64Bits.buffer);
const f32Bits = new Float32Array(1), f32U = new Uint32Array(f32Bits.buffer);
const typical = () => (rnd() < 0.5 ? -1 : 1) * (1 + rnd()) * 2 ** Math.floor(rnd() * 41 - 20);
function fill(kind: "f32" | "f64" | "sqrt" | "int"): void {
  for (let i = 0; i < 3 * N; i++) {
    let x = typical();
    if (kind === "sqrt") x = Math.abs(x);
    if (kind === "int" && i >= N && i < 2 * N) { u64[i] = BigInt.asUintN(64, BigInt(Math.floor((rnd() - 0.5) * 2 ** 62)) * 3n); continue; }
    if (kind === "f32") { f32Bits[0] = x; u64[i] = BigInt(f32U[0]!); } else { f64Bits[0] = x * (kind === "int" ? 2 ** 20 : 1); u64[i] = f64U[0]!; }
  }
}

function nsPerOp(op: number, rm: number): number {
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    benchLoop(op, N, rm);
    best = Math.min(best, performance.now() - t0);
  }
  return (best * 1e6) / N;
}

const OPS: [string, number, "f32" | "f64" | "sqrt" | "int"][] = [
  ["f32Add", 0, "f32"], ["f32Mul", 2, "f32"], ["f32Div", 4, "f32"], ["f32Sqrt", 6, "sqrt"], ["f32MulAdd", 8, "f32"],
  ["f64Add", 10, "f64"], ["f64Mul", 12, "f64"], ["f64Div", 14, "f64"], ["f64Sqrt", 16, "sqrt"], ["f64MulAdd", 18, "f64"],
  ["f64ToF32", 20, "f64"], ["f64ToI64", 22, "int"], ["f64FromI64", 24, "int"], ["f64ToI32", 26, "f64"],
];

console.log(`fp bench: ${N} operands, best of ${ROUNDS} rounds, ns/op (loop inside wasm)`);
console.log("operation       entry RNE   soft RNE   entry RTZ");
for (const [name, op, kind] of OPS) {
  fill(kind);
  const fast = nsPerOp(op, 0), soft = nsPerOp(op + 1, 0), rtz = nsPerOp(op, 1);
  console.log(`${name.padEnd(14)} ${fast.toFixed(1).padStart(10)} ${soft.toFixed(1).padStart(10)} ${rtz.toFixed(1).padStart(11)}`);
}
fill("f64");
console.log(`${"f64Lt".padEnd(14)} ${nsPerOp(99, 0).toFixed(1).padStart(10)}`);
