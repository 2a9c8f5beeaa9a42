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
});
