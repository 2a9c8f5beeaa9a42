// Hostile drivers: every way a guest can break a split virtqueue puts the device in
// DEVICE_NEEDS_RESET with a trace event naming the problem, raises a configuration-change
// interrupt, touches nothing outside the VM's RAM, and a reset brings the device back.

import { describe, expect, it } from "vitest";
import { Hypervisor, MemoryBlockImage, type HypervisorEvent } from "../../../src/index.js";
import { INT_CONFIG_CHANGE, REG, STATUS, WORK_PER_EXIT } from "../../../src/devices/virtio/mmio.js";
import { MAX_CHAIN_BYTES } from "../../../src/devices/virtio/queue.js";
import { DESC_F_INDIRECT, DESC_F_NEXT, DESC_F_WRITE, TestDriver, type Desc } from "../../helpers/virtio-driver.js";

const QUEUE = 0x8001_0000n;
const HEADER = 0x8003_0000n;
const DATA = 0x8004_0000n;
const STATUS_BYTE = 0x8003_0800n;
const TABLE = 0x8005_0000n;
const RAM_BYTES = 2 << 20;
const RAM_END = 0x8000_0000n + BigInt(RAM_BYTES);

async function setup() {
  const events: HypervisorEvent[] = [];
  const hv = await Hypervisor.create({ onEvent: (e) => events.push(e) });
  const bytes = new Uint8Array(64 * 512).fill(0x11);
  const vm = hv.createVm({ memoryBytes: RAM_BYTES, virtio: [{ type: "blk", image: new MemoryBlockImage(bytes) }] });
  // A second VM's RAM sits right after this one's in the machine's memory: it must stay untouched.
  const other = hv.createVm({ memoryBytes: RAM_BYTES });
  other.loadBytes(0x8000_0000n, new Uint8Array(4096).fill(0x77));
  const d = new TestDriver(vm);
  const start = () => {
    d.negotiate();
    d.setupQueue(0, 16, QUEUE);
    d.driverOk();
  };
  start();
  const errors = () => events.filter((e): e is Extract<HypervisorEvent, { type: "device-error" }> => e.type === "device-error");
  /**
   * Then a good read must work again after a reset. The driver heard of the failure through a
   * configuration-change interrupt (2.1.2): at once when the device was live (DRIVER_OK), or
   * when the driver set DRIVER_OK on a device that broke during its setup.
   */
  const recovers = () => {
    expect(d.status & STATUS.DEVICE_NEEDS_RESET).toBe(STATUS.DEVICE_NEEDS_RESET);
    expect(d.ack() & INT_CONFIG_CHANGE).toBe(INT_CONFIG_CHANGE);
    d.write(REG.Status, 0);
    expect(d.status).toBe(0);
    start();
    vm.loadBytes(HEADER, new Uint8Array(16));
    d.chain(0, 0, [{ addr: HEADER, len: 16 }, { addr: DATA, len: 512, flags: DESC_F_WRITE | DESC_F_NEXT }, { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE }]);
    d.offer(0, 0);
    expect(d.takeUsed(0)).toEqual([{ id: 0, len: 513 }]);
    expect(vm.readBytes(DATA, 512).every((b) => b === 0x11)).toBe(true);
    expect(other.readBytes(0x8000_0000n, 4096).every((b) => b === 0x77)).toBe(true);
    expect(vm.state).not.toBe("stopped");
  };
  /** Offers a chain and expects the device to refuse it with `reason`. */
  const refuses = (descs: Desc[], reason: RegExp) => {
    vm.loadBytes(HEADER, new Uint8Array(16));
    d.chain(0, 0, descs);
    d.offer(0, 0);
    expect(d.takeUsed(0)).toEqual([]);
    expect(errors().at(-1)?.reason).toMatch(reason);
    recovers();
  };
  return { vm, d, events, errors, refuses, recovers, start, bytes };
}

const header = { addr: HEADER, len: 16 };
const status = { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE };
const data = (addr: bigint, len = 512): Desc => ({ addr, len, flags: DESC_F_WRITE | DESC_F_NEXT });

