import { describe, expect, it } from "vitest";
import { MIP_MEIP, MIP_SEIP } from "../../src/core/vcpu.js";
import type { DeviceState } from "../../src/devices/device.js";
import { DeviceError } from "../../src/errors.js";
import {
  Plic,
  plicNode,
  PLIC_BASE,
  PLIC_CONTEXT_BASE,
  PLIC_CONTEXT_STRIDE,
  PLIC_ENABLE_BASE,
  PLIC_ENABLE_STRIDE,
  PLIC_PENDING_BASE,
  PLIC_SIZE,
  plicContext,
  type PlicOptions,
} from "../../src/devices/plic.js";

const priority = (src: number) => 4 * src;
const pending = (word: number) => PLIC_PENDING_BASE + 4 * word;
const enable = (ctx: number, word = 0) => PLIC_ENABLE_BASE + PLIC_ENABLE_STRIDE * ctx + 4 * word;
const threshold = (ctx: number) => PLIC_CONTEXT_BASE + PLIC_CONTEXT_STRIDE * ctx;
const claimReg = (ctx: number) => PLIC_CONTEXT_BASE + PLIC_CONTEXT_STRIDE * ctx + 4;

/** A PLIC that records every onContextChange call. */
function make(options: Omit<PlicOptions, "onContextChange"> = {}) {
  const events: [number, boolean][] = [];
  const plic = new Plic({ ...options, onContextChange: (ctx, on) => events.push([ctx, on]) });
  const r = (off: number) => Number(plic.read(off, 4));
  const w = (off: number, v: number) => plic.write(off, 4, BigInt(v));
  const claim = (ctx: number) => r(claimReg(ctx));
  const complete = (ctx: number, id: number) => w(claimReg(ctx), id);
  return { plic, events, r, w, claim, complete };
}

/** Source `src` at priority `prio`, enabled for `ctx` (ids below 32). */
function arm(p: ReturnType<typeof make>, ctx: number, src: number, prio: number): void {
  p.w(priority(src), prio);
  p.w(enable(ctx, src >> 5), p.r(enable(ctx, src >> 5)) | (1 << (src & 31)));
}

describe("PLIC layout", () => {
  it("sits where QEMU virt puts it", () => {
    expect(PLIC_BASE).toBe(0x0c00_0000n);
    expect(PLIC_SIZE).toBe(0x60_0000);
    const plic = new Plic();
    expect(plic.size).toBe(0x60_0000);
    expect(plic.name).toBe("plic");
    expect(plic.sources).toBe(96);
    expect(plic.harts).toBe(1);
    expect(plic.contexts).toBe(2);
  });

  it("numbers contexts 2*hart (M) and 2*hart+1 (S)", () => {
    expect(plicContext(0, "M")).toBe(0);
    expect(plicContext(0, "S")).toBe(1);
    expect(plicContext(3, "M")).toBe(6);
    expect(plicContext(3, "S")).toBe(7);
  });

  it("rejects impossible configurations", () => {
    expect(() => new Plic({ sources: 1 })).toThrow(RangeError);
    expect(() => new Plic({ sources: 1025 })).toThrow(RangeError);
    expect(() => new Plic({ harts: 0 })).toThrow(RangeError);
    expect(() => new Plic({ harts: 513 })).toThrow(RangeError);
    expect(() => new Plic({ priorityBits: 0 })).toThrow(RangeError);
    expect(new Plic({ sources: 1024, harts: 512 }).contexts).toBe(1024);
  });

  it("rejects driving a source that does not exist", () => {
    const { plic } = make();
    expect(() => plic.setSource(0, true)).toThrow(RangeError);
    expect(() => plic.setSource(96, true)).toThrow(RangeError);
    expect(() => plic.setSource(1.5, true)).toThrow(RangeError);
  });
});

describe("PLIC priority registers", () => {
  it("are all 0 at reset", () => {
    const p = make();
    for (let s = 0; s < 96; s++) expect(p.r(priority(s))).toBe(0);
  });

  it("hold a priority per source, WARL to 3 bits as on virt", () => {
    const p = make();
    p.w(priority(1), 5);
    p.w(priority(95), 7);
    p.w(priority(10), 0xffff_ffff);
    expect(p.r(priority(1))).toBe(5);
    expect(p.r(priority(95))).toBe(7);
    expect(p.r(priority(10))).toBe(7);
    expect(p.r(priority(2))).toBe(0);
  });

  it("implement as many bits as configured", () => {
    const p = make({ priorityBits: 5 });
    p.w(priority(1), 0xff);
    expect(p.r(priority(1))).toBe(31);
  });

  it("hardwire source 0 and sources past the count to 0", () => {
    const p = make();
    p.w(priority(0), 3);
    p.w(priority(96), 3);
    p.w(priority(1023), 3);
    expect(p.r(priority(0))).toBe(0);
    expect(p.r(priority(96))).toBe(0);
    expect(p.r(priority(1023))).toBe(0);
  });
});

