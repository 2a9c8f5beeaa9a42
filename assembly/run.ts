// The run loop (DESIGN.md "The run contract"): interprets RV64IMAC from the vCPU block until
// the budget is spent or the host is needed, and returns the exit reason. pc, the budget and
// the current fetch page live in locals; everything else is in the vCPU block. Traps that
// belong to the guest never leave this loop.

import {
  CLOCK, CONFIG, CONFIG_EBREAK_EXITS, CONFIG_HOST_SBI, EXIT_BREAKPOINT, EXIT_BUDGET,
  EXIT_HYPERCALL, EXIT_REASON, EXIT_WFI, MSTATUS, PC, PRIV, RESERVATION, RETIRED, TLB_FETCH,
  TLB_ENTRIES, TLB_LOAD, TLB_STORE,
} from "./layout";
import {
  CAUSE_BREAKPOINT, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_INTERRUPT, CAUSE_MISALIGNED_LOAD,
  CAUSE_MISALIGNED_STORE, CAUSE_USER_ECALL, MSTATUS_TSR, MSTATUS_TVM, MSTATUS_TW, PRIV_M, PRIV_S,
  PRIV_U,
} from "./defs";
import {
  ACCESS_LOAD, ACCESS_STORE, atomicHost, atomicStored, fetchSlow, lastPaddr, loadSlow, storeSlow,
  tlbFlush,
} from "./mmu";
import { csrInstruction } from "./csr";
import { rvcTable } from "./rvc";
import {
  clearFault, cpu, enterVcpu, excCause, excTval, fault, FAULT_EXCEPTION, FAULT_NONE, raise,
  requestExit, setRunExecuted,
} from "./state";
import { anyInterruptPending, mret, pendingInterrupt, sret, sstcUpdate, takeTrap } from "./trap";
import { mulh, mulhsu, mulhu } from "./mulh";

@inline function rx(base: usize, r: u32): u64 {
  return load<u64>(base + (<usize>r << 3));
}

@inline function wx(base: usize, r: u32, v: u64): void {
  store<u64>(base + (<usize>r << 3), v);
}

/** Host address of a `size`-byte access at va when the TLB maps it within one page, else 0. */
@inline function tlbHost(tlb: usize, va: u64, size: u32): usize {
  const slot = tlb + ((<usize>(va >> 12) & (TLB_ENTRIES - 1)) << 4);
  if (load<u64>(slot) == (va >> 12) && (<u32>va & 0xfff) <= 0x1000 - size) return <usize>(load<u64>(slot, 8) + va);
  return 0;
}

@inline function immI(insn: u32): u64 {
  return <u64>(<i64>(<i32>insn >> 20));
}

@inline function immS(insn: u32): u64 {
  return <u64>(<i64>(((<i32>insn >> 25) << 5) | <i32>((insn >> 7) & 31)));
}

@inline function immB(insn: u32): u64 {
  return <u64>(<i64>(((<i32>insn >> 31) << 12) | <i32>(((insn >> 7) & 1) << 11) |
    <i32>(((insn >> 25) & 63) << 5) | <i32>(((insn >> 8) & 15) << 1)));
}

