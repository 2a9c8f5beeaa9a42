// The virtqueue fuzzer: a hostile driver (from the host side, as the guest's MMIO exits would
// reach the devices) that mostly follows the initialization sequence but places queues, writes
// descriptors, indirect tables and ring indices from a pool of edge values: RAM edges, device
// space, the neighbouring VM's addresses, wrapping lengths, loops. The oracle: every byte of the
// machine's memory outside the fuzzed VM's RAM stays as it was (the neighbour's RAM, every vCPU
// block, the core's tables); nothing but a typed RvisorError leaves the API; no operation takes
// long; and the run reaches both ends (requests completed and devices put in DEVICE_NEEDS_RESET),
// or it proves nothing. `npm run fuzz:virtio` runs long (FUZZ_LONG=1); FUZZ_SEED reproduces.

import { describe, expect, it } from "vitest";
import { Hypervisor, MemoryBlockImage, RvisorError, type HypervisorEvent } from "../../src/index.js";
import { REG } from "../../src/devices/virtio/mmio.js";
import { DESC_F_INDIRECT, DESC_F_NEXT, DESC_F_WRITE, TestDriver } from "../helpers/virtio-driver.js";
import { prng, type Rng } from "../helpers/prng.js";

const LONG = process.env.FUZZ_LONG === "1";
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? (LONG ? 300 : 20));
const OPS = 200;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 0x7fff_ffff);
const RAM = 0x8000_0000n;
const RAM_BYTES = 256 * 1024;
const END = RAM + BigInt(RAM_BYTES);
/** Host time one operation may take: the device bounds its work per notification. */
const OP_MS = 1000;


/** Guest addresses worth aiming at. */
function address(rng: Rng): bigint {
  return rng.pick([
    () => RAM + BigInt(rng.below(RAM_BYTES) & ~15),
    () => RAM + BigInt(rng.below(RAM_BYTES)),
    () => rng.pick([RAM, RAM - 16n, END - 16n, END - 1n, END, END + 0x1000n, 0n, 0x1000_0000n, 0x1000_1000n, 2n ** 64n - 16n, 2n ** 32n, 2n ** 63n]),
    () => (BigInt(rng.u32()) << 32n) | BigInt(rng.u32()),
  ])();
}

function length(rng: Rng): number {
  return rng.pick([() => rng.below(64), () => rng.below(8192), () => rng.pick([0, 1, 16, 511, 512, 4096, RAM_BYTES, 0xffff_ffff, 0x8000_0000]), () => rng.u32()])();
}

interface Tally { rounds: number; ops: number; used: number; resets: number; typed: number; skipped: number; slowest: number }

