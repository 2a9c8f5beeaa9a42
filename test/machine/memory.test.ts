import { describe, expect, it } from "vitest";
import { PhysicalMemory } from "../../src/machine/memory.js";
import { OutOfMemoryError } from "../../src/errors.js";

describe("PhysicalMemory", () => {
  it("allocates aligned, zeroed blocks above the reserved area, growing the memory and its views", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 64 });
    const mem = new PhysicalMemory(memory, 1000);
    const a = mem.alloc(100, 8);
    expect(a).toBeGreaterThanOrEqual(65536);
    const b = mem.alloc(200_000, 4096);
    expect(b % 4096).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 100);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(b + 200_000);
    expect(mem.bytes.length).toBe(memory.buffer.byteLength);
    expect(mem.bytes.subarray(b, b + 200_000).every((x) => x === 0)).toBe(true);
  });

  it("says so when the memory cannot grow", () => {
    const mem = new PhysicalMemory(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 0);
    expect(() => mem.alloc(1 << 20)).toThrow(OutOfMemoryError);
  });
});
