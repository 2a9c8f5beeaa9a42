// Classic virtualization (DESIGN.md "Two models of a virtual CPU"; Popek and Goldberg 1974): the
// guest runs in the physical hart's U-mode, and the hypervisor keeps its privileged state. The
// privileged spec says RISC-V was designed for this ("a guest OS is run at user-level, as the few
// privileged instructions can be easily detected and trapped"): every instruction that reads or
// changes privileged state is privileged, so deprivileged it traps (the core's CONFIG_CLASSIC
// ends the run with EXIT_TRAP), and the hypervisor emulates it here against the VM's shadow
// state, then resumes the guest after it. The guest's virtual modes are all three: a kernel-mode
// guest's kernel in virtual S (the hypervisor is its SBI), a firmware-mode guest's firmware
// (OpenSBI) in virtual M with its kernel in virtual S; each runs in the hart's U-mode.
//
// What the hypervisor keeps for the guest (its shadow state), and where:
//   priv                      its virtual mode, U, S or M (the hart is in U for all three)
//   mstatus (and the sstatus view), medeleg, mtvec, mscratch, mepc, mcause, mtval, mcounteren,
//   menvcfg, stvec, sscratch, sepc, scause, stval, satp, scounteren, senvcfg, stimecmp
//                             here, never in the hart
//   mstatus.FS                in the hart's mstatus: the hart checks FP instructions against
//                             it and marks it Dirty itself, as it would the guest's
//   mideleg, mie, mip         the vCPU block's own slots, where the timers, the CLINT, the PLIC
//                             and SBI IPIs raise lines in both models; the core takes no
//                             interrupts in classic mode, this file delivers them
//   misa, mhartid, pmp*, mcountinhibit and the counters' deltas
//                             the block's slots too: the core reads cycle/time/instret for the
//                             deprivileged guest natively, from the same deltas
// and what the physical hart gets: PRIV = U; satp = Bare in virtual M, else the shadow page
// table for the guest's satp and virtual mode (src/hypervisor/shadow-mmu.ts); mcounteren all
// ones and scounteren the counters the guest's mode may read (all in M, mcounteren in S,
// mcounteren & scounteren in U), so that an unprivileged counter read traps exactly when it
// would on the guest's own hart.
//
// Traps (EXIT_TRAP), by cause:
//   illegal instruction       a privileged instruction the guest's mode may execute: emulated
//                             (CSR accesses, sret, mret, wfi, sfence.vma) with the core's rules
//                             (assembly/csr.ts, trap.ts); anything else is the guest's own
//   ecall                     from virtual S of a kernel-mode guest: an SBI call, served as a
//                             hypercall; else the guest's ecall from its virtual mode (8, 9, 11)
//   page fault                a shadow miss: filled from the guest's tables, or the guest's own
//                             page fault when its tables say so
//   everything else           the guest's own
// The guest's own traps and its interrupts are delivered as its hart would take them: through
// medeleg/mideleg to its virtual S or M, with the cause, tval, epc and status stack of that mode.
//
// Not emulated: mstatus.MPRV in virtual M with translation on for MPP's mode (the hart cannot
// fetch untranslated and load translated at once). OpenSBI uses it only to emulate a misaligned
// access or to read an instruction, which this core never asks of it; a guest that does stops
// with a clear reason.

import * as L from "../core/layout.js";
import { MIP_MEIP, MIP_MSIP, MIP_MTIP, MIP_SEIP, MIP_SSIP, MIP_STIP, type Vcpu } from "../core/vcpu.js";
import * as P from "../core/privileged.js";
import { NEVER } from "../time.js";
import type { HartTimers } from "../vm/timers.js";
import { ACCESS_FETCH, ACCESS_LOAD, ACCESS_STORE, ShadowMmu, type GuestContext } from "./shadow-mmu.js";

// sstatus/mstatus bits by their short names, as the spec's text uses them.
const SIE = P.MSTATUS_SIE, MIE = P.MSTATUS_MIE, SPIE = P.MSTATUS_SPIE, MPIE = P.MSTATUS_MPIE, SPP = P.MSTATUS_SPP;
const MPP = P.MSTATUS_MPP, MPP_SHIFT = P.MSTATUS_MPP_SHIFT, FS = P.MSTATUS_FS, MPRV = P.MSTATUS_MPRV;
const SUM = P.MSTATUS_SUM, MXR = P.MSTATUS_MXR, TVM = P.MSTATUS_TVM, TW = P.MSTATUS_TW, TSR = P.MSTATUS_TSR, SD = P.MSTATUS_SD;
/** The status bits the hypervisor keeps (FS stays in the hart). */
const SHADOW_MSTATUS = P.MSTATUS_WRITABLE & ~FS;

