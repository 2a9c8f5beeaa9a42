import { describe, expect, it } from "vitest";
import { MIP_MSIP, MIP_MTIP } from "../../src/core/vcpu.js";
import { Clint, CLINT_MSIP, CLINT_MTIME, CLINT_MTIMECMP, clintNode } from "../../src/devices/clint.js";
import type { DeviceState } from "../../src/devices/device.js";
import { DeviceError } from "../../src/errors.js";

function clint(harts = 2) {
  let mtime = 0x1234_5678_9abc_def0n;
  const changed: number[] = [];
  const c = new Clint(harts, { mtime: () => mtime, changed: (hart) => changed.push(hart) });
  return { c, changed, setTime: (t: bigint) => (mtime = t) };
}

describe("CLINT", () => {
  it("resets mtimecmp to all-ones (off) and msip to 0", () => {
    const { c } = clint();
    expect(c.read(CLINT_MTIMECMP, 8)).toBe(0xffff_ffff_ffff_ffffn);
    expect(c.read(CLINT_MTIMECMP + 8, 8)).toBe(0xffff_ffff_ffff_ffffn);
    expect(c.read(CLINT_MSIP, 4)).toBe(0n);
  });

  it("stores mtimecmp per hart, whole or in 32-bit halves, and reports the change", () => {
    const { c, changed } = clint();
    c.write(CLINT_MTIMECMP + 8, 8, 0x1111_2222_3333_4444n);
    expect(c.mtimecmp).toEqual([0xffff_ffff_ffff_ffffn, 0x1111_2222_3333_4444n]);
    c.write(CLINT_MTIMECMP, 4, 0xaaaa_bbbbn);
    c.write(CLINT_MTIMECMP + 4, 4, 0x0000_0005n);
    expect(c.read(CLINT_MTIMECMP, 8)).toBe(0x5_aaaa_bbbbn);
    expect(c.read(CLINT_MTIMECMP + 4, 4)).toBe(5n);
    expect(changed).toEqual([1, 0, 0]);
  });

  it("keeps bit 0 of msip per hart and reads mtime from the platform, read-only", () => {
    const { c, changed, setTime } = clint();
    c.write(CLINT_MSIP + 4, 4, 0xffn);
    expect(c.msip).toEqual([0, 1]);
    expect(c.read(CLINT_MSIP + 4, 4)).toBe(1n);
    expect(changed).toEqual([1]);
    setTime(42n);
    expect(c.read(CLINT_MTIME, 8)).toBe(42n);
    c.write(CLINT_MTIME, 8, 7n);
    expect(c.read(CLINT_MTIME, 8)).toBe(42n);
    setTime(0x1_0000_0002n);
    expect(c.read(CLINT_MTIME + 4, 4)).toBe(1n);
  });

  it("ignores harts that do not exist", () => {
    const { c, changed } = clint(1);
    c.write(CLINT_MTIMECMP + 8, 8, 5n);
    c.write(CLINT_MSIP + 4, 4, 1n);
    expect(c.read(CLINT_MTIMECMP + 8, 8)).toBe(0n);
    expect(changed).toEqual([]);
  });
});

describe("CLINT as a Device", () => {
  /** Some activity on every register kind. */
  const busy = (c: Clint) => {
    c.write(CLINT_MSIP + 4, 4, 1n);
    c.write(CLINT_MTIMECMP, 8, 0x1234n);
    c.write(CLINT_MTIMECMP + 12, 4, 0x7n);
  };
  const reads = (c: Clint) => [0, 4, 8].map((o) => c.read(CLINT_MSIP + o, 4)).concat([0, 8, 16].map((o) => c.read(CLINT_MTIMECMP + o, 8)));

  it("describes itself as QEMU virt does: M software (mip bit 3) and M timer (bit 7) interrupts", () => {
    expect(clint().c.deviceTree()).toEqual({ name: "clint", compatible: ["sifive,clint0", "riscv,clint0"], hartInterrupts: [3, 7] });
    expect(clintNode()).toEqual(clint().c.deviceTree());
    // The numbers mirror the vCPU's mip masks.
    expect(clintNode().hartInterrupts!.map((b) => 1n << BigInt(b))).toEqual([MIP_MSIP, MIP_MTIP]);
  });

  it("reset() returns it to a fresh device's state and tells the host every hart's lines changed", () => {
    const { c, changed } = clint(2);
    busy(c);
    changed.length = 0;
    c.reset();
    expect(c.save()).toEqual(clint(2).c.save());
    expect(reads(c)).toEqual(reads(clint(2).c));
    expect(changed).toEqual([0, 1]);
  });

  it("save/restore: the state comes back exactly, through structuredClone too, and behaves the same", () => {
    const a = clint(2);
    busy(a.c);
    const saved = a.c.save();
    expect(saved).toEqual({ harts: 2, msip: [0, 1], mtimecmp: [0x1234n, 0x7_ffff_ffffn] });
    a.c.write(CLINT_MSIP + 4, 4, 0n);
    a.c.write(CLINT_MTIMECMP, 8, 99n);
    a.changed.length = 0;
    a.c.restore(structuredClone(saved));
    expect(a.c.save()).toEqual(saved);
    expect(a.changed).toEqual([0, 1]);
    const b = clint(2);
    b.c.restore(saved);
    expect(reads(b.c)).toEqual(reads(a.c));
    for (const x of [a.c, b.c]) x.write(CLINT_MTIMECMP + 4, 4, 2n);
    expect(b.c.save()).toEqual(a.c.save());
  });

  it("restore() rejects a state of the wrong shape or from a CLINT of other harts, and changes nothing", () => {
    const { c } = clint(2);
    busy(c);
    const before = c.save();
    const bad: [unknown, RegExp][] = [
      [null, /device clint: restore: the state must be an object as save\(\) returns it, got null/],
      [{ ...before, harts: 1 }, /state.harts is 1, this device has 2 \(a state saved by a device built with other options\)/],
      [clint(1).c.save(), /state.harts is 1, this device has 2/],
      [{ ...before, msip: [0, 2] }, /state.msip\[1\] must be an integer in 0..1, got 2/],
      [{ ...before, msip: [0] }, /state.msip has 1 elements, this device has 2/],
      [{ ...before, mtimecmp: [1n, 1 << 20] }, /state.mtimecmp\[1\] must be a bigint in 0..2\^64-1, got 1048576/],
      [{ harts: 2, msip: [0, 0] }, /state.mtimecmp is missing/],
      [{ ...before, mtime: 5n }, /unknown field "mtime"/],
    ];
    for (const [state, re] of bad) {
      expect(() => c.restore(state as DeviceState)).toThrow(DeviceError);
      expect(() => c.restore(state as DeviceState)).toThrow(re);
    }
    expect(c.save()).toEqual(before);
  });
});
