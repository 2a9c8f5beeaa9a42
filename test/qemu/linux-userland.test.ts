// The Linux guest's glibc userland (guests/linux/userland/*.c: static, rv64gc/lp64d, built by
// guests/linux/build.sh into the initramfs) against an oracle: each program run alone under
// Debian's qemu-riscv64 (user-mode QEMU, the host kernel underneath) gives the output every Linux
// boot must reproduce byte for byte. /init passes each line on as "rvisor-user: <name>: <line>"
// and each exit status as "rvisor-init: <name>: exit status N".
//
//   1. qemu-user: the oracle, checked against facts known independently (round trips, exit codes).
//   2. qemu-system-riscv64 -M virt (default CPU, with F and D) behind OpenSBI boots the Image.
//   3. rvisor boots the Image in all three timer modes: kernel mode (SBI TIME), firmware mode
//      (Debian's OpenSBI on the virtual CLINT) and kernel mode with Sstc.
//
// fork-exec execs exec-child; the host kernel cannot run a RISC-V ELF, so under qemu-user the
// program execs it through RVISOR_EXEC_WRAPPER (qemu-riscv64 itself). Nothing it prints depends
// on that.
//
// smp is the exception to "qemu-user's output is the oracle": it starts one thread per CPU and
// names them, and under qemu-user the CPUs are the host's (whatever this machine or CI has), not
// the guest's. Its output is a function of that list of CPUs alone (test/helpers/linux-smp.ts), so
// qemu-user's run must print exactly that function of the host CPUs this process may run on (the
// program's threads really run pinned and in parallel there, on the host kernel), and every boot
// here, all with one hart (QEMU's default -smp 1, rvisor's single vCPU), must print it for cpu0.
// test/qemu/linux-smp-qemu.test.ts boots QEMU with several harts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Hypervisor, type BootImages, type VmOptions } from "../../src/index.js";
import { allowedHostCpus, smpOutput } from "../helpers/linux-smp.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

const TARBALL = process.env.LINUX_SOURCE_TARBALL ?? "/usr/src/linux-source-6.1.tar.xz";
const CROSS = process.env.CROSS_COMPILE ?? "riscv64-linux-gnu-";
const QEMU_SYSTEM = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";
const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const BOOT_TIMEOUT_MS = 120_000;

/** What /init runs, in order (guests/linux/init.c); exec-child is run by fork-exec. */
const PROGRAMS = ["printf-strtod", "libm", "setjmp", "fork-exec", "threads", "smp"] as const;
type Program = (typeof PROGRAMS)[number];

/** Facts each program's output must state, known without any emulator. */
const FACTS: Record<Program, (string | RegExp)[]> = {
  "printf-strtod": [
    "round trips: 27 values, 0 bad",
    /^random %\.17g round trips: 2000 values, 0 bad, text hash [0-9a-f]{16}$/m,
    " 6 400921fb54442d18 %.17g 3.1415926535897931       %a 0x1.921fb54442d18p+1 ",
    "15 0000000000000001 %.17g 4.9406564584124654e-324  %a 0x0.0000000000001p-1022 ",
    "round upward      1/3 0x1.5555555555556p-2 ",
    "strtod 2.4703282292062328e-324                -> 0000000000000001 ",
    "flags zero / zero    = 7ff8000000000000 nan                      invalid", // RISC-V's canonical NaN
  ],
  libm: [
    "sqrt(0x1p+1                  ) = 1.4142135623730951       0x1.6a09e667f3bcdp+0", // correctly rounded
    "log (0x1p+0                  ) = 0                        0x0p+0",
  ],
  setjmp: ["setjmp returned -21 (round 3)", "siglongjmp from a signal handler returned 42; SIGUSR2 blocked 0, SIGUSR1 blocked 0"],
  "fork-exec": [
    'exec-child: argv[1] = "first arg"',
    "exec-child: rounding to nearest, flags 0x0, 1/3 = 0x1.5555555555555p-2, argv[2] * 1.5 = 3.75",
    "exec-child: exited with status 3",
    "child calling _exit(7): exited with status 7",
    "child raising SIGTERM: killed by signal 15",
  ],
  threads: ["order: A0 B0 A1 B1 A2 B2 A3 B3 A4 B4 A5 B5 A6 B6 A7 B7 ", "thread B: returned 101, thread-local counter 8,"],
  smp: [/^cpus [1-9]\d*: (cpu\d+ )+ran pinned$/m, /^atomic counter ([1-9]\d*00000) of \1, locked counter \1 of \1$/m],
};

