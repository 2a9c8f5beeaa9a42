// The virtio guests (guests/virtio) on QEMU virt, a virtio-mmio implementation we did not write:
// this checks the guests' own driver against a reference before it is used to judge rvisor's
// devices. M-mode, `-bios none`, verdict through the SiFive test finisher (QEMU's exit status).
// `virtio-mmio.force-legacy=false` makes QEMU 7.2 offer version 2 (it defaults to legacy).
// QEMU puts the first -device in the highest slot (0x1000_8000); the guests probe all eight.
//
// bad-queue.elf is run for information only: QEMU answers a buffer it cannot map (outside RAM)
// with IOERR, or reads zeros from rings outside RAM, instead of setting DEVICE_NEEDS_RESET as
// rvisor's devices must. What must hold on QEMU too: the guest ends, every scenario recovers
// after the reset, and the acknowledged writes are on the disk.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runQemuSystem, type QemuRun } from "../helpers/qemu-system.js";
import {
  BAD_QUEUE_KNOWN_SECTOR,
  BAD_QUEUE_RECOVERY_FIRST,
  BAD_QUEUE_SCENARIOS,
  SECTOR,
  benchText,
  diskWith,
  hex16,
  patternSector,
  sameBytes,
  sectorOf,
} from "../helpers/virtio-guests.js";

const QEMU = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";
const GUESTS = fileURLToPath(new URL("../../guests/", import.meta.url));
const VIRTIO = join(GUESTS, "virtio");
const TIMEOUT_MS = 120_000;
const HEAD = "rvisor virtio 0!";

/** A virtio guest on QEMU virt, its virtio-mmio transports forced to version 2 (rvisor's). */
function runQemu(elf: string, args: string[]): Promise<QemuRun> {
  return runQemuSystem(QEMU, ["-M", "virt", "-bios", "none", "-nographic", "-global", "virtio-mmio.force-legacy=false", "-kernel", join(VIRTIO, elf), ...args], TIMEOUT_MS);
}

const drive = (file: string, opts = "") => ["-drive", `file=${file},if=none,format=raw,id=d0${opts}`];
const blkDevice = (opts = "") => ["-device", `virtio-blk-device,drive=d0${opts}`];

