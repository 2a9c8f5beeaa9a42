// Trap entry and return (privileged spec 3.1.6-3.1.9, 3.3.2, 4.1): which mode takes a trap,
// the mstatus stack of interrupt enables, vectored entry, and the interrupt priority order.

import {
  CONFIG, CONFIG_CLASSIC, CONFIG_SSTC, EXIT_ADDR, EXIT_TRAP, EXIT_DETAIL, EXIT_FATAL, EXIT_REASON, EXIT_VALUE,
  FATAL_NO_HANDLER, IRQ_TAKEN, LAST_TRAP_RETIRED, IRQ_TAKEN_CAUSE, IRQ_TAKEN_CLOCK, LAST_TRAP_TARGET, MCAUSE, MENVCFG, MEPC, MIDELEG, MEDELEG, MIE, MIP,
  MIP_LINES, MSTATUS, MTVAL, MTVEC, PRIV, SCAUSE, SEPC, SSTC_FIRED, STIMECMP, STVAL, STVEC, TICK_DIV,
} from "./layout";
import {
  CAUSE_INTERRUPT, IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI, MENVCFG_STCE,
  MIP_STIP, MSTATUS_MIE, MSTATUS_MPIE, MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_MPRV,
  MSTATUS_SIE, MSTATUS_SPIE, MSTATUS_SPP, PRIV_M, PRIV_S,
} from "./defs";
import { tlbContext } from "./mmu";
import { clockNow, cpu, requestExit, retiredNow } from "./state";

/** True when Sstc is active: stimecmp drives STIP instead of software. */
@inline export function sstcActive(): bool {
  return (load<u64>(cpu, CONFIG) & CONFIG_SSTC) != 0 && (load<u64>(cpu, MENVCFG) & MENVCFG_STCE) != 0;
}

/** mip as software reads it: the writable bits ORed with the platform's interrupt lines. */
export function mipValue(): u64 {
  let soft = load<u64>(cpu, MIP);
  if (sstcActive()) soft &= ~MIP_STIP;
  return soft | load<u64>(cpu, MIP_LINES);
}

/**
 * Sstc: STIP follows (time >= stimecmp). Returns how many instructions may run before it
 * would change (u64 max when never), so that run() can end its slice at the deadline.
 */
/**
 * MIP_LINES is the host's word (CLINT, PLIC, timers), which the hypervisor thread may change
 * while this hart runs on a hart thread (the shared build): the core changes its one bit there
 * (Sstc's STIP) with an atomic read-modify-write, as the host does, so that neither loses the other's.
 */
@inline function setLine(bit: u64): void {
  if (ASC_FEATURE_THREADS) atomic.or<u64>(cpu + MIP_LINES, bit);
  else store<u64>(cpu, load<u64>(cpu, MIP_LINES) | bit, MIP_LINES);
}

@inline function clearLine(bit: u64): void {
  if (ASC_FEATURE_THREADS) atomic.and<u64>(cpu + MIP_LINES, ~bit);
  else store<u64>(cpu, load<u64>(cpu, MIP_LINES) & ~bit, MIP_LINES);
}

export function sstcUpdate(): u64 {
  if (!sstcActive()) {
    // With STCE clear, stimecmp drives nothing: a STIP it raised before goes, and mip.STIP is
    // the software-writable bit again (Sstc spec).
    if (load<u64>(cpu, CONFIG) & CONFIG_SSTC) clearLine(MIP_STIP);
    return <u64>-1;
  }
  const div = load<u64>(cpu, TICK_DIV);
  const cmp = load<u64>(cpu, STIMECMP);
  const now = clockNow();
  const lines = load<u64>(cpu, MIP_LINES);
  // Compare in clock units where that cannot overflow; a deadline beyond it is never reached.
  const limit = <u64>-1 / div;
  if (cmp <= limit && now >= cmp * div) {
    if (!(lines & MIP_STIP)) store<u64>(cpu, cmp * div, SSTC_FIRED);
    setLine(MIP_STIP);
    return <u64>-1;
  }
  clearLine(MIP_STIP);
  if (cmp > limit) return <u64>-1;
  return cmp * div - now;
}

