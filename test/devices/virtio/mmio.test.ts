import { describe, expect, it } from "vitest";
import { Hypervisor, MemoryBlockImage, type VirtioMmio, type VmOptions } from "../../../src/index.js";
import { REG, STATUS, VIRTIO_F_EVENT_IDX, VIRTIO_F_INDIRECT_DESC, VIRTIO_F_VERSION_1, VIRTIO_MAGIC, VIRTIO_MMIO_BASE } from "../../../src/devices/virtio/mmio.js";
import { parseFdt } from "../../../src/formats/fdt.js";
import * as rv from "../../helpers/rv.js";
import { TestDriver } from "../../helpers/virtio-driver.js";

async function vmWith(virtio: VmOptions["virtio"]) {
  const hv = await Hypervisor.create();
  const events: string[] = [];
  const vm = hv.createVm({ memoryBytes: 1 << 20, virtio });
  return { hv, vm, events };
}

const disk = () => ({ type: "blk" as const, image: new MemoryBlockImage(new Uint8Array(64 * 512)) });

describe("virtio-mmio transport", () => {
  it("answers in QEMU virt's slots: the devices in order, the other slots as DeviceID 0", async () => {
    const { vm } = await vmWith([disk(), { type: "rng" }]);
    const ids = Array.from({ length: 8 }, (_, i) => {
      const d = new TestDriver(vm, i);
      return [Number(d.read(REG.MagicValue)), Number(d.read(REG.Version)), Number(d.read(REG.DeviceID))];
    });
    expect(ids).toEqual([[VIRTIO_MAGIC, 2, 2], [VIRTIO_MAGIC, 2, 4], ...Array(6).fill([VIRTIO_MAGIC, 2, 0])]);
    expect(vm.bus.devices.map((d) => d.device.name)).toContain("virtio-blk0");
  });

  it("describes each device in the device tree (virtio,mmio, reg, PLIC source 1 + slot), not the empty slots", async () => {
    const { vm } = await vmWith([disk(), { type: "rng" }]);
    const soc = parseFdt(vm.deviceTree()).root.children.find((n) => n.name === "soc")!;
    const nodes = soc.children.filter((n) => n.name.startsWith("virtio_mmio"));
    expect(nodes.map((n) => n.name)).toEqual(["virtio_mmio@10001000", "virtio_mmio@10002000"]);
    expect(nodes.map((n) => n.cells("interrupts"))).toEqual([[1], [2]]);
    expect(nodes.map((n) => new TextDecoder().decode(n.prop("compatible")))).toEqual(["virtio,mmio\0", "virtio,mmio\0"]);
  });

  it("maps nothing at the virtio slots of a VM without virtio devices (its device tree is unchanged)", async () => {
    const { vm } = await vmWith(undefined);
    expect(() => vm.platform.route(VIRTIO_MMIO_BASE)).toThrow(/outside every device/);
  });

  it("offers VERSION_1, INDIRECT_DESC and EVENT_IDX, and keeps FEATURES_OK only for features it offered, VERSION_1 among them", async () => {
    const { vm } = await vmWith([disk()]);
    const d = new TestDriver(vm);
    const offered = d.deviceFeatures();
    for (const f of [VIRTIO_F_VERSION_1, VIRTIO_F_INDIRECT_DESC, VIRTIO_F_EVENT_IDX]) expect(offered & f).toBe(f);
    expect(d.negotiate() & STATUS.FEATURES_OK).toBe(STATUS.FEATURES_OK);
    // A legacy driver (no VERSION_1) is refused.
    expect(d.negotiate(VIRTIO_F_EVENT_IDX) & STATUS.FEATURES_OK).toBe(0);
    // A feature the device did not offer is refused.
    d.write(REG.Status, 0);
    d.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER);
    d.write(REG.DriverFeaturesSel, 1);
    d.write(REG.DriverFeatures, 1 | (1 << 20));
    d.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.FEATURES_OK);
    expect(d.status & STATUS.FEATURES_OK).toBe(0);
    // DRIVER_OK without FEATURES_OK does not make the device live.
    d.write(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.DRIVER_OK);
    expect(d.status & STATUS.DRIVER_OK).toBe(0);
  });

  it("writing 0 to Status resets the device: status, features, queues, interrupt status", async () => {
    const { vm } = await vmWith([disk()]);
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 8, 0x8001_0000n);
    d.driverOk();
    expect(Number(d.read(REG.QueueReady))).toBe(1);
    d.write(REG.Status, 0);
    expect(d.status).toBe(0);
    d.write(REG.QueueSel, 0);
    expect(Number(d.read(REG.QueueReady))).toBe(0);
    expect(Number(d.read(REG.InterruptStatus))).toBe(0);
  });

  it("reports the queues it has (QueueNumMax 0 beyond them) and no shared memory", async () => {
    const { vm } = await vmWith([disk()]);
    const d = new TestDriver(vm);
    d.write(REG.QueueSel, 0);
    expect(Number(d.read(REG.QueueNumMax))).toBe(256);
    d.write(REG.QueueSel, 1);
    expect(Number(d.read(REG.QueueNumMax))).toBe(0);
    expect(Number(d.read(REG.SHMLenLow))).toBe(0xffff_ffff);
  });

  it("ignores queue register writes while the queue is ready (4.2.3.2)", async () => {
    const { vm } = await vmWith([disk()]);
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 8, 0x8001_0000n);
    d.write(REG.QueueNum, 4);
    d.write(REG.QueueDescLow, 0x1234);
    d.driverOk();
    // Still the queue of 8 at its place: a request there completes.
    d.chain(0, 0, [{ addr: 0x8002_0000n, len: 16 }, { addr: 0x8002_0100n, len: 1, flags: 2 }]);
    vm.loadBytes(0x8002_0000n, Uint8Array.of(4, 0, 0, 0)); // FLUSH
    d.offer(0, 0);
    expect(d.takeUsed(0)).toEqual([{ id: 0, len: 1 }]);
  });
});

