// rvisor's public API.

export { runElf, type RunElfOptions, type RunElfResult } from "./run-elf.js";
export { Hypervisor, DEFAULT_QUANTUM, type HypervisorOptions, type HypervisorEvent } from "./hypervisor.js";
export { Machine, type MachineOptions } from "./machine.js";
export { Vm, VmConfigError, RAM_BASE, type BootMode, type VmOptions, type VmResult, type VmState } from "./vm.js";
export { formatStats, type VmReport } from "./stats.js";
export { handleSbiCall, type SbiHost } from "./sbi.js";
export { Vcpu, type ExitReason } from "./core/vcpu.js";
export { compileCore, instantiateCore, type Core, type CoreExports, type CoreSource } from "./core/loader.js";
export { parseElf, isElf, ElfError, type ElfImage, type ElfSegment } from "./elf.js";
export type { MmioDevice } from "./devices/device.js";
export { Clint } from "./devices/clint.js";
export * as layout from "./core/layout.js";
export { TraceRecorder, type TraceOptions } from "./trace.js";
export type { BootImages } from "./vm.js";
export { RvisorError, OutOfMemoryError, ArgumentError, DeviceError } from "./errors.js";
export { demoGuest, demoGuestUrl, DEMO_GUESTS, type DemoGuestName } from "./demo-guests.js";
export { ImageError } from "./boot.js";
