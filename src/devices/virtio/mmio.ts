// The virtio-mmio transport, version 2 ("modern", virtio 1.2 4.2.2): one slot of QEMU virt's
// eight, carrying one device (blk, net, console, rng: the backend). Registers are 32 bits wide
// and accessed 32 bits at a time; the configuration space at 0x100 takes any width.
//
//   offset  dir  register
//   0x000   R    MagicValue 0x74726976 ("virt")
//   0x004   R    Version 2
//   0x008   R    DeviceID (0: an empty slot)
//   0x00c   R    VendorID
//   0x010   R    DeviceFeatures, bits 32·DeviceFeaturesSel .. +31
//   0x014   W    DeviceFeaturesSel
//   0x020   W    DriverFeatures, bits 32·DriverFeaturesSel .. +31
//   0x024   W    DriverFeaturesSel
//   0x030   W    QueueSel
//   0x034   R    QueueNumMax (0: no such queue)
//   0x038   W    QueueNum
//   0x044   RW   QueueReady
//   0x050   W    QueueNotify (the queue's index: the driver made buffers available)
//   0x060   R    InterruptStatus: bit 0 used buffers, bit 1 configuration change
//   0x064   W    InterruptACK
//   0x070   RW   Status (0 resets the device)
//   0x080   W    QueueDescLow, 0x084 QueueDescHigh
//   0x090   W    QueueDriverLow, 0x094 QueueDriverHigh
//   0x0a0   W    QueueDeviceLow, 0x0a4 QueueDeviceHigh
//   0x0ac   W    SHMSel; 0x0b0/0x0b4 R SHMLen (all ones: no shared memory region)
//   0x0fc   R    ConfigGeneration
//   0x100+  RW   the device's configuration space
//
// The transport offers VIRTIO_F_VERSION_1, VIRTIO_F_INDIRECT_DESC and VIRTIO_F_EVENT_IDX beside
// the device's own features. A driver that breaks a queue's rules (src/devices/virtio/queue.ts)
// puts the device in DEVICE_NEEDS_RESET: it raises a configuration-change interrupt, serves no
// queue until the driver resets it, and the VM, its other devices and the other VMs carry on.

import type { Device, DeviceState, DeviceTreeNode, IrqLine, MmioDevice } from "../device.js";
import { StateReader } from "../device-state.js";
import type { Ram } from "../../vm/ram.js";
import { QueueError, spans, Virtqueue, type Chain, type QueueLayout } from "./queue.js";

export const VIRTIO_MMIO_BASE = 0x1000_1000n;
export const VIRTIO_MMIO_SLOT = 0x1000;
export const VIRTIO_MMIO_SLOTS = 8;
/** PLIC source of slot 0; slot i raises VIRTIO_MMIO_IRQ + i (QEMU virt). */
export const VIRTIO_MMIO_IRQ = 1;

export const VIRTIO_MAGIC = 0x7472_6976;
/** VendorID: "rvis" in the register's little-endian bytes. */
export const VIRTIO_VENDOR = 0x7369_7672;

export const REG = {
  MagicValue: 0x000, Version: 0x004, DeviceID: 0x008, VendorID: 0x00c,
  DeviceFeatures: 0x010, DeviceFeaturesSel: 0x014, DriverFeatures: 0x020, DriverFeaturesSel: 0x024,
  QueueSel: 0x030, QueueNumMax: 0x034, QueueNum: 0x038, QueueReady: 0x044, QueueNotify: 0x050,
  InterruptStatus: 0x060, InterruptACK: 0x064, Status: 0x070,
  QueueDescLow: 0x080, QueueDescHigh: 0x084, QueueDriverLow: 0x090, QueueDriverHigh: 0x094,
  QueueDeviceLow: 0x0a0, QueueDeviceHigh: 0x0a4, SHMSel: 0x0ac, SHMLenLow: 0x0b0, SHMLenHigh: 0x0b4,
  ConfigGeneration: 0x0fc, Config: 0x100,
} as const;

/** Device status bits (2.1). */
export const STATUS = { ACKNOWLEDGE: 1, DRIVER: 2, DRIVER_OK: 4, FEATURES_OK: 8, DEVICE_NEEDS_RESET: 64, FAILED: 128 } as const;
/** InterruptStatus bits (4.2.2). */
export const INT_USED_BUFFER = 1;
export const INT_CONFIG_CHANGE = 2;