@inline function immJ(insn: u32): u64 {
  return <u64>(<i64>(((<i32>insn >> 31) << 20) | <i32>(insn & 0xff000) |
    <i32>(((insn >> 20) & 1) << 11) | <i32>(((insn >> 21) & 0x3ff) << 1)));
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

/**
 * Runs the vCPU at `vcpu` for at most `budget` instructions. Returns an EXIT_* reason; the
 * exit record in the block has the details. RETIRED and CLOCK advance by what was executed.
 *
 * Every instruction that completes ends its case with `pc = npc; continue`: only a fault (an
 * exception or an exit) falls out of the switch, so the common path never tests `fault`.
 */
export function run(vcpu: usize, budget: u32): u32 {
  enterVcpu(vcpu);
  const base = vcpu;
  let total: i64 = <i64>budget;
  let left: i64 = total;
  let pc = load<u64>(base, PC);
  let reason: u32 = EXIT_BUDGET;

  // Sstc deadlines end the slice early so that STIP rises on time.
  const untilDeadline = sstcUpdate();
  if (untilDeadline < <u64>left) { total = <i64>untilDeadline; left = total; }
  const irq0 = pendingInterrupt();
  if (irq0 >= 0) pc = takeTrap(CAUSE_INTERRUPT | <u64>irq0, 0, pc);

  // The current fetch page: tag = pc >> 12, host = addend + pc.
  let fetchTag: u64 = <u64>-1;
  let fetchAddend: u64 = 0;

  while (left > 0) {
    left--;
    store<u64>(base, 0); // x0
    let insn: u32;
    const off = <u32>pc & 0xfff;
    if ((pc >> 12) == fetchTag && off <= 0xffc) {
      insn = load<u32>(<usize>(fetchAddend + pc));
    } else {
      const slot = base + TLB_FETCH + ((<usize>(pc >> 12) & (TLB_ENTRIES - 1)) << 4);
      if (load<u64>(slot) == (pc >> 12) && off <= 0xffc) {
        fetchTag = pc >> 12;
        fetchAddend = load<u64>(slot, 8);
        insn = load<u32>(<usize>(fetchAddend + pc));
      } else {
        setRunExecuted(<u64>(total - left - 1));
        insn = fetchSlow(pc);
        if (fault != FAULT_NONE) {
          clearFault();
          pc = takeTrap(<u64>excCause, excTval, pc);
          fetchTag = <u64>-1;
          if (fault != FAULT_NONE) { reason = <u32>load<u64>(base, EXIT_REASON); break; }
          continue;
        }
      }
    }

    let npc: u64;
    let raw = insn;
    if ((insn & 3) != 3) {
      raw = insn & 0xffff;
      insn = load<u32>(rvcTable + (<usize>raw << 2));
      npc = pc + 2;
      // Illegal encodings expand to all-ones: opcode 0x7f, the default case.
    } else {
      npc = pc + 4;
    }

    const rd = (insn >> 7) & 31;
    const rs1 = (insn >> 15) & 31;
    const rs2 = (insn >> 20) & 31;
    const f3 = (insn >> 12) & 7;

    switch (((insn >> 2) & 31) | (f3 << 5)) {
      case 0x00: { // lb
        const va = rx(base, rs1) + immI(insn);
        const host = tlbHost(base + TLB_LOAD, va, 1);
        let v: u64 = 0;
        if (host != 0) v = <u64>(<i64>load<i8>(host));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 1, rd, true);
          if (fault != FAULT_NONE) break;
          v = <u64>((<i64>v << 56) >> 56);
        }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x03: { // fence
        pc = npc;
        continue;
      }
      case 0x04: { // addi
        wx(base, rd, rx(base, rs1) + immI(insn));
        pc = npc;
        continue;
      }
      case 0x05: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x06: { // addiw
        wx(base, rd, sext32(rx(base, rs1) + immI(insn)));
        pc = npc;
        continue;
      }
      case 0x08: { // sb
        const va = rx(base, rs1) + immS(insn);
        const v = rx(base, rs2);
        const host = tlbHost(base + TLB_STORE, va, 1);
        if (host != 0) store<u8>(host, <u8>v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 1, v);
          if (fault != FAULT_NONE) break;
        }
        pc = npc;
        continue;
      }
      case 0x0b: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0x0c: { // add, sub, mul
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = a + b;
        else if (f7 == 1) v = a * b;
        else if (f7 == 0x20) v = a - b;
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x0d: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x0e: { // addw, subw, mulw
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = sext32(a + b);
        else if (f7 == 1) v = sext32(a * b);
        else if (f7 == 0x20) v = sext32(a - b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x18: { // beq
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        pc = a == b ? pc + immB(insn) : npc;
        continue;
      }
      case 0x19: { // jalr
        const target = (rx(base, rs1) + immI(insn)) & ~<u64>1;
        wx(base, rd, npc);
        pc = target;
        continue;
      }
      case 0x1b: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0x1c: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      case 0x20: { // lh
        const va = rx(base, rs1) + immI(insn);
        const host = tlbHost(base + TLB_LOAD, va, 2);
        let v: u64 = 0;
        if (host != 0) v = <u64>(<i64>load<i16>(host));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 2, rd, true);
          if (fault != FAULT_NONE) break;
          v = <u64>((<i64>v << 48) >> 48);
        }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x23: { // fence.i: fetch reads RAM directly, nothing is cached
        pc = npc;
        continue;
      }
      case 0x24: { // slli
        if ((insn >> 26) != 0) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, rx(base, rs1) << <u64>((insn >> 20) & 63));
        pc = npc;
        continue;
      }
      case 0x25: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x26: { // slliw
        if ((insn >> 25) != 0) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, sext32(rx(base, rs1) << <u64>rs2));
        pc = npc;
        continue;
      }
      case 0x28: { // sh
        const va = rx(base, rs1) + immS(insn);
        const v = rx(base, rs2);
        const host = tlbHost(base + TLB_STORE, va, 2);
        if (host != 0) store<u16>(host, <u16>v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 2, v);
          if (fault != FAULT_NONE) break;
        }
        pc = npc;
        continue;
      }
      case 0x2b: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0x2c: { // sll, mulh
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = a << (b & 63);
        else if (f7 == 1) v = mulh(a, b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x2d: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x2e: { // sllw
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = sext32(a << (b & 31));
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x38: { // bne
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        pc = a != b ? pc + immB(insn) : npc;
        continue;
      }
      case 0x3b: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0x3c: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      case 0x40: { // lw
        const va = rx(base, rs1) + immI(insn);
        const host = tlbHost(base + TLB_LOAD, va, 4);
        let v: u64 = 0;
        if (host != 0) v = <u64>(<i64>load<i32>(host));
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 4, rd, true);
          if (fault != FAULT_NONE) break;
          v = <u64>((<i64>v << 32) >> 32);
        }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x44: { // slti
        wx(base, rd, <i64>rx(base, rs1) < <i64>immI(insn) ? 1 : 0);
        pc = npc;
        continue;
      }
      case 0x45: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x48: { // sw
        const va = rx(base, rs1) + immS(insn);
        const v = rx(base, rs2);
        const host = tlbHost(base + TLB_STORE, va, 4);
        if (host != 0) store<u32>(host, <u32>v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 4, v);
          if (fault != FAULT_NONE) break;
        }
        pc = npc;
        continue;
      }
      case 0x4b: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0x4c: { // slt, mulhsu
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = <i64>a < <i64>b ? 1 : 0;
        else if (f7 == 1) v = mulhsu(a, b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x4d: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x5b: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0x5c: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      case 0x60: { // ld
        const va = rx(base, rs1) + immI(insn);
        const host = tlbHost(base + TLB_LOAD, va, 8);
        let v: u64 = 0;
        if (host != 0) v = load<u64>(host);
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 8, rd, false);
          if (fault != FAULT_NONE) break;
        }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x64: { // sltiu
        wx(base, rd, rx(base, rs1) < immI(insn) ? 1 : 0);
        pc = npc;
        continue;
      }
      case 0x65: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x68: { // sd
        const va = rx(base, rs1) + immS(insn);
        const v = rx(base, rs2);
        const host = tlbHost(base + TLB_STORE, va, 8);
        if (host != 0) store<u64>(host, v);
        else {
          setRunExecuted(<u64>(total - left - 1));
          storeSlow(va, 8, v);
          if (fault != FAULT_NONE) break;
        }
        pc = npc;
        continue;
      }
      case 0x6b: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0x6c: { // sltu, mulhu
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = a < b ? 1 : 0;
        else if (f7 == 1) v = mulhu(a, b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x6d: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x7b: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0x7c: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      case 0x80: { // lbu
        const va = rx(base, rs1) + immI(insn);
        const host = tlbHost(base + TLB_LOAD, va, 1);
        let v: u64 = 0;
        if (host != 0) v = <u64>load<u8>(host);
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 1, rd, false);
          if (fault != FAULT_NONE) break;
        }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x84: { // xori
        wx(base, rd, rx(base, rs1) ^ immI(insn));
        pc = npc;
        continue;
      }
      case 0x85: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x8b: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0x8c: { // xor, div
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = a ^ b;
        else if (f7 == 1) v = div64(a, b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x8d: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0x8e: { // divw
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 1) v = div32(a, b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0x98: { // blt
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        pc = <i64>a < <i64>b ? pc + immB(insn) : npc;
        continue;
      }
      case 0x9b: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0x9c: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      case 0xa0: { // lhu
        const va = rx(base, rs1) + immI(insn);
        const host = tlbHost(base + TLB_LOAD, va, 2);
        let v: u64 = 0;
        if (host != 0) v = <u64>load<u16>(host);
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 2, rd, false);
          if (fault != FAULT_NONE) break;
        }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xa4: { // srli, srai
        const f6 = insn >> 26;
        const sh = <u64>((insn >> 20) & 63);
        if (f6 == 0) wx(base, rd, rx(base, rs1) >> sh);
        else if (f6 == 0x10) wx(base, rd, <u64>(<i64>rx(base, rs1) >> sh));
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        pc = npc;
        continue;
      }
      case 0xa5: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0xa6: { // srliw, sraiw
        const f7 = insn >> 25;
        const a = rx(base, rs1);
        if (f7 == 0) wx(base, rd, sext32(<u64>(<u32>a >> rs2)));
        else if (f7 == 0x20) wx(base, rd, sext32(<u64>(<i32>a >> <i32>rs2)));
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        pc = npc;
        continue;
      }
      case 0xab: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0xac: { // srl, sra, divu
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = a >> (b & 63);
        else if (f7 == 1) v = b == 0 ? <u64>-1 : a / b;
        else if (f7 == 0x20) v = <u64>(<i64>a >> <i64>(b & 63));
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xad: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0xae: { // srlw, sraw, divuw
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = sext32(<u64>(<u32>a >> (<u32>b & 31)));
        else if (f7 == 1) v = <u32>b == 0 ? <u64>-1 : sext32(<u64>(<u32>a / <u32>b));
        else if (f7 == 0x20) v = sext32(<u64>(<i32>a >> (<i32>b & 31)));
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xb8: { // bge
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        pc = <i64>a >= <i64>b ? pc + immB(insn) : npc;
        continue;
      }
      case 0xbb: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0xbc: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      case 0xc0: { // lwu
        const va = rx(base, rs1) + immI(insn);
        const host = tlbHost(base + TLB_LOAD, va, 4);
        let v: u64 = 0;
        if (host != 0) v = <u64>load<u32>(host);
        else {
          setRunExecuted(<u64>(total - left - 1));
          v = loadSlow(va, 4, rd, false);
          if (fault != FAULT_NONE) break;
        }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xc4: { // ori
        wx(base, rd, rx(base, rs1) | immI(insn));
        pc = npc;
        continue;
      }
      case 0xc5: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0xcb: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0xcc: { // or, rem
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = a | b;
        else if (f7 == 1) v = rem64(a, b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xcd: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0xce: { // remw
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 1) v = rem32(a, b);
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xd8: { // bltu
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        pc = a < b ? pc + immB(insn) : npc;
        continue;
      }
      case 0xdb: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0xdc: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      case 0xe4: { // andi
        wx(base, rd, rx(base, rs1) & immI(insn));
        pc = npc;
        continue;
      }
      case 0xe5: { // auipc
        wx(base, rd, pc + <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0xeb: { // AMO
        setRunExecuted(<u64>(total - left - 1));
        execAmo(base, insn, raw, rd, rs1, rs2, f3);
        if (fault != FAULT_NONE) break;
        pc = npc;
        continue;
      }
      case 0xec: { // and, remu
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 0) v = a & b;
        else if (f7 == 1) v = b == 0 ? a : a % b;
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xed: { // lui
        wx(base, rd, <u64>(<i64>(<i32>(insn & 0xfffff000))));
        pc = npc;
        continue;
      }
      case 0xee: { // remuw
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        const f7 = insn >> 25;
        let v: u64 = 0;
        if (f7 == 1) v = <u32>b == 0 ? sext32(a) : sext32(<u64>(<u32>a % <u32>b));
        else { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); break; }
        wx(base, rd, v);
        pc = npc;
        continue;
      }
      case 0xf8: { // bgeu
        const a = rx(base, rs1);
        const b = rx(base, rs2);
        pc = a >= b ? pc + immB(insn) : npc;
        continue;
      }
      case 0xfb: { // jal
        wx(base, rd, npc);
        pc = pc + immJ(insn);
        continue;
      }
      case 0xfc: { // SYSTEM: everything that may change mode, translation or interrupt state
        setRunExecuted(<u64>(total - left - 1));
        npc = execSystem(base, insn, raw, pc, npc, rd, rs1, f3);
        if (fault != FAULT_NONE) break;
        fetchTag = <u64>-1;
        const cap = sstcUpdate();
        if (cap < <u64>left) { total -= left - <i64>cap; left = <i64>cap; }
        const irq = pendingInterrupt();
        pc = irq >= 0 ? takeTrap(CAUSE_INTERRUPT | <u64>irq, 0, npc) : npc;
        continue;
      }
      default:
        raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw);
    }


    // Only instructions that did not complete normally get here.
    if (fault == FAULT_EXCEPTION) {
      clearFault();
      setRunExecuted(<u64>(total - left - 1));
      pc = takeTrap(<u64>excCause, excTval, pc);
      fetchTag = <u64>-1;
      if (fault == FAULT_NONE) continue;
      reason = <u32>load<u64>(base, EXIT_REASON);
      break;
    }
    // An exit: the instruction completed (or, for a breakpoint, did not start).
    pc = npc;
    reason = <u32>load<u64>(base, EXIT_REASON);
    break;
  }

  store<u64>(base, 0); // x0
  store<u64>(base, pc, PC);
  const executed = <u64>(total - left);
  store<u64>(base, load<u64>(base, RETIRED) + executed, RETIRED);
  store<u64>(base, load<u64>(base, CLOCK) + executed, CLOCK);
  store<u64>(base, reason, EXIT_REASON);
  return reason;
}

function exitWith(reason: u32): void {
  store<u64>(cpu, reason, EXIT_REASON);
  requestExit();
}

/** ecall, ebreak, xRET, wfi, sfence.vma and the CSR instructions. Returns the next pc. */
function execSystem(base: usize, insn: u32, raw: u32, pc: u64, npc: u64, rd: u32, rs1: u32, f3: u32): u64 {
  const priv = load<u64>(base, PRIV);
  if (f3 != 0) {
    if (f3 == 4) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); return npc; }
    const operand = f3 >= 5 ? <u64>rs1 : rx(base, rs1);
    const old = csrInstruction(insn, operand);
    if (fault == FAULT_NONE) wx(base, rd, old);
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
      if (!anyInterruptPending()) exitWith(EXIT_WFI);
      return npc;
  }
  raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw);
  return npc;
}

/** LR/SC and the AMOs (A extension): aligned, in RAM, on the store TLB's permissions. */
function execAmo(base: usize, insn: u32, raw: u32, rd: u32, rs1: u32, rs2: u32, f3: u32): void {
  if (f3 != 2 && f3 != 3) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); return; }
  const size: u32 = f3 == 2 ? 4 : 8;
  const va = rx(base, rs1);
  const f5 = insn >> 27;
  if (f5 == 0x02) { // lr
    if (rs2 != 0) { raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); return; }
    if (va & (<u64>size - 1)) { raise(CAUSE_MISALIGNED_LOAD, va); return; }
    const host = atomicHost(va, ACCESS_LOAD);
    if (host == 0) return;
    store<u64>(base, lastPaddr(), RESERVATION);
    wx(base, rd, size == 4 ? <u64>(<i64>load<i32>(host)) : load<u64>(host));
    return;
  }
  if (va & (<u64>size - 1)) { raise(CAUSE_MISALIGNED_STORE, va); return; }
  if (f5 == 0x03 && load<u64>(base, RESERVATION) == <u64>-1) {
    // An SC without a reservation fails without translating its address, as on QEMU.
    wx(base, rd, 1);
    return;
  }
  const host = atomicHost(va, ACCESS_STORE);
  if (host == 0) return;
  const b = rx(base, rs2);
  if (f5 == 0x03) { // sc
    const ok = load<u64>(base, RESERVATION) == lastPaddr();
    store<u64>(base, <u64>-1, RESERVATION);
    if (ok) {
      if (size == 4) store<u32>(host, <u32>b); else store<u64>(host, b);
      atomicStored(size);
    }
    wx(base, rd, ok ? 0 : 1);
    return;
  }
  let old: u64;
  if (size == 4) old = <u64>(<i64>load<i32>(host)); else old = load<u64>(host);
  let v: u64;
  switch (f5) {
    case 0x01: v = b; break; // amoswap
    case 0x00: v = old + b; break; // amoadd
    case 0x04: v = old ^ b; break; // amoxor
    case 0x0c: v = old & b; break; // amoand
    case 0x08: v = old | b; break; // amoor
    case 0x10: v = size == 4 ? (<i32>old < <i32>b ? old : b) : (<i64>old < <i64>b ? old : b); break; // amomin
    case 0x14: v = size == 4 ? (<i32>old > <i32>b ? old : b) : (<i64>old > <i64>b ? old : b); break; // amomax
    case 0x18: v = size == 4 ? (<u32>old < <u32>b ? old : b) : (old < b ? old : b); break; // amominu
    case 0x1c: v = size == 4 ? (<u32>old > <u32>b ? old : b) : (old > b ? old : b); break; // amomaxu
    default: raise(CAUSE_ILLEGAL_INSTRUCTION, <u64>raw); return;
  }
  if (size == 4) store<u32>(host, <u32>v); else store<u64>(host, v);
  atomicStored(size);
  wx(base, rd, old);
}
