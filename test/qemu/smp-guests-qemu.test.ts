// The SMP guests (guests/smp) on QEMU virt, the oracle for rvisor's SMP: each must print the
// transcript test/helpers/smp-guests.ts expects for its number of harts and end with a pass.
// smp-m and litmus boot with `-bios none` (every hart enters at 0x8000_0000 in M-mode, a0 = hart
// id, a1 = device tree) and end through the SiFive test finisher, so QEMU's exit status is their
// verdict. smp-s boots behind Debian's OpenSBI (fw_jump enters it at 0x8020_0000 in S-mode on the
// boot hart only) and ends with SBI SRST, which OpenSBI 1.1 reports as a pass whatever the reason:
// its verdict is its transcript.
//
// QEMU's default TCG runs a thread per hart. OpenSBI's boot hart is then whichever hart wins its
// boot lottery, so smp-s is checked against the transcript for the hart it names; with
// `-accel tcg,thread=single` (one thread, harts in turn, like a hypervisor on one host thread)
// it is hart 0. litmus runs both ways; its outcome counts depend on timing, so only what must
// always hold is checked (every run counted once, no forbidden outcome).
//
// Also checks that the committed images are what the sources build to.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runQemuSystem, type QemuRun } from "../helpers/qemu-system.js";
import { guestLines, litmusProblems, parseLitmus, smpMLines, smpSLines } from "../helpers/smp-guests.js";

const QEMU = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";
const OPENSBI = process.env.OPENSBI_FW_JUMP ?? "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const GUESTS = fileURLToPath(new URL("../../guests/", import.meta.url));
const SMP = join(GUESTS, "smp");
const TIMEOUT_MS = 120_000;
const SINGLE_THREAD = ["-accel", "tcg,thread=single"];
const MULTI_THREAD = ["-accel", "tcg,thread=multi"];

/** An SMP guest on QEMU virt with `harts` harts: its console and QEMU's messages together. */
async function runQemu(elf: string, harts: number, bios: string, extra: string[] = []): Promise<QemuRun> {
  const args = ["-M", "virt", "-smp", String(harts), "-m", "128M", ...extra, "-nographic", "-bios", bios, "-kernel", join(SMP, elf)];
  const r = await runQemuSystem(QEMU, args, TIMEOUT_MS);
  return { ...r, out: r.out + r.err };
}

function describeRun(run: QemuRun): string {
  return `QEMU output (exit ${run.code}${run.timedOut ? ", timed out" : ""}):\n${run.out}`;
}

describe("smp-m.elf on QEMU virt (firmware mode, every hart in M-mode)", () => {
  it.each([1, 2, 4, 8])("with %i harts: check-in, amoadd, LR/SC lock, msip ring, per-hart mtimecmp", async (n) => {
    const run = await runQemu("smp-m.elf", n, "none");
    expect(guestLines(run.out, "smp-m:"), describeRun(run)).toEqual(smpMLines(n));
    expect(run.code).toBe(0);
  });

  it("with 4 harts taking turns on one thread", async () => {
    const run = await runQemu("smp-m.elf", 4, "none", SINGLE_THREAD);
    expect(guestLines(run.out, "smp-m:"), describeRun(run)).toEqual(smpMLines(4));
    expect(run.code).toBe(0);
  });

  it("fails at check-in, through the finisher, when /cpus lists more harts than it handles", async () => {
    const run = await runQemu("smp-m.elf", 9, "none");
    expect(guestLines(run.out, "smp-m:"), describeRun(run)).toEqual([
      "smp-m: check-in: FAIL the device tree has 9 harts, this guest handles 8",
    ]);
    expect(run.code).toBe(6);
  });
});

describe("smp-s.elf on QEMU virt behind OpenSBI (kernel mode: SBI HSM, IPI, RFENCE, TIME)", () => {
  it.each([1, 2, 4])("with %i harts taking turns (boot hart 0)", async (n) => {
    const run = await runQemu("smp-s.elf", n, OPENSBI, SINGLE_THREAD);
    expect(run.out).toMatch(/OpenSBI v\d+\.\d+/);
    expect(guestLines(run.out, "smp-s:"), describeRun(run)).toEqual(smpSLines(n, 0));
    expect(run.timedOut).toBe(false);
  });

  it.each([2, 4, 8])("with %i harts side by side, booted on whichever hart OpenSBI picked", async (n) => {
    const run = await runQemu("smp-s.elf", n, OPENSBI, MULTI_THREAD);
    const lines = guestLines(run.out, "smp-s:");
    const boot = /^smp-s: boot hart (\d+),/.exec(lines[0] ?? "");
    expect(boot, describeRun(run)).not.toBeNull();
    expect(lines, describeRun(run)).toEqual(smpSLines(n, Number(boot![1])));
    expect(run.timedOut).toBe(false);
  });
});

describe("litmus.elf on QEMU virt (RVWMO litmus tests between harts 0 and 1)", () => {
  it.each([
    [2, "side by side", MULTI_THREAD],
    [4, "side by side (harts 2 and 3 parked)", MULTI_THREAD],
    [2, "taking turns", SINGLE_THREAD],
  ] as const)("with %i harts %s: no forbidden outcome", async (n, _how, accel) => {
    const run = await runQemu("litmus.elf", n, "none", [...accel]);
    const results = parseLitmus(run.out);
    expect(litmusProblems(results), describeRun(run)).toEqual([]);
    expect(guestLines(run.out, "litmus:"), describeRun(run)).toEqual(["litmus: pass"]);
    expect(run.code).toBe(0);
  });

  it("with 1 hart: skipped, and passes", async () => {
    const run = await runQemu("litmus.elf", 1, "none");
    expect(guestLines(run.out, "litmus"), describeRun(run)).toEqual([
      "litmus: skipped, the tests need harts 0 and 1 (the device tree lists 1 hart)",
      "litmus: pass",
    ]);
    expect(run.code).toBe(0);
  });
});

describe("smp guest images", () => {
  it("are what the sources build to (deterministic build)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rvisor-smp-"));
    try {
      const noBuilds = (src: string) => !src.endsWith(".elf") && !src.endsWith(".o");
      await cp(join(GUESTS, "common"), join(dir, "common"), { recursive: true });
      await cp(join(GUESTS, "demo"), join(dir, "demo"), { recursive: true, filter: noBuilds });
      await cp(SMP, join(dir, "smp"), { recursive: true, filter: noBuilds });
      await promisify(execFile)("make", ["-C", join(dir, "smp")]);
      const elfs = (await readdir(SMP)).filter((f) => f.endsWith(".elf")).sort();
      expect(elfs).toEqual(["ipi-sstc.elf", "litmus.elf", "smp-m.elf", "smp-s.elf"]);
      for (const f of elfs) {
        const built = await readFile(join(dir, "smp", f));
        const committed = await readFile(join(SMP, f));
        expect(built.equals(committed), `${f} differs from a fresh build: run make -C guests/smp`).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
