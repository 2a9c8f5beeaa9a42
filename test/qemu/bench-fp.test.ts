// The double-precision benchmark guest (guests/bench/nbody.elf: rv64imafdc/lp64d, started by
// crt0-fp.S) on QEMU spike, which has F and D: it must pass its own checks, and its minstret line
// under -icount shift=0 gives the instruction count core.bench.ts reports for QEMU. On rvisor it
// must print the same result line once the core has F and D (a fresh VM's misa); until then it
// must stop cleanly at its first FP instruction (the start-up's unexpected-trap exit, 0x7ff).
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runElf } from "../../src/index.js";

const ELF = fileURLToPath(new URL("../../guests/bench/nbody.elf", import.meta.url));
const QEMU = "qemu-system-riscv64";
const haveQemu = spawnSync(QEMU, ["--version"], { stdio: "ignore" }).error === undefined;
const RESULT = "nbody: ok 500000 steps, energy -0.169096567 = 0xbfc5a4f4cfd93807, positions 0x586f412767e912bd";
/** Instructions between the guest's two minstret reads: fixed by the committed ELF. */
const MINSTRET = "nbody: minstret 251001231";


describe("nbody, the FP benchmark guest", () => {
  it.skipIf(!haveQemu)("QEMU spike (F and D): passes its checks; under -icount its minstret line gives its instruction count", () => {
    const out = execFileSync(QEMU, ["-machine", "spike", "-nographic", "-bios", "none", "-icount", "shift=0", "-kernel", ELF], { encoding: "latin1", timeout: 120_000 });
    const lines = out.replace(/\r/g, "").trim().split("\n");
    expect(lines[0]).toBe(RESULT);
    expect(lines[1]).toBe(MINSTRET);
  });

  it("rvisor: the same result and the same minstret count", async () => {
    const r = await runElf(new Uint8Array(readFileSync(ELF)), { memoryBytes: 32 << 20, maxInsns: 2e9 });
    expect(r.outcome).toBe("pass");
    expect(r.console.trim().split("\n")).toEqual([RESULT, MINSTRET]);
  });
});