/** Reserved feature bits the transport provides (6). */
export const VIRTIO_F_INDIRECT_DESC = 1n << 28n;
export const VIRTIO_F_EVENT_IDX = 1n << 29n;
export const VIRTIO_F_VERSION_1 = 1n << 32n;
const TRANSPORT_FEATURES = VIRTIO_F_INDIRECT_DESC | VIRTIO_F_EVENT_IDX | VIRTIO_F_VERSION_1;

/**
 * Work a device may do for a VM in one exit, in bytes moved: 64 MiB, about 20 ms of host
 * copying. What is left is done at the VM's next exits (a waiting hart does not sleep on it), so
 * a driver that queues gigabytes at once (every chain within MAX_CHAIN_BYTES) slows only itself.
 * Each descriptor counts DESCRIPTOR_WORK bytes besides its buffer, and a device whose bytes cost
 * more than a copy (a console's listeners see each byte) charges more per byte.
 */
export const WORK_PER_EXIT = 64 << 20;
export const DESCRIPTOR_WORK = 64;

/** What a device does with its queues: virtio-blk, -net, -console, -rng. */
export interface VirtioBackend {
  /** The device type's short name ("blk", "net", "console", "rng"). */
  readonly type: string;
  /** Device ID (5): 1 net, 2 block, 3 console, 4 entropy. */
  readonly deviceId: number;
  /** Its own feature bits (bits 0..23 and above 49): the transport adds the ring and version bits. */
  readonly features: bigint;
  /** Each virtqueue's maximum size (QueueNumMax), by queue index. */
  readonly queueMax: readonly number[];
  /** Its configuration space, as the driver reads it (little-endian fields). */
  readonly config: Uint8Array;
  /** What it did (requests, bytes, frames), for the VM's report. */
  readonly counters: Readonly<Record<string, number>>;
  /** Connects the device to its transport, once, when the transport is built. */
  attach(io: VirtioIo): void;
  /**
   * The driver notified queue `index`, or the device went live (DRIVER_OK): serve what is
   * available (io.drain); returns true when work is left for the next exit.
   */
  serve(index: number): boolean;
  /** Back to the device's power-on state (a driver reset or a VM reset). */
  reset(): void;
  /** The device's own state beyond its queues (the rng's generator), as 64-bit words, for a snapshot. */
  saveWords?(): bigint[];
  restoreWords?(words: bigint[]): void;
}

/** What a backend reaches through its transport. */
export interface VirtioIo {
  /** Queue `index` while the device is live (DRIVER_OK, the queue ready, not needing a reset). */
  queue(index: number): Virtqueue | undefined;
  /** Used buffers were pushed onto `queue`: interrupt the driver unless it suppressed that. */
  used(queue: Virtqueue): void;
  /**
   * Serves queue `index`: each available request goes to `handle`, which returns the bytes it
   * wrote into the request's writable segments, and back to the driver, until the queue is
   * empty or this exit's WORK_PER_EXIT is used up; then interrupts the driver if it wants.
   * Returns true when requests are left for the next exit.
   */
  drain(index: number, handle: (chain: Chain) => number, workPerByte?: number): boolean;
  /** Charges work beyond the bytes a request moves (a FLUSH's fsync) to this exit's allowance. */
  charge(work: number): void;
  /** A copy of a request's device-readable bytes [skip, skip + length), out of guest RAM. */
  readChain(chain: Chain, skip: number, length: number): Uint8Array;
  /** `bytes` into a request's device-writable bytes from `skip` on. */
  writeChain(chain: Chain, skip: number, bytes: Uint8Array): void;
  /** The features both sides agreed on (after FEATURES_OK). */
  readonly negotiated: bigint;
  /** The VM's RAM, where every segment of a chain lies. */
  readonly ram: Ram;
  /**
   * Runs device work that starts outside a notification (a frame arriving, console input): a
   * QueueError it throws puts the device in DEVICE_NEEDS_RESET instead of escaping.
   */
  guard(work: () => void): void;
}

/** What the transport tells the VM: each notification, and a device that needs a reset. */
export type VirtioEvent =
  | { kind: "notify"; device: string; queue: number }
  | { kind: "needs-reset"; device: string; reason: string };