const MIP_S_ALL = MIP_SSIP | MIP_STIP | MIP_SEIP;
const MIP_ALL = MIP_S_ALL | MIP_MSIP | MIP_MTIP | MIP_MEIP;
/** Interrupts by priority (privileged spec 3.1.9): MEI, MSI, MTI, SEI, SSI, STI. */
const PRIORITY = [P.IRQ_MEI, P.IRQ_MSI, P.IRQ_MTI, P.IRQ_SEI, P.IRQ_SSI, P.IRQ_STI];
const PMPADDR_MASK = (1n << 54n) - 1n;

/** CSR names for the statistics (privileged spec table 2.2-2.5); others print as their number. */
const CSR_NAMES: ReadonlyMap<number, string> = new Map([
  [0x100, "sstatus"], [0x104, "sie"], [0x105, "stvec"], [0x106, "scounteren"], [0x10a, "senvcfg"],
  [0x140, "sscratch"], [0x141, "sepc"], [0x142, "scause"], [0x143, "stval"], [0x144, "sip"],
  [0x14d, "stimecmp"], [0x180, "satp"],
  [0x300, "mstatus"], [0x301, "misa"], [0x302, "medeleg"], [0x303, "mideleg"], [0x304, "mie"],
  [0x305, "mtvec"], [0x306, "mcounteren"], [0x30a, "menvcfg"], [0x320, "mcountinhibit"],
  [0x340, "mscratch"], [0x341, "mepc"], [0x342, "mcause"], [0x343, "mtval"], [0x344, "mip"],
  [0x3a0, "pmpcfg0"], [0x3a2, "pmpcfg2"], [0x7a0, "tselect"], [0x7a1, "tdata1"], [0x7a2, "tdata2"],
  [0x7a3, "tdata3"], [0xb00, "mcycle"], [0xb02, "minstret"], [0xf11, "mvendorid"], [0xf12, "marchid"],
  [0xf13, "mimpid"], [0xf14, "mhartid"], [0xf15, "mconfigptr"],
]);
const CSR_MNEMONICS = ["", "csrrw", "csrrs", "csrrc", "", "csrrwi", "csrrsi", "csrrci"];

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
  /** Stops the VM with this reason (something classic mode cannot do for this guest). */
  fatal(reason: string): void;
}

export interface ClassicStats {
  /** Emulated privileged instructions by name ("csrrs sstatus", "sret", "ecall", ...). */
  readonly privileged: Map<string, number>;
  /** Host milliseconds spent on them, by the same names (an SBI call's service included). */
  readonly privilegedMs: Map<string, number>;
  /** Traps delivered to the guest (its own exceptions), and virtual interrupts injected. */
  reflected: number;
  injected: number;
  /** Host milliseconds spent emulating and delivering (the shadow MMU's own share included). */
  hostMs: number;
}

export class ClassicCpu {
  /** The guest's virtual mode: P.PRIV_U, P.PRIV_S or P.PRIV_M. */
  priv = P.PRIV_M;
  /** The guest's mstatus without FS (which stays in the hart) and the fixed fields. */
  mstatus = 0n;
  medeleg = 0n;
  mtvec = 0n;
  mscratch = 0n;
  mepc = 0n;
  mcause = 0n;
  mtval = 0n;
  mcounteren = 0n;
  menvcfg = 0n;
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
  readonly stats: ClassicStats = { privileged: new Map(), privilegedMs: new Map(), reflected: 0, injected: 0, hostMs: 0 };
  /** The instruction the current trap emulated, for its host time. */
  private emulated: string | undefined;
  private readonly hart: ClassicHart;
  /** Kernel boot: ecalls from virtual S are SBI calls to the hypervisor. */
  private readonly hostSbi: boolean;
  /** The virtualizability report's ablation: the hart runs with CONFIG_SILENT_SSTATUS. */
  private silentSstatus = false;
  /** The hart's satp and counter enables need recomputing (mode, satp, status or shadow changed). */
  private stale = true;
  private generation = -1;
  /** The last exception delivered: where it went and when (a handler that faults at once). */
  private lastTarget = -1n;
  private lastRetired = -1n;
  /** The last shadow fill (pc, address, the retired count after it) and how often it repeated at once. */
  private lastFill = "";
  private lastFillRetired = -1n;
  private refills = 0;

