// One hart of a VM: its vCPU (the state block the core runs), its virtual timers, and the
// handling of every exit its runs end with, one place per reason. The closed set of reasons is
// the core's (src/core/vcpu.ts ExitReason), like Firecracker's VcpuExit:
//
//   budget      the slice ended: nothing to do, unless the guest spins where nothing can stop it
//   mmio        a load or store to a device region: the platform's bus serves it
//   hypercall   an SBI ecall from S-mode (kernel boot): the hypervisor's SBI implementation
//   wfi         the hart waits for an interrupt: it idles until one is pending
//   watch       a store to HTIF's tohost: the HTIF host serves it
//   breakpoint  an ebreak the host asked to see: the VM stops
//   fatal       the guest has no working trap handler: the VM stops
//   trap        classic mode: the deprivileged guest trapped; the hypervisor emulates the
//               privileged instruction or delivers the trap (src/hypervisor/classic.ts)
//
// The hart acts on its VM through HartVm: stopping it, resetting it, its platform and console.

import * as L from "../core/layout.js";
import { MSTATUS_SIE, PRIV_S } from "../core/privileged.js";
import { MIP_SSIP, Vcpu, type ExitReason } from "../core/vcpu.js";
import type { Htif } from "../devices/htif.js";
import type { VirtioEvent } from "../devices/virtio/mmio.js";
import { messageOf } from "../errors.js";
import { ClassicCpu, SHADOW_POOL_PAGES, type ClassicHart } from "../hypervisor/classic.js";
import { handleSbiCall, HSM_STARTED, HSM_STOPPED, HSM_SUSPENDED, sbiExtensionName, type ResetKind, type SbiHost } from "../hypervisor/sbi.js";
import { ShadowMmu } from "../hypervisor/shadow-mmu.js";
import { causeName } from "../core/trap-names.js";
import type { ConsoleBackend } from "./console.js";
import type { VmResult } from "./options.js";
import type { Platform } from "./platform.js";
import type { VmStats } from "./stats.js";
import { HartTimers } from "./timers.js";

/** Where a VM's time comes from: the hypervisor's physical clock. */
export interface VmHost {
  /** Guest time follows the host's (real-time mode): an unseeded virtio-rng draws from the host. */
  readonly realtime?: boolean;
  /** The physical clock now, in nominal instruction units. */
  now(): bigint;
  /** The vCPU ran up to `clock`: devices serving its exit must see that time, not the slice's start. */
  ranTo?(clock: bigint): void;
  /** A virtual timer deadline changed: the physical timer may need reprogramming. */
  timersChanged(): void;
  /** The guest's handler took a timer interrupt `latency` clock units after its deadline. */
  interruptTaken?(latency: number, clock: bigint): void;
  /** Something from outside the guest (input, an IRQ line, a hold released, a stop) may wake a VM. */
  inputChanged?(): void;
  /** Another hart's IPI woke `hart` from wfi: it should run soon (wake-up preemption). */
  woke?(hart: Hart): void;
  /** Parallel mode: returns once `hart` is not running on a hart thread (its run ended and its exit was handled). */
  settle?(hart: Hart): void;
  /** A virtio device of the VM was notified, or needs a reset (traces). */
  deviceEvent?(event: VirtioEvent): void;
}

/** What a hart's exits act on: its VM. */
export interface HartVm {
  readonly platform: Platform;
  readonly console: ConsoleBackend;
  readonly stats: VmStats;
  readonly host: VmHost;
  /** Every hart of the VM, by hart id (SBI IPIs, remote fences and HSM act across them). */
  readonly harts: readonly Hart[];
  /** HTIF, when the booted ELF has a tohost symbol. */
  htif(): Htif | undefined;
  stop(result: VmResult): void;
  /** The guest asked for a reset: it happens once the exit is handled (exitHandled). */
  requestReset(why: string): void;
  /** Every exit, once handled: devices carry on work left for later, a reset the guest asked for happens. */
  exitHandled(): void;
  /** Handling the exit failed: a reset it asked for is dropped. */
  exitFailed(): void;
  /** A hart waits for an interrupt: input held for the guest may be delivered now. */
  idled(): void;

}