const which = (cmd: string): string | undefined => {
  const r = spawnSync("sh", ["-c", `command -v "$0"`, cmd], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
};
const QEMU_USER = which("qemu-riscv64");
const missing = [
  which(`${CROSS}gcc`) ? "" : `${CROSS}gcc (apt-get install -y gcc-riscv64-linux-gnu)`,
  existsSync(TARBALL) ? "" : `${TARBALL} (apt-get install -y linux-source-6.1)`,
  QEMU_USER ? "" : "qemu-riscv64 (apt-get install -y qemu-user)",
].filter(Boolean);
if (missing.length) console.warn(`linux-userland: skipping, missing ${missing.join(", ")}`);


/** Each program's lines in a console (carriage returns dropped), as the program wrote them. */
function userOutputs(console: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of console.replace(/\r/g, "").split("\n")) {
    const m = /^rvisor-user: ([a-z-]+): (.*)$/.exec(l);
    if (m) out.set(m[1]!, (out.get(m[1]!) ?? "") + m[2]! + "\n");
  }
  return out;
}

/** The userland part of a boot must equal the oracle: every program's output, status 0. */
function expectOracle(console: string, oracle: Map<string, string>): void {
  const text = console.replace(/\r/g, "");
  expect(text, text.slice(-3000)).toContain(`rvisor-init: userland: AT_HWCAP acdfim: running ${PROGRAMS.length} glibc programs`);
  const outputs = userOutputs(text);
  for (const p of PROGRAMS) {
    expect(outputs.get(p), `${p}'s output`).toBe(oracle.get(p));
    expect(text).toContain(`rvisor-init: ${p}: exit status 0\n`);
  }
  expect([...outputs.keys()].sort()).toEqual([...PROGRAMS].sort());
  expect(text).toContain(`rvisor-init: userland: done, 0 of ${PROGRAMS.length} failed`);
  expect(text).toContain("rvisor-init: powering off");
}

