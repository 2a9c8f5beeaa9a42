// The package as a consumer gets it: `npm pack` of this repository (after global-setup's build;
// --ignore-scripts, or packing would build again), installed from the tarball into a fresh
// directory outside the repository with npm's scripts enabled and without the network. Tests of
// what the package ships, of the examples and of the public types run against that install.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface PackedFile {
  path: string;
  size: number;
}

export interface Installed {
  /** The consumer's project directory; the package is in node_modules/rvisor. */
  dir: string;
  tarball: string;
  /** What `npm install` printed (scripts run in the foreground, so their output is here). */
  log: string;
}

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });

/** The files `npm pack` would put in the tarball. */
export function packList(): PackedFile[] {
  const [pack] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT)) as { files: PackedFile[] }[];
  return pack!.files;
}

/** Creates a consumer project in a temporary directory (removed when the process exits). */
export function consumerProject(prefix: string, manifest: object = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", ...manifest }));
  return dir;
}

let installed: Installed | undefined;

/** Packs the repository and installs the tarball into a consumer project, once per test file. */
export function installPackage(): Installed {
  if (installed) return installed;
  const dir = consumerProject("rvisor-consumer-");
  const [pack] = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", dir], ROOT)) as { filename: string }[];
  const tarball = join(dir, pack!.filename);
  const log = npm(["install", "--offline", "--ignore-scripts=false", "--foreground-scripts", "--no-audit", "--no-fund", tarball], dir);
  installed = { dir, tarball, log };
  return installed;
}
