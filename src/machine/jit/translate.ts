// Guest code to a WebAssembly function: the compiling tier's translator.
//
// A translation covers a region of one 4 KiB guest page: the code reachable from a hot pc by
// falling through and by direct branches and jumps that stay in the page, cut into basic blocks.
// The function runs those blocks in a loop with a dispatch on the block number, holding the
// guest's integer registers in WebAssembly locals, and returns to the interpreter when control
// leaves the region or when it must give an instruction back:
//
//   (func (param base i32) (param host i32) (param left i64) (param blk i32) (param ctx i64)
//         (param page i64) (result i64))
//     base: the vCPU block; host: the host address of the page's first byte; left: the budget;
//     blk: the block to start at; ctx: the TLB's data context (mmu.ts tlbDataContext); page:
//     the page's guest virtual address. Returns left << JIT_FLAG_BITS | flags, with the next pc
//     in the block's PC slot.
//
// The function depends only on the page's bytes, not on where the page is mapped: every pc it
// computes is `page` plus an offset. So a decoded OP_JIT entry stays right wherever the decode
// cache reuses it for the same bytes at the same page offset (the same code at two virtual
// addresses, as Linux's early boot runs before and after turning on the MMU), as every other
// decoded entry does.
//
// Observationally the interpreter (assembly/run.ts), instruction by instruction:
//   - Each block checks, the first time a call reaches it, that guest memory still holds the
//     instruction bits it was made from (JIT_STALE otherwise), then that the budget covers all of
//     it (else it gives its first instruction back): a block never runs past the budget.
//   - Loads and stores take the interpreter's TLB fast path with the same tag compare. A miss
//     gives the instruction back (JIT_BAIL) with the count of what ran, and the interpreter runs
//     it: page walks, faults with their pc and tval, MMIO exits all happen there.
//   - A store into the bytes this region was made from ends the call after it (self-modifying
//     code): the interpreter re-decodes, and the next call checks the blocks again.
//   - Only what never traps, exits or changes mode is translated: integer arithmetic (I, M),
//     loads, stores, branches and jumps. fence, SYSTEM, AMOs and F/D end a block before them;
//     the interpreter runs them, so interrupts are taken at the same instruction boundaries.

import * as L from "../../core/layout.js";
import { Bytes, I32, I64, Op, VOID, type WasmFunction } from "./wasm.js";

/** One decoded instruction, as the interpreter's decoder (decodeForJit) sees it. */
export interface Insn {
  /** Offset in the page. */
  off: number;
  op: number;
  /** Register numbers (x0 = 0). For OP_BRANCH_FAR, rd is funct3. */
  rd: number;
  rs1: number;
  rs2: number;
  imm: number;
  len: 2 | 4;
}

/** What the translator may ask about the page: decoded instructions and their bytes. */
export interface CodeSource {
  /** The instruction at page offset `off`, or undefined when it is not translated. */
  insn(off: number): Insn | undefined;
  /** The byte at page offset `off`. */
  byte(off: number): number;
}

export interface Block {
  start: number;
  insns: Insn[];
}

export interface Region {
  blocks: Block[];
  /** Page offsets of the first translated byte and one past the last. */
  lo: number;
  hi: number;
}

/** At most this many instructions and blocks per region (each block has a "checked" local). */
export const MAX_REGION_INSNS = 1024;
export const MAX_REGION_BLOCKS = 256;