describe("virtio-mmio save and restore", () => {
  it("takes a device back to a saved state: registers, queues and their progress, the rng's sequence", async () => {
    const { vm } = await vmWith([{ type: "rng" }]);
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 8, 0x8001_0000n);
    d.driverOk();
    const transport = vm.platform.virtio[0]!;
    const saved = structuredClone(transport.save());
    const draw = (i: number) => {
      d.chain(0, i, [{ addr: 0x8002_0000n, len: 32, flags: 2 }]);
      d.offer(0, i);
      d.takeUsed(0);
      return vm.readBytes(0x8002_0000n, 32);
    };
    const first = draw(0);
    // Back to the state before that request: the same request gets the same bytes, at the same used index.
    transport.restore(saved);
    d.queues.get(0)!.availIdx = 0;
    d.queues.get(0)!.lastUsed = 0;
    expect(draw(0)).toEqual(first);
    expect(d.readU16(0x8001_0000n + 0x1000n + 16n * 8n + 2n)).toBe(1);
    expect(d.status).toBe(15);
  });

  it("refuses a state of another device, or whose queues are not in this VM's RAM", async () => {
    const { vm } = await vmWith([disk(), { type: "rng" }]);
    const [blk, rng] = vm.platform.virtio as [VirtioMmio, VirtioMmio];
    expect(() => rng.restore(blk.save())).toThrow(/deviceId is 2, this device has 4/);
    const state = { ...blk.save(), queueReady: [1], queueSizes: [8], queueAreas: [0n, 0n, 0n] };
    expect(() => blk.restore(state)).toThrow(/queue 0: the descriptor table at 0x0/);
  });
});

describe("virtio work left for later exits", () => {
  it("goes on while the guest waits in wfi: the hart runs on until the device is done", async () => {
    const hv = await Hypervisor.create();
    const vm = hv.createVm({ memoryBytes: 2 << 20, virtio: [{ type: "blk", image: new MemoryBlockImage(new Uint8Array(8 << 20)) }] });
    // The guest: wfi in a loop (nothing enabled: only a device's work could end its wait).
    vm.loadBytes(0x8000_0000n, rv.code(rv.WFI, rv.jal(0, -4)));
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 16, 0x8001_0000n);
    d.driverOk();
    // 16 requests of 8 MiB each (eight times into the same 1 MiB): twice an exit's allowance.
    vm.loadBytes(0x8003_0000n, new Uint8Array(16));
    for (let i = 0; i < 16; i++) {
      const table = 0x8005_0000n + BigInt(0x100 * i);
      d.writeDesc(table, 0, { addr: 0x8003_0000n, len: 16, flags: 1, next: 1 });
      for (let k = 1; k <= 8; k++) d.writeDesc(table, k, { addr: 0x8010_0000n, len: 1 << 20, flags: 3, next: k + 1 });
      d.writeDesc(table, 9, { addr: 0x8003_0800n, len: 1, flags: 2 });
      d.chain(0, i, [{ addr: table, len: 160, flags: 4 }]);
      d.offer(0, i, i === 15);
    }
    expect(d.takeUsed(0).length).toBeLessThan(16);
    await hv.run();
    // Every request completed before the VM, waiting with nothing left to wake it, was stopped.
    expect(d.takeUsed(0).length + 8).toBe(16);
    expect(vm.result?.reason).toMatch(/waits for an interrupt/);
  });
});
