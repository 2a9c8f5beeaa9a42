// The device tree a VM is booted with: the tree of a QEMU-`virt`-like machine that lists exactly
// the devices the VM has, each as it describes itself. Properties follow the Devicetree
// Specification v0.4 and the Linux bindings (riscv/cpus.yaml, chosen; the devices' nodes follow
// theirs: sifive,clint0, sifive,plic-1.0.0, 8250, sifive,test1 + syscon-poweroff/-reboot).
//
// Shape (the /soc children and extra root nodes are the devices'; QEMU virt's shown):
//
//   / { #address-cells = 2; #size-cells = 2; compatible = "riscv-virtio"; model
//     chosen { bootargs, stdout-path, linux,initrd-start/-end (u64), rng-seed }
//     cpus { #address-cells = 1; #size-cells = 0; timebase-frequency
//       cpu@N { device_type, reg, status, compatible = "riscv", riscv,isa, mmu-type
//         interrupt-controller { compatible = "riscv,cpu-intc", #interrupt-cells = 1,
//                                #address-cells = 0, interrupt-controller, phandle } }
//       cpu-map { cluster0 { coreN { cpu = <&cpuN> } } } }
//     memory@… { device_type = "memory"; reg }
//     soc { simple-bus; ranges; the devices' nodes sorted by address:
//       test@100000, clint@2000000, plic@c000000, serial@10000000, (virtio_mmio@10001000…) }
//     the devices' root nodes: poweroff { syscon-poweroff }  reboot { syscon-reboot } }
//
// Choices worth knowing:
// - /soc's children are the devices' own nodes (DeviceTreeNode, src/devices/device.ts), rendered
//   generically in address order: `name@base`, compatible, reg, the node's other properties in
//   their order, interrupts-extended (its hart interrupts over every hart), interrupts with
//   interrupt-parent = <&plic>, phandle when labelled; the nodes' root nodes follow /soc. That
//   order reproduces, byte for byte, the tree this file wrote for QEMU virt before devices
//   described themselves (test/device-tree.test.ts keeps the hashes).
// - The PLIC is the node labelled "plic"; its riscv,ndev bounds every node's interrupts. A node
//   with PLIC interrupts in a tree without a PLIC is an error, never silently dropped: a device
//   whose interrupt output is wired to nothing describes itself without interrupts (a UART then
//   polled), and one that cannot work without it (virtio-mmio) has no such choice.
// - Each cpu-intc carries `#address-cells = <0>` (as the PLIC does): without it dtc warns
//   "Missing #address-cells in interrupt provider" (QEMU 7.2's own tree has that warning).
// - Values are validated and a VmConfigError names the problem: overlapping regions (memory
//   included), interrupts outside 1..riscv,ndev or shared by two nodes, labels used twice or
//   referred to by no node, a stdout-path that names no node of the tree.

import { FdtBuilder, checkNodeName, checkPropertyName } from "./fdt.js";
import type { DeviceTreeNode, DeviceTreeValue, MmioDevice } from "../devices/device.js";
import { VmConfigError } from "../errors.js";

export interface MmioRegion {
  base: bigint;
  size: bigint;
}

/** A device under /soc: its region and the node it describes itself with. */
export interface SocDevice extends MmioRegion {
  node: DeviceTreeNode;
}

