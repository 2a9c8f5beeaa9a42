// Host-side view of one vCPU state block: registers, CSRs and the exit record, read and
// written in place in the shared memory (no copies across the boundary).

import * as L from "./layout.js";
import type { Core } from "./loader.js";
import type { PhysicalMemory } from "../machine/memory.js";
import { RvisorError } from "../errors.js";

export type ExitReason = "budget" | "mmio" | "hypercall" | "wfi" | "breakpoint" | "watch" | "fatal" | "trap";

const EXIT_NAMES: Record<number, ExitReason> = {
  [L.EXIT_BUDGET]: "budget",
  [L.EXIT_MMIO]: "mmio",
  [L.EXIT_HYPERCALL]: "hypercall",
  [L.EXIT_WFI]: "wfi",
  [L.EXIT_BREAKPOINT]: "breakpoint",
  [L.EXIT_WATCH]: "watch",
  [L.EXIT_FATAL]: "fatal",
  [L.EXIT_TRAP]: "trap",
};

export function exitName(code: number): ExitReason {
  const name = EXIT_NAMES[code];
  if (name === undefined) throw new Error(`the core returned unknown exit code ${code}`);
  return name;
}

export class Vcpu {
  readonly core: Core;
  readonly mem: PhysicalMemory;
  /** Address of the state block in the linear memory. */
  readonly block: number;

  constructor(core: Core, mem: PhysicalMemory, hartId: number) {
    this.core = core;
    this.mem = mem;
    this.block = mem.alloc(core.abi.VCPU_BLOCK_SIZE, 64);
    core.exports.resetVcpu(this.block, BigInt(hartId));
  }

  /** Reads a u64 slot of the block. */
  get(offset: number): bigint {
    return this.mem.view.getBigUint64(this.block + offset, true);
  }

  set(offset: number, value: bigint): void {
    this.mem.view.setBigUint64(this.block + offset, BigInt.asUintN(64, value), true);
  }

  /** Low 53 bits of a slot as a number: for counters and small fields. */
  getNumber(offset: number): number {
    const v = this.mem.view;
    return v.getUint32(this.block + offset, true) + v.getUint32(this.block + offset + 4, true) * 2 ** 32;
  }

  x(r: number): bigint {
    return r === 0 ? 0n : this.get(L.X + r * 8);
  }

  setX(r: number, value: bigint): void {
    if (r !== 0) this.set(L.X + r * 8, value);
  }

  get pc(): bigint {
    return this.get(L.PC);
  }

  /** Sets pc; it must be even (pc[0] is always zero on RISC-V). */
  set pc(value: bigint) {
    if (value % 2n !== 0n) throw new RvisorError(`pc 0x${BigInt.asUintN(64, value).toString(16)} is odd: RISC-V instructions are 2-byte aligned`);
    this.set(L.PC, value);
  }

  get priv(): number {
    return Number(this.get(L.PRIV));
  }

  /** Runs the vCPU for at most `budget` instructions and returns why it stopped. */
  run(budget: number): ExitReason {
    const jit = this.core.jit;
    if (jit === undefined) return exitName(this.core.exports.run(this.block, budget));
    // With the compiling tier, the core stops early when a batch of code waits to be translated
    // (EXIT_JIT, only with budget left): translate it and go on with the rest, invisibly to the
    // caller. Requests that do not fill a batch wait for more.
    let left = budget;
    let retired = this.getNumber(L.RETIRED);
    let code = this.core.exports.run(this.block, left);
    while (code === L.EXIT_JIT) {
      jit.drain();
      const now = this.getNumber(L.RETIRED);
      left -= now - retired;
      retired = now;
      code = left > 0 ? this.core.exports.run(this.block, left) : L.EXIT_BUDGET;
    }
    return exitName(code);
  }

  /** Completes an MMIO load exit: x[rd] gets the value, sign-extended as the load asked. */
  completeMmioLoad(value: bigint): void {
    const size = this.getNumber(L.EXIT_SIZE);
    // The core writes 0..63 here; the mask keeps a block the host corrupted from sending the
    // value outside the register files (x: 0..31, f: 32..63).
    const rd = this.getNumber(L.EXIT_RD) & 63;
    const bits = size * 8;
    const v = this.getNumber(L.EXIT_SIGNED) ? BigInt.asIntN(bits, value) : BigInt.asUintN(bits, value);
    // rd 32..63 names f[rd - 32] (flw, fld): a single is NaN-boxed in its 64-bit register.
    if (rd >= 32) this.set(L.F + (rd - 32) * 8, size === 4 ? v | 0xffff_ffff_0000_0000n : v);
    else this.setX(rd, v);
  }

  /** f[r]'s 64 bits (a single-precision value NaN-boxed). */
  f(r: number): bigint {
    return this.get(L.F + r * 8);
  }

  setF(r: number, value: bigint): void {
    this.set(L.F + r * 8, value);
  }

  /**
   * Sets or clears interrupt lines driven by the platform (MIP_MTIP, MIP_MEIP, ...). Atomically:
   * the core changes STIP in the same word (Sstc), maybe at this moment on a hart thread.
   */
  setInterruptLine(mask: bigint, on: boolean): void {
    const words = this.mem.words;
    const index = (this.block + L.MIP_LINES) / 8;
    if (on) Atomics.or(words, index, mask);
    else Atomics.and(words, index, ~mask);
  }

  /**
   * mip & mie: the interrupts pending and enabled in mie, whatever mstatus.MIE/SIE say; non-zero
   * ends a wfi (the core's own rule). Under Sstc, STIP is as of the last run().
   */
  interruptsPending(): bigint {
    return BigInt.asUintN(64, this.core.exports.interruptsPending(this.block));
  }

  /**
   * The bits of mie this vCPU would take now if they were pending, given its privilege,
   * mstatus.MIE/SIE and mideleg (the core's rule): zero means no interrupt can reach it.
   */
  interruptsEnabled(): bigint {
    return BigInt.asUintN(64, this.core.exports.interruptsEnabled(this.block));
  }

  /** Guest-physical device regions: accesses there leave the guest as MMIO exits. */
  setDeviceRegions(regions: readonly { base: bigint; size: bigint }[]): void {
    const max = this.core.abi.DEV_MAX;
    if (regions.length > max) throw new RangeError(`at most ${max} device regions, got ${regions.length}`);
    this.set(L.DEV_COUNT, BigInt(regions.length));
    regions.forEach((r, i) => {
      this.set(L.DEV_TABLE + i * 16, r.base);
      this.set(L.DEV_TABLE + i * 16 + 8, r.size);
    });
  }
}

// mip / mie bits (privileged spec 3.1.9): the core's own constants, checked at load (loader.ts).
export { MIP_SSIP, MIP_MSIP, MIP_STIP, MIP_MTIP, MIP_SEIP, MIP_MEIP } from "./layout.js";
