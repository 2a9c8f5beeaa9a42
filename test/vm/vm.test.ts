import { describe, expect, it } from "vitest";
import { ArgumentError, DeviceError, Hypervisor, layout as L, RvisorError, type MmioDevice } from "../../src/index.js";
import { RESET_CLOCK_COST } from "../../src/time.js";
import * as rv from "../helpers/rv.js";
import { linuxImage } from "../helpers/image.js";

// The edges of the VM's public API: device reads that are numbers, and interrupt lines driven
// with arguments the PLIC cannot take.

/** A VM whose guest loads a word from a device at 0x1000_2000 into a2 and waits. */
async function readsDevice(read: MmioDevice["read"]) {
  const hv = await Hypervisor.create();
  const vm = hv.createVm({ name: "reader", memoryBytes: 1 << 20 });
  vm.addDevice(0x1000_2000n, { name: "counter", size: 0x1000, read, write: () => {} });
  vm.loadBytes(0x8000_0000n, rv.code(rv.lui(10, 0x10002), rv.lw(12, 10, 4), rv.WFI, rv.jal(0, -4)));
  vm.run(100);
  return vm;
}

describe("a device model's read", () => {
  it("may return a number: a safe integer is converted with BigInt, sign-extended by lw as a bigint is", async () => {
    expect((await readsDevice(() => 7)).vcpu.x(12)).toBe(7n);
    expect((await readsDevice(() => 0xffff_fff0)).vcpu.x(12)).toBe(0xffff_ffff_ffff_fff0n);
    expect((await readsDevice(() => 7n)).vcpu.x(12)).toBe(7n);
  });

  it("that returns anything else stops the VM with a DeviceError naming the device, the access and the value", async () => {
    for (const [value, shown] of [[1.5, "1.5 (number)"], [NaN, "NaN (number)"], [2 ** 53, "9007199254740992 (number)"], ["7", '"7" (string)'], [undefined, "undefined (undefined)"]] as const) {
      const vm = await readsDevice(() => value as never);
      expect(vm.state, shown).toBe("stopped");
      expect(vm.result?.error, shown).toBeInstanceOf(DeviceError);
      expect((vm.result?.error as Error).message).toBe(`device counter: read(0x4, 4) returned ${shown}, not a bigint or a safe integer`);
      expect(vm.result?.reason).toMatch(/^host error while handling an access to device counter: device counter: read\(0x4, 4\) returned/);
    }
  });
});

describe("vm.setIrq()", () => {
  it("drives PLIC sources 1..95", async () => {
    const vm = (await Hypervisor.create()).createVm({ memoryBytes: 1 << 20 });
    vm.setIrq(1, true);
    vm.setIrq(95, true);
    vm.setIrq(95, false);
  });

  it("refuses a source that does not exist, a non-integer or a level that is not a boolean, with an ArgumentError naming it", async () => {
    const vm = (await Hypervisor.create()).createVm({ name: "dev", memoryBytes: 1 << 20 });
    const refused: [unknown, unknown, string][] = [
      [0, true, "VM dev: setIrq(0): there is no PLIC source 0, the sources are 1..95"],
      [96, true, "VM dev: setIrq(96): there is no PLIC source 96, the sources are 1..95"],
      [-1, true, "VM dev: setIrq(-1): there is no PLIC source -1, the sources are 1..95"],
      [2.5, true, "VM dev: setIrq(2.5): there is no PLIC source 2.5, the sources are 1..95"],
      [NaN, true, "VM dev: setIrq(NaN): there is no PLIC source NaN, the sources are 1..95"],
      ["5", true, 'VM dev: setIrq("5"): there is no PLIC source "5", the sources are 1..95'],
      [5, 1, "VM dev: setIrq(5, 1): the level must be a boolean, got number"],
      [5, undefined, "VM dev: setIrq(5, undefined): the level must be a boolean, got undefined"],
      [5, "false", 'VM dev: setIrq(5, "false"): the level must be a boolean, got string'],
    ];
    for (const [irq, level, message] of refused) {
      const e = (() => { try { vm.setIrq(irq as number, level as boolean); } catch (e) { return e; } })();
      expect(e, message).toBeInstanceOf(ArgumentError);
      expect(e).toBeInstanceOf(RvisorError);
      expect((e as Error).message).toBe(message);
    }
  });
});

