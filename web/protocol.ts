// The messages between the page (main.ts) and the hypervisor's worker (worker.ts).
//
// page -> worker (Command):
//   start  { vms }          a new Hypervisor with these VMs, running at once (replaces any run)
//   pause / resume          stop / continue the slice loop; guest time stops while paused
//   step                    one scheduling step (hv.step(): one quantum or one idle step), paused
//   reset                   the same VMs again from their images, a fresh Hypervisor, running
//   input  { vm, bytes }    bytes typed at VM `vm`'s console (vm.sendInput)
//   disk   { vm, disk }     the bytes of VM `vm`'s disk `disk` as the guest left them so far
//   parallel-check          runs guests/smp/smp-m.elf (4 harts) on a parallel hypervisor of its
//                           own, two hart threads (Web Workers of this worker), and reports
//   jit-check               runs guests/smp/smp-m.elf (4 harts) with the compiling tier forced on
//                           (translate at first execution) in this worker, and reports
//
// worker -> page (Report):
//   started { vms }         the VMs as created (index = VM number in every other message), with
//                           their virtio devices and disks
//   slice   { ... }         after each time slice: console bytes per VM, timeline events
//   stats   { ... }         a counter snapshot (at most every STATS_MS, and after each command)
//   status  { status }      running | paused | done
//   step    { ... }         after a step: the VM that ran (-1: idle), its instructions, the clocks
//   memory  { buffer, ... } with cross-origin isolation: the hypervisor's shared memory and where
//                           each vCPU's state block is, so the page reads counters in place
//   disk    { vm, disk, bytes }  a copy of a disk image (answers the disk command)
//   error   { message }     a command failed (bad image, ...)
//   parallel-check { ok, console }  the parallel check's result and the guest's console
//   jit-check { ok, console, instructions, translated }  the same for the tier, with how many
//                           of the guest's instructions ran translated
//
// Clocks are the hypervisor's physical clock as numbers (nominal instructions: 100,000 per ms
// of guest time; a float64 holds them exactly for 2.8 years of guest time).

import type { VmReport } from "../src/index.js";

export type BootMode = "firmware" | "kernel";

export interface VmSpec {
  name: string;
  /** A demo guest's URL (fetched by the worker) or the image's bytes (a dropped file). */
  image: { url: string } | { bytes: ArrayBuffer };
  mode: BootMode;
  sstc: boolean;
  /** RAM in bytes; default 8 MiB for demo guests, 128 MiB for images. */
  memoryBytes?: number;
  /** virtio-blk disks over these bytes (in memory; every start and reset begins from them). */
  disks?: DiskSpec[];
  /** A virtio-rng (the host's CSPRNG) and a virtio-console (hvc0; the VM's terminal shows it). */
  rng?: boolean;
  virtioConsole?: boolean;
}

export interface DiskSpec {
  /** The file's name: the download gets it back. */
  name: string;
  bytes: ArrayBuffer;
  readonly: boolean;
}

/** A VM as the worker created it: its virtio devices (slot order) and its disks (blk order). */
export interface VmInfo {
  name: string;
  mode: BootMode;
  sstc: boolean;
  virtio: string[];
  disks: { name: string; readonly: boolean }[];
}

export type Command =
  | { type: "start"; vms: VmSpec[] }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "step" }
  | { type: "reset" }
  | { type: "input"; vm: number; bytes: Uint8Array }
  | { type: "disk"; vm: number; disk: number }
  | { type: "parallel-check" }
  | { type: "jit-check" };

/** One timeline item. `run`: VM `vm` held the physical hart from t to end. */
export type TimelineEvent =
  | { kind: "run"; t: number; end: number; vm: number }
  | { kind: "exit"; t: number; vm: number; reason: string }
  | { kind: "timer"; t: number; deadline: number | null }
  | { kind: "inject"; t: number; vm: number; count: number }
  | { kind: "notify"; t: number; vm: number; device: string; queue: number }
  | { kind: "device-error"; t: number; vm: number; device: string; reason: string };

export interface ExitSummary {
  count: number;
  total: number;
  min: number;
  avg: number;
  max: number;
}

export interface VmCounters {
  name: string;
  state: string;
  outcome?: string;
  reason?: string;
  instructions: number;
  interrupts: number;
  /** Injection latency in clock units (nominal instructions; 100 = 1 µs of guest time). */
  latency: ExitSummary;
  exits: Record<string, ExitSummary>;
  mmioByDevice: Record<string, number>;
  /** Per virtio device: its queue notifications (QueueNotify stores), interrupts raised, whether it needs a reset, its own counters. */
  virtio: VmReport["virtio"];
  /** Times a device broke on what the driver did (DEVICE_NEEDS_RESET), and the last few, with why. */
  deviceErrors: number;
  lastDeviceErrors: { device: string; reason: string }[];
}

export type RunStatus = "running" | "paused" | "done";

export type Report =
  | { type: "parallel-check"; ok: boolean; console: string }
  | { type: "jit-check"; ok: boolean; console: string; instructions: number; translated: number }
  | { type: "started"; vms: VmInfo[] }
  | { type: "slice"; clock: number; console: { vm: number; bytes: Uint8Array }[]; events: TimelineEvent[]; dropped: number }
  | { type: "stats"; clock: number; hostMs: number; exitCount: number; vms: VmCounters[] }
  | { type: "status"; status: RunStatus }
  | { type: "step"; vm: number; instructions: number; from: number; clock: number }
  | { type: "memory"; buffer: SharedArrayBuffer; blocks: number[]; retiredOffset: number }
  | { type: "disk"; vm: number; disk: number; bytes: ArrayBuffer }
  | { type: "error"; message: string };

// Clock units per millisecond of guest time, and the physical timer's "off" deadline.
export { CLOCK_PER_MS, NEVER } from "../src/time.js";
