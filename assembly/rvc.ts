// The C extension for RV64 (unprivileged spec chapter 16): every 16-bit instruction is
// expanded into the 32-bit instruction it stands for, so one execution path serves both.
// Returns 0 for an illegal or reserved encoding. The D forms expand to fld/fsd, which check
// mstatus.FS when they run.
//
//   quadrant 0: c.addi4spn c.fld c.lw c.ld c.fsd c.sw c.sd
//   quadrant 1: c.addi c.addiw c.li c.addi16sp c.lui c.srli c.srai c.andi c.sub c.xor c.or
//               c.and c.subw c.addw c.j c.beqz c.bnez
//   quadrant 2: c.slli c.fldsp c.lwsp c.ldsp c.jr c.mv c.ebreak c.jalr c.add c.fsdsp c.swsp c.sdsp

const OP_LOAD: u32 = 0x03;
const OP_LOAD_FP: u32 = 0x07;
const OP_IMM: u32 = 0x13;
const OP_IMM_32: u32 = 0x1b;
const OP_STORE: u32 = 0x23;
const OP_STORE_FP: u32 = 0x27;
const OP: u32 = 0x33;
const OP_LUI: u32 = 0x37;
const OP_32: u32 = 0x3b;
const OP_BRANCH: u32 = 0x63;
const OP_JALR: u32 = 0x67;
const OP_JAL: u32 = 0x6f;
const EBREAK: u32 = 0x00100073;

