// What an exit costs the guest, under the three timer techniques: each tick guest
// (guests/demo/tick-{m,s,sstc}.elf: 50 timer interrupts 1 ms apart) runs beside a CPU-bound VM,
// once with exits free (exitCost 0, the pure instruction clock) and once with KVM's measured
// exit costs (exitCost "kvm", src/hypervisor/exit-cost.ts). Guest time is deterministic, so one
// run of each gives the figures exactly; host time plays no part.
//
//   npm run bench:exit-cost     (tsc, then node dist/bench/exit-cost.bench.js)
//
// Reported per technique and cost model, for the tick VM:
//   timer exits / tick    the exits the timer itself causes (CLINT accesses, SBI set_timer
//                         calls; Sstc: none) plus the wfi each tick waits in
//   timer exits / guest s the same per second of guest time (1,000 ticks a second)
//   charged / tick        guest time the hypervisor's handling of those exits takes per tick,
//                         in cycles (clock units, 10 ns) and in µs
//   % of period           that against the 1 ms (100,000-cycle) tick period
//   latency cyc           timer injection latency (deadline -> the guest's handler), average
//   neighbour share       the CPU-bound VM's instructions against the guest time that passed:
//                         what the hypervisor spends on the tick VM's exits (and on the
//                         neighbour's own console output) is the other VMs' time too

import { demoImage, TIMER_TECHNIQUES } from "./guests.js";
import { CLOCK_HZ, CLOCK_PER_US, Hypervisor, type ExitCostOption, type VmOptions } from "../src/index.js";

const PERIOD_CYCLES = 100_000;

const techniques = TIMER_TECHNIQUES;

async function run(file: string, options: VmOptions, exitCost: ExitCostOption) {
  const hv = await Hypervisor.create({ exitCost });
  const vm = hv.createVm({ memoryBytes: 8 << 20, ...options });
  vm.loadElf(demoImage(file));
  const cpu = hv.createVm({ name: "cpu", memoryBytes: 8 << 20 });
  cpu.loadElf(demoImage("cpu-bound.elf"));
  // One scheduling step at a time, so that the figures stop exactly where the tick VM did (a
  // stop() from its exited promise would land wherever the host's event loop let it).
  while (vm.state !== "stopped") hv.runFor(Number.POSITIVE_INFINITY, 1);
  if (vm.result?.outcome !== "pass") throw new Error(`${options.name}: ${vm.result?.reason}`);
  const s = vm.stats;
  const ticks = s.injected.timer;
  const timerExits = (s.mmioByDevice.get("clint") ?? 0) + (s.sbiCalls.get("TIME") ?? 0);
  const wfi = s.exits.get("wfi")!.count;
  const timerCause = (s.mmioByDevice.get("clint") ?? 0) > 0 ? "mmio" : "hypercall";
  const charged = timerExits * hv.exitCosts[timerCause] + s.exitCycles.get("wfi")!;
  return {
    perTick: (timerExits + wfi) / ticks,
    chargedPerTick: charged / ticks,
    latency: s.latency.avg,
    neighbourShare: cpu.instructions / Number(hv.clock),
  };
}

console.log("timer techniques with exits free (0) and at KVM's cost (kvm); tick VM beside a CPU-bound VM");
console.log(`${"technique".padEnd(28)} ${"cost".padEnd(4)} ${"timer exits/tick".padStart(16)} ${"/guest s".padStart(8)} ${"charged cyc/tick".padStart(16)} ${"µs/tick".padStart(7)} ${"% of period".padStart(11)} ${"latency cyc".padStart(11)} ${"neighbour share".padStart(15)}`);
for (const t of techniques) {
  for (const cost of [0, "kvm"] as const) {
    const r = await run(t.file, t.options, cost);
    console.log(
      `${t.label.padEnd(28)} ${String(cost).padEnd(4)} ${r.perTick.toFixed(2).padStart(16)} ${((r.perTick * CLOCK_HZ) / PERIOD_CYCLES).toFixed(0).padStart(8)} ${r.chargedPerTick.toFixed(0).padStart(16)} ${(r.chargedPerTick / CLOCK_PER_US).toFixed(2).padStart(7)} ${`${((100 * r.chargedPerTick) / PERIOD_CYCLES).toFixed(2)}%`.padStart(11)} ${r.latency.toFixed(0).padStart(11)} ${`${(100 * r.neighbourShare).toFixed(2)}%`.padStart(15)}`,
    );
  }
}
