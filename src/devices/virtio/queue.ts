// A split virtqueue as the device side sees it (virtio 1.2, 2.7): three areas in guest RAM that
// the driver places and the device reads and writes by DMA.
//
//   area                    layout (little-endian)                                   alignment
//   descriptor table        size × { addr u64, len u32, flags u16, next u16 }         16
//   driver area (avail)     flags u16, idx u16, ring[size] u16, used_event u16        2
//   device area (used)      flags u16, idx u16, ring[size] { id u32, len u32 },       4
//                           avail_event u16
//
// Every guest-controlled number here is hostile until checked: a descriptor's address and length
// become host offsets only through Ram.dma (inside the VM's RAM window, overflow-safe); a chain
// that loops, an index past the table, nested or malformed indirect tables, an avail index more
// than a queue ahead, a chain of more descriptors than the queue has entries (2.7.5.3.1), or a
// chain longer than MAX_CHAIN_BYTES is a QueueError, which puts the
// device in DEVICE_NEEDS_RESET (src/devices/virtio/mmio.ts). Nothing a guest writes can make the
// device touch memory outside its RAM or loop longer than the queue is long.

import type { Ram } from "../../vm/ram.js";

export const VIRTQ_DESC_F_NEXT = 1;
export const VIRTQ_DESC_F_WRITE = 2;
export const VIRTQ_DESC_F_INDIRECT = 4;
/** avail.flags: the driver needs no interrupt for used buffers (without EVENT_IDX). */
export const VIRTQ_AVAIL_F_NO_INTERRUPT = 1;

const DESC_BYTES = 16;

/**
 * The most bytes one chain may describe: 16 MiB, twice what a virtio-blk driver can ask for in
 * one request within the device's seg_max × size_max. Every buffer lies in RAM, but a chain could
 * name the same 2 GiB buffer once per descriptor: this bound is what keeps a request's copying
 * proportional to real work.
 */
export const MAX_CHAIN_BYTES = 16 << 20;

/** The driver broke the queue's rules: the device needs a reset (virtio 1.2, 2.1.2). */
export class QueueError extends Error {
  override name = "QueueError";
}

/** A piece of a buffer: `length` bytes at `at` in the machine's linear memory, inside the VM's RAM. */
export interface Segment {
  readonly at: number;
  readonly length: number;
}

/** One request: the device-readable segments, then the device-writable ones (2.7.4.2). */
export class Chain {
  readonly head: number;
  readonly readable: Segment[] = [];
  readonly writable: Segment[] = [];
  readableBytes = 0;
  writableBytes = 0;
  /** Descriptors the chain took, indirect tables and empty buffers included (at most the queue size). */
  descriptors = 0;

  constructor(head: number) {
    this.head = head;
  }
}

/** What the driver wrote into the queue registers (virtio-mmio QueueNum, QueueDesc, QueueDriver, QueueDevice). */
export interface QueueLayout {
  size: number;
  desc: bigint;
  driver: bigint;
  device: bigint;
}

export class Virtqueue {
  readonly size: number;
  private readonly ram: Ram;
  private readonly desc: number;
  private readonly avail: number;
  private readonly used: number;
  private readonly eventIdx: boolean;
  private readonly indirect: boolean;
  /** The next avail ring entry the device will take. */
  private lastAvail = 0;
  /** The used index the device will publish next. */
  private usedIdx = 0;
  /** The used index when the driver was last interrupted (or told not to be). */
  private signalled = 0;

  /**
   * A queue the driver made ready: throws a QueueError unless its size is a power of two up to
   * `max` and each area lies in RAM at its alignment.
   */
  constructor(ram: Ram, layout: QueueLayout, max: number, features: { eventIdx: boolean; indirect: boolean }) {
    const { size } = layout;
    if (size === 0 || size > max || (size & (size - 1)) !== 0) throw new QueueError(`queue size ${size} is not a power of two in 1..${max}`);
    this.ram = ram;
    this.size = size;
    this.desc = area(ram, "descriptor table", layout.desc, DESC_BYTES * size, 16);
    this.avail = area(ram, "driver area", layout.driver, 6 + 2 * size, 2);
    this.used = area(ram, "device area", layout.device, 6 + 8 * size, 4);
    this.eventIdx = features.eventIdx;
    this.indirect = features.indirect;
  }

  private get view(): DataView {
    return this.ram.memory.view;
  }

  /** The next request the driver made available, or undefined when there is none. */
  pop(): Chain | undefined {
    const v = this.view;
    const availIdx = v.getUint16(this.avail + 2, true);
    const waiting = (availIdx - this.lastAvail) & 0xffff;
    if (waiting === 0) return undefined;
    if (waiting > this.size) throw new QueueError(`avail.idx ${availIdx} is ${waiting} entries ahead of the device, more than the queue's ${this.size}`);
    const head = v.getUint16(this.avail + 4 + 2 * (this.lastAvail % this.size), true);
    this.lastAvail = (this.lastAvail + 1) & 0xffff;
    return this.walk(head);
  }

  /** Whether the driver has made a request available that pop() would take. */
  get hasAvailable(): boolean {
    return this.view.getUint16(this.avail + 2, true) !== this.lastAvail;
  }

  /** Returns a request to the driver with `written` bytes written into its writable segments. */
  push(chain: Chain, written: number): void {
    const v = this.view;
    const entry = this.used + 4 + 8 * (this.usedIdx % this.size);
    v.setUint32(entry, chain.head, true);
    v.setUint32(entry + 4, written, true);
    this.usedIdx = (this.usedIdx + 1) & 0xffff;
    v.setUint16(this.used + 2, this.usedIdx, true);
  }

