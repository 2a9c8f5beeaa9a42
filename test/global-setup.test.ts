import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { staleCore } from "./helpers/core-build.js";

// global-setup compiles the core only when an input is newer than an output.
describe("staleCore()", () => {
  it("says the core is current when both wasm files are newer than every input, and names what is newer otherwise", () => {
    const root = mkdtempSync(join(tmpdir(), "rvisor-core-"));
    try {
      const at = (f: string, seconds: number) => {
        mkdirSync(join(root, f, ".."), { recursive: true });
        writeFileSync(join(root, f), "");
        utimesSync(join(root, f), seconds, seconds);
      };
      at("assembly/index.ts", 1000);
      at("assembly/isa/alu.ts", 1000);
      at("asconfig.json", 1000);
      expect(staleCore(root)).toBe("build/core.wasm is missing");
      at("build/core.wasm", 2000);
      expect(staleCore(root)).toBe("build/core-shared.wasm is missing");
      at("build/core-shared.wasm", 2000);
      expect(staleCore(root)).toBeUndefined();
      at("assembly/isa/alu.ts", 3000);
      expect(staleCore(root)).toBe("assembly/isa/alu.ts is newer than build/core.wasm");
      at("build/core.wasm", 4000);
      expect(staleCore(root)).toBe("assembly/isa/alu.ts is newer than build/core-shared.wasm");
      at("build/core-shared.wasm", 4000);
      at("asconfig.json", 5000);
      expect(staleCore(root)).toBe("asconfig.json is newer than build/core.wasm");
      at("build/core.wasm", 6000);
      at("build/core-shared.wasm", 6000);
      at("node_modules/assemblyscript/package.json", 7000); // another compiler version
      expect(staleCore(root)).toBe("node_modules/assemblyscript/package.json is newer than build/core.wasm");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