export interface VmDescription {
  /** Number of harts; hart ids are 0..harts-1. */
  harts: number;
  /** `riscv,isa`, e.g. "rv64imafdc_zicsr_zifencei_zicntr", plus "_sstc" when the VM has Sstc. */
  isa: string;
  /** `mmu-type` of every cpu node. */
  mmuType: "riscv,sv32" | "riscv,sv39" | "riscv,sv48" | "riscv,sv57" | "riscv,none";
  /** `timebase-frequency` of /cpus: the rate of mtime/time (10 MHz on QEMU virt). */
  timebaseFrequency: number;
  memory: MmioRegion;
  /** Every device of the VM, in any order: /soc lists them by address. */
  devices: readonly SocDevice[];
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

/** The label of the interrupt controller that nodes' `interrupts` refer to. */
export const PLIC_LABEL = "plic";

/**
 * A device mapped at `base` as the tree describes it: its own node, or for a device model
 * without one, `<name>@<base>` with compatible "rvisor,<name>" so that the guest still sees
 * the region; undefined for a device that says the tree does not describe it (null).
 */
export function socDevice(base: bigint, device: MmioDevice): SocDevice | undefined {
  const own = device.deviceTree?.();
  if (own === null) return undefined;
  const node = own ?? { name: device.name, compatible: [`rvisor,${device.name}`] };
  return { base, size: BigInt(device.size), node };
}

/** Unit address of a node at `base` (lowercase hex, no leading zeros, as dtc expects). */
export function unitAddress(base: bigint): string {
  return base.toString(16);
}


/** The DTB of a VM. Throws a VmConfigError when the description is inconsistent. */
export function generateDeviceTree(desc: VmDescription): Uint8Array {
  const devices = validate(desc);
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

  // Device labels get a namespace of their own: a device labelled "cpu0" must not take a cpu's phandle.
  const phandleOf = (label: string): number => fdt.phandle(deviceLabel(label));
  const properties = (props: Readonly<Record<string, DeviceTreeValue>> | undefined): void => {
    for (const [name, value] of Object.entries(props ?? {})) renderValue(fdt, name, value, phandleOf);
  };

  // /soc
  fdt.beginNode("soc");
  fdt.propString("compatible", "simple-bus");
  fdt.propU32("#address-cells", 2);
  fdt.propU32("#size-cells", 2);
  fdt.propEmpty("ranges");
  for (const { base, size, node } of devices) {
    fdt.beginNode(`${node.name}@${unitAddress(base)}`);
    fdt.propStrings("compatible", node.compatible);
    fdt.propU64s("reg", [base, size]);
    properties(node.properties);
    const local = node.hartInterrupts ?? [];
    if (local.length > 0) fdt.propCells("interrupts-extended", harts.flatMap((h) => local.flatMap((irq) => [intc(h), irq])));
    const irqs = node.interrupts ?? [];
    if (irqs.length > 0) {
      fdt.propCells("interrupts", irqs);
      fdt.propU32("interrupt-parent", phandleOf(PLIC_LABEL));
    }
    if (node.label !== undefined) fdt.propPhandle(deviceLabel(node.label));
    fdt.endNode();
  }
  fdt.endNode();

  for (const { node } of devices) {
    for (const root of node.rootNodes ?? []) {
      fdt.beginNode(root.name);
      properties(root.properties);
      fdt.endNode();
    }
  }

  fdt.endNode();
  return fdt.finish({ bootCpuId: 0, memoryReservations: [], extraSpace: desc.extraSpace ?? 0 });
}

/** Paths of the nodes a description produces under /soc, in address order (for stdout-path checks and callers). */
export function socNodePaths(desc: VmDescription): string[] {
  return byAddress(desc.devices).map((d) => socNodePath(d));
}

const socNodePath = (d: SocDevice): string => `/soc/${d.node.name}@${unitAddress(d.base)}`;

const deviceLabel = (label: string): string => `device:${label}`;

function byAddress(devices: readonly SocDevice[]): SocDevice[] {
  return [...devices].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
}

function renderValue(fdt: FdtBuilder, name: string, value: DeviceTreeValue, phandleOf: (label: string) => number): void {
  if (value === true) fdt.propEmpty(name);
  else if (typeof value === "number") fdt.propU32(name, value);
  else if (typeof value === "bigint") fdt.propU64(name, value);
  else if (typeof value === "string") fdt.propString(name, value);
  else if (isArray(value)) {
    if (typeof value[0] === "bigint") fdt.propU64s(name, value as readonly bigint[]);
    else fdt.propStrings(name, value as readonly string[]);
  } else fdt.propU32(name, phandleOf(value.ref));
}

const isArray = (v: unknown): v is readonly unknown[] => Array.isArray(v);

/** Properties the generator writes from a node's fields: a node's `properties` may not set them. */
const GENERATED = new Set(["compatible", "reg", "interrupts", "interrupt-parent", "interrupts-extended", "phandle"]);
/** Nodes of the root the generator writes itself. */
const ROOT_NODES = ["chosen", "cpus", "soc"];

/** Checks the description; returns its devices in address order. */
function validate(desc: VmDescription): SocDevice[] {
  const fail = (msg: string): never => {
    throw new VmConfigError(`device tree: ${msg}`);
  };
  if (!Number.isInteger(desc.harts) || desc.harts < 1 || desc.harts > 4096) fail(`harts = ${desc.harts}`);
  if (!/^rv(32|64)[a-z][a-z0-9_]*$/.test(desc.isa)) fail(`riscv,isa "${desc.isa}" is not a lowercase rv32…/rv64… string`);
  const tb = desc.timebaseFrequency;
  if (!Number.isInteger(tb) || tb <= 0 || tb > 0xffff_ffff) fail(`timebase-frequency ${tb}`);
  if (!isArray(desc.devices)) fail("devices must be an array of { base, size, node }");

  const checkRegion = (what: string, r: MmioRegion): void => {
    if (typeof r.base !== "bigint" || typeof r.size !== "bigint" || r.base < 0n || r.size <= 0n || r.base + r.size > 1n << 64n) {
      fail(`${what}: bad region base ${String(r.base)} size ${String(r.size)}`);
    }
  };
  checkRegion("memory", desc.memory);
  // Each entry's shape and region before sorting them: messages name the entry as it was given.
  desc.devices.forEach((d, i) => {
    if (typeof d !== "object" || d === null || typeof d.node !== "object" || d.node === null) fail(`devices[${i}] must be { base, size, node }`);
    const name = typeof d.node.name === "string" && typeof d.base === "bigint" ? `${d.node.name}@${unitAddress(d.base)}` : `devices[${i}]`;
    checkRegion(name, d);
  });
  const devices = byAddress(desc.devices);
  const named = devices.map((d): [string, SocDevice] => [`${d.node.name}@${unitAddress(d.base)}`, d]);

  const regions: [string, MmioRegion][] = [[`memory@${unitAddress(desc.memory.base)}`, desc.memory], ...named];
  const sorted = [...regions].sort(([, a], [, b]) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const [pn, p] = sorted[i - 1]!;
    const [n, r] = sorted[i]!;
    if (p.base + p.size > r.base) fail(`${n} at 0x${r.base.toString(16)} overlaps ${pn} at 0x${p.base.toString(16)}`);
  }

  // Labels first: references may point at any node, before or after the one that refers.
  const labels = new Map<string, string>();
  for (const [name, { node }] of named) {
    if (node.label === undefined) continue;
    if (typeof node.label !== "string" || node.label === "") fail(`${name}: label must be a non-empty string`);
    const other = labels.get(node.label);
    if (other !== undefined) fail(`${name} and ${other} both have the label "${node.label}"`);
    labels.set(node.label, name);
  }

  const checkValue = (where: string, prop: string, value: DeviceTreeValue): void => {
    const bad = (why: string): never => fail(`${where}: property "${prop}" ${why}`);
    try {
      checkPropertyName(prop);
    } catch (e) {
      fail(`${where}: ${(e as Error).message}`);
    }
    if (value === true) return;
    if (typeof value === "number") {
      if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) bad(`= ${value} is not a u32`);
    } else if (typeof value === "bigint") {
      if (value < 0n || value >= 1n << 64n) bad(`= ${value} is not a u64`);
    } else if (typeof value === "string") {
      if (value.includes("\0")) bad("contains a NUL character");
    } else if (isArray(value)) {
      if (value.length === 0) bad("is an empty list (an empty property is `true`)");
      const allU64 = value.every((v) => typeof v === "bigint" && v >= 0n && v < 1n << 64n);
      const allStrings = value.every((v) => typeof v === "string" && !v.includes("\0"));
      if (!allU64 && !allStrings) bad("must be a list of u64 bigints or of strings without NUL");
    } else if (typeof value === "object" && value !== null && typeof value.ref === "string") {
      if (!labels.has(value.ref)) bad(`refers to the label "${value.ref}", which no node has`);
    } else {
      bad(`has a value of a kind a device tree cannot hold (${typeof value})`);
    }
  };
  const checkProperties = (where: string, props: unknown, reserved: ReadonlySet<string>): void => {
    if (props === undefined) return;
    if (typeof props !== "object" || props === null || isArray(props)) fail(`${where}: properties must be an object`);
    for (const [prop, value] of Object.entries(props as Record<string, DeviceTreeValue>)) {
      if (reserved.has(prop)) fail(`${where}: property "${prop}" is written from the node's fields and cannot be set in properties`);
      checkValue(where, prop, value);
    }
  };

