// Classic virtualization (DESIGN.md "Two models of a virtual CPU"; Popek and Goldberg 1974): the
// guest's kernel runs in the physical hart's U-mode, and the hypervisor keeps its supervisor
// state. The privileged spec says RISC-V was designed for this ("a guest OS is run at user-level,
// as the few privileged instructions can be easily detected and trapped"): every instruction
// that reads or changes supervisor state is privileged, so deprivileged it traps (the core's
// CONFIG_CLASSIC ends the run with EXIT_TRAP), and the hypervisor emulates it here against the
// VM's shadow state, then resumes the guest after it.
//
// What the hypervisor keeps for the guest (the shadow of its S-mode):
//   priv                      its virtual mode, U or S (the hart is in U for both)
//   sstatus (SIE SPIE SPP SUM MXR), stvec, sscratch, sepc, scause, stval, satp, scounteren,
//   senvcfg, stimecmp         here, never in the hart
//   sstatus.FS                in the hart's mstatus: the hart checks FP instructions against
//                             it and marks it Dirty itself, as it would the guest's
//   sie / sip                 the vCPU block's mie / mip / interrupt lines (through mideleg),
//                             where the timers, the PLIC and SBI IPIs raise them in both models;
//                             the core takes no interrupts in classic mode, this file delivers them
// and what the physical hart gets: PRIV = U; satp = the shadow page table for the guest's satp
// and virtual mode (src/hypervisor/shadow-mmu.ts); scounteren = all counters in virtual S (only
// mcounteren gates S), the guest's own in virtual U.
//
// Traps (EXIT_TRAP), by cause:
//   illegal instruction from virtual S   a privileged instruction: emulated (CSR access, sret,
//                                        wfi, sfence.vma); anything else is the guest's own
//   ecall from virtual S                 an SBI call: served as a hypercall
//   page fault                           a shadow miss: filled from the guest's tables, or the
//                                        guest's own page fault when its tables say so
//   everything else                      the guest's own: delivered to its stvec as the hart
//                                        would have (scause, stval, sepc, sstatus, virtual S)

import * as L from "../core/layout.js";
import { MIP_SEIP, MIP_SSIP, MIP_STIP, type Vcpu } from "../core/vcpu.js";
import type { HartTimers } from "../vm/timers.js";
import { ACCESS_FETCH, ACCESS_LOAD, ACCESS_STORE, ShadowMmu, type GuestContext } from "./shadow-mmu.js";

const PRIV_U = 0;
const PRIV_S = 1;

// sstatus (privileged spec 4.1.1).
const SIE = 1n << 1n;
const SPIE = 1n << 5n;
const SPP = 1n << 8n;
const FS = 3n << 13n;
const SUM = 1n << 18n;
const MXR = 1n << 19n;
const SD = 1n << 63n;
const UXL_64 = 2n << 32n;
/** The sstatus bits the hypervisor keeps (FS stays in the hart's mstatus). */
const SHADOW_SSTATUS = SIE | SPIE | SPP | SUM | MXR;

const CAUSE_INTERRUPT = 1n << 63n;
const CAUSE_ILLEGAL_INSTRUCTION = 2n;
const CAUSE_USER_ECALL = 8n;
const CAUSE_FETCH_PAGE_FAULT = 12n;
const CAUSE_LOAD_PAGE_FAULT = 13n;
const CAUSE_STORE_PAGE_FAULT = 15n;
const IRQ_SSI = 1n;
const IRQ_STI = 5n;
const IRQ_SEI = 9n;

// menvcfg / mcounteren as the hypervisor set them at boot (src/vm/vm.ts): Sstc's conditions.
const MENVCFG_STCE = 1n << 63n;
const COUNTEREN_TM = 1n << 1n;
const ENVCFG_FIOM = 1n;

/** The S-level CSRs (privileged spec table 2.2) by number, with their names for the statistics. */
const CSR_NAMES: ReadonlyMap<number, string> = new Map([
  [0x100, "sstatus"], [0x104, "sie"], [0x105, "stvec"], [0x106, "scounteren"], [0x10a, "senvcfg"],
  [0x140, "sscratch"], [0x141, "sepc"], [0x142, "scause"], [0x143, "stval"], [0x144, "sip"],
  [0x14d, "stimecmp"], [0x180, "satp"],
]);
const CSR_MNEMONICS = ["", "csrrw", "csrrs", "csrrc", "", "csrrwi", "csrrsi", "csrrci"];

