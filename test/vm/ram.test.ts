import { describe, expect, it } from "vitest";
import { PhysicalMemory } from "../../src/machine/memory.js";
import { Ram, RAM_BASE } from "../../src/vm/ram.js";

function ram(bytes = 8192) {
  const mem = new PhysicalMemory(new WebAssembly.Memory({ initial: 1, maximum: 16 }), 0);
  const before = mem.alloc(64);
  const r = new Ram(mem, bytes);
  const after = mem.alloc(64);
  mem.bytes.fill(0xee, before, before + 64);
  mem.bytes.fill(0xee, after, after + 64);
  const neighboursIntact = () => mem.bytes.subarray(before, before + 64).every((b) => b === 0xee) && mem.bytes.subarray(after, after + 64).every((b) => b === 0xee);
  return { mem, r, neighboursIntact };
}

describe("Ram", () => {
  it("is a window at RAM_BASE: what the host writes at a guest-physical address is where the core finds it", () => {
    const { mem, r } = ram();
    r.write(RAM_BASE + 16n, new Uint8Array([1, 2, 3]));
    expect([...mem.bytes.subarray(r.host + 16, r.host + 19)]).toEqual([1, 2, 3]);
    r.write64(RAM_BASE + 8n, 0x1122_3344_5566_7788n);
    expect(r.read64(RAM_BASE + 8n)).toBe(0x1122_3344_5566_7788n);
    expect([...r.read(RAM_BASE + 8n, 2)]).toEqual([0x88, 0x77]);
  });

  it("contains exactly [RAM_BASE, RAM_BASE + size)", () => {
    const { r } = ram(8192);
    expect(r.contains(RAM_BASE, 8192)).toBe(true);
    expect(r.contains(RAM_BASE + 8191n, 1)).toBe(true);
    expect(r.contains(RAM_BASE + 8191n, 2)).toBe(false);
    expect(r.contains(RAM_BASE - 1n, 1)).toBe(false);
    expect(r.contains(RAM_BASE + 8192n, 0)).toBe(true);
    expect(r.contains(RAM_BASE + (1n << 64n), 1)).toBe(false);
  });

  it("refuses every access that leaves the window, naming the address, and never touches its neighbours", () => {
    const { r, neighboursIntact } = ram(8192);
    const outside: [string, () => unknown][] = [
      ["write below", () => r.write(RAM_BASE - 1n, new Uint8Array(2))],
      ["write across the end", () => r.write(RAM_BASE + 8190n, new Uint8Array(4))],
      ["read across the end", () => r.read(RAM_BASE + 8190n, 4)],
      ["read64 at the end", () => r.read64(RAM_BASE + 8188n)],
      ["write64 below", () => r.write64(RAM_BASE - 8n, 1n)],
      ["fill across the end", () => r.fill(RAM_BASE + 4096n, 8192)],
    ];
    for (const [what, access] of outside) expect(access, what).toThrow(/^0x[0-9a-f]+ is not in RAM$/);
    expect(neighboursIntact()).toBe(true);
  });

  it("fill and clear zero only the window", () => {
    const { mem, r, neighboursIntact } = ram(8192);
    mem.bytes.fill(0x55, r.host, r.host + 8192);
    r.fill(RAM_BASE + 100n, 10);
    expect([...r.read(RAM_BASE + 99n, 12)]).toEqual([0x55, ...new Array(10).fill(0), 0x55]);
    r.clear();
    expect(r.read(RAM_BASE, 8192).every((b) => b === 0)).toBe(true);
    expect(neighboursIntact()).toBe(true);
  });
});