const TRANSLATED: ReadonlySet<number> = new Set([
  L.OP_LI, L.OP_AUIPC, L.OP_ADDI, L.OP_SLTI, L.OP_SLTIU, L.OP_XORI, L.OP_ORI, L.OP_ANDI, L.OP_SLLI,
  L.OP_SRLI, L.OP_SRAI, L.OP_ADDIW, L.OP_SLLIW, L.OP_SRLIW, L.OP_SRAIW, L.OP_ADD, L.OP_SLL, L.OP_SLT,
  L.OP_SLTU, L.OP_XOR, L.OP_SRL, L.OP_OR, L.OP_AND, L.OP_SUB, L.OP_SRA, L.OP_ADDW, L.OP_SUBW,
  L.OP_SLLW, L.OP_SRLW, L.OP_SRAW, L.OP_MUL, L.OP_MULH, L.OP_MULHSU, L.OP_MULHU, L.OP_DIV, L.OP_DIVU,
  L.OP_REM, L.OP_REMU, L.OP_MULW, L.OP_DIVW, L.OP_DIVUW, L.OP_REMW, L.OP_REMUW, L.OP_LB, L.OP_LH,
  L.OP_LW, L.OP_LD, L.OP_LBU, L.OP_LHU, L.OP_LWU, L.OP_SB, L.OP_SH, L.OP_SW, L.OP_SD,
  L.OP_BRANCH_FAR, L.OP_JAL_FAR, L.OP_JALR,
]);

/** True when the translator handles the interpreter's operation `op`. */
export function isTranslated(op: number): boolean {
  return TRANSLATED.has(op);
}

const isJump = (op: number): boolean => op === L.OP_BRANCH_FAR || op === L.OP_JAL_FAR || op === L.OP_JALR;

/** The region from page offset `head` of the page: undefined when the instruction at `head` is not translated. */
export function discoverRegion(code: CodeSource, head: number): Region | undefined {
  if (code.insn(head) === undefined) return undefined;
  const insns = new Map<number, Insn>();
  const leaders = new Set<number>([head]);
  const work = [head];
  const lead = (off: number): void => {
    if (off < 0 || off >= 4096 || leaders.has(off) || leaders.size >= MAX_REGION_BLOCKS) return;
    if (code.insn(off) === undefined) return;
    leaders.add(off);
    work.push(off);
  };
  while (work.length > 0) {
    let off = work.pop()!;
    while (off < 4096 && !insns.has(off) && insns.size < MAX_REGION_INSNS) {
      const insn = code.insn(off);
      if (insn === undefined) break;
      insns.set(off, insn);
      if (insn.op === L.OP_BRANCH_FAR) {
        lead(off + insn.imm);
        lead(off + insn.len);
        break;
      }
      if (insn.op === L.OP_JAL_FAR) {
        lead(off + insn.imm);
        break;
      }
      if (insn.op === L.OP_JALR) break;
      off += insn.len;
    }
  }
  const starts = [...leaders].filter((o) => insns.has(o)).sort((a, b) => a - b);
  const blocks: Block[] = [];
  let lo = 4096, hi = 0;
  for (const start of starts) {
    const block: Block = { start, insns: [] };
    let off = start;
    for (;;) {
      const insn = insns.get(off);
      if (insn === undefined) break;
      block.insns.push(insn);
      lo = Math.min(lo, off);
      hi = Math.max(hi, off + insn.len);
      off += insn.len;
      if (isJump(insn.op) || leaders.has(off)) break;
    }
    blocks.push(block);
  }
  return { blocks, lo, hi };
}

// Parameters and locals of a translated function.
const BASE = 0, HOST = 1, LEFT = 2, BLK = 3, CTX = 4, PAGE = 5;
/** x1..x31 live in locals 6..36. */
const xLocal = (r: number): number => 5 + r;
const NPC = 37, RET = 38, VA = 39, T0 = 40;
const ENT = 41, H = 42;
/**
 * Block k's "checked" flag (i32, 0 until its bytes are checked in this call): one local per block
 * rather than bits of a mask, so that the test on every entry to the block is a bare compare.
 */
const checkedLocal = (k: number): number => 43 + k;
const localsFor = (blocks: number): WasmFunction["locals"] => [[35, I64], [2 + blocks, I32]];

/** The translated function's type and the helpers' (index 0 and 1 of the module's types). */
export const FUNCTION_TYPE = { params: [I32, I32, I64, I32, I64, I64], results: [I64] };
export const HELPER_TYPE = { params: [I64, I64], results: [I64] };

