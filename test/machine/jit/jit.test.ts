import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { JitConfigError, Machine, runElf } from "../../../src/index.js";
import { resolveJit } from "../../../src/machine/jit/jit.js";

describe("the compiling tier's settings", () => {
  const saved = process.env.RVISOR_JIT;
  afterEach(() => {
    if (saved === undefined) delete process.env.RVISOR_JIT;
    else process.env.RVISOR_JIT = saved;
  });

  it("is on by default, off with false, eager translates at first execution and compiles at once", () => {
    delete process.env.RVISOR_JIT;
    expect(resolveJit(undefined)).toEqual({ threshold: 4096, batch: 64, codeBudget: 64 << 20 });
    expect(resolveJit(false)).toBeUndefined();
    expect(resolveJit("eager")).toMatchObject({ threshold: 1, batch: 1 });
    expect(resolveJit({ threshold: 7 })).toEqual({ threshold: 7, batch: 64, codeBudget: 64 << 20 });
  });

  it("takes RVISOR_JIT as the default, and a setting over it", () => {
    process.env.RVISOR_JIT = "off";
    expect(resolveJit(undefined)).toBeUndefined();
    expect(resolveJit(true)).toBeDefined();
    process.env.RVISOR_JIT = "eager";
    expect(resolveJit(undefined)).toMatchObject({ threshold: 1 });
    process.env.RVISOR_JIT = "sometimes";
    expect(() => resolveJit(undefined)).toThrow("RVISOR_JIT=sometimes: expected off, on or eager");
  });

  it("refuses impossible settings before anything is compiled, naming them", async () => {
    await expect(Machine.create({ jit: { threshold: 0 } })).rejects.toThrow(JitConfigError);
    await expect(Machine.create({ jit: { threshold: 70000 } })).rejects.toThrow("jit.threshold must be an integer from 1 to 65535, got 70000");
    await expect(Machine.create({ jit: { batch: 65 } })).rejects.toThrow("jit.batch must be an integer from 1 to 64, got 65");
    await expect(Machine.create({ jit: { codeBudget: 100 } })).rejects.toThrow(/jit.codeBudget must be an integer from 4096/);
    await expect(Machine.create({ jit: { threshold: 1.5 } })).rejects.toThrow(JitConfigError);
  });

  it("keeps its tables in the machine's memory and nothing of it when off", async () => {
    const on = await Machine.create({ jit: true });
    const regions = on.jit!.regions();
    expect(regions.map((r) => r.name)).toEqual(["jit directory", "jit queue", "jit scratch"]);
    for (const r of regions) expect(r.end).toBeLessThanOrEqual(on.mem.bytes.length);
    expect((await Machine.create({ jit: false })).jit).toBeUndefined();
  });

  it("stops, saying why, when the host refuses to compile (a CSP without 'wasm-unsafe-eval'): guests run on interpreted", async () => {
    const elf = new Uint8Array(readFileSync(new URL("../../../guests/bench/listchase.elf", import.meta.url)));
    const Real = WebAssembly.Module;
    const refusing = function () {
      throw new Error("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source");
    };
    (WebAssembly as { Module: unknown }).Module = refusing;
    try {
      const r = await runElf(elf, { jit: { threshold: 50, batch: 1 }, memoryBytes: 32 << 20 });
      expect(r.outcome).toBe("pass");
      expect(r.console).toContain("listchase: ok");
      expect(r.jit!.translated).toBe(0);
    } finally {
      (WebAssembly as { Module: unknown }).Module = Real;
    }
  });

  it("takes nothing from its queue on trust: a page outside memory is refused, a decode entry outside the cache is not written", async () => {
    const machine = await Machine.create({ jit: true });
    const jit = machine.jit!;
    const queue = jit.regions().find((r) => r.name === "jit queue")!.start;
    const canary = machine.mem.alloc(64, 16);
    const v = machine.mem.view;
    machine.mem.bytes.fill(0xa5, canary, canary + 64);
    // Two requests as the core writes them ({ pc, host, decode entry } from byte 16): one whose
    // page runs past the end of memory, one in memory whose decode entry points at the canary.
    const entry = (k: number, pc: bigint, host: number, e: number) => {
      v.setBigUint64(queue + 16 + k * 16, pc, true);
      v.setUint32(queue + 16 + k * 16 + 8, host, true);
      v.setUint32(queue + 16 + k * 16 + 12, e, true);
    };
    entry(0, 0x8000_0100n, machine.mem.bytes.length - 0x100, canary);
    entry(1, 0x8000_0000n, canary & ~0xfff, canary + 16);
    v.setUint32(queue, 2, true);
    expect(() => jit.drain()).not.toThrow();
    expect(jit.stats.refused).toBe(2); // the second page starts with no instruction the tier translates
    expect([...machine.mem.bytes.subarray(canary, canary + 64)].every((b) => b === 0xa5)).toBe(true);
    expect(v.getUint32(queue, true)).toBe(0);
  });
});
