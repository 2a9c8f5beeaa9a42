// The device tree a VM is booted with: the tree of a QEMU-`virt`-like machine that lists exactly
// the devices the VM has. Properties follow the Devicetree Specification v0.4 and the Linux
// bindings (riscv/cpus.yaml, sifive,clint0, sifive,plic-1.0.0, 8250, sifive,test1 + syscon-poweroff
// / syscon-reboot, virtio-mmio, chosen).
//
// Shape (nodes are omitted when the VM lacks the device):
//
//   / { #address-cells = 2; #size-cells = 2; compatible = "riscv-virtio"; model
//     chosen { bootargs, stdout-path, linux,initrd-start/-end (u64), rng-seed }
//     cpus { #address-cells = 1; #size-cells = 0; timebase-frequency
//       cpu@N { device_type, reg, status, compatible = "riscv", riscv,isa, mmu-type
//         interrupt-controller { compatible = "riscv,cpu-intc", #interrupt-cells = 1,
//                                #address-cells = 0, interrupt-controller, phandle } }
//       cpu-map { cluster0 { coreN { cpu = <&cpuN> } } } }
//     memory@… { device_type = "memory"; reg }
//     soc { simple-bus; ranges; children sorted by address:
//       test@100000, clint@2000000, plic@c000000, serial@10000000, virtio_mmio@10001000… }
//     poweroff { syscon-poweroff }  reboot { syscon-reboot } }
//
// Choices worth knowing:
// - The PLIC's interrupts-extended lists both contexts of every hart, M (11) then S (9), exactly
//   as the hardware numbers them (context 2h = M, 2h+1 = S). Listing only S-mode contexts makes
//   Linux enable its interrupts in the M context of the hardware, and the UART's interrupt never
//   reaches the S-mode kernel (see NOTES.md).
// - Each cpu-intc carries `#address-cells = <0>` (as the PLIC does): without it dtc warns
//   "Missing #address-cells in interrupt provider" (QEMU 7.2's own tree has that warning).
// - poweroff/reboot live at the root, as in QEMU: under the simple-bus they would need a `reg`.
// - Without a PLIC a UART is described without interrupts (Linux's 8250 then polls); virtio-mmio
//   cannot work without an interrupt, so it requires a PLIC.
// - Values are validated: overlapping regions, IRQs outside 1..riscv,ndev, a stdout-path that
//   names no node of the tree all throw.

import { FdtBuilder } from "./fdt.js";

export interface MmioRegion {
  base: bigint;
  size: bigint;
}

export interface VmDescription {
  /** Number of harts; hart ids are 0..harts-1. */
  harts: number;
  /** `riscv,isa`, e.g. "rv64imac_zicsr_zifencei_zicntr", plus "_sstc" when the VM has Sstc. */
  isa: string;
  /** `mmu-type` of every cpu node. */
  mmuType: "riscv,sv32" | "riscv,sv39" | "riscv,sv48" | "riscv,sv57" | "riscv,none";
  /** `timebase-frequency` of /cpus: the rate of mtime/time (10 MHz on QEMU virt). */
  timebaseFrequency: number;
  memory: MmioRegion;
  clint?: MmioRegion;
  /** `ndev`: number of interrupt sources (riscv,ndev); sources are 1..ndev. */
  plic?: MmioRegion & { ndev: number };
  /** ns16550a UARTs. `irq` is a PLIC source. */
  uarts: (MmioRegion & { irq: number; clockFrequency: number })[];
  /** SiFive test finisher (sifive,test1) with syscon-poweroff (0x5555) / syscon-reboot (0x7777). */
  testFinisher?: MmioRegion;
  /** virtio-mmio transports. `irq` is a PLIC source. */
  virtio: (MmioRegion & { irq: number })[];
  bootargs?: string;
  /** e.g. "/soc/serial@10000000" or "/soc/serial@10000000:115200". Must name a node of the tree. */
  stdoutPath?: string;
  /** Physical range of the initial ramdisk: linux,initrd-start / linux,initrd-end (end exclusive). */
  initrd?: { start: bigint; end: bigint };
  /** `model` of the root node. Default "riscv-virtio,rvisor". */
  model?: string;
  /** Emit /cpus/cpu-map (one cluster, one core per hart, as QEMU does). Default true. */
  cpuMap?: boolean;
  /** /chosen/rng-seed bytes for the guest's early entropy. Default none (keeps boots deterministic). */
  rngSeed?: Uint8Array;
  /** Zeroed bytes after the blob, counted in totalsize, for firmware fixups in place. Default 0. */
  extraSpace?: number;
}