describe("PLIC pending bits", () => {
  it("follow the gateways, one bit per source across words", () => {
    const p = make();
    p.plic.setSource(1, true);
    p.plic.setSource(31, true);
    p.plic.setSource(32, true);
    p.plic.setSource(95, true);
    expect(p.r(pending(0)) >>> 0).toBe(((1 << 1) | (1 << 31)) >>> 0);
    expect(p.r(pending(1))).toBe(1);
    expect(p.r(pending(2))).toBe((1 << 31) >>> 0);
    expect(p.r(pending(3))).toBe(0);
    expect(p.r(pending(31))).toBe(0);
  });

  it("are read-only to software", () => {
    const p = make();
    p.w(pending(0), 0xffff_ffff);
    expect(p.r(pending(0))).toBe(0);
    p.plic.setSource(3, true);
    p.w(pending(0), 0);
    expect(p.r(pending(0))).toBe(1 << 3);
  });

  it("stay set when the line drops before the claim: a gateway cannot retract a request", () => {
    const p = make();
    arm(p, 0, 5, 1);
    p.plic.setSource(5, true);
    p.plic.setSource(5, false);
    expect(p.r(pending(0))).toBe(1 << 5);
    expect(p.claim(0)).toBe(5);
    expect(p.r(pending(0))).toBe(0);
  });

  it("are set even while the source is disabled or at priority 0", () => {
    const p = make();
    p.plic.setSource(7, true);
    expect(p.r(pending(0))).toBe(1 << 7);
    expect(p.plic.isAsserted(0)).toBe(false);
    arm(p, 0, 7, 1);
    expect(p.plic.isAsserted(0)).toBe(true);
    expect(p.events).toEqual([[0, true]]);
  });
});

describe("PLIC enable bits", () => {
  it("are kept per context and start cleared", () => {
    const p = make({ harts: 2 });
    for (let ctx = 0; ctx < 4; ctx++) expect(p.r(enable(ctx))).toBe(0);
    p.w(enable(0), 0x0000_0f00);
    p.w(enable(1), 0x0000_00f0);
    p.w(enable(3, 1), 0x8000_0001);
    expect(p.r(enable(0))).toBe(0x0f00);
    expect(p.r(enable(1))).toBe(0x00f0);
    expect(p.r(enable(2))).toBe(0);
    expect(p.r(enable(3, 1))).toBe(0x8000_0001);
    expect(p.r(enable(3, 0))).toBe(0);
  });

  it("hardwire source 0 and sources past the count to 0", () => {
    const p = make();
    p.w(enable(0, 0), 0xffff_ffff);
    p.w(enable(0, 2), 0xffff_ffff);
    p.w(enable(0, 3), 0xffff_ffff);
    p.w(enable(0, 31), 0xffff_ffff);
    expect(p.r(enable(0, 0)) >>> 0).toBe(0xffff_fffe);
    expect(p.r(enable(0, 2)) >>> 0).toBe(0xffff_ffff); // ids 64..95
    expect(p.r(enable(0, 3))).toBe(0); // ids 96..127 do not exist
    expect(p.r(enable(0, 31))).toBe(0);
    const small = make({ sources: 40 });
    small.w(enable(0, 1), 0xffff_ffff);
    expect(small.r(enable(0, 1))).toBe(0xff); // ids 32..39
  });

  it("ignore contexts beyond the harts", () => {
    const p = make({ harts: 1 });
    p.w(enable(2), 0xff);
    expect(p.r(enable(2))).toBe(0);
  });

  it("route a source only to the contexts that enable it", () => {
    const p = make({ harts: 2 });
    p.w(priority(10), 1);
    p.w(enable(plicContext(1, "S")), 1 << 10);
    p.plic.setSource(10, true);
    expect(p.events).toEqual([[3, true]]);
    expect(p.claim(0)).toBe(0);
    expect(p.claim(1)).toBe(0);
    expect(p.claim(2)).toBe(0);
    expect(p.claim(3)).toBe(10);
  });

  it("disabling a pending source drops the line, enabling raises it again", () => {
    const p = make();
    arm(p, 1, 4, 2);
    p.plic.setSource(4, true);
    p.w(enable(1), 0);
    p.w(enable(1), 1 << 4);
    expect(p.events).toEqual([
      [1, true],
      [1, false],
      [1, true],
    ]);
  });
});

