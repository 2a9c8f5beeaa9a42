import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Compile the core once per test run so that tests always exercise the current assembly/ sources.
export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync("npx", ["asc", "assembly/index.ts", "--config", "asconfig.json", "--target", "release"], {
    cwd: root,
    stdio: "inherit",
  });
}