export const SYSCON_POWEROFF_VALUE = 0x5555;
export const SYSCON_REBOOT_VALUE = 0x7777;

/** RISC-V local interrupt numbers used in interrupts-extended (mip bit positions). */
const IRQ_M_SOFT = 3;
const IRQ_M_TIMER = 7;
const IRQ_S_EXT = 9;
const IRQ_M_EXT = 11;

/** Unit address of a node at `base` (lowercase hex, no leading zeros, as dtc expects). */
export function unitAddress(base: bigint): string {
  return base.toString(16);
}

interface SocChild {
  name: string;
  region: MmioRegion;
  emit: (fdt: FdtBuilder) => void;
}

/** The DTB of a VM. Throws an Error when the description is inconsistent. */
export function generateDeviceTree(desc: VmDescription): Uint8Array {
  validate(desc);
  const fdt = new FdtBuilder();
  const harts = Array.from({ length: desc.harts }, (_, i) => i);
  const cpuMap = desc.cpuMap ?? true;
  const intc = (h: number): number => fdt.phandle(`cpu${h}-intc`);

  fdt.beginNode("");
  fdt.propU32("#address-cells", 2);
  fdt.propU32("#size-cells", 2);
  fdt.propString("compatible", "riscv-virtio");
  fdt.propString("model", desc.model ?? "riscv-virtio,rvisor");

  // /chosen
  fdt.beginNode("chosen");
  if (desc.bootargs !== undefined) fdt.propString("bootargs", desc.bootargs);
  if (desc.stdoutPath !== undefined) fdt.propString("stdout-path", desc.stdoutPath);
  if (desc.initrd) {
    fdt.propU64("linux,initrd-start", desc.initrd.start);
    fdt.propU64("linux,initrd-end", desc.initrd.end);
  }
  if (desc.rngSeed) fdt.propBytes("rng-seed", desc.rngSeed);
  fdt.endNode();

  // /cpus
  fdt.beginNode("cpus");
  fdt.propU32("#address-cells", 1);
  fdt.propU32("#size-cells", 0);
  fdt.propU32("timebase-frequency", desc.timebaseFrequency);
  for (const h of harts) {
    fdt.beginNode(`cpu@${h.toString(16)}`);
    if (cpuMap) fdt.propPhandle(`cpu${h}`);
    fdt.propString("device_type", "cpu");
    fdt.propU32("reg", h);
    fdt.propString("status", "okay");
    fdt.propString("compatible", "riscv");
    fdt.propString("riscv,isa", desc.isa);
    fdt.propString("mmu-type", desc.mmuType);
    fdt.beginNode("interrupt-controller");
    fdt.propString("compatible", "riscv,cpu-intc");
    fdt.propU32("#interrupt-cells", 1);
    fdt.propU32("#address-cells", 0);
    fdt.propEmpty("interrupt-controller");
    fdt.propPhandle(`cpu${h}-intc`);
    fdt.endNode();
    fdt.endNode();
  }
  if (cpuMap) {
    fdt.beginNode("cpu-map");
    fdt.beginNode("cluster0");
    for (const h of harts) {
      fdt.beginNode(`core${h}`);
      fdt.propU32("cpu", fdt.phandle(`cpu${h}`));
      fdt.endNode();
    }
    fdt.endNode();
    fdt.endNode();
  }
  fdt.endNode();

  // /memory
  fdt.beginNode(`memory@${unitAddress(desc.memory.base)}`);
  fdt.propString("device_type", "memory");
  fdt.propU64s("reg", [desc.memory.base, desc.memory.size]);
  fdt.endNode();

  // /soc
  const soc: SocChild[] = [];
  const reg = (r: MmioRegion): void => {
    fdt.propU64s("reg", [r.base, r.size]);
  };
  const plicIrq = (irq: number): void => {
    if (!desc.plic) return;
    fdt.propU32("interrupts", irq);
    fdt.propU32("interrupt-parent", fdt.phandle("plic"));
  };
  if (desc.testFinisher) {
    const t = desc.testFinisher;
    soc.push({
      name: "test",
      region: t,
      emit: () => {
        fdt.propStrings("compatible", ["sifive,test1", "sifive,test0", "syscon"]);
        reg(t);
        fdt.propPhandle("test");
      },
    });
  }
  if (desc.clint) {
    const c = desc.clint;
    soc.push({
      name: "clint",
      region: c,
      emit: () => {
        fdt.propStrings("compatible", ["sifive,clint0", "riscv,clint0"]);
        reg(c);
        fdt.propCells("interrupts-extended", harts.flatMap((h) => [intc(h), IRQ_M_SOFT, intc(h), IRQ_M_TIMER]));
      },
    });
  }
  if (desc.plic) {
    const p = desc.plic;
    soc.push({
      name: "plic",
      region: p,
      emit: () => {
        fdt.propStrings("compatible", ["sifive,plic-1.0.0", "riscv,plic0"]);
        reg(p);
        fdt.propU32("#interrupt-cells", 1);
        fdt.propU32("#address-cells", 0);
        fdt.propEmpty("interrupt-controller");
        fdt.propU32("riscv,ndev", p.ndev);
        fdt.propCells("interrupts-extended", harts.flatMap((h) => [intc(h), IRQ_M_EXT, intc(h), IRQ_S_EXT]));
        fdt.propPhandle("plic");
      },
    });
  }
  for (const u of desc.uarts) {
    soc.push({
      name: "serial",
      region: u,
      emit: () => {
        fdt.propString("compatible", "ns16550a");
        reg(u);
        fdt.propU32("clock-frequency", u.clockFrequency);
        plicIrq(u.irq);
      },
    });
  }
  for (const v of desc.virtio) {
    soc.push({
      name: "virtio_mmio",
      region: v,
      emit: () => {
        fdt.propString("compatible", "virtio,mmio");
        reg(v);
        plicIrq(v.irq);
      },
    });
  }
  soc.sort((a, b) => (a.region.base < b.region.base ? -1 : a.region.base > b.region.base ? 1 : 0));
  fdt.beginNode("soc");
  fdt.propString("compatible", "simple-bus");
  fdt.propU32("#address-cells", 2);
  fdt.propU32("#size-cells", 2);
  fdt.propEmpty("ranges");
  for (const child of soc) {
    fdt.beginNode(`${child.name}@${unitAddress(child.region.base)}`);
    child.emit(fdt);
    fdt.endNode();
  }
  fdt.endNode();

  if (desc.testFinisher) {
    for (const [name, value] of [
      ["poweroff", SYSCON_POWEROFF_VALUE],
      ["reboot", SYSCON_REBOOT_VALUE],
    ] as const) {
      fdt.beginNode(name);
      fdt.propString("compatible", `syscon-${name}`);
      fdt.propU32("regmap", fdt.phandle("test"));
      fdt.propU32("offset", 0);
      fdt.propU32("value", value);
      fdt.endNode();
    }
  }

  fdt.endNode();
  return fdt.finish({ bootCpuId: 0, memoryReservations: [], extraSpace: desc.extraSpace ?? 0 });
}

