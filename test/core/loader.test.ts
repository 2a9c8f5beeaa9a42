import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { checkCoreExports, CoreAbiError, coreTable, instantiateCore } from "../../src/core/loader.js";
import * as L from "../../src/core/layout.js";
import { Machine } from "../../src/machine/machine.js";

// instantiateCore refuses a core that is not the one this host was written for: it checks every
// function it calls, the ABI version and every constant of src/core/layout.ts.

const module = new WebAssembly.Module(readFileSync(new URL("../../build/core.wasm", import.meta.url)));

function realExports(): WebAssembly.Exports {
  const memory = new WebAssembly.Memory({ initial: 2 });
  return new WebAssembly.Instance(module, { env: { memory, table: coreTable() } }).exports;
}

const i32 = (value: number) => new WebAssembly.Global({ value: "i32" }, value);

describe("instantiateCore / checkCoreExports", () => {
  it("accepts the built core and reads its sizes", () => {
    const core = instantiateCore(module, new WebAssembly.Memory({ initial: 2 }));
    expect(core.abi).toMatchObject({
      version: L.ABI_VERSION,
      VCPU_BLOCK_SIZE: L.VCPU_BLOCK_SIZE,
      DEV_MAX: L.DEV_MAX,
      TLB_ENTRIES: L.TLB_ENTRIES,
      RVC_TABLE_SIZE: L.RVC_TABLE_SIZE,
      DECODE_CACHE_SIZE: L.DECODE_CACHE_SIZE,
    });
    expect(core.abi.DATA_END).toBeGreaterThan(0);
    expect(typeof core.exports.run).toBe("function");
  });

  it("names the first layout constant that differs, with both values", () => {
    const tampered = { ...realExports(), MSTATUS: i32(0x118) };
    expect(() => checkCoreExports(tampered)).toThrow(CoreAbiError);
    expect(() => checkCoreExports(tampered)).toThrow("core ABI mismatch: MSTATUS is 0x118 in the core, 0x110 in the host");
  });

  it("checks sizes and the mip bits too", () => {
    expect(() => checkCoreExports({ ...realExports(), DECODE_CACHE_SIZE: i32(L.DECODE_CACHE_SIZE - 16) }))
      .toThrow(/DECODE_CACHE_SIZE is 0x[0-9a-f]+ in the core/);
    expect(() => checkCoreExports({ ...realExports(), MIP_MTIP: new WebAssembly.Global({ value: "i64" }, 1n << 5n) }))
      .toThrow("core ABI mismatch: MIP_MTIP is 0x20 in the core, 0x80 in the host");
  });

  it("refuses another ABI version before looking at anything else", () => {
    const tampered = { ...realExports(), ABI_VERSION: i32(L.ABI_VERSION + 1), MSTATUS: i32(0) };
    expect(() => checkCoreExports(tampered))
      .toThrow(`core ABI mismatch: the core has ABI version ${L.ABI_VERSION + 1}, the host was written for ${L.ABI_VERSION}`);
  });

  it("refuses a core without a constant or a function the host uses, or with another arity", () => {
    const { TLB_ENTRIES: _constant, ...noConstant } = realExports();
    expect(() => checkCoreExports(noConstant)).toThrow("core ABI mismatch: the core exports no constant TLB_ENTRIES");
    const { interruptsEnabled: _fn, ...noFunction } = realExports();
    expect(() => checkCoreExports(noFunction)).toThrow("core ABI mismatch: the core exports no function interruptsEnabled");
    const wrongArity = { ...realExports(), run: (vcpu: number) => vcpu };
    expect(() => checkCoreExports(wrongArity)).toThrow("core ABI mismatch: run takes 1 parameters in the core, 2 in the host");
  });

  it("lets Machine size its tables from the loaded core", async () => {
    const machine = await Machine.create();
    const next = machine.mem.alloc(1, 1);
    expect(next).toBeGreaterThanOrEqual(machine.decodeCache + machine.core.abi.DECODE_CACHE_SIZE);
  });
});
