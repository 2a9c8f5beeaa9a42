import { describe, expect, it } from "vitest";
import { Scheduler } from "../../src/hypervisor/scheduler.js";

describe("Scheduler", () => {
  it("rotates over runnable VMs, skipping the others", () => {
    const s = new Scheduler();
    const runnable = new Set([0, 2, 3]);
    const picks = Array.from({ length: 6 }, () => s.pick(4, (i) => runnable.has(i)));
    expect(picks).toEqual([0, 2, 3, 0, 2, 3]);
    expect(s.pick(4, () => false)).toBe(-1);
  });

  it("runs a woken VM next and asks the running one to yield, without resetting the rotation", () => {
    const s = new Scheduler();
    const all = () => true;
    expect(s.pick(4, all)).toBe(0);
    s.start(0);
    s.woke(0); // the running VM itself: nothing to preempt
    expect(s.preempt).toBe(false);
    s.woke(3);
    s.woke(2);
    s.woke(3); // once in the queue
    expect(s.preempt).toBe(true);
    s.stop(0);
    expect([s.pick(4, all), s.pick(4, all), s.pick(4, all), s.pick(4, all)]).toEqual([3, 2, 1, 2]);
    s.start(2);
    expect(s.preempt).toBe(false);
  });

  it("drops a woken VM that is no longer runnable", () => {
    const s = new Scheduler();
    s.woke(1);
    expect(s.pick(3, (i) => i !== 1)).toBe(0);
  });
});
