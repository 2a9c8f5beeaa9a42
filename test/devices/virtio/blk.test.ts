import { describe, expect, it } from "vitest";
import { Hypervisor, MemoryBlockImage } from "../../../src/index.js";
import { VIRTIO_BLK_F_FLUSH, VIRTIO_BLK_F_RO, VIRTIO_BLK_S_IOERR, VIRTIO_BLK_S_OK, VIRTIO_BLK_S_UNSUPP } from "../../../src/devices/virtio/blk.js";
import { REG, VIRTIO_F_VERSION_1 } from "../../../src/devices/virtio/mmio.js";
import { DESC_F_INDIRECT, DESC_F_NEXT, DESC_F_WRITE, TestDriver } from "../../helpers/virtio-driver.js";

const QUEUE = 0x8001_0000n;
const HEADER = 0x8003_0000n;
const DATA = 0x8004_0000n;
const STATUS_BYTE = 0x8003_0800n;

async function disk(bytes: Uint8Array, options: { readonly?: boolean; features?: bigint } = {}) {
  const hv = await Hypervisor.create();
  const image = new MemoryBlockImage(bytes, { readonly: options.readonly });
  const vm = hv.createVm({ memoryBytes: 1 << 20, virtio: [{ type: "blk", image }] });
  const d = new TestDriver(vm);
  options.features === undefined ? d.negotiate() : d.negotiate(options.features);
  d.setupQueue(0, 16, QUEUE);
  d.driverOk();
  /** One request: header, data segments, status; returns [status, used len]. */
  let head = 0;
  const request = (type: number, sector: bigint, data: { addr: bigint; len: number }[], write: boolean) => {
    const h = new Uint8Array(16);
    new DataView(h.buffer).setUint32(0, type, true);
    new DataView(h.buffer).setBigUint64(8, sector, true);
    vm.loadBytes(HEADER, h);
    vm.loadBytes(STATUS_BYTE, Uint8Array.of(0xee));
    const start = head;
    d.chain(0, start, [{ addr: HEADER, len: 16 }, ...data.map((s) => ({ ...s, flags: (write ? DESC_F_WRITE : 0) | DESC_F_NEXT })), { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE }]);
    head = (head + data.length + 2) % 16;
    d.offer(0, start);
    const used = d.takeUsed(0);
    expect(used.map((u) => u.id)).toEqual([start]);
    return [vm.readBytes(STATUS_BYTE, 1)[0]!, used[0]!.len] as const;
  };
  return { vm, image, d, request };
}