/**
 * The interrupt-enable rule (privileged spec 3.1.6.1, 3.1.9): the interrupt bits that would be
 * taken now if they were pending and enabled in mie. An interrupt for M (not delegated) is
 * taken below M always and in M only with mstatus.MIE; a delegated one (for S) is taken in U
 * always, in S only with mstatus.SIE, and never in M.
 */
@inline function openInterrupts(priv: u64, mstatus: u64, mideleg: u64): u64 {
  let open: u64 = 0;
  if (priv < PRIV_M || (mstatus & MSTATUS_MIE)) open |= ~mideleg;
  if (priv < PRIV_S || (priv == PRIV_S && (mstatus & MSTATUS_SIE))) open |= mideleg;
  return open;
}

/** The bits of mie that would be taken now if they were pending (see openInterrupts). */
export function interruptsEnabled(): u64 {
  return load<u64>(cpu, MIE) & openInterrupts(load<u64>(cpu, PRIV), load<u64>(cpu, MSTATUS), load<u64>(cpu, MIDELEG));
}

/**
 * The interrupt to take now, or -1: a pending one (mip & mie) that openInterrupts() lets in.
 * Interrupts for M come before interrupts for S; within a level the order is MEI, MSI, MTI,
 * SEI, SSI, STI.
 */
export function pendingInterrupt(): i32 {
  // Classic mode: the physical hart's interrupts are the hypervisor's, which delivers the
  // guest's virtual ones itself at run entry.
  if (load<u64>(cpu, CONFIG) & CONFIG_CLASSIC) return -1;
  const pending = interruptsPending();
  if (pending == 0) return -1;
  const mideleg = load<u64>(cpu, MIDELEG);
  const taken = pending & openInterrupts(load<u64>(cpu, PRIV), load<u64>(cpu, MSTATUS), mideleg);
  const toM = taken & ~mideleg;
  if (toM != 0) return highestPriority(toM);
  const toS = taken & mideleg;
  if (toS != 0) return highestPriority(toS);
  return -1;
}

function highestPriority(set: u64): i32 {
  if (set & (1 << IRQ_MEI)) return IRQ_MEI;
  if (set & (1 << IRQ_MSI)) return IRQ_MSI;
  if (set & (1 << IRQ_MTI)) return IRQ_MTI;
  if (set & (1 << IRQ_SEI)) return IRQ_SEI;
  if (set & (1 << IRQ_SSI)) return IRQ_SSI;
  if (set & (1 << IRQ_STI)) return IRQ_STI;
  return -1;
}

/**
 * mip & mie: the interrupts pending and enabled in mie, whatever the global enables. Non-zero
 * is WFI's wake-up condition (privileged spec 3.3.3).
 */
export function interruptsPending(): u64 {
  return mipValue() & load<u64>(cpu, MIE);
}

/**
 * Takes a trap at epc and returns the handler address (in classic mode: ends the run with
 * EXIT_TRAP and returns epc). An exception raised by the first
 * instruction of the handler it would enter again can never make progress: that ends the
 * run as EXIT_FATAL (FATAL_NO_HANDLER) instead of spinning.
 */
