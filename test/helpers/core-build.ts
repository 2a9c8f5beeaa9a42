// Whether the compiled core (build/core.wasm, build/core-shared.wasm) is older than what it is
// compiled from: global-setup runs asc (many seconds) only then. Inputs: every file under
// assembly/, asconfig.json, and the compiler's version (its package.json).

import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const CORE_OUTPUTS = ["build/core.wasm", "build/core-shared.wasm"];

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(root, join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The core's inputs, relative to the repository root. */
export function coreInputs(root: string): string[] {
  const compiler = "node_modules/assemblyscript/package.json";
  return [...filesUnder(root, "assembly"), "asconfig.json", ...(existsSync(join(root, compiler)) ? [compiler] : [])];
}

/** Why the core must be compiled again, or undefined when every output is newer than every input. */
export function staleCore(root: string): string | undefined {
  const inputs = coreInputs(root).map((f) => ({ f, mtime: statSync(join(root, f)).mtimeMs }));
  const newest = inputs.reduce((a, b) => (b.mtime > a.mtime ? b : a));
  for (const out of CORE_OUTPUTS) {
    const path = join(root, out);
    if (!existsSync(path)) return `${out} is missing`;
    if (statSync(path).mtimeMs <= newest.mtime) return `${newest.f} is newer than ${out}`;
  }
  return undefined;
}
