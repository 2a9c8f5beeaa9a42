// The exit cost model (DESIGN.md "Time"): what the hypervisor's own work on an exit costs the
// guest, in guest cycles (clock units of the nominal 100 MHz clock, 10 ns each), charged to the
// physical clock. Without it every technique looks free: an exit takes no guest time at all,
// so trap-and-emulate, paravirtual and hardware-assisted timers differ only in exit counts. With
// it the guest sees time pass while the hypervisor works, its timers come due after fewer of its
// instructions, and the other VMs sharing the physical hart see the time go too.
//
// When a cost is charged (src/hypervisor/hypervisor.ts):
//   mmio, hypercall, watch, breakpoint, fatal, trap   right after the exit is handled
//   wfi        when the hart is next entered (its wake-up): on KVM the way out of a wfi exit
//              overlaps time the guest has nothing to do, while the way back in (the vCPU thread
//              woken, the interrupt injected, the guest entered) stands between the timer's
//              deadline and the guest's handler, so the injection latency includes it
//   budget     only when the run ended at the physical timer (a virtual timer's deadline or the
//              scheduler's tick: KVM's host timer interrupt that exits the guest), never at the
//              interpreter's own slicing of a run (MAX_SLICE, --max-insns), which KVM does not have
//
// Cycles, not time: the measurements below count CPU cycles on a ~2.4 GHz machine that retires
// about one instruction per cycle, and one clock unit here is one nominal guest instruction. So
// a measured cycle is charged as one clock unit: the exit costs the guest the instructions it
// could have retired meanwhile, the ratio of exit cost to guest work the measured machine has.
// Converting by wall time instead (cycles / 2.4 GHz, then 10 ns per unit) would make every exit
// 24 times cheaper relative to the guest's work than on the machine measured, because our
// nominal machine is 24 times slower.
//
// The "kvm" figures: Dall, Li, Lim, Nieh, Koloventzos, "ARM Virtualization: Performance and
// Architectural Implications", ISCA 2016, Table III (microbenchmark cycle counts), x86 KVM
// column, measured on an HP Moonshot m710 (Intel Xeon E3, Haswell). UNVERIFIED: the figures are
// as we recall them from that table; the paper's text could not be retrieved from this workspace
// to check them (only its abstract could), so check them against the table before relying on
// them, and correct them here and in README.md if they differ.
//   hypercall   1,300   "Hypercall": a null hypercall's round trip, VM -> hypervisor -> VM. KVM
//                       RISC-V serves SBI calls (set_timer among them) in the kernel like this.
//   mmio        2,384   "Interrupt Controller Trap": a trapped access to a device that KVM
//                       emulates in the kernel, round trip. Our MMIO default is the in-kernel
//                       figure because the MMIO exits the timer techniques differ by are CLINT
//                       accesses, an interrupt controller, which KVM serves in the kernel (the
//                       APIC timer on x86, the in-kernel interrupt controllers on ARM and
//                       RISC-V). A device served in user space (QEMU's UART) costs several times
//                       more: the exit continues to the VMM process and back (we have no
//                       verified figure for it); give { mmio: N } to model that.
//   watch       2,384   HTIF's tohost store: a trapped store to an emulated device, as mmio.
//   wfi         1,300   the round trip of a trap the hypervisor serves without emulating
//                       anything, the hypercall's: no row of the table measures a wake from wfi.
//   breakpoint  1,300   as wfi; the VM stops, so only the other VMs see it.
//   fatal       1,300   as breakpoint.
//   trap        1,300   classic mode: a privileged instruction or fault of the deprivileged guest,
//                       emulated or reflected by the hypervisor: a trap into the hypervisor and
//                       back, the hypercall's round trip (the emulation itself is a few dozen
//                       instructions, small beside the world switch).
//   budget          0   our slicing, not the guest's doing: KVM measures guest-caused exits, and
//                       a tickless host (nohz_full) gives a running guest no timer exits at all.
//                       Give { budget: N } to charge the host timer interrupt (see above).

import type { ExitReason } from "../core/vcpu.js";
import { describeValue, VmConfigError } from "../errors.js";
import { EXIT_REASONS } from "../vm/stats.js";

/** Guest cycles (clock units) each exit reason costs. */
export type ExitCosts = Readonly<Record<ExitReason, number>>;

/**
 * What Hypervisor.create({ exitCost }) takes: 0 (none, the default: the pure instruction clock),
 * a number N (N cycles for every guest-caused exit: all but budget), "kvm" (KVM_EXIT_COSTS), or
 * cycles per reason (reasons not named cost 0).
 */
export type ExitCostOption = number | "kvm" | Partial<Record<ExitReason, number>>;

/** No cost for any exit: the clock counts guest instructions and skipped idle time only. */
export const NO_EXIT_COSTS: ExitCosts = Object.freeze(Object.fromEntries(EXIT_REASONS.map((r) => [r, 0])) as Record<ExitReason, number>);

/** KVM on x86 as measured by Dall et al., ISCA 2016, Table III (see the top of this file; unverified). */
export const KVM_EXIT_COSTS: ExitCosts = Object.freeze({
  budget: 0,
  mmio: 2_384,
  hypercall: 1_300,
  wfi: 1_300,
  breakpoint: 1_300,
  watch: 2_384,
  fatal: 1_300,
  trap: 1_300,
});

const isCycles = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n) && n >= 0;

/** The costs an exitCost option asks for; a VmConfigError names what is wrong with it. */
export function resolveExitCosts(option: unknown): ExitCosts {
  if (option === undefined || option === 0) return NO_EXIT_COSTS;
  if (option === "kvm") return KVM_EXIT_COSTS;
  if (typeof option === "number") {
    if (!isCycles(option)) throw new VmConfigError(`exitCost must be a non-negative whole number of guest cycles, "kvm" or cycles per exit reason, got ${option}`);
    return Object.freeze({ ...NO_EXIT_COSTS, ...Object.fromEntries(EXIT_REASONS.filter((r) => r !== "budget").map((r) => [r, option])) });
  }
  if (typeof option !== "object" || option === null || Array.isArray(option)) {
    throw new VmConfigError(`exitCost must be 0, a number of guest cycles, "kvm" or cycles per exit reason, got ${describeValue(option)}`);
  }
  const costs: Record<ExitReason, number> = { ...NO_EXIT_COSTS };
  for (const [reason, cycles] of Object.entries(option)) {
    if (!(EXIT_REASONS as readonly string[]).includes(reason)) {
      throw new VmConfigError(`exitCost: unknown exit reason ${JSON.stringify(reason)} (the reasons are ${EXIT_REASONS.join(", ")})`);
    }
    if (cycles === undefined) continue;
    if (!isCycles(cycles)) throw new VmConfigError(`exitCost.${reason} must be a non-negative whole number of guest cycles, got ${String(cycles)}`);
    costs[reason as ExitReason] = cycles;
  }
  return Object.freeze(costs);
}

/** True when no exit costs anything (the pure instruction clock). */
export function isFree(costs: ExitCosts): boolean {
  return EXIT_REASONS.every((r) => costs[r] === 0);
}
