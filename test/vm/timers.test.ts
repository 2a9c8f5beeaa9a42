import { describe, expect, it } from "vitest";
import { layout as L, Machine, Vcpu } from "../../src/index.js";
import { MIP_MTIP, MIP_STIP } from "../../src/core/vcpu.js";
import { NEVER } from "../../src/time.js";
import { VmStats } from "../../src/vm/stats.js";
import { HartTimers } from "../../src/vm/timers.js";

async function timers(sstc = false) {
  const machine = await Machine.create();
  const vcpu = new Vcpu(machine.core, machine.mem, 0);
  const stats = new VmStats();
  return { vcpu, stats, t: new HartTimers(vcpu, sstc, stats) };
}

describe("HartTimers", () => {
  it("arms the CLINT timer from mtimecmp (10 clock units per tick) and drops a pending MTIP when it moves", async () => {
    const { vcpu, t } = await timers();
    expect(t.nextDeadline(false)).toBe(NEVER);
    vcpu.setInterruptLine(MIP_MTIP, true);
    t.setMtimecmp(100n);
    expect(t.nextDeadline(false)).toBe(1000n);
    expect(vcpu.get(L.MIP_LINES) & MIP_MTIP).toBe(0n);
    t.setMtimecmp(0xffff_ffff_ffff_ffffn);
    expect(t.nextDeadline(false)).toBe(NEVER);
  });

  it("injects what is due: raises the line, counts it, remembers the deadline for latency, and is not armed again until re-programmed", async () => {
    const { vcpu, stats, t } = await timers();
    t.setMtimecmp(100n);
    t.setSupervisorTimer(50n);
    expect(t.nextDeadline(false)).toBe(500n);
    expect(t.injectDue(499n)).toBe(0);
    expect(t.injectDue(500n)).toBe(1);
    expect(vcpu.get(L.MIP_LINES) & (MIP_MTIP | MIP_STIP)).toBe(MIP_STIP);
    expect(t.pendingLatencyFrom).toBe(500n);
    expect(t.nextDeadline(false)).toBe(1000n);
    expect(t.injectDue(2000n)).toBe(1);
    expect(stats.injected.timer).toBe(2);
    expect(t.pendingLatencyFrom).toBe(500n); // the earliest not yet taken
    // Writing the same mtimecmp again leaves the injected interrupt pending (level-triggered).
    t.setMtimecmp(100n);
    expect(vcpu.get(L.MIP_LINES) & MIP_MTIP).toBe(MIP_MTIP);
    expect(t.injectDue(3000n)).toBe(0);
  });

  it("measures latency when the guest takes the timer interrupt, once", async () => {
    const { vcpu, stats, t } = await timers();
    t.setMtimecmp(10n);
    t.injectDue(100n);
    expect(t.interruptTaken()).toBeUndefined(); // nothing taken yet
    vcpu.set(L.IRQ_TAKEN, 1n);
    vcpu.set(L.IRQ_TAKEN_CAUSE, 7n);
    vcpu.set(L.IRQ_TAKEN_CLOCK, 142n);
    expect(t.interruptTaken()).toEqual({ latency: 42, at: 142n });
    expect(t.interruptTaken()).toBeUndefined();
    expect(stats.latency.count).toBe(1);
    expect(t.pendingLatencyFrom).toBeUndefined();
  });

  it("with Sstc: sbi_set_timer writes stimecmp, a waiting hart needs waking at it, and the core's own STIP is counted when taken", async () => {
    const { vcpu, stats, t } = await timers(true);
    t.setSupervisorTimer(30n);
    expect(vcpu.get(L.STIMECMP)).toBe(30n);
    expect(t.nextDeadline(false)).toBe(NEVER); // running: the core raises STIP itself
    expect(t.nextDeadline(true)).toBe(300n);
    expect(t.sstcDue(299n)).toBe(false);
    expect(t.sstcDue(300n)).toBe(true);
    vcpu.set(L.SSTC_FIRED, 300n);
    vcpu.set(L.IRQ_TAKEN, 1n);
    vcpu.set(L.IRQ_TAKEN_CAUSE, 5n);
    vcpu.set(L.IRQ_TAKEN_CLOCK, 307n);
    expect(t.interruptTaken()).toEqual({ latency: 7, at: 307n });
    expect(stats.injected.timer).toBe(1);
  });

  it("reset turns every timer off and forgets what was pending", async () => {
    const { t } = await timers();
    t.setMtimecmp(1n);
    t.setSupervisorTimer(2n);
    t.injectDue(100n);
    t.reset();
    expect(t.nextDeadline(true)).toBe(NEVER);
    expect(t.pendingLatencyFrom).toBeUndefined();
    t.setMtimecmp(1n);
    expect(t.nextDeadline(false)).toBe(10n);
  });
});