describe("PLIC threshold", () => {
  it("is read/write per context, WARL to the priority bits, 0 at reset", () => {
    const p = make({ harts: 2 });
    for (let ctx = 0; ctx < 4; ctx++) expect(p.r(threshold(ctx))).toBe(0);
    p.w(threshold(1), 3);
    p.w(threshold(2), 0xff);
    expect(p.r(threshold(0))).toBe(0);
    expect(p.r(threshold(1))).toBe(3);
    expect(p.r(threshold(2))).toBe(7);
    p.w(threshold(4), 5); // no such context
    expect(p.r(threshold(4))).toBe(0);
  });

  it("masks priorities at or below it, for interrupts and claims", () => {
    const p = make();
    arm(p, 0, 2, 3);
    p.w(threshold(0), 3);
    p.plic.setSource(2, true);
    expect(p.plic.isAsserted(0)).toBe(false);
    expect(p.claim(0)).toBe(0);
    expect(p.r(pending(0))).toBe(1 << 2); // a refused claim leaves IP alone
    p.w(threshold(0), 2);
    expect(p.plic.isAsserted(0)).toBe(true);
    p.w(threshold(0), 7);
    expect(p.plic.isAsserted(0)).toBe(false);
    expect(p.events).toEqual([
      [0, true],
      [0, false],
    ]);
  });

  it("affects only its own context", () => {
    const p = make();
    arm(p, 0, 2, 1);
    arm(p, 1, 2, 1);
    p.w(threshold(1), 7);
    p.plic.setSource(2, true);
    expect(p.plic.isAsserted(0)).toBe(true);
    expect(p.plic.isAsserted(1)).toBe(false);
  });
});

describe("PLIC claim", () => {
  it("returns 0 when nothing is pending", () => {
    const p = make();
    expect(p.claim(0)).toBe(0);
    expect(p.claim(1)).toBe(0);
  });

  it("returns the highest priority, lowest id on ties, and clears that pending bit", () => {
    const p = make();
    arm(p, 0, 3, 2);
    arm(p, 0, 9, 5);
    arm(p, 0, 40, 5);
    arm(p, 0, 6, 5);
    arm(p, 0, 1, 1);
    for (const s of [3, 9, 40, 6, 1]) p.plic.setSource(s, true);
    expect(p.claim(0)).toBe(6);
    expect(p.r(pending(0)) & (1 << 6)).toBe(0);
    expect(p.claim(0)).toBe(9);
    expect(p.claim(0)).toBe(40);
    expect(p.claim(0)).toBe(3);
    expect(p.claim(0)).toBe(1);
    expect(p.claim(0)).toBe(0);
    expect(p.r(pending(0))).toBe(0);
    expect(p.r(pending(1))).toBe(0);
  });

  it("never returns a source at priority 0", () => {
    const p = make();
    arm(p, 0, 8, 0);
    p.plic.setSource(8, true);
    expect(p.plic.isAsserted(0)).toBe(false);
    expect(p.claim(0)).toBe(0);
    expect(p.events).toEqual([]);
  });

  it("takes the request away from every other context it targets", () => {
    const p = make({ harts: 2 });
    arm(p, 0, 10, 1);
    arm(p, 2, 10, 1);
    p.plic.setSource(10, true);
    expect(p.plic.isAsserted(0)).toBe(true);
    expect(p.plic.isAsserted(2)).toBe(true);
    expect(p.claim(2)).toBe(10);
    expect(p.plic.isAsserted(0)).toBe(false);
    expect(p.claim(0)).toBe(0);
  });

  it("lowers the line when the last request is claimed and keeps it for the next one", () => {
    const p = make();
    arm(p, 0, 1, 1);
    arm(p, 0, 2, 1);
    p.plic.setSource(1, true);
    p.plic.setSource(2, true);
    expect(p.claim(0)).toBe(1);
    expect(p.plic.isAsserted(0)).toBe(true);
    expect(p.claim(0)).toBe(2);
    expect(p.plic.isAsserted(0)).toBe(false);
    expect(p.events).toEqual([
      [0, true],
      [0, false],
    ]);
  });
});

