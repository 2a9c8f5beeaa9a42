import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Compile the core and the TypeScript once per test run so that tests always exercise the
// current sources (examples and the CLI binary run from dist/).
export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync("npm", ["run", "--silent", "build:core"], { cwd: root, stdio: "inherit" });
  execFileSync("npm", ["run", "--silent", "build:ts"], { cwd: root, stdio: "inherit" });
}
