// The CSR file (privileged spec 2.1-2.2, 3.1, 4.1; Zicntr; Sstc): access checks from the CSR
// number's privilege and read-only bits, WARL legalization on writes, the views (sstatus of
// mstatus, sie/sip of mie/mip through mideleg) and the side effects that make the run loop
// re-check interrupts and switch (mstatus) or flush (satp) the TLBs' translation context.

import {
  CONFIG, CONFIG_SILENT_SSTATUS, CONFIG_SSTC, MCOUNTEREN, MCOUNTINHIBIT, MCAUSE, MCYCLE_DELTA, MEDELEG, MENVCFG, MEPC,
  MHARTID, MIDELEG, MIE, MINSTRET_DELTA, MIP, MISA, MSCRATCH, MSTATUS, MTVAL, MTVEC, PMPADDR,
  PMPCFG0, PMPCFG2, PRIV, SATP, SCAUSE, SCOUNTEREN, SENVCFG, SEPC, SSCRATCH, STIMECMP, STVAL,
  STVEC, TICK_DIV, FCSR,
} from "./layout";
import { fpDirty, fpOff } from "./fpu";
import * as d from "./defs";
import { tlbContext, tlbFlush } from "./mmu";
import { clockNow, cpu, fault, FAULT_NONE, raise, retiredNow } from "./state";
import { mipValue, sstcActive, sstcUpdate } from "./trap";

/** The instruction being executed: illegal-instruction traps report it in tval (per instruction). */
let insnBits: u64 = 0;

function illegal(): u64 {
  raise(d.CAUSE_ILLEGAL_INSTRUCTION, insnBits);
  return 0;
}

/**
 * Executes a Zicsr instruction (`funct3` 1-3 register, 5-7 immediate forms) and returns the old
 * value for rd; on a failed access check the illegal-instruction exception is raised instead.
 */
export function csrInstruction(insn: u32, operand: u64): u64 {
  insnBits = <u64>insn;
  const csr = insn >> 20;
  const f3 = (insn >> 12) & 3;
  const rs1 = (insn >> 15) & 31;
  const priv = load<u64>(cpu, PRIV);
  const writes = f3 == 1 || rs1 != 0;
  if (<u64>((csr >> 8) & 3) > priv) {
    if (csr == d.CSR_SSTATUS && (load<u64>(cpu, CONFIG) & CONFIG_SILENT_SSTATUS)) return load<u64>(cpu, MSTATUS) & d.SSTATUS_MASK;
    return illegal();
  }
  if (writes && (csr >> 10) == 3) return illegal();
  const old = csrRead(csr, priv);
  if (fault != FAULT_NONE) return 0;
  if (writes) {
    // mip reads SEIP as the software bit ORed with the PLIC's line, but "only the
    // software-writable SEIP bit participates in the read-modify-write sequence of a CSRRS or
    // CSRRC instruction" (privileged spec 3.1.9): OpenSBI's `csrs mip, STIP` while the line is
    // high must not latch SEIP, or S-mode takes external interrupts the PLIC never raises.
    const current = csr == d.CSR_MIP ? load<u64>(cpu, MIP) : old;
    const value = f3 == 1 ? operand : f3 == 2 ? current | operand : current & ~operand;
    csrWrite(csr, value, priv);
  }
  return old;
}

/** Counter access from below M: mcounteren gates S and U, scounteren further gates U. */
function counterAllowed(bit: u64, priv: u64): bool {
  if (priv == d.PRIV_M) return true;
  if (!(load<u64>(cpu, MCOUNTEREN) & bit)) return false;
  return priv == d.PRIV_S || (load<u64>(cpu, SCOUNTEREN) & bit) != 0;
}

function mcycle(): u64 {
  const delta = load<u64>(cpu, MCYCLE_DELTA);
  return (load<u64>(cpu, MCOUNTINHIBIT) & d.COUNTEREN_CY) ? delta : retiredNow() + delta;
}

function minstret(): u64 {
  const delta = load<u64>(cpu, MINSTRET_DELTA);
  return (load<u64>(cpu, MCOUNTINHIBIT) & d.COUNTEREN_IR) ? delta : retiredNow() + delta;
}

/** mtime as the guest sees it: the physical clock at the 10 MHz timebase. */
export function timeNow(): u64 {
  return clockNow() / load<u64>(cpu, TICK_DIV);
}