const SFENCE_VMA = 0x09; // funct7
const SRET = 0x10200073;
const WFI = 0x10500073;

/** Shadow page-table pool per VM: 4 MiB (its tables are built again when it fills). */
export const SHADOW_POOL_PAGES = 1024;
/** A fault filled this many times in a row at one pc without progress is a defect, not a guest's doing. */
const MAX_REFILLS = 4;

/** What the classic CPU needs of its hart. */
export interface ClassicHart {
  readonly vcpu: Vcpu;
  readonly timers: HartTimers;
  /** The guest has Sstc (stimecmp), which this file emulates. */
  readonly sstc: boolean;
  /** Serves the SBI call in a0..a7 (pc is already past the ecall). */
  hypercall(): void;
  /** The guest executed wfi with no enabled interrupt pending. */
  waitForInterrupt(): void;
  /** A virtual timer deadline changed. */
  timersChanged(): void;
  /** The guest's trap handler faults on its own first instruction: it can never make progress. */
  noHandler(cause: bigint, pc: bigint): void;
  /** Something went wrong that no guest can cause: stop the VM with this reason. */
  fatal(reason: string): void;
}

export interface ClassicStats {
  /** Emulated privileged instructions by name ("csrrs sstatus", "sret", "ecall", ...). */
  readonly privileged: Map<string, number>;
  /** Traps delivered to the guest (its own exceptions), and virtual interrupts injected. */
  reflected: number;
  injected: number;
  /** Host milliseconds spent emulating and delivering (the shadow MMU counts its own). */
  hostMs: number;
}

export class ClassicCpu {
  /** The guest's virtual mode: PRIV_U or PRIV_S. */
  priv = PRIV_S;
  sstatus = 0n;
  stvec = 0n;
  sscratch = 0n;
  sepc = 0n;
  scause = 0n;
  stval = 0n;
  satp = 0n;
  scounteren = 0n;
  senvcfg = 0n;
  stimecmp = 0n;
  readonly shadow: ShadowMmu;
  readonly stats: ClassicStats = { privileged: new Map(), reflected: 0, injected: 0, hostMs: 0 };
  private readonly hart: ClassicHart;
  /** The hart's satp and scounteren need recomputing (mode, satp, SUM/MXR or shadow changed). */
  private stale = true;
  private generation = -1;
  /** The last exception delivered: where it went and when (a handler that faults at once). */
  private lastTarget = -1n;
  private lastRetired = -1n;
  /** The last shadow fill (pc, address) and how often it repeated. */
  private lastFill = "";
  private refills = 0;

  constructor(hart: ClassicHart, shadow: ShadowMmu) {
    this.hart = hart;
    this.shadow = shadow;
  }

  private get vcpu(): Vcpu {
    return this.hart.vcpu;
  }

  /**
   * Power-on, after the VM set up its kernel-boot state in the block: the block's supervisor
   * state moves into the shadow, and the hart becomes the deprivileged one.
   */
  powerOn(): void {
    const v = this.vcpu;
    this.priv = Number(v.get(L.PRIV)) === PRIV_U ? PRIV_U : PRIV_S;
    const mstatus = v.get(L.MSTATUS);
    this.sstatus = mstatus & SHADOW_SSTATUS;
    this.stvec = v.get(L.STVEC);
    this.sscratch = v.get(L.SSCRATCH);
    this.sepc = v.get(L.SEPC);
    this.scause = v.get(L.SCAUSE);
    this.stval = v.get(L.STVAL);
    this.satp = v.get(L.SATP);
    this.scounteren = v.get(L.SCOUNTEREN);
    this.senvcfg = v.get(L.SENVCFG);
    // The core's reset value; with Sstc, STIP follows it from the start as in the assisted model.
    this.stimecmp = v.get(L.STIMECMP);
    if (this.stimecmpAllowed()) this.hart.timers.setSupervisorTimer(this.stimecmp);
    v.set(L.MSTATUS, mstatus & ~SHADOW_SSTATUS);
    v.set(L.PRIV, BigInt(PRIV_U));
    v.set(L.CONFIG, BigInt(L.CONFIG_CLASSIC));
    v.set(L.SHADOW_HOST, BigInt(this.shadow.host));
    v.set(L.SHADOW_SIZE, BigInt(this.shadow.pages * 4096));
    this.shadow.flushAll();
    this.stale = true;
    this.lastTarget = -1n;
    this.lastRetired = -1n;
    this.lastFill = "";
    this.refills = 0;
  }

