// What the guests in guests/virtio write, computed on the host side so that tests can check disk
// images and console output from outside the guest (the formulas are the ones the guests' sources
// state: blk.h blk_pattern, io-bench.c's text).
import { readFileSync } from "node:fs";

export const SECTOR = 512;

export function virtioGuest(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../guests/virtio/${name}`, import.meta.url)));
}

/** blk_pattern: byte i of sector s. */
export function blkPattern(sector: number, i: number): number {
  return ((sector * 131 + i * 7 + (i >> 8) * 3) ^ 0x5a) & 0xff;
}

export function patternSector(sector: number): Uint8Array {
  const b = new Uint8Array(SECTOR);
  for (let i = 0; i < SECTOR; i++) b[i] = blkPattern(sector, i);
  return b;
}

export function sectorOf(image: Uint8Array, sector: number): Uint8Array {
  return image.subarray(sector * SECTOR, (sector + 1) * SECTOR);
}

/** The 1 MiB of text io-uart.elf and io-console.elf write: 16384 lines of 64 bytes. */
export function benchText(): string {
  const lines: string[] = [];
  for (let n = 0; n < 16384; n++) {
    let letters = "";
    for (let i = 0; i < 56; i++) letters += String.fromCharCode(97 + ((n + i) % 26));
    lines.push(`${String(n).padStart(6, "0")} ${letters}\n`);
  }
  return lines.join("");
}

/** A disk of `bytes` with `head` at offset 0, zeros elsewhere. */
export function diskWith(bytes: number, head: string): Uint8Array {
  const d = new Uint8Array(bytes);
  d.set(new TextEncoder().encode(head), 0);
  return d;
}

/** Byte-for-byte equality without vitest's element-wise diff (seconds for a 1 MiB array). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Sector 0's first 16 bytes as blk-test prints them. */
export function hex16(d: Uint8Array): string {
  return [...d.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

/** bad-queue.elf: sector 1 is written first; the good write after scenario k goes to 64 + k. */
export const BAD_QUEUE_KNOWN_SECTOR = 1;
export const BAD_QUEUE_RECOVERY_FIRST = 64;
export const BAD_QUEUE_SCENARIOS = 25;
