import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Hypervisor, layout as L } from "../../src/index.js";
import * as rv from "../helpers/rv.js";

// Physical harts on host threads (parallel mode, src/machine/hart-thread.ts and the hypervisor's
// parallelStep): the core runs in workers over the shared memory, exits are served here.

const COUNTERS = 0x8000_1000n;
const ROUNDS = 50_000;

/**
 * Every hart of a firmware-mode VM: ROUNDS times amoadd.w 1 to COUNTERS and an LR/SC increment
 * of COUNTERS + 4, then amoadd.w 1 to COUNTERS + 8 (done) and wfi. Lost updates between harts
 * running at once would leave the counters short.
 */
const contend = rv.code(
  rv.addi(5, 0, 1), rv.slli(5, 5, 31), rv.lui(6, 1), rv.add(5, 5, 6), // t0 = COUNTERS
  rv.addi(6, 0, 1), // t1 = 1
  rv.lui(7, ROUNDS >> 12), rv.addi(7, 7, ROUNDS & 0xfff), // t2 = ROUNDS
  rv.addi(29, 5, 4), // t4 = COUNTERS + 4
  // loop:
  rv.amoaddW(0, 6, 5),
  rv.lrW(28, 29), rv.addi(28, 28, 1), rv.scW(30, 28, 29), rv.bne(30, 0, -12),
  rv.addi(7, 7, -1), rv.bne(7, 0, -24),
  rv.addi(29, 5, 8), rv.amoaddW(0, 6, 29),
  rv.WFI, rv.jal(0, -4),
);

function counters(vm: { readBytes(a: bigint, n: number): Uint8Array }) {
  const v = new DataView(vm.readBytes(COUNTERS, 12).buffer);
  return { amo: v.getUint32(0, true), lrsc: v.getUint32(4, true), done: v.getUint32(8, true) };
}

describe("hart threads (parallel mode)", () => {
  it("runs an SMP guest's harts at once, with AMOs and LR/SC atomic across them", async () => {
    const hv = await Hypervisor.create({ harts: 2, parallel: true });
    try {
      expect(hv.parallel).toBe(true);
      const vm = hv.createVm({ memoryBytes: 1 << 20, harts: 4 });
      vm.boot({ firmware: contend });
      for (let i = 0; i < 200 && counters(vm).done < 4; i++) hv.runFor(50);
      expect(counters(vm)).toEqual({ amo: 4 * ROUNDS, lrsc: 4 * ROUNDS, done: 4 });
    } finally {
      hv.close();
    }
  });

  it("gives every VM the same results as deterministic mode: several VMs on two threads", async () => {
    const elf = readFileSync(new URL("../../guests/demo/hello.elf", import.meta.url));
    const hv = await Hypervisor.create({ harts: 2, parallel: true });
    try {
      const out = [0, 1, 2].map(() => [] as number[]);
      for (const k of [0, 1, 2]) hv.createVm({ memoryBytes: 4 << 20, onConsole: (b) => out[k]!.push(b) }).loadElf(elf);
      while (hv.runFor(50));
      expect(hv.vms.map((vm) => vm.result?.outcome)).toEqual(["pass", "pass", "pass"]);
      const text = out.map((o) => new TextDecoder().decode(new Uint8Array(o)));
      expect(new Set(text).size).toBe(1);
      expect(text[0]).toMatch(/hello/);
    } finally {
      hv.close();
    }
  });

  it("stops only the VM whose vCPU the core fails on, with the thread's error", async () => {
    const hv = await Hypervisor.create({ harts: 2, parallel: true });
    try {
      const bad = hv.createVm({ memoryBytes: 1 << 20 });
      bad.boot({ firmware: contend });
      // A RAM window the host corrupted: far outside the memory, so the core traps.
      for (const h of bad.harts) h.vcpu.set(L.RAM_HOST, 0xffff_0000n);
      const good = hv.createVm({ memoryBytes: 1 << 20, harts: 2 });
      good.boot({ firmware: contend });
      for (let i = 0; i < 200 && counters(good).done < 2; i++) hv.runFor(50);
      expect(bad.result).toMatchObject({ outcome: "fatal", reason: expect.stringMatching(/the core failed running this VM.*out of bounds/) });
      expect(counters(good)).toEqual({ amo: 2 * ROUNDS, lrsc: 2 * ROUNDS, done: 2 });
    } finally {
      hv.close();
    }
  });

  it("refuses what parallel mode cannot do", async () => {
    await expect(Hypervisor.create({ parallel: true, sharedMemory: false })).rejects.toThrow(/shared memory/);
    await expect(Hypervisor.create({ parallel: "yes" as never })).rejects.toThrow(/parallel must be a boolean/);
  });
});

