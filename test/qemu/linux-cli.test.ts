import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

// The real CLI (bin/rvisor.js over dist/) booting Linux 6.1 (guests/linux/build.sh), a line piped
// to its /init: one console by default (no boot line twice), and the line read.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const canBuild = existsSync("/usr/src/linux-source-6.1.tar.xz") && existsSync("/usr/bin/riscv64-linux-gnu-gcc");

let dir: string;

function rvisor(args: string[], input: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["bin/rvisor.js", ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

describe.skipIf(!canBuild)("rvisor run with Linux: the console", () => {
  beforeAll(() => {
    dir = linuxBuildDir();
  }, LINUX_BUILD_TIMEOUT_MS);

  for (const [what, args] of [
    ["kernel mode", () => ["run", "--kernel", `${dir}/Image`]],
    ["OpenSBI", () => ["run", "--firmware", FW, "--kernel", `${dir}/Image`]],
    ["classic OpenSBI", () => ["run", "--classic", "--firmware", FW, "--kernel", `${dir}/Image`]],
  ] as const) {
    it(`${what} without --append: every boot line once (console=ttyS0), a piped line read by /init`, async () => {
      const r = await rvisor(args(), "hello rvisor\n");
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain("Kernel command line: console=ttyS0");
      const boot = r.out.split(/\r?\n/).filter((l) => l.startsWith("["));
      expect(boot.length).toBeGreaterThan(20);
      expect(boot.filter((l, i) => boot.indexOf(l) !== i)).toEqual([]);
      expect(r.out).toContain("rvisor-init: read: hello rvisor");
    });
  }
});