  /** The guest's context for its page-table checks. */
  get context(): GuestContext {
    return { priv: this.priv, sum: (this.sstatus & SUM) !== 0n, mxr: (this.sstatus & MXR) !== 0n };
  }

  /**
   * Before every run: a virtual interrupt the guest can take now is delivered (as the hart would
   * at an instruction boundary), and the hart gets the translation and counters of the guest's
   * current mode.
   */
  enter(): void {
    const irq = this.pendingInterrupt();
    if (irq !== undefined) {
      this.deliver(CAUSE_INTERRUPT | irq, 0n, this.vcpu.pc);
      this.stats.injected++;
      const v = this.vcpu;
      v.set(L.IRQ_TAKEN, v.get(L.IRQ_TAKEN) + 1n);
      v.set(L.IRQ_TAKEN_CLOCK, v.get(L.CLOCK));
      v.set(L.IRQ_TAKEN_CAUSE, irq);
    }
    if (this.shadow.generation !== this.generation) this.stale = true;
    if (!this.stale) return;
    const v = this.vcpu;
    v.set(L.SATP, this.shadow.physicalSatp(this.satp, this.context));
    v.set(L.SCOUNTEREN, this.priv === PRIV_S ? 0xffff_ffffn : this.scounteren);
    // The hart's TLB is not tagged with the shadow it was filled from.
    v.core.exports.flushTlb(v.block);
    this.generation = this.shadow.generation;
    this.stale = false;
  }

  /** sip & sie, if the guest's mode and sstatus.SIE let one in now: SEI, SSI, STI in that order. */
  private pendingInterrupt(): bigint | undefined {
    const pending = this.enabledInterrupts() & (this.vcpu.get(L.MIP) | this.vcpu.get(L.MIP_LINES));
    if (pending === 0n) return undefined;
    if (pending & MIP_SEIP) return IRQ_SEI;
    if (pending & MIP_SSIP) return IRQ_SSI;
    if (pending & MIP_STIP) return IRQ_STI;
    return undefined;
  }

  /** The sie bits the guest would take now if pending (the privileged spec's enable rule for S). */
  enabledInterrupts(): bigint {
    if (this.priv === PRIV_S && !(this.sstatus & SIE)) return 0n;
    return this.vcpu.get(L.MIE) & this.vcpu.get(L.MIDELEG);
  }

  /** An EXIT_TRAP: emulate, fill the shadow, or deliver the guest's own trap. */
  trap(): void {
    const t0 = performance.now();
    const v = this.vcpu;
    let cause = v.get(L.EXIT_VALUE);
    let tval = v.get(L.EXIT_ADDR);
    const pc = v.pc;
    try {
      if (cause === CAUSE_ILLEGAL_INSTRUCTION && this.priv === PRIV_S && this.emulate(Number(tval & 0xffff_ffffn), pc)) return;
      if (cause === CAUSE_USER_ECALL && this.priv === PRIV_S) {
        this.count("ecall");
        v.pc = pc + 4n;
        this.hart.hypercall();
        return;
      }
      if (cause === CAUSE_FETCH_PAGE_FAULT || cause === CAUSE_LOAD_PAGE_FAULT || cause === CAUSE_STORE_PAGE_FAULT) {
        const access = cause === CAUSE_FETCH_PAGE_FAULT ? ACCESS_FETCH : cause === CAUSE_LOAD_PAGE_FAULT ? ACCESS_LOAD : ACCESS_STORE;
        const own = this.shadow.fault(this.satp, this.context, tval, access);
        if (own === null) {
          this.filled(pc, tval);
          return;
        }
        cause = own.cause;
        tval = own.tval;
      }
      this.stats.reflected++;
      this.deliverException(cause, tval, pc);
    } finally {
      this.stats.hostMs += performance.now() - t0;
    }
  }

