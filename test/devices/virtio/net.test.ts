import { describe, expect, it } from "vitest";
import { Hypervisor } from "../../../src/index.js";
import { REG } from "../../../src/devices/virtio/mmio.js";
import { NET_HDR_BYTES, VIRTIO_NET_F_MAC } from "../../../src/devices/virtio/net.js";
import { DESC_F_WRITE, TestDriver } from "../../helpers/virtio-driver.js";

const RX_QUEUE = 0x8001_0000n;
const TX_QUEUE = 0x8002_0000n;
const RX_BUF = 0x8003_0000n;
const TX_BUF = 0x8004_0000n;

function frame(to: number[], from: number[], payload: string): Uint8Array {
  return Uint8Array.from([...to, ...from, 0x08, 0x00, ...new TextEncoder().encode(payload)]);
}

async function twoVms() {
  const hv = await Hypervisor.create();
  const lan = hv.networkSwitch("lan");
  const vms = [0, 1].map((i) => hv.createVm({ name: `vm${i}`, memoryBytes: 1 << 20, virtio: [{ type: "net", switch: lan }] }));
  const drivers = vms.map((vm) => {
    const d = new TestDriver(vm);
    d.negotiate();
    d.setupQueue(0, 8, RX_QUEUE);
    d.setupQueue(1, 8, TX_QUEUE);
    d.driverOk();
    return d;
  });
  const mac = (d: TestDriver) => Array.from({ length: 6 }, (_, i) => Number(d.read(REG.Config + i, 1)));
  const post = (d: TestDriver, i: number, len = 2048) => {
    d.chain(0, i, [{ addr: RX_BUF + BigInt(0x1000 * i), len, flags: DESC_F_WRITE }]);
    d.offer(0, i);
  };
  const send = (d: TestDriver, i: number, f: Uint8Array) => {
    d.vm.loadBytes(TX_BUF, new Uint8Array(NET_HDR_BYTES));
    d.vm.loadBytes(TX_BUF + BigInt(NET_HDR_BYTES), f);
    d.chain(1, i, [{ addr: TX_BUF, len: NET_HDR_BYTES + f.length }]);
    d.offer(1, i);
  };
  return { hv, lan, vms, drivers, mac, post, send };
}

describe("virtio-net", () => {
  it("gives each port on a switch its own MAC address (QEMU's 52:54:00:12:34:56 onwards)", async () => {
    const { drivers, mac } = await twoVms();
    expect(drivers[0]!.deviceFeatures() & VIRTIO_NET_F_MAC).toBe(VIRTIO_NET_F_MAC);
    expect(mac(drivers[0]!)).toEqual([0x52, 0x54, 0x00, 0x12, 0x34, 0x56]);
    expect(mac(drivers[1]!)).toEqual([0x52, 0x54, 0x00, 0x12, 0x34, 0x57]);
  });

  it("carries a frame from one VM to the other: a header with num_buffers 1, then the frame, and an interrupt", async () => {
    const { drivers, mac, post, send } = await twoVms();
    const [a, b] = drivers as [TestDriver, TestDriver];
    post(b, 0);
    const f = frame([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], mac(a), "hello over the switch");
    send(a, 0, f);
    expect(a.takeUsed(1)).toEqual([{ id: 0, len: 0 }]);
    expect(b.ack() & 1).toBe(1);
    const used = b.takeUsed(0);
    expect(used).toEqual([{ id: 0, len: NET_HDR_BYTES + f.length }]);
    const got = b.vm.readBytes(RX_BUF, NET_HDR_BYTES + f.length);
    expect(got[10]).toBe(1);
    expect(got.subarray(NET_HDR_BYTES)).toEqual(f);
  });

  it("drops a frame when the receiver posted no buffer, or one too small, and counts it", async () => {
    const { vms, drivers, mac, post, send } = await twoVms();
    const [a, b] = drivers as [TestDriver, TestDriver];
    const f = frame(mac(b), mac(a), "x".repeat(100));
    send(a, 0, f);
    post(b, 0, 64);
    send(a, 1, f);
    expect(b.takeUsed(0)).toEqual([{ id: 0, len: 0 }]);
    const net = vms[1]!.platform.virtio[0]!.backend as unknown as { counters: { rxDropped: number } };
    expect(net.counters.rxDropped).toBe(2);
  });

  it("lets the embedder attach its own port: frames both ways", async () => {
    const { lan, drivers, mac, post, send } = await twoVms();
    const [a] = drivers as [TestDriver];
    const seen: Uint8Array[] = [];
    const port = lan.attach((f) => seen.push(f.slice()), "host");
    send(a, 0, frame([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], mac(a), "to everyone"));
    expect(seen).toHaveLength(1);
    post(a, 0);
    port.send(frame(mac(a), [0x02, 0, 0, 0, 0, 1], "from the host"));
    expect(a.takeUsed(0)).toHaveLength(1);
  });
});
