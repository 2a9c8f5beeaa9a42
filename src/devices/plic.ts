// PLIC (RISC-V Platform-Level Interrupt Controller, spec 1.0.0), laid out as on QEMU virt.
//
// "The PLIC connects global interrupt sources ... to interrupt targets, which are usually hart
// contexts." Each source passes a gateway, which forwards at most one request at a time: the
// source's pending (IP) bit is set, the highest-priority enabled request above a context's
// threshold raises that context's external-interrupt line (the hart's MEIP or SEIP), a claim
// hands the id to one handler and clears IP, and the gateway forwards nothing more from that
// source until the handler writes the id back (complete).
//
//   offset                      size   register
//   0x00_0000                   4      priority[0]          reserved: source 0 does not exist
//   0x00_0004 + 4*src           4      priority[src]        0 = never interrupts; WARL, 3 bits on virt
//   0x00_1000 + 4*(src/32)      4      pending[src/32]      bit src%32 = IP; read-only to software
//   0x00_2000 + 0x80*ctx + 4*w  4      enable[ctx][w]       bit b enables source 32*w+b for ctx
//   0x20_0000 + 0x1000*ctx      4      threshold[ctx]       only priorities > threshold interrupt
//   0x20_0004 + 0x1000*ctx      4      claim/complete[ctx]  read = claim, write = complete
//
// Contexts as QEMU virt numbers them: 2*hart is the hart's M-mode context, 2*hart+1 its S-mode one.
// Only naturally aligned 32-bit accesses reach a register; any other access reads 0 and writes
// nothing, as the spec only defines word accesses.
//
// Two behaviours the spec leaves open or words differently, chosen as QEMU virt behaves (guests
// are built for it):
// - A claim only returns a source above the context's threshold (the 1.0.0 text says a claim is
//   not affected by the threshold; QEMU's PLIC, which the guests we run were tested on, is).
// - Every source is level-triggered; a level that drops before the claim leaves IP set, because
//   "the gateway does not have the facility to retract an interrupt request once forwarded". The
//   handler then finds its device idle, which every driver must tolerate anyway.
//
// Its state (save/restore) is every register and gateway: priorities, IP, claimed and input
// levels per source, enables and thresholds per context, and the claim/completion counts. The
// contexts' output levels are not state but what the device drives: reset and restore drive
// them to what the new registers imply.

import type { Device, DeviceState, DeviceTreeNode } from "./device.js";
import { StateReader } from "./device-state.js";

