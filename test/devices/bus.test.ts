import { describe, expect, it } from "vitest";
import { checkDeviceRegion, MmioBus, readDevice } from "../../src/devices/bus.js";
import type { MmioDevice } from "../../src/devices/device.js";
import { DeviceError, VmConfigError } from "../../src/errors.js";

const dev = (name: string, size = 0x100, read: MmioDevice["read"] = () => 0n): MmioDevice => ({ name, size, read, write: () => {} });

describe("MmioBus", () => {
  it("finds the device whose region holds an address, and refuses overlapping regions, naming both", () => {
    const bus = new MmioBus();
    const a = dev("a");
    bus.add(0x1000n, a);
    bus.add(0x1100n, dev("b"));
    expect(bus.find(0x10ffn)).toEqual({ base: 0x1000n, device: a });
    expect(bus.find(0x1100n)?.device.name).toBe("b");
    expect(bus.find(0x1200n)).toBeUndefined();
    expect(bus.find(0xfffn)).toBeUndefined();
    expect(() => bus.add(0x10f8n, dev("c", 8))).toThrow(new VmConfigError("device c at [0x10f8, 0x1100) overlaps a at [0x1000, 0x1100)"));
    expect(bus.devices.map((d) => d.device.name)).toEqual(["a", "b"]);
    expect(bus.regions).toEqual([{ base: 0x1000n, size: 0x100n, name: "a" }, { base: 0x1100n, size: 0x100n, name: "b" }]);
  });
});

describe("checkDeviceRegion", () => {
  it("accepts an aligned region below 2^64 and refuses anything else, naming the device and the problem", () => {
    checkDeviceRegion(0x1000n, dev("ok"));
    checkDeviceRegion((1n << 64n) - 8n, dev("last", 8));
    const bad: [bigint, MmioDevice, string][] = [
      [0x1004n, dev("d"), "device d: its base address 0x1004 is not a multiple of 8"],
      [0x1000n, dev("d", 12), "device d: its size 12 is not a multiple of 8 bytes"],
      [0x1000n, dev("d", 0), "device d: its size must be a positive integer, got 0"],
      [-8n, dev("d"), "device d: its base address -8 is negative"],
      [(1n << 64n) - 8n, dev("d", 16), "device d: the region at 0xfffffffffffffff8 of 16 bytes wraps past 2^64"],
      [0x1000n, { ...dev("d"), read: undefined } as unknown as MmioDevice, "device d: read and write must be functions"],
    ];
    for (const [base, device, message] of bad) expect(() => checkDeviceRegion(base, device), message).toThrow(new VmConfigError(message));
  });
});

describe("readDevice", () => {
  it("takes a bigint or a safe integer, and names the device, the access and the value otherwise", () => {
    expect(readDevice(dev("d", 8, () => 5), 0, 4)).toBe(5n);
    expect(readDevice(dev("d", 8, () => 5n), 0, 4)).toBe(5n);
    expect(() => readDevice(dev("d", 8, () => 0.5), 4, 2)).toThrow(new DeviceError("device d: read(0x4, 2) returned 0.5 (number), not a bigint or a safe integer"));
  });
});
