import { describe, expect, it } from "vitest";
import { Clint, CLINT_MSIP, CLINT_MTIME, CLINT_MTIMECMP } from "../../src/devices/clint.js";

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
