// Address translation (Sv39, privileged spec 4.3-4.4), the guest-physical map (RAM window,
// device regions) and the TLBs that make the run loop's memory accesses one compare away.
//
// A TLB entry maps one 4 KiB virtual page to host memory: { tag = context | va >> 12, addend }
// with host address = addend + va. Only RAM pages enter a TLB, so a miss is also the path to
// MMIO exits and faults. There are three TLBs (fetch, load, store) because permissions differ.
// The tag carries the translation context its permissions were checked in (bits 56..59, above
// the 52 bits of va >> 12): for fetches the privilege; for loads and stores the effective
// privilege (MPRV and MPP), SUM and MXR. So a trap, an xRET or an mstatus write (Linux sets and
// clears SUM around every user copy and SIE around every critical section) only switches the
// context the lookups compare with: entries of the other contexts stay, to hit again when it
// returns. The TLBs are flushed whole only when translation itself changes: satp writes and
// sfence.vma. A store-TLB entry exists only for pages whose PTE has D set, so a store that hits
// never has to update A/D.

import {
  CONFIG, CONFIG_CLASSIC, DEV_COUNT, DEV_TABLE, SHADOW_HOST, SHADOW_SIZE, EXIT_ADDR, EXIT_IS_WRITE, EXIT_REASON, EXIT_MMIO, EXIT_RD, EXIT_SIGNED,
  EXIT_SIZE, EXIT_VALUE, EXIT_WATCH, MSTATUS, PRIV, RAM_BASE, RAM_HOST, RAM_SIZE, SATP,
  TLB_ENTRIES, TLB_FETCH, TLB_LOAD, TLB_STORE, WATCH_ADDR,
} from "./layout";
import {
  CAUSE_FETCH_ACCESS, CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_ACCESS, CAUSE_LOAD_PAGE_FAULT,
  CAUSE_STORE_ACCESS, CAUSE_STORE_PAGE_FAULT, MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_MPRV,
  MSTATUS_MXR, MSTATUS_SUM, PRIV_M, PRIV_S, PRIV_U, PTE_A, PTE_D, PTE_R, PTE_RESERVED, PTE_U,
  PTE_V, PTE_W, PTE_X, SATP_MODE_SHIFT, SATP_MODE_SV39, SATP_PPN_MASK,
} from "./defs";
import { cpu, fault, FAULT_NONE, raise, requestExit } from "./state";

export const ACCESS_FETCH: u32 = 0;
export const ACCESS_LOAD: u32 = 1;
export const ACCESS_STORE: u32 = 2;

const PAGE_MASK: u64 = 0xfff;
const PA_MASK: u64 = (<u64>1 << 56) - 1;

/** Result of the last successful translate(): per instruction, read by the same instruction. */
let paddr: u64 = 0;

/** The context bits of fetch and of load/store TLB tags now (see the top of this file). */
export let tlbFetchContext: u64 = 0;
export let tlbDataContext: u64 = 0;
const CONTEXT_SHIFT: u64 = 56;

/**
 * Recomputes the translation contexts from the privilege and mstatus: after anything that
 * changes either (a trap, mret, sret, an mstatus or sstatus write) and whenever a run starts:
 * the contexts are per-call globals, and another vCPU, whose context was another, may have run
 * on this core instance since (test/core/interleave.test.ts), or the host changed the block.
 */
export function tlbContext(): void {
  const mstatus = load<u64>(cpu, MSTATUS);
  tlbFetchContext = (load<u64>(cpu, PRIV) & 3) << CONTEXT_SHIFT;
  const data = effectivePriv(ACCESS_LOAD) | (mstatus & MSTATUS_SUM ? 4 : 0) | (mstatus & MSTATUS_MXR ? 8 : 0);
  tlbDataContext = data << CONTEXT_SHIFT;
}

export function tlbFlush(): void {
  memory.fill(cpu + TLB_FETCH, 0xff, TLB_ENTRIES * 16 * 3);
}

@inline export function tlbSlot(tlb: u32, va: u64): usize {
  return cpu + tlb + ((<usize>(va >> 12) & (TLB_ENTRIES - 1)) << 4);
}

