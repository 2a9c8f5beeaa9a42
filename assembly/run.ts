// The run loop (DESIGN.md "The run contract"): interprets RV64IMAC from the vCPU block until
// the budget is spent or the host is needed, and returns the exit reason. Instructions run
// from the decode cache (decode.ts): the loop walks a slot's decoded entries, and only jumps
// out of the slot, traps and SYSTEM instructions look the pc up again. Traps that belong to
// the guest never leave this loop.

import {
  BUDGET_PAUSE, CLOCK, CONFIG, CONFIG_EBREAK_EXITS, CONFIG_HOST_SBI, CONFIG_PAUSE_EXITS, DECODE_SCRATCH, EXIT_BREAKPOINT, EXIT_BUDGET, EXIT_DETAIL,
  EXIT_HYPERCALL, EXIT_JIT, EXIT_REASON, JIT_RETIRED, EXIT_WFI, F, MSTATUS, PC, PRIV, RESERVATION, RESERVATION_VALUE, RETIRED, X0_SINK, TLB_ENTRIES,
  TLB_FETCH, TLB_LOAD, TLB_STORE,
} from "./layout";
import {
  CAUSE_BREAKPOINT, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_INTERRUPT, CAUSE_MISALIGNED_LOAD,
  CAUSE_MISALIGNED_STORE, CAUSE_USER_ECALL, MSTATUS_FS, MSTATUS_TSR, MSTATUS_TVM, MSTATUS_TW, PRIV_M, PRIV_S,
  PRIV_U,
} from "./defs";
import {
  ACCESS_LOAD, ACCESS_STORE, atomicHost, atomicStored, fetchSlow, lastPaddr, loadSlow, storeSlow,
  tlbContext, tlbDataContext, tlbFetchContext, tlbFlush,
} from "./mmu";
import { csrInstruction } from "./csr";
import { execFp, fpDirty } from "./fpu";
import * as d from "./decode";
import {
  clearFault, cpu, enterVcpu, excCause, excTval, fault, FAULT_EXCEPTION, FAULT_NONE, raise,
  requestExit, setRunExecuted,
} from "./state";
import { interruptsPending, mret, pendingInterrupt, sret, sstcUpdate, takeTrap } from "./trap";
import { mulh, mulhsu, mulhu } from "./mulh";
import {
  JIT_BAIL, JIT_FLAG_BITS, JIT_REFUSED, JIT_STALE, jitEnqueue, jitEntry, jitForget, jitThreshold,
} from "./jit";

@inline function rx(base: usize, r: u32): u64 {
  return load<u64>(base + (<usize>r << 3));
}

// Operands of the decoded entry at e.
@inline function rs1Of(base: usize, e: usize): u64 {
  return load<u64>(base + <usize>load<u8>(e, d.E_RS1));
}
@inline function rs2Of(base: usize, e: usize): u64 {
  return load<u64>(base + <usize>load<u8>(e, d.E_RS2));
}
@inline function immOf(e: usize): u64 {
  return <u64>(<i64>load<i32>(e, d.E_IMM));
}
/**
 * Writes x[rd] (f[rd] for FP loads). E_RD is rd × 8, X0_SINK or F + rd × 8 by construction (all
 * inside the vCPU block): decodeEntry writes nothing else, and
 * it only ever writes whole entries at their own positions (see the OP_DECODE case). Masking it
 * here as well was measured at 2.5-5 % of the interpreter's speed.
 */
@inline function setRd(base: usize, e: usize, v: u64): void {
  store<u64>(base + <usize>load<u16>(e, d.E_RD), v);
}
/** The architectural rd, for the host to complete an MMIO load (X0_SINK gives 0). */
@inline function rdOf(e: usize): u32 {
  return (<u32>load<u16>(e, d.E_RD) >> 3) & 31;
}
@inline function nextEntry(e: usize): usize {
  return e + <usize>load<u8>(e, d.E_STEP);
}
@inline function pcOf(pcBias: u64, e: usize): u64 {
  return pcBias + <u64>(e >> 3);
}
@inline function nextPcOf(pcBias: u64, e: usize): u64 {
  return pcBias + <u64>(nextEntry(e) >> 3);
}

/**
 * True when guest memory no longer holds the bits the entry at e was decoded from. Every
 * operation but OP_DECODE checks this first, and then has the entry decoded again.
 *
 * Why each case repeats the check (and each load/store case its TLB paths) instead of sharing
 * them, measured on guests/bench with 2026-12 builds, best MIPS of 6 runs alternated in one
 * process (intmix / memsort / hash / listchase):
 *   as here                                                    431 / 463 / 558 / 331
 *   one check before the switch (`op != OP_DECODE && stale`)   427 / 454 / 532 / 310
 *   that, plus loads/stores as address + inline TLB hit +
 *   out-of-line miss (loadMiss/storeMiss)                      420 / 444 / 548 / 322
 *   that, with generic @inline execLoad<T>/execStore<T>
 *   returning "completed" (Binaryen leaves a branch on the
 *   block result in every hit path)                            intmix about 7 % below
 * Separate-process runs put the first two within noise of this form, but none was shown to
 * cost nothing, and several lost more than 1 %: the hot loop keeps its long form. The hoisted
 * check must also never run for OP_DECODE entries: some stand past the end of their page, where
 * hostBias + e / 8 may lie outside the linear memory.
 */
@inline function stale(e: usize, hostBias: usize): bool {
  return load<u32>(hostBias + (e >> 3)) != load<u32>(e, d.E_RAW);
}