@inline function iType(imm: i32, rs1: u32, f3: u32, rd: u32, op: u32): u32 {
  return (<u32>imm << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}

@inline function sType(imm: i32, rs2: u32, rs1: u32, f3: u32, op: u32): u32 {
  const u = <u32>imm;
  return ((u >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((u & 31) << 7) | op;
}

@inline function rType(f7: u32, rs2: u32, rs1: u32, f3: u32, rd: u32, op: u32): u32 {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op;
}

@inline function bType(imm: i32, rs2: u32, rs1: u32, f3: u32): u32 {
  const u = <u32>imm;
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 63) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((u >> 1) & 15) << 8) | (((u >> 11) & 1) << 7) | OP_BRANCH;
}

@inline function jType(imm: i32, rd: u32): u32 {
  const u = <u32>imm;
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
    (((u >> 12) & 0xff) << 12) | (rd << 7) | OP_JAL;
}

/** Sign-extends the low `bits` bits of v. */
@inline function sext(v: u32, bits: i32): i32 {
  return (<i32>(v << (32 - bits))) >> (32 - bits);
}

/** The 6-bit signed immediate of CI-format instructions: imm[5] = bit 12, imm[4:0] = bits 6:2. */
@inline function ciImm(h: u32): i32 {
  return sext(((h >> 7) & 0x20) | ((h >> 2) & 0x1f), 6);
}

/** What an illegal 16-bit encoding expands to: opcode 0x7f, which no instruction decodes as. */
const ILLEGAL: u32 = 0xffffffff;

/** RVC_TABLE_SIZE bytes the host provides: the expansion of every 16-bit encoding (per core instance). */
export let rvcTable: usize = 0;
export const RVC_TABLE_SIZE: u32 = 65536 * 4;

/**
 * Fills the expansion table at `table`. A 16-bit instruction's expansion depends on its bits
 * alone, so the decoder (decode.ts) looks it up instead of expanding it again.
 */
export function initRvcTable(table: usize): void {
  rvcTable = table;
  for (let h: u32 = 0; h < 65536; h++) {
    const insn = (h & 3) == 3 ? 0 : expandCompressed(h);
    store<u32>(table + (<usize>h << 2), insn == 0 ? ILLEGAL : insn);
  }
}

export function expandCompressed(h: u32): u32 {
  const f3 = h >> 13;
  const rd = (h >> 7) & 31; // also rs1 in CI/CR formats
  const rs2 = (h >> 2) & 31;
  const rdp = ((h >> 2) & 7) + 8; // rd' / rs2'
  const rs1p = ((h >> 7) & 7) + 8;
  switch (h & 3) {
    case 0: {
      switch (f3) {
        case 0: { // c.addi4spn
          const imm = ((h >> 7) & 0x30) | ((h >> 1) & 0x3c0) | ((h >> 4) & 4) | ((h >> 2) & 8);
          if (imm == 0) return 0;
          return iType(<i32>imm, 2, 0, rdp, OP_IMM);
        }
        case 2: { // c.lw
          const imm = ((h >> 7) & 0x38) | ((h >> 4) & 4) | ((h << 1) & 0x40);
          return iType(<i32>imm, rs1p, 2, rdp, OP_LOAD);
        }
        case 3: { // c.ld
          const imm = ((h >> 7) & 0x38) | ((h << 1) & 0xc0);
          return iType(<i32>imm, rs1p, 3, rdp, OP_LOAD);
        }
        case 6: { // c.sw
          const imm = ((h >> 7) & 0x38) | ((h >> 4) & 4) | ((h << 1) & 0x40);
          return sType(<i32>imm, rdp, rs1p, 2, OP_STORE);
        }
        case 7: { // c.sd
          const imm = ((h >> 7) & 0x38) | ((h << 1) & 0xc0);
          return sType(<i32>imm, rdp, rs1p, 3, OP_STORE);
        }
        case 1: { // c.fld
          const imm = ((h >> 7) & 0x38) | ((h << 1) & 0xc0);
          return iType(<i32>imm, rs1p, 3, rdp, OP_LOAD_FP);
        }
        case 5: { // c.fsd
          const imm = ((h >> 7) & 0x38) | ((h << 1) & 0xc0);
          return sType(<i32>imm, rdp, rs1p, 3, OP_STORE_FP);
        }
      }
      return 0; // the reserved funct3 = 4
    }
    case 1: {
      switch (f3) {
        case 0: return iType(ciImm(h), rd, 0, rd, OP_IMM); // c.addi (c.nop)
        case 1: // c.addiw
          if (rd == 0) return 0;
          return iType(ciImm(h), rd, 0, rd, OP_IMM_32);
        case 2: return iType(ciImm(h), 0, 0, rd, OP_IMM); // c.li
        case 3: {
          if (rd == 2) { // c.addi16sp
            const imm = sext(((h >> 3) & 0x200) | ((h >> 2) & 0x10) | ((h << 1) & 0x40) | ((h << 4) & 0x180) | ((h << 3) & 0x20), 10);
            if (imm == 0) return 0;
            return iType(imm, 2, 0, 2, OP_IMM);
          }
          const imm = sext(((h << 5) & 0x20000) | ((h << 10) & 0x1f000), 18); // c.lui
          if (imm == 0) return 0;
          return (<u32>imm & 0xfffff000) | (rd << 7) | OP_LUI;
        }
        case 4: {
          const shamt = ((h >> 7) & 0x20) | ((h >> 2) & 0x1f);
          switch ((h >> 10) & 3) {
            case 0: return iType(<i32>shamt, rs1p, 5, rs1p, OP_IMM); // c.srli
            case 1: return iType(<i32>(shamt | 0x400), rs1p, 5, rs1p, OP_IMM); // c.srai
            case 2: return iType(ciImm(h), rs1p, 7, rs1p, OP_IMM); // c.andi
          }
          const fn = (h >> 5) & 3;
          if (!(h & 0x1000)) {
            switch (fn) {
              case 0: return rType(0x20, rdp, rs1p, 0, rs1p, OP); // c.sub
              case 1: return rType(0, rdp, rs1p, 4, rs1p, OP); // c.xor
              case 2: return rType(0, rdp, rs1p, 6, rs1p, OP); // c.or
              default: return rType(0, rdp, rs1p, 7, rs1p, OP); // c.and
            }
          }
          if (fn == 0) return rType(0x20, rdp, rs1p, 0, rs1p, OP_32); // c.subw
          if (fn == 1) return rType(0, rdp, rs1p, 0, rs1p, OP_32); // c.addw
          return 0;
        }
        case 5: { // c.j
          const imm = sext(((h >> 1) & 0x800) | ((h >> 7) & 0x10) | ((h >> 1) & 0x300) | ((h << 2) & 0x400) |
            ((h >> 1) & 0x40) | ((h << 1) & 0x80) | ((h >> 2) & 0xe) | ((h << 3) & 0x20), 12);
          return jType(imm, 0);
        }
        default: { // c.beqz, c.bnez
          const imm = sext(((h >> 4) & 0x100) | ((h >> 7) & 0x18) | ((h << 1) & 0xc0) | ((h >> 2) & 6) | ((h << 3) & 0x20), 9);
          return bType(imm, 0, rs1p, f3 == 6 ? 0 : 1);
        }
      }
    }
    case 2: {
      switch (f3) {
        case 0: { // c.slli
          const shamt = ((h >> 7) & 0x20) | ((h >> 2) & 0x1f);
          return iType(<i32>shamt, rd, 1, rd, OP_IMM);
        }
        case 2: { // c.lwsp
          if (rd == 0) return 0;
          const imm = ((h >> 7) & 0x20) | ((h >> 2) & 0x1c) | ((h << 4) & 0xc0);
          return iType(<i32>imm, 2, 2, rd, OP_LOAD);
        }
        case 3: { // c.ldsp
          if (rd == 0) return 0;
          const imm = ((h >> 7) & 0x20) | ((h >> 2) & 0x18) | ((h << 4) & 0x1c0);
          return iType(<i32>imm, 2, 3, rd, OP_LOAD);
        }
        case 4: {
          if (!(h & 0x1000)) {
            if (rs2 == 0) {
              if (rd == 0) return 0;
              return iType(0, rd, 0, 0, OP_JALR); // c.jr
            }
            return rType(0, rs2, 0, 0, rd, OP); // c.mv
          }
          if (rs2 == 0) {
            if (rd == 0) return EBREAK; // c.ebreak
            return iType(0, rd, 0, 1, OP_JALR); // c.jalr
          }
          return rType(0, rs2, rd, 0, rd, OP); // c.add
        }
        case 6: { // c.swsp
          const imm = ((h >> 7) & 0x3c) | ((h >> 1) & 0xc0);
          return sType(<i32>imm, rs2, 2, 2, OP_STORE);
        }
        case 7: { // c.sdsp
          const imm = ((h >> 7) & 0x38) | ((h >> 1) & 0x1c0);
          return sType(<i32>imm, rs2, 2, 3, OP_STORE);
        }
        case 1: { // c.fldsp (any rd: f0 is a register)
          const imm = ((h >> 7) & 0x20) | ((h >> 2) & 0x18) | ((h << 4) & 0x1c0);
          return iType(<i32>imm, 2, 3, rd, OP_LOAD_FP);
        }
        case 5: { // c.fsdsp
          const imm = ((h >> 7) & 0x38) | ((h >> 1) & 0x1c0);
          return sType(<i32>imm, rs2, 2, 3, OP_STORE_FP);
        }
      }
      return 0;
    }
  }
  return 0;
}
