// The Linux guest with several harts, on QEMU virt behind Debian's OpenSBI (fw_jump): the oracle
// for rvisor's SMP VMs. The kernel (CONFIG_SMP=y, NR_CPUS=8, no spinwait) must find SBI HSM and
// start every secondary hart with hart_start, and /init's smp program
// (guests/linux/userland/smp.c) must run one thread pinned on each CPU, with the atomic and the
// lock-protected counters both complete. Its output depends only on the number of harts
// (test/helpers/linux-smp.ts). With QEMU's default CPU (F and D) /init runs the whole userland;
// with an rv64imac one (rvisor's ISA: no F/D, no Sstc, so every hart's timer goes through SBI
// TIME) it skips the glibc programs, but the kernel must still bring every hart up and power off.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { firstCpus, smpOutput } from "../helpers/linux-smp.js";
import { runQemuSystem, type QemuRun } from "../helpers/qemu-system.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

const QEMU = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";
const TARBALL = process.env.LINUX_SOURCE_TARBALL ?? "/usr/src/linux-source-6.1.tar.xz";
const CROSS = process.env.CROSS_COMPILE ?? "riscv64-linux-gnu-";
const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const BOOT_TIMEOUT_MS = 120_000;

const has = (cmd: string): boolean => spawnSync(cmd, ["--version"], { stdio: "ignore" }).error === undefined;
const missing = [
  has(`${CROSS}gcc`) ? "" : `${CROSS}gcc (apt-get install -y gcc-riscv64-linux-gnu)`,
  existsSync(TARBALL) ? "" : `${TARBALL} (apt-get install -y linux-source-6.1)`,
  has(QEMU) ? "" : `${QEMU} (apt-get install -y qemu-system-misc)`,
  existsSync(FW) ? "" : `${FW} (apt-get install -y opensbi)`,
].filter(Boolean);
if (missing.length) console.warn(`linux-smp-qemu: skipping, missing ${missing.join(", ")}`);

/** One program's lines as it wrote them, out of /init's "rvisor-user: <name>: <line>" lines. */
const userOutput = (out: string, name: string): string =>
  out
    .split("\n")
    .filter((l) => l.startsWith(`rvisor-user: ${name}: `))
    .map((l) => l.slice(`rvisor-user: ${name}: `.length) + "\n")
    .join("");

/** The kernel's and /init's checks common to every SMP boot. */
function expectSmpBoot(r: QemuRun, harts: number): void {
  const tail = r.out.slice(-4000);
  expect(r.timedOut, tail).toBe(false);
  expect(r.out, tail).toContain(`smp: Brought up 1 node, ${harts} CPU${harts > 1 ? "s" : ""}\n`);
  expect(r.out).toContain("SBI HSM extension detected");
  expect(r.out).not.toMatch(/failed to (start|come online)|Kernel panic|Oops|BUG:|rcu_.*stall/);
  expect(r.out).toContain("rvisor-init: powering off\n");
  expect(r.out).toContain("reboot: Power down");
  expect(r.code, tail).toBe(0);
}

describe.skipIf(missing.length > 0)(
  "Linux 6.1 guest with several harts on QEMU virt (OpenSBI fw_jump)" + (missing.length ? ` (skipped: missing ${missing.join(", ")})` : ""),
  () => {
    let image = "";
    beforeAll(() => {
      const dir = linuxBuildDir();
      image = join(dir, "Image");
    }, LINUX_BUILD_TIMEOUT_MS);

    const boot = (harts: number, cpu: string[] = []) =>
      runQemuSystem(QEMU, ["-M", "virt", ...cpu, "-smp", String(harts), "-m", "256M", "-nographic", "-bios", FW,
        "-kernel", image, "-append", "console=ttyS0 earlycon"], BOOT_TIMEOUT_MS);

    // Not -smp 8: QEMU's threaded TCG then runs 8 threads on the CI's 2 cores beside the other
    // suites and took over 120 s (2.5 s on an idle machine; 140 s single-threaded). rvisor's own
    // 8-hart boot is in linux-smp.test.ts.
    for (const harts of [4, 1, 2]) {
      it(`-smp ${harts}: every hart comes up, smp runs a pinned thread on each, both counters complete`, async () => {
        const r = await boot(harts);
        expectSmpBoot(r, harts);
        expect(userOutput(r.out, "smp")).toBe(smpOutput(firstCpus(harts)));
        expect(r.out).toContain("rvisor-init: smp: exit status 0\n");
        expect(r.out).toContain("rvisor-init: userland: done, 0 of 6 failed\n");
      }, BOOT_TIMEOUT_MS + 10_000);
    }

    it("-smp 4 with rvisor's ISA (rv64imac, no Sstc: timers through SBI TIME on every hart): all four come up", async () => {
      const r = await boot(4, ["-cpu", "rv64,f=off,d=off,h=off,sstc=off"]);
      expectSmpBoot(r, 4);
      expect(r.out).toContain("riscv: base ISA extensions acim");
      expect(r.out).toMatch(/rvisor-init: sleep 5\/5: asked 20\.000 ms, took \d+\.\d{3} ms\n/);
      expect(r.out).toContain("rvisor-init: userland: AT_HWCAP acim has no F and D: skipping the glibc programs (rv64gc)\n");
    }, BOOT_TIMEOUT_MS + 10_000);
  },
);