/**
 * The scratch entry (DECODE_SCRATCH) runs one instruction outside any slot: it is the last entry
 * of this pretend slot, so that the empty entries after it continue at pc + 2 or pc + 4.
 */
@inline function scratchSlot(base: usize): usize {
  return base + DECODE_SCRATCH - (d.SLOT_ENTRIES - 1) * d.ENTRY_SIZE;
}

/** The TLB entry (of `tlb`) for the page holding va. */
@inline function tlbEntry(tlb: usize, va: u64): usize {
  return tlb + ((<usize>(va >> 12) & (TLB_ENTRIES - 1)) << 4);
}

/**
 * True when the TLB entry of va's page maps a `size`-byte load or store at va in the current
 * context. The tag is compared with the page of the access's last byte: an access that crosses
 * into the next page cannot match, because the entry index already fixes the low bits of the
 * first byte's page.
 */
@inline function tlbHit(entry: usize, va: u64, size: u32): bool {
  return load<u64>(entry) == (((va + <u64>(size - 1)) >> 12) | tlbDataContext);
}

/** Host address of va through a TLB entry that maps it. */
@inline function tlbHost(entry: usize, va: u64): usize {
  return <usize>(load<u64>(entry, 8) + va);
}

/** A single-precision value in a 64-bit f register is NaN-boxed: bits 63:32 all ones. */
const NAN_BOX: u64 = 0xffffffff00000000;

/** mstatus.FS is not Off. */
@inline function fpUsable(base: usize): bool {
  return (load<u64>(base, MSTATUS) & MSTATUS_FS) != 0;
}

/** The instruction bits the entry was decoded from, as fetched (16 bits for a compressed one). */
@inline function rawOf(e: usize): u32 {
  const bits = load<u32>(e, d.E_RAW);
  return (bits & 3) == 3 ? bits : bits & 0xffff;
}

/**
 * flw (T = u32, NaN-boxed) or fld (T = u64) from x[rs1] + imm into f[rd], through the load TLB or the slow way
 * as the integer loads do.
 * An MMIO load names f[rd] to the host as EXIT_RD = 32 + rd.
 */
@inline function execFpLoad<T>(base: usize, e: usize): bool {
  const va = rs1Of(base, e) + immOf(e);
  const entry = tlbEntry(base + TLB_LOAD, va);
  let v: u64;
  if (tlbHit(entry, va, sizeof<T>())) v = <u64>load<T>(tlbHost(entry, va));
  else {
    v = loadSlow(va, sizeof<T>(), 32 + ((<u32>load<u16>(e, d.E_RD) - F) >> 3), false);
    if (fault != FAULT_NONE) return false;
  }
  setRd(base, e, sizeof<T>() == 4 ? v | NAN_BOX : v);
  return true;
}

/** fsw or fsd: the low T of f[rs2] (bits as they are, boxed or not) at x[rs1] + imm. */
@inline function execFpStore<T>(base: usize, e: usize): bool {
  const va = rs1Of(base, e) + immOf(e);
  const v = load<u64>(base + F + <usize>load<u8>(e, d.E_RS2));
  const entry = tlbEntry(base + TLB_STORE, va);
  if (tlbHit(entry, va, sizeof<T>())) store<T>(tlbHost(entry, va), <T>v);
  else {
    storeSlow(va, sizeof<T>(), v);
    if (fault != FAULT_NONE) return false;
  }
  return true;
}

@inline function sext32(v: u64): u64 {
  return <u64>(<i64>(<i32>v));
}

/** RISC-V division never traps: x/0 = -1, MIN/-1 = MIN. */
@inline function div64(a: u64, b: u64): u64 {
  if (b == 0) return <u64>-1;
  if (<i64>b == -1) return <u64>(-<i64>a); // MIN / -1 wraps to MIN
  return <u64>(<i64>a / <i64>b);
}
@inline function rem64(a: u64, b: u64): u64 {
  if (b == 0) return a;
  if (<i64>b == -1) return 0;
  return <u64>(<i64>a % <i64>b);
}
@inline function div32(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return <u64>-1;
  if (y == -1) return sext32(<u64>(-x));
  return sext32(<u64>(x / y));
}
@inline function rem32(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return sext32(<u64>x);
  if (y == -1) return 0;
  return sext32(<u64>(x % y));
}

// Loop state that the hot path does not need, kept out of run()'s locals: fewer values live
// across the loop leave V8 more machine registers for the entry pointer, budget and biases.
// Per call, not per vCPU: run() sets all three before its loop, so nothing carries over.
/** Instructions this run() may execute in all. */
let total: i64 = 0;
/** The cache slot being executed, and the virtual chunk (pc / DECODE_CHUNK) it stands for. */
let slot: usize = 0;
let slotChunk: u64 = <u64>-1;
/** The pc where translated code gave an instruction back (JIT_BAIL): run it interpreted once. */
let jitSkipPc: u64 = <u64>-1;
/** A far jump was taken often enough: the lookup of its target asks for a translation. */
let jitWant = false;

/** Makes the decode entry e enter the translation that directory entry j names. */
@inline function enterJitAt(e: usize, j: usize): void {
  store<u32>(e, load<u32>(j, 12), d.E_IMM);
  store<u16>(e, <u16>load<u32>(j, 16), d.E_COUNT);
  store<u8>(e, d.OP_JIT, d.E_OP);
}

/**
 * A jump to the slot entry e (the instruction at pc, its bits at host address `host`) was taken
 * often: from now on e enters its translation, or the host is asked for one. True when the run
 * should end so that the host compiles what is asked.
 */
