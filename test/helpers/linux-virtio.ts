// The virtio scenarios of the Linux guest (guests/linux/virtio-test.c, run by /init for
// `rvisor_test=<name>`), shared by the QEMU oracle (test/qemu/linux-virtio-qemu.test.ts) and the
// rvisor tests (test/qemu/linux-virtio.test.ts): the disk the host prepares, the command lines,
// and what each boot must print and leave behind.

import { expect } from "vitest";
import { checkExt2Image, makeExt2Image, readExt2File } from "./ext2.js";

/** What the host writes to the disk before the guest boots. */
export const HELLO_TXT = "hello from the host\nwritten before the guest booted\n";
/** big.bin: a multi-block file the guest reads whole and hashes (not a multiple of 1 KiB). */
export const BIG_BIN = patternBytes(300_000, 3);
/** What the guest writes (virtio-test.c's GUEST_TXT, GUEST_BIN_SIZE and pattern_byte()). */
export const GUEST_TXT = "written by the rvisor Linux guest\n";
export const GUEST_BIN = patternBytes(96 * 1024 + 100, 0);

/** The guest's UDP addresses (`ip=` for IP_PNP) and the port of virtio-test's server. */
export const UDP_SERVER_IP = "10.0.2.1";
export const UDP_CLIENT_IP = "10.0.2.2";
export const UDP_COUNT = 20;
export const CONSOLE_FROM_GUEST = "hello from the guest on a virtio console";
export const CONSOLE_FROM_HOST = "hello from the host console";

/** Byte i is ((i * 7 + (i >> 8)) ^ 0x5a) of i + offset, as virtio-test.c's pattern_byte(). */
export function patternBytes(n: number, offset: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const i = j + offset;
    b[j] = ((i * 7 + Math.floor(i / 256)) ^ 0x5a) & 0xff;
  }
  return b;
}

/** 64-bit FNV-1a as 16 hex digits (virtio-test.c's fnv1a()), in 32-bit halves. */
export function fnv1a64(data: Uint8Array): string {
  let lo = 0x8422_2325;
  let hi = 0xcbf2_9ce4;
  for (const byte of data) {
    lo = (lo ^ byte) >>> 0;
    // h * 0x100000001b3 mod 2^64 = h * 0x1b3 + (h << 40)
    const low = lo * 0x1b3;
    hi = (Math.imul(hi, 0x1b3) + Math.floor(low / 2 ** 32) + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** A fresh 8 MiB ext2 disk with hello.txt and big.bin. */
export function blkDisk(): string {
  return makeExt2Image({ "hello.txt": HELLO_TXT, "big.bin": BIG_BIN }, 8);
}

/** The kernel command line for a virtio test; `console` is e.g. "console=ttyS0". */
export function testBootargs(console: string, test: string, extra = ""): string {
  const ip: Record<string, string> = {
    "udp-server": `ip=${UDP_SERVER_IP}:::255.255.255.0::eth0:off`,
    "udp-client": `ip=${UDP_CLIENT_IP}:::255.255.255.0::eth0:off rvisor_peer=${UDP_SERVER_IP} rvisor_count=${UDP_COUNT}`,
  };
  return [console, ip[test], `rvisor_test=${test}`, extra].filter(Boolean).join(" ");
}

/** virtio-test's lines for one test, without the "rvisor-test: <test>: " prefix. */
export function testLines(console: string, test: string): string[] {
  const prefix = `rvisor-test: ${test}: `;
  return console
    .replace(/\r/g, "")
    .split("\n")
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length));
}

/** The end every test boot shares: PASS, exit status 0 reported by /init, power-off. */
function expectPassed(console: string, test: string): void {
  const text = console.replace(/\r/g, "");
  expect(testLines(text, test).at(-1), text.slice(-3000)).toBe("PASS");
  expect(text).toContain(`rvisor-init: virtio-test ${test}: exit status 0\n`);
  expect(text).toContain("rvisor-init: powering off");
  expect(text).not.toMatch(/Kernel panic|Oops|BUG:|virtio.*(error|fail)/i);
  // /init's usual program did not run
  expect(text).not.toContain("rvisor-init: sleep 1/5");
}

/** The blk boot printed the host's file and hash; the disk now holds the guest's files, clean. */
export function expectBlk(console: string, disk: string): void {
  expectPassed(console, "blk");
  const lines = testLines(console, "blk");
  expect(lines).toEqual([
    "mounted /dev/vda on /mnt",
    ...HELLO_TXT.trimEnd().split("\n").map((l) => `hello.txt: ${l}`),
    `hello.txt: ${HELLO_TXT.length} bytes`,
    `big.bin: ${BIG_BIN.length} bytes, fnv1a ${fnv1a64(BIG_BIN)}`,
    `wrote guest.txt (${GUEST_TXT.length} bytes) and guest.bin (${GUEST_BIN.length} bytes, fnv1a ${fnv1a64(GUEST_BIN)})`,
    "unmounted /mnt",
    "PASS",
  ]);
  expect(readExt2File(disk, "/guest.txt").toString("latin1")).toBe(GUEST_TXT);
  expect(Buffer.compare(readExt2File(disk, "/guest.bin"), Buffer.from(GUEST_BIN))).toBe(0);
  expect(readExt2File(disk, "/hello.txt").toString("latin1")).toBe(HELLO_TXT);
  const fsck = checkExt2Image(disk);
  expect(fsck.clean, fsck.report).toBe(true);
}

/** The 64 bytes from /dev/hwrng, as hex. */
export function expectHwrng(console: string): string {
  expectPassed(console, "hwrng");
  const line = testLines(console, "hwrng")[0] ?? "";
  const m = /^64 bytes: ([0-9a-f]{128})$/.exec(line);
  expect(m, line).not.toBeNull();
  return m![1]!;
}

export interface Rtt {
  min: number;
  avg: number;
  max: number;
  resent: number;
}

/** Both UDP boots passed; returns the client's round-trip times in µs. */
export function expectUdp(client: string, server: string): Rtt {
  expectPassed(server, "udp-server");
  expectPassed(client, "udp-client");
  expect(client).toContain(`IP-Config: Complete:`);
  // the warm-up datagram and UDP_COUNT timed ones, then bye
  const echoed = new RegExp(`^echoed ${UDP_COUNT + 1} datagrams and bye from ${UDP_CLIENT_IP.replace(/\./g, "\\.")}:\\d+$`);
  expect(testLines(server, "udp-server")).toContainEqual(expect.stringMatching(echoed));
  const lines = testLines(client, "udp-client");
  expect(lines[0]).toMatch(/^warm-up echoed after \d+ us \(\d+ resent\)$/);
  const re = new RegExp(`^${UDP_COUNT} datagrams of 64 bytes to ${UDP_SERVER_IP}:7777, (\\d+) resent: rtt min (\\d+) us avg (\\d+) us max (\\d+) us$`);
  const m = re.exec(lines[1] ?? "");
  expect(m, lines.join("\n")).not.toBeNull();
  const [resent, min, avg, max] = m!.slice(1).map(Number) as [number, number, number, number];
  expect(min).toBeLessThanOrEqual(avg);
  expect(avg).toBeLessThanOrEqual(max);
  return { min, avg, max, resent };
}

/** The console boot wrote its line to hvc1 and read the host's back. */
export function expectConsole(console: string): void {
  expectPassed(console, "console");
  expect(testLines(console, "console")).toEqual(["wrote a line to /dev/hvc1", `read from /dev/hvc1: ${CONSOLE_FROM_HOST}`, "PASS"]);
}
