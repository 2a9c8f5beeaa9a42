import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { Hypervisor, type HypervisorOptions, type VmOptions } from "../../src/index.js";
import { firstCpus, smpOutput } from "../helpers/linux-smp.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

// The SMP Linux guest (CONFIG_SMP, NR_CPUS=8; guests/linux) on rvisor VMs with several harts:
// the kernel starts its secondaries through the hypervisor's SBI HSM (kernel mode) or through
// OpenSBI's (firmware mode: every hart starts at OpenSBI, which parks the others until the
// kernel asks, with CLINT msip IPIs through MMIO exits), and /init's smp program runs one thread
// pinned on each CPU, with an amoadd counter and an LR/SC spinlock counter that must both come
// out complete. The same check as on QEMU (linux-smp-qemu.test.ts), in every timer technique,
// in both models of a vCPU, on one and on two physical harts, and on hart threads.
const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const canBuild = existsSync("/usr/src/linux-source-6.1.tar.xz") && existsSync("/usr/bin/riscv64-linux-gnu-gcc") && existsSync(FW);
const HARTS = 4;

let image: Uint8Array;
let firmware: Uint8Array;

const userOutput = (out: string, name: string): string =>
  out.split("\n").filter((l) => l.startsWith(`rvisor-user: ${name}: `)).map((l) => l.slice(`rvisor-user: ${name}: `.length) + "\n").join("");

async function boot(options: VmOptions, hvOptions: HypervisorOptions = {}) {
  const hv = await Hypervisor.create({ maxInsns: 3e9, ...hvOptions });
  try {
    let out = "";
    const vm = hv.createVm({ memoryBytes: 128 << 20, harts: HARTS, bootargs: "console=ttyS0", ...options, onConsole: (b) => (out += String.fromCharCode(b)) });
    vm.boot(options.mode === "firmware" ? { firmware, kernel: image } : { kernel: image });
    await hv.run();
    return { hv, vm, out: out.replace(/\r\n/g, "\n") };
  } finally {
    hv.close();
  }
}

describe.skipIf(!canBuild)(`Linux 6.1 with ${HARTS} harts on rvisor`, () => {
  beforeAll(() => {
    const dir = linuxBuildDir();
    image = readFileSync(`${dir}/Image`);
    firmware = readFileSync(FW);
  }, LINUX_BUILD_TIMEOUT_MS);

  const MODES: [string, VmOptions, HypervisorOptions?][] = [
    ["kernel mode, SBI timer", { mode: "kernel" }],
    ["kernel mode, Sstc", { mode: "kernel", sstc: true }],
    ["OpenSBI (firmware mode)", { mode: "firmware" }],
    ["classic, kernel mode", { mode: "kernel", classic: true }],
    ["classic, Sstc", { mode: "kernel", sstc: true, classic: true }],
    ["classic, OpenSBI", { mode: "firmware", classic: true }],
    ["kernel mode on 2 physical harts", { mode: "kernel" }, { harts: 2 }],
    ["kernel mode on 2 hart threads (parallel)", { mode: "kernel" }, { harts: 2, parallel: true }],
    ["OpenSBI on 2 hart threads (parallel)", { mode: "firmware" }, { harts: 2, parallel: true }],
  ];

  it.each(MODES)("%s: every hart comes up, smp runs a pinned thread on each, both counters complete", async (_, options, hvOptions) => {
    const { vm, out } = await boot(options, hvOptions);
    const tail = out.slice(-3000);
    expect(out, tail).toContain(`smp: Brought up 1 node, ${HARTS} CPUs\n`);
    expect(out).not.toMatch(/failed to (start|come online)|Kernel panic|Oops|BUG:|rcu_.*stall/);
    expect(userOutput(out, "smp"), tail).toBe(smpOutput(firstCpus(HARTS)));
    expect(out).toContain("rvisor-init: userland: done, 0 of 6 failed\n");
    expect(vm.result, tail).toMatchObject({ outcome: "pass" });
    // Work ran on every hart.
    for (const h of vm.harts) expect(h.vcpu.getNumber(0x1e0 /* RETIRED */), `hart ${h.id}`).toBeGreaterThan(100_000);
    if (options.mode === "kernel") {
      expect(vm.stats.sbiCalls.get("HSM")).toBeGreaterThanOrEqual(HARTS - 1);
      expect(vm.stats.sbiCalls.get("IPI")).toBeGreaterThan(0);
    } else {
      // OpenSBI's IPIs are CLINT msip stores: MMIO exits, injected as MSIP.
      expect(vm.stats.injected.software).toBeGreaterThan(HARTS);
    }
  });

  it("boots 8 harts (the most a VM has) on one physical hart", async () => {
    const { vm, out } = await boot({ mode: "kernel", harts: 8 });
    expect(out, out.slice(-3000)).toContain("smp: Brought up 1 node, 8 CPUs\n");
    expect(userOutput(out, "smp")).toBe(smpOutput(firstCpus(8)));
    expect(vm.result).toMatchObject({ outcome: "pass" });
  });

  it("is deterministic with several harts: the same console and exit sequence twice (2 physical harts)", async () => {
    const a = await boot({ mode: "kernel" }, { harts: 2 });
    const b = await boot({ mode: "kernel" }, { harts: 2 });
    expect(b.out).toBe(a.out);
    expect(b.hv.exitDigest).toBe(a.hv.exitDigest);
    expect(b.hv.instructions).toBe(a.hv.instructions);
  });
});