function hotTarget(pc: u64, host: usize, e: usize): bool {
  // An instruction at page offset 0xffe may cross pages: it is always fetched the slow way.
  if ((<u32>pc & 0xfff) == 0xffe) return false;
  if (useTranslation(pc, host, e)) return false;
  return jitEnqueue(pc, host, e);
}

/**
 * Makes the slot entry e (the instruction at pc, bits at `host`) enter the translation the
 * directory names for it; false when the directory has nothing for it (true for a refusal).
 */
function useTranslation(pc: u64, host: usize, e: usize): bool {
  const j = jitEntry(pc, host);
  if (j == 0) return false;
  if (load<u32>(j, 12) != JIT_REFUSED) enterJitAt(e, j);
  return true;
}

/** Counts a taken loop branch at e (OP_BRANCH_BACK, OP_JAL_BACK): true when its target got hot. */
@inline function countLoop(e: usize): bool {
  const count = <u32>load<u16>(e, d.E_COUNT) + 1;
  if (count < jitThreshold) {
    store<u16>(e, <u16>count, d.E_COUNT);
    return false;
  }
  store<u16>(e, 0, d.E_COUNT);
  return true;
}

/** Whether the conditional branch at e (funct3 in E_RD: OP_BRANCH_FAR, OP_BRANCH_BACK) is taken. */
@inline function branchTaken(base: usize, e: usize): bool {
  const a = rs1Of(base, e), b = rs2Of(base, e);
  switch (<u32>load<u16>(e, d.E_RD)) { // funct3
    case 0: return a == b;
    case 1: return a != b;
    case 4: return <i64>a < <i64>b;
    case 5: return <i64>a >= <i64>b;
    case 6: return a < b;
    default: return a >= b;
  }
}

/** Counts a taken far jump at e (the tier on); the lookup of its target checks jitWant. */
@inline function countJump(e: usize): void {
  if (jitThreshold != 0) {
    const count = <u32>load<u16>(e, d.E_COUNT) + 1;
    if (count < jitThreshold) store<u16>(e, <u16>count, d.E_COUNT);
    else {
      store<u16>(e, 0, d.E_COUNT);
      jitWant = true;
    }
  }
}

/**
 * Runs the vCPU at `vcpu` for at most `budget` instructions. Returns an EXIT_* reason; the
 * exit record in the block has the details. RETIRED and CLOCK advance by what was executed.
 *
 * Where execution is: the entry `e` in the cache slot `slot`; the pc is pcBias + e / 8 and the
 * instruction's bits are at host address hostBias + e / 8. `slotChunk` is the virtual chunk
 * that slot and the biases stand for, -1 while running the scratch entry.
 *
 * An instruction that stays in the slot ends its case with `continue`. Everything else sets
 * `pc` and breaks out of the switch: to the exception path when `fault` says so, else to the
 * lookup of pc (for an exit, pc is where the guest resumes).
 */
