// Reset state of a vCPU block (privileged spec 3.4): M-mode, interrupts off, misa and the
// fixed mstatus fields set, no reservation, no watch, empty TLBs. The host then sets pc, the
// RAM window, devices and configuration.

import {
  LAST_TRAP_RETIRED, LAST_TRAP_TARGET, MISA, MSTATUS, PRIV, RESERVATION, TICK_DIV, VCPU_BLOCK_SIZE, WATCH_ADDR,
  MHARTID,
} from "./layout";
import { MISA_RV64GCSU, MSTATUS_XL64, PRIV_M } from "./defs";
import { tlbFlush } from "./mmu";
import { enterVcpu } from "./state";
import * as trap from "./trap";

export function resetVcpu(vcpu: usize, hartId: u64): void {
  memory.fill(vcpu, 0, VCPU_BLOCK_SIZE);
  store<u64>(vcpu, PRIV_M, PRIV);
  store<u64>(vcpu, MSTATUS_XL64, MSTATUS);
  store<u64>(vcpu, MISA_RV64GCSU, MISA);
  store<u64>(vcpu, hartId, MHARTID);
  store<u64>(vcpu, <u64>-1, RESERVATION);
  store<u64>(vcpu, <u64>-1, WATCH_ADDR);
  store<u64>(vcpu, <u64>-1, LAST_TRAP_TARGET);
  store<u64>(vcpu, <u64>-1, LAST_TRAP_RETIRED);
  store<u64>(vcpu, 10, TICK_DIV);
  enterVcpu(vcpu);
  tlbFlush();
}

/** For the host after it changes translation state behind the core's back (e.g. a snapshot restore). */
export function flushTlb(vcpu: usize): void {
  enterVcpu(vcpu);
  tlbFlush();
}

/**
 * For the host: mip & mie of the vCPU at `vcpu`, the interrupts that end a wfi whatever the
 * global enables (the same check as the core's wfi). Under Sstc, STIP is as of the vCPU's last
 * run() (stimecmp's line is brought up to date at run entry).
 */
export function interruptsPending(vcpu: usize): u64 {
  enterVcpu(vcpu);
  return trap.interruptsPending();
}

/**
 * For the host: the bits of mie that the vCPU at `vcpu` would take now if they were pending,
 * given its privilege, mstatus.MIE/SIE and mideleg (the rule the core applies, trap.ts). Zero
 * means no interrupt can ever end a loop that does not change those.
 */
export function interruptsEnabled(vcpu: usize): u64 {
  enterVcpu(vcpu);
  return trap.interruptsEnabled();
}