describe("physical harts, deterministic mode", () => {
  it("interleaves them on this thread: same counters, the same exit digest every run, guest time shared", async () => {
    const run = async (harts: number) => {
      const hv = await Hypervisor.create({ harts });
      const vm = hv.createVm({ memoryBytes: 1 << 20, harts: 4 });
      vm.boot({ firmware: contend });
      for (let i = 0; i < 200 && counters(vm).done < 4; i++) hv.runFor(50);
      return { counters: counters(vm), digest: hv.exitDigest, clock: hv.clock, instructions: hv.instructions };
    };
    const one = await run(1);
    const two = await run(2);
    expect(one.counters).toEqual({ amo: 4 * ROUNDS, lrsc: 4 * ROUNDS, done: 4 });
    expect(two.counters).toEqual(one.counters);
    expect(await run(2)).toEqual(two);
    // Two physical harts do the same work in about half the guest time.
    expect(Number(two.clock) / Number(one.clock)).toBeGreaterThan(0.45);
    expect(Number(two.clock) / Number(one.clock)).toBeLessThan(0.6);
  });
});

describe("pause-loop exiting", () => {
  const HANDOFFS = 40;
  // Harts 0 and 1 hand a token back and forth HANDOFFS times through a word in RAM, each
  // spinning with `pause` until the token is its own; hart 0 then passes the test finisher.
  const pingPong = rv.code(
    rv.addi(5, 0, 1), rv.slli(5, 5, 31), rv.lui(6, 1), rv.add(5, 5, 6), // t0 = 0x8000_1000: the token
    rv.addi(8, 0, 0), rv.addi(9, 0, HANDOFFS), rv.addi(7, 0, 1), rv.sub(7, 7, 10), // s0 = 0, s1 = HANDOFFS, t2 = 1 - hart
    /* loop: */ rv.lw(6, 5, 0), rv.beq(6, 10, 12), rv.PAUSE, rv.jal(0, -12),
    /* turn: */ rv.sw(7, 5, 0), rv.addi(8, 8, 1), rv.bne(8, 9, -24),
    rv.bne(10, 0, 20), rv.lui(6, 0x100), rv.lui(28, 5), rv.addi(28, 28, 0x555), rv.sw(28, 6, 0),
    /* park: */ rv.WFI, rv.jal(0, -4),
  );

  it("gives the physical hart to the vCPU a spinning one waits for: a handoff costs instructions, not a quantum", async () => {
    const hv = await Hypervisor.create({ quantum: 100_000 });
    const vm = hv.createVm({ memoryBytes: 1 << 20, harts: 2 });
    vm.boot({ firmware: pingPong });
    while (hv.runFor(1000));
    expect(vm.result).toMatchObject({ outcome: "pass" });
    // Without it each handoff would cost the waiter's whole quantum of spinning: 40 × 100,000.
    expect(vm.instructions).toBeLessThan(HANDOFFS * 1000);
    expect(vm.stats.pause.yields).toBeGreaterThanOrEqual(HANDOFFS - 1);
    expect(vm.report().pause.exits).toBeGreaterThanOrEqual(vm.stats.pause.yields);
  });

  it("is off for one-hart VMs: pause is a hint that ends no run", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 1 << 20 });
    vm.loadBytes(0x8000_0000n, rv.code(rv.PAUSE, rv.PAUSE, rv.PAUSE, rv.WFI));
    expect(vm.run(100)).toBe("wfi");
    expect(vm.stats.pause.exits).toBe(0);
  });

  it("lets a hart thread spin on without a round trip while no other vCPU waits for it", async () => {
    const hv = await Hypervisor.create({ harts: 2, parallel: true });
    try {
      const vm = hv.createVm({ memoryBytes: 1 << 20, harts: 2 });
      vm.boot({ firmware: pingPong });
      while (hv.runFor(1000));
      expect(vm.result).toMatchObject({ outcome: "pass" });
      // Both harts have a thread: once both run, no pause ends a run (only while the second
      // still waited for its thread, as the first was put on its own).
      expect(vm.stats.pause.exits).toBeLessThanOrEqual(2);
    } finally {
      hv.close();
    }
  });
});