/** A queue's registers; `vq` is the queue once the driver made it ready (QueueReady = 1). */
interface QueueRegisters extends QueueLayout {
  vq: Virtqueue | undefined;
}

/** How queues are read under negotiated features: EVENT_IDX, indirect descriptors. */
function queueFeatures(negotiated: bigint): { eventIdx: boolean; indirect: boolean } {
  return { eventIdx: (negotiated & VIRTIO_F_EVENT_IDX) !== 0n, indirect: (negotiated & VIRTIO_F_INDIRECT_DESC) !== 0n };
}

export class VirtioMmio implements Device, VirtioIo {
  readonly name: string;
  readonly size = VIRTIO_MMIO_SLOT;
  readonly backend: VirtioBackend;
  readonly irq: number;
  readonly ram: Ram;
  /** Bytes the current exit may still have the device move. */
  private workLeft = WORK_PER_EXIT;
  /** Notifications by queue, and interrupts raised: the device's share of the VM's exits. */
  readonly counters = { notifications: 0, interrupts: 0 };
  private readonly raise: IrqLine;
  private readonly onEvent: (event: VirtioEvent) => void;
  private status = 0;
  private deviceFeaturesSel = 0;
  private driverFeaturesSel = 0;
  private driverFeatures = 0n;
  private queueSel = 0;
  private interruptStatus = 0;
  private configGeneration = 0;
  private queues: QueueRegisters[] = [];
  /** Queues whose serve() left work for the next exit. */
  private readonly deferred = new Set<number>();

  constructor(options: { name: string; backend: VirtioBackend; irq: number; raise: IrqLine; ram: Ram; onEvent: (event: VirtioEvent) => void }) {
    this.name = options.name;
    this.backend = options.backend;
    this.irq = options.irq;
    this.raise = options.raise;
    this.ram = options.ram;
    this.onEvent = options.onEvent;
    this.resetTransport();
    this.backend.attach(this);
  }

  get negotiated(): bigint {
    return this.status & STATUS.FEATURES_OK ? this.driverFeatures : 0n;
  }

  /** The device is broken until the driver resets it. */
  get needsReset(): boolean {
    return (this.status & STATUS.DEVICE_NEEDS_RESET) !== 0;
  }

  private get live(): boolean {
    return (this.status & (STATUS.DRIVER_OK | STATUS.DEVICE_NEEDS_RESET)) === STATUS.DRIVER_OK;
  }

  deviceTree(): DeviceTreeNode {
    return { name: "virtio_mmio", compatible: ["virtio,mmio"], interrupts: [this.irq] };
  }

  read(offset: number, size: number): number | bigint {
    if (offset >= REG.Config) return this.readConfig(offset - REG.Config, size);
    if (size !== 4) return 0;
    const q = this.queues[this.queueSel];
    switch (offset) {
      case REG.MagicValue: return VIRTIO_MAGIC;
      case REG.Version: return 2;
      case REG.DeviceID: return this.backend.deviceId;
      case REG.VendorID: return VIRTIO_VENDOR;
      case REG.DeviceFeatures: {
        const all = this.backend.features | TRANSPORT_FEATURES;
        return this.deviceFeaturesSel > 1 ? 0 : Number((all >> BigInt(32 * this.deviceFeaturesSel)) & 0xffff_ffffn);
      }
      case REG.QueueNumMax: return q === undefined ? 0 : this.backend.queueMax[this.queueSel]!;
      case REG.QueueReady: return q?.vq ? 1 : 0;
      case REG.InterruptStatus: return this.interruptStatus;
      case REG.Status: return this.status;
      case REG.SHMLenLow:
      case REG.SHMLenHigh: return 0xffff_ffff;
      case REG.ConfigGeneration: return this.configGeneration;
      default: return 0;
    }
  }

