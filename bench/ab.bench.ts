// This tree against another checkout, in one process: the guests/bench integer workloads run
// alternately on both cores (order swapped every pair), so that the machine's drift hits both
// alike. The other checkout must be built (npm ci there). Reports best and median MIPS per side.
//
//   npm run bench:ab -- /path/to/other/checkout [pairs]      (RVISOR_BENCH_ONLY=name,... to pick)

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { findRoot } from "./root.js";
import * as here from "../src/index.js";

type RunElf = typeof here.runElf;

const other = process.argv[2];
if (!other) {
  console.error("usage: npm run bench:ab -- <other checkout, built> [pairs]");
  process.exit(2);
}
const pairs = Number(process.argv[3] ?? 6);
const root = findRoot("guests/bench/intmix.elf");
const there = (await import(pathToFileURL(join(resolve(other), "dist/src/index.js")).href)) as { runElf: RunElf };
const sides: [string, RunElf][] = [["other", there.runElf], ["this", here.runElf]];
const only = (process.env.RVISOR_BENCH_ONLY ?? "").split(",").filter(Boolean);
const names = ["intmix", "memsort", "hash", "listchase"].filter((n) => only.length === 0 || only.includes(n));
const opts = { memoryBytes: 32 << 20, maxInsns: 20e9 };

console.log(`this tree (${root}) against ${resolve(other)}, ${pairs} pairs alternated`);
for (const name of names) {
  const elf = new Uint8Array(readFileSync(join(root, "guests", "bench", `${name}.elf`)));
  const mips = new Map<string, number[]>(sides.map(([side]) => [side, []]));
  let insns = 0;
  for (const [, run] of sides) insns = (await run(elf, opts)).instructions; // warm-up
  for (let i = 0; i < pairs; i++) {
    for (const [side, run] of i % 2 ? [...sides].reverse() : sides) {
      const t0 = performance.now();
      const r = await run(elf, opts);
      const ms = performance.now() - t0;
      if (r.instructions !== insns) throw new Error(`${name}: ${side} ran ${r.instructions} instructions, not ${insns}`);
      mips.get(side)!.push(insns / ms / 1e3);
    }
  }
  const line = sides.map(([side]) => {
    const m = [...mips.get(side)!].sort((a, b) => a - b);
    return `${side} best ${m[m.length - 1]!.toFixed(1)} median ${m[m.length >> 1]!.toFixed(1)}`;
  });
  console.log(`${name}: ${line.join(" | ")} MIPS`);
}
