import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Hypervisor, VmConfigError, layout as L, type HypervisorEvent, type MmioDevice } from "../../src/index.js";
import * as rv from "../helpers/rv.js";

const demo = (f: string) => readFileSync(new URL(`../../guests/demo/${f}`, import.meta.url));
const TICKS = 50;
const QUANTUM = 100_000;

type Guest = { file: string; name: string; mode: "firmware" | "kernel"; sstc: boolean };
const TICK_M: Guest = { file: "tick-m.elf", name: "tick-m", mode: "firmware", sstc: false };
const TICK_S: Guest = { file: "tick-s.elf", name: "tick-s", mode: "kernel", sstc: false };
const TICK_SSTC: Guest = { file: "tick-sstc.elf", name: "tick-sstc", mode: "kernel", sstc: true };
const CPU: Guest = { file: "cpu-bound.elf", name: "cpu", mode: "firmware", sstc: false };

async function runGuests(guests: Guest[], onEvent?: (e: HypervisorEvent) => void) {
  const hv = await Hypervisor.create({ quantum: QUANTUM, onEvent });
  const consoles = guests.map(() => [] as number[]);
  guests.forEach((g, i) => {
    const vm = hv.createVm({ name: g.name, mode: g.mode, sstc: g.sstc, memoryBytes: 8 << 20, onConsole: (b) => consoles[i]!.push(b) });
    vm.loadElf(demo(g.file));
  });
  await hv.run();
  return { hv, consoles: consoles.map((c) => new TextDecoder().decode(new Uint8Array(c))) };
}

/** "tick-x: 50 ticks, max lateness L ticks, ..." as the tick guests print it. */
function tickLine(console: string) {
  const m = /(\d+) ticks, max lateness (\d+) ticks.*timer (\S+)/.exec(console);
  if (!m) throw new Error(`no tick summary in: ${console}`);
  return { ticks: Number(m[1]), maxLateness: Number(m[2]), timer: m[3] };
}

describe("the timer, three ways (in the style of KVM's arch_timer selftest)", () => {
  // Several VMs share the one physical hart; a CPU-bound one competes for it all the time.
  const guests = [TICK_M, TICK_S, TICK_SSTC, CPU];

  it("delivers exactly one interrupt per armed deadline, never early, within a bound", async () => {
    const { hv, consoles } = await runGuests(guests);
    for (const [i, g] of guests.entries()) {
      const vm = hv.vms[i]!;
      expect(vm.result, `${g.name}: ${consoles[i]}`).toMatchObject({ outcome: "pass" });
      if (g === CPU) continue;
      const line = tickLine(consoles[i]!);
      expect(line.timer).toBe({ "tick-m": "clint", "tick-s": "sbi", "tick-sstc": "sstc" }[g.name]);
      // The guest checks "never early" itself (it fails otherwise) and counts its handler runs.
      expect(line.ticks).toBe(TICKS);
      // One interrupt per deadline, as the hypervisor counted it (the tick guests also arm
      // all-ones at the end and check that nothing fires after).
      expect(vm.stats.interrupts).toBe(TICKS);
      expect(vm.stats.injected.timer).toBe(TICKS);
      expect(vm.stats.latency.count).toBe(TICKS);
      // Bound: a woken VM preempts the running one at the deadline, so the handler starts
      // within one slice of the interpreter; in guest time the lateness the guest sees stays
      // under 10 µs (100 ticks), far below the 1 ms period.
      expect(vm.stats.latency.max).toBeLessThanOrEqual(1000);
      // The same latency in µs of guest time (100 clock units per µs), in the report and the table.
      expect(vm.report().latencyUs.max).toBe(vm.stats.latency.max / 100);
      expect(line.maxLateness).toBeLessThanOrEqual(100);
    }
  });

  it("makes each technique's cost visible in its exits", async () => {
    const { hv } = await runGuests([TICK_M, TICK_S, TICK_SSTC]);
    const [m, s, sstc] = hv.vms.map((vm) => vm.stats.exits);
    // Trap-and-emulate: every mtimecmp store and mtime load leaves the guest.
    expect(m!.get("mmio")!.count).toBeGreaterThanOrEqual(2 * TICKS);
    expect(m!.get("hypercall")!.count).toBe(0);
    // Paravirtual: one SBI call per tick.
    expect(s!.get("hypercall")!.count).toBeGreaterThanOrEqual(TICKS);
    expect(s!.get("mmio")!.count).toBe(0);
    // Sstc: the timer costs no exit at all; the few hypercalls are the console and the shutdown.
    expect(sstc!.get("hypercall")!.count).toBeLessThan(10);
    expect(sstc!.get("mmio")!.count).toBe(0);
  });

  it("injects only when the one physical timer fires, programmed for the earliest deadline", async () => {
    const programmed = new Set<bigint>();
    const injections: bigint[] = [];
    const { hv } = await runGuests([TICK_M, TICK_S, CPU], (e) => {
      if (e.type === "timer") programmed.add(e.deadline);
      if (e.type === "inject") injections.push(e.clock);
    });
    expect(injections.length).toBe(2 * TICKS);
    // Every injection happened at a deadline the physical timer had been programmed for.
    for (const at of injections) expect(programmed.has(at), `injection at ${at}`).toBe(true);
    expect(hv.vms.every((vm) => vm.result?.outcome === "pass")).toBe(true);
  });
});

