// A hart's exits, one handler per reason: each reason the core returns does what it must to the
// hart and its VM, and nothing a handler runs can take down more than this VM.
import { describe, expect, it } from "vitest";
import { Hypervisor, layout as L, type VmOptions } from "../../src/index.js";
import * as rv from "../helpers/rv.js";

async function hartRunning(words: number[], options: VmOptions = {}) {
  const hv = await Hypervisor.create();
  const vm = hv.createVm({ memoryBytes: 1 << 20, ...options });
  vm.loadBytes(0x8000_0000n, rv.code(...words));
  return { hv, vm, hart: vm.harts[0]! };
}

describe("Hart exits", () => {
  it("a VM has one hart today, hart 0, whose vCPU is vm.vcpu", async () => {
    const { vm, hart } = await hartRunning([rv.WFI]);
    expect(vm.harts).toHaveLength(1);
    expect(hart.id).toBe(0);
    expect(hart.vcpu).toBe(vm.vcpu);
    expect(hart.vcpu.get(L.MHARTID)).toBe(0n);
  });

  it("mmio: the device's value lands in rd, sign-extended as the load asks; the exit is counted for the device", async () => {
    const { vm, hart } = await hartRunning([rv.lui(10, 0x10003), rv.lw(11, 10, 8), rv.WFI]);
    vm.addDevice(0x1000_3000n, { name: "dev", size: 0x100, read: () => 0x8000_0001n, write: () => {} });
    expect(hart.run(100)).toBe("mmio");
    expect(hart.lastExitDevice).toBe("dev");
    expect(vm.vcpu.x(11)).toBe(0xffff_ffff_8000_0001n);
    expect(vm.stats.mmioByDevice.get("dev")).toBe(1);
  });

  it("wfi: the hart waits, and an enabled interrupt becoming pending wakes it", async () => {
    const { vm, hart } = await hartRunning([rv.addi(5, 0, 0x800), rv.csrrw(0, 0x304, 5) /* mie.MEIE */, rv.WFI, rv.WFI]);
    expect(hart.run(100)).toBe("wfi");
    expect(hart.state).toBe("waiting");
    expect(vm.state).toBe("waiting");
    vm.plic.write(4 * 5, 4, 1n);
    vm.plic.write(0x2000, 4, BigInt(1 << 5)); // source 5 enabled in context 0 (M)
    vm.setIrq(5, true);
    expect(hart.state).toBe("running");
    expect(vm.state).toBe("running");
  });

  it("hypercall: counted by SBI extension and answered in a0/a1", async () => {
    const { vm, hart } = await hartRunning([rv.addi(17, 0, 0x10), rv.addi(16, 0, 0), rv.ECALL, rv.WFI], { mode: "kernel" });
    expect(hart.run(100)).toBe("hypercall");
    expect(vm.stats.sbiCalls.get("BASE")).toBe(1);
    expect(vm.vcpu.x(10)).toBe(0n);
    expect(vm.vcpu.x(11)).toBe(2n << 24n); // SBI v2.0
  });

  it("breakpoint (when the host asks for ebreak exits): the VM stops, naming the pc", async () => {
    const { vm, hart } = await hartRunning([rv.NOP, rv.EBREAK]);
    vm.vcpu.set(L.CONFIG, vm.vcpu.get(L.CONFIG) | BigInt(L.CONFIG_EBREAK_EXITS));
    expect(hart.run(100)).toBe("breakpoint");
    expect(vm.result).toMatchObject({ outcome: "fatal", reason: "breakpoint at pc 0x80000004" });
  });

  it("fatal: a trap with no handler to go to stops the VM with the cause", async () => {
    const { vm, hart } = await hartRunning([rv.ECALL]);
    vm.vcpu.set(L.MTVEC, 0x4000_0000n); // nothing there
    expect(hart.run(100)).toBe("fatal");
    expect(vm.result?.reason).toMatch(/^no usable trap handler: .* at pc 0x40000000/);
  });

  it("budget: a guest spinning in `j .` with every interrupt it could take disabled is stopped; one that can be interrupted is not", async () => {
    const spin = await hartRunning([rv.jal(0, 0)]);
    expect(spin.hart.run(100)).toBe("budget");
    expect(spin.vm.result?.reason).toBe("spins forever at pc 0x80000000 (a jump to itself) with every interrupt that could end it disabled");
    const open = await hartRunning([rv.addi(5, 0, 0x80), rv.csrrw(0, 0x304, 5), rv.addi(5, 0, 8), rv.csrrs(0, 0x300, 5), rv.jal(0, 0)]);
    expect(open.hart.run(100)).toBe("budget");
    expect(open.vm.state).toBe("running");
  });

  it("a device that throws while serving an exit stops this VM only, naming the device; a reset asked for in the same exit is dropped", async () => {
    const { hv, vm, hart } = await hartRunning([rv.lui(10, 0x10003), rv.sw(0, 10, 0), rv.WFI]);
    const other = hv.createVm({ memoryBytes: 1 << 20 });
    vm.addDevice(0x1000_3000n, { name: "broken", size: 0x100, read: () => 0n, write: () => { vm.platform.finisher.write(0, 4, 0x7777n); throw new Error("boom"); } });
    expect(hart.run(100)).toBe("mmio");
    expect(vm.result).toMatchObject({ outcome: "fatal", reason: "host error while handling an access to device broken: boom" });
    expect(vm.stats.reboots).toBe(0);
    expect(other.state).toBe("running");
  });
});