/**
 * running: it has work; waiting: it executed wfi (or an SBI retentive suspend) and no enabled
 * interrupt is pending; stopped: powered off by SBI HSM (kernel boot's secondary harts until
 * hart_start, and a hart after hart_stop), it runs only when another hart starts it.
 */
export type HartState = "running" | "waiting" | "stopped";

export class Hart implements SbiHost, ClassicHart {
  readonly id: number;
  readonly vcpu: Vcpu;
  readonly timers: HartTimers;
  /** The guest has Sstc. */
  readonly sstc: boolean;
  /** Classic mode: the guest's supervisor state, kept by the hypervisor (undefined: assisted). */
  readonly classic: ClassicCpu | undefined;
  state: HartState = "running";
  /** It waits in an SBI hart_suspend (HSM reports SUSPENDED), not in wfi. */
  suspended = false;
  /** Host milliseconds the last run spent in guest code, and the handling of its exit took. */
  lastRunMs = 0;
  lastExitMs = 0;
  /** The device an MMIO exit went to (for traces). */
  lastExitDevice: string | undefined;
  /**
   * Set while the vCPU runs on a hart thread (parallel mode): asks that run to end soon. Its
   * block is the thread's then: the hypervisor defers what it would write there (an IPI's SSIP)
   * until the run ends (applyDeferred), and waits for it to end where it must (a remote fence).
   */
  kick: (() => void) | undefined;
  private deferredIpi = false;
  /** The last run ended at a guest `pause` (pause-loop exiting): the hypervisor may yield the physical hart. */
  pauseExit = false;
  private readonly vm: HartVm;

  constructor(vm: HartVm, vcpu: Vcpu, id: number, sstc: boolean, classic?: { hostSbi: boolean }) {
    this.vm = vm;
    this.id = id;
    this.vcpu = vcpu;
    this.sstc = sstc;
    // In classic mode the core never compares stimecmp: the hypervisor's timer does (classic.ts).
    this.timers = new HartTimers(vcpu, sstc && !classic, vm.stats);
    this.classic = classic ? new ClassicCpu(this, new ShadowMmu(vcpu.mem, vm.platform.ram, SHADOW_POOL_PAGES), classic.hostSbi) : undefined;
  }

  /** Runs the vCPU for at most `budget` instructions from the clock the host set; handles the exit. */
  run(budget: number): ExitReason {
    const t0 = performance.now();
    if (!this.enter()) return this.failedToEnter(t0);
    let reason: ExitReason;
    try {
      reason = this.vcpu.run(budget);
    } catch (error) {
      return this.coreFailed(error, t0);
    }
    return this.exited(reason, t0);
  }

  /**
   * Before the core runs the vCPU (here or on a hart thread): classic mode delivers what is
   * pending and sets the hart up; false when the VM cannot run (failedToEnter() then).
   */
  enter(): boolean {
    return this.classic === undefined || this.classic.enter();
  }

  /** Classic mode stopped the VM before it could run (a state it cannot emulate). */
  failedToEnter(t0: number): ExitReason {
    this.vm.stats.exit("fatal", performance.now() - t0);
    return "fatal";
  }

  /**
   * The core trapped (a WebAssembly RuntimeError): a defect of rvisor's or a vCPU block the
   * host corrupted, never the guest's doing. It stops this VM only: the core keeps nothing of
   * one vCPU that another's run depends on (its globals are set again at every run entry).
   */
  coreFailed(error: unknown, t0: number): ExitReason {
    this.vm.stop({ outcome: "fatal", exitCode: -1, reason: `the core failed running this VM near pc 0x${this.vcpu.pc.toString(16)}: ${messageOf(error)}`, error });
    this.vm.stats.exit("fatal", performance.now() - t0);
    return "fatal";
  }

