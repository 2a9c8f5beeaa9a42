import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CORE_OUTPUTS, staleCore } from "./helpers/core-build.js";

// Compile the core (only when its sources changed: asc takes many seconds) and the TypeScript
// once per test run, so that tests always exercise the current sources (examples, the packed
// package and the CLI binary run from dist/).
export default function setup(): void {
  // Vitest calls the root config's global setup again for each project that extends it: once per run is enough.
  if (process.env.RVISOR_GLOBAL_SETUP_DONE) return;
  process.env.RVISOR_GLOBAL_SETUP_DONE = "1";
  const root = fileURLToPath(new URL("..", import.meta.url));
  const stale = staleCore(root);
  if (stale === undefined) {
    console.log(`global-setup: reused ${CORE_OUTPUTS.join(" and ")} (newer than assembly/, asconfig.json and the compiler)`);
  } else {
    const t0 = performance.now();
    execFileSync("npm", ["run", "--silent", "build:core"], { cwd: root, stdio: "inherit" });
    console.log(`global-setup: rebuilt ${CORE_OUTPUTS.join(" and ")} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${stale})`);
  }
  execFileSync("npm", ["run", "--silent", "build:ts"], { cwd: root, stdio: "inherit" });
}
