// What a virtio-blk device reads and writes: a disk image, as bytes at offsets. Images live where
// the host keeps them — a file (src/node/file-image.ts, Node only), a buffer in memory (the page:
// a dropped file or a fetched URL, downloadable afterwards), or a copy-on-write layer over either
// (QEMU's snapshot=on: the guest's writes stay in host memory and the base is never written).

import { ArgumentError } from "../../errors.js";

/** The sector virtio-blk counts in (virtio 1.2 5.2.4: capacity is in 512-byte sectors). */
export const SECTOR_BYTES = 512;

export interface BlockImage {
  /** Size in bytes; the device exposes the whole sectors of it. */
  readonly size: number;
  /** A read-only image: the device offers VIRTIO_BLK_F_RO and fails every write. */
  readonly readonly: boolean;
  /** Fills `into` with the bytes at [offset, offset + into.length), which lies inside the image. */
  read(offset: number, into: Uint8Array): void;
  /** Writes `from` at `offset`; [offset, offset + from.length) lies inside the image. */
  write(offset: number, from: Uint8Array): void;
  /** Makes every write so far durable (a file: fsync) before it returns. */
  flush(): void;
}

/** An image held in memory: `bytes` is the disk, read and written in place. */
export class MemoryBlockImage implements BlockImage {
  readonly bytes: Uint8Array;
  readonly readonly: boolean;

  constructor(bytes: Uint8Array, options: { readonly?: boolean } = {}) {
    if (!(bytes instanceof Uint8Array)) throw new ArgumentError(`a block image must be a Uint8Array, got ${typeof bytes}`);
    this.bytes = bytes;
    this.readonly = options.readonly ?? false;
  }

  get size(): number {
    return this.bytes.length;
  }

  read(offset: number, into: Uint8Array): void {
    into.set(this.bytes.subarray(offset, offset + into.length));
  }

  write(offset: number, from: Uint8Array): void {
    if (this.readonly) throw new ArgumentError("write to a read-only block image");
    this.bytes.set(from, offset);
  }

  flush(): void {}
}

/** Copy-on-write granule of a snapshot: a 4 KiB page, what guests write at once. */
const COW_PAGE = 4096;

/**
 * A writable layer over `base` that never writes it: pages the guest writes are copied into
 * host memory first and read from there afterwards. The base is only read; flush() has nothing
 * to make durable (the writes are meant to be lost with the process, as with QEMU's snapshot=on).
 */
export class SnapshotBlockImage implements BlockImage {
  readonly readonly = false;
  private readonly base: BlockImage;
  private readonly pages = new Map<number, Uint8Array>();

  constructor(base: BlockImage) {
    this.base = base;
  }

  get size(): number {
    return this.base.size;
  }

  /** Bytes the snapshot holds in host memory (pages written so far). */
  get bytesHeld(): number {
    return this.pages.size * COW_PAGE;
  }

  read(offset: number, into: Uint8Array): void {
    this.span(offset, into.length, (page, at, pos, n) => {
      const own = this.pages.get(page);
      if (own) into.set(own.subarray(at, at + n), pos);
      else this.base.read(offset + pos, into.subarray(pos, pos + n));
    });
  }

  write(offset: number, from: Uint8Array): void {
    this.span(offset, from.length, (page, at, pos, n) => {
      let own = this.pages.get(page);
      if (!own) {
        own = new Uint8Array(COW_PAGE);
        const start = page * COW_PAGE;
        this.base.read(start, own.subarray(0, Math.min(COW_PAGE, this.size - start)));
        this.pages.set(page, own);
      }
      own.set(from.subarray(pos, pos + n), at);
    });
  }

  flush(): void {}

  /** Calls `fn(page, offset in page, position in the transfer, bytes)` for each page [offset, offset + length) touches. */
  private span(offset: number, length: number, fn: (page: number, at: number, pos: number, n: number) => void): void {
    for (let pos = 0; pos < length; ) {
      const page = Math.floor((offset + pos) / COW_PAGE);
      const at = (offset + pos) % COW_PAGE;
      const n = Math.min(COW_PAGE - at, length - pos);
      fn(page, at, pos, n);
      pos += n;
    }
  }
}
