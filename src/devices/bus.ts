// The MMIO bus: a VM's guest-physical map of device regions, the checks a region passes before
// it is mapped, and the one way a device's read becomes a register value. A device sees offsets
// into its own region only, never absolute guest addresses (as in Firecracker's bus).

import { DeviceError, VmConfigError } from "../errors.js";
import type { MmioDevice } from "./device.js";

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
