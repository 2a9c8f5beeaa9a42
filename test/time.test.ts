import { describe, expect, it } from "vitest";
import { CLOCK_HORIZON, INSNS_PER_TICK, mtimeToClock, NEVER, VirtualTimer } from "../src/time.js";

describe("time", () => {
  it("converts mtime deadlines to the clock without overflowing", () => {
    expect(mtimeToClock(0n)).toBe(0n);
    expect(mtimeToClock(12_345n)).toBe(12_345n * INSNS_PER_TICK);
    const last = CLOCK_HORIZON / INSNS_PER_TICK - 1n;
    expect(mtimeToClock(last)).toBe(last * INSNS_PER_TICK);
    // At the horizon (2^62) and beyond: never reached, so the idle hypervisor never skips the
    // clock near 2^64 (where it would wrap), whatever deadline a guest programs.
    expect(mtimeToClock(last + 1n)).toBe(NEVER);
    expect(mtimeToClock(NEVER / INSNS_PER_TICK)).toBe(NEVER);
    expect(mtimeToClock(NEVER / INSNS_PER_TICK + 1n)).toBe(NEVER);
    expect(mtimeToClock(NEVER)).toBe(NEVER);
  });

  it("an all-ones deadline leaves the virtual timer off", () => {
    const t = new VirtualTimer(1n << 7n);
    t.arm(NEVER);
    expect(t.armed).toBe(false);
    t.arm(100n);
    expect(t.armed).toBe(true);
    expect(t.deadline).toBe(1000n);
    t.injected = true;
    expect(t.armed).toBe(false);
    t.arm(200n);
    expect(t.armed).toBe(true);
  });
});
