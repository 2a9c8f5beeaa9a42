// The same Linux 6.1 kernel + /init workload in the two models of a virtual CPU: assisted (the
// vCPU has its own S-mode, like the H extension or VT-x) and classic (the kernel deprivileged to
// U-mode, every privileged instruction trapping to the hypervisor, shadow page tables), each with
// the SBI timer, with Sstc, and under OpenSBI (Debian's fw_jump.bin, deprivileged too in classic
// mode: its M-mode is virtual like the kernel's S-mode).
//
//   npm run bench:classic      (tsc, then node dist/bench/classic.bench.js; builds or reuses the kernel)
//
// Per mode, best host time of RUNS boots (deterministic guest time, so every other figure is the
// same in every run): guest instructions to /init, exits by reason, exits per guest second, the
// privileged instructions emulated most, shadow page faults filled and reflected, host ms to
// /init and to power-off, and guest-visible ms to /init under the KVM exit cost model (each exit
// charged to guest time, src/hypervisor/exit-cost.ts) against the free model.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Bench } from "tinybench";
import { linuxBuildDir } from "./guests.js";
import { Hypervisor, type ExitCostOption, type VmOptions } from "../src/index.js";

const BANNER = "rvisor-init: hello from /init";
const RUNS = Number(process.env.RVISOR_BENCH_RUNS ?? 3);
const image = readFileSync(join(linuxBuildDir(), "Image"));

const MODES: { label: string; options: VmOptions }[] = [
  { label: "assisted, SBI timer", options: { mode: "kernel" } },
  { label: "classic, SBI timer", options: { mode: "kernel", classic: true } },
  { label: "assisted, Sstc", options: { mode: "kernel", sstc: true } },
  { label: "classic, Sstc", options: { mode: "kernel", sstc: true, classic: true } },
  { label: "assisted, OpenSBI", options: { mode: "firmware" } },
  { label: "classic, OpenSBI", options: { mode: "firmware", classic: true } },
];
const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";

async function boot(options: VmOptions, exitCost: ExitCostOption = 0) {
  const t0 = performance.now();
  const hv = await Hypervisor.create({ exitCost });
  let text = "";
  let toInit: { insns: number; ms: number; clock: bigint } | undefined;
  const vm = hv.createVm({
    memoryBytes: 128 << 20,
    bootargs: "console=ttyS0",
    ...options,
    onConsole: (b) => {
      text += String.fromCharCode(b);
      if (!toInit && text.includes(BANNER)) toInit = { insns: vm.instructions, ms: performance.now() - t0, clock: hv.clock };
    },
  });
  vm.boot(options.mode === "firmware" ? { firmware: readFileSync(FW), kernel: image } : { kernel: image });
  await hv.run();
  if (vm.result?.outcome !== "pass" || !toInit) throw new Error(`${vm.result?.reason}\n${text.slice(-1000)}`);
  return { vm, hv, toInit, ms: performance.now() - t0 };
}

const n = (x: number) => x.toLocaleString("en-US");
console.log(`Linux 6.1 to /init and power-off, assisted against classic virtualization, best of ${RUNS}`);
const header = ["mode", "insns to /init", "mmio", "hcall", "wfi", "trap", "exits/guest s", "shadow fills", "host ms /init", "host ms total", "guest ms /init", "guest ms /init (kvm costs)"];
console.log(header.join(" | "));
const rows: string[] = [];
const details: string[] = [];
for (const m of MODES) {
  let best: Awaited<ReturnType<typeof boot>> | undefined;
  const bench = new Bench({ iterations: RUNS, warmupIterations: 1, time: 0 });
  bench.add(m.label, async () => {
    const r = await boot(m.options);
    if (!best || r.ms < best.ms) best = r;
  });
  await bench.run();
  const r = best!;
  const charged = await boot(m.options, "kvm");
  const e = (reason: string) => r.vm.stats.exits.get(reason as never)!.count;
  const guestSeconds = Number(r.hv.clock) / 100e6;
  const exits = e("mmio") + e("hypercall") + e("wfi") + e("trap");
  const report = r.vm.report();
  const row = [
    m.label, n(r.toInit.insns), n(e("mmio")), n(e("hypercall")), n(e("wfi")), n(e("trap")), n(Math.round(exits / guestSeconds)),
    n(report.classic?.shadow.filled ?? 0), r.toInit.ms.toFixed(0), r.ms.toFixed(0),
    (Number(r.toInit.clock) / 1e5).toFixed(1), (Number(charged.toInit.clock) / 1e5).toFixed(1),
  ];
  console.log(row.join(" | "));
  rows.push(`| ${row.join(" | ")} |`);
  if (report.classic) {
    const top = Object.entries(report.privileged).sort(([, a], [, b]) => b - a).slice(0, 8).map(([i, c]) => `${i} ${n(c)}`).join(", ");
    const sh = report.classic.shadow;
    details.push(`${m.label}: emulated ${top}, ...; ${n(report.classic.reflected)} traps delivered, ${n(report.classic.injected)} interrupts injected; ` +
      `shadow: ${n(sh.filled)} fills, ${n(sh.reflected)} guest page faults, ${n(sh.tablesBuilt)} tables built, ${n(sh.flushes)} flushes, ${n(sh.pageFlushes)} page flushes`);
  }
}
console.log("\n" + details.join("\n"));
console.log("\nREADME rows:\n" + `| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|\n` + rows.join("\n"));
