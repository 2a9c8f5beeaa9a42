// The contract between a VM's platform and a device model (as in Firecracker's bus): a device
// sees offsets into its own region only, never absolute guest addresses; it is given its
// interrupt line(s) and output sinks when it is built, describes its own device-tree node, and
// can be reset and saved/restored (snapshots).
//
// MmioDevice is what a device model of yours must have (a region and its registers); every other
// member is optional for it. The platform's own devices (CLINT, PLIC, UART, test finisher)
// implement the whole contract, `Device`.

import { DeviceError, VmConfigError } from "../errors.js";

/** A device's level-triggered interrupt output: true raises it, false lowers it. */
export type IrqLine = (level: boolean) => void;

/**
 * A device's state as save() returns it and restore() takes it back: plain data that
 * structuredClone copies (numbers, bigints, strings, booleans, arrays, Uint8Arrays, objects of
 * those), so that a snapshot can be kept, cloned, posted to a worker or written to a file.
 */
export type DeviceState = { readonly [key: string]: unknown };

/** A property value of a device-tree node (Devicetree Specification v0.4, 2.2.4). */
export type DeviceTreeValue =
  | number /* <u32> */
  | bigint /* <u64>, two cells */
  | readonly bigint[] /* <u64>s */
  | string
  | readonly string[] /* <stringlist> */
  | true /* an empty property (a flag such as interrupt-controller) */
  | { readonly ref: string } /* <phandle> of the node with that label */;

/**
 * A device's node under /soc, named `name@<base>`; the platform adds `reg` (its region). The
 * generator (src/formats/device-tree.ts) renders it and checks it against the rest of the tree.
 */
export interface DeviceTreeNode {
  /** The node name before the unit address: "serial", "virtio_mmio", "clint". */
  readonly name: string;
  readonly compatible: readonly string[];
  /** PLIC sources the device raises: `interrupts` with the PLIC as `interrupt-parent`. */
  readonly interrupts?: readonly number[];
  /**
   * Local interrupts (mip bit numbers: 3 MSI, 7 MTI, 9 SEI, 11 MEI) the device drives on every
   * hart: `interrupts-extended` = <&cpuN-intc irq> for each hart N and each irq, in that order.
   */
  readonly hartInterrupts?: readonly number[];
  /** A label other nodes refer to (`phandle`); the PLIC is "plic". */
  readonly label?: string;
  /** Any other property, rendered in this order after compatible and reg. */
  readonly properties?: Readonly<Record<string, DeviceTreeValue>>;
  /** Nodes the device adds at the root (the test finisher's syscon-poweroff and -reboot). */
  readonly rootNodes?: readonly { readonly name: string; readonly properties: Readonly<Record<string, DeviceTreeValue>> }[];
}

export interface MmioDevice {
  readonly name: string;
  /** Size of the device's region in bytes. */
  readonly size: number;
  /**
   * A guest load of `size` bytes (1, 2, 4 or 8) at `offset`; returns the value zero-extended: a
   * bigint, or a number when it is a safe integer (converted with BigInt). Anything else stops
   * the VM with a DeviceError naming the device (vm.result.error).
   */
  read(offset: number, size: number): bigint | number;
  /** A guest store of `size` bytes at `offset`. */
  write(offset: number, size: number, value: bigint): void;
  /**
   * Its device-tree node. Without it the VM describes the device as `<name>@<base>` with
   * compatible "rvisor,<name>" and its reg, so that the guest still sees the region.
   */
  deviceTree?(): DeviceTreeNode;
  /** Back to the power-on state: called when the VM reboots. */
  reset?(): void;
  /** Its state, for a snapshot. */
  save?(): DeviceState;
  /** Takes back a state save() returned (of a device built with the same options). */
  restore?(state: DeviceState): void;
}

/** The whole contract: what every platform device implements. */
export type Device = Required<MmioDevice>;

/**
 * The widest guest access. Regions are aligned to it and sized in multiples of it: the core
 * checks only an access's first byte against the region table, and an aligned access (the only
 * kind that reaches a device) then never runs past the region's end.
 */
export const MMIO_ACCESS_MAX = 8;

/**
 * Throws a VmConfigError naming the device and the problem unless `device` is a device model
 * and [base, base + size) a region the bus can map: base a bigint and size a positive integer,
 * both multiples of MMIO_ACCESS_MAX, and the region below 2^64.
 */
export function checkDeviceRegion(base: bigint, device: MmioDevice): void {
  if (typeof device !== "object" || device === null) throw new VmConfigError(`a device must be an object with name, size, read and write, got ${String(device)}`);
  const { name, size } = device;
  if (typeof name !== "string") throw new VmConfigError(`a device's name must be a string, got ${typeof name}`);
  const bad = (problem: string) => new VmConfigError(`device ${name}: ${problem}`);
  if (typeof device.read !== "function" || typeof device.write !== "function") throw bad("read and write must be functions");
  if (typeof base !== "bigint") throw bad(`its base address must be a bigint, got ${typeof base}`);
  if (base < 0n) throw bad(`its base address ${base} is negative`);
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size <= 0) throw bad(`its size must be a positive integer, got ${String(size)}`);
  const step = MMIO_ACCESS_MAX;
  if (size % step !== 0) throw bad(`its size ${size} is not a multiple of ${step} bytes`);
  if (base % BigInt(step) !== 0n) throw bad(`its base address 0x${base.toString(16)} is not a multiple of ${step}`);
  if (base + BigInt(size) > 1n << 64n) throw bad(`the region at 0x${base.toString(16)} of ${size} bytes wraps past 2^64`);
}

/** A device's read as the register value the guest loads, or a DeviceError naming the device. */
export function readDevice(device: MmioDevice, offset: number, size: number): bigint {
  const value: unknown = device.read(offset, size);
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  throw new DeviceError(`device ${device.name}: read(0x${offset.toString(16)}, ${size}) returned ${shown} (${typeof value}), not a bigint or a safe integer`);
}

export interface MappedDevice {
  readonly base: bigint;
  readonly device: MmioDevice;
}

/** Guest-physical map of a VM's devices, checked for overlaps when built. */
export class MmioBus {
  private readonly mapped: MappedDevice[] = [];

  /** Every device mapped, in the order they were added. */
  get devices(): readonly MappedDevice[] {
    return this.mapped;
  }

  add(base: bigint, device: MmioDevice): void {
    const end = base + BigInt(device.size);
    for (const d of this.mapped) {
      const dEnd = d.base + BigInt(d.device.size);
      if (base < dEnd && d.base < end) {
        throw new VmConfigError(
          `device ${device.name} at [0x${base.toString(16)}, 0x${end.toString(16)}) overlaps ${d.device.name} at [0x${d.base.toString(16)}, 0x${dEnd.toString(16)})`,
        );
      }
    }
    this.mapped.push({ base, device });
  }

  get regions(): readonly { base: bigint; size: bigint; name: string }[] {
    return this.devices.map((d) => ({ base: d.base, size: BigInt(d.device.size), name: d.device.name }));
  }

  find(addr: bigint): MappedDevice | undefined {
    return this.devices.find((d) => addr >= d.base && addr < d.base + BigInt(d.device.size));
  }
}
