// The virtio guests (guests/virtio, checked against QEMU in test/qemu/virtio-guests-qemu) on
// rvisor's virtio-mmio devices: blk-test.elf must pass and leave its pattern on the host's image;
// bad-queue.elf must see every hostile scenario refused with DEVICE_NEEDS_RESET and a
// configuration-change interrupt, recover after each reset, lose no acknowledged write, and
// disturb no other VM. The bench:io guests run here too (their figures come from npm run bench:io).
import { describe, expect, it } from "vitest";
import { Hypervisor, MemoryBlockImage, type HypervisorEvent, type Vm } from "../../src/index.js";
import {
  BAD_QUEUE_KNOWN_SECTOR,
  BAD_QUEUE_RECOVERY_FIRST,
  BAD_QUEUE_SCENARIOS,
  SECTOR,
  benchText,
  diskWith,
  hex16,
  patternSector,
  sameBytes,
  sectorOf,
  virtioGuest,
} from "../helpers/virtio-guests.js";

const HEAD = "rvisor virtio 0!";

interface Guest {
  vm: Vm;
  out: () => string;
}

function blkGuest(hv: Hypervisor, name: string, elf: string, image: MemoryBlockImage, before: "rng"[] = []): Guest {
  let out = "";
  const virtio = [...before.map((type) => ({ type })), { type: "blk" as const, image }];
  const vm = hv.createVm({ name, mode: "firmware", virtio, onConsole: (b) => (out += String.fromCharCode(b)) });
  vm.loadElf(virtioGuest(elf));
  return { vm, out: () => out };
}

describe("blk-test.elf on rvisor's virtio-blk", () => {
  it("passes, printing the host's sector 0, and leaves sectors 32-48 as the pattern (nothing else written)", async () => {
    const bytes = diskWith(1 << 20, HEAD);
    const image = new MemoryBlockImage(bytes.slice());
    const hv = await Hypervisor.create();
    const g = blkGuest(hv, "blk", "blk-test.elf", image);
    await hv.run();
    const out = g.out();
    expect(g.vm.result, out).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(out).toMatch(/^blk-test: virtio-blk in slot 0, capacity 2048 sectors, 16-entry queue/m);
    expect(out).toContain(`blk-test: sector 0: ${hex16(bytes)}\n`);
    expect(out).toContain("blk-test: interrupt status 0x1 after a completion, 0x0 after InterruptACK\n");
    expect(out).toContain("blk-test: read past the end: status 1, unknown request type: status 2\n");
    // Normal descriptors followed by one indirect one: a device MUST take it (2.7.5.3.2); QEMU 7.2 does not.
    expect(out).toContain("blk-test: header direct, data and status indirect: served\n");
    expect(out).toMatch(/blk-test: PASS\n$/);
    const after = new Uint8Array(SECTOR * 2048);
    image.read(0, after);
    for (let s = 32; s <= 48; s++) expect(sectorOf(after, s), `sector ${s}`).toEqual(patternSector(s));
    expect(after.subarray(0, 32 * SECTOR)).toEqual(bytes.subarray(0, 32 * SECTOR));
    expect(after.subarray(49 * SECTOR).every((b) => b === 0)).toBe(true);
  });

  it("finds the disk behind another device and, read-only, gets IOERR for its write; the image is untouched", async () => {
    const bytes = diskWith(1 << 20, HEAD);
    const image = new MemoryBlockImage(bytes.slice(), { readonly: true });
    const hv = await Hypervisor.create();
    const g = blkGuest(hv, "ro", "blk-test.elf", image, ["rng"]);
    await hv.run();
    const out = g.out();
    expect(g.vm.result, out).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(out).toMatch(/^blk-test: virtio-blk in slot 1, capacity 2048 sectors, 16-entry queue, read-only/m);
    expect(out).toContain("blk-test: read-only device: write status 1\n");
    expect(out).not.toContain("wrote sectors");
    expect(sameBytes(image.bytes, bytes)).toBe(true);
  });
});

