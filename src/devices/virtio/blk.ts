// virtio-blk (virtio 1.2, 5.2): a disk over a BlockImage, one request queue.
//
//   config offset  size  field
//   0x00           8     capacity, in 512-byte sectors
//   0x08           4     size_max: the largest segment (VIRTIO_BLK_F_SIZE_MAX)
//   0x0c           4     seg_max: the most data segments in a request (VIRTIO_BLK_F_SEG_MAX)
//   0x14           4     blk_size: 512 (VIRTIO_BLK_F_BLK_SIZE)
//
//   request: { type u32, reserved u32, sector u64 } (readable), data, status u8 (the last
//   writable byte): IN 0 reads, OUT 1 writes, FLUSH 4, GET_ID 8 (20 bytes of serial);
//   status OK 0, IOERR 1 (outside the disk, a write to a read-only one, a malformed
//   request), UNSUPP 2 (any other type).
//
// A request the guest got wrong is an I/O error it sees, never a device reset: only breaking the
// queue's rules (queue.ts) is that. So is a failure of the image itself (a full or failing host
// disk): the guest's file system handles EIO, the VM carries on. Data moves between the image and guest RAM in place, one
// segment at a time. A write is in the image when its request completes; FLUSH makes it durable
// (a file image fsyncs) before the guest sees it complete.

import { SECTOR_BYTES, type BlockImage } from "./block-image.js";
import type { VirtioBackend, VirtioIo } from "./mmio.js";
import { spans, type Chain } from "./queue.js";

export const VIRTIO_ID_BLOCK = 2;
export const VIRTIO_BLK_F_SIZE_MAX = 1n << 1n;
export const VIRTIO_BLK_F_SEG_MAX = 1n << 2n;
export const VIRTIO_BLK_F_RO = 1n << 5n;
export const VIRTIO_BLK_F_BLK_SIZE = 1n << 6n;
export const VIRTIO_BLK_F_FLUSH = 1n << 9n;

export const VIRTIO_BLK_T_IN = 0;
export const VIRTIO_BLK_T_OUT = 1;
export const VIRTIO_BLK_T_FLUSH = 4;
export const VIRTIO_BLK_T_GET_ID = 8;
export const VIRTIO_BLK_S_OK = 0;
export const VIRTIO_BLK_S_IOERR = 1;
export const VIRTIO_BLK_S_UNSUPP = 2;

/** Queue size: 256 requests in flight, as QEMU offers. */
export const BLK_QUEUE_SIZE = 256;
/** The largest segment, and the most segments per request: 64 KiB × 126 (about 8 MiB a request). */
export const BLK_SIZE_MAX = 64 << 10;
export const BLK_SEG_MAX = BLK_QUEUE_SIZE / 2 - 2;
/** What a FLUSH counts against an exit's work allowance: an fsync costs the host like a 1 MiB copy. */
export const FLUSH_WORK = 1 << 20;
/** The GET_ID answer's length (5.2.6). */
const ID_BYTES = 20;
const HEADER_BYTES = 16;

export class VirtioBlk implements VirtioBackend {
  readonly type = "blk";
  readonly deviceId = VIRTIO_ID_BLOCK;
  readonly features: bigint;
  readonly queueMax = [BLK_QUEUE_SIZE];
  readonly config = new Uint8Array(0x18);
  readonly image: BlockImage;
  /** What the guest did with the disk. */
  readonly counters = { reads: 0, writes: 0, flushes: 0, bytesRead: 0, bytesWritten: 0, errors: 0, imageErrors: 0 };
  private readonly serial: Uint8Array;
  private readonly capacity: number;
  private io!: VirtioIo;

  /** `serial`: what GET_ID answers (at most 20 bytes are sent). */
  constructor(image: BlockImage, serial: string) {
    this.image = image;
    this.capacity = Math.floor(image.size / SECTOR_BYTES);
    this.features = VIRTIO_BLK_F_SIZE_MAX | VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_BLK_SIZE | VIRTIO_BLK_F_FLUSH | (image.readonly ? VIRTIO_BLK_F_RO : 0n);
    const c = new DataView(this.config.buffer);
    c.setBigUint64(0x00, BigInt(this.capacity), true);
    c.setUint32(0x08, BLK_SIZE_MAX, true);
    c.setUint32(0x0c, BLK_SEG_MAX, true);
    c.setUint32(0x14, SECTOR_BYTES, true);
    this.serial = new TextEncoder().encode(serial).subarray(0, ID_BYTES);
  }

