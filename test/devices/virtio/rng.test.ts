import { describe, expect, it } from "vitest";
import { Hypervisor } from "../../../src/index.js";
import { DESC_F_WRITE, TestDriver } from "../../helpers/virtio-driver.js";

async function draw(options: { seed?: number | "host"; timeMode?: "deterministic" | "realtime" }, n = 64) {
  const hv = await Hypervisor.create({ timeMode: options.timeMode });
  const vm = hv.createVm({ memoryBytes: 1 << 20, virtio: [{ type: "rng", ...(options.seed === undefined ? {} : { seed: options.seed }) }] });
  const d = new TestDriver(vm);
  d.negotiate();
  d.setupQueue(0, 8, 0x8001_0000n);
  d.driverOk();
  d.chain(0, 0, [{ addr: 0x8002_0000n, len: n, flags: DESC_F_WRITE }]);
  d.offer(0, 0);
  expect(d.takeUsed(0)).toEqual([{ id: 0, len: n }]);
  return { bytes: vm.readBytes(0x8002_0000n, n), vm, d };
}

describe("virtio-rng", () => {
  it("is seeded in deterministic mode: the same bytes on every run, other bytes for another seed", async () => {
    const a = (await draw({})).bytes;
    expect(a).toEqual((await draw({})).bytes);
    expect(a).not.toEqual((await draw({ seed: 1 })).bytes);
    expect(new Set(a).size).toBeGreaterThan(32);
  });

  it("draws from the host's CSPRNG in real-time mode (or when asked)", async () => {
    expect((await draw({ timeMode: "realtime" })).bytes).not.toEqual((await draw({ timeMode: "realtime" })).bytes);
    expect((await draw({ seed: "host" })).bytes).not.toEqual((await draw({ seed: "host" })).bytes);
  });

  it("gives at most 64 KiB per buffer, however large the buffer", async () => {
    const { d } = await draw({}, 16);
    d.chain(0, 1, [{ addr: 0x8002_0000n, len: 512 << 10, flags: DESC_F_WRITE }]);
    d.offer(0, 1);
    expect(d.takeUsed(0)).toEqual([{ id: 1, len: 64 << 10 }]);
  });

  it("starts its sequence again when the VM resets", async () => {
    const { vm, d, bytes } = await draw({});
    vm.platform.reset();
    d.negotiate();
    d.setupQueue(0, 8, 0x8001_0000n);
    d.driverOk();
    d.chain(0, 0, [{ addr: 0x8002_0000n, len: 64, flags: DESC_F_WRITE }]);
    d.offer(0, 0);
    expect(vm.readBytes(0x8002_0000n, 64)).toEqual(bytes);
  });
});