/** Helper functions each module starts with, by name; their function index is their position. */
export const HELPERS = ["mulhu", "mulh", "mulhsu", "div", "divu", "rem", "remu", "divw", "divuw", "remw", "remuw"] as const;
const helper = (name: (typeof HELPERS)[number]): number => HELPERS.indexOf(name);

const memarg = (c: Bytes, align: number, offset: number): void => {
  c.u32(align).u32(offset);
};

/** Emits the function for `region`. */
export function emitRegion(region: Region, code: CodeSource): WasmFunction {
  const c = new Bytes();
  const used = new Set<number>();
  const written = new Set<number>();
  for (const b of region.blocks) {
    for (const i of b.insns) {
      const reads = i.op === L.OP_LI || i.op === L.OP_AUIPC || i.op === L.OP_JAL_FAR ? [] : [i.rs1];
      if (i.op >= L.OP_ADD && i.op <= L.OP_REMUW) reads.push(i.rs2);
      if ((i.op >= L.OP_SB && i.op <= L.OP_SD) || i.op === L.OP_BRANCH_FAR) reads.push(i.rs2);
      for (const r of reads) if (r !== 0) used.add(r);
      const writes = !(i.op >= L.OP_SB && i.op <= L.OP_SD) && i.op !== L.OP_BRANCH_FAR;
      if (writes && i.rd !== 0) {
        used.add(i.rd);
        written.add(i.rd);
      }
    }
  }
  // Prologue: the registers the region uses, into locals.
  for (const r of [...used].sort((a, b) => a - b)) {
    c.byte(Op.local_get).u32(BASE).byte(Op.i64_load);
    memarg(c, 3, L.X + r * 8);
    c.byte(Op.local_set).u32(xLocal(r));
  }
  const n = region.blocks.length;
  const index = new Map(region.blocks.map((b, k) => [b.start, k]));

  c.byte(Op.block).byte(VOID); // $exit
  c.byte(Op.loop).byte(VOID); // $dispatch
  for (let k = n - 1; k >= 0; k--) c.byte(Op.block).byte(VOID);
  c.byte(Op.local_get).u32(BLK).byte(Op.br_table).u32(n);
  for (let k = 0; k < n; k++) c.u32(k);
  c.u32(0);

  // Depth bookkeeping inside block k's code: `nest` counts the ifs opened around the current point.
  let dispatchDepth = 0;
  let nest = 0;
  /** The block being emitted branches back to its own start: it is a WebAssembly loop. */
  let selfLoop = false;
  const br = (depth: number): void => {
    c.byte(Op.br).u32(depth + nest);
  };
  /** page + off: the pc of page offset `off` (which may lie outside the page). */
  const pcOf = (off: number): void => {
    c.byte(Op.local_get).u32(PAGE);
    if (off !== 0) c.byte(Op.i64_const).i64(BigInt(off)).byte(Op.i64_add);
  };
  /** Leaves for the pc at page offset `npc` (or the one in T0). */
  const exit = (npc: number | "t0", flags: number, refund: number): void => {
    if (npc === "t0") c.byte(Op.local_get).u32(T0);
    else pcOf(npc);
    c.byte(Op.local_set).u32(NPC);
    if (flags !== 0) c.byte(Op.i64_const).i64(BigInt(flags)).byte(Op.local_set).u32(RET);
    if (refund !== 0) c.byte(Op.local_get).u32(LEFT).byte(Op.i64_const).i64(BigInt(refund)).byte(Op.i64_add).byte(Op.local_set).u32(LEFT);
    br(dispatchDepth + 1);
  };
  const openIf = (): void => {
    c.byte(Op.if).byte(VOID);
    nest++;
  };
  const closeIf = (): void => {
    c.byte(Op.end);
    nest--;
  };
  const get = (r: number): void => {
    if (r === 0) c.byte(Op.i64_const).i64(0n);
    else c.byte(Op.local_get).u32(xLocal(r));
  };
  const set = (r: number): void => {
    if (r === 0) c.byte(Op.drop);
    else c.byte(Op.local_set).u32(xLocal(r));
  };
  const i64c = (v: bigint | number): void => {
    c.byte(Op.i64_const).i64(BigInt(v));
  };
  /** Goes to the code at page offset `off` (leaving the region when it is not one of its blocks). */
  const goto = (k: number, off: number, atEnd: boolean): void => {
    const j = index.get(off);
    if (j === undefined) {
      exit(off, 0, 0);
      return;
    }
    if (atEnd && nest === 0 && j === k + 1) return; // falls into the next block's code
    if (selfLoop && j === k) { // a loop of one block: straight back to its start, not through the dispatch
      c.byte(Op.br).u32(nest - 1);
      return;
    }
    c.byte(Op.i32_const).i32(j).byte(Op.local_set).u32(BLK);
    br(dispatchDepth);
  };
  /** The entry of the TLB at `tlb` for VA: its address into ENT, then a miss check. */
  const tlbLookup = (tlb: number, size: number, pc: number, refund: number): void => {
    c.byte(Op.local_get).u32(BASE);
    c.byte(Op.local_get).u32(VA).byte(Op.i64_const).i64(12n).byte(Op.i64_shr_u).byte(Op.i32_wrap_i64);
    c.byte(Op.i32_const).i32(L.TLB_ENTRIES - 1).byte(Op.i32_and).byte(Op.i32_const).i32(4).byte(Op.i32_shl);
    c.byte(Op.i32_add).byte(Op.local_set).u32(ENT);
    c.byte(Op.local_get).u32(ENT).byte(Op.i64_load);
    memarg(c, 3, tlb);
    c.byte(Op.local_get).u32(VA);
    if (size > 1) c.byte(Op.i64_const).i64(BigInt(size - 1)).byte(Op.i64_add);
    c.byte(Op.i64_const).i64(12n).byte(Op.i64_shr_u).byte(Op.local_get).u32(CTX).byte(Op.i64_or);
    c.byte(Op.i64_ne);
    openIf();
    exit(pc, L.JIT_BAIL, refund);
    closeIf();
    // The host address: the entry's addend plus va.
    c.byte(Op.local_get).u32(ENT).byte(Op.i64_load);
    memarg(c, 3, tlb + 8);
    c.byte(Op.local_get).u32(VA).byte(Op.i64_add).byte(Op.i32_wrap_i64);
  };
  const address = (i: Insn): void => {
    get(i.rs1);
    if (i.imm !== 0) c.byte(Op.i64_const).i64(BigInt(i.imm)).byte(Op.i64_add);
    c.byte(Op.local_set).u32(VA);
  };
  const binary = (i: Insn, op: Op): void => {
    if (i.rd === 0) return;
    get(i.rs1);
    get(i.rs2);
    c.byte(op);
    set(i.rd);
  };
  const immediate = (i: Insn, op: Op, imm: bigint): void => {
    if (i.rd === 0) return;
    get(i.rs1);
    i64c(imm);
    c.byte(op);
    set(i.rd);
  };
  /** 32-bit operation on the low words, sign-extended (the W instructions). */
  const word = (i: Insn, op: Op, rhs: "rs2" | number): void => {
    if (i.rd === 0) return;
    get(i.rs1);
    c.byte(Op.i32_wrap_i64);
    if (rhs === "rs2") {
      get(i.rs2);
      c.byte(Op.i32_wrap_i64);
    } else c.byte(Op.i32_const).i32(rhs);
    c.byte(op).byte(Op.i64_extend_i32_s);
    set(i.rd);
  };
  const call = (i: Insn, name: (typeof HELPERS)[number]): void => {
    if (i.rd === 0) return;
    get(i.rs1);
    get(i.rs2);
    c.byte(Op.call).u32(helper(name));
    set(i.rd);
  };
  const compare = (i: Insn, op: Op, rhs: "rs2" | bigint): void => {
    if (i.rd === 0) return;
    get(i.rs1);
    if (rhs === "rs2") get(i.rs2);
    else i64c(rhs);
    c.byte(op).byte(Op.i64_extend_i32_u);
    set(i.rd);
  };

  for (let k = 0; k < n; k++) {
    const block = region.blocks[k]!;
    c.byte(Op.end); // the code of block k follows the end of its br_table target
    dispatchDepth = n - 1 - k;
    nest = 0;
    const startPc = block.start;
    const count = block.insns.length;
    const last = block.insns[count - 1]!;
    const end = last.off + last.len;
    selfLoop = last.op === L.OP_BRANCH_FAR && last.off + last.imm === block.start;
    if (selfLoop) {
      c.byte(Op.loop).byte(VOID);
      nest = 1;
    }
    // Check the block's bytes against the ones it was made from, once per call.
    const checked = checkedLocal(k);
    c.byte(Op.local_get).u32(checked).byte(Op.i32_eqz);
    openIf();
    let first = true;
    let off = block.start;
    const bytesAt = (o: number, len: number): bigint => {
      let v = 0n;
      for (let b = len - 1; b >= 0; b--) v = (v << 8n) | BigInt(code.byte(o + b));
      return v;
    };
    while (off < end) {
      const len = end - off >= 8 ? 8 : end - off >= 4 ? 4 : 2;
      c.byte(Op.local_get).u32(HOST);
      if (len === 8) {
        c.byte(Op.i64_load);
        memarg(c, 0, off);
        c.byte(Op.i64_const).i64(bytesAt(off, 8)).byte(Op.i64_ne);
      } else {
        c.byte(len === 4 ? Op.i32_load : Op.i32_load16_u);
        memarg(c, 0, off);
        c.byte(Op.i32_const).i32(Number(BigInt.asIntN(32, bytesAt(off, len)))).byte(Op.i32_ne);
      }
      if (!first) c.byte(Op.i32_or);
      first = false;
      off += len;
    }
    openIf();
    exit(startPc, L.JIT_BAIL | L.JIT_STALE, 0);
    closeIf();
    c.byte(Op.i32_const).i32(1).byte(Op.local_set).u32(checked);
    closeIf();
    // The budget must cover the whole block.
    c.byte(Op.local_get).u32(LEFT).byte(Op.i64_const).i64(BigInt(count)).byte(Op.i64_lt_s);
    openIf();
    exit(startPc, L.JIT_BAIL, 0);
    closeIf();
    c.byte(Op.local_get).u32(LEFT).byte(Op.i64_const).i64(BigInt(count)).byte(Op.i64_sub).byte(Op.local_set).u32(LEFT);

    for (let x = 0; x < count; x++) {
      const i = block.insns[x]!;
      const pc = i.off;
      const next = i.off + i.len;
      const refund = count - x;
      switch (i.op) {
        case L.OP_LI: if (i.rd !== 0) { i64c(BigInt(i.imm)); set(i.rd); } break;
        case L.OP_AUIPC: if (i.rd !== 0) { pcOf(pc + i.imm); set(i.rd); } break;
        case L.OP_ADDI: immediate(i, Op.i64_add, BigInt(i.imm)); break;
        case L.OP_SLTI: compare(i, Op.i64_lt_s, BigInt(i.imm)); break;
        case L.OP_SLTIU: compare(i, Op.i64_lt_u, BigInt(i.imm)); break;
        case L.OP_XORI: immediate(i, Op.i64_xor, BigInt(i.imm)); break;
        case L.OP_ORI: immediate(i, Op.i64_or, BigInt(i.imm)); break;
        case L.OP_ANDI: immediate(i, Op.i64_and, BigInt(i.imm)); break;
        case L.OP_SLLI: immediate(i, Op.i64_shl, BigInt(i.imm & 63)); break;
        case L.OP_SRLI: immediate(i, Op.i64_shr_u, BigInt(i.imm & 63)); break;
        case L.OP_SRAI: immediate(i, Op.i64_shr_s, BigInt(i.imm & 63)); break;
        case L.OP_ADDIW: word(i, Op.i32_add, i.imm); break;
        case L.OP_SLLIW: word(i, Op.i32_shl, i.imm & 31); break;
        case L.OP_SRLIW: word(i, Op.i32_shr_u, i.imm & 31); break;
        case L.OP_SRAIW: word(i, Op.i32_shr_s, i.imm & 31); break;
        case L.OP_ADD: binary(i, Op.i64_add); break;
        case L.OP_SUB: binary(i, Op.i64_sub); break;
        // WebAssembly's shifts take the count modulo the width, as RISC-V does.
        case L.OP_SLL: binary(i, Op.i64_shl); break;
        case L.OP_SRL: binary(i, Op.i64_shr_u); break;
        case L.OP_SRA: binary(i, Op.i64_shr_s); break;
        case L.OP_SLT: compare(i, Op.i64_lt_s, "rs2"); break;
        case L.OP_SLTU: compare(i, Op.i64_lt_u, "rs2"); break;
        case L.OP_XOR: binary(i, Op.i64_xor); break;
        case L.OP_OR: binary(i, Op.i64_or); break;
        case L.OP_AND: binary(i, Op.i64_and); break;
        case L.OP_ADDW: word(i, Op.i32_add, "rs2"); break;
        case L.OP_SUBW: word(i, Op.i32_sub, "rs2"); break;
        case L.OP_SLLW: word(i, Op.i32_shl, "rs2"); break;
        case L.OP_SRLW: word(i, Op.i32_shr_u, "rs2"); break;
        case L.OP_SRAW: word(i, Op.i32_shr_s, "rs2"); break;
        case L.OP_MUL: binary(i, Op.i64_mul); break;
        case L.OP_MULW: word(i, Op.i32_mul, "rs2"); break;
        case L.OP_MULH: call(i, "mulh"); break;
        case L.OP_MULHSU: call(i, "mulhsu"); break;
        case L.OP_MULHU: call(i, "mulhu"); break;
        case L.OP_DIV: call(i, "div"); break;
        case L.OP_DIVU: call(i, "divu"); break;
        case L.OP_REM: call(i, "rem"); break;
        case L.OP_REMU: call(i, "remu"); break;
        case L.OP_DIVW: call(i, "divw"); break;
        case L.OP_DIVUW: call(i, "divuw"); break;
        case L.OP_REMW: call(i, "remw"); break;
        case L.OP_REMUW: call(i, "remuw"); break;
        case L.OP_LB: case L.OP_LH: case L.OP_LW: case L.OP_LD:
        case L.OP_LBU: case L.OP_LHU: case L.OP_LWU: {
          const f3 = i.op - L.OP_LB;
          const size = 1 << (f3 & 3);
          address(i);
          tlbLookup(L.TLB_LOAD, size, pc, refund);
          const load = [Op.i64_load8_s, Op.i64_load16_s, Op.i64_load32_s, Op.i64_load, Op.i64_load8_u, Op.i64_load16_u, Op.i64_load32_u][f3]!;
          c.byte(load);
          memarg(c, 0, 0);
          set(i.rd);
          break;
        }
        case L.OP_SB: case L.OP_SH: case L.OP_SW: case L.OP_SD: {
          const size = 1 << (i.op - L.OP_SB);
          address(i);
          tlbLookup(L.TLB_STORE, size, pc, refund);
          c.byte(Op.local_tee).u32(H);
          get(i.rs2);
          c.byte([Op.i64_store8, Op.i64_store16, Op.i64_store32, Op.i64_store][i.op - L.OP_SB]!);
          memarg(c, 0, 0);
          // A store into this region's own code ends the call (self-modifying code).
          c.byte(Op.local_get).u32(H).byte(Op.local_get).u32(HOST).byte(Op.i32_sub);
          c.byte(Op.i32_const).i32(size - 1 - region.lo).byte(Op.i32_add);
          c.byte(Op.i32_const).i32(region.hi - region.lo + size - 1).byte(Op.i32_lt_u);
          openIf();
          exit(next, 0, refund - 1);
          closeIf();
          break;
        }
        case L.OP_BRANCH_FAR: {
          get(i.rs1);
          get(i.rs2);
          c.byte([Op.i64_eq, Op.i64_ne, 0, 0, Op.i64_lt_s, Op.i64_ge_s, Op.i64_lt_u, Op.i64_ge_u][i.rd]!);
          openIf();
          goto(k, pc + i.imm, false);
          closeIf();
          if (selfLoop) {
            c.byte(Op.end); // the loop: not taken falls out of it
            nest--;
            selfLoop = false;
          }
          goto(k, next, true);
          break;
        }
        case L.OP_JAL_FAR: {
          if (i.rd !== 0) { pcOf(next); set(i.rd); }
          goto(k, pc + i.imm, true);
          break;
        }
        case L.OP_JALR: {
          get(i.rs1);
          if (i.imm !== 0) c.byte(Op.i64_const).i64(BigInt(i.imm)).byte(Op.i64_add);
          c.byte(Op.i64_const).i64(-2n).byte(Op.i64_and).byte(Op.local_set).u32(T0);
          if (i.rd !== 0) { pcOf(next); set(i.rd); }
          exit("t0", 0, 0);
          break;
        }
        default:
          throw new Error(`translator: operation ${i.op} is not translated`);
      }
    }
    if (!isJump(last.op)) goto(k, end, true);
  }
  c.byte(Op.end); // $dispatch
  c.byte(Op.end); // $exit
  // Epilogue: registers written back, the next pc, the budget left and the flags.
  for (const r of [...written].sort((a, b) => a - b)) {
    c.byte(Op.local_get).u32(BASE).byte(Op.local_get).u32(xLocal(r)).byte(Op.i64_store);
    memarg(c, 3, L.X + r * 8);
  }
  c.byte(Op.local_get).u32(BASE).byte(Op.local_get).u32(NPC).byte(Op.i64_store);
  memarg(c, 3, L.PC);
  c.byte(Op.local_get).u32(LEFT).byte(Op.i64_const).i64(BigInt(L.JIT_FLAG_BITS)).byte(Op.i64_shl);
  c.byte(Op.local_get).u32(RET).byte(Op.i64_or);
  return { locals: localsFor(n), body: c, type: 0 };
}