/** stimecmp is there with Sstc; below M it also needs menvcfg.STCE and mcounteren.TM. */
function stimecmpAllowed(priv: u64): bool {
  if (!(load<u64>(cpu, CONFIG) & CONFIG_SSTC)) return false;
  if (priv == d.PRIV_M) return true;
  return (load<u64>(cpu, MENVCFG) & d.MENVCFG_STCE) != 0 && (load<u64>(cpu, MCOUNTEREN) & d.COUNTEREN_TM) != 0;
}

function csrRead(csr: u32, priv: u64): u64 {
  switch (csr) {
    case d.CSR_FFLAGS: return fpOff() ? illegal() : load<u64>(cpu, FCSR) & 0x1f;
    case d.CSR_FRM: return fpOff() ? illegal() : (load<u64>(cpu, FCSR) >> 5) & 7;
    case d.CSR_FCSR: return fpOff() ? illegal() : load<u64>(cpu, FCSR) & 0xff;
    case d.CSR_SSTATUS: return load<u64>(cpu, MSTATUS) & d.SSTATUS_MASK;
    case d.CSR_SIE: return load<u64>(cpu, MIE) & load<u64>(cpu, MIDELEG);
    case d.CSR_STVEC: return load<u64>(cpu, STVEC);
    case d.CSR_SCOUNTEREN: return load<u64>(cpu, SCOUNTEREN);
    case d.CSR_SENVCFG: return load<u64>(cpu, SENVCFG);
    case d.CSR_SSCRATCH: return load<u64>(cpu, SSCRATCH);
    case d.CSR_SEPC: return load<u64>(cpu, SEPC) & ~<u64>1;
    case d.CSR_SCAUSE: return load<u64>(cpu, SCAUSE);
    case d.CSR_STVAL: return load<u64>(cpu, STVAL);
    case d.CSR_SIP: return mipValue() & load<u64>(cpu, MIDELEG);
    case d.CSR_STIMECMP: return stimecmpAllowed(priv) ? load<u64>(cpu, STIMECMP) : illegal();
    case d.CSR_SATP:
      if (priv == d.PRIV_S && (load<u64>(cpu, MSTATUS) & d.MSTATUS_TVM)) return illegal();
      return load<u64>(cpu, SATP);
    case d.CSR_MSTATUS: return load<u64>(cpu, MSTATUS);
    case d.CSR_MISA: return load<u64>(cpu, MISA);
    case d.CSR_MEDELEG: return load<u64>(cpu, MEDELEG);
    case d.CSR_MIDELEG: return load<u64>(cpu, MIDELEG);
    case d.CSR_MIE: return load<u64>(cpu, MIE);
    case d.CSR_MTVEC: return load<u64>(cpu, MTVEC);
    case d.CSR_MCOUNTEREN: return load<u64>(cpu, MCOUNTEREN);
    case d.CSR_MENVCFG: return load<u64>(cpu, MENVCFG);
    case d.CSR_MCOUNTINHIBIT: return load<u64>(cpu, MCOUNTINHIBIT);
    case d.CSR_MSCRATCH: return load<u64>(cpu, MSCRATCH);
    case d.CSR_MEPC: return load<u64>(cpu, MEPC) & ~<u64>1;
    case d.CSR_MCAUSE: return load<u64>(cpu, MCAUSE);
    case d.CSR_MTVAL: return load<u64>(cpu, MTVAL);
    case d.CSR_MIP: return mipValue();
    case d.CSR_PMPCFG0: return load<u64>(cpu, PMPCFG0);
    case d.CSR_PMPCFG2: return load<u64>(cpu, PMPCFG2);
    case d.CSR_TSELECT: return 0;
    case d.CSR_TDATA1: return 0; // type 0: no trigger at this index
    case d.CSR_TDATA2: return 0;
    case d.CSR_TDATA3: return 0;
    case d.CSR_MCYCLE: return mcycle();
    case d.CSR_MINSTRET: return minstret();
    case d.CSR_CYCLE: return counterAllowed(d.COUNTEREN_CY, priv) ? mcycle() : illegal();
    case d.CSR_TIME: return counterAllowed(d.COUNTEREN_TM, priv) ? timeNow() : illegal();
    case d.CSR_INSTRET: return counterAllowed(d.COUNTEREN_IR, priv) ? minstret() : illegal();
    case d.CSR_MVENDORID: return 0;
    case d.CSR_MARCHID: return 0;
    case d.CSR_MIMPID: return 0;
    case d.CSR_MHARTID: return load<u64>(cpu, MHARTID);
    case d.CSR_MCONFIGPTR: return 0;
  }
  if (csr >= d.CSR_PMPADDR0 && csr <= d.CSR_PMPADDR15) return load<u64>(cpu + PMPADDR + ((csr - d.CSR_PMPADDR0) << 3));
  // Performance-monitoring counters and events exist but count nothing.
  if (csr >= d.CSR_MHPMCOUNTER3 && csr <= d.CSR_MHPMCOUNTER31) return 0;
  if (csr >= d.CSR_MHPMEVENT3 && csr <= d.CSR_MHPMEVENT31) return 0;
  if (csr >= d.CSR_HPMCOUNTER3 && csr <= d.CSR_HPMCOUNTER31) {
    return counterAllowed(<u64>1 << (csr - d.CSR_CYCLE), priv) ? 0 : illegal();
  }
  return illegal();
}

