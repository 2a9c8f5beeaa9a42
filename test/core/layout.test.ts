import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import * as mirror from "../../src/core/layout.js";

// The vCPU block layout is defined once in assembly/layout.ts and mirrored in src/core/layout.ts:
// every constant of the mirror must equal the compiled core's export of the same name (the
// loader checks that at every load, test/core/loader.test.ts), and the core must export nothing
// of the layout that the mirror lacks.
describe("src/core/layout.ts mirrors the core's layout", () => {
  const module = new WebAssembly.Module(readFileSync(new URL("../../build/core.wasm", import.meta.url)));
  const memory = new WebAssembly.Memory({ initial: 2 });
  const table = new WebAssembly.Table({ element: "anyfunc", initial: 1 });
  const exports = new WebAssembly.Instance(module, { env: { memory, table } }).exports as Record<string, unknown>;
  const coreConstants = Object.entries(exports).filter(
    ([name, v]) => v instanceof WebAssembly.Global && name !== "DATA_END",
  );

  it("has every constant the core exports, with the same value", () => {
    expect(coreConstants.length).toBeGreaterThan(50);
    for (const [name, global] of coreConstants) {
      expect(mirror, `mirror lacks ${name}`).toHaveProperty(name);
      expect((mirror as Record<string, number | bigint>)[name], name).toBe((global as WebAssembly.Global).value);
    }
  });

  it("has nothing the core does not export", () => {
    const names = new Set(coreConstants.map(([n]) => n));
    for (const name of Object.keys(mirror)) expect(names.has(name), `core lacks ${name}`).toBe(true);
  });

  it("keeps slots inside the block and the TLBs after the exit record", () => {
    expect(mirror.DEV_TABLE + mirror.DEV_MAX * 16).toBeLessThanOrEqual(mirror.EXIT_REASON);
    expect(mirror.LAST_TRAP_RETIRED + 8).toBeLessThanOrEqual(mirror.TLB_FETCH);
    expect(mirror.TLB_STORE + mirror.TLB_ENTRIES * 16).toBeLessThanOrEqual(mirror.VCPU_BLOCK_SIZE);
  });
});