  constructor(hart: ClassicHart, shadow: ShadowMmu, hostSbi: boolean) {
    this.hart = hart;
    this.shadow = shadow;
    this.hostSbi = hostSbi;
  }

  private get vcpu(): Vcpu {
    return this.hart.vcpu;
  }

  /**
   * Power-on, after the VM set up the boot state in the block (M-mode, or a kernel's S-mode with
   * its delegation): the block's privileged state moves into the shadow, and the hart becomes
   * the deprivileged one.
   */
  powerOn(): void {
    const v = this.vcpu;
    const priv = Number(v.get(L.PRIV));
    this.priv = priv === P.PRIV_M || priv === P.PRIV_S ? priv : P.PRIV_U;
    const mstatus = v.get(L.MSTATUS);
    this.mstatus = mstatus & SHADOW_MSTATUS;
    this.medeleg = v.get(L.MEDELEG);
    this.mtvec = v.get(L.MTVEC);
    this.mscratch = v.get(L.MSCRATCH);
    this.mepc = v.get(L.MEPC);
    this.mcause = v.get(L.MCAUSE);
    this.mtval = v.get(L.MTVAL);
    this.mcounteren = v.get(L.MCOUNTEREN);
    this.menvcfg = v.get(L.MENVCFG);
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
    this.sstcChanged();
    v.set(L.MSTATUS, (mstatus & FS) | P.MSTATUS_XL64);
    v.set(L.PRIV, BigInt(P.PRIV_U));
    v.set(L.CONFIG, BigInt(L.CONFIG_CLASSIC | (this.silentSstatus ? L.CONFIG_SILENT_SSTATUS : 0)) | (v.get(L.CONFIG) & BigInt(L.CONFIG_PAUSE_EXITS)));
    v.set(L.MCOUNTEREN, 0xffff_ffffn);
    v.set(L.SHADOW_HOST, BigInt(this.shadow.host));
    v.set(L.SHADOW_SIZE, BigInt(this.shadow.pages * 4096));
    this.shadow.flushAll();
    this.stale = true;
    this.lastTarget = -1n;
    this.lastRetired = -1n;
    this.lastFill = "";
    this.lastFillRetired = -1n;
    this.refills = 0;
  }

  /**
   * SBI hart_start of this hart (kernel boot, src/hypervisor/sbi.ts): the guest's S-mode with
   * translation off and sstatus.SIE clear; the VM set pc, a0 and a1.
   */
  startSupervisor(): void {
    this.priv = P.PRIV_S;
    this.satp = 0n;
    this.mstatus &= ~SIE;
    this.stale = true;
  }

  /**
   * The ablation of the virtualizability report (src/hypervisor/virtualizability.ts): from now on
   * the hart lets the guest's sstatus accesses execute silently instead of trapping, as x86's
   * POPF does in user mode, so they never reach this file.
   */
  ablateSstatus(): void {
    this.silentSstatus = true;
    this.vcpu.set(L.CONFIG, this.vcpu.get(L.CONFIG) | BigInt(L.CONFIG_SILENT_SSTATUS));
  }

  /** The guest's context for its page-table checks (virtual S or U; M never translates here). */
  get context(): GuestContext {
    return { priv: this.priv === P.PRIV_U ? P.PRIV_U : P.PRIV_S, sum: (this.mstatus & SUM) !== 0n, mxr: (this.mstatus & MXR) !== 0n };
  }

  /**
   * Before every run: a virtual interrupt the guest takes now is delivered (as the hart would at
   * an instruction boundary), and the hart gets the translation and counters of the guest's mode.
   * False when the guest cannot run (its VM was stopped).
   */
  enter(): boolean {
    const irq = this.pendingInterrupt();
    if (irq !== undefined) {
      this.deliver(P.CAUSE_INTERRUPT | irq, 0n, this.vcpu.pc);
      this.stats.injected++;
      const v = this.vcpu;
      v.set(L.IRQ_TAKEN, v.get(L.IRQ_TAKEN) + 1n);
      v.set(L.IRQ_TAKEN_CLOCK, v.get(L.CLOCK));
      v.set(L.IRQ_TAKEN_CAUSE, irq);
    }
    if (this.shadow.generation !== this.generation) this.stale = true;
    if (!this.stale) return true;
    const v = this.vcpu;
    const satp = this.physicalSatp();
    if (satp === undefined) return false;
    v.set(L.SATP, satp);
    const counters = this.priv === P.PRIV_M ? 0xffff_ffffn : this.priv === P.PRIV_S ? this.mcounteren : this.mcounteren & this.scounteren;
    v.set(L.SCOUNTEREN, counters);
    // The hart's TLB is not tagged with the shadow it was filled from.
    v.core.exports.flushTlb(v.block);
    this.generation = this.shadow.generation;
    this.stale = false;
    return true;
  }