describe("a reboot", () => {
  it("starts the guest again from its images with cleared RAM, keeps the clock moving forward and your devices mapped, and resets them", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ name: "again", memoryBytes: 1 << 20 });
    let resets = 0;
    const device: MmioDevice = { name: "mine", size: 0x100, read: () => 0n, write: () => {}, reset: () => void resets++ };
    vm.addDevice(0x1000_3000n, device);
    // Reads the device, then resets through the test finisher.
    const program = rv.code(
      rv.lui(10, 0x10003), rv.lw(11, 10, 0),
      rv.lui(5, 0x100), rv.lui(6, 0x7), rv.addi(6, 6, 0x777), rv.sw(6, 5, 0),
      rv.WFI,
    );
    vm.boot({ firmware: program });
    vm.loadBytes(0x8001_0004n, new Uint8Array([0x55])); // not part of the images: gone after the reboot
    hv.runFor(0, 1);
    expect(vm.stats.reboots).toBe(1);
    expect(resets).toBe(1);
    expect(vm.readBytes(0x8001_0004n, 1)[0]).toBe(0);
    expect(vm.vcpu.pc).toBe(0x8000_0000n);
    expect(vm.vcpu.get(L.CLOCK)).toBeGreaterThanOrEqual(RESET_CLOCK_COST);
    expect(vm.bus.find(0x1000_3000n)?.device).toBe(device);
    expect(vm.state).toBe("running");
  });
});

describe("a VM with several harts", () => {
  const COUNTER = 0x8000_1000n;
  // Every hart that runs: amoadd.w 1 to COUNTER, a0 (its hart id at boot) into slot a0, wait.
  const checkInWords = [
    // t0 = 0x8000_1000 (lui would sign-extend 0x80001000 on RV64)
    rv.addi(5, 0, 1), rv.slli(5, 5, 31), rv.lui(6, 1), rv.add(5, 5, 6),
    rv.addi(6, 0, 1), rv.amoaddW(0, 6, 5),
    rv.slli(28, 10, 3), rv.add(28, 28, 5), rv.sd(10, 28, 8),
    rv.WFI, rv.jal(0, -4),
  ];
  const checkIn = rv.code(...checkInWords);
  const slots = (vm: { readBytes(a: bigint, n: number): Uint8Array }, n: number) =>
    Array.from({ length: n }, (_, h) => new DataView(vm.readBytes(COUNTER + 8n + BigInt(h) * 8n, 8).buffer).getBigUint64(0, true));

  for (const physical of [1, 2]) {
    it(`firmware boot starts every hart at the entry with a0 = its hart id (${physical} physical harts)`, async () => {
      const hv = await Hypervisor.create({ harts: physical });
      const vm = hv.createVm({ memoryBytes: 1 << 20, harts: 4 });
      vm.boot({ firmware: checkIn });
      hv.runFor(1000, 50);
      expect(new DataView(vm.readBytes(COUNTER, 4).buffer).getUint32(0, true)).toBe(4);
      expect(slots(vm, 4)).toEqual([0n, 1n, 2n, 3n]);
      expect(vm.harts.map((h) => h.vcpu.get(L.MHARTID))).toEqual([0n, 1n, 2n, 3n]);
      expect(vm.harts.map((h) => h.state)).toEqual(["waiting", "waiting", "waiting", "waiting"]);
    });
  }

  it("kernel boot starts hart 0 only: the others are stopped until SBI HSM starts them", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 4 << 20, harts: 3, mode: "kernel" });
    vm.boot({ kernel: linuxImage(4096, 4096, checkInWords) });
    hv.runFor(1000, 50);
    expect(vm.harts.map((h) => h.state)).toEqual(["waiting", "stopped", "stopped"]);
    expect(new DataView(vm.readBytes(COUNTER, 4).buffer).getUint32(0, true)).toBe(1);
  });

  it("rejects a hart count outside 1..8", async () => {
    const hv = await Hypervisor.create();
    for (const harts of [0, 9, 1.5, "2"]) expect(() => hv.createVm({ harts: harts as number }), String(harts)).toThrow(/harts must be an integer from 1 to 8/);
    await expect(Hypervisor.create({ harts: 9 })).rejects.toThrow(/physical harts\) must be an integer from 1 to 8/);
  });
});
