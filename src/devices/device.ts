// The contract between the MMIO bus and a device model: a device sees offsets into its own
// region only, never absolute guest addresses (as in Firecracker's bus).

import { VmConfigError } from "../errors.js";

export interface MmioDevice {
  readonly name: string;
  /** Size of the device's region in bytes. */
  readonly size: number;
  /** A guest load of `size` bytes (1, 2, 4 or 8) at `offset`; returns the value zero-extended. */
  read(offset: number, size: number): bigint;
  /** A guest store of `size` bytes at `offset`. */
  write(offset: number, size: number, value: bigint): void;
}

export interface MappedDevice {
  readonly base: bigint;
  readonly device: MmioDevice;
}

/** Guest-physical map of a VM's devices, checked for overlaps when built. */
export class MmioBus {
  private readonly devices: MappedDevice[] = [];

  add(base: bigint, device: MmioDevice): void {
    const end = base + BigInt(device.size);
    for (const d of this.devices) {
      const dEnd = d.base + BigInt(d.device.size);
      if (base < dEnd && d.base < end) {
        throw new VmConfigError(
          `device ${device.name} at [0x${base.toString(16)}, 0x${end.toString(16)}) overlaps ${d.device.name} at [0x${d.base.toString(16)}, 0x${dEnd.toString(16)})`,
        );
      }
    }
    this.devices.push({ base, device });
  }

  get regions(): readonly { base: bigint; size: bigint; name: string }[] {
    return this.devices.map((d) => ({ base: d.base, size: BigInt(d.device.size), name: d.device.name }));
  }

  find(addr: bigint): MappedDevice | undefined {
    return this.devices.find((d) => addr >= d.base && addr < d.base + BigInt(d.device.size));
  }
}