describe("a hostile driver's virtqueue", () => {
  for (const [what, addr, len] of [
    ["at 0", 0n, 512],
    ["in device space", 0x1000_0000n, 512],
    ["at the top of the address space", 0xffff_ffff_ffff_f000n, 512],
    ["straddling the end of RAM", RAM_END - 8n, 512],
    ["wrapping past 2^64", 0xffff_ffff_ffff_ff00n, 0x200],
    ["in the next VM's RAM", RAM_END, 512],
  ] as const) {
    it(`a buffer ${what}: needs reset, nothing outside RAM touched`, async () => {
      const { refuses } = await setup();
      refuses([header, data(addr, len), status], /not in the VM's RAM/);
    });
  }

  it("a chain that loops", async () => {
    const { refuses } = await setup();
    refuses([{ ...header, flags: DESC_F_NEXT, next: 0 }], /loops/);
  });

  it("a next index past the queue", async () => {
    const { refuses } = await setup();
    refuses([header, { ...data(DATA), next: 999 }], /outside the descriptor table/);
  });

  it("a head index past the queue", async () => {
    const { d, errors, recovers } = await setup();
    d.offer(0, 16);
    expect(errors().at(-1)?.reason).toMatch(/descriptor 16 is outside/);
    recovers();
  });

  it("a chain of more than MAX_CHAIN_BYTES (the same RAM named again and again)", async () => {
    const { refuses } = await setup();
    const big = Array.from({ length: 9 }, () => data(0x8000_0000n, RAM_BYTES));
    expect(9 * RAM_BYTES).toBeGreaterThan(MAX_CHAIN_BYTES);
    refuses([header, ...big, status], /more than/);
  });

  it("a readable buffer after a writable one", async () => {
    const { refuses } = await setup();
    refuses([header, data(DATA), { addr: DATA, len: 16, flags: DESC_F_NEXT }, status], /readable buffer after a writable/);
  });

  it("indirect tables: nested, with NEXT, of a length not a multiple of 16, outside RAM, looping", async () => {
    const { d, refuses } = await setup();
    d.writeDesc(TABLE, 0, { addr: TABLE, len: 16, flags: DESC_F_INDIRECT });
    refuses([{ addr: TABLE, len: 16, flags: DESC_F_INDIRECT }], /another one/);
    refuses([{ addr: TABLE, len: 16, flags: DESC_F_INDIRECT | DESC_F_NEXT, next: 1 }, header], /also has NEXT/);
    refuses([{ addr: TABLE, len: 24, flags: DESC_F_INDIRECT }], /not a whole number/);
    refuses([{ addr: RAM_END - 16n, len: 32, flags: DESC_F_INDIRECT }], /indirect table .* not in the VM's RAM/);
    d.writeDesc(TABLE, 0, { addr: HEADER, len: 16, flags: DESC_F_NEXT, next: 1 });
    d.writeDesc(TABLE, 1, { addr: DATA, len: 512, flags: DESC_F_WRITE | DESC_F_NEXT, next: 0 });
    refuses([{ addr: TABLE, len: 32, flags: DESC_F_INDIRECT }], /loops/);
  });

  it("avail.idx more than a queue ahead", async () => {
    const { d, errors, recovers } = await setup();
    const q = d.queues.get(0)!;
    d.u16(q.avail + 2n, 17);
    d.write(REG.QueueNotify, 0);
    expect(errors().at(-1)?.reason).toMatch(/ahead/);
    recovers();
  });

  for (const [area, areas] of [
    ["descriptor table", { desc: RAM_END - 64n, avail: QUEUE + 0x100n, used: QUEUE + 0x1000n }],
    ["driver area", { desc: QUEUE, avail: 0x1000_0000n, used: QUEUE + 0x1000n }],
    ["device area", { desc: QUEUE, avail: QUEUE + 0x100n, used: 0xffff_ffff_ffff_f000n }],
    ["misaligned descriptor table", { desc: QUEUE + 8n, avail: QUEUE + 0x100n, used: QUEUE + 0x1000n }],
  ] as const) {
    it(`a queue whose ${area} is not in RAM as it must be`, async () => {
      const { d, errors, recovers } = await setup();
      d.write(REG.Status, 0);
      d.negotiate();
      d.setupQueue(0, 16, 0n, areas);
      d.driverOk();
      expect(errors().at(-1)?.reason).toMatch(/queue 0: the .* is not in RAM/);
      recovers();
    });
  }

  it("a queue size that is not a power of two, or more than QueueNumMax", async () => {
    for (const size of [0, 3, 512]) {
      const { d, errors, recovers } = await setup();
      d.write(REG.Status, 0);
      d.negotiate();
      d.setupQueue(0, size, QUEUE);
      d.driverOk();
      expect(errors().at(-1)?.reason).toMatch(/not a power of two/);
      recovers();
    }
  });

  it("a chain of more descriptors than the queue has entries, through an indirect table of empty buffers", async () => {
    const { d, refuses } = await setup();
    for (let i = 0; i < 17; i++) d.writeDesc(TABLE, i, { addr: DATA, len: 0, flags: DESC_F_NEXT, next: i + 1 });
    refuses([{ addr: TABLE, len: 17 * 16, flags: DESC_F_INDIRECT }], /more descriptors than the queue's 16/);
  });

  it("a queue made ready before FEATURES_OK (its features decide how it is read)", async () => {
    const { d, errors, recovers } = await setup();
    d.write(REG.Status, 0);
    d.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER);
    d.setupQueue(0, 16, QUEUE);
    expect(errors().at(-1)?.reason).toMatch(/queue 0 made ready before FEATURES_OK/);
    d.write(REG.DriverFeaturesSel, 1);
    d.write(REG.DriverFeatures, 1); // VERSION_1
    d.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.FEATURES_OK);
    d.driverOk();
    recovers();
  });

  it("serves nothing while it needs a reset, and raises no interrupt for it", async () => {
    const { d, errors } = await setup();
    d.offer(0, 16);
    expect(errors()).toHaveLength(1);
    d.ack();
    d.chain(0, 0, [header, data(DATA), status]);
    d.offer(0, 0);
    expect(d.takeUsed(0)).toEqual([]);
    expect(d.ack()).toBe(0);
    expect(errors()).toHaveLength(1);
  });

  it("a notification's copying is bounded: work beyond WORK_PER_EXIT waits for the VM's next exit", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: RAM_BYTES, virtio: [{ type: "blk", image: new MemoryBlockImage(new Uint8Array(8 << 20)) }] });
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 16, QUEUE);
    d.driverOk();
    // 16 requests, each reading 8 MiB (eight times into the same 1 MiB of RAM) through an indirect table.
    const perRequest = 8 << 20;
    vm.loadBytes(HEADER, new Uint8Array(16));
    for (let i = 0; i < 16; i++) {
      const table = TABLE + BigInt(0x100 * i);
      d.writeDesc(table, 0, { addr: HEADER, len: 16, flags: DESC_F_NEXT, next: 1 });
      for (let k = 1; k <= 8; k++) d.writeDesc(table, k, { addr: 0x8010_0000n, len: 1 << 20, flags: DESC_F_WRITE | DESC_F_NEXT, next: k + 1 });
      d.writeDesc(table, 9, { addr: STATUS_BYTE, len: 1, flags: DESC_F_WRITE });
      d.chain(0, i, [{ addr: table, len: 160, flags: DESC_F_INDIRECT }]);
      d.offer(0, i, i === 15);
    }
    const first = d.takeUsed(0).length;
    expect(first).toBe(Math.ceil(WORK_PER_EXIT / perRequest));
    expect(first).toBeLessThan(16);
    // The end of the notification's exit: its allowance is spent, nothing more this exit.
    vm.platform.serviceDevices();
    expect(d.takeUsed(0)).toEqual([]);
    // The end of the next exit: the rest, with that exit's allowance.
    vm.platform.serviceDevices();
    expect(first + d.takeUsed(0).length).toBe(16);
  });
});
