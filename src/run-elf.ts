// Runs one ELF to completion in a VM of its own: the harness of the ISA tests and benchmarks,
// and the simplest use of the library. Firmware boot (M-mode at the entry point), or kernel boot
// (S-mode with the hypervisor's SBI) for an ELF linked where a kernel goes after its firmware.

import { bootModeOf } from "./vm/boot.js";
import { Hypervisor } from "./hypervisor/hypervisor.js";
import { checkVmOptions } from "./vm/options.js";
import type { BootMode, VmResult } from "./vm/options.js";
import type { JitSetting, JitStats } from "./machine/jit/jit.js";

export interface RunElfOptions {
  /** RAM size in bytes; default 64 MiB. */
  memoryBytes?: number;
  /** Stop after this many guest instructions (outcome "max-insns"); default: no limit. */
  maxInsns?: number;
  /** Receives console bytes as they are written; they are also collected in `console`. */
  onConsole?: (byte: number) => void;
  /**
   * firmware: M-mode at the entry point; kernel: S-mode with the hypervisor's SBI. Default:
   * kernel for an ELF whose entry is 0x8020_0000 (where a kernel goes after its firmware, as
   * OpenSBI's payloads are linked), firmware otherwise.
   */
  mode?: BootMode;
  /** Give the vCPU the Sstc extension (stimecmp). */
  sstc?: boolean;
  /** Classic (trap-and-emulate) virtualization: the kernel runs deprivileged (kernel mode only). */
  classic?: boolean;
  /** The compiling tier (MachineOptions.jit): default on; false runs the interpreter only. */
  jit?: JitSetting;
}

export interface RunElfResult extends VmResult {
  /** How the ELF was booted (given, or chosen from its entry point). */
  mode: BootMode;
  /** Failing test number of an HTIF failure (`tohost >> 1`), else 0. */
  failedTest: number;
  console: string;
  instructions: number;
  /** The compiling tier's share of the run; undefined when the tier was off. */
  jit?: {
    /** Of `instructions`, those retired in translated code (every hart's JIT_RETIRED). */
    translated: number;
    /** The tier's counters for this run (its machine ran only this VM). */
    stats: JitStats;
  };
}

export async function runElf(elf: Uint8Array, options: RunElfOptions = {}): Promise<RunElfResult> {
  // onConsole is called from a wrapper of ours, where the VM cannot check it.
  checkVmOptions({ onConsole: options.onConsole, mode: options.mode, sstc: options.sstc });
  const mode = options.mode ?? ((elf instanceof Uint8Array && bootModeOf(elf)?.mode) || "firmware");
  checkVmOptions({ mode, classic: options.classic });
  const hv = await Hypervisor.create({ maxInsns: options.maxInsns, jit: options.jit });
  const bytes: number[] = [];
  const onConsole = options.onConsole;
  const vm = hv.createVm({
    memoryBytes: options.memoryBytes ?? 64 * 1024 * 1024,
    mode,
    sstc: options.sstc,
    classic: options.classic,
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
  const run: RunElfResult = {
    ...result,
    mode,
    failedTest: result.outcome === "fail" ? result.exitCode : 0,
    console: new TextDecoder().decode(new Uint8Array(bytes)),
    instructions: vm.instructions,
  };
  const jit = hv.machine.jit;
  if (jit) run.jit = { translated: vm.translatedInstructions, stats: { ...jit.stats } };
  return run;
}