describe("bad-queue.elf on rvisor's virtio-blk", () => {
  it("sees every hostile scenario refused, recovers, loses no acknowledged write, and a VM beside it finishes normally", async () => {
    const hostile = new MemoryBlockImage(diskWith(1 << 20, HEAD));
    const neighbour = new MemoryBlockImage(diskWith(1 << 20, HEAD));
    const events: HypervisorEvent[] = [];
    const hv = await Hypervisor.create({ onEvent: (e) => events.push(e) });
    const bad = blkGuest(hv, "bad", "bad-queue.elf", hostile);
    const good = blkGuest(hv, "good", "blk-test.elf", neighbour);
    await hv.run();
    const out = bad.out();
    const lines = out.split("\n").filter((l) => /^bad-queue: \([a-g]\)/.test(l));
    expect(lines, out).toHaveLength(BAD_QUEUE_SCENARIOS);
    for (const l of lines) expect(l).toMatch(/: needs reset( \(before DRIVER_OK\))?, (no )?config interrupt, recovered$/);
    for (const l of lines.filter((l) => !l.includes("before DRIVER_OK"))) expect(l).toContain("needs reset, config interrupt, recovered");
    expect(bad.vm.result, out).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(out).toMatch(/bad-queue: PASS\n$/);
    const after = new Uint8Array(1 << 20);
    hostile.read(0, after);
    expect(sectorOf(after, BAD_QUEUE_KNOWN_SECTOR)).toEqual(patternSector(BAD_QUEUE_KNOWN_SECTOR));
    for (let k = 0; k < BAD_QUEUE_SCENARIOS; k++) {
      const s = BAD_QUEUE_RECOVERY_FIRST + k;
      expect(sectorOf(after, s), `sector ${s}`).toEqual(patternSector(s));
    }
    // Scenario (a) pointed a read at the UART: no DMA reached it.
    expect(out).not.toContain("\0");
    // One device error per scenario, all of the hostile VM (the first created).
    const errors = events.filter((e) => e.type === "device-error");
    expect(errors).toHaveLength(BAD_QUEUE_SCENARIOS);
    expect(errors.every((e) => e.vm === 0)).toBe(true);
    expect(good.vm.result, good.out()).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(good.out()).toMatch(/blk-test: PASS\n$/);
    for (let s = 32; s <= 48; s++) expect(sectorOf(neighbour.bytes, s), `neighbour sector ${s}`).toEqual(patternSector(s));
  });
});

describe("bench:io guests on rvisor", () => {
  it("io-console.elf sends its 1 MiB of text through virtio-console to the VM's console", async () => {
    const hv = await Hypervisor.create();
    const bytes: number[] = [];
    const vm = hv.createVm({ name: "con", mode: "firmware", virtio: [{ type: "console" }], onConsole: (b) => bytes.push(b) });
    vm.loadElf(virtioGuest("io-console.elf"));
    await hv.run();
    const out = Buffer.from(bytes).toString("latin1");
    expect(vm.result, out.slice(-300)).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(out === `${benchText()}io-console: 1048576 bytes through virtio-console port 0 in 256 buffers of 4096\n`).toBe(true);
  });

  it("io-blk.elf writes 16 MiB, stamps every sector, reads it back", async () => {
    const image = new MemoryBlockImage(new Uint8Array(16 << 20));
    const hv = await Hypervisor.create();
    const g = blkGuest(hv, "blk", "io-blk.elf", image);
    await hv.run();
    expect(g.vm.result, g.out()).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(g.out()).toBe("io-blk: wrote 16 MiB in 256 requests of 64 KiB, read it back: sector stamps ok\n");
    const view = new DataView(image.bytes.buffer);
    for (let s = 0; s < (16 << 20) / SECTOR; s += 97) expect(view.getBigUint64(s * SECTOR, true)).toBe(BigInt(s));
  });
});
