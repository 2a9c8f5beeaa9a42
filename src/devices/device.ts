// The contract between a VM's platform and a device model (as in Firecracker's bus): a device
// sees offsets into its own region only, never absolute guest addresses; it is given its
// interrupt line(s) and output sinks when it is built, describes its own device-tree node, and
// can be reset and saved/restored (snapshots).
//
// MmioDevice is what a device model of yours must have (a region and its registers); every other
// member is optional for it. The platform's own devices (CLINT, PLIC, UART, test finisher)
// implement the whole contract, `Device`. The bus that maps them is src/devices/bus.ts.

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
   * Its device-tree node, or null for a region the tree does not describe (QEMU virt's empty
   * virtio slots). Without the method the VM describes the device as `<name>@<base>` with
   * compatible "rvisor,<name>" and its reg, so that the guest still sees the region.
   */
  deviceTree?(): DeviceTreeNode | null;
  /** Back to the power-on state: called when the VM reboots. */
  reset?(): void;
  /** Its state, for a snapshot. */
  save?(): DeviceState;
  /** Takes back a state save() returned (of a device built with the same options). */
  restore?(state: DeviceState): void;
}

/** The whole contract: what every platform device implements. */
export type Device = Required<MmioDevice>;