describe("PLIC gateway and completion", () => {
  it("holds a claimed source back until it is completed", () => {
    const p = make();
    arm(p, 0, 10, 1);
    p.plic.setSource(10, true);
    expect(p.claim(0)).toBe(10);
    // The line toggles while the handler runs: no new request gets through.
    p.plic.setSource(10, false);
    p.plic.setSource(10, true);
    expect(p.r(pending(0))).toBe(0);
    expect(p.claim(0)).toBe(0);
    expect(p.plic.snapshot().claimed).toEqual([10]);
    // Completed with the line still high: a new request at once.
    p.complete(0, 10);
    expect(p.r(pending(0))).toBe(1 << 10);
    expect(p.claim(0)).toBe(10);
  });

  it("forwards nothing on completion when the line has dropped", () => {
    const p = make();
    arm(p, 0, 10, 1);
    p.plic.setSource(10, true);
    expect(p.claim(0)).toBe(10);
    p.plic.setSource(10, false);
    p.complete(0, 10);
    expect(p.r(pending(0))).toBe(0);
    expect(p.plic.isAsserted(0)).toBe(false);
    expect(p.plic.snapshot().claimed).toEqual([]);
    p.plic.setSource(10, true);
    expect(p.claim(0)).toBe(10);
  });

  it("ignores a completion for an id not enabled for that context", () => {
    const p = make();
    arm(p, 0, 10, 1);
    p.plic.setSource(10, true);
    expect(p.claim(0)).toBe(10);
    p.complete(1, 10); // context 1 does not enable 10
    expect(p.plic.snapshot().claimed).toEqual([10]);
    expect(p.r(pending(0))).toBe(0);
    p.w(enable(0), 0);
    p.complete(0, 10); // nor does context 0 any more
    expect(p.plic.snapshot().claimed).toEqual([10]);
    p.w(enable(0), 1 << 10);
    p.complete(0, 10);
    expect(p.plic.snapshot().claimed).toEqual([]);
    expect(p.r(pending(0))).toBe(1 << 10);
  });

  it("ignores completions of id 0 and of ids that do not exist", () => {
    const p = make();
    arm(p, 0, 10, 1);
    p.plic.setSource(10, true);
    expect(p.claim(0)).toBe(10);
    p.complete(0, 0);
    p.complete(0, 96);
    p.complete(0, 10 + 0x1_0000);
    expect(p.plic.snapshot().claimed).toEqual([10]);
    expect(p.plic.snapshot().contexts[0]!.completions).toBe(0);
  });

  it("reads the claim register as a claim every time (a second read gets the next id)", () => {
    const p = make();
    arm(p, 1, 5, 1);
    p.plic.setSource(5, true);
    expect(p.claim(1)).toBe(5);
    expect(p.claim(1)).toBe(0);
  });
});

describe("PLIC interrupt outputs", () => {
  it("report only actual changes", () => {
    const p = make();
    arm(p, 1, 1, 1);
    arm(p, 1, 2, 1);
    p.plic.setSource(1, true);
    p.plic.setSource(2, true);
    p.plic.setSource(1, true);
    p.w(priority(1), 4);
    p.w(threshold(1), 0);
    expect(p.events).toEqual([[1, true]]);
    expect(p.claim(1)).toBe(1);
    expect(p.claim(1)).toBe(2);
    expect(p.events).toEqual([
      [1, true],
      [1, false],
    ]);
    p.complete(1, 1); // line 1 still high: pending again
    expect(p.events).toEqual([
      [1, true],
      [1, false],
      [1, true],
    ]);
  });

  it("a priority write can raise and lower lines", () => {
    const p = make();
    arm(p, 0, 12, 0);
    p.plic.setSource(12, true);
    p.w(priority(12), 1);
    p.w(priority(12), 0);
    expect(p.events).toEqual([
      [0, true],
      [0, false],
    ]);
  });

  it("drive each hart's M and S contexts independently", () => {
    const p = make({ harts: 4 });
    arm(p, plicContext(2, "M"), 1, 1);
    arm(p, plicContext(3, "S"), 2, 1);
    p.plic.setSource(1, true);
    p.plic.setSource(2, true);
    expect(p.events).toEqual([
      [4, true],
      [7, true],
    ]);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((c) => p.plic.isAsserted(c))).toEqual([
      false, false, false, false, true, false, false, true,
    ]);
  });
});

