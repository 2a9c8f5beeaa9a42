// Runs one bare-metal ELF to completion in a VM of its own: the `rvisor run program.elf` path
// and the harness of the ISA tests and benchmarks. Firmware boot: M-mode at the entry point.

import { Hypervisor } from "./hypervisor.js";
import { checkVmOptions } from "./vm-options.js";
import type { VmResult } from "./vm.js";

export interface RunElfOptions {
  /** RAM size in bytes; default 64 MiB. */
  memoryBytes?: number;
  /** Stop after this many guest instructions (outcome "max-insns"); default: no limit. */
  maxInsns?: number;
  /** Receives console bytes as they are written; they are also collected in `console`. */
  onConsole?: (byte: number) => void;
}

export interface RunElfResult extends VmResult {
  /** Failing test number of an HTIF failure (`tohost >> 1`), else 0. */
  failedTest: number;
  console: string;
  instructions: number;
}

export async function runElf(elf: Uint8Array, options: RunElfOptions = {}): Promise<RunElfResult> {
  // onConsole is called from a wrapper of ours, where the VM cannot check it.
  checkVmOptions({ onConsole: options.onConsole });
  const hv = await Hypervisor.create({ maxInsns: options.maxInsns });
  const bytes: number[] = [];
  const onConsole = options.onConsole;
  const vm = hv.createVm({
    memoryBytes: options.memoryBytes ?? 64 * 1024 * 1024,
    onConsole: (b) => {
      bytes.push(b);
      onConsole?.(b);
    },
  });
  vm.loadElf(elf);
  while (hv.runFor(1000)) {
    // Synchronous on purpose: nothing else feeds this VM; callers await the whole run.
  }
  const result = vm.result!;
  return {
    ...result,
    failedTest: result.outcome === "fail" ? result.exitCode : 0,
    console: new TextDecoder().decode(new Uint8Array(bytes)),
    instructions: vm.instructions,
  };
}
