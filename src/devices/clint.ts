// CLINT (SiFive core-local interruptor, as on QEMU virt): per-hart software interrupt and
// timer compare registers, and the machine timer.
//
//   offset   size  register
//   0x0000   4     msip[hart]      bit 0 drives MIP.MSIP of that hart
//   0x4000   8     mtimecmp[hart]  MTIP = (mtime >= mtimecmp); all-ones never fires
//   0xbff8   8     mtime           the platform timer (10 MHz), read-only here
//
// Registers may be accessed as whole words or as 32-bit halves (RV32 software does).
//
// Its state (save/restore) is msip and mtimecmp; mtime is the hypervisor's clock, not the
// device's, so a snapshot of the VM carries it with the vCPU.

import type { Device, DeviceState, DeviceTreeNode } from "./device.js";
import { StateReader } from "./device-state.js";

export const CLINT_BASE = 0x0200_0000n;
export const CLINT_SIZE = 0x1_0000;
export const CLINT_MSIP = 0x0000;
export const CLINT_MTIMECMP = 0x4000;
export const CLINT_MTIME = 0xbff8;

/** mtimecmp's reset value, all-ones ("off"), so that nothing fires before software arms the timer. */
const MTIMECMP_OFF = 0xffff_ffff_ffff_ffffn;

/**
 * The CLINT's node as QEMU virt describes it: the machine software (mip bit 3, MSIP) and timer
 * (bit 7, MTIP) interrupts of every hart. The bit numbers mirror src/core/vcpu.ts's MIP_MSIP and
 * MIP_MTIP (the test checks the mirror): devices do not depend on the vCPU.
 */
export function clintNode(): DeviceTreeNode {
  return { name: "clint", compatible: ["sifive,clint0", "riscv,clint0"], hartInterrupts: [3, 7] };
}

export interface ClintHost {
  /** mtime now. */
  mtime(): bigint;
  /** A hart's msip or mtimecmp changed: re-evaluate its interrupt lines and the timer. */
  changed(hart: number): void;
}

export class Clint implements Device {
  readonly name = "clint";
  readonly size = CLINT_SIZE;
  readonly msip: number[];
  readonly mtimecmp: bigint[];
  private readonly host: ClintHost;

  constructor(harts: number, host: ClintHost) {
    this.msip = new Array<number>(harts).fill(0);
    this.mtimecmp = new Array<bigint>(harts).fill(MTIMECMP_OFF);
    this.host = host;
  }

  deviceTree(): DeviceTreeNode {
    return clintNode();
  }

  /** Power-on values; the host re-evaluates every hart's lines, which follow these registers. */
  reset(): void {
    this.msip.fill(0);
    this.mtimecmp.fill(MTIMECMP_OFF);
    this.changedAll();
  }

  save(): DeviceState {
    return { harts: this.msip.length, msip: [...this.msip], mtimecmp: [...this.mtimecmp] };
  }

  restore(state: DeviceState): void {
    const harts = this.msip.length;
    const r = new StateReader(this.name, state);
    r.option("harts", harts);
    const msip = r.ints("msip", harts, 0, 1);
    const mtimecmp = r.u64s("mtimecmp", harts);
    r.done();
    msip.forEach((v, h) => (this.msip[h] = v));
    mtimecmp.forEach((v, h) => (this.mtimecmp[h] = v));
    this.changedAll();
  }

  private changedAll(): void {
    for (let h = 0; h < this.msip.length; h++) this.host.changed(h);
  }

  read(offset: number, size: number): bigint {
    const reg = this.register(offset, size);
    if (reg === undefined) return 0n;
    return (reg.value >> BigInt(reg.shift * 8)) & mask(size);
  }

  write(offset: number, size: number, value: bigint): void {
    if (offset < CLINT_MTIMECMP) {
      const hart = offset >> 2;
      if (hart < this.msip.length && (offset & 3) === 0) {
        this.msip[hart] = Number(value & 1n);
        this.host.changed(hart);
      }
      return;
    }
    if (offset < CLINT_MTIME) {
      const hart = (offset - CLINT_MTIMECMP) >> 3;
      const old = this.mtimecmp[hart];
      if (old === undefined) return;
      const shift = BigInt((offset & 7) * 8);
      const m = mask(size) << shift;
      this.mtimecmp[hart] = (old & ~m) | ((value << shift) & m);
      this.host.changed(hart);
    }
    // mtime is read-only: the physical clock belongs to the hypervisor.
  }

  private register(offset: number, size: number): { value: bigint; shift: number } | undefined {
    if (offset < CLINT_MTIMECMP) {
      const hart = offset >> 2;
      const v = this.msip[hart];
      return v === undefined || size > 4 ? undefined : { value: BigInt(v), shift: offset & 3 };
    }
    if (offset < CLINT_MTIME) {
      const v = this.mtimecmp[(offset - CLINT_MTIMECMP) >> 3];
      return v === undefined ? undefined : { value: v, shift: offset & 7 };
    }
    if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8) return { value: this.host.mtime(), shift: offset & 7 };
    return undefined;
  }
}

function mask(size: number): bigint {
  return (1n << BigInt(size * 8)) - 1n;
}
