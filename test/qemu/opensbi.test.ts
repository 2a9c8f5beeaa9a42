import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { Hypervisor } from "../../src/index.js";

// Unmodified OpenSBI (Debian's opensbi package) as a firmware-mode guest: it programs the VM's
// CLINT with plain stores, each an MMIO exit the hypervisor emulates, and boots an S-mode kernel.
const FW_DIR = "/usr/lib/riscv64-linux-gnu/opensbi/generic";
const demo = (f: string) => readFileSync(new URL(`../../guests/demo/${f}`, import.meta.url));
const haveOpenSbi = existsSync(`${FW_DIR}/fw_jump.bin`);

async function bootOpenSbi(firmware: string, kernel: string, sstc: boolean) {
  const hv = await Hypervisor.create({ maxInsns: 200e6 });
  const out: number[] = [];
  const vm = hv.createVm({ name: "opensbi", mode: "firmware", sstc, memoryBytes: 128 << 20, onConsole: (b) => out.push(b) });
  vm.boot({ firmware: readFileSync(`${FW_DIR}/${firmware}`), kernel: demo(kernel) });
  await hv.run();
  return { vm, console: new TextDecoder().decode(new Uint8Array(out)) };
}

describe.skipIf(!haveOpenSbi)("OpenSBI (Debian) in a firmware-mode VM", () => {
  it("fw_jump boots an S-mode kernel whose SBI timer OpenSBI runs on the virtual CLINT", async () => {
    const { vm, console } = await bootOpenSbi("fw_jump.bin", "tick-s.elf", false);
    expect(console).toMatch(/OpenSBI v\d/);
    expect(console).toMatch(/Platform Timer Device\s+: aclint-mtimer @ 10000000Hz/);
    expect(console).toMatch(/Domain0 Next Address\s+: 0x0000000080200000/);
    expect(console).toMatch(/tick-s: 50 ticks, .*timer sbi/);
    expect(vm.result).toMatchObject({ outcome: "pass" });
    // Trap-and-emulate: OpenSBI's every mtimecmp store left the guest.
    expect(vm.stats.mmioByDevice.get("clint")).toBeGreaterThanOrEqual(50);
    expect(vm.stats.interrupts).toBe(50);
  });

  it("fw_dynamic finds the next stage in a2 and, given Sstc, leaves the timer to the kernel", async () => {
    const { vm, console } = await bootOpenSbi("fw_dynamic.bin", "tick-sstc.elf", true);
    expect(console).toMatch(/Boot HART ISA Extensions\s+: time,sstc/);
    expect(console).toMatch(/tick-sstc: 50 ticks, .*timer sstc/);
    expect(vm.result).toMatchObject({ outcome: "pass" });
    expect(vm.stats.mmioByDevice.get("clint") ?? 0).toBeLessThan(10);
  });
});
