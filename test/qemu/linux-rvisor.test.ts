import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { Hypervisor, type Vm, type VmOptions, type BootImages } from "../../src/index.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

// Unmodified Linux 6.1 (built from Debian's linux-source-6.1 by guests/linux/build.sh) and
// Debian's OpenSBI on rvisor: the proof that the virtual platform is right.
const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const canBuild = existsSync("/usr/src/linux-source-6.1.tar.xz") && existsSync("/usr/bin/riscv64-linux-gnu-gcc");
const BANNER = "rvisor-init: hello from /init";

let image: Uint8Array;
let initrd: Uint8Array;

interface Guest {
  options: VmOptions;
  images: () => BootImages;
  /** Typed at the console once /init has started. */
  input?: string;
}

async function boot(guests: Guest[]) {
  const hv = await Hypervisor.create({ maxInsns: 2e9 });
  const consoles = guests.map(() => "");
  const at = guests.map(() => 0);
  const vms: Vm[] = guests.map((g, i) => {
    const vm = hv.createVm({
      memoryBytes: 128 << 20,
      ...g.options,
      onConsole: (b) => {
        consoles[i] += String.fromCharCode(b);
        if (!at[i] && consoles[i]!.includes(BANNER)) {
          at[i] = vm.instructions;
          if (g.input) vm.sendInput(g.input);
        }
      },
    });
    vm.boot(g.images());
    return vm;
  });
  await hv.run();
  return { hv, vms, consoles, instructionsToInit: at };
}

function expectCleanRun(vm: Vm, console: string) {
  expect(console).toContain(BANNER);
  expect(console).toMatch(/rvisor-init: sleep 5\/5: asked 20\.000 ms, took 2\d\.\d+ ms/);
  expect(console).toContain("rvisor-init: powering off");
  expect(vm.result, console.slice(-2000)).toMatchObject({ outcome: "pass" });
}