/** Host address of [pa, pa + size) when it lies inside the VM's RAM window, else 0. */
export function ramHost(pa: u64, size: u64): usize {
  const off = pa - load<u64>(cpu, RAM_BASE);
  const ramSize = load<u64>(cpu, RAM_SIZE);
  if (off >= ramSize || size > ramSize - off) return 0;
  return <usize>(load<u64>(cpu, RAM_HOST) + off);
}

/** Classic mode: host address of the PTE at pool offset `off` (layout.ts SHADOW_HOST), else 0. */
function shadowHost(off: u64): usize {
  const size = load<u64>(cpu, SHADOW_SIZE);
  if (off >= size || size - off < 8) return 0;
  return <usize>(load<u64>(cpu, SHADOW_HOST) + off);
}

export function isDevice(pa: u64): bool {
  const n = <u32>load<u64>(cpu, DEV_COUNT);
  for (let i: u32 = 0; i < n; i++) {
    const e = cpu + DEV_TABLE + (<usize>i << 4);
    if (pa - load<u64>(e) < load<u64>(e, 8)) return true;
  }
  return false;
}

@inline function accessFaultCause(access: u32): u32 {
  return access == ACCESS_FETCH ? CAUSE_FETCH_ACCESS : access == ACCESS_LOAD ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS;
}

@inline function pageFaultCause(access: u32): u32 {
  return access == ACCESS_FETCH ? CAUSE_FETCH_PAGE_FAULT : access == ACCESS_LOAD ? CAUSE_LOAD_PAGE_FAULT : CAUSE_STORE_PAGE_FAULT;
}

/** The privilege that loads and stores are checked at: MPRV makes M-mode use MPP's. */
function effectivePriv(access: u32): u64 {
  const priv = load<u64>(cpu, PRIV);
  if (access != ACCESS_FETCH && priv == PRIV_M) {
    const mstatus = load<u64>(cpu, MSTATUS);
    if (mstatus & MSTATUS_MPRV) return (mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
  }
  return priv;
}

/**
 * Translates va for one access; on success the physical address is in `paddr` and the PTE's
 * A (and for stores D) bits are set in memory, as hardware A/D updating does. On failure the
 * page fault or access fault is raised with tval = va.
 */
export function translate(va: u64, access: u32): bool {
  const priv = effectivePriv(access);
  const satp = load<u64>(cpu, SATP);
  if (priv == PRIV_M || (satp >> SATP_MODE_SHIFT) != SATP_MODE_SV39) {
    paddr = va;
    return true;
  }
  // Sv39 addresses are 39 bits sign-extended: anything else is a page fault.
  if (((<i64>va << 25) >> 25) != <i64>va) {
    raise(pageFaultCause(access), va);
    return false;
  }
  const classic = (load<u64>(cpu, CONFIG) & CONFIG_CLASSIC) != 0;
  let table = (satp & SATP_PPN_MASK) << 12;
  for (let level: i32 = 2; level >= 0; level--) {
    const shift = <u64>(12 + 9 * level);
    const pteAddr = table + (((va >> shift) & 0x1ff) << 3);
    const host = classic ? shadowHost(pteAddr) : ramHost(pteAddr, 8);
    if (host == 0) {
      raise(accessFaultCause(access), va);
      return false;
    }
    let pte = load<u64>(host);
    if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & PTE_RESERVED)) break;
    const ppn = (pte >> 10) & SATP_PPN_MASK;
    if (!(pte & (PTE_R | PTE_X))) {
      table = ppn << 12;
      continue;
    }
    // A leaf: permissions, then superpage alignment, then A/D.
    if (priv == PRIV_U) {
      if (!(pte & PTE_U)) break;
    } else if (pte & PTE_U) {
      // S-mode never executes user pages and touches their data only with SUM.
      if (access == ACCESS_FETCH || !(load<u64>(cpu, MSTATUS) & MSTATUS_SUM)) break;
    }
    if (access == ACCESS_FETCH) {
      if (!(pte & PTE_X)) break;
    } else if (access == ACCESS_LOAD) {
      if (!(pte & PTE_R) && !((pte & PTE_X) && (load<u64>(cpu, MSTATUS) & MSTATUS_MXR))) break;
    } else if (!(pte & PTE_W)) break;
    const lowMask = (<u64>1 << shift) - 1;
    if ((ppn << 12) & lowMask) break; // misaligned superpage
    const ad = PTE_A | (access == ACCESS_STORE ? PTE_D : 0);
    if ((pte & ad) != ad) {
      pte |= ad;
      store<u64>(host, pte);
    }
    paddr = (((ppn << 12) & ~lowMask) | (va & lowMask)) & PA_MASK;
    return true;
  }
  raise(pageFaultCause(access), va);
  return false;
}

