// A VM description shaped like QEMU virt (1 hart, RAM, CLINT, PLIC, one UART, test finisher) for
// device-tree tests, its /soc built from the platform devices' own nodes (deviceTree()); `over`
// replaces any field, `without` leaves platform devices out, `add` appends devices.
import { socDevice, type SocDevice, type VmDescription } from "../../src/formats/device-tree.js";
import { Clint, CLINT_BASE } from "../../src/devices/clint.js";
import type { DeviceTreeNode } from "../../src/devices/device.js";
import { Plic, PLIC_BASE } from "../../src/devices/plic.js";
import { FINISHER_BASE, TestFinisher } from "../../src/devices/test-finisher.js";
import { Uart, UART_BASE } from "../../src/devices/uart.js";

export const ISA = "rv64imac_zicsr_zifencei_zicntr";

export type PlatformDevice = "clint" | "plic" | "uart" | "test";

export interface VirtOptions extends Partial<VmDescription> {
  /** Platform devices to leave out. Without the PLIC the UART is built unwired (irq null). */
  without?: readonly PlatformDevice[];
  /** The PLIC's riscv,ndev (its sources minus the reserved id 0). Default 96. */
  ndev?: number;
  /** Devices added to the platform's. */
  add?: readonly SocDevice[];
}

/** The QEMU-virt platform devices, built as the VM builds them, each described by its own node. */
export function virtDevices(options: { harts?: number; ndev?: number; without?: readonly PlatformDevice[] } = {}): SocDevice[] {
  const harts = options.harts ?? 1;
  const without = new Set(options.without ?? []);
  const out: SocDevice[] = [];
  if (!without.has("clint")) out.push(socDevice(CLINT_BASE, new Clint(harts, { mtime: () => 0n, changed: () => {} }))!);
  if (!without.has("plic")) out.push(socDevice(PLIC_BASE, new Plic({ harts, sources: (options.ndev ?? 96) + 1 }))!);
  if (!without.has("uart")) out.push(socDevice(UART_BASE, new Uart({ irq: without.has("plic") ? null : 10 }))!);
  if (!without.has("test")) out.push(socDevice(FINISHER_BASE, new TestFinisher(() => {}))!);
  return out;
}

/** A virtio-mmio transport's node (virtio itself is a later issue: only its node here). */
export function virtioMmio(base: bigint, irq: number): SocDevice {
  const node: DeviceTreeNode = { name: "virtio_mmio", compatible: ["virtio,mmio"], interrupts: [irq] };
  return { base, size: 0x1000n, node };
}

/** `n` virtio-mmio transports from 0x1000_1000 on PLIC sources 1..n, as QEMU virt places them. */
export function virtioAt(n: number): SocDevice[] {
  return Array.from({ length: n }, (_, i) => virtioMmio(0x1000_1000n + BigInt(i) * 0x1000n, i + 1));
}

export function virt(options: VirtOptions = {}): VmDescription {
  const { without, ndev, add, ...over } = options;
  const harts = over.harts ?? 1;
  // The nodes do not depend on the devices' harts: a harts the devices cannot have (0, say) is
  // left for the generator to reject.
  const deviceHarts = Number.isInteger(harts) && harts >= 1 && harts <= 512 ? harts : 1;
  return {
    harts,
    isa: ISA,
    mmuType: "riscv,sv39",
    timebaseFrequency: 10_000_000,
    memory: { base: 0x8000_0000n, size: 128n << 20n },
    devices: [...virtDevices({ harts: deviceHarts, ndev, without }), ...(add ?? [])],
    bootargs: "console=ttyS0 earlycon=sbi",
    stdoutPath: "/soc/serial@10000000",
    ...over,
  };
}
