import { describe, expect, it } from "vitest";
import { Hypervisor, VmConfigError, type VmOptions } from "../../src/index.js";

describe("VM options", () => {
  it("refuses each malformed option with a VmConfigError naming it, before anything is built", async () => {
    const hv = await Hypervisor.create();
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ memoryBytes: NaN }, /RAM size must be a positive multiple of 4 KiB, got NaN/],
      [{ memoryBytes: -4096 }, /RAM size/],
      [{ memoryBytes: 4096.5 }, /RAM size/],
      [{ memoryBytes: "1M" }, /RAM size must be a positive multiple of 4 KiB, got 1M/],
      [{ memoryBytes: 2 ** 32 }, /exceeds the 2 GiB/],
      [{ mode: "hypervisor" }, /mode must be "firmware" or "kernel", got hypervisor/],
      [{ sstc: "yes" }, /sstc must be a boolean/],
      [{ name: 42 }, /name must be a string/],
      [{ onConsole: "stdout" }, /onConsole must be a function/],
      [{ bootargs: 7 }, /bootargs must be a string/],
      [{ bootargs: "console=ttyS0\0init=/bin/sh" }, /bootargs contains a NUL character/],
      [{ onReset: "halt" }, /onReset must be "reboot" or "stop"/],
      [{ bootargs: "é".repeat(2049) }, /bootargs is 4098 bytes, longer than the 4096 a kernel command line can be/],
    ];
    for (const [options, message] of refused) {
      expect(() => hv.createVm(options as VmOptions), JSON.stringify(options)).toThrow(VmConfigError);
      expect(() => hv.createVm(options as VmOptions)).toThrow(message);
    }
    expect(hv.vms).toHaveLength(0);
    hv.createVm({ memoryBytes: 4096, bootargs: "console=hvc0 ünïcode", mode: "kernel", sstc: true, onReset: "stop" });
    hv.createVm({ memoryBytes: 4096, bootargs: "x".repeat(4096) });
  });
});
