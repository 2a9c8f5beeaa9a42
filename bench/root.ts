// Where the repository is, from a benchmark running as bench/*.ts or as dist/bench/*.js.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest ancestor of this file that holds `marker` (a path relative to the repository root). */
export function findRoot(marker: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, marker))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`${marker} not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}