export function run(vcpu: usize, budget: u32): u32 {
  // Without its decode cache the core would write entries at address 0: trap instead.
  if (!d.hasDecodeCache()) unreachable();
  enterVcpu(vcpu);
  tlbContext();
  const base = vcpu;
  total = <i64>budget;
  let left: i64 = total;
  // pc[0] is always zero (IALIGN = 16); only a host write could set it, and an odd pc would
  // decode entries half-way between two slots of the cache (see the lookup below).
  let pc = load<u64>(base, PC) & ~<u64>1;
  let reason: u32 = EXIT_BUDGET;

  // Sstc deadlines end the slice early so that STIP rises on time.
  const untilDeadline = sstcUpdate();
  if (untilDeadline < <u64>left) { total = <i64>untilDeadline; left = total; }
  const irq0 = pendingInterrupt();
  if (irq0 >= 0) pc = takeTrap(CAUSE_INTERRUPT | <u64>irq0, 0, pc);
  store<u64>(base, 0); // x0: the host may have written it; the loop never does (rd = 0 is X0_SINK)
  store<u64>(base, 0, EXIT_DETAIL); // a budget exit's detail is 0 unless pause sets it

  slotChunk = <u64>-1;
  jitSkipPc = <u64>-1;
  jitWant = false;
  // Start at the empty entry after the scratch one: it looks pc up.
  slot = scratchSlot(base);
  let e = base + DECODE_SCRATCH + d.ENTRY_SIZE;
  let pcBias = pc - <u64>(e >> 3);
  let hostBias: usize = 0;

  while (true) {
    if (left <= 0) { pc = pcOf(pcBias, e); break; }
    left--;
    switch (<u32>load<u8>(e, d.E_OP)) {
      case d.OP_DECODE: {
        pc = pcOf(pcBias, e);
        const scratch = base + DECODE_SCRATCH;
        if (e != scratch && (<u32>pc & 0xfff) != 0xffe) {
          left++; // decoding or looking up is not an instruction
          const index = (e - slot) >> 4;
          // Entries are only ever written where they belong: whole entries of this slot, in the
          // slot's page. The pc is even, so e is always such an entry; the check makes that a
          // fact of this code rather than of every path that sets e.
          if (index < d.SLOT_ENTRIES && ((e - slot) & (d.ENTRY_SIZE - 1)) == 0 && ((pc ^ pcOf(pcBias, slot)) >> 12) == 0) {
            // Not decoded yet, or stale.
            d.decodeEntry(e, load<u32>(hostBias + (e >> 3)), <i32>(index << 1), <i32>(pc & 0xfff));
            if (jitThreshold != 0) useTranslation(pc, hostBias + (e >> 3), e); // translated code may start here
            continue;
          }
          break; // past the end of the slot or of its page: look pc up
        }
        // Page offset 0xffe, where an instruction may cross pages, or a page the fetch TLB does
        // not map: fetch the slow way (this may fault), then run the instruction from scratch.
        setRunExecuted(<u64>(total - left - 1));
        const insn = fetchSlow(pc);
        if (fault != FAULT_NONE) break;
        d.decodeEntry(scratch, insn, d.NOT_IN_SLOT, 0);
        slot = scratchSlot(base);
        e = scratch;
        pcBias = pc - <u64>(scratch >> 3);
        hostBias = scratch - (scratch >> 3); // the scratch entry checks its bits against itself
        slotChunk = <u64>-1;
        left++;
        continue;
      }
      case d.OP_ILLEGAL: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>load<u32>(e, d.E_IMM));
        break;
      }
      case d.OP_LI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_AUIPC: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, pcOf(pcBias, e) + immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_ADDI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) + immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLTI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, <i64>rs1Of(base, e) < <i64>immOf(e) ? 1 : 0);
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLTIU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) < immOf(e) ? 1 : 0);
        e = nextEntry(e);
        continue;
      }
      case d.OP_XORI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) ^ immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_ORI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) | immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_ANDI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) & immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLLI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) << immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRLI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) >> immOf(e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRAI: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, <u64>(<i64>rs1Of(base, e) >> <i64>immOf(e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_ADDIW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(rs1Of(base, e) + immOf(e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLLIW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(rs1Of(base, e) << immOf(e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRLIW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(<u64>(<u32>rs1Of(base, e) >> <u32>load<i32>(e, d.E_IMM))));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRAIW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(<u64>(<i32>rs1Of(base, e) >> load<i32>(e, d.E_IMM))));
        e = nextEntry(e);
        continue;
      }
      case d.OP_ADD: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) + rs2Of(base, e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SUB: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) - rs2Of(base, e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLL: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) << (rs2Of(base, e) & 63));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLT: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, <i64>rs1Of(base, e) < <i64>rs2Of(base, e) ? 1 : 0);
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLTU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) < rs2Of(base, e) ? 1 : 0);
        e = nextEntry(e);
        continue;
      }
      case d.OP_XOR: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) ^ rs2Of(base, e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRL: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) >> (rs2Of(base, e) & 63));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRA: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, <u64>(<i64>rs1Of(base, e) >> <i64>(rs2Of(base, e) & 63)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_OR: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) | rs2Of(base, e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_AND: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) & rs2Of(base, e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_ADDW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(rs1Of(base, e) + rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SUBW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(rs1Of(base, e) - rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SLLW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(rs1Of(base, e) << (rs2Of(base, e) & 31)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRLW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(<u64>(<u32>rs1Of(base, e) >> (<u32>rs2Of(base, e) & 31))));
        e = nextEntry(e);
        continue;
      }
      case d.OP_SRAW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(<u64>(<i32>rs1Of(base, e) >> (<i32>rs2Of(base, e) & 31))));
        e = nextEntry(e);
        continue;
      }
      case d.OP_MUL: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rs1Of(base, e) * rs2Of(base, e));
        e = nextEntry(e);
        continue;
      }
      case d.OP_MULH: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, mulh(rs1Of(base, e), rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_MULHSU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, mulhsu(rs1Of(base, e), rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_MULHU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, mulhu(rs1Of(base, e), rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_DIV: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, div64(rs1Of(base, e), rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_DIVU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const a = rs1Of(base, e), b = rs2Of(base, e);
        setRd(base, e, b == 0 ? <u64>-1 : a / b);
        e = nextEntry(e);
        continue;
      }
      case d.OP_REM: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rem64(rs1Of(base, e), rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_REMU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const a = rs1Of(base, e), b = rs2Of(base, e);
        setRd(base, e, b == 0 ? a : a % b);
        e = nextEntry(e);
        continue;
      }
      case d.OP_MULW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, sext32(rs1Of(base, e) * rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_DIVW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, div32(rs1Of(base, e), rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_DIVUW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const a = <u32>rs1Of(base, e), b = <u32>rs2Of(base, e);
        setRd(base, e, b == 0 ? <u64>-1 : sext32(<u64>(a / b)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_REMW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, rem32(rs1Of(base, e), rs2Of(base, e)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_REMUW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const a = <u32>rs1Of(base, e), b = <u32>rs2Of(base, e);
        setRd(base, e, b == 0 ? sext32(<u64>a) : sext32(<u64>(a % b)));
        e = nextEntry(e);
        continue;
      }
      case d.OP_LB: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const entry = tlbEntry(base + TLB_LOAD, va);
        let v: u64 = 0;
        if (tlbHit(entry, va, 1)) v = <u64>(<i64>load<i8>(tlbHost(entry, va)));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 1, rdOf(e), true);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
          v = <u64>((<i64>v << 56) >> 56);
        }
        setRd(base, e, v);
        e = nextEntry(e);
        continue;
      }
      case d.OP_LH: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const entry = tlbEntry(base + TLB_LOAD, va);
        let v: u64 = 0;
        if (tlbHit(entry, va, 2)) v = <u64>(<i64>load<i16>(tlbHost(entry, va)));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 2, rdOf(e), true);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
          v = <u64>((<i64>v << 48) >> 48);
        }
        setRd(base, e, v);
        e = nextEntry(e);
        continue;
      }
      case d.OP_LW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const entry = tlbEntry(base + TLB_LOAD, va);
        let v: u64 = 0;
        if (tlbHit(entry, va, 4)) v = <u64>(<i64>load<i32>(tlbHost(entry, va)));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 4, rdOf(e), true);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
          v = <u64>((<i64>v << 32) >> 32);
        }
        setRd(base, e, v);
        e = nextEntry(e);
        continue;
      }
      case d.OP_LD: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const entry = tlbEntry(base + TLB_LOAD, va);
        let v: u64 = 0;
        if (tlbHit(entry, va, 8)) v = load<u64>(tlbHost(entry, va));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 8, rdOf(e), false);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        setRd(base, e, v);
        e = nextEntry(e);
        continue;
      }
      case d.OP_LBU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const entry = tlbEntry(base + TLB_LOAD, va);
        let v: u64 = 0;
        if (tlbHit(entry, va, 1)) v = <u64>load<u8>(tlbHost(entry, va));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 1, rdOf(e), false);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        setRd(base, e, v);
        e = nextEntry(e);
        continue;
      }
      case d.OP_LHU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const entry = tlbEntry(base + TLB_LOAD, va);
        let v: u64 = 0;
        if (tlbHit(entry, va, 2)) v = <u64>load<u16>(tlbHost(entry, va));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 2, rdOf(e), false);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        setRd(base, e, v);
        e = nextEntry(e);
        continue;
      }
      case d.OP_LWU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const entry = tlbEntry(base + TLB_LOAD, va);
        let v: u64 = 0;
        if (tlbHit(entry, va, 4)) v = <u64>load<u32>(tlbHost(entry, va));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 4, rdOf(e), false);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        setRd(base, e, v);
        e = nextEntry(e);
        continue;
      }
      case d.OP_SB: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const v = rs2Of(base, e);
        const entry = tlbEntry(base + TLB_STORE, va);
        if (tlbHit(entry, va, 1)) store<u8>(tlbHost(entry, va), <u8>v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 1, v);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        e = nextEntry(e);
        continue;
      }
      case d.OP_SH: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const v = rs2Of(base, e);
        const entry = tlbEntry(base + TLB_STORE, va);
        if (tlbHit(entry, va, 2)) store<u16>(tlbHost(entry, va), <u16>v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 2, v);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        e = nextEntry(e);
        continue;
      }
      case d.OP_SW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const v = rs2Of(base, e);
        const entry = tlbEntry(base + TLB_STORE, va);
        if (tlbHit(entry, va, 4)) store<u32>(tlbHost(entry, va), <u32>v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 4, v);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        e = nextEntry(e);
        continue;
      }
      case d.OP_SD: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const va = rs1Of(base, e) + immOf(e);
        const v = rs2Of(base, e);
        const entry = tlbEntry(base + TLB_STORE, va);
        if (tlbHit(entry, va, 8)) store<u64>(tlbHost(entry, va), v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 8, v);
          if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        }
        e = nextEntry(e);
        continue;
      }
      case d.OP_BEQ: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        e = rs1Of(base, e) == rs2Of(base, e) ? e + <usize>load<i32>(e, d.E_IMM) : nextEntry(e);
        continue;
      }
      case d.OP_BNE: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        e = rs1Of(base, e) != rs2Of(base, e) ? e + <usize>load<i32>(e, d.E_IMM) : nextEntry(e);
        continue;
      }
      case d.OP_BLT: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        e = <i64>rs1Of(base, e) < <i64>rs2Of(base, e) ? e + <usize>load<i32>(e, d.E_IMM) : nextEntry(e);
        continue;
      }
      case d.OP_BGE: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        e = <i64>rs1Of(base, e) >= <i64>rs2Of(base, e) ? e + <usize>load<i32>(e, d.E_IMM) : nextEntry(e);
        continue;
      }
      case d.OP_BLTU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        e = rs1Of(base, e) < rs2Of(base, e) ? e + <usize>load<i32>(e, d.E_IMM) : nextEntry(e);
        continue;
      }
      case d.OP_BGEU: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        e = rs1Of(base, e) >= rs2Of(base, e) ? e + <usize>load<i32>(e, d.E_IMM) : nextEntry(e);
        continue;
      }
      case d.OP_JAL: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, nextPcOf(pcBias, e));
        e += <usize>load<i32>(e, d.E_IMM);
        continue;
      }
      case d.OP_BRANCH_FAR: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        if (!branchTaken(base, e)) { e = nextEntry(e); continue; }
        countJump(e);
        pc = pcOf(pcBias, e) + immOf(e);
        break;
      }
      case d.OP_JAL_FAR: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, nextPcOf(pcBias, e));
        countJump(e);
        pc = pcOf(pcBias, e) + immOf(e);
        break;
      }
      case d.OP_JALR: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        const target = (rs1Of(base, e) + immOf(e)) & ~<u64>1;
        setRd(base, e, nextPcOf(pcBias, e));
        countJump(e);
        if (target / d.DECODE_CHUNK == slotChunk) { // the same chunk: the same slot
          e = slot + ((<usize>target & (d.DECODE_CHUNK - 1)) << 3);
          if (jitWant) {
            jitWant = false;
            if (hotTarget(target, hostBias + (e >> 3), e) && left > 0) { exitWith(EXIT_JIT); pc = target; break; }
          }
          continue;
        }
        pc = target;
        break;
      }
      case d.OP_FENCE: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        // With other harts on other threads (the shared build) a FENCE orders this hart's
        // memory accesses as theirs see them: a sequentially consistent read-modify-write is a
        // full barrier (x86's locked instructions, ARM's dmb around it), at least as strong as
        // any RVWMO fence. On this hart's own x0 sink, which no one else touches. (atomic.fence
        // itself fails Binaryen's validation in AssemblyScript 0.28.) One thread needs none.
        if (ASC_FEATURE_THREADS) atomic.add<u32>(base + X0_SINK, 0);
        // Zihintpause's pause (fence w,0): a spin-wait hint; with pause-loop exiting it ends the run.
        if (load<u32>(e, d.E_RAW) == PAUSE && (load<u64>(base, CONFIG) & CONFIG_PAUSE_EXITS)) {
          store<u64>(base, BUDGET_PAUSE, EXIT_DETAIL);
          exitWith(EXIT_BUDGET);
          pc = nextPcOf(pcBias, e);
          break;
        }
        e = nextEntry(e);
        continue;
      }
      case d.OP_SYSTEM: { // everything that may change mode, translation or interrupt state
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRunExecuted(<u64>(total - left - 1));
        const insn = <u32>load<i32>(e, d.E_IMM);
        const bits = load<u32>(e, d.E_RAW);
        const raw = (bits & 3) == 3 ? bits : bits & 0xffff;
        const rdOffset = <usize>load<u16>(e, d.E_RD);
        const npc = execSystem(base, insn, raw, pcOf(pcBias, e), nextPcOf(pcBias, e), rdOffset);
        pc = npc;
        if (fault != FAULT_NONE) break;
        slotChunk = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        if (irq >= 0) pc = takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc);
        break;
      }
      case d.OP_AMO: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, <u32>load<i32>(e, d.E_IMM), <usize>load<u16>(e, d.E_RD));
        if (fault != FAULT_NONE) { pc = nextPcOf(pcBias, e); break; }
        e = nextEntry(e);
        continue;
      }
      // F and D loads and stores: as the integer ones, once mstatus.FS says the FP unit is on
      // (Off makes them illegal); a load makes FS Dirty.
      case d.OP_FLW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        if (!fpUsable(base)) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>rawOf(e)); break; }
        if (execFpLoad<u32>(base, e)) { fpDirty(); e = nextEntry(e); continue; }
        pc = nextPcOf(pcBias, e);
        break;
      }
      case d.OP_FLD: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        if (!fpUsable(base)) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>rawOf(e)); break; }
        if (execFpLoad<u64>(base, e)) { fpDirty(); e = nextEntry(e); continue; }
        pc = nextPcOf(pcBias, e);
        break;
      }
      case d.OP_FSW: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        if (!fpUsable(base)) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>rawOf(e)); break; }
        if (execFpStore<u32>(base, e)) { e = nextEntry(e); continue; }
        pc = nextPcOf(pcBias, e);
        break;
      }
      case d.OP_FSD: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        if (!fpUsable(base)) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>rawOf(e)); break; }
        if (execFpStore<u64>(base, e)) { e = nextEntry(e); continue; }
        pc = nextPcOf(pcBias, e);
        break;
      }
      case d.OP_FP: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        execFp(<u32>load<i32>(e, d.E_IMM), rawOf(e));
        if (fault != FAULT_NONE) break;
        e = nextEntry(e);
        continue;
      }
      case d.OP_BRANCH_BACK: { // a loop's branch, counted for the compiling tier
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        if (!branchTaken(base, e)) { e = nextEntry(e); continue; }
        const hot = countLoop(e);
        e += <usize>load<i32>(e, d.E_IMM);
        if (hot && hotTarget(pcOf(pcBias, e), hostBias + (e >> 3), e) && left > 0) { exitWith(EXIT_JIT); pc = pcOf(pcBias, e); break; }
        continue;
      }
      case d.OP_JAL_BACK: {
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        setRd(base, e, nextPcOf(pcBias, e));
        const hot = countLoop(e);
        e += <usize>load<i32>(e, d.E_IMM);
        if (hot && hotTarget(pcOf(pcBias, e), hostBias + (e >> 3), e) && left > 0) { exitWith(EXIT_JIT); pc = pcOf(pcBias, e); break; }
        continue;
      }
      case d.OP_JIT: { // translated code starts here (src/machine/jit)
        if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }
        left++; // entering is not an instruction: the translated code counts what it runs
        pc = pcOf(pcBias, e);
        const host = hostBias + (e >> 3);
        if (pc == jitSkipPc) {
          // The translated code gave this instruction back (a TLB miss, the budget, an
          // instruction it does not translate): run it here, from the scratch entry.
          jitSkipPc = <u64>-1;
          const scratch = base + DECODE_SCRATCH;
          d.decodeEntry(scratch, load<u32>(e, d.E_RAW), d.NOT_IN_SLOT, 0);
          slot = scratchSlot(base);
          e = scratch;
          pcBias = pc - <u64>(scratch >> 3);
          hostBias = scratch - (scratch >> 3);
          slotChunk = <u64>-1;
          continue;
        }
        const before = left;
        const result = call_indirect<u64>(
          load<u32>(e, d.E_IMM), base, <u32>(host - (<usize>pc & 0xfff)), left, <u32>load<u16>(e, d.E_COUNT), tlbDataContext,
          pc & ~<u64>0xfff,
        );
        left = <i64>(result >> JIT_FLAG_BITS);
        store<u64>(base, load<u64>(base, JIT_RETIRED) + <u64>(before - left), JIT_RETIRED);
        const next = load<u64>(base, PC);
        if (result & JIT_STALE) {
          // A block it reached is not the code it was made from (patched code, another
          // program in the page): forget this way in and decode e again, so that the code as it
          // is now gets hot and is translated afresh.
          jitForget(pc, host);
          store<u8>(e, d.OP_DECODE, d.E_OP);
        }
        if (result & JIT_BAIL) jitSkipPc = next;
        pc = next;
        break;
      }
      default: // an operation number no entry holds
        unreachable();
    }

    // Only faults, exits and jumps that may leave the slot get here.
    if (fault != FAULT_NONE) {
      if (fault == FAULT_EXCEPTION) {
        clearFault();
        setRunExecuted(<u64>(total - left - 1));
        pc = takeTrap(<u64>excCause, excTval, pcOf(pcBias, e));
        slotChunk = <u64>-1;
        if (fault != FAULT_NONE) { reason = <u32>load<u64>(base, EXIT_REASON); break; }
      } else {
        // An exit: the instruction completed (or, for a breakpoint, did not start).
        reason = <u32>load<u64>(base, EXIT_REASON);
        break;
      }
    }
    // Continue at pc: in its chunk's slot when the fetch TLB maps the page, else fetched the
    // slow way from the scratch entry.
    const chunk = pc / d.DECODE_CHUNK;
    if (chunk != slotChunk) {
      const page = pc >> 12;
      const tlb = base + TLB_FETCH + ((<usize>page & (TLB_ENTRIES - 1)) << 4);
      if (load<u64>(tlb) != (page | tlbFetchContext)) {
        jitWant = false;
        e = base + DECODE_SCRATCH;
        store<u8>(e, d.OP_DECODE, d.E_OP);
        slot = scratchSlot(base);
        pcBias = pc - <u64>(e >> 3);
        continue;
      }
      slotChunk = chunk;
      slot = d.cacheSlot(chunk);
      const start = pc & ~<u64>(d.DECODE_CHUNK - 1);
      pcBias = start - <u64>(slot >> 3);
      hostBias = <usize>(load<u64>(tlb, 8) + start) - (slot >> 3);
    }
    // Entry i of a slot is the halfword at 2·i: the mask drops pc[0], which is zero anyway.
    e = slot + ((<usize>pc & (d.DECODE_CHUNK - 2)) << 3);
    if (jitWant) {
      jitWant = false;
      if (hotTarget(pc, hostBias + (e >> 3), e) && left > 0) { reason = EXIT_JIT; break; }
    }
  }

  store<u64>(base, pc, PC);
  const executed = <u64>(total - left);
  store<u64>(base, load<u64>(base, RETIRED) + executed, RETIRED);
  store<u64>(base, load<u64>(base, CLOCK) + executed, CLOCK);
  store<u64>(base, reason, EXIT_REASON);
  return reason;
}

