// The one linear memory shared by the core and the host: the core's static data at the bottom,
// then vCPU blocks and guest RAM windows carved out by a bump allocator that grows the memory.
// The memory grows only in alloc(), which re-creates the views then: every register and RAM
// access of the host goes through them, and checking the buffer on each one (memory.buffer is a
// getter) was a fifth of the host's time per MMIO exit.

import { OutOfMemoryError } from "../errors.js";

const PAGE = 65536;

export class PhysicalMemory {
  readonly memory: WebAssembly.Memory;
  private next: number;
  private bytesView: Uint8Array;
  private dataView: DataView;
  private wordsView: BigInt64Array;

  /** `reserved` is the end of the core's static data: nothing is allocated below it. */
  constructor(memory: WebAssembly.Memory, reserved: number) {
    this.memory = memory;
    this.next = Math.max(alignUp(reserved, PAGE), PAGE);
    this.bytesView = new Uint8Array(memory.buffer);
    this.dataView = new DataView(memory.buffer);
    this.wordsView = new BigInt64Array(memory.buffer);
  }

  /** Allocates `size` zeroed bytes aligned to `align`; returns their address. */
  alloc(size: number, align = 8): number {
    const addr = alignUp(this.next, align);
    const end = addr + size;
    if (end > 0x1_0000_0000) {
      throw new OutOfMemoryError(`cannot allocate ${size} bytes: the 4 GiB WebAssembly address space is exhausted`);
    }
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      try {
        this.memory.grow(Math.ceil((end - have) / PAGE));
      } catch {
        throw new OutOfMemoryError(`cannot allocate ${size} bytes: the host refused to grow memory to ${end} bytes`);
      }
      // Growth detaches the old buffer (or, shared, leaves it at the old size): new views.
      this.bytesView = new Uint8Array(this.memory.buffer);
      this.dataView = new DataView(this.memory.buffer);
      this.wordsView = new BigInt64Array(this.memory.buffer);
    }
    this.next = end;
    return addr;
  }

  /** The whole memory as bytes. */
  get bytes(): Uint8Array {
    return this.bytesView;
  }

  /** The whole memory as a DataView (little-endian reads and writes of the vCPU blocks). */
  get view(): DataView {
    return this.dataView;
  }

  /** The whole memory as 64-bit words, for Atomics on words another thread also changes. */
  get words(): BigInt64Array {
    return this.wordsView;
  }
}

export function alignUp(n: number, align: number): number {
  return Math.ceil(n / align) * align;
}
