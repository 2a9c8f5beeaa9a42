// The Linux guest's virtio tests (guests/linux/virtio-test.c, run by /init for `rvisor_test=`) on
// rvisor's virtio-mmio devices: the scenarios test/qemu/linux-virtio-qemu.test.ts runs on QEMU
// (test/helpers/linux-virtio.ts), here in the three timer modes:
//   kernel mode (the hypervisor's SBI, timer through SBI TIME), kernel mode with Sstc (the kernel
//   writes stimecmp) and firmware mode (Debian's OpenSBI on the virtual CLINT).
//   blk      an ext2 disk (a MemoryBlockImage over the bytes mke2fs wrote, written back to the file
//            afterwards for debugfs and e2fsck), in all three modes;
//   udp      two VMs on one network switch, an echo server and a client timing 20 round trips, in
//            all three modes, and twice in kernel mode: the same consoles and exit digest;
//   hwrng    virtio-rng: the same seed gives the same bytes, another seed other bytes;
//   console  a virtio console (hvc1: hvc0 is the SBI console): a line each way;
// plus a boot with all four devices and no `rvisor_test`: /init's usual program.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Hypervisor, MemoryBlockImage, type BootImages, type Vm, type VmOptions } from "../../src/index.js";
import { hasE2fsprogs } from "../helpers/ext2.js";
import {
  blkDisk,
  CONSOLE_FROM_GUEST,
  CONSOLE_FROM_HOST,
  expectBlk,
  expectConsole,
  expectHwrng,
  expectUdp,
  testBootargs,
} from "../helpers/linux-virtio.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const canBuild = existsSync("/usr/src/linux-source-6.1.tar.xz") && existsSync("/usr/bin/riscv64-linux-gnu-gcc");

let kernel: Uint8Array;

interface Guest {
  /** The VM's options; the network switches belong to the hypervisor, hence the function. */
  options: (hv: Hypervisor) => VmOptions;
  /** Called with the VM and its console so far at every console newline. */
  onLine?: (vm: Vm, console: string) => void;
}

interface Mode {
  name: string;
  options: VmOptions;
  images: () => BootImages;
}

const MODES: Mode[] = [
  { name: "kernel mode (SBI timer)", options: { mode: "kernel" }, images: () => ({ kernel }) },
  { name: "kernel mode with Sstc", options: { mode: "kernel", sstc: true }, images: () => ({ kernel }) },
  { name: "firmware mode (OpenSBI)", options: { mode: "firmware" }, images: () => ({ firmware: readFileSync(FW), kernel }) },
  { name: "classic mode (SBI timer)", options: { mode: "kernel", classic: true }, images: () => ({ kernel }) },
  { name: "classic mode with Sstc", options: { mode: "kernel", classic: true, sstc: true }, images: () => ({ kernel }) },
  { name: "classic firmware mode (OpenSBI)", options: { mode: "firmware", classic: true }, images: () => ({ firmware: readFileSync(FW), kernel }) },
];
const KERNEL_MODE = MODES[0]!;

/** Boots the guests in one hypervisor (deterministic time) until every VM has stopped. */
async function boot(mode: Mode, guests: Guest[]) {
  const hv = await Hypervisor.create({ maxInsns: 5e9 });
  const consoles = guests.map(() => "");
  const vms: Vm[] = guests.map((g, i) => {
    const vm = hv.createVm({
      memoryBytes: 128 << 20,
      ...mode.options,
      ...g.options(hv),
      onConsole: (b) => {
        consoles[i] += String.fromCharCode(b);
        if (b === 10) g.onLine?.(vm, consoles[i]!);
      },
    });
    vm.boot(mode.images());
    return vm;
  });
  const t0 = performance.now();
  await hv.run();
  const ms = performance.now() - t0;
  for (const [i, vm] of vms.entries()) expect(vm.result, consoles[i]!.slice(-3000)).toMatchObject({ outcome: "pass" });
  return { hv, vms, consoles, ms };
}

function report(what: string, r: { vms: Vm[]; ms: number }, extra = ""): void {
  const insns = r.vms.map((vm) => `${(vm.instructions / 1e6).toFixed(1)} M`).join(" + ");
  console.log(`linux-virtio ${what}: ${insns} instructions, ${r.ms.toFixed(0)} ms host time${extra}`);
}

/** The UDP pair on switch "lan": the server first (slot 0 of each VM is its virtio-net). */
const udpGuests = (): Guest[] => [
  { options: (hv) => ({ name: "server", bootargs: testBootargs("console=ttyS0", "udp-server"), virtio: [{ type: "net", switch: hv.networkSwitch("lan"), mac: "52:54:00:12:34:01" }] }) },
  { options: (hv) => ({ name: "client", bootargs: testBootargs("console=ttyS0", "udp-client"), virtio: [{ type: "net", switch: hv.networkSwitch("lan"), mac: "52:54:00:12:34:02" }] }) },
];