/** The helper functions (HELPERS order): RISC-V's high multiplies and its division rules. */
export function helperFunctions(): WasmFunction[] {
  const A = 0, B = 1;
  const fn = (emit: (c: Bytes) => void, locals: WasmFunction["locals"] = []): WasmFunction => {
    const c = new Bytes();
    emit(c);
    return { locals, body: c, type: 1 };
  };
  const get = (c: Bytes, l: number): Bytes => c.byte(Op.local_get).u32(l);
  const mask32 = (c: Bytes): Bytes => c.byte(Op.i64_const).i64(0xffffffffn).byte(Op.i64_and);
  const hi32 = (c: Bytes): Bytes => c.byte(Op.i64_const).i64(32n).byte(Op.i64_shr_u);
  // (a<0 ? b : 0) for the signed corrections of mulh and mulhsu.
  const negCorrection = (c: Bytes, sign: number, other: number): void => {
    get(c, other).byte(Op.i64_const).i64(0n);
    get(c, sign).byte(Op.i64_const).i64(0n).byte(Op.i64_lt_s).byte(Op.select);
  };
  const T = 2, M1 = 3, M2 = 4;
  const mulhu = fn((c) => {
    get(c, A); mask32(c); get(c, B); mask32(c); c.byte(Op.i64_mul).byte(Op.local_set).u32(T);
    get(c, A); hi32(c); get(c, B); mask32(c); c.byte(Op.i64_mul); get(c, T); hi32(c); c.byte(Op.i64_add).byte(Op.local_set).u32(M1);
    get(c, A); mask32(c); get(c, B); hi32(c); c.byte(Op.i64_mul); get(c, M1); mask32(c); c.byte(Op.i64_add).byte(Op.local_set).u32(M2);
    get(c, A); hi32(c); get(c, B); hi32(c); c.byte(Op.i64_mul);
    get(c, M1); hi32(c); c.byte(Op.i64_add);
    get(c, M2); hi32(c); c.byte(Op.i64_add);
  }, [[3, I64]]);
  const mulh = fn((c) => {
    get(c, A); get(c, B); c.byte(Op.call).u32(helper("mulhu"));
    negCorrection(c, A, B); c.byte(Op.i64_sub);
    negCorrection(c, B, A); c.byte(Op.i64_sub);
  });
  const mulhsu = fn((c) => {
    get(c, A); get(c, B); c.byte(Op.call).u32(helper("mulhu"));
    negCorrection(c, A, B); c.byte(Op.i64_sub);
  });
  /** if (cond) then else: both arms yield an i64. */
  const choose = (c: Bytes, cond: () => void, then: () => void, otherwise: () => void): void => {
    cond();
    c.byte(Op.if).byte(I64);
    then();
    c.byte(Op.else);
    otherwise();
    c.byte(Op.end);
  };
  const div = fn((c) => choose(c, () => get(c, B).byte(Op.i64_eqz), () => c.byte(Op.i64_const).i64(-1n),
    () => choose(c, () => get(c, B).byte(Op.i64_const).i64(-1n).byte(Op.i64_eq),
      () => c.byte(Op.i64_const).i64(0n).byte(Op.local_get).u32(A).byte(Op.i64_sub),
      () => get(get(c, A), B).byte(Op.i64_div_s))));
  const rem = fn((c) => choose(c, () => get(c, B).byte(Op.i64_eqz), () => get(c, A),
    () => choose(c, () => get(c, B).byte(Op.i64_const).i64(-1n).byte(Op.i64_eq),
      () => c.byte(Op.i64_const).i64(0n),
      () => get(get(c, A), B).byte(Op.i64_rem_s))));
  const divu = fn((c) => choose(c, () => get(c, B).byte(Op.i64_eqz), () => c.byte(Op.i64_const).i64(-1n),
    () => get(get(c, A), B).byte(Op.i64_div_u)));
  const remu = fn((c) => choose(c, () => get(c, B).byte(Op.i64_eqz), () => get(c, A),
    () => get(get(c, A), B).byte(Op.i64_rem_u)));
  const w = (c: Bytes, l: number): Bytes => get(c, l).byte(Op.i32_wrap_i64);
  const wEqz = (c: Bytes, l: number): Bytes => w(c, l).byte(Op.i32_eqz);
  const wMinus1 = (c: Bytes, l: number): Bytes => w(c, l).byte(Op.i32_const).i32(-1).byte(Op.i32_eq);
  const divw = fn((c) => choose(c, () => wEqz(c, B), () => c.byte(Op.i64_const).i64(-1n),
    () => choose(c, () => wMinus1(c, B),
      () => { c.byte(Op.i32_const).i32(0); w(c, A).byte(Op.i32_sub).byte(Op.i64_extend_i32_s); },
      () => { w(c, A); w(c, B).byte(Op.i32_div_s).byte(Op.i64_extend_i32_s); })));
  const divuw = fn((c) => choose(c, () => wEqz(c, B), () => c.byte(Op.i64_const).i64(-1n),
    () => { w(c, A); w(c, B).byte(Op.i32_div_u).byte(Op.i64_extend_i32_s); }));
  const remw = fn((c) => choose(c, () => wEqz(c, B), () => w(c, A).byte(Op.i64_extend_i32_s),
    () => choose(c, () => wMinus1(c, B),
      () => c.byte(Op.i64_const).i64(0n),
      () => { w(c, A); w(c, B).byte(Op.i32_rem_s).byte(Op.i64_extend_i32_s); })));
  const remuw = fn((c) => choose(c, () => wEqz(c, B), () => w(c, A).byte(Op.i64_extend_i32_s),
    () => { w(c, A); w(c, B).byte(Op.i32_rem_u).byte(Op.i64_extend_i32_s); }));
  return [mulhu, mulh, mulhsu, div, divu, rem, remu, divw, divuw, remw, remuw];
}