  write(offset: number, size: number, value: bigint): void {
    if (offset >= REG.Config) return; // every device's configuration space is read-only here
    if (size !== 4) return;
    const v = Number(value & 0xffff_ffffn);
    const q = this.queues[this.queueSel];
    // The queue's registers are the driver's to set only while the queue is not ready (4.2.3.2).
    const setQueue = (f: (q: QueueRegisters) => void) => {
      if (q !== undefined && q.vq === undefined) f(q);
    };
    const low = (x: bigint) => (x & ~0xffff_ffffn) | BigInt(v);
    const high = (x: bigint) => (x & 0xffff_ffffn) | (BigInt(v) << 32n);
    switch (offset) {
      case REG.DeviceFeaturesSel: this.deviceFeaturesSel = v; break;
      case REG.DriverFeaturesSel: this.driverFeaturesSel = v; break;
      case REG.DriverFeatures:
        // Features are the driver's to choose only before FEATURES_OK (3.1.1).
        if (this.driverFeaturesSel <= 1 && !(this.status & STATUS.FEATURES_OK)) {
          const shift = BigInt(32 * this.driverFeaturesSel);
          this.driverFeatures = (this.driverFeatures & ~(0xffff_ffffn << shift)) | (BigInt(v) << shift);
        }
        break;
      case REG.QueueSel: this.queueSel = v; break;
      case REG.QueueNum: setQueue((q) => (q.size = v)); break;
      case REG.QueueDescLow: setQueue((q) => (q.desc = low(q.desc))); break;
      case REG.QueueDescHigh: setQueue((q) => (q.desc = high(q.desc))); break;
      case REG.QueueDriverLow: setQueue((q) => (q.driver = low(q.driver))); break;
      case REG.QueueDriverHigh: setQueue((q) => (q.driver = high(q.driver))); break;
      case REG.QueueDeviceLow: setQueue((q) => (q.device = low(q.device))); break;
      case REG.QueueDeviceHigh: setQueue((q) => (q.device = high(q.device))); break;
      case REG.QueueReady: if (q !== undefined) this.setReady(this.queueSel, q, v === 1); break;
      case REG.QueueNotify: this.notify(v); break;
      case REG.InterruptACK:
        this.interruptStatus &= ~v;
        this.updateIrq();
        break;
      case REG.Status: this.setStatus(v); break;
    }
  }

  /** A reset of the whole VM: the device as at power-on. */
  reset(): void {
    this.resetTransport();
    this.backend.reset();
  }

  /**
   * The transport's registers, each queue's place and progress, and the device's own words: what
   * a snapshot needs. The guest RAM the queues live in, and a disk's image, are not part of it.
   */
  save(): DeviceState {
    return {
      deviceId: this.backend.deviceId,
      queueCount: this.queues.length,
      status: this.status,
      deviceFeaturesSel: this.deviceFeaturesSel,
      driverFeaturesSel: this.driverFeaturesSel,
      driverFeatures: [this.driverFeatures],
      queueSel: this.queueSel,
      interruptStatus: this.interruptStatus,
      configGeneration: this.configGeneration,
      queueSizes: this.queues.map((q) => q.size),
      queueReady: this.queues.map((q) => (q.vq ? 1 : 0)),
      queueAreas: this.queues.flatMap((q) => [q.desc, q.driver, q.device]),
      queueIndices: this.queues.flatMap((q) => {
        const i = q.vq?.indices ?? { lastAvail: 0, usedIdx: 0, signalled: 0 };
        return [i.lastAvail, i.usedIdx, i.signalled];
      }),
      deferred: [...this.deferred].sort((a, b) => a - b),
      words: this.backend.saveWords?.() ?? [],
    };
  }

