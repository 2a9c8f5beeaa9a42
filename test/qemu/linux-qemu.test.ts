// The Linux 6.1 guest (guests/linux/build.sh: Debian's linux-source-6.1, tinyconfig plus
// rvisor.config, our nolibc /init) on QEMU virt behind Debian's OpenSBI: the oracle for what
// rvisor must run. Each boot must reach /init, print the banner, the clock and five timed sleeps,
// echo one console line (written to QEMU's stdin once the banner is out) and power off cleanly
// (SBI SRST → QEMU exits with status 0). Both consoles: ns16550a (ttyS0, interrupt driven from
// user space) and the SBI console (hvc0, legacy SBI putchar/getchar). With QEMU's default CPU
// (F and D) /init also runs the glibc userland, which must finish cleanly; on an rv64imac CPU it
// says it skips it (test/qemu/linux-userland.test.ts compares the programs' output).
//
// The build is cached outside the work tree and reused; a cold one takes about 8 minutes on two
// cores. QEMU's clock is the host's here (no -icount), so times are only sanity-checked.
import { execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const QEMU = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILD = join(ROOT, "guests/linux/build.sh");
const TARBALL = process.env.LINUX_SOURCE_TARBALL ?? "/usr/src/linux-source-6.1.tar.xz";
const CROSS = process.env.CROSS_COMPILE ?? "riscv64-linux-gnu-";
const BUILD_TIMEOUT_MS = 20 * 60_000;
const BOOT_TIMEOUT_MS = 60_000;

const has = (cmd: string): boolean => spawnSync(cmd, ["--version"], { stdio: "ignore" }).error === undefined;
const missing = [
  has(`${CROSS}gcc`) ? "" : `${CROSS}gcc (apt-get install -y gcc-riscv64-linux-gnu)`,
  existsSync(TARBALL) ? "" : `${TARBALL} (apt-get install -y linux-source-6.1)`,
  has(QEMU) ? "" : `${QEMU} (apt-get install -y qemu-system-misc opensbi)`,
].filter(Boolean);
if (missing.length) console.warn(`linux-qemu: skipping, missing ${missing.join(", ")}`);

interface Boot {
  out: string;
  code: number | null;
  timedOut: boolean;
  /** Host milliseconds from spawning QEMU to the /init banner, and to QEMU's exit. */
  msToInit: number;
  msToExit: number;
}

/** Boots the Image; `input` goes to QEMU's stdin (the console) as soon as /init's banner is out. */
function boot(image: string, append: string, input?: string, cpu: string[] = []): Promise<Boot> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const args = ["-M", "virt", ...cpu, "-m", "128M", "-nographic", "-bios", "default", "-kernel", image, "-append", append];
    const child = spawn(QEMU, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let msToInit = NaN;
    const onData = (b: Buffer) => {
      out += b.toString("latin1");
      if (Number.isNaN(msToInit) && out.includes("rvisor-init: hello from /init")) {
        msToInit = performance.now() - start;
        if (input !== undefined) child.stdin.write(input);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.stdin.on("error", () => {}); // QEMU may be gone before we write
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, BOOT_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const msToExit = performance.now() - start;
      resolve({ out: out.replace(/\r/g, ""), code, timedOut, msToInit, msToExit });
    });
  });
}

/** /init's lines (without the prefix); kernel messages may interleave with them. */
const initLines = (b: Boot): string[] =>
  b.out
    .split("\n")
    .filter((l) => l.startsWith("rvisor-init: "))
    .map((l) => l.slice("rvisor-init: ".length));

function checkBoot(name: string, b: Boot, expectRead: string | null): void {
  const lines = initLines(b);
  const ok = !b.timedOut && b.code === 0;
  console.log(
    `linux-qemu ${name}: /init after ${b.msToInit.toFixed(0)} ms, QEMU exited after ${b.msToExit.toFixed(0)} ms` +
      ` (status ${b.code}${b.timedOut ? ", timed out" : ""})\n  ` +
      lines.join("\n  "),
  );
  if (!ok) console.log(b.out.slice(-4000));
  expect(b.timedOut).toBe(false);
  expect(lines[0]).toBe("hello from /init");
  expect(lines[1]).toMatch(/^monotonic clock \d+\.\d{9} s$/);
  const sleeps = lines.filter((l) => l.startsWith("sleep "));
  expect(sleeps).toHaveLength(5);
  sleeps.forEach((l, i) => {
    const m = /^sleep (\d)\/5: asked 20\.000 ms, took (\d+\.\d{3}) ms$/.exec(l);
    expect(m, l).not.toBeNull();
    expect(Number(m![1])).toBe(i + 1);
    const took = Number(m![2]);
    expect(took, l).toBeGreaterThanOrEqual(20); // nanosleep never returns early
    expect(took, l).toBeLessThan(2000); // host noise, but not a lost timer interrupt
  });
  expect(lines).toContain(expectRead === null ? "no input (waited 200 ms)" : `read: ${expectRead}`);
  expect(lines.at(-1)).toBe("powering off");
  expect(b.out).toContain("reboot: Power down");
  expect(b.out).not.toMatch(/Kernel panic|Oops|BUG:/);
  expect(b.code).toBe(0); // OpenSBI's SRST shutdown → SiFive test finisher "pass"
}

