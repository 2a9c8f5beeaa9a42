// Shadow page tables for classic mode (src/hypervisor/classic.ts): the guest's Sv39 tables map
// guest virtual to guest physical, but the deprivileged guest runs in the physical hart's U-mode,
// so its own tables can never be what the hart walks (its kernel pages have U = 0, and it could
// map anything it likes). The hart walks these instead: tables the hypervisor builds from the
// guest's, on demand, in a pool of pages outside every VM's RAM (assembly/layout.ts SHADOW_HOST:
// only the core's page walk reads the pool; no load, store or fetch reaches it).
//
// A shadow table is a software TLB: an entry is made when the hart faults on a missing one, from
// the guest's PTE as the hardware walk would have found it (A, and D for a store, set in the
// guest's PTE as the walk does), and entries go when the guest executes sfence.vma or the pool
// is full. That is the coherence the privileged spec asks of the guest anyway (4.2.1: PTE
// changes are guaranteed visible only after an SFENCE.VMA), and Linux keeps it: it fences after
// every change that must be seen (update_mmu_cache, flush_tlb_*), and a change it does not fence
// (a cleared A bit for page aging) only keeps a stale entry longer, as a hardware TLB would.
//
// One guest context needs several shadows, because the hart checks permissions as U-mode in all
// of them and the guest's own rules depend on its virtual mode (privileged spec 4.3.1):
//   view 0  guest U-mode      guest pages with U = 1 only
//   view 1  guest S-mode      guest pages with U = 0 (its kernel); user pages fault
//   view 2  S-mode with SUM   as view 1, plus user pages readable/writable, never executable
// and MXR (+3) makes execute-only pages readable in each. A shadow root is kept per guest satp
// (its ASID and root PPN) and view, so a context switch back to a process, or a trap and its
// sret, finds its shadow still filled.
//
// Every shadow leaf has U = 1 (the hart is in U-mode), A = 1 and D = 1 (the core never writes a
// shadow PTE), W only when the guest's D is set (the first store faults, sets the guest's D, and
// the leaf is made writable), and the guest's PPN: the core confines whatever it maps to the
// VM's RAM window and devices, so the guest's tables, however hostile, reach nothing else.

import {
  CAUSE_FETCH_ACCESS, CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_ACCESS, CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_ACCESS,
  CAUSE_STORE_PAGE_FAULT, PPN_MASK, PTE_A, PTE_D, PTE_R, PTE_RESERVED, PTE_U, PTE_V, PTE_W, PTE_X, SATP_SV39,
} from "../core/privileged.js";
import type { PhysicalMemory } from "../machine/memory.js";
import type { Ram } from "../vm/ram.js";


/** Shadow roots kept at once (a guest context and view each); one more flushes them all. */
export const MAX_ROOTS = 64;

export const ACCESS_FETCH = 0;
export const ACCESS_LOAD = 1;
export const ACCESS_STORE = 2;
export type Access = 0 | 1 | 2;


/** How the guest would check an access now: its virtual mode and sstatus.SUM / MXR. */
export interface GuestContext {
  /** 0 = U, 1 = S. */
  readonly priv: number;
  readonly sum: boolean;
  readonly mxr: boolean;
}

/** The shadow view number for a context (see the top of this file). */
export function viewOf(c: GuestContext): number {
  return (c.priv === 0 ? 0 : c.sum ? 2 : 1) + (c.mxr ? 3 : 0);
}

export interface ShadowStats {
  /** Faults resolved by filling a shadow entry: the guest never saw them. */
  filled: number;
  /** Faults the guest's own tables explain: reflected to the guest as its page fault. */
  reflected: number;
  /** Shadow table pages built (roots and inner tables). */
  tablesBuilt: number;
  /** Whole-pool flushes (sfence.vma of everything, or the pool full). */
  flushes: number;
  /** Single-address flushes (sfence.vma with an address). */
  pageFlushes: number;
  /** Host milliseconds spent filling and flushing. */
  hostMs: number;
}

