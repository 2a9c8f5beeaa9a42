// The demo guests (guests/demo) on QEMU virt, a platform we did not write: each must print its
// line and end the way it says. M-mode guests boot with `-bios none` and end through the SiFive
// test finisher (QEMU's exit status is the guest's verdict); S-mode guests boot behind QEMU's
// bundled OpenSBI (`-bios default`, which enters them at 0x8020_0000 in S-mode) and end through
// SBI SRST. OpenSBI 1.1 turns every SRST shutdown into "pass", whatever the reason, so for the
// S-mode guests the absence of a FAIL line is the verdict and the exit status only says the
// shutdown worked.
//
// QEMU's clock is the host's here (no -icount), so lateness figures are host noise: only their
// consistency is checked. Also checks that the committed images are what the sources build to.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runQemuSystem, type QemuRun } from "../helpers/qemu-system.js";

const QEMU = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";
const GUESTS = fileURLToPath(new URL("../../guests/", import.meta.url));
const DEMO = join(GUESTS, "demo");
const TIMEOUT_MS = 60_000;
const TICKS = 50;
const PERIOD = 10_000; // 1 ms at the 10 MHz timebase

/** A demo guest on QEMU virt; its console and QEMU's messages together. */
async function runQemu(elf: string, args: string[]): Promise<QemuRun> {
  const r = await runQemuSystem(QEMU, ["-M", "virt", ...args, "-nographic", "-kernel", join(DEMO, elf)], TIMEOUT_MS);
  return { ...r, out: r.out + r.err };
}

const firmware = (elf: string, extra: string[] = []) => runQemu(elf, [...extra, "-bios", "none"]);
const kernel = (elf: string, extra: string[] = []) => runQemu(elf, [...extra, "-bios", "default"]);

/** The guest's line (must be there exactly once) and its numeric fields. */
function line(run: QemuRun, re: RegExp): RegExpExecArray {
  const what = `QEMU output (exit ${run.code}${run.timedOut ? ", timed out" : ""}):\n${run.out}`;
  expect(run.timedOut, what).toBe(false);
  expect(run.out, what).not.toMatch(/FAIL|unexpected trap/);
  const lines = run.out.split("\n").filter((l) => re.test(l));
  expect(lines, what).toHaveLength(1);
  return re.exec(lines[0]!)!;
}

const TICK_LINE =
  /^(tick-m|tick-s|tick-sstc): (\d+) ticks, max lateness (\d+) ticks \((\d+\.\d) us\), mean lateness (\d+) ticks \((\d+\.\d) us\), elapsed (\d+) ticks, (\d+|\?) instructions, (\d+) wfi, timer (clint|sbi|sstc|sbi \(no sstc\))$/;

function checkTicks(run: QemuRun, name: string, timer: string): void {
  const m = line(run, TICK_LINE);
  expect(m[1]).toBe(name);
  expect(Number(m[2])).toBe(TICKS);
  const max = Number(m[3]);
  const mean = Number(m[5]);
  expect(mean).toBeLessThanOrEqual(max);
  // The same lateness in µs of guest time: 10 ticks per µs.
  expect(m[4]).toBe((max / 10).toFixed(1));
  expect(m[6]).toBe((mean / 10).toFixed(1));
  // The last deadline is start + TICKS * PERIOD and none came early.
  expect(Number(m[7])).toBeGreaterThanOrEqual(TICKS * PERIOD);
  expect(m[8]).toMatch(/^\d+$/); // minstret in M-mode; OpenSBI sets mcounteren.IR for S-mode
  // m[9], the number of wfi executed, depends on host speed (ticks may land during work).
  expect(m[10]).toBe(timer);
  expect(run.code).toBe(0);
}

describe("demo guests on QEMU virt", () => {
  it("hello.elf prints its line and passes through the finisher", async () => {
    const run = await firmware("hello.elf");
    const m = line(run, /^hello: M-mode on hart (\d+), misa (0x[0-9a-f]+), (\d+) instructions$/);
    expect(m[1]).toBe("0");
    expect(BigInt(m[2]!) >> 62n).toBe(2n); // misa.MXL = 2: RV64
    expect(run.code).toBe(0);
  });

  it("hello.elf parks the other harts", async () => {
    const run = await firmware("hello.elf", ["-smp", "4"]);
    line(run, /^hello: M-mode on hart 0, /);
    expect(run.code).toBe(0);
  });

  it("cpu-bound.elf sieves ~300 M instructions (counted exactly with -icount)", async () => {
    const run = await firmware("cpu-bound.elf", ["-icount", "shift=0"]);
    const m = line(
      run,
      /^cpu-bound: (\d+) rounds, (\d+) primes below (\d+), (\d+) instructions, (\d+) cycles, elapsed (\d+) ticks$/,
    );
    expect(m.slice(1, 4)).toEqual(["300", "6542", "65536"]);
    const insns = Number(m[4]);
    expect(insns).toBeGreaterThan(250e6);
    expect(insns).toBeLessThan(350e6);
    // -icount shift=0: one instruction per virtual ns, so 100 instructions per 10 MHz tick.
    expect(Math.abs(Number(m[6]) * 100 - insns) / insns).toBeLessThan(0.01);
    expect(run.code).toBe(0);
  });

  it("tick-m.elf takes 50 machine timer interrupts through the CLINT", async () => {
    checkTicks(await firmware("tick-m.elf"), "tick-m", "clint");
  });

  it("tick-m.elf runs with other harts parked", async () => {
    checkTicks(await firmware("tick-m.elf", ["-smp", "2"]), "tick-m", "clint");
  });

  it("tick-s.elf takes 50 supervisor timer interrupts through sbi_set_timer under OpenSBI", async () => {
    const run = await kernel("tick-s.elf");
    expect(run.out).toMatch(/OpenSBI v\d+\.\d+/);
    checkTicks(run, "tick-s", "sbi");
  });

  it("tick-sstc.elf writes stimecmp itself when QEMU has Sstc (the default in 7.2) and OpenSBI sets STCE", async () => {
    const run = await kernel("tick-sstc.elf", ["-cpu", "rv64,sstc=true"]);
    checkTicks(run, "tick-sstc", "sstc");
  });

  it("tick-sstc.elf falls back to SBI without Sstc and says so", async () => {
    const run = await kernel("tick-sstc.elf", ["-cpu", "rv64,sstc=false"]);
    checkTicks(run, "tick-sstc", "sbi (no sstc)");
  });
});

describe("demo guest images", () => {
  it("are what the sources build to (deterministic build)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rvisor-demo-"));
    try {
      await cp(join(GUESTS, "common"), join(dir, "common"), { recursive: true });
      await cp(DEMO, join(dir, "demo"), {
        recursive: true,
        filter: (src) => !src.endsWith(".elf") && !src.endsWith(".o"),
      });
      await promisify(execFile)("make", ["-C", join(dir, "demo")]);
      const elfs = (await readdir(DEMO)).filter((f) => f.endsWith(".elf")).sort();
      expect(elfs).toEqual(
        ["cpu-bound.elf", "echo.elf", "hello.elf", "htif-fail.elf", "tick-m.elf", "tick-s.elf", "tick-sstc.elf", "tiny-os.elf"],
      );
      for (const f of elfs) {
        const built = await readFile(join(dir, "demo", f));
        const committed = await readFile(join(DEMO, f));
        expect(built.equals(committed), `${f} differs from a fresh build: run make -C guests/demo`).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
