// The ISA test programs (guests/isa/*.elf, see guests/isa/test.h) on our core: each must end with
// HTIF tohost = 1. The same ELFs pass on QEMU (test/qemu/isa-qemu.test.ts), so a failure here is a
// core bug: the message names the program and the failing check number (grep for it in the .S).
// Each also runs in classic mode (src/hypervisor/classic.ts): the program's M-mode deprivileged
// to the hart's U-mode, every privileged instruction and trap emulated by the hypervisor, so the
// same checks test the emulation against the core. Programs that load and store through
// mstatus.MPRV with translation on must stop with the reason classic mode gives for that.
const USES_MPRV = new Set(["sv39.elf", "tlb-context.elf"]);
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runElf } from "../../src/index.js";

// RVISOR_ISA_DIR=/some/dir/ runs the ELFs of another directory instead (e.g. a modified build).
const DIR = process.env.RVISOR_ISA_DIR ?? fileURLToPath(new URL("../../guests/isa/", import.meta.url));
const ELFS = readdirSync(DIR)
  .filter((f) => f.endsWith(".elf"))
  .sort();

describe("guests/isa on the core", () => {
  it("has test programs", () => {
    expect(ELFS.length).toBeGreaterThan(0);
  });
  it.each(ELFS.flatMap((name) => [[name, ""], [name, " (classic)"]] as const))("%s%s", async (name, mode) => {
    const classic = mode !== "";
    const r = await runElf(new Uint8Array(readFileSync(join(DIR, name))), { maxInsns: 50_000_000, classic });
    const detail =
      r.outcome === "fail"
        ? `check ${r.failedTest} (0x${r.failedTest.toString(16)}) failed`
        : `outcome ${r.outcome}${r.reason ? ` (${r.reason})` : ""}`;
    const summary = r.outcome === "pass" ? "pass" : `${detail} after ${r.instructions} instructions`;
    if (classic && USES_MPRV.has(name)) {
      expect(r.reason).toMatch(/^classic mode: the guest's M-mode set mstatus\.MPRV with translation on for its S-mode \(at pc 0x[0-9a-f]+\), which classic mode does not emulate$/);
      return;
    }
    expect(`${name}: ${summary}${r.console ? `\nconsole: ${r.console}` : ""}`).toBe(`${name}: pass`);
  }, 120_000);
});