  const plic = named.find(([, d]) => d.node.label === PLIC_LABEL);
  let ndev: number | undefined;
  if (plic !== undefined) {
    const nd = plic[1].node.properties?.["riscv,ndev"];
    if (typeof nd !== "number" || !Number.isInteger(nd) || nd < 1 || nd > 1023) fail(`${plic[0]}: the PLIC's riscv,ndev = ${String(nd)} (1..1023)`);
    ndev = nd as number;
  }

  const irqs = new Map<number, string>();
  const rootNames = new Map<string, string>(ROOT_NODES.map((n) => [n, "the generator"]));
  rootNames.set(`memory@${unitAddress(desc.memory.base)}`, "the generator");
  for (const [name, { node }] of named) {
    if (typeof node.name !== "string") fail(`${name}: the node's name must be a string`);
    try {
      checkNodeName(node.name);
    } catch (e) {
      fail(`${name}: ${(e as Error).message}`);
    }
    if (node.name.includes("@")) fail(`${name}: the node name "${node.name}" must not have a unit address (the generator adds @<base>)`);
    if (!isArray(node.compatible) || node.compatible.length === 0 || !node.compatible.every((c) => typeof c === "string" && c !== "" && !c.includes("\0"))) {
      fail(`${name}: compatible must be a non-empty list of non-empty strings`);
    }
    checkProperties(name, node.properties, GENERATED);
    for (const list of ["interrupts", "hartInterrupts", "rootNodes"] as const) {
      if (node[list] !== undefined && !isArray(node[list])) fail(`${name}: ${list} must be an array`);
    }
    for (const irq of node.hartInterrupts ?? []) {
      if (!Number.isInteger(irq) || irq < 0 || irq > 63) fail(`${name}: hart interrupt ${irq} is not a mip bit number (0..63)`);
    }
    for (const irq of node.interrupts ?? []) {
      if (ndev === undefined) fail(`${name}: its interrupts need a PLIC (a node labelled "${PLIC_LABEL}"), and the tree has none`);
      if (!Number.isInteger(irq) || irq < 1 || irq > ndev!) fail(`${name}: irq ${irq} outside 1..${ndev}`);
      const other = irqs.get(irq);
      if (other !== undefined) fail(`${other === name ? `${name} lists` : `${name} and ${other} share`} irq ${irq}${other === name ? " twice" : ""}`);
      irqs.set(irq, name);
    }
    for (const root of node.rootNodes ?? []) {
      if (typeof root !== "object" || root === null || typeof root.name !== "string") fail(`${name}: a root node must be { name, properties }`);
      const where = `${name}'s root node "${root.name}"`;
      try {
        checkNodeName(root.name);
      } catch (e) {
        fail(`${where}: ${(e as Error).message}`);
      }
      const other = rootNames.get(root.name);
      if (other !== undefined) fail(`${where}: /${root.name} is already written by ${other}`);
      rootNames.set(root.name, name);
      checkProperties(where, root.properties, new Set(["phandle"]));
    }
  }

  if (desc.initrd && desc.initrd.end < desc.initrd.start) fail("initrd ends before it starts");
  if (desc.stdoutPath !== undefined) {
    const path = desc.stdoutPath.split(":")[0]!;
    if (!devices.map(socNodePath).includes(path)) fail(`stdout-path "${desc.stdoutPath}" names no node of this tree`);
  }
  return devices;
}