/**
 * Host address of the RAM page holding va for this access, filling the TLB; 0 when the page is
 * not RAM: then an exception was raised, or (device page) `paddr` holds the physical address
 * and nothing was raised yet.
 */
function pageHost(va: u64, access: u32): usize {
  if (!translate(va, access)) return 0;
  const pageHostAddr = ramHost(paddr & ~PAGE_MASK, 0x1000);
  if (pageHostAddr == 0) return 0;
  const watch = load<u64>(cpu, WATCH_ADDR);
  // Stores to the watched word's page take the slow path, so that the watch is seen.
  if (access != ACCESS_STORE || (watch & ~PAGE_MASK) != (paddr & ~PAGE_MASK)) {
    const tlb = access == ACCESS_FETCH ? TLB_FETCH : access == ACCESS_LOAD ? TLB_LOAD : TLB_STORE;
    const slot = tlbSlot(tlb, va);
    store<u64>(slot, (va >> 12) | (access == ACCESS_FETCH ? tlbFetchContext : tlbDataContext));
    store<u64>(slot, <u64>pageHostAddr - (va & ~PAGE_MASK), 8);
  }
  return pageHostAddr + <usize>(va & PAGE_MASK);
}

/** Fetch: the instruction bits at pc (16 or 32 bits), or 0 with a fault raised. */
export function fetchSlow(pc: u64): u32 {
  const host = pageHost(pc, ACCESS_FETCH);
  if (host == 0) {
    if (fault == FAULT_NONE) raise(CAUSE_FETCH_ACCESS, pc);
    return 0;
  }
  const lo = <u32>load<u16>(host);
  if ((lo & 3) != 3) return lo;
  if ((pc & PAGE_MASK) != 0xffe) return lo | (<u32>load<u16>(host, 2) << 16);
  // A 32-bit instruction across a page boundary: a fault names the second page.
  const host2 = pageHost(pc + 2, ACCESS_FETCH);
  if (host2 == 0) {
    if (fault == FAULT_NONE) raise(CAUSE_FETCH_ACCESS, pc + 2);
    return 0;
  }
  return lo | (<u32>load<u16>(host2) << 16);
}

/** Fills in an MMIO exit for the host; loads complete when the host writes x[rd]. */
function mmioExit(pa: u64, size: u32, isWrite: bool, value: u64, rd: u32, signed: bool): void {
  store<u64>(cpu, EXIT_MMIO, EXIT_REASON);
  store<u64>(cpu, pa, EXIT_ADDR);
  store<u64>(cpu, <u64>size, EXIT_SIZE);
  store<u64>(cpu, isWrite ? 1 : 0, EXIT_IS_WRITE);
  store<u64>(cpu, value, EXIT_VALUE);
  store<u64>(cpu, <u64>rd, EXIT_RD);
  store<u64>(cpu, signed ? 1 : 0, EXIT_SIGNED);
  requestExit();
}

@inline function readSized(host: usize, size: u32): u64 {
  if (size == 1) return <u64>load<u8>(host);
  if (size == 2) return <u64>load<u16>(host);
  if (size == 4) return <u64>load<u32>(host);
  return load<u64>(host);
}

@inline function writeSized(host: usize, size: u32, value: u64): void {
  if (size == 1) store<u8>(host, <u8>value);
  else if (size == 2) store<u16>(host, <u16>value);
  else if (size == 4) store<u32>(host, <u32>value);
  else store<u64>(host, value);
}

