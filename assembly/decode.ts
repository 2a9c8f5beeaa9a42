// The decode cache: every instruction is decoded once into a 16-byte entry that the run loop
// executes without looking at the instruction bits again.
//
// A cache slot stands for DECODE_SPAN bytes of code from the start of a DECODE_CHUNK-aligned
// chunk (less where the page ends): entry i is the instruction at the chunk start + 2·i. The run
// loop walks a slot by adding the instruction length × 8 to its entry pointer, so the pc is
// implicit (pc = pcBias + entry / 8), and a jump whose target the slot covers stays in the slot.
// A slot reaches past its chunk so that a loop across a chunk boundary still runs in one slot.
// The set of slots a chunk may use is chosen by its virtual chunk number; within the set, a tag
// says which way the chunk was last given.
//
// Nothing here is ever invalidated. An entry depends only on the instruction bits and on where
// it sits in its slot (the set index includes the chunk's position in its page, so that every
// chunk a slot may hold puts an entry at the same page offset), and it keeps the 32 bits it was
// decoded from: before executing an entry, the run loop compares them with guest memory and
// decodes again when they differ. So stores to code (self-modifying code, another vCPU, the host
// loading a program), remapping, other vCPUs and other VMs sharing the cache all behave exactly
// as if every instruction were fetched and decoded when executed, and fence.i has nothing to
// do. Tags only place chunks: a wrong or stale tag costs decoding, never correctness. Registers
// are offsets into the vCPU block, so entries hold nothing of a particular vCPU.
//
// The cache belongs to the core instance (a physical hart): the host gives each instance its
// own (initDecodeCache). Entries are written without atomics, so instances must not share one.
//
// Some entries are never decoded and keep OP_DECODE (0), the value the cache starts with: the
// two after the slot's last, and any past the end of the slot's page (reaching them means the
// slot has been left), and the one at page offset 0xffe (an instruction there may cross into the
// next page, so it is fetched the slow way every time).

import { F, X0_SINK } from "./layout";
import { rvcTable } from "./rvc";
import { jitThreshold } from "./jit";

/** Code is cached in aligned chunks of this many bytes: chunk number = pc / DECODE_CHUNK. */
export const DECODE_CHUNK: u32 = 1024;
/** Bytes of code one slot covers from its chunk's start (within the page). */
export const DECODE_SPAN: u32 = 1536;
/** Slots: sets chosen by chunk number (at least 4096 / DECODE_CHUNK of them), ways within a set. */
const DECODE_SETS: u32 = 64;
const DECODE_WAYS: u32 = 4;
/** Bytes per slot: a 16-byte entry per halfword of the span, and two empty ones after. */
const SLOT_SIZE: u32 = (DECODE_SPAN / 2 + 2) * 16;
// The cache: a u64 tag per slot (the chunk it was last given), a u8 per set (the way the next
// chunk that misses replaces, round robin), then the slots.
const TAGS: u32 = 0;
const VICTIM: u32 = TAGS + DECODE_SETS * DECODE_WAYS * 8;
const SLOTS: u32 = (VICTIM + DECODE_SETS + 15) & ~15;
/** Bytes the host provides for the decode cache of a core instance. */
export const DECODE_CACHE_SIZE: u32 = SLOTS + DECODE_SETS * DECODE_WAYS * SLOT_SIZE;

/** Per core instance, not per vCPU: entries hold nothing of a vCPU (see above). */
let decodeCache: usize = 0;

/** Takes DECODE_CACHE_SIZE bytes at `cache` as this instance's decode cache. */
export function initDecodeCache(cache: usize): void {
  memory.fill(cache, 0, DECODE_CACHE_SIZE);
  decodeCache = cache;
}

/** False until the host has called initDecodeCache(). */
export function hasDecodeCache(): bool {
  return decodeCache != 0;
}

/** The instruction bits the entry was decoded from (for a 16-bit one, with the next halfword). */
export const E_RAW: u32 = 0;
/** Immediate; shift amount; for a jump that stays in the slot, the entry delta (target − here). */
export const E_IMM: u32 = 4;
export const E_OP: u32 = 8;
/** Instruction length × 8: the distance to the next entry. */
export const E_STEP: u32 = 9;
/** Register operands as byte offsets into the vCPU block. */
export const E_RS1: u32 = 10;
export const E_RS2: u32 = 11;
/** u16: x[rd]'s offset, X0_SINK for rd = 0, or f[rd]'s (F + rd × 8). For a far branch: its funct3. */
export const E_RD: u32 = 12;
/**
 * u16: how often a jump from this entry was taken (OP_BRANCH_BACK, OP_JAL_BACK and the far
 * jumps, with the compiling tier on); for OP_JIT, the block of the function to enter.
 */