  restore(state: DeviceState): void {
    const r = new StateReader(this.name, state);
    const n = this.queues.length;
    r.option("deviceId", this.backend.deviceId);
    r.option("queueCount", n);
    const status = r.int("status", 0, 0xff);
    const deviceFeaturesSel = r.int("deviceFeaturesSel", 0, 0xffff_ffff);
    const driverFeaturesSel = r.int("driverFeaturesSel", 0, 0xffff_ffff);
    const [driverFeatures] = r.u64s("driverFeatures", 1) as [bigint];
    const queueSel = r.int("queueSel", 0, 0xffff_ffff);
    const interruptStatus = r.int("interruptStatus", 0, INT_USED_BUFFER | INT_CONFIG_CHANGE);
    const configGeneration = r.int("configGeneration", 0, 0xffff_ffff);
    const sizes = r.ints("queueSizes", n, 0, 0xffff_ffff);
    const ready = r.ints("queueReady", n, 0, 1);
    const areas = r.u64s("queueAreas", 3 * n);
    const indices = r.ints("queueIndices", 3 * n, 0, 0xffff);
    const deferred = r.ids("deferred", 0, n - 1);
    const words = r.u64s("words", this.backend.saveWords?.().length ?? 0);
    r.done();
    const features = queueFeatures(status & STATUS.FEATURES_OK ? driverFeatures : 0n);
    // Every ready queue is rebuilt and checked against this VM's RAM before anything is assigned.
    const queues = sizes.map((size, i): QueueRegisters => {
      const q: QueueRegisters = { size, desc: areas[3 * i]!, driver: areas[3 * i + 1]!, device: areas[3 * i + 2]!, vq: undefined };
      if (ready[i] !== 1) return q;
      try {
        q.vq = new Virtqueue(this.ram, q, this.backend.queueMax[i]!, features);
      } catch (error) {
        if (!(error instanceof QueueError)) throw error;
        throw r.error(`queue ${i}: ${error.message}`);
      }
      q.vq.indices = { lastAvail: indices[3 * i]!, usedIdx: indices[3 * i + 1]!, signalled: indices[3 * i + 2]! };
      return q;
    });
    this.status = status;
    this.deviceFeaturesSel = deviceFeaturesSel;
    this.driverFeaturesSel = driverFeaturesSel;
    this.driverFeatures = driverFeatures;
    this.queueSel = queueSel;
    this.interruptStatus = interruptStatus;
    this.configGeneration = configGeneration;
    this.queues = queues;
    this.deferred.clear();
    for (const q of deferred) this.deferred.add(q);
    this.backend.restoreWords?.(words);
    this.updateIrq();
  }

  queue(index: number): Virtqueue | undefined {
    return this.live ? this.queues[index]?.vq : undefined;
  }

  drain(index: number, handle: (chain: Chain) => number, workPerByte = 1): boolean {
    const q = this.queue(index);
    if (q === undefined) return false;
    // Until the queue is empty, this exit's allowance is spent, or the device broke (a request
    // whose frame came back to it through a switch, say).
    while (this.live) {
      if (this.workLeft <= 0) {
        this.used(q);
        return q.hasAvailable;
      }
      const chain = q.pop();
      if (chain === undefined) break;
      this.workLeft -= (chain.readableBytes + chain.writableBytes) * workPerByte + chain.descriptors * DESCRIPTOR_WORK;
      q.push(chain, handle(chain));
    }
    this.used(q);
    return false;
  }

  charge(work: number): void {
    this.workLeft -= work;
  }

  readChain(chain: Chain, skip: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const mem = this.ram.memory.bytes;
    spans(chain.readable, skip, length, (at, n, pos) => out.set(mem.subarray(at, at + n), pos));
    return out;
  }

  writeChain(chain: Chain, skip: number, bytes: Uint8Array): void {
    const mem = this.ram.memory.bytes;
    spans(chain.writable, skip, bytes.length, (at, n, pos) => mem.set(bytes.subarray(pos, pos + n), at));
  }

  used(queue: Virtqueue): void {
    if (!queue.interruptNeeded()) return;
    this.interruptStatus |= INT_USED_BUFFER;
    this.counters.interrupts++;
    this.updateIrq();
  }

  guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (!(error instanceof QueueError)) throw error;
      this.fail(error.message);
    }
  }

  /** Whether serve() left work for the next exit (see WORK_PER_EXIT). */
  get hasDeferredWork(): boolean {
    return this.deferred.size > 0;
  }

  /**
   * The end of each of the VM's exits: work a notification left continues with what is left of
   * this exit's allowance, and the next exit gets a fresh one.
   */
  exitEnded(): void {
    if (this.deferred.size > 0 && this.workLeft > 0) {
      const queues = [...this.deferred];
      this.deferred.clear();
      for (const index of queues) this.serve(index);
    }
    this.workLeft = WORK_PER_EXIT;
  }

  private notify(index: number): void {
    this.counters.notifications++;
    this.onEvent({ kind: "notify", device: this.name, queue: index });
    if (this.queue(index) === undefined) return;
    this.serve(index);
  }

  private serve(index: number): void {
    this.guard(() => {
      if (this.backend.serve(index)) this.deferred.add(index);
    });
  }

  private setReady(index: number, q: QueueRegisters, ready: boolean): void {
    if (!ready) {
      q.vq = undefined;
      return;
    }
    if (q.vq !== undefined) return;
    // The features decide how the queue is read (EVENT_IDX, indirect descriptors): they must be
    // settled first (3.1.1 step 7 comes after FEATURES_OK).
    if (!(this.status & STATUS.FEATURES_OK)) {
      this.fail(`queue ${index} made ready before FEATURES_OK`);
      return;
    }
    try {
      q.vq = new Virtqueue(this.ram, q, this.backend.queueMax[index]!, queueFeatures(this.negotiated));
    } catch (error) {
      if (!(error instanceof QueueError)) throw error;
      this.fail(`queue ${index}: ${error.message}`);
    }
  }

  private setStatus(v: number): void {
    if (v === 0) {
      this.resetTransport();
      this.backend.reset();
      return;
    }
    const was = this.status;
    // The driver sets bits; it never clears one without a reset, and DEVICE_NEEDS_RESET is the device's.
    let status = (was | v) & ~STATUS.DEVICE_NEEDS_RESET;
    status |= was & STATUS.DEVICE_NEEDS_RESET;
    if (status & STATUS.FEATURES_OK && !(was & STATUS.FEATURES_OK)) {
      // FEATURES_OK sticks only for features this device offered, VERSION_1 among them (3.1.1).
      const offered = this.backend.features | TRANSPORT_FEATURES;
      if ((this.driverFeatures & ~offered) !== 0n || !(this.driverFeatures & VIRTIO_F_VERSION_1)) status &= ~STATUS.FEATURES_OK;
    }
    if (status & STATUS.DRIVER_OK && !(status & STATUS.FEATURES_OK)) status &= ~STATUS.DRIVER_OK;
    this.status = status;
    if (status & STATUS.DRIVER_OK && !(was & STATUS.DRIVER_OK)) {
      if (this.needsReset) {
        // Broken before the driver finished: it hears of it now (2.1.2).
        this.interruptStatus |= INT_CONFIG_CHANGE;
        this.updateIrq();
        return;
      }
      // Buffers made available before DRIVER_OK (a receive queue filled at probe) are served now.
      this.queues.forEach((q, index) => q.vq && this.serve(index));
    }
  }

  /** The driver broke a rule: DEVICE_NEEDS_RESET, and a configuration-change interrupt if it is live (2.1.2). */
  private fail(reason: string): void {
    if (this.needsReset) return;
    this.status |= STATUS.DEVICE_NEEDS_RESET;
    this.deferred.clear();
    this.onEvent({ kind: "needs-reset", device: this.name, reason });
    if (this.status & STATUS.DRIVER_OK) {
      this.interruptStatus |= INT_CONFIG_CHANGE;
      this.updateIrq();
    }
  }

  private resetTransport(): void {
    this.status = 0;
    this.deviceFeaturesSel = 0;
    this.driverFeaturesSel = 0;
    this.driverFeatures = 0n;
    this.queueSel = 0;
    this.interruptStatus = 0;
    this.deferred.clear();
    this.queues = this.backend.queueMax.map(() => ({ size: 0, desc: 0n, driver: 0n, device: 0n, vq: undefined }));
    this.updateIrq();
  }

  private updateIrq(): void {
    this.raise(this.interruptStatus !== 0);
  }

  private readConfig(offset: number, size: number): bigint {
    const config = this.backend.config;
    let value = 0n;
    for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(config[offset + i] ?? 0);
    return value;
  }
}

/**
 * The slots no device took: each reads as a virtio-mmio transport with DeviceID 0 (4.2.3.1.1:
 * the driver ignores it), so a guest that probes all eight slots, as one written for QEMU virt
 * does, finds them where it expects.
 */
export class VirtioEmptySlots implements MmioDevice {
  readonly name = "virtio-mmio (empty)";
  readonly size: number;

  constructor(slots: number) {
    this.size = slots * VIRTIO_MMIO_SLOT;
  }

  read(offset: number, size: number): number {
    if (size !== 4) return 0;
    switch (offset % VIRTIO_MMIO_SLOT) {
      case REG.MagicValue: return VIRTIO_MAGIC;
      case REG.Version: return 2;
      case REG.VendorID: return VIRTIO_VENDOR;
      default: return 0;
    }
  }

  write(): void {}

  /** Not in the device tree: it names the devices there are. */
  deviceTree(): null {
    return null;
  }

  reset(): void {}
}