/**
 * A load the TLB could not serve: fills the TLB and reads RAM, or leaves the guest for a
 * device (the host writes the value to x[rd], sign-extended when `signed`), or raises a fault.
 * Returns the value zero-extended; the caller sign-extends.
 */
export function loadSlow(va: u64, size: u32, rd: u32, signed: bool): u64 {
  if ((va & PAGE_MASK) + <u64>size > 0x1000) return loadAcrossPages(va, size);
  const host = pageHost(va, ACCESS_LOAD);
  if (host != 0) return readSized(host, size);
  if (fault != FAULT_NONE) return 0;
  if (isDevice(paddr) && (va & (<u64>size - 1)) == 0) mmioExit(paddr, size, false, 0, rd, signed);
  else raise(CAUSE_LOAD_ACCESS, va);
  return 0;
}

/** A misaligned load whose bytes lie on two pages: both must be RAM (no split MMIO). */
function loadAcrossPages(va: u64, size: u32): u64 {
  let value: u64 = 0;
  for (let i: u32 = 0; i < size; i++) {
    const a = va + i;
    const host = pageHost(a, ACCESS_LOAD);
    if (host == 0) {
      if (fault == FAULT_NONE) raise(CAUSE_LOAD_ACCESS, a);
      return 0;
    }
    value |= <u64>load<u8>(host) << (<u64>i << 3);
  }
  return value;
}

/** Host address for a store, translating every byte first so that a fault writes nothing. */
export function storeSlow(va: u64, size: u32, value: u64): void {
  if ((va & PAGE_MASK) + <u64>size > 0x1000) {
    // Byte addresses on two pages: resolve both pages before writing anything.
    const split = <u32>(0x1000 - (va & PAGE_MASK));
    const host1 = pageHost(va, ACCESS_STORE);
    if (host1 == 0) {
      if (fault == FAULT_NONE) raise(CAUSE_STORE_ACCESS, va);
      return;
    }
    const pa1 = paddr;
    const host2 = pageHost(va + split, ACCESS_STORE);
    if (host2 == 0) {
      if (fault == FAULT_NONE) raise(CAUSE_STORE_ACCESS, va + split);
      return;
    }
    for (let i: u32 = 0; i < size; i++) {
      const b = <u8>(value >> (<u64>i << 3));
      if (i < split) store<u8>(host1 + i, b);
      else store<u8>(host2 + (i - split), b);
    }
    checkWatch(pa1, split);
    checkWatch(paddr, size - split);
    return;
  }
  const host = pageHost(va, ACCESS_STORE);
  if (host != 0) {
    writeSized(host, size, value);
    checkWatch(paddr, size);
    return;
  }
  if (fault != FAULT_NONE) return;
  if (isDevice(paddr) && (va & (<u64>size - 1)) == 0) mmioExit(paddr, size, true, value, 0, false);
  else raise(CAUSE_STORE_ACCESS, va);
}

/** A store that touched the watched word (HTIF tohost) leaves the guest once it is done. */
function checkWatch(pa: u64, size: u32): void {
  const watch = load<u64>(cpu, WATCH_ADDR);
  if (pa < watch + 8 && watch < pa + size) {
    store<u64>(cpu, EXIT_WATCH, EXIT_REASON);
    store<u64>(cpu, watch, EXIT_ADDR);
    requestExit();
  }
}

/**
 * Host address of an aligned atomic access (LR, SC, AMO) in RAM, or 0 with a fault raised:
 * atomics on devices are access faults. `access` is ACCESS_LOAD for LR, ACCESS_STORE otherwise.
 * `physical` receives the physical address for the LR/SC reservation.
 */
export function atomicHost(va: u64, access: u32): usize {
  const host = pageHost(va, access);
  if (host == 0 && fault == FAULT_NONE) raise(access == ACCESS_LOAD ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va);
  return host;
}

/** The physical address of the last successful translation. */
export function lastPaddr(): u64 {
  return paddr;
}

/** After an AMO or SC wrote RAM directly: the HTIF watch still sees it. */
export function atomicStored(size: u32): void {
  checkWatch(paddr, size);
}