describe("reset", () => {
  // Prints "B" on the UART, then asks the test finisher for a reset (0x7777).
  const resetter = rv.code(
    rv.lui(10, 0x10000), rv.addi(11, 0, 0x42), 0x00b50023 /* sb a1, 0(a0) */,
    rv.lui(12, 0x100), rv.lui(13, 7), rv.addi(13, 13, 0x777), rv.sw(13, 12, 0), rv.WFI,
  );

  it("boots the VM again from its images, with cleared RAM and fresh devices", async () => {
    const hv = await Hypervisor.create({ maxInsns: 200 });
    let out = "";
    const vm = hv.createVm({ memoryBytes: 1 << 20, onConsole: (b) => (out += String.fromCharCode(b)) });
    vm.boot({ firmware: resetter });
    vm.loadBytes(0x8008_0000n, new Uint8Array([1, 2, 3])); // not part of the image: gone after a reboot
    await hv.run();
    expect(out.length).toBeGreaterThanOrEqual(5);
    expect(out).toMatch(/^B+$/);
    expect(vm.stats.reboots).toBe(out.length - 1);
    expect([...vm.readBytes(0x8008_0000n, 3)]).toEqual([0, 0, 0]);
    expect(vm.result?.outcome).toBe("max-insns");
  });

  // Resets at once: the test finisher (firmware mode), or SBI SRST cold reboot (kernel mode).
  const finisherReset = rv.code(rv.lui(12, 0x100), rv.lui(13, 7), rv.addi(13, 13, 0x777), rv.sw(13, 12, 0), rv.WFI);
  // A raw RISC-V Image: "j 64" over the header, the "RSC\x05" magic at 0x38, the code at 64.
  const sbiReset = new Uint8Array(64 + 28);
  sbiReset.set(rv.code(rv.jal(0, 64)), 0);
  new DataView(sbiReset.buffer).setUint32(0x38, 0x0543_5352, true);
  sbiReset.set(rv.code(rv.lui(17, 0x53525), rv.addi(17, 17, 0x354), rv.addi(16, 0, 0), rv.addi(10, 0, 1), rv.addi(11, 0, 0), rv.ECALL, rv.WFI), 64);

  for (const [how, mode, image] of [["the test finisher", "firmware", finisherReset], ["SBI system reset", "kernel", sbiReset]] as const) {
    it(`keeps the machine's clock going forward and the other VMs running while a guest resets in a loop (${how})`, async () => {
      const clocks: bigint[] = [];
      const hv = await Hypervisor.create({ quantum: QUANTUM, onEvent: (e) => e.type === "run" && clocks.push(e.clock) });
      const looping = hv.createVm({ name: "looping", mode, memoryBytes: 1 << 20 });
      looping.boot(mode === "kernel" ? { kernel: image } : { firmware: image });
      const other = hv.createVm({ name: "tick-m", memoryBytes: 8 << 20 });
      other.loadElf(demo("tick-m.elf"));
      void other.exited.then(() => hv.stop());
      const t0 = performance.now();
      await hv.run();
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(other.result?.outcome).toBe("pass");
      // Each reset takes 1 ms of guest time: about one per tick of the other VM's 50 ms.
      expect(looping.stats.reboots).toBeGreaterThan(10);
      for (let k = 1; k < clocks.length; k++) expect(clocks[k]! >= clocks[k - 1]!).toBe(true);
      expect(hv.clock).toBeGreaterThanOrEqual(BigInt(looping.stats.reboots) * 100_000n);
    });
  }

  it("stops the VM instead when created with onReset: \"stop\"", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 1 << 20, onReset: "stop" });
    vm.boot({ firmware: resetter });
    await hv.run();
    expect(vm.result).toMatchObject({ outcome: "reset", reason: "test finisher: reset requested" });
    expect(vm.stats.reboots).toBe(0);
  });
});