describe.skipIf(!canBuild || !hasE2fsprogs)("The Linux guest's virtio tests on rvisor", () => {
  beforeAll(() => {
    const dir = linuxBuildDir();
    kernel = readFileSync(join(dir, "Image"));
  }, LINUX_BUILD_TIMEOUT_MS);

  for (const mode of MODES) {
    it(`blk, ${mode.name}: reads the host's files from an ext2 disk, writes its own; the disk is clean afterwards`, async () => {
      const disk = blkDisk();
      const bytes = readFileSync(disk);
      const r = await boot(mode, [{ options: () => ({ bootargs: testBootargs("console=ttyS0", "blk"), virtio: [{ type: "blk", image: new MemoryBlockImage(bytes) }] }) }]);
      report(`blk, ${mode.name}`, r);
      writeFileSync(disk, bytes);
      expectBlk(r.consoles[0]!, disk);
      expect(r.consoles[0]).toContain("virtio_blk virtio0: [vda] 16384 512-byte logical blocks (8.39 MB/8.00 MiB)");
    });
  }

  for (const mode of MODES) {
    it(`udp, ${mode.name}: two VMs on one switch, an echo server and a client timing 20 round trips`, async () => {
      const r = await boot(mode, udpGuests());
      const rtt = expectUdp(r.consoles[1]!, r.consoles[0]!);
      report(`udp, ${mode.name}`, r, `; rtt min ${rtt.min} µs, avg ${rtt.avg} µs, max ${rtt.max} µs, ${rtt.resent} resent (guest time)`);
      expect(rtt.resent).toBe(0); // the switch delivers synchronously: nothing is lost
    });
  }

  it("udp, kernel mode, twice: the same consoles and exit digest (the switch is deterministic)", async () => {
    const a = await boot(KERNEL_MODE, udpGuests());
    const b = await boot(KERNEL_MODE, udpGuests());
    expect(b.consoles).toEqual(a.consoles);
    expect(b.hv.exitDigest).toBe(a.hv.exitDigest);
  });

  it("hwrng, kernel mode: 64 bytes from virtio-rng, the same for the same seed, others for another seed", async () => {
    const hwrng = async (seed: number) => {
      const r = await boot(KERNEL_MODE, [{ options: () => ({ bootargs: testBootargs("console=ttyS0", "hwrng"), virtio: [{ type: "rng", seed }] }) }]);
      return expectHwrng(r.consoles[0]!);
    };
    const a = await hwrng(1);
    expect(await hwrng(1)).toBe(a);
    expect(await hwrng(2)).not.toBe(a);
  });

  it("console, kernel mode: a line each way on a virtio console (/dev/hvc1)", async () => {
    let answered = false;
    const r = await boot(KERNEL_MODE, [{
      options: () => ({ bootargs: testBootargs("console=ttyS0", "console", "rvisor_timeout_ms=20000"), virtio: [{ type: "console" }] }),
      onLine: (vm, text) => {
        if (!answered && text.includes(`${CONSOLE_FROM_GUEST}\r\n`)) {
          answered = true;
          vm.sendInput(`${CONSOLE_FROM_HOST}\n`);
        }
      },
    }]);
    // hvc1's output shares the VM's console with ttyS0: the guest's line, and the tty's echo of ours
    expect(r.consoles[0]).toContain(`${CONSOLE_FROM_GUEST}\r\n`);
    expect(r.consoles[0]).toContain(`${CONSOLE_FROM_HOST}\r\n`);
    expectConsole(r.consoles[0]!);
  });

  it("kernel mode, all four devices and no rvisor_test: /init runs its usual program", async () => {
    const bytes = readFileSync(blkDisk());
    const r = await boot(KERNEL_MODE, [{
      options: (hv) => ({
        bootargs: "console=ttyS0 rvisor_userland=skip",
        virtio: [{ type: "blk", image: new MemoryBlockImage(bytes) }, { type: "rng" }, { type: "net", switch: hv.networkSwitch("lan") }, { type: "console" }],
      }),
    }]);
    const text = r.consoles[0]!.replace(/\r/g, "");
    expect(text).toContain("rvisor-init: sleep 5/5: asked 20.000 ms");
    expect(text).toContain("rvisor-init: no input (waited 200 ms)");
    expect(text).toMatch(/rvisor-init: userland: AT_HWCAP [a-z]+, skipped \(rvisor_userland=skip\)/);
    expect(text).toContain("rvisor-init: powering off");
    expect(text).not.toContain("virtio-test");
    expect(text).toMatch(/virtio_blk virtio\d: \[vda\] 16384 512-byte logical blocks/);
  });
});