describe.skipIf(!canBuild)("Linux 6.1 and OpenSBI as guests", () => {
  beforeAll(() => {
    const dir = linuxBuildDir();
    image = readFileSync(`${dir}/Image`);
    initrd = readFileSync(`${dir}/initramfs.cpio`);
  }, LINUX_BUILD_TIMEOUT_MS);

  it.each(["", " (classic)"])("kernel mode (paravirtual)%s: boots to /init on ttyS0, interrupt-driven through the PLIC, reads input, powers off", async (classic) => {
    const { vms, consoles } = await boot([{ options: { mode: "kernel", classic: classic !== "", bootargs: "console=ttyS0" }, images: () => ({ kernel: image }), input: "hello rvisor\n" }]);
    const [vm] = vms;
    expectCleanRun(vm!, consoles[0]!);
    expect(consoles[0]).toMatch(/ttyS0 at MMIO 0x10000000 .* is a 16550A/);
    expect(consoles[0]).toContain("rvisor-init: read: hello rvisor");
    expect(vm!.stats.mmioByDevice.get("plic")).toBeGreaterThan(0);
    expect(vm!.stats.sbiCalls.get("TIME")).toBeGreaterThan(10);
    expect(vm!.stats.sbiCalls.get("SRST")).toBe(1);
  });

  it.each(["", " (classic)"])("kernel mode%s on the SBI console (hvc0, earlycon=sbi), with the initrd given separately", async (classic) => {
    const { vms, consoles } = await boot([{
      options: { mode: "kernel", classic: classic !== "", bootargs: "console=hvc0 earlycon=sbi" },
      images: () => ({ kernel: image, initrd }),
      input: "via sbi\n",
    }]);
    expectCleanRun(vms[0]!, consoles[0]!);
    expect(consoles[0]).toContain("earlycon: sbi0 at I/O port 0x0");
    expect(consoles[0]).toContain("rvisor-init: read: via sbi");
  });

  it("firmware mode (full virtualization): unmodified OpenSBI programs the virtual CLINT and boots the kernel", async () => {
    const { vms, consoles } = await boot([{ options: { mode: "firmware", bootargs: "console=ttyS0" }, images: () => ({ firmware: readFileSync(FW), kernel: image }) }]);
    expectCleanRun(vms[0]!, consoles[0]!);
    expect(consoles[0]).toMatch(/OpenSBI v1\.\d/);
    expect(vms[0]!.stats.mmioByDevice.get("clint")).toBeGreaterThan(10);
    expect(vms[0]!.stats.exits.get("hypercall")!.count).toBe(0);
  });

  it("hardware-assisted: given Sstc the kernel writes stimecmp itself, no timer exit at all", async () => {
    const { vms, consoles } = await boot([{ options: { mode: "kernel", sstc: true, bootargs: "console=ttyS0" }, images: () => ({ kernel: image }) }]);
    expectCleanRun(vms[0]!, consoles[0]!);
    expect(consoles[0]).toContain("riscv-timer: Timer interrupt in S-mode is available via sstc extension");
    expect(vms[0]!.stats.sbiCalls.get("TIME") ?? 0).toBe(0);
  });

  it("classic mode beside the assisted model on the same hart, in the three timer techniques: the same kernel, the same /init output, and only the classic VMs trap", async () => {
    // Pairs: the three timer techniques (SBI timer, Sstc, OpenSBI on the CLINT), assisted then classic.
    const guests: Guest[] = [
      ...[false, true].flatMap((sstc): Guest[] => [false, true].map((classic) => (
        { options: { name: `${classic ? "classic" : "assisted"}${sstc ? "-sstc" : ""}`, mode: "kernel", sstc, classic, bootargs: "console=ttyS0" }, images: () => ({ kernel: image }) }
      ))),
      ...[false, true].map((classic): Guest => (
        { options: { name: `${classic ? "classic" : "assisted"}-opensbi`, mode: "firmware", classic, bootargs: "console=ttyS0" }, images: () => ({ firmware: readFileSync(FW), kernel: image }) }
      )),
    ];
    const a = await boot(guests);
    for (let i = 0; i < guests.length; i++) expectCleanRun(a.vms[i]!, a.consoles[i]!);
    // Times aside (a shadow page fault is an instruction that runs again, so the classic VM's
    // clock runs a little ahead), each classic console is its assisted twin's.
    const untimed = (c: string) => c.replace(/^\[[ \d.]+\] /gm, "").replace(/\d+\.\d+ (m?s)\b/g, "T $1");
    expect(untimed(a.consoles[1]!)).toBe(untimed(a.consoles[0]!));
    expect(untimed(a.consoles[3]!)).toBe(untimed(a.consoles[2]!));
    expect(untimed(a.consoles[5]!)).toBe(untimed(a.consoles[4]!));
    for (const i of [0, 2, 4]) {
      expect(a.vms[i]!.stats.exits.get("trap")?.count ?? 0).toBe(0);
      expect(a.vms[i]!.report().virtualization).toBe("assisted");
    }
    for (const i of [1, 3, 5]) {
      const vm = a.vms[i]!;
      expect(vm.stats.exits.get("trap")?.count ?? 0).toBeGreaterThan(10_000);
      expect(vm.report().virtualization).toBe("classic");
      expect(vm.report().privileged["sret"] ?? 0).toBeGreaterThan(100);
      expect(vm.classicStats?.shadow.filled ?? 0).toBeGreaterThan(100);
    }
    // Sstc's stimecmp is a supervisor CSR: deprivileged, each write traps (and no SBI timer call).
    expect(a.vms[3]!.report().privileged["csrrw stimecmp"] ?? 0).toBeGreaterThan(10);
    expect(a.vms[3]!.stats.sbiCalls.get("TIME") ?? 0).toBe(0);
    // OpenSBI deprivileged too: its M-mode CSRs and mret are emulated, its CLINT accesses are MMIO exits.
    expect(a.vms[5]!.report().privileged["mret"] ?? 0).toBeGreaterThan(100);
    expect(a.vms[5]!.stats.mmioByDevice.get("clint") ?? 0).toBeGreaterThan(100);
    const b = await boot(guests);
    expect(b.consoles).toEqual(a.consoles);
    expect(b.hv.exitDigest).toBe(a.hv.exitDigest);
  });

  it("runs two Linux VMs and a bare-metal VM side by side, each with its own console, deterministically", async () => {
    const guests: Guest[] = [
      { options: { name: "linux-sbi", mode: "kernel", bootargs: "console=ttyS0" }, images: () => ({ kernel: image }) },
      { options: { name: "linux-opensbi", mode: "firmware", bootargs: "console=ttyS0" }, images: () => ({ firmware: readFileSync(FW), kernel: image }) },
      { options: { name: "tick-m", mode: "firmware", memoryBytes: 8 << 20 }, images: () => ({ firmware: readFileSync(new URL("../../guests/demo/tick-m.elf", import.meta.url)) }) },
    ];
    const a = await boot(guests);
    expectCleanRun(a.vms[0]!, a.consoles[0]!);
    expectCleanRun(a.vms[1]!, a.consoles[1]!);
    expect(a.consoles[2]).toMatch(/tick-m: 50 ticks/);
    expect(a.vms[2]!.result?.outcome).toBe("pass");
    const b = await boot(guests);
    expect(b.consoles).toEqual(a.consoles);
    expect(b.hv.exitDigest).toBe(a.hv.exitDigest);
  });
});