  /** The shadow MMU is flushed whole (SBI remote sfence.vma, a reset). */
  flushShadow(): void {
    this.shadow.flushAll();
  }

  private filled(pc: bigint, va: bigint): void {
    const key = `${pc}:${va}`;
    this.refills = key === this.lastFill ? this.refills + 1 : 0;
    this.lastFill = key;
    if (this.refills >= MAX_REFILLS) {
      this.hart.fatal(`shadow paging made no progress at pc 0x${pc.toString(16)} (address 0x${va.toString(16)}): a defect of rvisor's`);
    }
  }

  // ---- emulation of the privileged instructions (privileged spec 2, 3.3, 4.1) ----------------

  /** Emulates a trapped instruction of virtual S-mode; false when the guest must take the trap. */
  private emulate(insn: number, pc: bigint): boolean {
    if ((insn & 0x7f) !== 0x73) return false;
    const f3 = (insn >>> 12) & 7;
    const rd = (insn >>> 7) & 31;
    const rs1 = (insn >>> 15) & 31;
    const v = this.vcpu;
    if (f3 === 0) {
      if (insn >>> 25 === SFENCE_VMA && rd === 0) {
        this.count("sfence.vma");
        if (rs1 === 0) this.shadow.flushAll();
        else {
          this.shadow.flushPage(v.x(rs1));
          v.core.exports.flushTlb(v.block);
        }
        v.pc = pc + 4n;
        return true;
      }
      if (insn === SRET) {
        this.count("sret");
        this.sret();
        return true;
      }
      if (insn === WFI) {
        this.count("wfi");
        v.pc = pc + 4n;
        if (v.interruptsPending() === 0n) this.hart.waitForInterrupt();
        return true;
      }
      return false;
    }
    if (f3 === 4) return false;
    const csr = insn >>> 20;
    const name = CSR_NAMES.get(csr);
    // Only S-level CSRs are the guest kernel's; anything else it must not reach (M-level) or
    // trapped for its own reasons (a counter scounteren hides, fcsr with FS off).
    if (name === undefined) return false;
    const writes = f3 === 1 || f3 === 5 || rs1 !== 0;
    const old = this.readCsr(csr);
    if (old === undefined) return false;
    if (writes) {
      const operand = f3 >= 5 ? BigInt(rs1) : v.x(rs1);
      const op = f3 & 3;
      this.writeCsr(csr, op === 1 ? operand : op === 2 ? old | operand : old & ~operand);
    }
    v.setX(rd, old);
    v.pc = pc + 4n;
    this.count(`${CSR_MNEMONICS[f3]} ${name}`);
    return true;
  }

  /** The S-level CSR as the guest reads it, or undefined when the read is illegal. */
  private readCsr(csr: number): bigint | undefined {
    const v = this.vcpu;
    switch (csr) {
      case 0x100: {
        const fs = v.get(L.MSTATUS) & FS;
        return this.sstatus | fs | UXL_64 | (fs === FS ? SD : 0n);
      }
      case 0x104: return v.get(L.MIE) & v.get(L.MIDELEG);
      case 0x105: return this.stvec;
      case 0x106: return this.scounteren;
      case 0x10a: return this.senvcfg;
      case 0x140: return this.sscratch;
      case 0x141: return this.sepc;
      case 0x142: return this.scause;
      case 0x143: return this.stval;
      case 0x144: return (v.get(L.MIP) | v.get(L.MIP_LINES)) & v.get(L.MIDELEG);
      case 0x14d: return this.stimecmpAllowed() ? this.stimecmp : undefined;
      case 0x180: return this.satp;
    }
    return undefined;
  }

