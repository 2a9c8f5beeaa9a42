import { describe, expect, it } from "vitest";
import { Hypervisor } from "../../../src/index.js";
import { DESC_F_WRITE, TestDriver } from "../../helpers/virtio-driver.js";

async function console0() {
  const hv = await Hypervisor.create();
  const out: number[] = [];
  const vm = hv.createVm({ memoryBytes: 1 << 20, virtio: [{ type: "console" }], onConsole: (b) => out.push(b) });
  const d = new TestDriver(vm);
  d.negotiate();
  d.setupQueue(0, 8, 0x8001_0000n);
  d.setupQueue(1, 8, 0x8002_0000n);
  d.driverOk();
  return { vm, d, out };
}

describe("virtio-console", () => {
  it("sends what the guest transmits to the VM's console, a buffer per notification", async () => {
    const { vm, d, out } = await console0();
    vm.loadBytes(0x8003_0000n, new TextEncoder().encode("hello, "));
    vm.loadBytes(0x8003_1000n, new TextEncoder().encode("hvc0\n"));
    d.chain(1, 0, [{ addr: 0x8003_0000n, len: 7 }, { addr: 0x8003_1000n, len: 5 }]);
    d.offer(1, 0);
    expect(new TextDecoder().decode(Uint8Array.from(out))).toBe("hello, hvc0\n");
    expect(d.takeUsed(1)).toEqual([{ id: 0, len: 0 }]);
  });

  it("holds typed input until the driver posts receive buffers, then fills them in order", async () => {
    const { vm, d } = await console0();
    vm.sendInput("typed early");
    expect(vm.console.pending).toBe(11);
    d.chain(0, 0, [{ addr: 0x8004_0000n, len: 5, flags: DESC_F_WRITE }]);
    d.offer(0, 0);
    expect(d.takeUsed(0)).toEqual([{ id: 0, len: 5 }]);
    d.chain(0, 1, [{ addr: 0x8004_1000n, len: 64, flags: DESC_F_WRITE }]);
    d.offer(0, 1);
    expect(d.takeUsed(0)).toEqual([{ id: 1, len: 6 }]);
    expect(new TextDecoder().decode(vm.readBytes(0x8004_0000n, 5)) + new TextDecoder().decode(vm.readBytes(0x8004_1000n, 6))).toBe("typed early");
    // Input typed while buffers wait goes straight in.
    d.chain(0, 2, [{ addr: 0x8004_2000n, len: 64, flags: DESC_F_WRITE }]);
    d.offer(0, 2);
    vm.sendInput("now");
    expect(d.takeUsed(0)).toEqual([{ id: 2, len: 3 }]);
  });
});