  /**
   * After a batch of push()es: whether the driver wants an interrupt for them — with EVENT_IDX
   * when the used index passed the driver's used_event (2.7.10), else unless avail.flags says
   * NO_INTERRUPT. With EVENT_IDX the device also publishes avail_event: the driver notifies
   * again as soon as it makes the next request available.
   */
  interruptNeeded(): boolean {
    const v = this.view;
    if (this.eventIdx) v.setUint16(this.used + 4 + 8 * this.size, this.lastAvail, true);
    const old = this.signalled;
    const now = this.usedIdx;
    if (old === now) return false;
    this.signalled = now;
    if (this.eventIdx) {
      const event = v.getUint16(this.avail + 4 + 2 * this.size, true);
      return ((now - event - 1) & 0xffff) < ((now - old) & 0xffff);
    }
    return (v.getUint16(this.avail, true) & VIRTQ_AVAIL_F_NO_INTERRUPT) === 0;
  }

  /** The queue's progress, for a snapshot. */
  get indices(): { lastAvail: number; usedIdx: number; signalled: number } {
    return { lastAvail: this.lastAvail, usedIdx: this.usedIdx, signalled: this.signalled };
  }

  set indices(i: { lastAvail: number; usedIdx: number; signalled: number }) {
    this.lastAvail = i.lastAvail;
    this.usedIdx = i.usedIdx;
    this.signalled = i.signalled;
  }

  /**
   * The chain starting at descriptor `head` (2.7.5): at most as many descriptors as the table it
   * is in has (more means a loop) and, counting every descriptor of it, at most the queue size
   * (2.7.5.3.1: an indirect table the size of RAM would otherwise let one chain cost millions of
   * steps); one level of indirection (2.7.5.3); readable segments first.
   */
  private walk(head: number): Chain {
    const v = this.view;
    const chain = new Chain(head);
    let table = this.desc;
    let entries = this.size;
    let visits = entries;
    let index = head;
    let nested = false;
    let total = 0;
    for (;;) {
      const where = nested ? "indirect table" : "descriptor table";
      if (index >= entries) throw new QueueError(`descriptor ${index} is outside the ${where} of ${entries}`);
      if (visits-- === 0) throw new QueueError(`the chain from descriptor ${head} loops (more descriptors than its ${where} holds)`);
      if (++chain.descriptors > this.size) throw new QueueError(`the chain from descriptor ${head} has more descriptors than the queue's ${this.size}`);
      const d = table + DESC_BYTES * index;
      const lo = v.getUint32(d, true);
      const hi = v.getUint32(d + 4, true);
      const length = v.getUint32(d + 8, true);
      const flags = v.getUint16(d + 12, true);
      const next = v.getUint16(d + 14, true);
      const address = () => `0x${(BigInt(hi) * 2n ** 32n + BigInt(lo)).toString(16)}`;
      if (flags & VIRTQ_DESC_F_INDIRECT) {
        if (!this.indirect) throw new QueueError(`descriptor ${index} is indirect, but VIRTIO_F_INDIRECT_DESC was not negotiated`);
        if (nested) throw new QueueError("an indirect table refers to another one (only one level is allowed)");
        if (flags & VIRTQ_DESC_F_NEXT) throw new QueueError(`indirect descriptor ${index} also has NEXT set`);
        if (length === 0 || length % DESC_BYTES !== 0) throw new QueueError(`indirect table of ${length} bytes is not a whole number of descriptors`);
        const at = this.ram.dma(lo, hi, length);
        if (at < 0) throw new QueueError(`indirect table at ${address()} (${length} bytes) is not in the VM's RAM`);
        table = at;
        entries = length / DESC_BYTES;
        visits = entries;
        index = 0;
        nested = true;
        continue;
      }
      total += length;
      if (total > MAX_CHAIN_BYTES) throw new QueueError(`the chain from descriptor ${head} describes more than ${MAX_CHAIN_BYTES} bytes`);
      if (length > 0) {
        const at = this.ram.dma(lo, hi, length);
        if (at < 0) throw new QueueError(`buffer at ${address()} of ${length} bytes is not in the VM's RAM`);
        if (flags & VIRTQ_DESC_F_WRITE) {
          chain.writable.push({ at, length });
          chain.writableBytes += length;
        } else {
          if (chain.writable.length > 0) throw new QueueError(`the chain from descriptor ${head} has a device-readable buffer after a writable one`);
          chain.readable.push({ at, length });
          chain.readableBytes += length;
        }
      }
      if (!(flags & VIRTQ_DESC_F_NEXT)) return chain;
      index = next;
    }
  }
}

/** Where a queue area of `bytes` at guest-physical `addr` is in linear memory, or a QueueError. */
function area(ram: Ram, name: string, addr: bigint, bytes: number, align: number): number {
  const at = addr % BigInt(align) === 0n && addr < 1n << 32n ? ram.dma(Number(addr), 0, bytes) : -1;
  if (at < 0) throw new QueueError(`the ${name} at 0x${addr.toString(16)} (${bytes} bytes) is not in RAM at ${align}-byte alignment`);
  return at;
}

/**
 * Copies between a chain's segments and a flat buffer: `fn(at, length, position)` for each piece
 * of the segments' bytes [skip, skip + length), in order.
 */
export function spans(segments: readonly Segment[], skip: number, length: number, fn: (at: number, length: number, position: number) => void): void {
  let position = 0;
  for (const s of segments) {
    if (position >= length) return;
    if (skip >= s.length) {
      skip -= s.length;
      continue;
    }
    const n = Math.min(s.length - skip, length - position);
    fn(s.at + skip, n, position);
    position += n;
    skip = 0;
  }
}
