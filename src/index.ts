// rvisor's public API.

export { runElf, type RunElfOptions, type RunElfResult } from "./run-elf.js";
export { Hypervisor, DEFAULT_QUANTUM, type HypervisorOptions, type HypervisorEvent } from "./hypervisor/hypervisor.js";
export { Machine, type MachineOptions } from "./machine/machine.js";
export { Jit, JitConfigError, type JitOptions, type JitSetting, type JitStats } from "./machine/jit/jit.js";
export { Vm, VmConfigError, type VmState } from "./vm/vm.js";
export { RAM_BASE } from "./vm/ram.js";
export type { BootImages, BootMode, VirtioDeviceOptions, VmOptions, VmResult } from "./vm/options.js";
export { MemoryBlockImage, SnapshotBlockImage, SECTOR_BYTES, type BlockImage } from "./devices/virtio/block-image.js";
export { NetworkSwitch, type SwitchPort, type SwitchCounters } from "./net/switch.js";
export { VirtioMmio, VIRTIO_MMIO_BASE, VIRTIO_MMIO_IRQ, VIRTIO_MMIO_SLOT, VIRTIO_MMIO_SLOTS, type VirtioEvent } from "./devices/virtio/mmio.js";
export type { Hart, HartState, VmHost } from "./vm/hart.js";
export { formatStats, type VmReport } from "./vm/stats.js";
export { handleSbiCall, type SbiHost } from "./hypervisor/sbi.js";
export { KVM_EXIT_COSTS, NO_EXIT_COSTS, type ExitCostOption, type ExitCosts } from "./hypervisor/exit-cost.js";
export {
  virtualizabilityReport, formatVirtualizabilityReport, type VirtualizabilityReport, type VirtualizabilityRow, type VirtualizabilityOptions,
} from "./hypervisor/virtualizability.js";
export { Vcpu, type ExitReason } from "./core/vcpu.js";
export { compileCore, instantiateCore, checkCoreExports, CoreAbiError, type Core, type CoreAbi, type CoreExports, type CoreSource } from "./core/loader.js";
export { parseElf, isElf, ElfError, type ElfImage, type ElfSegment } from "./formats/elf.js";
export type { MmioDevice, Device, DeviceState, DeviceTreeNode, DeviceTreeValue, IrqLine } from "./devices/device.js";
export { Clint } from "./devices/clint.js";
export * as layout from "./core/layout.js";
export { TraceRecorder, type TraceOptions } from "./hypervisor/trace.js";
export { CLOCK_HZ, CLOCK_PER_MS, CLOCK_PER_US, INSNS_PER_TICK, NEVER, TIMEBASE_HZ } from "./time.js";
export { RvisorError, OutOfMemoryError, ArgumentError, DeviceError } from "./errors.js";
export { demoGuest, demoGuestUrl, DEMO_GUESTS, type DemoGuestName } from "./demo-guests.js";
export { ImageError } from "./vm/boot.js";