async function round(seed: number, tally: Tally, plant?: (hv: Hypervisor) => void): Promise<string[]> {
  const rng = prng(seed);
  const problems: string[] = [];
  let resets = 0;
  const hv = await Hypervisor.create({ onEvent: (e: HypervisorEvent) => void (e.type === "device-error" && resets++) });
  const lan = hv.networkSwitch("lan");
  const vm = hv.createVm({
    memoryBytes: RAM_BYTES,
    virtio: [
      { type: "blk", image: new MemoryBlockImage(new Uint8Array(64 * 1024)) },
      { type: "net", switch: lan },
      { type: "console" },
      { type: "rng" },
    ],
  });
  const neighbour = hv.createVm({ memoryBytes: RAM_BYTES, virtio: [{ type: "net", switch: lan }] });
  neighbour.loadBytes(RAM, new Uint8Array(RAM_BYTES).map((_, i) => (i * 31) & 0xff));
  // The neighbour's device is live with receive buffers, so frames cross between the VMs.
  const peer = new TestDriver(neighbour);
  peer.negotiate();
  peer.setupQueue(0, 8, RAM + 0x1000n);
  peer.setupQueue(1, 8, RAM + 0x4000n);
  peer.driverOk();
  for (let i = 0; i < 8; i++) peer.chain(0, i, [{ addr: RAM + 0x1_0000n + BigInt(i * 0x800), len: 0x800, flags: DESC_F_WRITE }]);
  for (let i = 0; i < 8; i++) peer.offer(0, i, i === 7);
  const mem = hv.machine.mem;
  const guarded = () => {
    const bytes = mem.bytes;
    return [bytes.slice(0, vm.ramHost), bytes.slice(vm.ramHost + RAM_BYTES)];
  };
  const [lowBefore, highBefore] = guarded();
  const drivers = [0, 1, 2, 3].map((slot) => new TestDriver(vm, slot));
  const hostPort = lan.attach(() => {}, "host");
  // Used buffers the devices returned with an interrupt: requests served to the end.
  const completed = () => vm.platform.virtio.reduce((n, d) => n + d.counters.interrupts, 0);

  for (let op = 0; op < OPS; op++) {
    const d = rng.pick(drivers);
    const t0 = performance.now();
    try {
      switch (rng.below(8)) {
        case 0: { // an honest start, with queues at hostile places now and then
          d.negotiate();
          const queues = d === drivers[0] || d === drivers[3] ? 1 : 2;
          for (let q = 0; q < queues; q++) {
            const size = rng.chance(0.8) ? rng.pick([4, 8, 16]) : rng.pick([0, 3, 1024, 65535]);
            const at = RAM + BigInt(0x1000 * rng.below(RAM_BYTES / 0x1000 - 2));
            d.setupQueue(q, size, at, rng.chance(0.2) ? { desc: address(rng), avail: address(rng), used: address(rng) } : undefined);
          }
          d.driverOk();
          break;
        }
        case 1: case 2: case 3: { // a request: a chain of random descriptors, maybe through an indirect table
          const q = rng.pick([...d.queues.keys(), 0]);
          const queue = d.queues.get(q);
          if (queue === undefined || queue.size === 0 || queue.size > 256) break;
          const n = 1 + rng.below(Math.min(6, queue.size));
          const head = rng.below(queue.size);
          const inRam = (len: number) => RAM + BigInt(rng.below(RAM_BYTES - len) & ~15);
          // Half the time a request the device could serve (a block request's header, data and
          // status; one buffer for the others), so that the run also goes deep into the devices.
          const plausible = d === drivers[0]
            ? [{ addr: inRam(16), len: 16, flags: 0 }, { addr: inRam(4096), len: 512 * (1 + rng.below(8)), flags: rng.pick([0, DESC_F_WRITE]) }, { addr: inRam(1), len: 1, flags: DESC_F_WRITE }]
            : [{ addr: inRam(2048), len: 1 + rng.below(2048), flags: q === 0 || d === drivers[3] ? DESC_F_WRITE : 0 }];
          const descs = rng.chance(0.5) && plausible.length <= queue.size
            ? plausible
            : Array.from({ length: n }, () => ({
                addr: address(rng),
                len: length(rng),
                flags: rng.chance(0.85) ? (rng.chance(0.5) ? DESC_F_WRITE : 0) : rng.below(8),
              }));
          if (rng.chance(0.2)) {
            const table = RAM + BigInt(rng.below(RAM_BYTES - 256) & ~15);
            const m = descs.length;
            descs.forEach((x, i) => d.writeDesc(table, i, { ...x, flags: x.flags | (i < m - 1 ? DESC_F_NEXT : 0), next: rng.chance(0.9) ? i + 1 : rng.below(m + 2) }));
            d.chain(q, head, [{ addr: rng.chance(0.8) ? table : address(rng), len: rng.chance(0.8) ? 16 * m : length(rng), flags: DESC_F_INDIRECT }]);
          } else {
            d.chain(q, head, descs.map((x, i) => ({ ...x, flags: x.flags | (i < descs.length - 1 ? DESC_F_NEXT : 0), ...(rng.chance(0.1) ? { next: rng.below(queue.size + 4) } : {}) })));
          }
          d.offer(q, head);
          break;
        }
        case 4: { // a ring index out of step
          const queue = d.queues.get(rng.pick([...d.queues.keys(), 0]));
          if (queue === undefined || !vm.platform.ram.contains(queue.avail, 4)) break;
          d.u16(queue.avail + 2n, rng.below(65536));
          d.write(REG.QueueNotify, rng.below(3));
          break;
        }
        case 5: // any register, any value
          d.write(rng.pick(Object.values(REG)) + (rng.chance(0.1) ? rng.below(8) : 0), rng.u32(), rng.pick([1, 2, 4, 8]));
          break;
        case 6: // reads have no side effects but must answer
          d.read(rng.pick(Object.values(REG)), rng.pick([1, 2, 4, 8]));
          break;
        case 7: // input and frames from outside
          if (rng.chance(0.5)) vm.sendInput("x".repeat(rng.below(100)));
          else hostPort.send(new Uint8Array(14 + rng.below(2000)).fill(0xff)); // broadcast: to both VMs
          break;
      }
    } catch (e) {
      if (e instanceof RvisorError) tally.typed++;
      // The harness itself writing a ring it placed outside RAM (Ram.write refuses): not the device's doing.
      else if (e instanceof RangeError && /is not in RAM/.test(e.message) && (e.stack ?? "").includes("virtio-driver")) tally.skipped++;
      else problems.push(`op ${op}: untyped error ${(e as Error)?.stack ?? String(e)}`);
    }
    const ms = performance.now() - t0;
    tally.slowest = Math.max(tally.slowest, ms);
    if (ms > OP_MS) problems.push(`op ${op} took ${ms.toFixed(0)} ms`);
    tally.ops++;
  }
  plant?.(hv);
  const [lowAfter, highAfter] = guarded();
  const firstDiff = (a: Uint8Array, b: Uint8Array, base: number) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return base + i;
    return -1;
  };
  // The neighbour's receive buffers may hold frames now: its RAM is the neighbour's own to change
  // through its device; everything else must be exactly as it was.
  const neighbourRam = [neighbour.ramHost, neighbour.ramHost + RAM_BYTES] as const;
  const mask = (bytes: Uint8Array, base: number, into: Uint8Array) => {
    for (let a = Math.max(neighbourRam[0], base); a < Math.min(neighbourRam[1], base + bytes.length); a++) bytes[a - base] = into[a - base]!;
  };
  mask(lowAfter!, 0, lowBefore!);
  mask(highAfter!, vm.ramHost + RAM_BYTES, highBefore!);
  const low = firstDiff(lowBefore!, lowAfter!, 0);
  const high = firstDiff(highBefore!, highAfter!, vm.ramHost + RAM_BYTES);
  if (low >= 0 || high >= 0) problems.push(`memory outside the fuzzed VM's RAM changed at 0x${Math.max(low, high).toString(16)}`);
  if (vm.result?.error !== undefined) problems.push(`the VM stopped on a host error: ${vm.result.reason}`);
  tally.used += completed();
  tally.resets += resets;
  tally.rounds++;
  return problems;
}

