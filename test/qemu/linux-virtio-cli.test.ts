import { beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { blkDisk, expectBlk, expectUdp, testBootargs, UDP_COUNT } from "../helpers/linux-virtio.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

// The real CLI (bin/rvisor.js over dist/) with Linux 6.1's own virtio drivers: --drive over an
// ext2 image file (written in place, or a snapshot that leaves the file alone), and two VMs on
// one --net switch exchanging UDP, recorded with --pcap.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const canBuild = existsSync("/usr/src/linux-source-6.1.tar.xz") && existsSync("/usr/bin/riscv64-linux-gnu-gcc") && existsSync("/usr/sbin/mke2fs");

let image: string;

function rvisor(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["bin/rvisor.js", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

/** One VM's console lines out of a prefixed several-VM console. */
const consoleOf = (out: string, name: string) =>
  out.split("\n").filter((l) => l.startsWith(`[${name}] `)).map((l) => l.slice(name.length + 3)).join("\n") + "\n";

describe.skipIf(!canBuild)("rvisor run with Linux's virtio drivers", () => {
  beforeAll(() => {
    const dir = linuxBuildDir();
    image = join(dir, "Image");
  }, LINUX_BUILD_TIMEOUT_MS);

  it("--drive FILE: the guest mounts it, reads the host's files, and its writes are in the file (fsck clean) when rvisor ends", async () => {
    const disk = blkDisk();
    const r = await rvisor(["run", "--drive", disk, "--kernel", image, "--append", testBootargs("console=ttyS0", "blk")]);
    expect(r.code, r.err + r.out.slice(-2000)).toBe(0);
    expectBlk(r.out, disk);
  });

  it("--drive FILE,snapshot: the guest's writes succeed, the file is never written", async () => {
    const disk = blkDisk();
    const before = readFileSync(disk);
    const r = await rvisor(["run", "--drive", `${disk},snapshot`, "--kernel", image, "--append", testBootargs("console=ttyS0", "blk")]);
    expect(r.code, r.err + r.out.slice(-2000)).toBe(0);
    expect(r.out).toContain("rvisor-test: blk: PASS");
    expect(Buffer.compare(readFileSync(disk), before)).toBe(0);
  });

  it("--net lan twice: UDP between the two VMs, every datagram in the --pcap file", async () => {
    const pcap = join(mkdtempSync(join(tmpdir(), "rvisor-pcap-")), "lan.pcap");
    const r = await rvisor([
      "run", "--pcap", pcap,
      "--name", "server", "--net", "lan", "--kernel", image, "--append", testBootargs("console=ttyS0", "udp-server"),
      "--", "--name", "client", "--net", "lan", "--kernel", image, "--append", testBootargs("console=ttyS0", "udp-client"),
    ]);
    expect(r.code, r.err + r.out.slice(-3000)).toBe(0);
    const rtt = expectUdp(consoleOf(r.out, "client"), consoleOf(r.out, "server"));
    expect(rtt.resent).toBe(0);
    // The pcap: Ethernet frames, IPv4 UDP to and from port 7777, the warm-up, the timed ones and bye, each way.
    const bytes = readFileSync(pcap);
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    let udp = 0;
    let lastUs = 0;
    for (let at = 24; at < bytes.length; ) {
      const us = bytes.readUInt32LE(at) * 1e6 + bytes.readUInt32LE(at + 4);
      expect(us).toBeGreaterThanOrEqual(lastUs);
      lastUs = us;
      const n = bytes.readUInt32LE(at + 8);
      const f = bytes.subarray(at + 16, at + 16 + n);
      if (f.readUInt16BE(12) === 0x0800 && f[23] === 17 && (f.readUInt16BE(36) === 7777 || f.readUInt16BE(34) === 7777)) udp++;
      at += 16 + n;
    }
    expect(udp).toBeGreaterThanOrEqual(2 * (UDP_COUNT + 1));
  });
});