/** Zihintpause's pause: fence with pred = W, succ = 0, rs1 = rd = 0. */
const PAUSE: u32 = 0x0100000f;

function exitWith(reason: u32): void {
  store<u64>(cpu, reason, EXIT_REASON);
  requestExit();
}

/**
 * ecall, ebreak, xRET, wfi, sfence.vma and the CSR instructions. Returns the next pc.
 * `rdOffset` is x[rd]'s offset in the block (X0_SINK for x0).
 */
function execSystem(base: usize, insn: u32, raw: u32, pc: u64, npc: u64, rdOffset: usize): u64 {
  const priv = load<u64>(base, PRIV);
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const f3 = (insn >> 12) & 7;
  if (f3 != 0) {
    if (f3 == 4) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); return npc; }
    const operand = f3 >= 5 ? <u64>rs1 : rx(base, rs1);
    const old = csrInstruction(insn, operand);
    if (fault == FAULT_NONE) store<u64>(base + rdOffset, old);
    return npc;
  }
  const mstatus = load<u64>(base, MSTATUS);
  if ((insn >> 25) == 0x09 && rd == 0) { // sfence.vma
    if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TVM))) raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw);
    else tlbFlush();
    return npc;
  }
  switch (insn) {
    case 0x00000073: // ecall
      if (priv == PRIV_S && (load<u64>(base, CONFIG) & CONFIG_HOST_SBI)) {
        exitWith(EXIT_HYPERCALL);
        return npc;
      }
      raise(CAUSE_USER_ECALL + <u32>priv, 0);
      return npc;
    case 0x00100073: // ebreak
      if (load<u64>(base, CONFIG) & CONFIG_EBREAK_EXITS) {
        exitWith(EXIT_BREAKPOINT);
        return pc;
      }
      raise(CAUSE_BREAKPOINT, 0); // tval 0 for ebreak, as QEMU does (the spec allows pc or 0)
      return npc;
    case 0x30200073: // mret
      if (priv != PRIV_M) break;
      return mret();
    case 0x10200073: // sret
      if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TSR))) break;
      return sret();
    case 0x10500073: // wfi
      if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TW))) break;
      if (interruptsPending() == 0) exitWith(EXIT_WFI);
      return npc;
  }
  raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw);
  return npc;
}