  /** The hart's satp for the guest's mode now, or undefined when classic mode cannot run it (the VM is stopped). */
  private physicalSatp(): bigint | undefined {
    if (this.priv !== P.PRIV_M) return this.shadow.physicalSatp(this.satp, this.context);
    const mpp = (this.mstatus & MPP) >> MPP_SHIFT;
    if ((this.mstatus & MPRV) && mpp !== BigInt(P.PRIV_M) && this.satp >> 60n !== 0n) {
      this.hart.fatal(`classic mode: the guest's M-mode set mstatus.MPRV with translation on for its ${mpp === 0n ? "U" : "S"}-mode (at pc 0x${this.vcpu.pc.toString(16)}), which classic mode does not emulate`);
      return undefined;
    }
    return 0n;
  }

  /** mip as software reads it: the writable bits (STIP belongs to stimecmp under Sstc) and the lines. */
  private mip(): bigint {
    let soft = this.vcpu.get(L.MIP);
    if (this.sstcActive()) soft &= ~MIP_STIP;
    return soft | this.vcpu.get(L.MIP_LINES);
  }

  /** The mie bits the guest would take now if pending (the core's openInterrupts rule, trap.ts). */
  enabledInterrupts(): bigint {
    const mideleg = this.vcpu.get(L.MIDELEG);
    let open = 0n;
    if (this.priv < P.PRIV_M || (this.mstatus & MIE)) open |= ~mideleg;
    if (this.priv < P.PRIV_S || (this.priv === P.PRIV_S && (this.mstatus & SIE))) open |= mideleg;
    return this.vcpu.get(L.MIE) & open & MIP_ALL;
  }

  /** The interrupt to take now: for M before for S, each level in the spec's priority order. */
  private pendingInterrupt(): bigint | undefined {
    const taken = this.mip() & this.enabledInterrupts();
    if (taken === 0n) return undefined;
    const mideleg = this.vcpu.get(L.MIDELEG);
    for (const set of [taken & ~mideleg, taken & mideleg]) {
      for (const irq of PRIORITY) if (set & (1n << irq)) return irq;
    }
    return undefined;
  }