export const E_COUNT: u32 = 14;
export const ENTRY_SIZE: u32 = 16;
/** Entries a slot can decode: one per halfword of its span. */
export const SLOT_ENTRIES: u32 = DECODE_SPAN / 2;
/** decodeEntry() position of an entry outside any slot: no jump stays in the slot. */
export const NOT_IN_SLOT: i32 = -0x10000;

// Operations, numbered densely so that the run loop's switch is one jump table.
export const OP_DECODE: u8 = 0;
export const OP_ILLEGAL: u8 = 1; // E_IMM: the instruction bits for tval
export const OP_LI: u8 = 2; // lui, addi rd, x0, imm (c.li, c.lui)
export const OP_AUIPC: u8 = 3;
export const OP_ADDI: u8 = 4;
export const OP_SLTI: u8 = 5;
export const OP_SLTIU: u8 = 6;
export const OP_XORI: u8 = 7;
export const OP_ORI: u8 = 8;
export const OP_ANDI: u8 = 9;
export const OP_SLLI: u8 = 10;
export const OP_SRLI: u8 = 11;
export const OP_SRAI: u8 = 12;
export const OP_ADDIW: u8 = 13;
export const OP_SLLIW: u8 = 14;
export const OP_SRLIW: u8 = 15;
export const OP_SRAIW: u8 = 16;
// OP with funct7 = 0, in funct3 order.
export const OP_ADD: u8 = 17;
export const OP_SLL: u8 = 18;
export const OP_SLT: u8 = 19;
export const OP_SLTU: u8 = 20;
export const OP_XOR: u8 = 21;
export const OP_SRL: u8 = 22;
export const OP_OR: u8 = 23;
export const OP_AND: u8 = 24;
export const OP_SUB: u8 = 25;
export const OP_SRA: u8 = 26;
export const OP_ADDW: u8 = 27;
export const OP_SUBW: u8 = 28;
export const OP_SLLW: u8 = 29;
export const OP_SRLW: u8 = 30;
export const OP_SRAW: u8 = 31;
// OP with funct7 = 1, in funct3 order.
export const OP_MUL: u8 = 32;
export const OP_MULH: u8 = 33;
export const OP_MULHSU: u8 = 34;
export const OP_MULHU: u8 = 35;
export const OP_DIV: u8 = 36;
export const OP_DIVU: u8 = 37;
export const OP_REM: u8 = 38;
export const OP_REMU: u8 = 39;
export const OP_MULW: u8 = 40;
export const OP_DIVW: u8 = 41;
export const OP_DIVUW: u8 = 42;
export const OP_REMW: u8 = 43;
export const OP_REMUW: u8 = 44;
// Loads and stores in funct3 order.
export const OP_LB: u8 = 45;
export const OP_LH: u8 = 46;
export const OP_LW: u8 = 47;
export const OP_LD: u8 = 48;
export const OP_LBU: u8 = 49;
export const OP_LHU: u8 = 50;
export const OP_LWU: u8 = 51;
export const OP_SB: u8 = 52;
export const OP_SH: u8 = 53;
export const OP_SW: u8 = 54;
export const OP_SD: u8 = 55;
// Branches (OP_BEQ + funct3) and jal to a target in the slot: E_IMM is the entry delta.
export const OP_BEQ: u8 = 56;
export const OP_BNE: u8 = 57;
export const OP_BLT: u8 = 60;
export const OP_BGE: u8 = 61;
export const OP_BLTU: u8 = 62;
export const OP_BGEU: u8 = 63;
export const OP_JAL: u8 = 64;
// Control transfers that may leave the slot: E_IMM is the pc offset.
export const OP_BRANCH_FAR: u8 = 65;
export const OP_JAL_FAR: u8 = 66;
export const OP_JALR: u8 = 67;
export const OP_FENCE: u8 = 68; // fence, fence.i
export const OP_SYSTEM: u8 = 69; // E_IMM: the (expanded) instruction
export const OP_AMO: u8 = 70; // E_IMM: the instruction
// F and D: loads and stores run in the loop (E_RD is f[rd]'s offset; E_RS2 is f[rs2]'s offset
// from F); everything else goes to execFp (fpu.ts), E_IMM the (expanded) instruction.
export const OP_FLW: u8 = 71;
export const OP_FLD: u8 = 72;
export const OP_FSW: u8 = 73;
export const OP_FSD: u8 = 74;
export const OP_FP: u8 = 75;
// The compiling tier (jit.ts). OP_JIT: translated code starts here; E_IMM is the function's
// table index, E_COUNT its block. The instruction itself runs interpreted from the scratch
// entry when the translated code gave it back (JIT_BAIL).
export const OP_JIT: u8 = 76;
// A branch or jal backwards in the slot (a loop), with the tier on: as OP_BEQ.. / OP_JAL (for a
// branch, E_RD is funct3), and counted in E_COUNT.
export const OP_BRANCH_BACK: u8 = 77;
export const OP_JAL_BACK: u8 = 78;