/**
 * LR/SC and the AMOs (A extension): aligned, in RAM, on the store TLB's permissions.
 * `rdOffset` is x[rd]'s offset in the block (X0_SINK for x0).
 *
 * Several harts may run over the same memory at once (parallel mode, the shared build): there
 * every AMO is one WebAssembly atomic read-modify-write, and SC a compare-and-exchange against
 * the value LR loaded, so that a store of another hart in between makes it fail (RVWMO's
 * reservation rules allow an SC to fail whenever another hart may have written the reservation
 * set; one that stored the same value is not told apart, as in QEMU's threaded TCG). The
 * single-threaded build does the same comparison with plain loads and stores.
 */
function execAmo(base: usize, insn: u32, rdOffset: usize): void {
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  const f3 = (insn >> 12) & 7;
  if (f3 != 2 && f3 != 3) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>insn); return; }
  const size: u32 = f3 == 2 ? 4 : 8;
  const va = rx(base, rs1);
  const f5 = insn >> 27;
  // A funct5 that is no AMO is an illegal instruction, whatever its address would do.
  if (f5 != 0x02 && f5 != 0x03 && !isAmo(f5)) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>insn); return; }
  if (f5 == 0x02) { // lr
    if (rs2 != 0) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>insn); return; }
    if (va & (<u64>size - 1)) { raise(CAUSE_MISALIGNED_LOAD, va); return; }
    const host = atomicHost(va, ACCESS_LOAD);
    if (host == 0) return;
    const value: u64 = size == 4 ? <u64>loadAtomic<u32>(host) : loadAtomic<u64>(host);
    store<u64>(base, lastPaddr(), RESERVATION);
    store<u64>(base, value, RESERVATION_VALUE);
    store<u64>(base + rdOffset, size == 4 ? <u64>(<i64><i32><u32>value) : value);
    return;
  }
  if (va & (<u64>size - 1)) { raise(CAUSE_MISALIGNED_STORE, va); return; }
  if (f5 == 0x03 && load<u64>(base, RESERVATION) == <u64>-1) {
    // An SC without a reservation fails without translating its address, as on QEMU.
    store<u64>(base + rdOffset, 1);
    return;
  }
  const host = atomicHost(va, ACCESS_STORE);
  if (host == 0) return;
  const b = rx(base, rs2);
  if (f5 == 0x03) { // sc
    const expected = load<u64>(base, RESERVATION_VALUE);
    let ok = load<u64>(base, RESERVATION) == lastPaddr();
    store<u64>(base, <u64>-1, RESERVATION);
    if (ok) {
      ok = size == 4 ? compareExchange<u32>(host, <u32>expected, <u32>b) : compareExchange<u64>(host, expected, b);
      if (ok) atomicStored(size);
    }
    store<u64>(base + rdOffset, ok ? 0 : 1);
    return;
  }
  const old = size == 4 ? <u64>(<i64><i32>amo<u32>(host, f5, <u32>b)) : amo<u64>(host, f5, b);
  atomicStored(size);
  store<u64>(base + rdOffset, old);
}

