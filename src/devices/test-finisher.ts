// SiFive test finisher ("sifive,test0"/"sifive,test1", QEMU virt at 0x0010_0000): one register
// that ends the machine. Linux's syscon-poweroff and syscon-reboot drivers write it too.
//
//   offset  size  register
//   0x0     4     command: bits 15:0 = 0x5555 pass (power off), 0x3333 fail with
//                 exit code bits 31:16, 0x7777 reset; anything else is ignored
//
// It holds no state: the register is write-only and each write acts at once.

import type { Device, DeviceState, DeviceTreeNode } from "./device.js";
import { StateReader } from "./device-state.js";

export const FINISHER_BASE = 0x0010_0000n;
export const FINISHER_SIZE = 0x1000;
export const FINISHER_PASS = 0x5555;
export const FINISHER_FAIL = 0x3333;
export const FINISHER_RESET = 0x7777;

/**
 * The finisher's node as QEMU virt describes it: a syscon (labelled "test") that Linux's
 * syscon-poweroff and syscon-reboot drivers write their values to. Those two nodes sit at the
 * root, as in QEMU: under the simple-bus they would need a `reg`.
 */
export function testFinisherNode(): DeviceTreeNode {
  const syscon = (name: string, value: number) => ({
    name,
    properties: { compatible: `syscon-${name}`, regmap: { ref: "test" }, offset: 0, value },
  });
  return {
    name: "test",
    compatible: ["sifive,test1", "sifive,test0", "syscon"],
    label: "test",
    rootNodes: [syscon("poweroff", FINISHER_PASS), syscon("reboot", FINISHER_RESET)],
  };
}

export type FinisherCommand = { kind: "pass" } | { kind: "fail"; code: number } | { kind: "reset" };

export class TestFinisher implements Device {
  readonly name = "test-finisher";
  readonly size = FINISHER_SIZE;
  private readonly onCommand: (command: FinisherCommand) => void;

  constructor(onCommand: (command: FinisherCommand) => void) {
    this.onCommand = onCommand;
  }

  deviceTree(): DeviceTreeNode {
    return testFinisherNode();
  }

  reset(): void {}

  save(): DeviceState {
    return {};
  }

  restore(state: DeviceState): void {
    new StateReader(this.name, state).done();
  }

  read(): bigint {
    return 0n;
  }

  write(offset: number, _size: number, value: bigint): void {
    if (offset !== 0) return;
    const v = Number(value & 0xffff_ffffn);
    switch (v & 0xffff) {
      case FINISHER_PASS:
        return this.onCommand({ kind: "pass" });
      case FINISHER_FAIL:
        return this.onCommand({ kind: "fail", code: v >>> 16 });
      case FINISHER_RESET:
        return this.onCommand({ kind: "reset" });
    }
  }
}
