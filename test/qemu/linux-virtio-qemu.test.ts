// The Linux guest's virtio tests (guests/linux/virtio-test.c, run by /init for `rvisor_test=`) on
// QEMU virt: the oracle for rvisor's virtio-mmio devices (test/qemu/linux-virtio.test.ts runs the
// same scenarios on rvisor). QEMU's virtio-mmio transports are forced to version 2
// (`-global virtio-mmio.force-legacy=false`), the only version rvisor implements.
//   blk      an ext2 disk made by the host: the guest prints hello.txt and big.bin's hash, writes
//            guest.txt and guest.bin; afterwards debugfs reads them back and e2fsck finds the
//            file system clean.
//   hwrng    64 bytes from virtio-rng through /dev/hwrng.
//   udp      two QEMUs joined by a socket netdev (one listens, one connects): a UDP echo server
//            and a client that times 20 round trips.
//   console  a virtio console port (/dev/hvc1) on a Unix socket: the guest writes a line, the
//            test answers with one, the guest reads it.
// Plus a boot with all four devices and no `rvisor_test`: /init's usual program, unchanged.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hasE2fsprogs } from "../helpers/ext2.js";
import {
  blkDisk,
  CONSOLE_FROM_GUEST,
  CONSOLE_FROM_HOST,
  expectBlk,
  expectConsole,
  expectHwrng,
  expectUdp,
  testBootargs,
} from "../helpers/linux-virtio.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

const QEMU = process.env.DIFFTEST_QEMU ?? "qemu-system-riscv64";
const TARBALL = process.env.LINUX_SOURCE_TARBALL ?? "/usr/src/linux-source-6.1.tar.xz";
const CROSS = process.env.CROSS_COMPILE ?? "riscv64-linux-gnu-";
const BOOT_TIMEOUT_MS = 60_000;
/** rvisor's ISA (rv64imac, timer through SBI): the guest programs are rv64imac too. */
const CPU = ["-cpu", "rv64,f=off,d=off,h=off,sstc=off"];

const has = (cmd: string): boolean => spawnSync(cmd, ["--version"], { stdio: "ignore" }).error === undefined;
const missing = [
  has(`${CROSS}gcc`) ? "" : `${CROSS}gcc (apt-get install -y gcc-riscv64-linux-gnu)`,
  existsSync(TARBALL) ? "" : `${TARBALL} (apt-get install -y linux-source-6.1)`,
  has(QEMU) ? "" : `${QEMU} (apt-get install -y qemu-system-misc opensbi)`,
  hasE2fsprogs ? "" : "mke2fs, debugfs, e2fsck (apt-get install -y e2fsprogs)",
].filter(Boolean);
if (missing.length) console.warn(`linux-virtio-qemu: skipping, missing ${missing.join(", ")}`);

interface Qemu {
  /** Everything QEMU printed so far (carriage returns dropped at the end). */
  out: string;
  /** Resolves with QEMU's exit status once it is gone (or killed at the time-out). */
  done: Promise<number | null>;
  /** Resolves once QEMU has printed something: the machine runs, its netdevs are set up. */
  started: Promise<void>;
}

/** Starts QEMU virt behind Debian's OpenSBI with the Image, `append` and the device arguments. */
function qemu(image: string, append: string, devices: string[]): Qemu {
  const args = ["-M", "virt", ...CPU, "-m", "128M", "-nographic", "-bios", "default", "-kernel", image, "-append", append,
    "-global", "virtio-mmio.force-legacy=false", ...devices];
  const child = spawn(QEMU, args, { stdio: ["ignore", "pipe", "pipe"] });
  const q = { out: "" } as Qemu;
  let onStart: () => void = () => {};
  q.started = new Promise((resolve) => (onStart = resolve));
  const onData = (b: Buffer) => {
    q.out += b.toString("latin1");
    onStart();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const timer = setTimeout(() => child.kill("SIGKILL"), BOOT_TIMEOUT_MS);
  q.done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      q.out = q.out.replace(/\r/g, "");
      onStart();
      resolve(code);
    });
  });
  return q;
}

async function run(image: string, append: string, devices: string[]): Promise<string> {
  const q = qemu(image, append, devices);
  const code = await q.done;
  expect(code, q.out.slice(-3000)).toBe(0); // SBI SRST shutdown → QEMU exits with 0
  return q.out;
}