export function takeTrap(cause: u64, tval: u64, epc: u64): u64 {
  if (load<u64>(cpu, CONFIG) & CONFIG_CLASSIC) {
    // Classic mode: the trap goes to the physical M-mode, which is the hypervisor: the run
    // ends with the guest's state untouched and pc at the trapping instruction.
    store<u64>(cpu, EXIT_TRAP, EXIT_REASON);
    store<u64>(cpu, cause, EXIT_VALUE);
    store<u64>(cpu, tval, EXIT_ADDR);
    requestExit();
    return epc;
  }
  const priv = load<u64>(cpu, PRIV);
  let mstatus = load<u64>(cpu, MSTATUS);
  const isInterrupt = (cause & CAUSE_INTERRUPT) != 0;
  const code = cause & 63;
  const deleg = isInterrupt ? load<u64>(cpu, MIDELEG) : load<u64>(cpu, MEDELEG);
  let tvec: u64;
  if (priv <= PRIV_S && ((deleg >> code) & 1)) {
    store<u64>(cpu, epc, SEPC);
    store<u64>(cpu, cause, SCAUSE);
    store<u64>(cpu, tval, STVAL);
    mstatus = (mstatus & ~(MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_SPP)) |
      ((mstatus & MSTATUS_SIE) ? MSTATUS_SPIE : 0) | (priv << 8);
    store<u64>(cpu, PRIV_S, PRIV);
    tvec = load<u64>(cpu, STVEC);
  } else {
    store<u64>(cpu, epc, MEPC);
    store<u64>(cpu, cause, MCAUSE);
    store<u64>(cpu, tval, MTVAL);
    mstatus = (mstatus & ~(MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPP)) |
      ((mstatus & MSTATUS_MIE) ? MSTATUS_MPIE : 0) | (priv << MSTATUS_MPP_SHIFT);
    store<u64>(cpu, PRIV_M, PRIV);
    tvec = load<u64>(cpu, MTVEC);
  }
  store<u64>(cpu, mstatus, MSTATUS);
  if (isInterrupt) {
    store<u64>(cpu, load<u64>(cpu, IRQ_TAKEN) + 1, IRQ_TAKEN);
    store<u64>(cpu, clockNow(), IRQ_TAKEN_CLOCK);
    store<u64>(cpu, code, IRQ_TAKEN_CAUSE);
  }
  let target = tvec & ~<u64>3;
  if ((tvec & 1) && isInterrupt) target += code << 2;
  tlbContext();
  const retired = retiredNow();
  if (!isInterrupt && epc == target && epc == load<u64>(cpu, LAST_TRAP_TARGET) && retired == load<u64>(cpu, LAST_TRAP_RETIRED) + 1) {
    store<u64>(cpu, EXIT_FATAL, EXIT_REASON);
    store<u64>(cpu, FATAL_NO_HANDLER, EXIT_DETAIL);
    store<u64>(cpu, cause, EXIT_VALUE);
    store<u64>(cpu, epc, EXIT_ADDR);
    requestExit();
  }
  store<u64>(cpu, retired, LAST_TRAP_RETIRED);
  store<u64>(cpu, target, LAST_TRAP_TARGET);
  return target;
}

/** mret: back to MPP with MIE restored from MPIE; leaving M clears MPRV. */
export function mret(): u64 {
  let mstatus = load<u64>(cpu, MSTATUS);
  const mpp = (mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
  mstatus = (mstatus & ~(MSTATUS_MIE | MSTATUS_MPP)) | ((mstatus & MSTATUS_MPIE) ? MSTATUS_MIE : 0) | MSTATUS_MPIE;
  if (mpp != PRIV_M) mstatus &= ~MSTATUS_MPRV;
  store<u64>(cpu, mstatus, MSTATUS);
  store<u64>(cpu, mpp, PRIV);
  tlbContext();
  return load<u64>(cpu, MEPC) & ~<u64>1; // mepc[0] reads as zero
}

/** sret: back to SPP with SIE restored from SPIE; the new mode is never M, so MPRV clears. */
export function sret(): u64 {
  let mstatus = load<u64>(cpu, MSTATUS);
  const spp = (mstatus & MSTATUS_SPP) >> 8;
  mstatus = (mstatus & ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV)) | ((mstatus & MSTATUS_SPIE) ? MSTATUS_SIE : 0) | MSTATUS_SPIE;
  store<u64>(cpu, mstatus, MSTATUS);
  store<u64>(cpu, spp, PRIV);
  tlbContext();
  return load<u64>(cpu, SEPC) & ~<u64>1; // sepc[0] reads as zero
}
