// The checks a VM's options pass before anything is built from them: each option has the type
// and range its use needs, or a VmConfigError names it (options often come from JavaScript,
// JSON or a command line, where nothing checked their types).

import { VmConfigError } from "./errors.js";
import type { VmOptions } from "./vm.js";

/** The most RAM a VM can have: 2 GiB, half the 4 GiB WebAssembly memory that holds every VM. */
export const MAX_RAM_BYTES = 2 ** 31;

/**
 * The longest kernel command line, in UTF-8 bytes: no kernel reads more (Linux's
 * COMMAND_LINE_SIZE is at most 4096 on any architecture), and the device tree holding it is
 * generated again at every reset.
 */
export const MAX_BOOTARGS_BYTES = 4096;

const oneOf = (value: unknown, allowed: readonly unknown[]) => value === undefined || allowed.includes(value);
const isA = (value: unknown, type: string) => value === undefined || typeof value === type;

export function checkVmOptions(options: VmOptions): void {
  const { name, memoryBytes, mode, sstc, onConsole, bootargs, onReset } = options;
  if (!isA(name, "string")) throw new VmConfigError(`name must be a string, got ${typeof name}`);
  if (memoryBytes !== undefined) {
    if (!Number.isInteger(memoryBytes) || memoryBytes < 4096 || memoryBytes % 4096 !== 0) {
      throw new VmConfigError(`RAM size must be a positive multiple of 4 KiB, got ${String(memoryBytes)}`);
    }
    if (memoryBytes > MAX_RAM_BYTES) throw new VmConfigError(`RAM size ${memoryBytes} exceeds the 2 GiB a VM can have`);
  }
  if (!oneOf(mode, ["firmware", "kernel"])) throw new VmConfigError(`mode must be "firmware" or "kernel", got ${String(mode)}`);
  if (!isA(sstc, "boolean")) throw new VmConfigError(`sstc must be a boolean, got ${typeof sstc}`);
  if (!isA(onConsole, "function")) throw new VmConfigError(`onConsole must be a function, got ${typeof onConsole}`);
  if (!isA(bootargs, "string")) throw new VmConfigError(`bootargs must be a string, got ${typeof bootargs}`);
  // The device tree stores the command line as a NUL-terminated string.
  if (bootargs?.includes("\0")) throw new VmConfigError("bootargs contains a NUL character, which would end the kernel command line early");
  const length = bootargs === undefined ? 0 : new TextEncoder().encode(bootargs).length;
  if (length > MAX_BOOTARGS_BYTES) throw new VmConfigError(`bootargs is ${length} bytes, longer than the ${MAX_BOOTARGS_BYTES} a kernel command line can be`);
  if (!oneOf(onReset, ["reboot", "stop"])) throw new VmConfigError(`onReset must be "reboot" or "stop", got ${String(onReset)}`);
}