describe("PLIC access rules", () => {
  it("answers only naturally aligned 32-bit accesses", () => {
    const p = make();
    p.plic.write(priority(1), 1, 3n);
    p.plic.write(priority(1), 8, 3n);
    p.plic.write(priority(1) + 2, 4, 3n);
    expect(p.r(priority(1))).toBe(0);
    p.w(priority(1), 3);
    expect(p.plic.read(priority(1), 1)).toBe(0n);
    expect(p.plic.read(priority(1), 2)).toBe(0n);
    expect(p.plic.read(priority(1), 8)).toBe(0n);
    expect(p.plic.read(priority(1) + 1, 4)).toBe(0n);
    expect(p.plic.read(priority(1), 4)).toBe(3n);
  });

  it("does not claim on a narrow read of the claim register", () => {
    const p = make();
    arm(p, 0, 10, 1);
    p.plic.setSource(10, true);
    expect(p.plic.read(claimReg(0), 8)).toBe(0n);
    expect(p.plic.read(claimReg(0), 1)).toBe(0n);
    expect(p.r(pending(0))).toBe(1 << 10);
  });

  it("reads reserved space as 0 and ignores writes to it", () => {
    const p = make();
    for (const off of [0x1080, 0x1ffc, 0x1f_2000, 0x1f_fffc, threshold(0) + 8, threshold(0) + 0xffc, PLIC_SIZE - 4]) {
      p.w(off, 0xffff_ffff);
      expect(p.r(off), `0x${off.toString(16)}`).toBe(0);
    }
    expect(p.plic.snapshot().contexts[0]!.threshold).toBe(0);
  });

  it("zero-extends register values into the bigint", () => {
    const p = make();
    p.w(enable(0, 1), 0x8000_0000);
    expect(p.plic.read(enable(0, 1), 4)).toBe(0x8000_0000n);
  });
});

describe("PLIC snapshot", () => {
  it("shows priorities, pending, claimed, levels and per-context state", () => {
    const p = make();
    arm(p, 1, 10, 2);
    arm(p, 1, 33, 1);
    p.w(threshold(0), 4);
    p.plic.setSource(10, true);
    p.plic.setSource(33, true);
    expect(p.claim(1)).toBe(10);
    const s = p.plic.snapshot();
    expect(s.priority.length).toBe(96);
    expect(s.priority[10]).toBe(2);
    expect(s.priority[33]).toBe(1);
    expect(s.pending).toEqual([33]);
    expect(s.claimed).toEqual([10]);
    expect(s.level).toEqual([10, 33]);
    expect(s.contexts).toEqual([
      { threshold: 4, enabled: [], asserted: false, claims: 0, completions: 0 },
      { threshold: 0, enabled: [10, 33], asserted: true, claims: 1, completions: 0 },
    ]);
  });
});

