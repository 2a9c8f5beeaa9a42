// A hart's virtual timers, as the hypervisor keeps them (DESIGN.md "Time"): the CLINT's mtimecmp
// (firmware mode, MTIP), the SBI timer (kernel mode without Sstc, STIP) and, with Sstc, the
// guest's own stimecmp, which the core compares itself. The hypervisor programs the physical
// timer from nextDeadline() and, when it fires, injectDue() raises the interrupt lines; the
// guest's handler runs when the hart next runs, and its latency is measured from the deadline.

import * as L from "../core/layout.js";
import { IRQ_MTI, IRQ_STI } from "../core/privileged.js";
import { MIP_MTIP, MIP_STIP, type Vcpu } from "../core/vcpu.js";
import { mtimeToClock, NEVER, VirtualTimer } from "../time.js";
import type { VmStats } from "./stats.js";


export class HartTimers {
  /** The CLINT's mtimecmp (firmware mode): drives MTIP. */
  readonly mtimer = new VirtualTimer(MIP_MTIP);
  /** The SBI timer (kernel mode without Sstc): drives STIP. */
  readonly stimer = new VirtualTimer(MIP_STIP);
  /** Clock value of the timer deadline whose interrupt the guest has not taken yet (latency). */
  pendingLatencyFrom: bigint | undefined;
  private irqTaken = 0n;
  private readonly vcpu: Vcpu;
  private readonly sstc: boolean;
  private readonly stats: VmStats;

  constructor(vcpu: Vcpu, sstc: boolean, stats: VmStats) {
    this.vcpu = vcpu;
    this.sstc = sstc;
    this.stats = stats;
  }

  /** Power-on: every timer off, nothing pending. */
  reset(): void {
    this.mtimer.arm(NEVER);
    this.stimer.arm(NEVER);
    this.pendingLatencyFrom = undefined;
    this.irqTaken = 0n;
  }

  /** The earliest clock value at which this hart's timers need the hypervisor, or NEVER. */
  nextDeadline(waiting: boolean): bigint {
    let d = NEVER;
    if (this.mtimer.armed) d = this.mtimer.deadline;
    if (this.stimer.armed && this.stimer.deadline < d) d = this.stimer.deadline;
    // With Sstc the core raises STIP itself; a waiting vCPU still needs waking at stimecmp.
    if (this.sstc && waiting) {
      const at = mtimeToClock(this.vcpu.get(L.STIMECMP));
      if (!(this.vcpu.get(L.MIP_LINES) & MIP_STIP) && at < d) d = at;
    }
    return d;
  }

  /**
   * The physical timer fired at `now`: raises the line of every virtual timer that is due.
   * Returns how many it injected.
   */
  injectDue(now: bigint): number {
    let n = 0;
    for (const t of [this.mtimer, this.stimer]) {
      if (t.armed && t.deadline <= now) {
        t.injected = true;
        this.vcpu.setInterruptLine(t.line, true);
        this.pendingLatencyFrom ??= t.deadline;
        n++;
      }
    }
    this.stats.injected.timer += n;
    return n;
  }

  /** With Sstc: stimecmp's deadline has passed at `now` (the core raises STIP when the hart runs). */
  sstcDue(now: bigint): boolean {
    return this.sstc && mtimeToClock(this.vcpu.get(L.STIMECMP)) <= now;
  }

  /**
   * After a run: did the guest take a timer interrupt? Then returns its latency in clock units:
   * from the injected deadline, or with Sstc (no injection: the core raised STIP) from
   * stimecmp's. Undefined when no timer interrupt was taken.
   */
  interruptTaken(): { latency: number; at: bigint } | undefined {
    const taken = this.vcpu.get(L.IRQ_TAKEN);
    if (taken === this.irqTaken) return undefined;
    this.irqTaken = taken;
    const cause = this.vcpu.get(L.IRQ_TAKEN_CAUSE);
    if (cause !== IRQ_MTI && cause !== IRQ_STI) return undefined;
    const at = this.vcpu.get(L.IRQ_TAKEN_CLOCK);
    let from = this.pendingLatencyFrom;
    if (from === undefined && cause === IRQ_STI && this.sstc) {
      from = this.vcpu.get(L.SSTC_FIRED);
      this.stats.injected.timer++;
    }
    this.pendingLatencyFrom = undefined;
    if (from === undefined || at < from) return undefined;
    const latency = Number(at - from);
    this.stats.latency.add(latency);
    return { latency, at };
  }

  /** The guest wrote its CLINT mtimecmp. */
  setMtimecmp(cmp: bigint): void {
    if (mtimeToClock(cmp) !== this.mtimer.deadline || !this.mtimer.injected) {
      this.mtimer.arm(cmp);
      // Level-triggered: a deadline moved into the future drops MTIP at once.
      this.vcpu.setInterruptLine(MIP_MTIP, false);
    }
  }

  /** sbi_set_timer(deadline), in mtime units. */
  setSupervisorTimer(deadline: bigint): void {
    if (this.sstc) {
      // As OpenSBI does on a hart with Sstc: the SBI call becomes a stimecmp write.
      this.vcpu.set(L.STIMECMP, deadline);
    } else {
      this.stimer.arm(deadline);
      this.vcpu.setInterruptLine(MIP_STIP, false);
    }
  }
}
