// A VM description shaped like QEMU virt (1 hart, RAM, CLINT, PLIC, one UART, test finisher) for
// device-tree tests; `over` replaces any field.
import type { VmDescription } from "../../src/device-tree.js";

export const ISA = "rv64imac_zicsr_zifencei_zicntr";

export function virt(over: Partial<VmDescription> = {}): VmDescription {
  return {
    harts: 1,
    isa: ISA,
    mmuType: "riscv,sv39",
    timebaseFrequency: 10_000_000,
    memory: { base: 0x8000_0000n, size: 128n << 20n },
    clint: { base: 0x200_0000n, size: 0x1_0000n },
    plic: { base: 0xc00_0000n, size: 0x60_0000n, ndev: 96 },
    uarts: [{ base: 0x1000_0000n, size: 0x100n, irq: 10, clockFrequency: 3_686_400 }],
    testFinisher: { base: 0x10_0000n, size: 0x1000n },
    virtio: [],
    bootargs: "console=ttyS0 earlycon=sbi",
    stdoutPath: "/soc/serial@10000000",
    ...over,
  };
}