describe("PLIC as a Device", () => {
  /** Every register the guest can read without side effects (claim reads have one). */
  const reads = (p: ReturnType<typeof make>) => {
    const out: number[] = [];
    for (let s = 0; s < p.plic.sources; s++) out.push(p.r(priority(s)));
    for (let w = 0; w < 4; w++) out.push(p.r(pending(w)));
    for (let ctx = 0; ctx < p.plic.contexts; ctx++) {
      for (let w = 0; w < 4; w++) out.push(p.r(enable(ctx, w)));
      out.push(p.r(threshold(ctx)));
    }
    return out;
  };
  /** Activity on every kind of state: priorities, enables, thresholds, levels, a claim, a completion. */
  const busy = (p: ReturnType<typeof make>) => {
    arm(p, 1, 10, 2);
    arm(p, 1, 33, 1);
    arm(p, 2, 7, 3);
    p.w(threshold(0), 4);
    p.plic.setSource(10, true);
    p.plic.setSource(33, true);
    p.plic.setSource(7, true);
    expect(p.claim(1)).toBe(10);
    expect(p.claim(2)).toBe(7);
    p.plic.setSource(7, false);
    p.complete(2, 7);
  };
  /** What follows: a completion, claims, a new level; returns what the guest and the harts saw. */
  const after = (p: ReturnType<typeof make>) => {
    p.events.length = 0;
    p.complete(1, 10);
    const claims = [p.claim(1), p.claim(1), p.claim(2)];
    p.plic.setSource(7, true);
    claims.push(p.claim(2));
    return { claims, events: [...p.events], snapshot: p.plic.snapshot(), state: p.plic.save() };
  };

  it("describes itself as QEMU virt does: labelled plic, riscv,ndev = sources - 1, M then S external interrupts", () => {
    expect(new Plic({ sources: 96 }).deviceTree()).toEqual({
      name: "plic",
      compatible: ["sifive,plic-1.0.0", "riscv,plic0"],
      label: "plic",
      properties: { "#interrupt-cells": 1, "#address-cells": 0, "interrupt-controller": true, "riscv,ndev": 95 },
      hartInterrupts: [11, 9],
    });
    expect(new Plic({ sources: 33 }).deviceTree().properties!["riscv,ndev"]).toBe(32);
    expect(plicNode()).toEqual(new Plic().deviceTree());
    // The numbers mirror the vCPU's mip masks: context 2h drives MEIP, 2h+1 SEIP.
    expect(plicNode().hartInterrupts!.map((b) => 1n << BigInt(b))).toEqual([MIP_MEIP, MIP_SEIP]);
  });

  it("reset() returns it to a fresh device's state and drops every asserted context", () => {
    const p = make({ harts: 2 });
    busy(p);
    expect(p.plic.isAsserted(1)).toBe(true);
    p.events.length = 0;
    p.plic.reset();
    const fresh = make({ harts: 2 });
    expect(p.plic.save()).toEqual(fresh.plic.save());
    expect(p.plic.snapshot()).toEqual(fresh.plic.snapshot());
    expect(reads(p)).toEqual(reads(fresh));
    expect(p.events).toEqual([[1, false]]);
    // And it works as a fresh one does.
    busy(p);
    busy(fresh);
    expect(after(p)).toEqual(after(fresh));
  });

  it("save/restore: the state comes back exactly, through structuredClone too, and behaves the same", () => {
    const p = make({ harts: 2 });
    busy(p);
    const saved = p.plic.save();
    expect(saved).toMatchObject({ harts: 2, sources: 96, priorityBits: 3, pending: [33], claimed: [10], level: [10, 33] });
    const before = reads(p);
    const expected = after(p);
    // The line to context 1 stayed high throughout; restoring it changes no level.
    p.plic.restore(structuredClone(saved));
    expect(p.plic.save()).toEqual(saved);
    expect(reads(p)).toEqual(before);
    expect(after(p)).toEqual(expected);
    // A PLIC built with the same options takes the state over and raises the lines it implies.
    const q = make({ harts: 2 });
    q.plic.restore(saved);
    expect(q.events).toEqual([[1, true]]);
    expect(q.plic.save()).toEqual(saved);
    expect(after(q)).toEqual(expected);
  });

  it("restore() rejects a state of the wrong shape or from a PLIC built otherwise, and changes nothing", () => {
    const p = make({ harts: 2 });
    busy(p);
    const before = p.plic.save();
    const bad: [unknown, RegExp][] = [
      ["plic", /device plic: restore: the state must be an object as save\(\) returns it, got "plic"/],
      [make({ sources: 33, harts: 2 }).plic.save(), /state.sources is 33, this device has 96 \(a state saved by a device built with other options\)/],
      [make({ harts: 1 }).plic.save(), /state.harts is 1, this device has 2/],
      [make({ harts: 2, priorityBits: 5 }).plic.save(), /state.priorityBits is 5, this device has 3/],
      [{ ...before, priority: [...(before.priority as number[]).slice(0, 95), 8] }, /state.priority\[95\] must be an integer in 0..7, got 8/],
      [{ ...before, priority: [1, ...(before.priority as number[]).slice(1)] }, /state.priority\[0\] must be 0/],
      [{ ...before, pending: [33, 10] }, /state.pending must list ids in ascending order/],
      [{ ...before, claimed: [96] }, /state.claimed\[0\] must be an id in 1..95, got 96/],
      [{ ...before, level: [0] }, /state.level\[0\] must be an id in 1..95, got 0/],
      [{ ...before, enabled: [[], [], []] }, /state.enabled has 3 elements, this device has 4/],
      [{ ...before, enabled: [[], [1.5], [], []] }, /state.enabled\[1\]\[0\] must be an id in 1..95, got 1.5/],
      [{ ...before, enabled: [[], 7, [], []] }, /state.enabled\[1\] must be an array of ids, got 7/],
      [{ ...before, threshold: [0, 0, 0, -1] }, /state.threshold\[3\] must be an integer in 0..7, got -1/],
      [{ ...before, claims: undefined }, /state.claims must be an array of 4, got undefined/],
      [{ ...before, asserted: [] }, /unknown field "asserted"/],
    ];
    for (const [state, re] of bad) {
      expect(() => p.plic.restore(state as DeviceState)).toThrow(DeviceError);
      expect(() => p.plic.restore(state as DeviceState)).toThrow(re);
    }
    expect(p.plic.save()).toEqual(before);
  });
});