function csrWrite(csr: u32, value: u64, priv: u64): void {
  switch (csr) {
    // (csrRead refused these with FS = Off before a write could happen.)
    case d.CSR_FFLAGS: writeFcsr((load<u64>(cpu, FCSR) & ~<u64>0x1f) | (value & 0x1f)); return;
    case d.CSR_FRM: writeFcsr((load<u64>(cpu, FCSR) & 0x1f) | ((value & 7) << 5)); return;
    case d.CSR_FCSR: writeFcsr(value & 0xff); return;
    case d.CSR_SSTATUS: {
      const m = load<u64>(cpu, MSTATUS);
      writeMstatus((m & ~d.SSTATUS_WRITABLE) | (value & d.SSTATUS_WRITABLE));
      return;
    }
    case d.CSR_SIE: {
      const deleg = load<u64>(cpu, MIDELEG);
      store<u64>(cpu, (load<u64>(cpu, MIE) & ~deleg) | (value & deleg), MIE);
      return;
    }
    case d.CSR_STVEC: writeTvec(STVEC, value); return;
    case d.CSR_SCOUNTEREN: store<u64>(cpu, value & 0xffffffff, SCOUNTEREN); return;
    case d.CSR_SENVCFG: store<u64>(cpu, value & d.ENVCFG_FIOM, SENVCFG); return;
    case d.CSR_SSCRATCH: store<u64>(cpu, value, SSCRATCH); return;
    case d.CSR_SEPC: store<u64>(cpu, value & ~<u64>1, SEPC); return;
    case d.CSR_SCAUSE: store<u64>(cpu, value, SCAUSE); return;
    case d.CSR_STVAL: store<u64>(cpu, value, STVAL); return;
    case d.CSR_SIP: {
      // Only SSIP is writable from S, and only when it is delegated.
      const mask = load<u64>(cpu, MIDELEG) & d.MIP_SSIP;
      store<u64>(cpu, (load<u64>(cpu, MIP) & ~mask) | (value & mask), MIP);
      return;
    }
    case d.CSR_STIMECMP:
      store<u64>(cpu, value, STIMECMP);
      sstcUpdate();
      return;
    case d.CSR_SATP: writeSatp(value); return;
    case d.CSR_MSTATUS: writeMstatus(value); return;
    case d.CSR_MISA: return; // fixed: the core cannot switch extensions off
    case d.CSR_MEDELEG: store<u64>(cpu, value & d.MEDELEG_WRITABLE, MEDELEG); return;
    case d.CSR_MIDELEG: store<u64>(cpu, value & d.MIP_S_ALL, MIDELEG); return;
    case d.CSR_MIE: store<u64>(cpu, value & d.MIP_ALL, MIE); return;
    case d.CSR_MTVEC: writeTvec(MTVEC, value); return;
    case d.CSR_MCOUNTEREN: store<u64>(cpu, value & 0xffffffff, MCOUNTEREN); return;
    case d.CSR_MENVCFG: {
      const sstc = (load<u64>(cpu, CONFIG) & CONFIG_SSTC) != 0;
      store<u64>(cpu, value & (d.ENVCFG_FIOM | (sstc ? d.MENVCFG_STCE : 0)), MENVCFG);
      sstcUpdate();
      return;
    }
    case d.CSR_MCOUNTINHIBIT: writeCountInhibit(value); return;
    case d.CSR_MSCRATCH: store<u64>(cpu, value, MSCRATCH); return;
    case d.CSR_MEPC: store<u64>(cpu, value & ~<u64>1, MEPC); return;
    case d.CSR_MCAUSE: store<u64>(cpu, value, MCAUSE); return;
    case d.CSR_MTVAL: store<u64>(cpu, value, MTVAL); return;
    case d.CSR_MIP: {
      let mask = d.MIP_WRITABLE;
      if (sstcActive()) mask &= ~d.MIP_STIP; // STIP belongs to stimecmp then
      store<u64>(cpu, (load<u64>(cpu, MIP) & ~mask) | (value & mask), MIP);
      return;
    }
    case d.CSR_PMPCFG0: store<u64>(cpu, value, PMPCFG0); return;
    case d.CSR_PMPCFG2: store<u64>(cpu, value, PMPCFG2); return;
    case d.CSR_TSELECT: return;
    case d.CSR_TDATA1: return;
    case d.CSR_TDATA2: return;
    case d.CSR_TDATA3: return;
    case d.CSR_MCYCLE: writeCounter(MCYCLE_DELTA, d.COUNTEREN_CY, value); return;
    case d.CSR_MINSTRET: writeCounter(MINSTRET_DELTA, d.COUNTEREN_IR, value); return;
  }
  if (csr >= d.CSR_PMPADDR0 && csr <= d.CSR_PMPADDR15) {
    // pmpaddr holds bits 55:2 of an address: 54 bits.
    store<u64>(cpu + PMPADDR + ((csr - d.CSR_PMPADDR0) << 3), value & ((<u64>1 << 54) - 1));
  }
  // mhpmcounterN / mhpmeventN: read-only zero in effect, writes are ignored.
}