@inline function immI(insn: u32): i32 {
  return <i32>insn >> 20;
}

@inline function immS(insn: u32): i32 {
  return ((<i32>insn >> 25) << 5) | <i32>((insn >> 7) & 31);
}

@inline function immB(insn: u32): i32 {
  return ((<i32>insn >> 31) << 12) | <i32>(((insn >> 7) & 1) << 11) |
    <i32>(((insn >> 25) & 63) << 5) | <i32>(((insn >> 8) & 15) << 1);
}

@inline function immJ(insn: u32): i32 {
  return ((<i32>insn >> 31) << 20) | <i32>(insn & 0xff000) |
    <i32>(((insn >> 20) & 1) << 11) | <i32>(((insn >> 21) & 0x3ff) << 1);
}

/**
 * True when a jump by `imm` from `slotOffset` bytes into a slot and `pageOffset` bytes into the
 * page lands in the slot's part of the page, so that it can stay in the slot.
 */
@inline function inSlot(slotOffset: i32, pageOffset: i32, imm: i32): bool {
  const target = slotOffset + imm;
  const inPage = pageOffset + imm;
  return target >= 0 && target < <i32>DECODE_SPAN && inPage >= 0 && inPage < 0x1000;
}

/**
 * Decodes the instruction whose first 32 bits are `bits` (a 16-bit instruction uses the low
 * half) into the entry at `e`, which is `slotOffset` bytes into its slot (NOT_IN_SLOT outside
 * one) and `pageOffset` bytes into its page.
 */