describe("real-time mode", () => {
  it("follows the host clock: 50 ticks 1 ms apart take at least 50 ms", async () => {
    const hv = await Hypervisor.create({ timeMode: "realtime" });
    const vm = hv.createVm({ memoryBytes: 8 << 20 });
    vm.loadElf(demo("tick-m.elf"));
    const t0 = performance.now();
    await hv.run();
    expect(vm.result?.outcome).toBe("pass");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(49);
  });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const ms = (clock: bigint) => Number(clock) / 100_000;

  it("holds a guest back to wall time even when the host calls runFor again at once (a worker's loop)", async () => {
    const t0 = performance.now();
    const hv = await Hypervisor.create({ timeMode: "realtime" });
    const vm = hv.createVm({ memoryBytes: 8 << 20 });
    vm.loadElf(demo("cpu-bound.elf"));
    while (performance.now() - t0 < 300) {
      hv.runFor(10);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(vm.state).toBe("running");
    // At most the lead (1 ms) and one quantum (1 ms) ahead of the host.
    expect(ms(hv.clock)).toBeLessThanOrEqual(performance.now() - t0 + 3);
  });

  it("stops guest time at the pause itself, not where the guests last ran", async () => {
    const hv = await Hypervisor.create({ timeMode: "realtime" });
    const t0 = performance.now(); // guest time 0 is a little before: when hv was created
    hv.createVm({ memoryBytes: 8 << 20 }).loadElf(demo("cpu-bound.elf"));
    hv.runFor(2); // the guest runs a little, then nothing runs the hypervisor for a while
    await sleep(40);
    const waited = performance.now() - t0;
    hv.pause();
    expect(ms(hv.clock)).toBeGreaterThanOrEqual(waited - 1);
    const paused = hv.clock;
    await sleep(20);
    hv.pause(); // again: time is already stopped
    expect(hv.clock).toBe(paused);
  });

  it("stops guest time while paused: after a pause of 300 ms the clock continues where it stopped", async () => {
    const hv = await Hypervisor.create({ timeMode: "realtime" });
    const vm = hv.createVm({ memoryBytes: 8 << 20 });
    vm.loadElf(demo("cpu-bound.elf"));
    const runBriefly = async () => {
      const done = hv.run();
      await sleep(30);
      hv.pause();
      await done;
    };
    await runBriefly();
    const paused = hv.clock;
    expect(ms(paused)).toBeGreaterThanOrEqual(29);
    await sleep(200);
    // A step while paused runs one quantum (1 ms of guest time), not the 200 ms that passed.
    hv.step();
    expect(vm.instructions).toBeGreaterThan(0);
    expect(ms(hv.clock - paused)).toBeLessThan(10);
    await sleep(100);
    await runBriefly();
    expect(vm.state).toBe("running");
    // About 30 ms ran (plus at most one 20-ms slice); the 300 ms paused did not count.
    expect(ms(hv.clock - paused)).toBeGreaterThanOrEqual(29);
    expect(ms(hv.clock - paused)).toBeLessThan(150);
  });

  it("skips idle time in steps while paused: tick-m's 50 ticks in steps, without waiting 50 ms", async () => {
    const hv = await Hypervisor.create({ timeMode: "realtime" });
    const vm = hv.createVm({ memoryBytes: 8 << 20 });
    vm.loadElf(demo("tick-m.elf"));
    hv.pause();
    const t0 = performance.now();
    let steps = 0;
    while (vm.state !== "stopped" && steps < 5000) {
      hv.step();
      steps++;
    }
    expect(vm.result?.outcome).toBe("pass");
    // Every tick is an idle step (skip to the deadline, inject) and a run of the handler.
    expect(steps).toBeGreaterThanOrEqual(2 * TICKS);
    expect(ms(hv.clock)).toBeGreaterThanOrEqual(TICKS);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe("time as the guest sees it", () => {
  it("gives a CLINT mtime load inside a slice the clock rdtime gives (never behind it)", async () => {
    const hv = await Hypervisor.create({ quantum: QUANTUM });
    const vm = hv.createVm({ memoryBytes: 1 << 20 });
    // 3000 loop iterations, then rdtime a0; ld a1, mtime; rdtime a2.
    vm.loadBytes(0x8000_0000n, rv.code(
      rv.lui(5, 1), rv.addi(5, 5, -1096), // t0 = 3000
      rv.addi(5, 5, -1), 0xfe029ee3 /* bnez t0, -4 */,
      0xc0102573 /* rdtime a0 */, rv.lui(6, 0x200c), rv.ld(11, 6, -8) /* mtime at 0x200bff8 */, 0xc0102673 /* rdtime a2 */,
      rv.WFI,
    ));
    hv.runFor(1000, 3);
    const [t0, mtime, t1] = [vm.vcpu.x(10), vm.vcpu.x(11), vm.vcpu.x(12)];
    expect(t0).toBeGreaterThan(500n); // 6000 instructions at 10 per tick
    expect(mtime).toBeGreaterThanOrEqual(t0);
    expect(t1).toBeGreaterThanOrEqual(mtime);
  });
});

describe("far deadlines", () => {
  it("treats a deadline near 2^64 clock units as off: the clock never wraps, runFor returns", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 1 << 20 });
    // mtimecmp = 0x1999_9999_9999_9998 (clock 2^64 - 16), MTIE on, wfi; then the timer off and a loop.
    const code = rv.code(
      rv.auipc(28, 0), rv.ld(6, 28, 64), rv.lui(5, 0x2004), rv.sd(6, 5, 0), rv.addi(7, 0, 0x80),
      rv.csrrw(0, 0x304, 7), rv.WFI, rv.addi(6, 0, -1), rv.sd(6, 5, 0), 0xc0102573 /* rdtime a0 */, rv.jal(0, -4),
    );
    vm.loadBytes(0x8000_0000n, code);
    vm.platform.ram.write64(0x8000_0040n, 0x1999_9999_9999_9998n);
    for (let k = 0; k < 4; k++) {
      hv.runFor(50);
      expect(hv.clock < 1n << 62n, `clock 0x${hv.clock.toString(16)}`).toBe(true); // before it could spin
    }
    expect(vm.result).toMatchObject({ outcome: "fatal", reason: expect.stringMatching(/waits for an interrupt/) });
  });
});

describe("determinism", () => {
  it("gives the same consoles and the same exit sequence run to run", async () => {
    const a = await runGuests([TICK_M, TICK_S, TICK_SSTC, CPU]);
    const b = await runGuests([TICK_M, TICK_S, TICK_SSTC, CPU]);
    expect(b.consoles).toEqual(a.consoles);
    expect(b.hv.exitCount).toBe(a.hv.exitCount);
    expect(b.hv.exitDigest).toBe(a.hv.exitDigest);
    expect(b.hv.clock).toBe(a.hv.clock);
  });
});

describe("faults stay in their VM", () => {
  it("stops a guest that jumps into nowhere, with the reason, while the others finish", async () => {
    const hv = await Hypervisor.create({ quantum: QUANTUM });
    const bad = hv.createVm({ name: "bad", memoryBytes: 1 << 20 });
    bad.loadBytes(0x8000_0000n, rv.code(rv.lui(5, 0x40000), rv.add(1, 5, 0), 0x00008067 /* ret */));
    const good = hv.createVm({ name: "good", memoryBytes: 8 << 20 });
    good.loadElf(demo("tick-m.elf"));
    await hv.run();
    expect(bad.result?.outcome).toBe("fatal");
    expect(bad.result?.reason).toMatch(/no usable trap handler: instruction access fault at pc 0x0/);
    expect(good.result?.outcome).toBe("pass");
  });

  it("stops a guest waiting for an interrupt nothing will raise", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 1 << 20 });
    vm.loadBytes(0x8000_0000n, rv.code(rv.WFI));
    await hv.run();
    expect(vm.result).toMatchObject({ outcome: "fatal", reason: expect.stringMatching(/waits for an interrupt/) });
  });

  it("stops a guest spinning on a jump to itself that no interrupt can leave", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 1 << 20 });
    vm.loadBytes(0x8000_0000n, rv.code(rv.NOP, rv.jal(0, 0)));
    await hv.run();
    expect(vm.result).toMatchObject({ outcome: "fatal", reason: expect.stringMatching(/spins forever at pc 0x80000004/) });
  });

  it("stops only the VM whose device model or console listener throws, with the reason", async () => {
    const hv = await Hypervisor.create({ quantum: QUANTUM });
    const device = { name: "broken", size: 0x1000, read: () => 0n, write: () => { throw new Error("model bug"); } };
    const a = hv.createVm({ name: "a", memoryBytes: 1 << 20 });
    a.addDevice(0x1000_2000n, device);
    a.loadBytes(0x8000_0000n, rv.code(rv.lui(10, 0x10002), rv.sw(0, 10, 0), rv.WFI));
    // b prints on the UART; its listener throws.
    const b = hv.createVm({ name: "b", memoryBytes: 1 << 20, onConsole: () => { throw new TypeError("listener bug"); } });
    b.loadBytes(0x8000_0000n, rv.code(rv.lui(10, 0x10000), rv.addi(11, 0, 0x42), 0x00b50023 /* sb a1, 0(a0) */, rv.WFI));
    const good = hv.createVm({ name: "good", memoryBytes: 8 << 20 });
    good.loadElf(demo("tick-m.elf"));
    await hv.run();
    expect(a.result).toMatchObject({ outcome: "fatal", reason: "host error while handling an access to device broken: model bug" });
    expect(b.result).toMatchObject({ outcome: "fatal", reason: "host error while handling an access to device uart: listener bug" });
    expect(b.result?.error).toBeInstanceOf(TypeError);
    expect(good.result?.outcome).toBe("pass");
  });

  it("stops only the VM the core fails on (a vCPU block the host corrupted), with the reason", async () => {
    const hv = await Hypervisor.create({ quantum: QUANTUM });
    const bad = hv.createVm({ name: "bad", memoryBytes: 1 << 20 });
    bad.loadBytes(0x8000_0000n, rv.code(rv.auipc(10, 0), rv.ld(11, 10, 0), rv.WFI));
    bad.vcpu.set(L.RAM_HOST, 0xffff_0000n); // past the end of the linear memory
    const good = hv.createVm({ name: "good", memoryBytes: 8 << 20 });
    good.loadElf(demo("tick-m.elf"));
    await hv.run();
    expect(bad.result).toMatchObject({ outcome: "fatal", reason: expect.stringMatching(/^the core failed running this VM near pc 0x80000000: memory access out of bounds/) });
    expect(good.result?.outcome).toBe("pass");
  });

  it("rejects impossible configurations with a clear error", async () => {
    const hv = await Hypervisor.create();
    expect(() => hv.createVm({ memoryBytes: 1000 })).toThrow(/multiple of 4 KiB/);
    expect(() => hv.createVm({ memoryBytes: 4 * 2 ** 30 })).toThrow(/exceeds the 2 GiB/);
    const vm = hv.createVm({ memoryBytes: 1 << 20 });
    const device = { name: "mine", size: 0x1000, read: () => 0n, write: () => {} };
    expect(() => vm.addDevice(0x1000_0000n, device)).toThrow(/overlaps uart/);
    expect(() => vm.addDevice(0x8000_0000n, device)).toThrow(/overlaps RAM/);
    await expect(Hypervisor.create({ quantum: 0 })).rejects.toThrow(/quantum/);
  });

  it("refuses hypervisor options it cannot use, before running (NaN instructions would never end a run)", async () => {
    for (const maxInsns of [NaN, 0, -5, 1.5, "100"]) {
      await expect(Hypervisor.create({ maxInsns: maxInsns as number }), String(maxInsns)).rejects.toThrow(new VmConfigError(`maxInsns must be a positive integer, got ${maxInsns}`));
    }
    await expect(Hypervisor.create({ onEvent: "log" as never })).rejects.toThrow(new VmConfigError("onEvent must be a function, got string"));
    await expect(Hypervisor.create({ timeMode: "wallclock" as never })).rejects.toThrow(/timeMode must be "deterministic" or "realtime", got wallclock/);
    expect((await Hypervisor.create({ maxInsns: Infinity })).vms).toEqual([]);
  });

  it("refuses devices the bus cannot map, naming the device and the problem", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 1 << 20 });
    const dev = (size: unknown, name: unknown = "mine") => ({ name, size, read: () => 0n, write: () => {} }) as MmioDevice;
    const refused: [unknown, MmioDevice, RegExp][] = [
      [0x2000_0000n, dev(0), /device mine: its size must be a positive integer, got 0/],
      [0x2000_0000n, dev(-8), /size must be a positive integer/],
      [0x2000_0000n, dev(8.5), /size must be a positive integer/],
      [0x2000_0000n, dev(NaN), /size must be a positive integer/],
      [0x2000_0000n, dev("16"), /size must be a positive integer/],
      [0x2000_0000n, dev(12), /device mine: its size 12 is not a multiple of 8 bytes/],
      [0x2000_0004n, dev(16), /base address 0x20000004 is not a multiple of 8/],
      [-8n, dev(16), /device mine: its base address -8 is negative/],
      [0x2000_0000, dev(16), /base address must be a bigint/],
      [0xffff_ffff_ffff_fff8n, dev(16), /device mine: the region at 0xfffffffffffffff8 of 16 bytes wraps past 2\^64/],
      [0x2000_0000n, dev(16, 7), /a device's name must be a string/],
      [0x2000_0000n, { name: "mine", size: 16 } as unknown as MmioDevice, /device mine: read and write must be functions/],
      [0x2000_0000n, null as unknown as MmioDevice, /a device must be an object/],
      [0x0c00_0000n, dev(16), /device mine at .* overlaps plic/],
    ];
    for (const [base, device, message] of refused) {
      const e = (() => { try { vm.addDevice(base as bigint, device); } catch (e) { return e; } })();
      expect(e, String(message)).toBeInstanceOf(VmConfigError);
      expect((e as Error).message).toMatch(message);
    }
    vm.addDevice(0xffff_ffff_ffff_fff0n, dev(16, "top")); // ends exactly at 2^64
    // The core maps 16 regions; the platform has 4 of them.
    for (let i = 1; i < L.DEV_MAX - 4; i++) vm.addDevice(0x2000_0000n + BigInt(i) * 0x1000n, dev(0x1000, `d${i}`));
    expect(() => vm.addDevice(0x3000_0000n, dev(8, "one-too-many"))).toThrow(/device one-too-many: no room, a VM has at most 12 devices of yours/);
    expect(vm.bus.regions).toHaveLength(L.DEV_MAX);
  });
});

