// A virtio-mmio driver written for tests, from the host side: it reaches a VM's device
// registers as the guest's MMIO exits would (platform.load/store) and builds split virtqueues in
// the VM's RAM, so that tests can also build what no honest driver would.

import { REG, STATUS, VIRTIO_F_EVENT_IDX, VIRTIO_F_INDIRECT_DESC, VIRTIO_F_VERSION_1, VIRTIO_MMIO_BASE, VIRTIO_MMIO_SLOT } from "../../src/devices/virtio/mmio.js";
import type { Vm } from "../../src/vm/vm.js";

export const DESC_F_NEXT = 1;
export const DESC_F_WRITE = 2;
export const DESC_F_INDIRECT = 4;

export interface Desc {
  addr: bigint;
  len: number;
  flags?: number;
  next?: number;
}

export class TestDriver {
  readonly vm: Vm;
  readonly base: bigint;
  /** Where each queue's areas are: descriptor table, driver area, device area. */
  readonly queues = new Map<number, { size: number; desc: bigint; avail: bigint; used: bigint; availIdx: number; lastUsed: number }>();

  constructor(vm: Vm, slot = 0) {
    this.vm = vm;
    this.base = VIRTIO_MMIO_BASE + BigInt(slot * VIRTIO_MMIO_SLOT);
  }

  read(offset: number, size = 4): bigint {
    const addr = this.base + BigInt(offset);
    return this.vm.platform.load(this.vm.platform.route(addr), addr, size);
  }

  write(offset: number, value: number | bigint, size = 4): void {
    const addr = this.base + BigInt(offset);
    this.vm.platform.store(this.vm.platform.route(addr), addr, size, BigInt(value));
  }

  get status(): number {
    return Number(this.read(REG.Status));
  }

  deviceFeatures(): bigint {
    this.write(REG.DeviceFeaturesSel, 0);
    const lo = this.read(REG.DeviceFeatures);
    this.write(REG.DeviceFeaturesSel, 1);
    return (this.read(REG.DeviceFeatures) << 32n) | lo;
  }

  /** The initialization sequence (3.1.1) up to FEATURES_OK; returns the status read back. */
  negotiate(features = VIRTIO_F_VERSION_1 | VIRTIO_F_EVENT_IDX | VIRTIO_F_INDIRECT_DESC): number {
    this.write(REG.Status, 0);
    this.write(REG.Status, STATUS.ACKNOWLEDGE);
    this.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER);
    const offered = this.deviceFeatures();
    const f = features & offered;
    this.write(REG.DriverFeaturesSel, 0);
    this.write(REG.DriverFeatures, Number(f & 0xffff_ffffn));
    this.write(REG.DriverFeaturesSel, 1);
    this.write(REG.DriverFeatures, Number(f >> 32n));
    this.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.FEATURES_OK);
    return this.status;
  }

  /**
   * Places queue `index` of `size` at `at` in RAM (descriptors, then avail, then used at +page),
   * zeroed as a driver's fresh allocation is, and makes it ready.
   */
  setupQueue(index: number, size: number, at: bigint, areas?: { desc: bigint; avail: bigint; used: bigint }): void {
    const a = areas ?? { desc: at, avail: at + BigInt(16 * size), used: at + 0x1000n + BigInt(16 * size) };
    for (const [addr, bytes] of [[a.desc, 16 * size], [a.avail, 6 + 2 * size], [a.used, 6 + 8 * size]] as const) {
      if (this.vm.platform.ram.contains(addr, bytes)) this.vm.loadBytes(addr, new Uint8Array(bytes));
    }
    this.write(REG.QueueSel, index);
    this.write(REG.QueueNum, size);
    const split = (lo: number, v: bigint) => {
      this.write(lo, Number(v & 0xffff_ffffn));
      this.write(lo + 4, Number(v >> 32n));
    };
    split(REG.QueueDescLow, a.desc);
    split(REG.QueueDriverLow, a.avail);
    split(REG.QueueDeviceLow, a.used);
    this.write(REG.QueueReady, 1);
    this.queues.set(index, { size, ...a, availIdx: 0, lastUsed: 0 });
  }

  driverOk(): void {
    this.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.FEATURES_OK | STATUS.DRIVER_OK);
  }

  writeDesc(table: bigint, i: number, d: Desc): void {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setBigUint64(0, d.addr, true);
    v.setUint32(8, d.len, true);
    v.setUint16(12, d.flags ?? 0, true);
    v.setUint16(14, d.next ?? 0, true);
    this.vm.loadBytes(table + BigInt(16 * i), b);
  }

  /** Writes descriptors `descs` at indices start.. (wrapping) of queue `index`'s table, chained in order unless their flags say otherwise. */
  chain(index: number, start: number, descs: Desc[]): void {
    const q = this.queues.get(index)!;
    descs.forEach((d, k) => {
      const last = k === descs.length - 1;
      this.writeDesc(q.desc, (start + k) % q.size, { ...d, flags: d.flags ?? (last ? 0 : DESC_F_NEXT), next: d.next ?? (start + k + 1) % q.size });
    });
  }

  u16(addr: bigint, value: number): void {
    this.vm.loadBytes(addr, Uint8Array.of(value & 0xff, (value >> 8) & 0xff));
  }

  readU16(addr: bigint): number {
    const b = this.vm.readBytes(addr, 2);
    return b[0]! | (b[1]! << 8);
  }

  readU32(addr: bigint): number {
    return new DataView(this.vm.readBytes(addr, 4).buffer).getUint32(0, true);
  }

  /** Makes head `head` available on queue `index` and notifies (unless told not to). */
  offer(index: number, head: number, notify = true): void {
    const q = this.queues.get(index)!;
    this.u16(q.avail + 4n + BigInt(2 * (q.availIdx % q.size)), head);
    q.availIdx = (q.availIdx + 1) & 0xffff;
    this.u16(q.avail + 2n, q.availIdx);
    if (notify) this.write(REG.QueueNotify, index);
  }

  /** Used elements the device published since the last call: { id, len }. */
  takeUsed(index: number): { id: number; len: number }[] {
    const q = this.queues.get(index)!;
    const idx = this.readU16(q.used + 2n);
    const out: { id: number; len: number }[] = [];
    while (q.lastUsed !== idx) {
      const e = q.used + 4n + BigInt(8 * (q.lastUsed % q.size));
      out.push({ id: this.readU32(e), len: this.readU32(e + 4n) });
      q.lastUsed = (q.lastUsed + 1) & 0xffff;
    }
    return out;
  }

  /** Acknowledges every pending interrupt; returns InterruptStatus as it was. */
  ack(): number {
    const s = Number(this.read(REG.InterruptStatus));
    this.write(REG.InterruptACK, s);
    return s;
  }
}