describe("virtio-blk", () => {
  it("reads and writes sectors in place, over several segments, with the used length the spec asks", async () => {
    const bytes = new Uint8Array(64 * 512).map((_, i) => (i * 7) & 0xff);
    const { vm, request } = await disk(bytes);
    expect(request(0, 2n, [{ addr: DATA, len: 512 }, { addr: DATA + 0x1000n, len: 1024 }], true)).toEqual([VIRTIO_BLK_S_OK, 1537]);
    expect(vm.readBytes(DATA, 512)).toEqual(bytes.slice(1024, 1536));
    expect(vm.readBytes(DATA + 0x1000n, 1024)).toEqual(bytes.slice(1536, 2560));
    vm.loadBytes(DATA, new Uint8Array(1024).fill(0x5a));
    expect(request(1, 63n, [{ addr: DATA, len: 512 }], false)).toEqual([VIRTIO_BLK_S_OK, 1]);
    expect(bytes.slice(63 * 512)).toEqual(new Uint8Array(512).fill(0x5a));
  });

  it("announces its capacity in 512-byte sectors, FLUSH, and RO only for a read-only image", async () => {
    const { d } = await disk(new Uint8Array(64 * 512 + 100));
    expect(d.read(REG.Config, 8)).toBe(64n);
    expect(d.deviceFeatures() & VIRTIO_BLK_F_FLUSH).toBe(VIRTIO_BLK_F_FLUSH);
    expect(d.deviceFeatures() & VIRTIO_BLK_F_RO).toBe(0n);
    const ro = await disk(new Uint8Array(512), { readonly: true });
    expect(ro.d.deviceFeatures() & VIRTIO_BLK_F_RO).toBe(VIRTIO_BLK_F_RO);
  });

  it("answers a request the guest got wrong with an I/O error, and the device stays usable", async () => {
    const bytes = new Uint8Array(64 * 512);
    const { request } = await disk(bytes);
    // Past the end, straddling the end, a sector number near 2^64, not whole sectors.
    expect(request(0, 64n, [{ addr: DATA, len: 512 }], true)[0]).toBe(VIRTIO_BLK_S_IOERR);
    expect(request(1, 63n, [{ addr: DATA, len: 1024 }], false)[0]).toBe(VIRTIO_BLK_S_IOERR);
    expect(request(0, 0xffff_ffff_ffff_fff0n, [{ addr: DATA, len: 512 }], true)[0]).toBe(VIRTIO_BLK_S_IOERR);
    expect(request(0, 0n, [{ addr: DATA, len: 100 }], true)[0]).toBe(VIRTIO_BLK_S_IOERR);
    expect(request(99, 0n, [], false)[0]).toBe(VIRTIO_BLK_S_UNSUPP);
    expect(request(0, 1n, [{ addr: DATA, len: 512 }], true)).toEqual([VIRTIO_BLK_S_OK, 513]);
  });

  it("fails every write to a read-only image and leaves it untouched", async () => {
    const bytes = new Uint8Array(8 * 512).fill(1);
    const { request } = await disk(bytes, { readonly: true });
    expect(request(1, 0n, [{ addr: DATA, len: 512 }], false)[0]).toBe(VIRTIO_BLK_S_IOERR);
    expect(bytes.every((b) => b === 1)).toBe(true);
  });

  it("FLUSH makes the image durable before the request completes; GET_ID answers the serial", async () => {
    let flushed = 0;
    const hv = await Hypervisor.create();
    const image = new MemoryBlockImage(new Uint8Array(4096));
    image.flush = () => void flushed++;
    const vm = hv.createVm({ memoryBytes: 1 << 20, virtio: [{ type: "blk", image }] });
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 16, QUEUE);
    d.driverOk();
    vm.loadBytes(HEADER, Uint8Array.of(4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    d.chain(0, 0, [{ addr: HEADER, len: 16 }, { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE }]);
    d.offer(0, 0);
    expect(flushed).toBe(1);
    expect(vm.readBytes(STATUS_BYTE, 1)[0]).toBe(VIRTIO_BLK_S_OK);
    vm.loadBytes(HEADER, Uint8Array.of(8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    d.chain(0, 2, [{ addr: HEADER, len: 16 }, { addr: DATA, len: 20, flags: DESC_F_WRITE | DESC_F_NEXT }, { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE }]);
    d.offer(0, 2);
    expect(new TextDecoder().decode(vm.readBytes(DATA, 10))).toBe("rvisor-vda");
  });

  it("follows an indirect descriptor table", async () => {
    const bytes = new Uint8Array(8 * 512).map((_, i) => i & 0xff);
    const { vm, d } = await disk(bytes);
    const table = 0x8005_0000n;
    vm.loadBytes(HEADER, new Uint8Array(16)); // IN, sector 0
    d.writeDesc(table, 0, { addr: HEADER, len: 16, flags: DESC_F_NEXT, next: 1 });
    d.writeDesc(table, 1, { addr: DATA, len: 512, flags: DESC_F_WRITE | DESC_F_NEXT, next: 2 });
    d.writeDesc(table, 2, { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE });
    d.chain(0, 0, [{ addr: table, len: 48, flags: DESC_F_INDIRECT }]);
    d.offer(0, 0);
    expect(d.takeUsed(0)).toEqual([{ id: 0, len: 513 }]);
    expect(vm.readBytes(DATA, 512)).toEqual(bytes.slice(0, 512));
  });

  it("interrupts unless suppressed: avail.flags NO_INTERRUPT without EVENT_IDX, used_event with it", async () => {
    const plain = await disk(new Uint8Array(4096), { features: VIRTIO_F_VERSION_1 });
    plain.request(4, 0n, [], false);
    expect(plain.d.ack()).toBe(1);
    plain.d.u16(QUEUE + 16n * 16n, 1); // avail.flags = NO_INTERRUPT
    plain.request(4, 0n, [], false);
    expect(plain.d.ack()).toBe(0);

    const evented = await disk(new Uint8Array(4096));
    const usedEvent = QUEUE + 16n * 16n + 4n + 2n * 16n;
    evented.d.u16(usedEvent, 5); // interrupt when the used index passes 5
    for (let i = 0; i < 5; i++) {
      evented.request(4, 0n, [], false);
      expect(evented.d.ack()).toBe(0);
    }
    evented.request(4, 0n, [], false);
    expect(evented.d.ack()).toBe(1);
    // The device asks to be notified of the next request: avail_event follows the driver.
    const availEvent = QUEUE + 0x1000n + 16n * 16n + 4n + 8n * 16n;
    expect(evented.d.readU16(availEvent)).toBe(6);
  });

  it("answers IOERR when the image itself fails (a full or failing host disk), and the VM carries on", async () => {
    const hv = await Hypervisor.create();
    const image = new MemoryBlockImage(new Uint8Array(4096));
    image.write = () => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    };
    const vm = hv.createVm({ memoryBytes: 1 << 20, virtio: [{ type: "blk", image }] });
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 16, QUEUE);
    d.driverOk();
    vm.loadBytes(HEADER, Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    d.chain(0, 0, [{ addr: HEADER, len: 16 }, { addr: DATA, len: 512, flags: DESC_F_NEXT }, { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE }]);
    d.offer(0, 0);
    expect(vm.readBytes(STATUS_BYTE, 1)[0]).toBe(VIRTIO_BLK_S_IOERR);
    expect(vm.report().virtio[0]).toMatchObject({ imageErrors: 1, needsReset: false });
    expect(vm.state).not.toBe("stopped");
  });
});
