// The ISA test programs (guests/isa/*.elf) on QEMU, the oracle that proves the *tests* right:
// every program must end with HTIF tohost = 1 (QEMU exits with status 0) and print nothing.
// A failing check n prints "FAIL <n in hex>" and exits with status n & 0xff (0 for n = 256, hence
// the console check too). Needs Debian's qemu-system-misc (qemu-system-riscv64 7.2).
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runQemuSystem } from "../helpers/qemu-system.js";

const QEMU = process.env.QEMU ?? "qemu-system-riscv64";
const DIR = fileURLToPath(new URL("../../guests/isa/", import.meta.url));
const TIMEOUT_MS = 60_000;
const ELFS = readdirSync(DIR)
  .filter((f) => f.endsWith(".elf"))
  .sort();

/** An ISA program on QEMU's spike machine (HTIF); its console and QEMU's messages together. */
async function runQemu(elf: string): Promise<{ code: number | null; timedOut: boolean; output: string }> {
  const r = await runQemuSystem(QEMU, ["-machine", "spike", "-nographic", "-bios", "none", "-kernel", elf], TIMEOUT_MS);
  return { code: r.code, timedOut: r.timedOut, output: r.out + r.err };
}

describe("guests/isa on QEMU (spike machine)", () => {
  it("has test programs", () => {
    expect(ELFS.length).toBeGreaterThan(0);
  });
  it.concurrent.each(ELFS)("%s", async (name) => {
    const r = await runQemu(DIR + name);
    const failed = /FAIL ([0-9a-f]+)/.exec(r.output);
    const what = r.timedOut
      ? `timed out after ${TIMEOUT_MS} ms`
      : failed
        ? `check ${parseInt(failed[1]!, 16)} failed (exit status ${r.code})`
        : `exit status ${r.code}`;
    expect(`${name}: ${what}${r.output ? `\n${r.output}` : ""}`).toBe(`${name}: exit status 0`);
  }, TIMEOUT_MS + 5_000);
});