  attach(io: VirtioIo): void {
    this.io = io;
  }

  reset(): void {}

  serve(index: number): boolean {
    return this.io.drain(index, (chain) => this.request(chain));
  }

  /** Carries out one request; returns the bytes written into its writable segments. */
  private request(chain: Chain): number {
    // The status byte is the chain's last writable byte; without one there is nowhere to answer.
    if (chain.readableBytes < HEADER_BYTES || chain.writableBytes < 1) {
      this.counters.errors++;
      return 0;
    }
    const header = this.io.readChain(chain, 0, HEADER_BYTES);
    const h = new DataView(header.buffer);
    const type = h.getUint32(0, true);
    const sector = h.getBigUint64(8, true);
    const status = (s: number, written: number) => {
      this.setStatus(chain, s);
      if (s !== VIRTIO_BLK_S_OK) this.counters.errors++;
      return written + 1;
    };
    switch (type) {
      case VIRTIO_BLK_T_IN: {
        const length = chain.writableBytes - 1;
        const at = this.extent(sector, length, chain.writable.length - 1);
        if (at < 0) return status(VIRTIO_BLK_S_IOERR, 0);
        const mem = this.io.ram.memory.bytes;
        if (!this.imageDid(() => spans(chain.writable, 0, length, (host, n, pos) => this.image.read(at + pos, mem.subarray(host, host + n))))) return status(VIRTIO_BLK_S_IOERR, 0);
        this.counters.reads++;
        this.counters.bytesRead += length;
        return status(VIRTIO_BLK_S_OK, length);
      }
      case VIRTIO_BLK_T_OUT: {
        const length = chain.readableBytes - HEADER_BYTES;
        const at = this.extent(sector, length, chain.readable.length - 1);
        if (at < 0 || this.image.readonly) return status(VIRTIO_BLK_S_IOERR, 0);
        const mem = this.io.ram.memory.bytes;
        if (!this.imageDid(() => spans(chain.readable, HEADER_BYTES, length, (host, n, pos) => this.image.write(at + pos, mem.subarray(host, host + n))))) return status(VIRTIO_BLK_S_IOERR, 0);
        this.counters.writes++;
        this.counters.bytesWritten += length;
        return status(VIRTIO_BLK_S_OK, 0);
      }
      case VIRTIO_BLK_T_FLUSH:
        this.io.charge(FLUSH_WORK);
        if (!this.imageDid(() => this.image.flush())) return status(VIRTIO_BLK_S_IOERR, 0);
        this.counters.flushes++;
        return status(VIRTIO_BLK_S_OK, 0);
      case VIRTIO_BLK_T_GET_ID: {
        const length = Math.min(ID_BYTES, chain.writableBytes - 1);
        const id = new Uint8Array(ID_BYTES);
        id.set(this.serial);
        this.io.writeChain(chain, 0, id.subarray(0, length));
        return status(VIRTIO_BLK_S_OK, length);
      }
      default:
        return status(VIRTIO_BLK_S_UNSUPP, 0);
    }
  }

  /**
   * The image offset of a transfer of `length` bytes at `sector`, or -1 when it is not whole
   * sectors inside the disk or breaks the seg_max/size_max the device announced.
   */
  private extent(sector: bigint, length: number, segments: number): number {
    if (length % SECTOR_BYTES !== 0 || segments > BLK_SEG_MAX) return -1;
    const start = sector * BigInt(SECTOR_BYTES);
    if (start + BigInt(length) > BigInt(this.capacity * SECTOR_BYTES)) return -1;
    return Number(start);
  }

  /** Runs an image operation; false when the image failed it (counted), which the guest sees as IOERR. */
  private imageDid(operation: () => void): boolean {
    try {
      operation();
      return true;
    } catch {
      this.counters.imageErrors++;
      return false;
    }
  }

  private setStatus(chain: Chain, status: number): void {
    const last = chain.writable[chain.writable.length - 1]!;
    this.io.ram.memory.bytes[last.at + last.length - 1] = status;
  }
}
