// Runs one bare-metal ELF to completion in a VM of its own: the `rvisor run program.elf` path
// and the harness of the ISA tests and benchmarks. Firmware boot: M-mode at the entry point.

import { Machine } from "./machine.js";
import { Vm, type VmResult } from "./vm.js";

export interface RunElfOptions {
  /** RAM size in bytes; default 64 MiB. */
  memoryBytes?: number;
  /** Stop after this many guest instructions (outcome "max-insns"); default: no limit. */
  maxInsns?: number;
  /** Receives console bytes as they are written; they are also collected in `console`. */
  onConsole?: (byte: number) => void;
  /** A machine to reuse (its memory keeps growing with every VM); default: a new one. */
  machine?: Machine;
}

export interface RunElfResult extends VmResult {
  /** Failing test number of an HTIF failure (`tohost >> 1`), else 0. */
  failedTest: number;
  console: string;
  instructions: number;
}

/** About 1 ms of guest time per slice: V8 optimizes re-entered Wasm calls, not one long call. */
export const SLICE_INSNS = 1 << 18;

export async function runElf(elf: Uint8Array, options: RunElfOptions = {}): Promise<RunElfResult> {
  const machine = options.machine ?? (await Machine.create());
  const bytes: number[] = [];
  const onConsole = options.onConsole;
  const vm = new Vm(machine, {
    memoryBytes: options.memoryBytes ?? 64 * 1024 * 1024,
    onConsole: (b) => {
      bytes.push(b);
      onConsole?.(b);
    },
  });
  vm.loadElf(elf);
  const max = options.maxInsns ?? Number.POSITIVE_INFINITY;
  while (vm.state !== "stopped") {
    const left = max - vm.instructions;
    if (left <= 0) {
      vm.stop({ outcome: "max-insns", exitCode: -1, reason: `stopped after ${vm.instructions} instructions (the limit)` });
      break;
    }
    if (vm.state === "waiting") vm.skipToWake();
    else vm.step(Math.min(SLICE_INSNS, left));
  }
  const result = vm.result!;
  return {
    ...result,
    failedTest: result.outcome === "fail" ? result.exitCode : 0,
    console: new TextDecoder().decode(new Uint8Array(bytes)),
    instructions: vm.instructions,
  };
}