/** The new value of an AMO's memory word: `old` op `b`, for the AMO with funct5 `f5` (not lr/sc). */
@inline function amoValue<T>(f5: u32, old: T, b: T): T {
  switch (f5) {
    case 0x01: return b; // amoswap
    case 0x00: return old + b; // amoadd
    case 0x04: return old ^ b; // amoxor
    case 0x0c: return old & b; // amoand
    case 0x08: return old | b; // amoor
    case 0x10: { // amomin
      if (sizeof<T>() == 4) return <i32>old < <i32>b ? old : b;
      return <i64>old < <i64>b ? old : b;
    }
    case 0x14: { // amomax
      if (sizeof<T>() == 4) return <i32>old > <i32>b ? old : b;
      return <i64>old > <i64>b ? old : b;
    }
    case 0x18: return old < b ? old : b; // amominu
    default: return old > b ? old : b; // amomaxu (0x1c)
  }
}

/** funct5 of the AMOs this core implements (lr and sc aside). */
@inline function isAmo(f5: u32): bool {
  return f5 == 0x01 || f5 == 0x00 || f5 == 0x04 || f5 == 0x0c || f5 == 0x08 || f5 == 0x10 || f5 == 0x14 || f5 == 0x18 || f5 == 0x1c;
}

/** An AMO (funct5 `f5`, isAmo) on the u32 or u64 at `host`; returns the old value. */
function amo<T>(host: usize, f5: u32, b: T): T {
  if (ASC_FEATURE_THREADS) {
    switch (f5) {
      case 0x01: return atomic.xchg<T>(host, b);
      case 0x00: return atomic.add<T>(host, b);
      case 0x04: return atomic.xor<T>(host, b);
      case 0x0c: return atomic.and<T>(host, b);
      case 0x08: return atomic.or<T>(host, b);
    }
    // min/max: compare-and-exchange until no other hart wrote in between.
    let old = atomic.load<T>(host);
    while (true) {
      const seen = atomic.cmpxchg<T>(host, old, amoValue<T>(f5, old, b));
      if (seen == old) return old;
      old = seen;
    }
  }
  const old = load<T>(host);
  store<T>(host, amoValue<T>(f5, old, b));
  return old;
}

@inline function loadAtomic<T>(host: usize): T {
  if (ASC_FEATURE_THREADS) return atomic.load<T>(host);
  return load<T>(host);
}

/** SC's store: `value` at `host` if it still holds `expected`; whether it did. */
@inline function compareExchange<T>(host: usize, expected: T, value: T): bool {
  if (ASC_FEATURE_THREADS) return atomic.cmpxchg<T>(host, expected, value) == expected;
  if (load<T>(host) != expected) return false;
  store<T>(host, value);
  return true;
}
