// Several harts: how the hypervisor spreads vCPUs over physical harts, in deterministic mode
// (physical harts interleaved on one thread, guest time shared) and in parallel mode (each
// physical hart on its own host thread).
//
//   npm run bench:smp      (tsc, then node dist/bench/smp.bench.js)
//
// Workloads (guests/bench/smp-spin.S, smp-ipi.S; committed ELFs):
//   N VMs       N firmware VMs of one hart each, every hart running smp-spin's integer loop
//               (100 M guest instructions per hart)
//   4-hart VM   one VM with 4 harts, each running the same loop
//   IPI         harts 0 and 1 of one VM play ping-pong with CLINT msip IPIs (2,000 rounds):
//               guest time per round trip under KVM's exit costs (exitCost "kvm": each msip
//               store is an MMIO exit, each wait a wfi exit) and host time per round trip
// Per workload and configuration, the best of RUNS: guest instructions per host second (MIPS),
// host ms, guest ms (the deterministic clock; in parallel mode the latest clock any hart reached),
// and the throughput against one physical hart in the same mode.

import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { findRoot } from "./root.js";
import { Hypervisor, type HypervisorOptions } from "../src/index.js";
import { CLOCK_PER_MS } from "../src/time.js";

const RUNS = Number(process.env.RVISOR_BENCH_RUNS ?? 2);
const root = findRoot("guests/bench/smp-spin.elf");
const spin = readFileSync(join(root, "guests/bench/smp-spin.elf"));
const ipi = readFileSync(join(root, "guests/bench/smp-ipi.elf"));
const IPI_ROUNDS = 2000;

const CONFIGS: { label: string; options: HypervisorOptions }[] = [
  { label: "deterministic, 1 physical hart", options: { harts: 1 } },
  { label: "deterministic, 2 physical harts", options: { harts: 2 } },
  { label: "parallel, 1 hart thread", options: { harts: 1, parallel: true } },
  { label: "parallel, 2 hart threads", options: { harts: 2, parallel: true } },
];

const WORKLOADS: { label: string; vms: number; harts: number; elf: Uint8Array }[] = [
  { label: "1 VM", vms: 1, harts: 1, elf: spin },
  { label: "2 VMs", vms: 2, harts: 1, elf: spin },
  { label: "4 VMs", vms: 4, harts: 1, elf: spin },
  { label: "4-hart VM", vms: 1, harts: 4, elf: spin },
  { label: "IPI ping-pong", vms: 1, harts: 2, elf: ipi },
];

async function once(options: HypervisorOptions, w: (typeof WORKLOADS)[number]) {
  const hv = await Hypervisor.create({ ...options, exitCost: w.elf === ipi ? "kvm" : 0 });
  try {
    for (let i = 0; i < w.vms; i++) hv.createVm({ memoryBytes: 1 << 20, harts: w.harts }).boot({ firmware: w.elf });
    const t0 = performance.now();
    while (hv.runFor(100));
    const ms = performance.now() - t0;
    const failed = hv.vms.find((vm) => vm.result?.outcome !== "pass");
    if (failed) throw new Error(`${w.label}: ${failed.result?.reason}`);
    return { ms, instructions: hv.instructions, guestMs: Number(hv.clock) / CLOCK_PER_MS };
  } finally {
    hv.close();
  }
}

const f = (x: number, d = 0) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
console.log(`SMP guests and physical harts, best of ${RUNS} (host: ${availableParallelism()} cores)`);
console.log("| workload | configuration | guest MIPS | host ms | guest ms | × 1 physical hart |");
console.log("|---|---|---|---|---|---|");
for (const w of WORKLOADS) {
  const base: Record<string, number> = {};
  for (const c of CONFIGS) {
    let best: Awaited<ReturnType<typeof once>> | undefined;
    for (let r = 0; r < RUNS; r++) {
      const res = await once(c.options, w);
      if (!best || res.ms < best.ms) best = res;
    }
    const mips = best!.instructions / best!.ms / 1000;
    const mode = c.options.parallel ? "parallel" : "deterministic";
    if (c.options.harts === 1) base[mode] = mips;
    if (w.elf === ipi) {
      const guestUs = (best!.guestMs * 1000) / IPI_ROUNDS;
      const hostUs = (best!.ms * 1000) / IPI_ROUNDS;
      console.log(`| ${w.label} | ${c.label} | round trip: guest ${f(guestUs, 2)} µs, host ${f(hostUs, 1)} µs | ${f(best!.ms)} | ${f(best!.guestMs, 2)} | |`);
    } else {
      console.log(`| ${w.label} | ${c.label} | ${f(mips)} | ${f(best!.ms)} | ${f(best!.guestMs, 1)} | ${f(mips / base[mode]!, 2)} |`);
    }
  }
}
