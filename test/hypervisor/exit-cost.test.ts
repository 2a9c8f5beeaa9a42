// The exit cost model (src/hypervisor/exit-cost.ts): each exit's cost charged to the physical
// clock, exactly, per reason; deterministic; free by default; seen by the other VMs' timers.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Hypervisor, KVM_EXIT_COSTS, VmConfigError, type ExitCostOption, type HypervisorOptions, type VmOptions } from "../../src/index.js";
import * as rv from "../helpers/rv.js";

const demo = (f: string) => readFileSync(new URL(`../../guests/demo/${f}`, import.meta.url));

/** bne rs1, x0, off (B-type). */
const bnez = (rs1: number, off: number) => {
  const imm = off & 0x1fff;
  return (((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 | rs1 << 15 | 1 << 12 | ((imm >> 1) & 0xf) << 8 | ((imm >> 11) & 1) << 7 | 0x63) >>> 0;
};

const UART_STORES = 20;
// Firmware mode: UART_STORES stores to the UART, then the test finisher's pass (0x5555): 21 MMIO exits, nothing else.
const mmioGuest = rv.code(
  rv.lui(10, 0x10000), rv.addi(11, 0, 0x42), rv.addi(5, 0, UART_STORES),
  0x00b50023 /* sb a1, 0(a0) */, rv.addi(5, 5, -1), bnez(5, -8),
  rv.lui(12, 0x100), rv.lui(13, 5), rv.addi(13, 13, 0x555), rv.sw(13, 12, 0), rv.WFI,
);

const SBI_CALLS = 10;
// Kernel mode (a raw RISC-V Image): SBI_CALLS calls of BASE get_spec_version, then SRST shutdown: 11 hypercall exits.
const hypercallGuest = (() => {
  const body = rv.code(
    rv.addi(5, 0, SBI_CALLS),
    rv.addi(17, 0, 0x10), rv.addi(16, 0, 0), rv.ECALL, rv.addi(5, 5, -1), bnez(5, -16),
    rv.lui(17, 0x53525), rv.addi(17, 17, 0x354), rv.addi(16, 0, 0), rv.addi(10, 0, 0), rv.addi(11, 0, 0), rv.ECALL, rv.WFI,
  );
  const image = new Uint8Array(64 + body.length);
  image.set(rv.code(rv.jal(0, 64)), 0);
  new DataView(image.buffer).setUint32(0x38, 0x0543_5352, true); // "RSC\x05"
  image.set(body, 64);
  return image;
})();

async function runOne(exitCost: ExitCostOption | undefined, boot: (hv: Hypervisor) => void, options: HypervisorOptions = {}) {
  const hv = await Hypervisor.create({ ...options, exitCost });
  boot(hv);
  await hv.run();
  return hv;
}

const mmioVm = (hv: Hypervisor) => hv.createVm({ memoryBytes: 1 << 20 }).loadBytes(0x8000_0000n, mmioGuest);
const hypercallVm = (hv: Hypervisor) => hv.createVm({ mode: "kernel", memoryBytes: 1 << 20 }).boot({ kernel: hypercallGuest });

const DEMO: (VmOptions & { file: string })[] = [
  { file: "tick-m.elf", mode: "firmware" },
  { file: "tick-s.elf", mode: "kernel" },
  { file: "tick-sstc.elf", mode: "kernel", sstc: true },
  { file: "cpu-bound.elf", mode: "firmware" },
];

async function demoSet(exitCost?: ExitCostOption) {
  let out = "";
  const hv = await Hypervisor.create(exitCost === undefined ? {} : { exitCost });
  for (const { file, ...options } of DEMO) hv.createVm({ memoryBytes: 16 << 20, ...options, onConsole: (b) => (out += String.fromCharCode(b)) }).loadElf(demo(file));
  await hv.run();
  return { hv, trace: `${hv.exitDigest.toString(16)} ${hv.exitCount} ${hv.clock}`, out };
}

describe("the exit cost model", () => {
  it("charges each MMIO exit exactly its cost: the clock advances by count x cost, nothing else changes", async () => {
    const free = await runOne(undefined, mmioVm);
    const costly = await runOne({ mmio: 1000 }, mmioVm);
    const [a, b] = [free.vms[0]!, costly.vms[0]!];
    expect([a.result?.outcome, b.result?.outcome]).toEqual(["pass", "pass"]);
    const exits = b.stats.exits.get("mmio")!.count;
    expect(exits).toBe(UART_STORES + 1);
    expect(b.instructions).toBe(a.instructions);
    expect(costly.clock - free.clock).toBe(BigInt(exits * 1000));
    expect(b.report().exitCycles).toEqual({ total: exits * 1000, byReason: { budget: 0, mmio: exits * 1000, hypercall: 0, wfi: 0, breakpoint: 0, watch: 0, fatal: 0, trap: 0 } });
    expect(a.report().exitCycles.total).toBe(0);
    expect(costly.statsTable()).toMatch(/guest time charged for exits: 21,000 cycles \(0\.210 ms\): mmio 21,000/);
    expect(free.statsTable()).not.toMatch(/charged/);
  });

  it("charges by reason: a cost for a reason that never occurs changes nothing", async () => {
    const free = await runOne(0, mmioVm);
    const other = await runOne({ hypercall: 5000, wfi: 5000 }, mmioVm);
    expect([other.exitDigest, other.clock]).toEqual([free.exitDigest, free.clock]);
    const calls = await runOne({ hypercall: 700 }, hypercallVm);
    const callsFree = await runOne(0, hypercallVm);
    const vm = calls.vms[0]!;
    expect(vm.result).toMatchObject({ outcome: "pass", reason: "SBI system reset: shutdown" });
    expect(vm.stats.exits.get("hypercall")!.count).toBe(SBI_CALLS + 1);
    expect(calls.clock - callsFree.clock).toBe(BigInt((SBI_CALLS + 1) * 700));
    expect(vm.stats.exitCycles.get("hypercall")).toBe((SBI_CALLS + 1) * 700);
  });

  it("charges a number N to every guest-caused exit, never to budget exits", async () => {
    const hv = await runOne(300, mmioVm);
    expect(hv.exitCosts).toEqual({ budget: 0, mmio: 300, hypercall: 300, wfi: 300, breakpoint: 300, watch: 300, fatal: 300, trap: 300 });
    expect(hv.vms[0]!.stats.exitCyclesTotal).toBe((UART_STORES + 1) * 300);
  });

  it("charges budget exits only at the physical timer (the scheduler's tick), not at the run's own slicing", async () => {
    const cpu = (hv: Hypervisor) => hv.createVm({ memoryBytes: 8 << 20 }).loadElf(demo("cpu-bound.elf"));
    // A 1 M-instruction quantum ends once in 1.5 M instructions; runs are cut every 2^18 instructions too.
    const hv = await runOne({ budget: 1000 }, cpu, { quantum: 1_000_000, maxInsns: 1_500_000 });
    const vm = hv.vms[0]!;
    expect(vm.stats.exits.get("budget")!.count).toBeGreaterThan(4);
    expect(vm.stats.exitCycles.get("budget")).toBe(1000);
    expect(hv.clock).toBe(1_500_000n + 1000n);
  });

  it("charges a wfi at the hart's wake-up: the timer injection latency grows by exactly its cost", async () => {
    const sstc = (hv: Hypervisor) => hv.createVm({ mode: "kernel", sstc: true, memoryBytes: 8 << 20 }).loadElf(demo("tick-sstc.elf"));
    const [free, costly] = [await runOne(0, sstc), await runOne({ wfi: 500 }, sstc)];
    const [a, b] = [free.vms[0]!.stats, costly.vms[0]!.stats];
    expect(costly.vms[0]!.result?.outcome).toBe("pass");
    expect(b.latency.count).toBe(50);
    expect([b.latency.min, b.latency.max]).toEqual([a.latency.min + 500, a.latency.max + 500]);
    // Every wfi woke the hart again (the guest ends with an SBI shutdown, not waiting).
    expect(b.exitCycles.get("wfi")).toBe(500 * b.exits.get("wfi")!.count);
  });

  it("is time every VM sees: a busy VM's exits bring another VM's timer deadlines after fewer of its instructions", async () => {
    // A: ~100 instructions of work, then a CLINT mtime load (an MMIO exit), forever.
    const busy = rv.code(
      rv.lui(5, 0x200c), rv.addi(7, 0, 50), rv.addi(7, 7, -1), bnez(7, -4), rv.ld(6, 5, -8), rv.jal(0, -16),
    );
    const pair = async (exitCost: ExitCostOption) => {
      const hv = await Hypervisor.create({ exitCost });
      const a = hv.createVm({ name: "busy", memoryBytes: 1 << 20 });
      a.loadBytes(0x8000_0000n, busy);
      const b = hv.createVm({ name: "tick-sstc", mode: "kernel", sstc: true, memoryBytes: 8 << 20 });
      b.loadElf(demo("tick-sstc.elf"));
      void b.exited.then(() => hv.stop());
      await hv.run();
      expect(b.result?.outcome).toBe("pass");
      expect(b.stats.injected.timer).toBe(50);
      return { hv, a, b };
    };
    const free = await pair(0);
    const costly = await pair({ mmio: 1000 });
    // tick-sstc makes no MMIO exit: every cycle charged is the busy VM's.
    expect(costly.b.stats.exitCyclesTotal).toBe(0);
    const charged = costly.a.stats.exitCyclesTotal;
    expect(charged).toBe(costly.a.stats.exits.get("mmio")!.count * 1000);
    // Its 50 ms of ticks still take 50 ms of guest time, in which the busy VM now retires far
    // fewer instructions: about a tenth as many per unit of guest time, one exit (1,000
    // cycles) per ~100 instructions.
    expect(costly.hv.clock).toBeGreaterThanOrEqual(50n * 100_000n);
    const rate = (r: typeof free) => r.a.instructions / Number(r.hv.clock);
    expect(rate(free)).toBeGreaterThan(0.9);
    expect(rate(costly)).toBeLessThan(0.12);
    expect(costly.a.instructions + costly.b.instructions + charged).toBeLessThanOrEqual(Number(costly.hv.clock));
  }, 60_000);

  it("is deterministic, and 0 (or {}) is the pure instruction clock: the same exit digest as no option", async () => {
    const none = await demoSet();
    for (const free of [0, {}, { budget: 0, mmio: 0 }] as const) {
      const r = await demoSet(free);
      expect(r.trace, JSON.stringify(free)).toBe(none.trace);
      expect(r.out).toBe(none.out);
    }
    const [k1, k2] = [await demoSet("kvm"), await demoSet("kvm")];
    expect(k2.trace).toBe(k1.trace);
    expect(k2.out).toBe(k1.out);
    expect(k1.trace).not.toBe(none.trace);
    expect(k1.hv.vms.every((vm) => vm.result?.outcome === "pass")).toBe(true);
    expect(k1.hv.exitCosts).toEqual(KVM_EXIT_COSTS);
    // The techniques now differ in guest time: trap-and-emulate costs the most, Sstc the least.
    const [m, s, sstc] = k1.hv.vms.map((vm) => vm.stats.exitCycles.get("mmio")! + vm.stats.exitCycles.get("hypercall")!);
    expect(m!).toBeGreaterThan(s!);
    expect(s!).toBeGreaterThan(sstc!);
  }, 120_000);

  it("refuses costs it cannot charge, naming the problem", async () => {
    const refused: [unknown, RegExp][] = [
      [-1, /exitCost must be a non-negative whole number of guest cycles, "kvm" or cycles per exit reason, got -1/],
      [1.5, /got 1\.5/],
      [Number.NaN, /got NaN/],
      [2 ** 53, /non-negative whole number/],
      ["xen", /exitCost must be 0, a number of guest cycles, "kvm" or cycles per exit reason, got "xen"/],
      [null, /got null/],
      [[1000], /cycles per exit reason, got 1000/],
      [{ mmi0: 5 }, /exitCost: unknown exit reason "mmi0" \(the reasons are budget, mmio, hypercall, wfi, breakpoint, watch, fatal, trap\)/],
      [{ mmio: -5 }, /exitCost\.mmio must be a non-negative whole number of guest cycles, got -5/],
      [{ wfi: "100" }, /exitCost\.wfi must be a non-negative whole number of guest cycles, got 100/],
      [{ hypercall: 0.5 }, /exitCost\.hypercall .* got 0\.5/],
    ];
    for (const [exitCost, message] of refused) {
      const e = await Hypervisor.create({ exitCost: exitCost as ExitCostOption }).catch((e: unknown) => e);
      expect(e, String(exitCost)).toBeInstanceOf(VmConfigError);
      expect((e as Error).message, String(exitCost)).toMatch(message);
    }
  });
});
