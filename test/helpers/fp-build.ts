// Compiles assembly/fp/test-entry.ts (the float library's test entry, not part of the core) to
// build/fp-test.wasm when any of its inputs is newer, and instantiates it with its own memory.
// Test files may run in parallel: each compiles to a private temporary file and renames it into
// place, so a reader never sees a half-written module.

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const FP_WASM = join(ROOT, "build/fp-test.wasm");

function newestInput(): number {
  const dir = join(ROOT, "assembly/fp");
  const inputs = readdirSync(dir).map((f) => join(dir, f));
  inputs.push(join(ROOT, "node_modules/assemblyscript/package.json"), join(ROOT, "asconfig.json"), fileURLToPath(import.meta.url));
  return Math.max(...inputs.filter(existsSync).map((f) => statSync(f).mtimeMs));
}

/** Path of the compiled test module, compiling it first if stale. */
export function buildFpModule(): string {
  if (existsSync(FP_WASM) && statSync(FP_WASM).mtimeMs > newestInput()) return FP_WASM;
  const tmp = `${FP_WASM}.${process.pid}.${Date.now()}.tmp`;
  execFileSync(
    "npx",
    ["asc", "assembly/fp/test-entry.ts", "--config", "asconfig.json", "--runtime", "stub", "--optimizeLevel", "3", "--noAssert", "-o", tmp],
    { cwd: ROOT, stdio: "inherit" },
  );
  renameSync(tmp, FP_WASM);
  return FP_WASM;
}

/** The library's exports (f32 as numbers, f64/u64 as BigInt). */
export type FpExports = Record<string, (...args: (number | bigint)[]) => number | bigint> & {
  getFlags(): number;
  setFlags(f: number): void;
};

export async function loadFp(): Promise<FpExports> {
  const bytes = readFileSync(buildFpModule());
  const memory = new WebAssembly.Memory({ initial: 2 });
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      memory,
      abort: () => {
        throw new Error("fp module aborted");
      },
    },
  });
  return instance.exports as unknown as FpExports;
}