export function decodeEntry(e: usize, bits: u32, slotOffset: i32, pageOffset: i32): void {
  let insn = bits;
  let step: u32 = 32;
  let raw = bits;
  if ((bits & 3) != 3) {
    raw = bits & 0xffff;
    // Illegal 16-bit encodings expand to all-ones, an opcode no case below takes.
    insn = load<u32>(rvcTable + (<usize>raw << 2));
    step = 16;
  }
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  const f3 = (insn >> 12) & 7;
  const f7 = insn >> 25;
  let op = OP_ILLEGAL;
  let imm: i32 = 0;
  let rdOffset: u32 = rd == 0 ? X0_SINK : rd << 3;
  switch (insn & 0x7f) {
    case 0x37: // lui
      op = OP_LI;
      imm = <i32>(insn & 0xfffff000);
      break;
    case 0x17: // auipc
      op = OP_AUIPC;
      imm = <i32>(insn & 0xfffff000);
      break;
    case 0x13: { // OP-IMM
      imm = immI(insn);
      const f6 = insn >> 26;
      switch (f3) {
        case 0: op = rs1 == 0 ? OP_LI : OP_ADDI; break;
        case 1: if (f6 == 0) { op = OP_SLLI; imm &= 63; } break;
        case 2: op = OP_SLTI; break;
        case 3: op = OP_SLTIU; break;
        case 4: op = OP_XORI; break;
        case 5:
          if (f6 == 0) op = OP_SRLI;
          else if (f6 == 0x10) op = OP_SRAI;
          imm &= 63;
          break;
        case 6: op = OP_ORI; break;
        case 7: op = OP_ANDI; break;
      }
      break;
    }
    case 0x1b: // OP-IMM-32
      imm = immI(insn);
      if (f3 == 0) op = OP_ADDIW;
      else if (f3 == 1 && f7 == 0) op = OP_SLLIW;
      else if (f3 == 5 && f7 == 0) op = OP_SRLIW;
      else if (f3 == 5 && f7 == 0x20) op = OP_SRAIW;
      if (f3 != 0) imm = <i32>rs2;
      break;
    case 0x33: // OP
      if (f7 == 0) op = OP_ADD + <u8>f3;
      else if (f7 == 1) op = OP_MUL + <u8>f3;
      else if (f7 == 0x20) {
        if (f3 == 0) op = OP_SUB;
        else if (f3 == 5) op = OP_SRA;
      }
      break;
    case 0x3b: // OP-32
      if (f7 == 0) {
        if (f3 == 0) op = OP_ADDW;
        else if (f3 == 1) op = OP_SLLW;
        else if (f3 == 5) op = OP_SRLW;
      } else if (f7 == 1) {
        if (f3 == 0) op = OP_MULW;
        else if (f3 >= 4) op = OP_DIVW + <u8>(f3 - 4); // divw divuw remw remuw
      } else if (f7 == 0x20) {
        if (f3 == 0) op = OP_SUBW;
        else if (f3 == 5) op = OP_SRAW;
      }
      break;
    case 0x03: // LOAD
      if (f3 != 7) op = OP_LB + <u8>f3; // lb lh lw ld lbu lhu lwu
      imm = immI(insn);
      break;
    case 0x23: // STORE
      if (f3 < 4) op = OP_SB + <u8>f3; // sb sh sw sd
      imm = immS(insn);
      break;
    case 0x63: { // BRANCH
      if (f3 == 2 || f3 == 3) break;
      imm = immB(insn);
      if (inSlot(slotOffset, pageOffset, imm)) {
        op = OP_BEQ + <u8>f3;
        if (imm < 0 && jitThreshold != 0) { op = OP_BRANCH_BACK; rdOffset = f3; }
        imm <<= 3;
      } else {
        op = OP_BRANCH_FAR;
        rdOffset = f3;
      }
      break;
    }
    case 0x6f: // jal
      imm = immJ(insn);
      if (inSlot(slotOffset, pageOffset, imm)) {
        op = imm < 0 && jitThreshold != 0 ? OP_JAL_BACK : OP_JAL;
        imm <<= 3;
      } else {
        op = OP_JAL_FAR;
      }
      break;
    case 0x67: // jalr
      if (f3 == 0) op = OP_JALR;
      imm = immI(insn);
      break;
    case 0x0f: // MISC-MEM: fence, fence.i (decoded entries are checked against memory anyway)
      if (f3 <= 1) op = OP_FENCE;
      break;
    case 0x73: // SYSTEM
      op = OP_SYSTEM;
      imm = <i32>insn;
      break;
    case 0x2f: // AMO
      op = OP_AMO;
      imm = <i32>insn;
      break;
    case 0x07: // LOAD-FP
      if (f3 == 2) op = OP_FLW;
      else if (f3 == 3) op = OP_FLD;
      imm = immI(insn);
      rdOffset = F + (rd << 3);
      break;
    case 0x27: // STORE-FP
      if (f3 == 2) op = OP_FSW;
      else if (f3 == 3) op = OP_FSD;
      imm = immS(insn);
      break;
    case 0x43: case 0x47: case 0x4b: case 0x4f: // fmadd, fmsub, fnmsub, fnmadd
    case 0x53: // OP-FP
      op = OP_FP;
      imm = <i32>insn;
      break;
  }
  if (op == OP_ILLEGAL) imm = <i32>raw;
  store<u32>(e, bits, E_RAW);
  store<i32>(e, imm, E_IMM);
  store<u8>(e, op, E_OP);
  store<u8>(e, <u8>step, E_STEP);
  store<u8>(e, <u8>(rs1 << 3), E_RS1);
  store<u8>(e, <u8>(rs2 << 3), E_RS2);
  store<u16>(e, <u16>rdOffset, E_RD);
  store<u16>(e, 0, E_COUNT);
}

/**
 * For the compiling tier's translator (src/machine/jit): decodes `bits` into the entry at `e`
 * as outside any slot (jumps as OP_BRANCH_FAR, OP_JAL_FAR and OP_JALR with pc offsets), the
 * same decoding the interpreter runs.
 */
export function decodeForJit(e: usize, bits: u32): void {
  decodeEntry(e, bits, NOT_IN_SLOT, 0);
}

/** The cache slot for virtual chunk `chunk`: its way if it has one, else the set's next victim. */
export function cacheSlot(chunk: u64): usize {
  const set = <usize>chunk & (DECODE_SETS - 1);
  const tags = decodeCache + TAGS + set * DECODE_WAYS * 8;
  let way: usize = 0;
  while (way < DECODE_WAYS && load<u64>(tags + (way << 3)) != chunk) way++;
  if (way == DECODE_WAYS) {
    way = <usize>load<u8>(decodeCache + VICTIM + set) & (DECODE_WAYS - 1);
    store<u8>(decodeCache + VICTIM + set, <u8>((way + 1) & (DECODE_WAYS - 1)));
    store<u64>(tags + (way << 3), chunk);
  }
  return decodeCache + SLOTS + (set * DECODE_WAYS + way) * SLOT_SIZE;
}
