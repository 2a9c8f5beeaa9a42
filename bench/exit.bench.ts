// The host's cost of one exit in steady state: a guest that loads the CLINT's mtime in a loop
// leaves the core on every load (an MMIO exit); the VM runs one slice per exit and the host
// completes the load. Reported: host µs per exit (run() entry, the exit's handling, re-entry),
// best and median of several rounds after a warm-up.
//
//   npm run bench:exit        RVISOR_BENCH_EXITS (per round, default 300000), RVISOR_BENCH_ROUNDS (default 6)

import { Hypervisor } from "../src/index.js";

const EXITS = Number(process.env.RVISOR_BENCH_EXITS ?? 300_000);
const ROUNDS = Number(process.env.RVISOR_BENCH_ROUNDS ?? 6);

// lui t0, 0x200c; loop: ld t1, -8(t0) (mtime at 0x0200_bff8); j loop
const CODE = new Uint8Array(new Uint32Array([0x0200c2b7, 0xff82b303, 0xffdff06f]).buffer);

async function round(exits: number): Promise<number> {
  const hv = await Hypervisor.create();
  const vm = hv.createVm({ memoryBytes: 1 << 20 });
  vm.loadBytes(0x8000_0000n, CODE);
  const t0 = performance.now();
  for (let i = 0; i < exits; i++) vm.run(1000);
  const us = ((performance.now() - t0) * 1000) / exits;
  const seen = vm.stats.mmioByDevice.get("clint");
  if (seen !== exits) throw new Error(`expected ${exits} CLINT exits, saw ${seen}`);
  return us;
}

await round(EXITS); // warm-up: V8 optimizes the exit path
const results: number[] = [];
for (let i = 0; i < ROUNDS; i++) results.push(await round(EXITS));
results.sort((a, b) => a - b);
console.log(`MMIO exit (CLINT mtime load), ${EXITS.toLocaleString("en-US")} exits per round, ${ROUNDS} rounds:`);
console.log(`  host µs per exit: best ${results[0]!.toFixed(3)}, median ${results[results.length >> 1]!.toFixed(3)}`);