  /** The core's run that began at host time `t0` ended with `reason`: account for it and handle the exit. */
  exited(reason: ExitReason, t0: number): ExitReason {
    const { vm, vcpu } = this;
    const t1 = performance.now();
    vm.host.ranTo?.(vcpu.get(L.CLOCK));
    this.lastRunMs = t1 - t0;
    this.lastExitDevice = undefined;
    this.pauseExit = false;
    vm.stats.guestMs += this.lastRunMs;
    const taken = this.timers.interruptTaken();
    if (taken) vm.host.interruptTaken?.(taken.latency, taken.at);
    // Host code serving this VM (device models, console listeners, a reboot's image loading) may
    // throw: that stops this VM with the reason, never the hypervisor and the other VMs.
    try {
      this.handleExit(reason);
      vm.exitHandled();
    } catch (error) {
      vm.exitFailed();
      const what = this.lastExitDevice === undefined ? `its ${reason} exit` : `an access to device ${this.lastExitDevice}`;
      vm.stop({ outcome: "fatal", exitCode: -1, reason: `host error while handling ${what}: ${messageOf(error)}`, error });
    }
    this.lastExitMs = performance.now() - t1;
    vm.stats.exit(reason, this.lastExitMs);
    return reason;
  }

  private handleExit(reason: ExitReason): void {
    switch (reason) {
      case "budget": return this.sliceEnded();
      case "mmio": return this.mmio();
      case "hypercall": return this.hypercall();
      case "wfi": return this.waitForInterrupt();
      case "watch": return this.htifStore();
      case "breakpoint": return this.vm.stop({ outcome: "fatal", exitCode: -1, reason: `breakpoint at pc 0x${this.vcpu.pc.toString(16)}` });
      case "fatal": return this.noHandler(this.vcpu.get(L.EXIT_VALUE), this.vcpu.get(L.EXIT_ADDR));
      case "trap":
        if (this.classic === undefined) throw new Error("a trap exit from a vCPU that is not in classic mode");
        return this.classic.trap();
    }
  }

  private sliceEnded(): void {
    this.pauseExit = this.vcpu.get(L.EXIT_DETAIL) === BigInt(L.BUDGET_PAUSE);
    if (this.pauseExit) this.vm.stats.pause.exits++;
    if (this.spinsForever()) {
      this.vm.stop({ outcome: "fatal", exitCode: -1, reason: `spins forever at pc 0x${this.vcpu.pc.toString(16)} (a jump to itself) with every interrupt that could end it disabled` });
    }
  }

  /**
   * A guest that stops making progress: a jump to itself that no interrupt can ever leave
   * (mie empty, or every interrupt it could take masked in its mode). Checked at slice ends.
   */
  private spinsForever(): boolean {
    const v = this.vcpu;
    const priv = v.priv;
    if (priv !== 3 && v.get(L.SATP) >> 60n !== 0n) return false; // only where pc is physical
    const bytes = this.readGuest(v.pc, 4);
    if (bytes === undefined) return false;
    const insn = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
    const selfJump = insn === 0x0000_006f /* j . */ || (insn & 0xffff) === 0xa001 /* c.j . */ || insn === 0x0000_0063 /* beqz x0, . */;
    // The core's own rule says which interrupts the hart would take in its mode (mie, mstatus's
    // enables, mideleg); a jump to itself with none of them is stuck for good.
    return selfJump && (this.classic?.enabledInterrupts() ?? v.interruptsEnabled()) === 0n;
  }

  private mmio(): void {
    const { vm, vcpu } = this;
    const addr = vcpu.get(L.EXIT_ADDR);
    const to = vm.platform.route(addr);
    const name = to.device.name;
    vm.stats.mmioByDevice.set(name, (vm.stats.mmioByDevice.get(name) ?? 0) + 1);
    this.lastExitDevice = name;
    const size = vcpu.getNumber(L.EXIT_SIZE);
    if (vcpu.getNumber(L.EXIT_IS_WRITE) !== 0) vm.platform.store(to, addr, size, vcpu.get(L.EXIT_VALUE));
    else vcpu.completeMmioLoad(vm.platform.load(to, addr, size));
  }