describe.skipIf(missing.length > 0)(
  "Linux 6.1 guest on QEMU virt" + (missing.length ? ` (skipped: missing ${missing.join(", ")})` : ""),
  () => {
    let dir = "";
    beforeAll(async () => {
      const start = performance.now();
      const stdout = await new Promise<string>((resolve, reject) => {
        const child = execFile(BUILD, [], { maxBuffer: 1 << 20, timeout: BUILD_TIMEOUT_MS }, (err, so, se) => {
          if (err) reject(new Error(`${BUILD} failed: ${err.message}\n${se}`));
          else resolve(so);
        });
        child.stderr?.on("data", (d: Buffer) => process.stderr.write(d));
      });
      dir = stdout.trim().split("\n").at(-1)!;
      console.log(`linux-qemu: build.sh → ${dir} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }, BUILD_TIMEOUT_MS);

    it("build.sh produced an Image, a no-FPU /init, the glibc userland and a newc initramfs.cpio", () => {
      const image = readFileSync(join(dir, "Image"));
      expect(image.subarray(0x30, 0x38).toString("latin1")).toBe("RISCV\0\0\0"); // Image header magic
      expect(image.subarray(0x38, 0x3c).toString("latin1")).toBe("RSC\x05");
      expect(image.length).toBeLessThan(8 << 20);
      const cpio = readFileSync(join(dir, "initramfs.cpio"));
      expect(cpio.subarray(0, 6).toString("latin1")).toBe("070701");
      expect(cpio.includes("dev/console")).toBe(true);
      expect(cpio.includes("TRAILER!!!")).toBe(true);
      for (const p of ["printf-strtod", "libm", "setjmp", "fork-exec", "exec-child", "threads", "smp"]) {
        expect(cpio.includes(`bin/${p}\0`), p).toBe(true);
      }
      const config = readFileSync(join(dir, "config"), "latin1");
      for (const l of ["CONFIG_FPU=y", "CONFIG_SMP=y", "CONFIG_NR_CPUS=8", "# CONFIG_RISCV_BOOT_SPINWAIT is not set", "CONFIG_RISCV_ISA_C=y"]) {
        expect(config.split("\n")).toContain(l);
      }
      const printed = spawnSync(BUILD, ["--print-dir"], { encoding: "latin1" }).stdout.trim();
      expect(printed).toBe(dir);
    });

    // QEMU's default rv64 CPU has F/D, H and Sstc (the kernel then programs stimecmp itself);
    // the rv64imac one is rvisor's: timer interrupts go through SBI TIME.set_timer.
    const CPUS: [string, string[]][] = [
      ["default cpu", []],
      ["rv64imac", ["-cpu", "rv64,f=off,d=off,h=off,sstc=off"]],
    ];
    const CONSOLES: [string, string][] = [
      ["ttyS0 (ns16550a)", "console=ttyS0 earlycon"],
      ["hvc0 (SBI console)", "console=hvc0 earlycon=sbi"],
    ];
    for (const [cpuName, cpu] of CPUS) {
      for (const [consoleName, append] of CONSOLES) {
        it(`${cpuName}, ${consoleName}: boots to /init, echoes a line and powers off`, async () => {
          const b = await boot(join(dir, "Image"), append, "hello\n", cpu);
          checkBoot(`${cpuName}, ${consoleName}`, b, "hello");
          if (cpu.length) {
            expect(b.out).toContain("riscv: base ISA extensions acim");
            expect(initLines(b)).toContain("userland: AT_HWCAP acim has no F and D: skipping the glibc programs (rv64gc)");
          } else {
            expect(initLines(b)).toContain("userland: done, 0 of 6 failed");
            // QEMU's default is one hart: the SMP kernel brings up just the boot CPU
            expect(b.out).toContain("smp: Brought up 1 node, 1 CPU\n");
            expect(b.out).toContain("rvisor-user: smp: cpus 1: cpu0 ran pinned\n");
          }
        });
      }
    }

    it("reports no input when the console stays silent", async () => {
      checkBoot("ttyS0, no input", await boot(join(dir, "Image"), "console=ttyS0 earlycon"), null);
    });
  },
);