describe.skipIf(missing.length > 0)(
  "The Linux guest's glibc userland: qemu-user as the oracle" + (missing.length ? ` (skipped: missing ${missing.join(", ")})` : ""),
  () => {
    let dir = "";
    const oracle = new Map<string, string>();

    beforeAll(() => {
      dir = linuxBuildDir();
    }, LINUX_BUILD_TIMEOUT_MS);

    it("qemu-riscv64 runs every program: exit status 0, nothing on stderr, the known facts in the output", () => {
      const sizes: string[] = [];
      for (const p of PROGRAMS) {
        const r = spawnSync(QEMU_USER!, [join(dir, "userland", p)], {
          encoding: "latin1",
          env: { RVISOR_EXEC_WRAPPER: QEMU_USER! },
          timeout: 60_000,
        });
        expect(r.error).toBeUndefined();
        expect(r.stderr, `${p} stderr`).toBe("");
        expect(r.status, `${p} exit status`).toBe(0);
        for (const f of FACTS[p]) {
          if (typeof f === "string") expect(r.stdout, p).toContain(f);
          else expect(r.stdout, p).toMatch(f);
        }
        expect(r.stdout.endsWith("\n"), `${p} ends its last line`).toBe(true);
        if (p === "smp") {
          // The host's CPUs under qemu-user; the guests below have one hart (see the top).
          expect(r.stdout).toBe(smpOutput(allowedHostCpus()));
          oracle.set(p, smpOutput([0]));
        } else {
          oracle.set(p, r.stdout);
        }
        sizes.push(`${p} ${r.stdout.split("\n").length - 1} lines/${r.stdout.length} bytes`);
      }
      console.log(`linux-userland: qemu-user oracle: ${sizes.join(", ")}`);
      // Deterministic: a second run prints the same.
      const again = spawnSync(QEMU_USER!, [join(dir, "userland", "threads")], { encoding: "latin1", env: {} });
      expect(again.stdout).toBe(oracle.get("threads"));
    });

    it("qemu-system-riscv64 -M virt (F and D) behind OpenSBI: the Image's /init prints exactly the oracle's output", async () => {
      expect(oracle.size, "needs the qemu-user test").toBe(PROGRAMS.length);
      const out = await new Promise<string>((resolve, reject) => {
        const args = ["-M", "virt", "-smp", "1", "-m", "128M", "-nographic", "-bios", "default", "-kernel", join(dir, "Image"), "-append", "console=ttyS0 earlycon"];
        const child = spawn(QEMU_SYSTEM, args, { stdio: ["ignore", "pipe", "pipe"] });
        let text = "";
        child.stdout.on("data", (b: Buffer) => (text += b.toString("latin1")));
        child.stderr.on("data", (b: Buffer) => (text += b.toString("latin1")));
        const timer = setTimeout(() => child.kill("SIGKILL"), BOOT_TIMEOUT_MS);
        child.on("error", reject);
        child.on("close", (code) => {
          clearTimeout(timer);
          if (code === 0) resolve(text);
          else reject(new Error(`QEMU exited with ${code}:\n${text.slice(-3000)}`));
        });
      });
      expectOracle(out, oracle);
    });

    async function bootRvisor(options: VmOptions, images: BootImages) {
      const hv = await Hypervisor.create({ maxInsns: 5e9 });
      let console = "";
      const vm = hv.createVm({ memoryBytes: 128 << 20, ...options, onConsole: (b) => (console += String.fromCharCode(b)) });
      vm.boot(images);
      await hv.run();
      return { vm, console };
    }

    const MODES: [string, VmOptions, () => BootImages][] = [
      ["kernel mode (timer through SBI TIME)", { mode: "kernel", bootargs: "console=ttyS0" }, () => ({ kernel: readFileSync(join(dir, "Image")) })],
      ["firmware mode (Debian's OpenSBI on the virtual CLINT)", { mode: "firmware", bootargs: "console=ttyS0" }, () => ({ firmware: readFileSync(FW), kernel: readFileSync(join(dir, "Image")) })],
      ["kernel mode with Sstc (the kernel writes stimecmp)", { mode: "kernel", sstc: true, bootargs: "console=ttyS0" }, () => ({ kernel: readFileSync(join(dir, "Image")) })],
      ["classic mode (deprivileged kernel, timer through SBI TIME)", { mode: "kernel", classic: true, bootargs: "console=ttyS0" }, () => ({ kernel: readFileSync(join(dir, "Image")) })],
      ["classic mode with Sstc (stimecmp writes trap and are emulated)", { mode: "kernel", classic: true, sstc: true, bootargs: "console=ttyS0" }, () => ({ kernel: readFileSync(join(dir, "Image")) })],
      ["classic firmware mode (OpenSBI deprivileged too, on the virtual CLINT)", { mode: "firmware", classic: true, bootargs: "console=ttyS0" }, () => ({ firmware: readFileSync(FW), kernel: readFileSync(join(dir, "Image")) })],
    ];
    for (const [name, options, images] of MODES) {
      it(`rvisor, ${name}: /init prints exactly the oracle's output`, async () => {
        expect(oracle.size, "needs the qemu-user test").toBe(PROGRAMS.length);
        const { vm, console } = await bootRvisor(options, images());
        expectOracle(console, oracle);
        expect(vm.result, console.slice(-2000)).toMatchObject({ outcome: "pass" });
        if (options.sstc) expect(vm.stats.sbiCalls.get("TIME") ?? 0).toBe(0);
        if (options.mode === "firmware") expect(vm.stats.exits.get("hypercall")?.count ?? 0).toBe(0);
        // Deprivileged, every privileged instruction of the kernel is a trap; assisted, none is.
        expect((vm.stats.exits.get("trap")?.count ?? 0) > 0).toBe(options.classic === true);
      });
    }
  },
);