export class ShadowMmu {
  readonly stats: ShadowStats = { filled: 0, reflected: 0, tablesBuilt: 0, flushes: 0, pageFlushes: 0, hostMs: 0 };
  /** Host address of the pool and its size in pages. */
  readonly host: number;
  readonly pages: number;
  private readonly mem: PhysicalMemory;
  private readonly ram: Ram;
  /**
   * Counts whole flushes: when it changes, every physical satp made before is stale (its root
   * page may now be another shadow's) and the hart's TLB holds dropped translations.
   */
  generation = 0;
  /** Pool pages handed out so far (a bump allocator, reset by a whole flush). */
  private used = 0;
  /** (guest satp << 3 | view) → the root's pool page. */
  private readonly roots = new Map<bigint, number>();

  constructor(mem: PhysicalMemory, ram: Ram, pages: number) {
    this.mem = mem;
    this.ram = ram;
    this.pages = pages;
    this.host = mem.alloc(pages * 4096, 4096);
  }

  /**
   * The physical satp for a guest satp in a context: Bare stays Bare (the guest then addresses
   * its physical memory directly, which the core confines to its RAM window); Sv39 gets the
   * shadow root, built on first use.
   */
  physicalSatp(guestSatp: bigint, c: GuestContext): bigint {
    if (guestSatp >> 60n !== 8n) return 0n;
    const key = (guestSatp << 3n) | BigInt(viewOf(c));
    let root = this.roots.get(key);
    if (root === undefined) {
      // Every sfence.vma with an address visits each root: a guest cycling through satp values
      // must not make that walk, one guest instruction's exit, long.
      if (this.roots.size >= MAX_ROOTS) this.flushAll();
      root = this.allocPage();
      this.roots.set(key, root);
    }
    return SATP_SV39 | BigInt(root);
  }

  /**
   * The hart faulted on `va` for `access` under the shadow of `guestSatp`: walks the guest's
   * tables as the hardware would in context `c`. Returns null when a shadow entry was made (run
   * the instruction again), or the exception the guest itself takes (its tables do not allow
   * the access): then nothing was changed.
   */
  fault(guestSatp: bigint, c: GuestContext, va: bigint, access: Access): { cause: bigint; tval: bigint } | null {
    const t0 = performance.now();
    try {
      const walk = this.guestWalk(guestSatp, c, va, access);
      if (typeof walk === "bigint") {
        this.stats.reflected++;
        return { cause: walk, tval: va };
      }
      this.install(guestSatp, c, va, walk.level, walk.pte);
      this.stats.filled++;
      return null;
    } finally {
      this.stats.hostMs += performance.now() - t0;
    }
  }

  /** sfence.vma with an address: every shadow's entry for va goes (over-flushing is allowed). */
  flushPage(va: bigint): void {
    this.stats.pageFlushes++;
    for (const root of this.roots.values()) {
      let table = root;
      for (let level = 2; level >= 0; level--) {
        const at = this.entryAddr(table, va, level);
        const pte = this.mem.view.getBigUint64(at, true);
        if (!(pte & PTE_V)) break;
        if (pte & (PTE_R | PTE_X)) {
          this.mem.view.setBigUint64(at, 0n, true);
          break;
        }
        table = Number(pte >> 10n);
      }
    }
  }

  /** sfence.vma of everything (or of an ASID: its shadows are dropped with the rest), a full pool. */
  flushAll(): void {
    this.stats.flushes++;
    this.generation++;
    this.roots.clear();
    this.used = 0;
  }

  // ---- the guest's walk (privileged spec 4.3.2), as the core's translate() does it -----------