  hypercall(): void {
    const name = sbiExtensionName(Number(this.vcpu.x(17) & 0xffff_ffffn));
    const calls = this.vm.stats.sbiCalls;
    calls.set(name, (calls.get(name) ?? 0) + 1);
    handleSbiCall(this);
  }

  waitForInterrupt(): void {
    // A device still working through a notification will raise the interrupt the guest waits
    // for: the hart runs on (wfi may resume at any time, privileged spec 3.3.3) and its next
    // exits carry the work on, instead of sleeping on work that only its exits move.
    if (this.vm.platform.hasDeferredWork) return;
    // An interrupt raised after the core looked (another hart's IPI while this one ran on a
    // hart thread, parallel mode) ends the wait before it begins.
    if (this.vcpu.interruptsPending() !== 0n) return;
    this.state = "waiting";
    this.vm.idled();
  }

  private htifStore(): void {
    const htif = this.vm.htif();
    if (htif === undefined) return;
    const r = htif.handle();
    if (r.kind === "exit") {
      this.vm.stop(r.code === 0
        ? { outcome: "pass", exitCode: 0, reason: "HTIF exit 0" }
        : { outcome: "fail", exitCode: r.code, reason: `HTIF exit: test ${r.code} failed` });
    } else if (r.kind === "error") {
      this.vm.stop({ outcome: "fatal", exitCode: -1, reason: r.message });
    }
  }

  noHandler(cause: bigint, pc: bigint): void {
    this.vm.stop({ outcome: "fatal", exitCode: -1, reason: `no usable trap handler: ${causeName(cause)} at pc 0x${pc.toString(16)}, which is where the trap handler itself starts` });
  }

  fatal(reason: string): void {
    this.vm.stop({ outcome: "fatal", exitCode: -1, reason });
  }

  timersChanged(): void {
    this.vm.host.timersChanged();
  }

  /** A waiting hart with an interrupt pending that wfi wakes for (mip & mie, the core's rule) runs again; true if it woke. */
  wakeIfPending(): boolean {
    // Classic mode delivers interrupts only when the hypervisor enters the hart: one running
    // on a hart thread must come back for a new one.
    if (this.kick !== undefined && this.classic !== undefined) this.kick();
    if (this.state !== "waiting" || this.vcpu.interruptsPending() === 0n) return false;
    this.state = "running";
    this.suspended = false;
    return true;
  }

  // ---- SbiHost: what the hypervisor's SBI implementation does for this hart ------------------

  setTimer(deadline: bigint): void {
    // With Sstc the call is a stimecmp write, which in classic mode the hypervisor keeps.
    if (this.classic !== undefined && this.sstc) this.classic.setStimecmp(deadline);
    else this.timers.setSupervisorTimer(deadline);
    this.vm.host.timersChanged();
  }

  consoleWrite(bytes: Uint8Array): void {
    for (const b of bytes) this.vm.console.output(b);
  }

  consoleRead(max: number): Uint8Array {
    return new Uint8Array(this.vm.console.take(max));
  }

  readGuest(addr: bigint, length: number): Uint8Array | undefined {
    const ram = this.vm.platform.ram;
    return ram.contains(addr, length) ? ram.read(addr, length) : undefined;
  }

  writeGuest(addr: bigint, bytes: Uint8Array): boolean {
    const ram = this.vm.platform.ram;
    if (!ram.contains(addr, bytes.length)) return false;
    ram.write(addr, bytes);
    return true;
  }

