import { describe, expect, it } from "vitest";
import type { DeviceState } from "../../src/devices/device.js";
import { FINISHER_PASS, FINISHER_RESET, TestFinisher, testFinisherNode, type FinisherCommand } from "../../src/devices/test-finisher.js";
import { DeviceError } from "../../src/errors.js";

describe("SiFive test finisher", () => {
  it("passes, fails with the code in bits 31:16, resets, and ignores anything else", () => {
    const seen: FinisherCommand[] = [];
    const f = new TestFinisher((c) => seen.push(c));
    f.write(0, 4, 0x5555n);
    f.write(0, 4, (7n << 16n) | 0x3333n);
    f.write(0, 4, 0x7777n);
    f.write(0, 4, 0x1234n);
    f.write(4, 4, 0x5555n);
    expect(seen).toEqual([{ kind: "pass" }, { kind: "fail", code: 7 }, { kind: "reset" }]);
    expect(f.read()).toBe(0n);
  });
});

describe("test finisher as a Device", () => {
  it("describes itself as QEMU virt does: a syscon labelled test, with poweroff and reboot at the root", () => {
    const node = new TestFinisher(() => {}).deviceTree();
    expect(node).toEqual(testFinisherNode());
    expect(node).toEqual({
      name: "test",
      compatible: ["sifive,test1", "sifive,test0", "syscon"],
      label: "test",
      rootNodes: [
        { name: "poweroff", properties: { compatible: "syscon-poweroff", regmap: { ref: "test" }, offset: 0, value: 0x5555 } },
        { name: "reboot", properties: { compatible: "syscon-reboot", regmap: { ref: "test" }, offset: 0, value: 0x7777 } },
      ],
    });
    // The values Linux's syscon drivers write are the finisher's own commands.
    expect(node.rootNodes!.map((n) => n.properties.value)).toEqual([FINISHER_PASS, FINISHER_RESET]);
  });

  it("holds no state: save() is empty, reset() and restore() keep it working", () => {
    const seen: FinisherCommand[] = [];
    const f = new TestFinisher((c) => seen.push(c));
    f.write(0, 4, 0x5555n);
    expect(f.save()).toEqual({});
    f.reset();
    f.restore(structuredClone(f.save()));
    f.write(0, 4, 0x5555n);
    expect(seen).toEqual([{ kind: "pass" }, { kind: "pass" }]);
  });

  it("restore() rejects anything but its own empty state", () => {
    const f = new TestFinisher(() => {});
    expect(() => f.restore(null as unknown as DeviceState)).toThrow(DeviceError);
    expect(() => f.restore([] as unknown as DeviceState)).toThrow(/device test-finisher: restore: the state must be an object as save\(\) returns it, got an array of 0/);
    expect(() => f.restore({ msip: [0] })).toThrow(/device test-finisher: restore: unknown field "msip"/);
  });
});