/** fcsr is FP state: writing it makes FS Dirty. */
function writeFcsr(value: u64): void {
  store<u64>(cpu, value, FCSR);
  fpDirty();
}

function writeMstatus(value: u64): void {
  const old = load<u64>(cpu, MSTATUS);
  let next = value & d.MSTATUS_WRITABLE;
  if ((next & d.MSTATUS_FS) == d.MSTATUS_FS_DIRTY) next |= d.MSTATUS_SD;
  // MPP is WARL: 2 (reserved) keeps the previous mode.
  if ((next & d.MSTATUS_MPP) == (<u64>2 << d.MSTATUS_MPP_SHIFT)) next = (next & ~d.MSTATUS_MPP) | (old & d.MSTATUS_MPP);
  store<u64>(cpu, next | d.MSTATUS_XL64, MSTATUS);
  tlbContext();
}

/** Vectored (1) and direct (0) modes exist; a write of another mode is ignored, as on QEMU. */
function writeTvec(slot: u32, value: u64): void {
  if ((value & 3) < 2) store<u64>(cpu + slot, value);
}

/** satp is WARL: only Bare and Sv39 are accepted; any other mode leaves satp unchanged. */
function writeSatp(value: u64): void {
  const priv = load<u64>(cpu, PRIV);
  if (priv == d.PRIV_S && (load<u64>(cpu, MSTATUS) & d.MSTATUS_TVM)) {
    illegal();
    return;
  }
  const mode = value >> d.SATP_MODE_SHIFT;
  if (mode != d.SATP_MODE_BARE && mode != d.SATP_MODE_SV39) return;
  store<u64>(cpu, value, SATP);
  tlbFlush();
}

/** While a counter is inhibited its delta slot holds the frozen value itself. */
function writeCountInhibit(value: u64): void {
  const old = load<u64>(cpu, MCOUNTINHIBIT);
  const next = value & (d.COUNTEREN_CY | d.COUNTEREN_IR);
  const retired = retiredNow();
  if ((old ^ next) & d.COUNTEREN_CY) {
    const delta = load<u64>(cpu, MCYCLE_DELTA);
    store<u64>(cpu, (next & d.COUNTEREN_CY) ? retired + delta : delta - retired, MCYCLE_DELTA);
  }
  if ((old ^ next) & d.COUNTEREN_IR) {
    const delta = load<u64>(cpu, MINSTRET_DELTA);
    store<u64>(cpu, (next & d.COUNTEREN_IR) ? retired + delta : delta - retired, MINSTRET_DELTA);
  }
  store<u64>(cpu, next, MCOUNTINHIBIT);
}

function writeCounter(slot: u32, inhibitBit: u64, value: u64): void {
  const inhibited = (load<u64>(cpu, MCOUNTINHIBIT) & inhibitBit) != 0;
  // The writing instruction itself still retires after the write, hence the + 1.
  store<u64>(cpu + slot, inhibited ? value : value - retiredNow() - 1);
}
