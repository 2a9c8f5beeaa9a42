import { describe, expect, it } from "vitest";
import { Htif } from "../../src/devices/htif.js";

function htif(withFromhost = true) {
  const ram = new Map<bigint, bigint>();
  const out: number[] = [];
  const h = new Htif(0x1000n, withFromhost ? 0x1040n : undefined, {
    read64: (a) => ram.get(a) ?? 0n,
    write64: (a, v) => void ram.set(a, v),
  }, (b) => out.push(b));
  return { h, ram, out };
}

describe("HTIF", () => {
  it("ends with code 0 on tohost = 1 and with the test number on (n << 1) | 1", () => {
    const { h, ram } = htif();
    ram.set(0x1000n, 1n);
    expect(h.handle()).toEqual({ kind: "exit", code: 0 });
    ram.set(0x1000n, (42n << 1n) | 1n);
    expect(h.handle()).toEqual({ kind: "exit", code: 42 });
  });

  it("prints console bytes, clears tohost and acknowledges in fromhost", () => {
    const { h, ram, out } = htif();
    ram.set(0x1000n, (1n << 56n) | (1n << 48n) | 0x41n);
    expect(h.handle()).toEqual({ kind: "none" });
    expect(out).toEqual([0x41]);
    expect(ram.get(0x1000n)).toBe(0n);
    expect(ram.get(0x1040n)).toBe((1n << 56n) | (1n << 48n) | 0x141n);
  });

  it("ignores a cleared tohost and names what it does not support", () => {
    const { h, ram } = htif(false);
    expect(h.handle()).toEqual({ kind: "none" });
    ram.set(0x1000n, 0x8000_0000n); // an even payload: the syscall proxy
    expect(h.handle()).toMatchObject({ kind: "error", message: expect.stringMatching(/syscall proxy/) });
    ram.set(0x1000n, 3n << 56n);
    expect(h.handle()).toMatchObject({ kind: "error", message: "unsupported HTIF command: device 3, command 0" });
  });
});