export const PLIC_BASE = 0x0c00_0000n;
/** QEMU virt's region: room for the context registers of 512 harts (1024 contexts). */
export const PLIC_SIZE = 0x60_0000;
export const PLIC_PRIORITY_BASE = 0x00_0000;
export const PLIC_PENDING_BASE = 0x00_1000;
export const PLIC_ENABLE_BASE = 0x00_2000;
export const PLIC_ENABLE_STRIDE = 0x80;
export const PLIC_CONTEXT_BASE = 0x20_0000;
export const PLIC_CONTEXT_STRIDE = 0x1000;
export const PLIC_CONTEXT_THRESHOLD = 0x0;
export const PLIC_CONTEXT_CLAIM = 0x4;
/** The spec's architectural limit: ids 1..1023 (0 means "no interrupt"). */
export const PLIC_MAX_SOURCES = 1024;
/** QEMU virt: 96 source slots, ids 1..95 usable (the device tree's riscv,ndev = 95). */
export const PLIC_VIRT_SOURCES = 96;
/** QEMU virt implements 3 priority bits: priorities and thresholds 0..7. */
export const PLIC_VIRT_PRIORITY_BITS = 3;
const MAX_CONTEXTS = (PLIC_SIZE - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE;

/** The context of `hart` in machine ("M") or supervisor ("S") mode, numbered as on QEMU virt. */
export function plicContext(hart: number, mode: "M" | "S"): number {
  return 2 * hart + (mode === "S" ? 1 : 0);
}

/**
 * The PLIC's node as QEMU virt describes it, for a PLIC of `sources` source slots (ids
 * 1..sources-1 = riscv,ndev). Labelled "plic": the nodes of devices with PLIC interrupts name it
 * as their interrupt-parent. interrupts-extended lists both contexts of every hart, M external
 * (mip bit 11) then S external (bit 9), exactly as the hardware numbers them (context 2h = M,
 * 2h+1 = S): listing only S-mode contexts makes Linux enable its interrupts in the hardware's M
 * context, and the UART's interrupt never reaches the S-mode kernel (see NOTES.md). The bit numbers
 * mirror src/core/vcpu.ts's MIP_MEIP and MIP_SEIP (the test checks the mirror).
 */
export function plicNode(sources: number = PLIC_VIRT_SOURCES): DeviceTreeNode {
  return {
    name: "plic",
    compatible: ["sifive,plic-1.0.0", "riscv,plic0"],
    label: "plic",
    properties: { "#interrupt-cells": 1, "#address-cells": 0, "interrupt-controller": true, "riscv,ndev": sources - 1 },
    hartInterrupts: [11, 9],
  };
}

export interface PlicOptions {
  /** Harts served; each has an M- and an S-mode context. Default 1, at most 512. */
  harts?: number;
  /** Number of source slots including the reserved id 0: ids 1..sources-1 exist. Default 96. */
  sources?: number;
  /** Implemented bits of priority and threshold registers (WARL). Default 3, as on QEMU virt. */
  priorityBits?: number;
  /** A context's interrupt output changed level: drive the hart's MEIP (even) or SEIP (odd). */
  onContextChange?: (context: number, asserted: boolean) => void;
}

export interface PlicContextSnapshot {
  readonly threshold: number;
  /** Enabled source ids, ascending. */
  readonly enabled: readonly number[];
  /** Level of the context's interrupt output. */
  readonly asserted: boolean;
  /** Successful claims (reads that returned an id) and accepted completions so far. */
  readonly claims: number;
  readonly completions: number;
}

export interface PlicSnapshot {
  /** priority[id]; index 0 is the reserved source and always 0. */
  readonly priority: readonly number[];
  /** Ids whose IP bit is set, ascending. */
  readonly pending: readonly number[];
  /** Ids claimed and not yet completed: their gateway holds further requests back. */
  readonly claimed: readonly number[];
  /** Ids whose input line is high. */
  readonly level: readonly number[];
  readonly contexts: readonly PlicContextSnapshot[];
}

export class Plic implements Device {
  readonly name = "plic";
  readonly size = PLIC_SIZE;
  readonly harts: number;
  readonly sources: number;
  readonly contexts: number;
  readonly priorityBits: number;
  private readonly priorityMask: number;
  /** Words of 32 source bits each. */
  private readonly words: number;
  /** Per word, the bits that name an existing source (bit 0 of word 0 never does). */
  private readonly validBits: Uint32Array;
  private readonly priority: Uint32Array;
  private readonly pending: Uint32Array;
  private readonly claimed: Uint32Array;
  private readonly level: Uint32Array;
  /** enable[ctx * words + w]. */
  private readonly enable: Uint32Array;
  private readonly threshold: Uint32Array;
  private readonly asserted: Uint8Array;
  private readonly claims: Float64Array;
  private readonly completions: Float64Array;
  private readonly onContextChange: (context: number, asserted: boolean) => void;

  constructor(options: PlicOptions = {}) {
    const harts = options.harts ?? 1;
    const sources = options.sources ?? PLIC_VIRT_SOURCES;
    const priorityBits = options.priorityBits ?? PLIC_VIRT_PRIORITY_BITS;
    if (!Number.isInteger(harts) || harts < 1 || 2 * harts > MAX_CONTEXTS) {
      throw new RangeError(`PLIC harts must be an integer in 1..${MAX_CONTEXTS / 2}, got ${harts}`);
    }
    if (!Number.isInteger(sources) || sources < 2 || sources > PLIC_MAX_SOURCES) {
      throw new RangeError(`PLIC sources must be an integer in 2..${PLIC_MAX_SOURCES}, got ${sources}`);
    }
    if (!Number.isInteger(priorityBits) || priorityBits < 1 || priorityBits > 32) {
      throw new RangeError(`PLIC priorityBits must be an integer in 1..32, got ${priorityBits}`);
    }
    this.harts = harts;
    this.sources = sources;
    this.contexts = 2 * harts;
    this.priorityBits = priorityBits;
    this.priorityMask = priorityBits === 32 ? 0xffff_ffff : (1 << priorityBits) - 1;
    this.words = Math.ceil(sources / 32);
    this.validBits = new Uint32Array(this.words);
    for (let w = 0; w < this.words; w++) {
      const bitsInWord = Math.min(32, sources - 32 * w);
      this.validBits[w] = bitsInWord === 32 ? 0xffff_ffff : (1 << bitsInWord) - 1;
    }
    this.validBits[0] = this.validBits[0]! & ~1;
    this.priority = new Uint32Array(sources);
    this.pending = new Uint32Array(this.words);
    this.claimed = new Uint32Array(this.words);
    this.level = new Uint32Array(this.words);
    this.enable = new Uint32Array(this.contexts * this.words);
    this.threshold = new Uint32Array(this.contexts);
    this.asserted = new Uint8Array(this.contexts);
    this.claims = new Float64Array(this.contexts);
    this.completions = new Float64Array(this.contexts);
    this.onContextChange = options.onContextChange ?? (() => {});
  }

  /**
   * Drives source `irq`'s input line (level-triggered). A rising or held-high line makes the
   * source pending unless its gateway is waiting for a completion.
   */
  setSource(irq: number, level: boolean): void {
    if (!Number.isInteger(irq) || irq < 1 || irq >= this.sources) {
      throw new RangeError(`PLIC source ${irq} does not exist (1..${this.sources - 1})`);
    }
    const w = irq >>> 5;
    const bit = 1 << (irq & 31);
    if (level) {
      this.level[w] = this.level[w]! | bit;
      if ((this.claimed[w]! & bit) === 0) this.pending[w] = this.pending[w]! | bit;
    } else {
      this.level[w] = this.level[w]! & ~bit;
    }
    this.update();
  }

  /** Level of a context's interrupt output, as last reported through onContextChange. */
  isAsserted(context: number): boolean {
    return this.asserted[context] === 1;
  }

  snapshot(): PlicSnapshot {
    const contexts: PlicContextSnapshot[] = [];
    for (let ctx = 0; ctx < this.contexts; ctx++) {
      contexts.push({
        threshold: this.threshold[ctx]!,
        enabled: this.ids(this.enable.subarray(ctx * this.words, (ctx + 1) * this.words)),
        asserted: this.asserted[ctx] === 1,
        claims: this.claims[ctx]!,
        completions: this.completions[ctx]!,
      });
    }
    return {
      priority: Array.from(this.priority),
      pending: this.ids(this.pending),
      claimed: this.ids(this.claimed),
      level: this.ids(this.level),
      contexts,
    };
  }

  deviceTree(): DeviceTreeNode {
    return plicNode(this.sources);
  }

  /** Power-on values: nothing enabled, pending or claimed; every context's output drops. */
  reset(): void {
    for (const a of [this.priority, this.pending, this.claimed, this.level, this.enable, this.threshold, this.claims, this.completions]) a.fill(0);
    this.update();
  }

  save(): DeviceState {
    const enabled: number[][] = [];
    for (let ctx = 0; ctx < this.contexts; ctx++) enabled.push(this.ids(this.enable.subarray(ctx * this.words, (ctx + 1) * this.words)));
    return {
      harts: this.harts,
      sources: this.sources,
      priorityBits: this.priorityBits,
      priority: Array.from(this.priority),
      pending: this.ids(this.pending),
      claimed: this.ids(this.claimed),
      level: this.ids(this.level),
      enabled,
      threshold: Array.from(this.threshold),
      claims: Array.from(this.claims),
      completions: Array.from(this.completions),
    };
  }

  restore(state: DeviceState): void {
    const r = new StateReader(this.name, state);
    r.option("harts", this.harts);
    r.option("sources", this.sources);
    r.option("priorityBits", this.priorityBits);
    const last = this.sources - 1;
    const priority = r.ints("priority", this.sources, 0, this.priorityMask);
    if (priority[0] !== 0) throw r.error("state.priority[0] must be 0: source 0 does not exist");
    const pending = r.ids("pending", 1, last);
    const claimed = r.ids("claimed", 1, last);
    const level = r.ids("level", 1, last);
    const enabled = r.idLists("enabled", this.contexts, 1, last);
    const threshold = r.ints("threshold", this.contexts, 0, this.priorityMask);
    const claims = r.ints("claims", this.contexts, 0, Number.MAX_SAFE_INTEGER);
    const completions = r.ints("completions", this.contexts, 0, Number.MAX_SAFE_INTEGER);
    r.done();
    this.priority.set(priority);
    setIds(this.pending, pending);
    setIds(this.claimed, claimed);
    setIds(this.level, level);
    enabled.forEach((ids, ctx) => setIds(this.enable.subarray(ctx * this.words, (ctx + 1) * this.words), ids));
    this.threshold.set(threshold);
    this.claims.set(claims);
    this.completions.set(completions);
    this.update();
  }

  read(offset: number, size: number): bigint {
    if (size !== 4 || (offset & 3) !== 0) return 0n;
    return BigInt(this.readWord(offset) >>> 0);
  }

  write(offset: number, size: number, value: bigint): void {
    if (size !== 4 || (offset & 3) !== 0) return;
    this.writeWord(offset, Number(value & 0xffff_ffffn));
  }

  private readWord(offset: number): number {
    if (offset < PLIC_PENDING_BASE) {
      const src = (offset - PLIC_PRIORITY_BASE) >>> 2;
      return src < this.sources ? this.priority[src]! : 0;
    }
    if (offset < PLIC_ENABLE_BASE) {
      const w = (offset - PLIC_PENDING_BASE) >>> 2;
      return w < this.words ? this.pending[w]! : 0;
    }
    if (offset < PLIC_CONTEXT_BASE) {
      const ctx = Math.floor((offset - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE);
      const w = ((offset - PLIC_ENABLE_BASE) % PLIC_ENABLE_STRIDE) >>> 2;
      return ctx < this.contexts && w < this.words ? this.enable[ctx * this.words + w]! : 0;
    }
    const ctx = Math.floor((offset - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE);
    if (ctx >= this.contexts) return 0;
    switch ((offset - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE) {
      case PLIC_CONTEXT_THRESHOLD:
        return this.threshold[ctx]!;
      case PLIC_CONTEXT_CLAIM:
        return this.claim(ctx);
      default:
        return 0;
    }
  }

  private writeWord(offset: number, value: number): void {
    if (offset < PLIC_PENDING_BASE) {
      const src = (offset - PLIC_PRIORITY_BASE) >>> 2;
      if (src === 0 || src >= this.sources) return;
      this.priority[src] = value & this.priorityMask;
      this.update();
      return;
    }
    // Pending bits are read-only: only gateways and claims change them.
    if (offset < PLIC_ENABLE_BASE) return;
    if (offset < PLIC_CONTEXT_BASE) {
      const ctx = Math.floor((offset - PLIC_ENABLE_BASE) / PLIC_ENABLE_STRIDE);
      const w = ((offset - PLIC_ENABLE_BASE) % PLIC_ENABLE_STRIDE) >>> 2;
      if (ctx >= this.contexts || w >= this.words) return;
      this.enable[ctx * this.words + w] = value & this.validBits[w]!;
      this.update();
      return;
    }
    const ctx = Math.floor((offset - PLIC_CONTEXT_BASE) / PLIC_CONTEXT_STRIDE);
    if (ctx >= this.contexts) return;
    switch ((offset - PLIC_CONTEXT_BASE) % PLIC_CONTEXT_STRIDE) {
      case PLIC_CONTEXT_THRESHOLD:
        this.threshold[ctx] = value & this.priorityMask;
        this.update();
        return;
      case PLIC_CONTEXT_CLAIM:
        this.complete(ctx, value >>> 0);
        return;
    }
  }

  private claim(ctx: number): number {
    const id = this.best(ctx);
    if (id === 0) return 0;
    const w = id >>> 5;
    const bit = 1 << (id & 31);
    this.pending[w] = this.pending[w]! & ~bit;
    this.claimed[w] = this.claimed[w]! | bit;
    this.claims[ctx] = this.claims[ctx]! + 1;
    // Clearing IP may drop this context's line and that of every other context the source targets.
    this.update();
    return id;
  }

  private complete(ctx: number, id: number): void {
    if (id === 0 || id >= this.sources) return;
    const w = id >>> 5;
    const bit = 1 << (id & 31);
    // "If the completion ID does not match an interrupt source that is currently enabled for the
    // target, the completion is silently ignored."
    if ((this.enable[ctx * this.words + w]! & bit) === 0) return;
    this.completions[ctx] = this.completions[ctx]! + 1;
    this.claimed[w] = this.claimed[w]! & ~bit;
    // The gateway forwards a new request at once if the line is still high.
    if ((this.level[w]! & bit) !== 0) this.pending[w] = this.pending[w]! | bit;
    this.update();
  }

  /** The id a claim by `ctx` would get: highest priority above the threshold, lowest id on ties. */
  private best(ctx: number): number {
    let bestId = 0;
    let bestPriority = this.threshold[ctx]!;
    const base = ctx * this.words;
    for (let w = 0; w < this.words; w++) {
      let bits = this.pending[w]! & this.enable[base + w]!;
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        const id = 32 * w + b;
        // Strictly greater: ties keep the lower id found first; priority 0 never beats a threshold.
        if (this.priority[id]! > bestPriority) {
          bestPriority = this.priority[id]!;
          bestId = id;
        }
      }
    }
    return bestId;
  }

  private update(): void {
    for (let ctx = 0; ctx < this.contexts; ctx++) {
      const now = this.best(ctx) !== 0 ? 1 : 0;
      if (now !== this.asserted[ctx]) {
        this.asserted[ctx] = now;
        this.onContextChange(ctx, now === 1);
      }
    }
  }

  private ids(bits: Uint32Array): number[] {
    const out: number[] = [];
    for (let w = 0; w < bits.length; w++) {
      for (let b = 0; b < 32; b++) if ((bits[w]! >>> b) & 1) out.push(32 * w + b);
    }
    return out;
  }
}

/** Sets exactly the bits of `ids` in a bit set of 32-bit words. */
function setIds(bits: Uint32Array, ids: readonly number[]): void {
  bits.fill(0);
  for (const id of ids) bits[id >>> 5] = bits[id >>> 5]! | (1 << (id & 31));
}
