// rvisor's public API.

export { runElf, SLICE_INSNS, type RunElfOptions, type RunElfResult } from "./run-elf.js";
export { Machine, type MachineOptions } from "./machine.js";
export { Vm, VmConfigError, RAM_BASE, type VmOptions, type VmResult, type VmState } from "./vm.js";
export { Vcpu, type ExitReason } from "./core/vcpu.js";
export { compileCore, instantiateCore, type Core, type CoreExports, type CoreSource } from "./core/loader.js";
export { parseElf, isElf, ElfError, type ElfImage, type ElfSegment } from "./elf.js";
export type { MmioDevice } from "./devices/device.js";
export { Clint } from "./devices/clint.js";
export * as layout from "./core/layout.js";
