import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { installPackage, ROOT } from "./helpers/installed-package.js";

// The README's examples, run as a user would run them: copied out of the repository into a
// project that installed the packed package, so that they can use only what the package exports.
const run = (name: string) => {
  const { dir } = installPackage();
  copyFileSync(join(ROOT, "examples", name), join(dir, name));
  return execFileSync("node", [name], { cwd: dir, encoding: "utf8" });
};

describe("examples/", () => {
  it("run-one.mjs runs a guest to its end", () => {
    expect(run("run-one.mjs")).toMatch(/^hello: M-mode on hart 0.*\npass after \d+ instructions/m);
  });

  it("two-vms.mjs runs a firmware and a kernel VM side by side", () => {
    const out = run("two-vms.mjs");
    expect(out).toMatch(/\[tick-m\] tick-m: 50 ticks/);
    expect(out).toMatch(/\[tick-s\] tick-s: 50 ticks/);
    expect(out).toMatch(/tick-m: pass, tick-s: pass/);
    expect(out).toMatch(/^  hypercall +\d+/m);
  });

  it("custom-device.mjs maps a device of its own and gets typed errors", () => {
    const out = run("custom-device.mjs");
    expect(out.match(/doorbell rung with 7/g)).toHaveLength(2);
    expect(out).toMatch(/guest read back 2; VM pass/);
    expect(out).toMatch(/VmConfigError: device clash .* overlaps uart/);
  });
});