  /** Writes an S-level CSR with the WARL rules the core applies in the assisted model (csr.ts). */
  private writeCsr(csr: number, value: bigint): void {
    const v = this.vcpu;
    value = BigInt.asUintN(64, value);
    switch (csr) {
      case 0x100: {
        const next = value & SHADOW_SSTATUS;
        if ((next ^ this.sstatus) & (SUM | MXR)) this.stale = true;
        this.sstatus = next;
        const mstatus = v.get(L.MSTATUS) & ~(FS | SD);
        const fs = value & FS;
        v.set(L.MSTATUS, mstatus | fs | (fs === FS ? SD : 0n));
        return;
      }
      case 0x104: {
        const deleg = v.get(L.MIDELEG);
        v.set(L.MIE, (v.get(L.MIE) & ~deleg) | (value & deleg));
        return;
      }
      case 0x105: if ((value & 3n) < 2n) this.stvec = value; return;
      case 0x106:
        this.scounteren = value & 0xffff_ffffn;
        this.stale = true;
        return;
      case 0x10a: this.senvcfg = value & ENVCFG_FIOM; return;
      case 0x140: this.sscratch = value; return;
      case 0x141: this.sepc = value & ~1n; return;
      case 0x142: this.scause = value; return;
      case 0x143: this.stval = value; return;
      case 0x144: {
        // Only SSIP is writable from S, and only when it is delegated.
        const mask = v.get(L.MIDELEG) & MIP_SSIP;
        v.set(L.MIP, (v.get(L.MIP) & ~mask) | (value & mask));
        return;
      }
      case 0x14d:
        this.stimecmp = value;
        // STIP follows time >= stimecmp: the hypervisor's virtual timer raises it at the
        // deadline, and a later deadline lowers it at once.
        this.hart.timers.setSupervisorTimer(value);
        this.hart.timersChanged();
        return;
      case 0x180: {
        // WARL: only Bare and Sv39; another mode leaves satp as it was.
        const mode = value >> 60n;
        if (mode !== 0n && mode !== 8n) return;
        this.satp = value;
        this.stale = true;
        return;
      }
    }
  }

  /** stimecmp exists with Sstc, and S-mode may use it with menvcfg.STCE and mcounteren.TM. */
  private stimecmpAllowed(): boolean {
    const v = this.vcpu;
    return this.hart.sstc && (v.get(L.MENVCFG) & MENVCFG_STCE) !== 0n && (v.get(L.MCOUNTEREN) & COUNTEREN_TM) !== 0n;
  }

  /** sret: back to SPP with SIE restored from SPIE (privileged spec 3.3.2). */
  private sret(): void {
    const s = this.sstatus;
    this.priv = s & SPP ? PRIV_S : PRIV_U;
    this.sstatus = (s & ~(SIE | SPP)) | (s & SPIE ? SIE : 0n) | SPIE;
    this.vcpu.pc = this.sepc;
    this.stale = true;
  }

  // ---- delivering the guest's traps ----------------------------------------------------------

  private deliverException(cause: bigint, tval: bigint, epc: bigint): void {
    const target = this.deliver(cause, tval, epc);
    // As the core does in the assisted model (trap.ts takeTrap): an exception raised by the
    // first instruction of the handler it enters again can never make progress.
    const retired = this.vcpu.get(L.RETIRED) - 1n; // the trapping instruction did not retire
    if (epc === target && epc === this.lastTarget && retired === this.lastRetired + 1n) this.hart.noHandler(cause, epc);
    this.lastTarget = target;
    this.lastRetired = retired;
  }

  /** The trap as the hart takes it into S-mode (privileged spec 4.1.1, 4.1.2); returns the handler. */
  private deliver(cause: bigint, tval: bigint, epc: bigint): bigint {
    const s = this.sstatus;
    this.sepc = epc;
    this.scause = cause;
    this.stval = tval;
    this.sstatus = (s & ~(SPIE | SIE | SPP)) | (s & SIE ? SPIE : 0n) | (this.priv === PRIV_S ? SPP : 0n);
    this.priv = PRIV_S;
    let target = this.stvec & ~3n;
    if ((this.stvec & 1n) && (cause & CAUSE_INTERRUPT)) target += (cause & 63n) << 2n;
    this.vcpu.pc = target;
    this.stale = true;
    return target;
  }

  private count(name: string): void {
    const m = this.stats.privileged;
    m.set(name, (m.get(name) ?? 0) + 1);
  }
}