describe("virtqueue fuzzer", () => {
  it("catches a planted escape (oracle self-test)", async () => {
    const tally: Tally = { rounds: 0, ops: 0, used: 0, resets: 0, typed: 0, skipped: 0, slowest: 0 };
    const problems = await round(SEED, tally, (hv) => void (hv.vms[1]!.vcpu.pc = 0x8000_1234n));
    expect(problems.join("\n")).toMatch(/memory outside the fuzzed VM's RAM changed/);
  });

  it(`finds no escape, untyped error or stall (seed ${SEED}, ${ROUNDS} rounds of ${OPS} operations)`, { timeout: ROUNDS * 20_000 }, async () => {
    const tally: Tally = { rounds: 0, ops: 0, used: 0, resets: 0, typed: 0, skipped: 0, slowest: 0 };
    const report: string[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      const seed = (SEED + k * 0x9e37_79b9) >>> 0;
      for (const p of await round(seed, tally)) report.push(`round seed ${seed}: ${p}`);
    }
    console.log(`virtqueue fuzzer: seed ${SEED}, ${tally.rounds} rounds, ${tally.ops} operations, ${tally.used} used-buffer interrupts, ${tally.resets} device resets, ${tally.typed} typed errors, slowest operation ${tally.slowest.toFixed(1)} ms`);
    expect(report, `reproduce with FUZZ_SEED=${SEED}`).toEqual([]);
    expect(tally.used, "no request was ever completed").toBeGreaterThan(0);
    expect(tally.resets, "no device was ever put in DEVICE_NEEDS_RESET").toBeGreaterThan(0);
  });
});
