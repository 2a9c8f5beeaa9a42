// A VM's RAM: one contiguous window of the machine's linear memory, which the guest sees at
// RAM_BASE. The core confines the guest to it; every access of the host's (image loading,
// HTIF, SBI calls that pass buffers, tests) goes through here and is checked against it.

import type { PhysicalMemory } from "../machine/memory.js";

/** Where RAM starts in every VM's guest-physical address space (QEMU virt). */
export const RAM_BASE = 0x8000_0000n;

export class Ram {
  readonly base = RAM_BASE;
  /** Size in bytes, as a bigint for address arithmetic. */
  readonly size: bigint;
  /** Size in bytes. */
  readonly bytes: number;
  /** Where the window starts in the machine's linear memory. */
  readonly host: number;
  private readonly mem: PhysicalMemory;

  constructor(mem: PhysicalMemory, bytes: number) {
    this.mem = mem;
    this.bytes = bytes;
    this.size = BigInt(bytes);
    this.host = mem.alloc(bytes, 4096);
  }

  /** Whether [addr, addr + length) is all RAM. */
  contains(addr: bigint, length: number): boolean {
    const off = addr - RAM_BASE;
    return off >= 0n && off + BigInt(length) <= this.size;
  }

  /**
   * A device's DMA: where [addr, addr + length) is in the linear memory when it is all RAM, else
   * -1. The guest-physical address comes as its two 32-bit halves, as a descriptor holds it: RAM
   * ends at or below 2^32 (RAM_BASE + at most 2 GiB), so any address with a high half is outside.
   */
  dma(lo: number, hi: number, length: number): number {
    const off = lo - Number(RAM_BASE);
    if (hi !== 0 || off < 0 || off + length > this.bytes) return -1;
    return this.host + off;
  }

  /** The machine's linear memory, for a device's DMA at the offsets dma() returns. */
  get memory(): PhysicalMemory {
    return this.mem;
  }

  /** Where guest-physical `addr` is in the linear memory; a RangeError unless [addr, addr + size) is RAM. */
  private offset(addr: bigint, size: number): number {
    if (!this.contains(addr, size)) throw new RangeError(`0x${addr.toString(16)} is not in RAM`);
    return this.host + Number(addr - RAM_BASE);
  }

  /** Copies bytes into RAM at a guest-physical address. */
  write(addr: bigint, bytes: Uint8Array): void {
    this.mem.bytes.set(bytes, this.offset(addr, bytes.length));
  }

  /** A copy of RAM at a guest-physical address. */
  read(addr: bigint, length: number): Uint8Array {
    const at = this.offset(addr, length);
    return this.mem.bytes.slice(at, at + length);
  }

  read64(addr: bigint): bigint {
    return this.mem.view.getBigUint64(this.offset(addr, 8), true);
  }

  write64(addr: bigint, value: bigint): void {
    this.mem.view.setBigUint64(this.offset(addr, 8), value, true);
  }

  /** Zeroes `length` bytes at a guest-physical address. */
  fill(addr: bigint, length: number): void {
    const at = this.offset(addr, length);
    this.mem.bytes.fill(0, at, at + length);
  }

  /** Zeroes the whole window (a reset). */
  clear(): void {
    this.mem.bytes.fill(0, this.host, this.host + this.bytes);
  }
}
