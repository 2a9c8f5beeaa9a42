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

describe("Scheduler fairness", () => {
  it("gives the rotation a pick after as many queue jumps in a row as there are vCPUs (wake-ups cannot starve a runnable vCPU)", () => {
    const s = new Scheduler();
    const all = () => true;
    // vCPUs 1..3 keep waking each other (IPIs); vCPU 0 is always runnable and never woken.
    const picks: number[] = [];
    for (let k = 0; k < 40; k++) {
      s.woke(1 + (k % 3));
      const p = s.pick(4, all);
      picks.push(p);
      s.start(p);
      s.stop(p);
    }
    // A rotation pick at least every 5th pick, and the rotation reaches vCPU 0 every 4th of those.
    expect(picks.indexOf(0)).toBeGreaterThanOrEqual(0);
    expect(picks.indexOf(0)).toBeLessThan(5 * 4);
    expect(picks.filter((p) => p === 0).length).toBeGreaterThanOrEqual(2);
  });
});