function describeRun(run: QemuRun): string {
  return `QEMU output (exit ${run.code}${run.timedOut ? ", timed out" : ""}):\n${run.out}\n${run.err}`;
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rvisor-virtio-qemu-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("blk-test.elf on QEMU virt", () => {
  it("reads the host's sector 0, writes sectors 32-48 in every request shape, reads them back, flushes, and passes", async () => {
    const disk = join(dir, "blk.img");
    const bytes = diskWith(1 << 20, HEAD);
    await writeFile(disk, bytes);
    const run = await runQemu("blk-test.elf", [...drive(disk), ...blkDevice(",serial=rvisor-serial-42")]);
    const what = describeRun(run);
    expect(run.timedOut, what).toBe(false);
    expect(run.out, what).toMatch(/^blk-test: virtio-blk in slot 7, capacity 2048 sectors, 16-entry queue(, event idx)?$/m);
    expect(run.out, what).toContain(`blk-test: sector 0: ${hex16(bytes)}\n`);
    expect(run.out, what).toContain("blk-test: interrupt status 0x1 after a completion, 0x0 after InterruptACK\n");
    expect(run.out, what).toContain("8 sectors through an indirect table, 4 requests in flight\n");
    expect(run.out, what).toContain("blk-test: flush ok\n");
    expect(run.out, what).toContain("blk-test: read past the end: status 1, unknown request type: status 2\n");
    // QEMU 7.2 takes indirect tables at the head of a chain only (virtio 1.2 2.7.5.3.2 wants more).
    expect(run.out, what).toContain("blk-test: header direct, data and status indirect: refused with DEVICE_NEEDS_RESET; reset\n");
    expect(run.out, what).toContain('blk-test: id "rvisor-serial-42"\n');
    expect(run.out, what).toMatch(/blk-test: PASS\n$/);
    expect(run.out, what).not.toMatch(/FAIL/);
    expect(run.code, what).toBe(0);
    const after = new Uint8Array(await readFile(disk));
    for (let s = 32; s <= 48; s++) expect(sectorOf(after, s), `sector ${s}`).toEqual(patternSector(s));
    // Nothing else was written.
    expect(after.subarray(0, 32 * SECTOR)).toEqual(bytes.subarray(0, 32 * SECTOR));
    expect(after.subarray(49 * SECTOR).every((b) => b === 0)).toBe(true);
  });

  it("finds the disk among other devices and, read-only, gets IOERR for a write and writes nothing", async () => {
    const disk = join(dir, "ro.img");
    const bytes = diskWith(1 << 20, HEAD);
    await writeFile(disk, bytes);
    const run = await runQemu("blk-test.elf", [
      ...drive(disk, ",readonly=on"),
      "-device", "virtio-rng-device",
      ...blkDevice(),
      "-device", "virtio-net-device",
    ]);
    const what = describeRun(run);
    expect(run.out, what).toMatch(/^blk-test: virtio-blk in slot 6, capacity 2048 sectors, 16-entry queue, read-only/m);
    expect(run.out, what).toContain(`blk-test: sector 0: ${hex16(bytes)}\n`);
    expect(run.out, what).toContain("blk-test: read-only device: write status 1\n");
    expect(run.out, what).not.toContain("wrote sectors");
    expect(run.out, what).toMatch(/blk-test: PASS\n$/);
    expect(run.code, what).toBe(0);
    expect(sameBytes(new Uint8Array(await readFile(disk)), bytes)).toBe(true);
  });

  it("fails through the finisher when there is no version-2 virtio-blk (legacy QEMU devices do not count)", async () => {
    const disk = join(dir, "legacy.img");
    await writeFile(disk, diskWith(1 << 20, HEAD));
    const run = await runQemu("blk-test.elf", [...drive(disk), ...blkDevice(), "-global", "virtio-mmio.force-legacy=true"]);
    expect(run.out, describeRun(run)).toContain("blk-test: FAIL no virtio-blk (version 2) in any slot");
    expect(run.code, describeRun(run)).toBe(10);
  });
});

describe("bench:io workloads on QEMU virt", () => {
  it("io-console.elf sends the 1 MiB text through virtio-console port 0", async () => {
    const file = join(dir, "console.out");
    const run = await runQemu("io-console.elf", [
      "-device", "virtio-serial-device",
      "-chardev", `file,id=c0,path=${file}`,
      "-device", "virtconsole,chardev=c0",
    ]);
    const what = describeRun(run);
    expect(run.out, what).toBe("io-console: 1048576 bytes through virtio-console port 0 in 256 buffers of 4096\n");
    expect(run.code, what).toBe(0);
    const got = await readFile(file, "latin1");
    expect(got.length).toBe(1 << 20);
    expect(got === benchText()).toBe(true);
  });

  it("io-uart.elf sends the same text through the UART", async () => {
    const run = await runQemu("io-uart.elf", []);
    expect(run.code).toBe(0);
    expect(run.out === `${benchText()}io-uart: 1048576 bytes through the UART\n`).toBe(true);
  });

  it("io-blk.elf writes 16 MiB, stamps every sector, reads it back", async () => {
    const disk = join(dir, "bench.img");
    await writeFile(disk, new Uint8Array(16 << 20));
    const run = await runQemu("io-blk.elf", [...drive(disk), ...blkDevice()]);
    const what = describeRun(run);
    expect(run.out, what).toBe("io-blk: wrote 16 MiB in 256 requests of 64 KiB, read it back: sector stamps ok\n");
    expect(run.code, what).toBe(0);
    const after = new Uint8Array(await readFile(disk));
    const view = new DataView(after.buffer, after.byteOffset);
    for (let s = 0; s < (16 << 20) / SECTOR; s += 97) expect(view.getBigUint64(s * SECTOR, true)).toBe(BigInt(s));
    // Past the stamp, sector s holds blk_pattern of its place in its 64 KiB request.
    for (const s of [0, 129, 12345, 32767]) expect(sectorOf(after, s).subarray(8)).toEqual(patternSector(s % 128).subarray(8));
  });
});

describe("bad-queue.elf on QEMU virt (informational: QEMU flags fewer scenarios)", () => {
  it("ends, recovers after every scenario, and keeps every acknowledged write", async () => {
    const disk = join(dir, "bad.img");
    await writeFile(disk, diskWith(1 << 20, HEAD));
    const run = await runQemu("bad-queue.elf", [...drive(disk), ...blkDevice()]);
    const what = describeRun(run);
    expect(run.timedOut, what).toBe(false);
    expect(run.out, what).toContain(`bad-queue: sector 1 written and flushed; ${BAD_QUEUE_SCENARIOS} scenarios follow\n`);
    // QEMU carries out the DMA to its own UART (scenario (a), 0x1000_0000): NULs among the lines.
    const lines = run.out.replace(/\0/g, "").split("\n").filter((l) => /^bad-queue: \([a-g]\)/.test(l));
    expect(lines, what).toHaveLength(BAD_QUEUE_SCENARIOS);
    for (const l of lines) expect(l, what).toMatch(/, recovered$/);
    // QEMU does flag loops, bad indices, bad indirect tables and a runaway avail.idx.
    for (const l of lines.filter((l) => /^bad-queue: \((b|e|f|g)\)/.test(l))) expect(l).toMatch(/: needs reset, config interrupt, recovered$/);
    const after = new Uint8Array(await readFile(disk));
    expect(sectorOf(after, BAD_QUEUE_KNOWN_SECTOR)).toEqual(patternSector(BAD_QUEUE_KNOWN_SECTOR));
    for (let k = 0; k < BAD_QUEUE_SCENARIOS; k++) {
      const s = BAD_QUEUE_RECOVERY_FIRST + k;
      expect(sectorOf(after, s), `sector ${s}`).toEqual(patternSector(s));
    }
  });
});

describe("virtio guest images", () => {
  it("are what the sources build to (deterministic build)", async () => {
    const tmp = await mkdtemp(join(tmpdir(), "rvisor-virtio-build-"));
    try {
      for (const d of ["common", "demo", "virtio"]) {
        await cp(join(GUESTS, d), join(tmp, d), { recursive: true, filter: (src) => !src.endsWith(".elf") && !src.endsWith(".o") });
      }
      await promisify(execFile)("make", ["-C", join(tmp, "virtio")]);
      const elfs = (await readdir(VIRTIO)).filter((f) => f.endsWith(".elf")).sort();
      expect(elfs).toEqual(["bad-queue.elf", "blk-test.elf", "flush-wait.elf", "io-blk.elf", "io-console.elf", "io-uart.elf"]);
      for (const f of elfs) {
        const built = await readFile(join(tmp, "virtio", f));
        expect(built.equals(await readFile(join(VIRTIO, f))), `${f} differs from a fresh build: run make -C guests/virtio`).toBe(true);
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