  reset(kind: ResetKind, failure: boolean): void {
    if (kind === "shutdown") {
      this.vm.stop(failure
        ? { outcome: "fail", exitCode: 1, reason: "SBI system reset: shutdown, system failure" }
        : { outcome: "pass", exitCode: 0, reason: "SBI system reset: shutdown" });
    } else {
      this.vm.requestReset(`SBI system reset: ${kind}`);
    }
  }

  get hartCount(): number {
    return this.vm.harts.length;
  }

  /** SSIP on hart `target` (an SBI IPI): it wakes if it waits for it. */
  sendIpi(target: number): void {
    this.vm.harts[target]!.receiveIpi();
  }

  private receiveIpi(): void {
    const v = this.vcpu;
    if (this.kick !== undefined) {
      // Running on a hart thread, which may be writing mip itself: raise it when the run ends.
      if (!this.deferredIpi) this.vm.stats.injected.software++;
      this.deferredIpi = true;
      this.kick();
      return;
    }
    if (!(v.get(L.MIP) & MIP_SSIP)) this.vm.stats.injected.software++;
    v.set(L.MIP, v.get(L.MIP) | MIP_SSIP);
    if (this.wakeIfPending()) this.vm.host.woke?.(this);
  }

  /** Parallel mode: what waited for this vCPU's run on a hart thread to end (dropped when `apply` is false: the VM was reset). */
  applyDeferred(apply: boolean): void {
    if (!this.deferredIpi) return;
    this.deferredIpi = false;
    if (apply) this.vcpu.set(L.MIP, this.vcpu.get(L.MIP) | MIP_SSIP);
  }

  clearIpi(): void {
    this.vcpu.set(L.MIP, this.vcpu.get(L.MIP) & ~MIP_SSIP);
  }

  hartStatus(target: number): bigint {
    const hart = this.vm.harts[target]!;
    if (hart.state === "stopped") return HSM_STOPPED;
    return hart.suspended ? HSM_SUSPENDED : HSM_STARTED;
  }

  /**
   * SBI hart_start (SBI v2.0 9.1): the stopped hart begins at `addr` in S-mode with a0 = its
   * hart id, a1 = `opaque`, satp = 0 and sstatus.SIE = 0; the rest of its state is as it was.
   */
  hartStart(target: number, addr: bigint, opaque: bigint): void {
    const hart = this.vm.harts[target]!;
    const v = hart.vcpu;
    v.pc = addr;
    v.setX(10, BigInt(target));
    v.setX(11, opaque);
    if (hart.classic !== undefined) {
      hart.classic.startSupervisor();
    } else {
      v.set(L.PRIV, BigInt(PRIV_S));
      v.set(L.SATP, 0n);
      v.set(L.MSTATUS, v.get(L.MSTATUS) & ~MSTATUS_SIE);
      v.core.exports.flushTlb(v.block);
    }
    hart.state = "running";
    hart.suspended = false;
    this.vm.host.woke?.(hart);
  }

  /** SBI hart_stop: this hart stops; when it was the last one running, the VM has shut down. */
  hartStop(): void {
    this.state = "stopped";
    this.suspended = false;
    if (this.vm.harts.every((h) => h.state === "stopped")) {
      this.vm.stop({ outcome: "pass", exitCode: 0, reason: "SBI HSM hart_stop: every hart has stopped" });
    }
  }

  /** SBI hart_suspend, retentive: as wfi, but HSM reports the hart SUSPENDED while it waits. */
  hartSuspend(): void {
    if (this.vcpu.interruptsPending() !== 0n) return;
    this.waitForInterrupt();
    this.suspended = this.state === "waiting";
  }

  flushTlb(target: number): void {
    const hart = this.vm.harts[target]!;
    // A remote fence completes before the call returns: a hart running on a thread ends its run first.
    if (hart.kick !== undefined) {
      hart.kick();
      this.vm.host.settle?.(hart);
    }
    hart.classic?.flushShadow();
    hart.vcpu.core.exports.flushTlb(hart.vcpu.block);
  }
}