/** A TCP port nobody listens on now (for the socket netdev). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(missing.length > 0)(
  "The Linux guest's virtio tests on QEMU virt (virtio-mmio v2)" + (missing.length ? ` (skipped: missing ${missing.join(", ")})` : ""),
  () => {
    let image = "";
    beforeAll(() => {
      const dir = linuxBuildDir();
      image = join(dir, "Image");
    }, LINUX_BUILD_TIMEOUT_MS);

    it("blk: the guest reads the host's files from an ext2 disk and writes its own; the disk is clean afterwards", async () => {
      const disk = blkDisk();
      const out = await run(image, testBootargs("console=ttyS0", "blk"), ["-drive", `file=${disk},if=none,format=raw,id=d0`, "-device", "virtio-blk-device,drive=d0"]);
      expectBlk(out, disk);
      expect(out).toContain("virtio_blk virtio0: [vda] 16384 512-byte logical blocks (8.39 MB/8.00 MiB)");
    });

    it("hwrng: 64 bytes from virtio-rng, different on every boot", async () => {
      const devices = ["-device", "virtio-rng-device"];
      const a = expectHwrng(await run(image, testBootargs("console=ttyS0", "hwrng"), devices));
      const b = expectHwrng(await run(image, testBootargs("console=ttyS0", "hwrng"), devices));
      expect(a).not.toBe(b);
    });

    it("udp: two guests on a socket netdev, an echo server and a client that times 20 round trips", async () => {
      const port = await freePort();
      const net = (mac: string, netdev: string) => ["-netdev", `socket,id=n0,${netdev}`, "-device", `virtio-net-device,netdev=n0,mac=${mac}`];
      const server = qemu(image, testBootargs("console=ttyS0", "udp-server"), net("52:54:00:12:34:01", `listen=127.0.0.1:${port}`));
      await server.started; // listening before the client connects
      const client = qemu(image, testBootargs("console=ttyS0", "udp-client"), net("52:54:00:12:34:02", `connect=127.0.0.1:${port}`));
      const [serverCode, clientCode] = await Promise.all([server.done, client.done]);
      expect(clientCode, client.out.slice(-3000)).toBe(0);
      expect(serverCode, server.out.slice(-3000)).toBe(0);
      const rtt = expectUdp(client.out, server.out);
      console.log(`linux-virtio-qemu: udp rtt min ${rtt.min} µs, avg ${rtt.avg} µs, max ${rtt.max} µs, ${rtt.resent} resent (host time)`);
    });

    it("console: a line each way on a virtio console port (/dev/hvc1)", async () => {
      const dir = mkdtempSync(join(tmpdir(), "rvisor-hvc-"));
      const path = join(dir, "hvc1.sock");
      let fromGuest = "";
      let answered = false;
      const server = createServer((s: Socket) => {
        s.on("data", (b) => {
          fromGuest += b.toString("latin1");
          if (!answered && fromGuest.includes(`${CONSOLE_FROM_GUEST}\r\n`)) {
            answered = true;
            s.write(`${CONSOLE_FROM_HOST}\n`);
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(path, resolve));
      try {
        const out = await run(image, testBootargs("console=ttyS0", "console", "rvisor_timeout_ms=20000"), [
          "-device", "virtio-serial-device", "-chardev", `socket,id=c0,path=${path}`, "-device", "virtconsole,chardev=c0",
        ]);
        expectConsole(out);
        // the guest's line, then the tty's echo of ours (hvc1 is a tty with ECHO on)
        expect(fromGuest).toBe(`${CONSOLE_FROM_GUEST}\r\n${CONSOLE_FROM_HOST}\r\n`);
      } finally {
        server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("without rvisor_test /init runs its usual program, with all four devices present", async () => {
      const out = await run(image, "console=ttyS0 rvisor_userland=skip", [
        "-drive", `file=${blkDisk()},if=none,format=raw,id=d0`, "-device", "virtio-blk-device,drive=d0",
        "-device", "virtio-rng-device",
        "-netdev", "user,id=n0", "-device", "virtio-net-device,netdev=n0",
        "-device", "virtio-serial-device", "-device", "virtconsole",
      ]);
      expect(out).toContain("rvisor-init: sleep 5/5: asked 20.000 ms");
      expect(out).toContain("rvisor-init: no input (waited 200 ms)");
      expect(out).toContain("rvisor-init: userland: AT_HWCAP acim, skipped (rvisor_userland=skip)");
      expect(out).toContain("rvisor-init: powering off");
      expect(out).not.toContain("rvisor-test");
      expect(out).not.toContain("virtio-test");
    });
  },
);