  /** The guest's leaf PTE for the access and its level, or the cause of the exception it raises. */
  private guestWalk(satp: bigint, c: GuestContext, va: bigint, access: Access): { pte: bigint; level: number; addr: bigint } | bigint {
    const pageFault = access === ACCESS_FETCH ? CAUSE_FETCH_PAGE_FAULT : access === ACCESS_LOAD ? CAUSE_LOAD_PAGE_FAULT : CAUSE_STORE_PAGE_FAULT;
    if (BigInt.asIntN(39, va) !== BigInt.asIntN(64, va)) return pageFault;
    let table = (satp & PPN_MASK) << 12n;
    for (let level = 2; level >= 0; level--) {
      const shift = BigInt(12 + 9 * level);
      const addr = table + (((va >> shift) & 0x1ffn) << 3n);
      if (!this.ram.contains(addr, 8)) return access === ACCESS_FETCH ? CAUSE_FETCH_ACCESS : access === ACCESS_LOAD ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS;
      let pte = this.ram.read64(addr);
      if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & PTE_RESERVED)) return pageFault;
      const ppn = (pte >> 10n) & PPN_MASK;
      if (!(pte & (PTE_R | PTE_X))) {
        table = ppn << 12n;
        continue;
      }
      if (!allowed(pte, c, access)) return pageFault;
      if ((ppn << 12n) & ((1n << shift) - 1n)) return pageFault; // misaligned superpage
      const ad = PTE_A | (access === ACCESS_STORE ? PTE_D : 0n);
      if ((pte & ad) !== ad) {
        pte |= ad;
        this.ram.write64(addr, pte);
      }
      return { pte, level, addr };
    }
    return pageFault;
  }

  // ---- the shadow ------------------------------------------------------------------------

  /** Makes the shadow leaf for the guest's leaf `pte` (at `level`) in the shadow of (satp, c). */
  private install(satp: bigint, c: GuestContext, va: bigint, level: number, pte: bigint): void {
    // A full pool is flushed whole and this shadow started again, so that the pages the root and
    // the walk below may allocate (three at most) never run out half-way.
    if (this.used + 3 > this.pages) this.flushAll();
    const root = Number(this.physicalSatp(satp, c) & PPN_MASK);
    let table = root;
    for (let l = 2; l > level; l--) {
      const at = this.entryAddr(table, va, l);
      const e = this.mem.view.getBigUint64(at, true);
      if ((e & PTE_V) && !(e & (PTE_R | PTE_X))) {
        table = Number(e >> 10n);
        continue;
      }
      // Empty, or a superpage leaf the guest has since split: a new inner table.
      const next = this.allocPage();
      this.mem.view.setBigUint64(at, (BigInt(next) << 10n) | PTE_V, true);
      table = next;
    }
    this.mem.view.setBigUint64(this.entryAddr(table, va, level), shadowLeaf(pte, c), true);
  }

  private entryAddr(table: number, va: bigint, level: number): number {
    return this.host + table * 4096 + Number((va >> BigInt(12 + 9 * level)) & 0x1ffn) * 8;
  }

  /** A zeroed pool page. */
  private allocPage(): number {
    if (this.used === this.pages) this.flushAll();
    const page = this.used++;
    this.mem.bytes.fill(0, this.host + page * 4096, this.host + (page + 1) * 4096);
    this.stats.tablesBuilt++;
    return page;
  }
}

/** The guest's permission check for a leaf (privileged spec 4.3.1, 4.3.2 step 5). */
function allowed(pte: bigint, c: GuestContext, access: Access): boolean {
  if (c.priv === 0) {
    if (!(pte & PTE_U)) return false;
  } else if (pte & PTE_U) {
    // S-mode never executes user pages and touches their data only with SUM.
    if (access === ACCESS_FETCH || !c.sum) return false;
  }
  if (access === ACCESS_FETCH) return (pte & PTE_X) !== 0n;
  if (access === ACCESS_LOAD) return (pte & PTE_R) !== 0n || ((pte & PTE_X) !== 0n && c.mxr);
  return (pte & PTE_W) !== 0n;
}

/**
 * The shadow leaf for a guest leaf valid in context c: everything the guest's PTE allows in c
 * (so one fault serves every later access of the page), as U-mode permissions.
 */
function shadowLeaf(pte: bigint, c: GuestContext): bigint {
  let perms = 0n;
  if (allowed(pte, c, ACCESS_LOAD)) perms |= PTE_R;
  // Writable only once the guest's D is set, so that its first store sets it.
  if (allowed(pte, c, ACCESS_STORE) && (pte & PTE_D)) perms |= PTE_W;
  if (allowed(pte, c, ACCESS_FETCH)) perms |= PTE_X;
  return (((pte >> 10n) & PPN_MASK) << 10n) | perms | PTE_V | PTE_U | PTE_A | PTE_D;
}