  /** An EXIT_TRAP: emulate, fill the shadow, or deliver the guest's own trap. */
  trap(): void {
    const t0 = performance.now();
    const v = this.vcpu;
    let cause = v.get(L.EXIT_VALUE);
    let tval = v.get(L.EXIT_ADDR);
    const pc = v.pc;
    this.emulated = undefined;
    try {
      if (cause === P.CAUSE_ILLEGAL_INSTRUCTION && this.priv !== P.PRIV_U && this.emulate(Number(tval & 0xffff_ffffn), pc)) return;
      if (cause === P.CAUSE_USER_ECALL) {
        if (this.priv === P.PRIV_S && this.hostSbi) {
          this.count("ecall");
          v.pc = pc + 4n;
          this.hart.hypercall();
          return;
        }
        cause = P.CAUSE_USER_ECALL + BigInt(this.priv); // the guest's own: from U, S or M
      } else if (cause === P.CAUSE_FETCH_PAGE_FAULT || cause === P.CAUSE_LOAD_PAGE_FAULT || cause === P.CAUSE_STORE_PAGE_FAULT) {
        const access = cause === P.CAUSE_FETCH_PAGE_FAULT ? ACCESS_FETCH : cause === P.CAUSE_LOAD_PAGE_FAULT ? ACCESS_LOAD : ACCESS_STORE;
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
      const ms = performance.now() - t0;
      this.stats.hostMs += ms;
      if (this.emulated !== undefined) {
        const by = this.stats.privilegedMs;
        by.set(this.emulated, (by.get(this.emulated) ?? 0) + ms);
      }
    }
  }

  /** The shadow MMU is flushed whole (SBI remote sfence.vma). */
  flushShadow(): void {
    this.shadow.flushAll();
  }

  /**
   * A fault the shadow absorbed: the guest never saw it, so the faulting instruction, counted as
   * executed when the run ended, did not retire; it runs again. minstret and mcycle take it back
   * (the physical clock keeps it: the hypervisor's work took time), so that the guest counts what
   * it would on its own hart. The same fault again with nothing retired in between, time after
   * time, would be a defect of ours: it stops the VM instead of looping.
   */
  private filled(pc: bigint, va: bigint): void {
    const v = this.vcpu;
    for (const [bit, slot] of [[P.COUNTEREN_CY, L.MCYCLE_DELTA], [P.COUNTEREN_IR, L.MINSTRET_DELTA]] as const) {
      if (!(v.get(L.MCOUNTINHIBIT) & bit)) v.set(slot, v.get(slot) - 1n);
    }
    const key = `${pc}:${va}`;
    const retired = v.get(L.RETIRED);
    this.refills = key === this.lastFill && retired === this.lastFillRetired + 1n ? this.refills + 1 : 0;
    this.lastFill = key;
    this.lastFillRetired = retired;
    if (this.refills >= MAX_REFILLS) {
      this.hart.fatal(`shadow paging made no progress at pc 0x${pc.toString(16)} (address 0x${va.toString(16)}): a defect of rvisor's`);
    }
  }

  // ---- emulation of the privileged instructions (privileged spec 2, 3.1, 3.3, 4.1) ------------

  /** Emulates a trapped instruction of virtual S or M; false when the guest must take the trap. */
  private emulate(insn: number, pc: bigint): boolean {
    if ((insn & 0x7f) !== 0x73) return false;
    const f3 = (insn >>> 12) & 7;
    const rd = (insn >>> 7) & 31;
    const rs1 = (insn >>> 15) & 31;
    const v = this.vcpu;
    const m = this.mstatus;
    const s = this.priv === P.PRIV_S;
    if (f3 === 0) {
      if (insn >>> 25 === P.SFENCE_VMA_FUNCT7 && rd === 0) {
        if (s && (m & TVM)) return false;
        this.count("sfence.vma");
        if (rs1 === 0) this.shadow.flushAll();
        else {
          this.shadow.flushPage(v.x(rs1));
          v.core.exports.flushTlb(v.block);
        }
        v.pc = pc + 4n;
        return true;
      }
      switch (insn) {
        case P.SRET:
          if (s && (m & TSR)) return false;
          this.count("sret");
          this.sret();
          return true;
        case P.MRET:
          if (this.priv !== P.PRIV_M) return false;
          this.count("mret");
          this.mret();
          return true;
        case P.WFI:
          if (s && (m & TW)) return false;
          this.count("wfi");
          v.pc = pc + 4n;
          if ((this.mip() & v.get(L.MIE)) === 0n) this.hart.waitForInterrupt();
          return true;
      }
      return false;
    }
    if (f3 === 4) return false;
    const csr = insn >>> 20;
    // Unprivileged CSRs (the FP ones, the counters) run on the hart itself: one that trapped is
    // illegal in the guest's mode too (FS off, a counter its mode may not read).
    const level = (csr >> 8) & 3;
    if (level === 0 || level > this.priv) return false;
    const writes = f3 === 1 || f3 === 5 || rs1 !== 0;
    if (writes && csr >> 10 === 3) return false; // read-only
    const old = this.readCsr(csr);
    if (old === undefined) return false;
    if (writes) {
      const operand = f3 >= 5 ? BigInt(rs1) : v.x(rs1);
      // mip: only the software-writable SEIP takes part in a set or clear (csr.ts).
      const current = csr === 0x344 ? v.get(L.MIP) : old;
      const op = f3 & 3;
      if (!this.writeCsr(csr, BigInt.asUintN(64, op === 1 ? operand : op === 2 ? current | operand : current & ~operand))) return false;
    }
    v.setX(rd, old);
    v.pc = pc + 4n;
    this.count(`${CSR_MNEMONICS[f3]} ${CSR_NAMES.get(csr) ?? `0x${csr.toString(16)}`}`);
    return true;
  }

  /** The instructions the guest has retired before the trapping one (the core's retiredNow()). */
  private retired(): bigint {
    return this.vcpu.get(L.RETIRED) - 1n;
  }

  private mstatusValue(): bigint {
    const fs = this.vcpu.get(L.MSTATUS) & FS;
    return this.mstatus | fs | P.MSTATUS_XL64 | (fs === FS ? SD : 0n);
  }

  /** The CSR as the guest reads it (the core's csrRead, csr.ts), or undefined when it is illegal. */
  private readCsr(csr: number): bigint | undefined {
    const v = this.vcpu;
    switch (csr) {
      case 0x100: return this.mstatusValue() & P.SSTATUS_MASK;
      case 0x104: return v.get(L.MIE) & v.get(L.MIDELEG);
      case 0x105: return this.stvec;
      case 0x106: return this.scounteren;
      case 0x10a: return this.senvcfg;
      case 0x140: return this.sscratch;
      case 0x141: return this.sepc & ~1n;
      case 0x142: return this.scause;
      case 0x143: return this.stval;
      case 0x144: return this.mip() & v.get(L.MIDELEG);
      case 0x14d: return this.stimecmpAllowed() ? this.stimecmp : undefined;
      case 0x180: return this.priv === P.PRIV_S && (this.mstatus & TVM) ? undefined : this.satp;
      case 0x300: return this.mstatusValue();
      case 0x301: return v.get(L.MISA);
      case 0x302: return this.medeleg;
      case 0x303: return v.get(L.MIDELEG);
      case 0x304: return v.get(L.MIE);
      case 0x305: return this.mtvec;
      case 0x306: return this.mcounteren;
      case 0x30a: return this.menvcfg;
      case 0x320: return v.get(L.MCOUNTINHIBIT);
      case 0x340: return this.mscratch;
      case 0x341: return this.mepc & ~1n;
      case 0x342: return this.mcause;
      case 0x343: return this.mtval;
      case 0x344: return this.mip();
      case 0x3a0: return v.get(L.PMPCFG0);
      case 0x3a2: return v.get(L.PMPCFG2);
      case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3: return 0n; // no triggers
      case 0xb00: return this.counter(L.MCYCLE_DELTA, P.COUNTEREN_CY);
      case 0xb02: return this.counter(L.MINSTRET_DELTA, P.COUNTEREN_IR);
      case 0xf11: case 0xf12: case 0xf13: case 0xf15: return 0n;
      case 0xf14: return v.get(L.MHARTID);
    }
    if (csr >= 0x3b0 && csr <= 0x3bf) return v.get(L.PMPADDR + (csr - 0x3b0) * 8);
    // Performance-monitoring counters and events exist but count nothing.
    if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0x323 && csr <= 0x33f)) return 0n;
    return undefined;
  }

  /** mcycle / minstret: the retired count and the delta, or the frozen value while inhibited. */
  private counter(delta: number, inhibitBit: bigint): bigint {
    const v = this.vcpu;
    return BigInt.asUintN(64, (v.get(L.MCOUNTINHIBIT) & inhibitBit) ? v.get(delta) : this.retired() + v.get(delta));
  }

  /** Writes a CSR with the core's WARL rules (csr.ts csrWrite); false when the write is illegal. */
  private writeCsr(csr: number, value: bigint): boolean {
    const v = this.vcpu;
    switch (csr) {
      case 0x100: this.writeMstatus((this.mstatusValue() & ~P.SSTATUS_WRITABLE) | (value & P.SSTATUS_WRITABLE)); return true;
      case 0x104: {
        const deleg = v.get(L.MIDELEG);
        v.set(L.MIE, (v.get(L.MIE) & ~deleg) | (value & deleg));
        return true;
      }
      case 0x105: if ((value & 3n) < 2n) this.stvec = value; return true;
      case 0x106: this.scounteren = value & 0xffff_ffffn; this.stale = true; return true;
      case 0x10a: this.senvcfg = value & P.ENVCFG_FIOM; return true;
      case 0x140: this.sscratch = value; return true;
      case 0x141: this.sepc = value & ~1n; return true;
      case 0x142: this.scause = value; return true;
      case 0x143: this.stval = value; return true;
      case 0x144: {
        // Only SSIP is writable from S, and only when it is delegated.
        const mask = v.get(L.MIDELEG) & MIP_SSIP;
        v.set(L.MIP, (v.get(L.MIP) & ~mask) | (value & mask));
        return true;
      }
      case 0x14d: this.setStimecmp(value); return true;
      case 0x180: {
        if (this.priv === P.PRIV_S && (this.mstatus & TVM)) return false;
        // WARL: only Bare and Sv39; another mode leaves satp as it was.
        const mode = value >> 60n;
        if (mode !== 0n && mode !== 8n) return true;
        this.satp = value;
        this.stale = true;
        return true;
      }
      case 0x300: this.writeMstatus(value); return true;
      case 0x301: return true; // misa is fixed
      case 0x302: this.medeleg = value & P.MEDELEG_WRITABLE; return true;
      case 0x303: v.set(L.MIDELEG, value & MIP_S_ALL); return true;
      case 0x304: v.set(L.MIE, value & MIP_ALL); return true;
      case 0x305: if ((value & 3n) < 2n) this.mtvec = value; return true;
      case 0x306: this.mcounteren = value & 0xffff_ffffn; this.stale = true; return true;
      case 0x30a:
        this.menvcfg = value & (P.ENVCFG_FIOM | (this.hart.sstc ? P.MENVCFG_STCE : 0n));
        this.sstcChanged();
        return true;
      case 0x320: this.writeCountInhibit(value); return true;
      case 0x340: this.mscratch = value; return true;
      case 0x341: this.mepc = value & ~1n; return true;
      case 0x342: this.mcause = value; return true;
      case 0x343: this.mtval = value; return true;
      case 0x344: {
        const mask = MIP_S_ALL & ~(this.sstcActive() ? MIP_STIP : 0n); // STIP belongs to stimecmp then
        v.set(L.MIP, (v.get(L.MIP) & ~mask) | (value & mask));
        return true;
      }
      case 0x3a0: v.set(L.PMPCFG0, value); return true;
      case 0x3a2: v.set(L.PMPCFG2, value); return true;
      case 0xb00: this.writeCounter(L.MCYCLE_DELTA, P.COUNTEREN_CY, value); return true;
      case 0xb02: this.writeCounter(L.MINSTRET_DELTA, P.COUNTEREN_IR, value); return true;
    }
    if (csr >= 0x3b0 && csr <= 0x3bf) v.set(L.PMPADDR + (csr - 0x3b0) * 8, value & PMPADDR_MASK);
    // tselect, tdata*, mhpmcounter*, mhpmevent*: writes are ignored.
    return true;
  }

  /** The core's writeMstatus: the writable bits, SD from FS, MPP's reserved value 2 kept out. */
  private writeMstatus(value: bigint): void {
    let next = value & P.MSTATUS_WRITABLE;
    if ((next & MPP) === 2n << MPP_SHIFT) next = (next & ~MPP) | (this.mstatus & MPP);
    // The translation context: SUM and MXR choose the shadow view, MPRV and MPP virtual M's.
    if ((next ^ this.mstatus) & (SUM | MXR | MPRV | MPP)) this.stale = true;
    this.mstatus = next & SHADOW_MSTATUS;
    const fs = next & FS;
    this.vcpu.set(L.MSTATUS, fs | P.MSTATUS_XL64 | (fs === FS ? SD : 0n));
  }

  /** The core's writeCountInhibit: while a counter is inhibited its delta slot holds the frozen value. */
  private writeCountInhibit(value: bigint): void {
    const v = this.vcpu;
    const old = v.get(L.MCOUNTINHIBIT);
    const next = value & (P.COUNTEREN_CY | P.COUNTEREN_IR);
    const retired = this.retired();
    for (const [bit, slot] of [[P.COUNTEREN_CY, L.MCYCLE_DELTA], [P.COUNTEREN_IR, L.MINSTRET_DELTA]] as const) {
      if ((old ^ next) & bit) {
        const delta = v.get(slot);
        v.set(slot, next & bit ? retired + delta : delta - retired);
      }
    }
    v.set(L.MCOUNTINHIBIT, next);
  }

  private writeCounter(slot: number, inhibitBit: bigint, value: bigint): void {
    const inhibited = (this.vcpu.get(L.MCOUNTINHIBIT) & inhibitBit) !== 0n;
    // The writing instruction itself still retires after the write, hence the + 1.
    this.vcpu.set(slot, inhibited ? value : value - this.retired() - 1n);
  }

  /** Sstc is on: the guest has it and M-mode enabled it (menvcfg.STCE). */
  private sstcActive(): boolean {
    return this.hart.sstc && (this.menvcfg & P.MENVCFG_STCE) !== 0n;
  }

  /** stimecmp exists with Sstc; below M it also needs menvcfg.STCE and mcounteren.TM. */
  private stimecmpAllowed(): boolean {
    if (!this.hart.sstc) return false;
    return this.priv === P.PRIV_M || (this.sstcActive() && (this.mcounteren & P.COUNTEREN_TM) !== 0n);
  }

  /** A stimecmp write: the guest's own, or sbi_set_timer on a hart with Sstc (as OpenSBI makes it). */
  setStimecmp(value: bigint): void {
    this.stimecmp = value;
    this.sstcChanged();
  }

  /**
   * stimecmp or STCE changed: with Sstc on, STIP follows time >= stimecmp, which the hypervisor's
   * virtual timer raises at the deadline (a later deadline lowers it at once); off, stimecmp
   * drives nothing.
   */
  private sstcChanged(): void {
    if (!this.hart.sstc) return;
    this.hart.timers.setSupervisorTimer(this.sstcActive() ? this.stimecmp : NEVER);
    this.hart.timersChanged();
  }

  /** sret (privileged spec 3.3.2): back to SPP with SIE from SPIE; never to M, so MPRV clears. */
  private sret(): void {
    const m = this.mstatus;
    this.priv = m & SPP ? P.PRIV_S : P.PRIV_U;
    this.mstatus = (m & ~(SIE | SPP | MPRV)) | (m & SPIE ? SIE : 0n) | SPIE;
    this.vcpu.pc = this.sepc & ~1n;
    this.stale = true;
  }

  /** mret: back to MPP with MIE from MPIE; leaving M clears MPRV. */
  private mret(): void {
    const m = this.mstatus;
    const mpp = Number((m & MPP) >> MPP_SHIFT);
    let next = (m & ~(MIE | MPP)) | (m & MPIE ? MIE : 0n) | MPIE;
    if (mpp !== P.PRIV_M) next &= ~MPRV;
    this.mstatus = next;
    this.priv = mpp === P.PRIV_M || mpp === P.PRIV_S ? mpp : P.PRIV_U;
    this.vcpu.pc = this.mepc & ~1n;
    this.stale = true;
  }

  // ---- delivering the guest's traps ----------------------------------------------------------

  private deliverException(cause: bigint, tval: bigint, epc: bigint): void {
    const target = this.deliver(cause, tval, epc);
    // As the core does in the assisted model (trap.ts takeTrap): an exception raised by the
    // first instruction of the handler it enters again can never make progress.
    const retired = this.retired();
    if (epc === target && epc === this.lastTarget && retired === this.lastRetired + 1n) this.hart.noHandler(cause, epc);
    this.lastTarget = target;
    this.lastRetired = retired;
  }

  /** The trap as the hart takes it (privileged spec 3.1.8, 3.1.6.1, 4.1.1): to S when delegated, else M. */
  private deliver(cause: bigint, tval: bigint, epc: bigint): bigint {
    const interrupt = (cause & P.CAUSE_INTERRUPT) !== 0n;
    const code = cause & 63n;
    const deleg = interrupt ? this.vcpu.get(L.MIDELEG) : this.medeleg;
    const m = this.mstatus;
    let tvec: bigint;
    if (this.priv <= P.PRIV_S && (deleg >> code) & 1n) {
      this.sepc = epc;
      this.scause = cause;
      this.stval = tval;
      this.mstatus = (m & ~(SPIE | SIE | SPP)) | (m & SIE ? SPIE : 0n) | (this.priv === P.PRIV_S ? SPP : 0n);
      this.priv = P.PRIV_S;
      tvec = this.stvec;
    } else {
      this.mepc = epc;
      this.mcause = cause;
      this.mtval = tval;
      this.mstatus = (m & ~(MPIE | MIE | MPP)) | (m & MIE ? MPIE : 0n) | (BigInt(this.priv) << MPP_SHIFT);
      this.priv = P.PRIV_M;
      tvec = this.mtvec;
    }
    let target = tvec & ~3n;
    if ((tvec & 1n) && interrupt) target += code << 2n;
    this.vcpu.pc = target;
    this.stale = true;
    return target;
  }

  private count(name: string): void {
    this.emulated = name;
    const m = this.stats.privileged;
    m.set(name, (m.get(name) ?? 0) + 1);
  }
}
