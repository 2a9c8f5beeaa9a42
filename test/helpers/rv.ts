// A few RV64 instruction encoders for tests that place machine code in guest RAM directly.
// Encodings from the unprivileged spec's base formats; QEMU and the ISA tests check the core.

const r = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number) =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const i = (imm: number, rs1: number, f3: number, rd: number, op: number) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number, op: number) =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | op) >>> 0;

export const addi = (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x13);
export const add = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 0, rd, 0x33);
export const lui = (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x37) >>> 0;
export const auipc = (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x17) >>> 0;
export const lw = (rd: number, rs1: number, imm: number) => i(imm, rs1, 2, rd, 0x03);
export const lbu = (rd: number, rs1: number, imm: number) => i(imm, rs1, 4, rd, 0x03);
export const ld = (rd: number, rs1: number, imm: number) => i(imm, rs1, 3, rd, 0x03);
export const sw = (rs2: number, rs1: number, imm: number) => s(imm, rs2, rs1, 2, 0x23);
export const sd = (rs2: number, rs1: number, imm: number) => s(imm, rs2, rs1, 3, 0x23);
export const slli = (rd: number, rs1: number, sh: number) => i(sh, rs1, 1, rd, 0x13);
export const csrrw = (rd: number, csr: number, rs1: number) => i(csr, rs1, 1, rd, 0x73);
export const csrrs = (rd: number, csr: number, rs1: number) => i(csr, rs1, 2, rd, 0x73);
export const jal = (rd: number, off: number) =>
  ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;
const b = (f3: number) => (rs1: number, rs2: number, off: number) =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
/** The base formats, for tests that generate instructions of any kind. */
export const rType = r;
export const iType = i;
/** A store (opcode STORE) with funct3 `f3`: sb, sh, sw, sd. */
export const store = (imm: number, rs2: number, rs1: number, f3: number) => s(imm, rs2, rs1, f3, 0x23);
/** A conditional branch with funct3 `f3`. */
export const branch = (f3: number, rs1: number, rs2: number, off: number) => b(f3)(rs1, rs2, off);
export const jalr = (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x67);
export const beq = b(0);
export const bne = b(1);
export const sub = (rd: number, rs1: number, rs2: number) => r(0x20, rs2, rs1, 0, rd, 0x33);
/** Zihintpause's pause (a FENCE hint). */
export const PAUSE = 0x0100000f;
export const amoaddW = (rd: number, rs2: number, rs1: number) => r(0, rs2, rs1, 2, rd, 0x2f);
export const lrW = (rd: number, rs1: number) => r(0x02 << 2, 0, rs1, 2, rd, 0x2f);
export const scW = (rd: number, rs2: number, rs1: number) => r(0x03 << 2, rs2, rs1, 2, rd, 0x2f);
export const ECALL = 0x00000073;
export const EBREAK = 0x00100073;
export const WFI = 0x10500073;
export const MRET = 0x30200073;
export const NOP = 0x00000013;

/** Little-endian bytes of a list of 32-bit instruction words. */
export function code(...words: number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((w, k) => view.setUint32(k * 4, w, true));
  return out;
}