describe("input held open (vm.holdInput)", () => {
  const echo = readFileSync(new URL("../../guests/demo/echo.elf", import.meta.url));

  it("waits for input in deterministic mode without advancing the clock, then stops the VM once the input ended", async () => {
    const hv = await Hypervisor.create();
    let out = "";
    const vm = hv.createVm({ name: "echo", memoryBytes: 4 << 20, onConsole: (b) => (out += String.fromCharCode(b)) });
    vm.loadElf(echo);
    vm.holdInput();
    let done = false;
    const run = hv.run().then(() => (done = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/echo> $/);
    expect([vm.state, done, hv.waitingForInput]).toEqual(["waiting", false, true]);
    const [clock, instructions] = [hv.clock, vm.instructions];
    await new Promise((r) => setTimeout(r, 100));
    expect([hv.clock, vm.instructions]).toEqual([clock, instructions]); // no spin, no clock advance

    vm.sendInput("hi\n");
    await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/echo: hi\necho> $/);
    expect(done).toBe(false);
    vm.releaseInput();
    await run;
    expect(vm.result).toMatchObject({ outcome: "fatal", reason: expect.stringMatching(/nothing will raise: its input ended$/) });
  });

  it("wakes a VM waiting on held input for input a host timer sends, and pause() ends the wait", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ name: "echo", memoryBytes: 4 << 20 });
    vm.loadElf(echo);
    vm.holdInput();
    const run = hv.run();
    await new Promise((r) => setTimeout(r, 50));
    expect(vm.state).toBe("waiting");
    setTimeout(() => vm.sendInput("x"), 10);
    await new Promise((r) => setTimeout(r, 50));
    expect(vm.stats.exits.get("wfi")?.count).toBeGreaterThanOrEqual(2); // it woke and slept again
    hv.pause();
    await run; // returns although the VM still waits
    expect(vm.state).toBe("waiting");
  });
});