/** Paths of the nodes a description produces under /soc (for stdout-path checks and callers). */
export function socNodePaths(desc: VmDescription): string[] {
  const regions: [string, MmioRegion | undefined][] = [
    ["test", desc.testFinisher],
    ["clint", desc.clint],
    ["plic", desc.plic],
    ...desc.uarts.map((u): [string, MmioRegion] => ["serial", u]),
    ...desc.virtio.map((v): [string, MmioRegion] => ["virtio_mmio", v]),
  ];
  return regions.filter(([, r]) => r !== undefined).map(([n, r]) => `/soc/${n}@${unitAddress(r!.base)}`);
}

function validate(desc: VmDescription): void {
  const fail = (msg: string): never => {
    throw new Error(`device tree: ${msg}`);
  };
  if (!Number.isInteger(desc.harts) || desc.harts < 1 || desc.harts > 4096) fail(`harts = ${desc.harts}`);
  if (!/^rv(32|64)[a-z][a-z0-9_]*$/.test(desc.isa)) fail(`riscv,isa "${desc.isa}" is not a lowercase rv32…/rv64… string`);
  const tb = desc.timebaseFrequency;
  if (!Number.isInteger(tb) || tb <= 0 || tb > 0xffff_ffff) fail(`timebase-frequency ${tb}`);

  const regions: [string, MmioRegion][] = [["memory", desc.memory]];
  if (desc.clint) regions.push(["clint", desc.clint]);
  if (desc.plic) regions.push(["plic", desc.plic]);
  if (desc.testFinisher) regions.push(["test finisher", desc.testFinisher]);
  desc.uarts.forEach((u, i) => regions.push([`uart ${i}`, u]));
  desc.virtio.forEach((v, i) => regions.push([`virtio ${i}`, v]));
  for (const [name, r] of regions) {
    if (r.base < 0n || r.size <= 0n || r.base + r.size > 1n << 64n) fail(`${name}: bad region base ${r.base} size ${r.size}`);
  }
  const sorted = [...regions].sort(([, a], [, b]) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const [pn, p] = sorted[i - 1]!;
    const [n, r] = sorted[i]!;
    if (p.base + p.size > r.base) fail(`${n} at 0x${r.base.toString(16)} overlaps ${pn} at 0x${p.base.toString(16)}`);
  }

  if (desc.plic) {
    const nd = desc.plic.ndev;
    if (!Number.isInteger(nd) || nd < 1 || nd > 1023) fail(`riscv,ndev = ${nd} (1..1023)`);
  }
  const irqs = new Map<number, string>();
  const checkIrq = (name: string, irq: number): void => {
    if (!desc.plic) return;
    if (!Number.isInteger(irq) || irq < 1 || irq > desc.plic.ndev) fail(`${name}: irq ${irq} outside 1..${desc.plic.ndev}`);
    const other = irqs.get(irq);
    if (other !== undefined) fail(`${name} and ${other} share irq ${irq}`);
    irqs.set(irq, name);
  };
  desc.uarts.forEach((u, i) => {
    checkIrq(`uart ${i}`, u.irq);
    const f = u.clockFrequency;
    if (!Number.isInteger(f) || f <= 0 || f > 0xffff_ffff) fail(`uart ${i}: clock-frequency ${f}`);
  });
  if (desc.virtio.length > 0 && !desc.plic) fail("virtio-mmio devices need a PLIC for their interrupt");
  desc.virtio.forEach((v, i) => checkIrq(`virtio ${i}`, v.irq));

  if (desc.initrd && desc.initrd.end < desc.initrd.start) fail("initrd ends before it starts");
  if (desc.stdoutPath !== undefined) {
    const path = desc.stdoutPath.split(":")[0]!;
    if (!socNodePaths(desc).includes(path)) fail(`stdout-path "${desc.stdoutPath}" names no node of this tree`);
  }
}
