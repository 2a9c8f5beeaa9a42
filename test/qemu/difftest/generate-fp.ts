// Random F/D instruction sequences for the differential test against QEMU (pure: no I/O).
//
// Same scheme as generate.ts (whose PRNG, seeds, scratch buffer and dump routine it reuses): a
// program is many independent sequences; each sequence
//   1. loads the scratch buffer, fcsr (a valid frm, random fflags), f0..f31 and x1..x31 (except the
//      pinned buffer base s11) from a table of edge-biased values,
//   2. runs 20..40 random units: every F and D computational instruction (FMA family, sqrt,
//      conversions in all directions, compares, classify, sign injection, min/max, moves) with a
//      random static rounding mode or dyn, FLW/FSW/FLD/FSD and C.FLD/C.FSD/C.FLDSP/C.FSDSP on the
//      scratch buffer (aligned or not), reads and writes of fflags/frm/fcsr, and set-ups that put
//      special values (signed zeros, subnormals, infinities, quiet and signalling NaNs with
//      payloads, improperly boxed singles, integer-conversion boundaries) into f and x registers,
//   3. stores x1..x31, fcsr and f0..f31 after the scratch buffer and prints one line "R" + hex
//      (layout: FP_DUMP_NAMES).
// frm always stays valid (0..4): a dyn instruction with an invalid frm traps, and traps end the
// program (the trap checks live in guests/isa/fp-csr.S).
import {
  BASE_REG, EDGE_VALUES, REG_NAMES, Rng, SCRATCH_BYTES, SCRATCH_DWORDS, SAVE_OFFSET, dwordTable, hex64, postlude, randomValue,
  sequenceSeed,
} from "./generate.js";

export const FREG_NAMES: readonly string[] = Array.from({ length: 32 }, (_, i) => `f${i}`);

/** Dumped values, in order: x1..x31, fcsr, f0..f31, scratch dwords. */
export const FP_DUMP_NAMES: readonly string[] = [
  ...REG_NAMES.slice(1).map((n, i) => `x${i + 1}/${n}`),
  "fcsr",
  ...FREG_NAMES,
  ...Array.from({ length: SCRATCH_DWORDS }, (_, i) => `mem[+0x${(i * 8).toString(16).padStart(2, "0")}]`),
];
export const FP_DUMP_WORDS = FP_DUMP_NAMES.length;
const SAVED_WORDS = 31 + 1 + 32;

const MASK64 = (1n << 64n) - 1n;
const BOX = 0xffffffff00000000n;

/** binary32 patterns: zeros, subnormals, normals at the ends, infinities, NaNs with payloads,
 *  integer-conversion boundaries (±2^31, 2^32, ±2^63, 2^64 and neighbours), halfway values. */
export const FP_EDGE_S: readonly number[] = [
  0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x807fffff, 0x00800000, 0x80800000,
  0x3f800000, 0xbf800000, 0x3f800001, 0x3f7fffff, 0x3fc00000, 0xbfc00000, 0x40200000, 0x3f000000,
  0xbf000000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fc12345,
  0x7f800001, 0xff812345, 0x7fbfffff, 0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f7fffff,
  0x4f800000, 0x5effffff, 0x5f000000, 0xdf000000, 0xdf000001, 0x5f7fffff, 0x5f800000, 0x4b000000,
  0x4b7fffff, 0x33800000, 0x0c000000, 0x72800000,
];

/** binary64 patterns, the same kinds. */
export const FP_EDGE_D: readonly bigint[] = [
  0x0000000000000000n, 0x8000000000000000n, 0x0000000000000001n, 0x8000000000000001n,
  0x000fffffffffffffn, 0x800fffffffffffffn, 0x0010000000000000n, 0x8010000000000000n,
  0x3ff0000000000000n, 0xbff0000000000000n, 0x3ff0000000000001n, 0x3fefffffffffffffn,
  0x3ff8000000000000n, 0xbff8000000000000n, 0x4004000000000000n, 0x3fe0000000000000n,
  0xbfe0000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn, 0x7ff0000000000000n,
  0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff8000000012345n,
  0x7ff0000000000001n, 0xfff0000000012345n, 0x7ff7ffffffffffffn, 0x41dfffffffc00000n,
  0x41dfffffffe00000n, 0x41e0000000000000n, 0x41e0000000100000n, 0xc1e0000000000000n,
  0xc1e0000000200000n, 0xc1e0000000100000n, 0x41efffffffe00000n, 0x41effffffff00000n,
  0x41f0000000000000n, 0x43dfffffffffffffn, 0x43e0000000000000n, 0xc3e0000000000000n,
  0xc3e0000000000001n, 0x43efffffffffffffn, 0x43f0000000000000n, 0x4330000000000000n,
  0x3ca0000000000000n, 0x380fffffe0000000n, 0x380ffffff0000000n, 0x47efffffe0000000n,
  0x47effffff0000000n, 0x36a0000000000000n, 0x3690000000000000n,
];

/** A 64-bit f register image: boxed singles, doubles, improper boxes, near-edge and random. */
export function fpValue(rng: Rng): bigint {
  const r = rng.below(100);
  if (r < 25) return BOX | BigInt(rng.pick(FP_EDGE_S));
  if (r < 50) return rng.pick(FP_EDGE_D);
  if (r < 60) return BOX | BigInt(rng.u32());
  if (r < 72) return rng.u64();
  if (r < 80) return BOX | BigInt((rng.pick(FP_EDGE_S) + rng.range(-2, 2)) >>> 0);
  if (r < 88) return (rng.pick(FP_EDGE_D) + BigInt(rng.range(-2, 2))) & MASK64;
  if (r < 92) return BigInt(rng.pick(FP_EDGE_S)) | (BigInt(rng.u32() & 0xfffffffe) << 32n); // not boxed
  // random exponent near the ends, random mantissa
  return rng.chance(0.5)
    ? BOX | BigInt((((rng.u32() & 0x80000000) | (rng.pick([0, 1, 2, 24, 25, 103, 104, 126, 127, 128, 150, 252, 253, 254]) << 23) | (rng.u32() & 0x7fffff)) >>> 0))
    : (BigInt(rng.u32() & 0x80000000) << 32n) | (BigInt(rng.pick([0, 1, 2, 53, 54, 969, 970, 1022, 1023, 1024, 1075, 2044, 2045, 2046])) << 52n) | (rng.u64() & 0xfffffffffffffn);
}

export interface FpSequence {
  index: number;
  rvc: boolean;
  regs: bigint[];
  fregs: bigint[];
  /** Initial fcsr: frm 0..4, any fflags. */
  fcsr: bigint;
  mem: bigint[];
  body: string[];
  /** FP instructions in the body (for the operation count). */
  fpOps: number;
}

const RMS = ["rne", "rtz", "rdn", "rup", "rmm", "dyn"];
const P = ["s", "d"] as const;

const FP_UNITS = {
  arith: 14, fma: 10, sqrt: 3, sgnj: 4, minmax: 4, cmp: 5, fclass: 2, cvtToInt: 8, cvtFromInt: 6,
  cvtSD: 4, mvToX: 3, mvToF: 3, special: 8, load: 5, store: 5, cMem: 4, csr: 5, intAlu: 2,
};
type FpUnit = keyof typeof FP_UNITS;

class FpSequenceGenerator {
  private readonly out: string[] = [];
  fpOps = 0;
  private recentF: number[] = [];
  private recentX: number[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly rvc: boolean,
  ) {}

  lines(): string[] {
    return this.out;
  }

  private emit(line: string, fp = true): void {
    this.out.push(line);
    if (fp) this.fpOps++;
  }

  private f(n: number): string {
    return FREG_NAMES[n]!;
  }

  private x(n: number): string {
    return REG_NAMES[n]!;
  }

  /** f destination, biased towards registers written recently (chains of operations). */
  private fd(): number {
    const r = this.rng.below(32);
    this.recentF.push(r);
    if (this.recentF.length > 6) this.recentF.shift();
    return r;
  }

  private fs(): number {
    if (this.recentF.length > 0 && this.rng.chance(0.45)) return this.rng.pick(this.recentF);
    return this.rng.below(32);
  }

  /**
   * A source of precision `p`: often freshly loaded with a value of that precision (an edge value
   * or a random one), since a single read from a register holding a double is just the canonical
   * NaN and would leave most single arithmetic on NaNs.
   */
  private fsp(p: "s" | "d"): number {
    const r = this.fs();
    if (!this.rng.chance(0.4)) return r;
    const t = this.xd(false);
    const rng = this.rng;
    if (p === "s") {
      const v = rng.chance(0.6) ? rng.pick(FP_EDGE_S) : rng.chance(0.5) ? rng.u32() : (rng.pick(FP_EDGE_S) + rng.range(-3, 3)) >>> 0;
      this.emit(`li ${this.x(t)}, ${hex64(BigInt(v))}`, false);
      this.emit(`fmv.w.x ${this.f(r)}, ${this.x(t)}`);
    } else {
      const v = rng.chance(0.6) ? rng.pick(FP_EDGE_D) : rng.chance(0.5) ? rng.u64() : (rng.pick(FP_EDGE_D) + BigInt(rng.range(-3, 3))) & MASK64;
      this.emit(`li ${this.x(t)}, ${hex64(v)}`, false);
      this.emit(`fmv.d.x ${this.f(r)}, ${this.x(t)}`);
    }
    return r;
  }

  /** An f register of the compressed forms (f8..f15). */
  private fc(): number {
    return this.rng.range(8, 15);
  }

  private xd(allowZero = true): number {
    if (allowZero && this.rng.chance(0.03)) return 0;
    let r: number;
    do r = this.rng.range(1, 31);
    while (r === BASE_REG);
    this.recentX.push(r);
    if (this.recentX.length > 4) this.recentX.shift();
    return r;
  }

  private xs(): number {
    if (this.recentX.length > 0 && this.rng.chance(0.4)) return this.rng.pick(this.recentX);
    return this.rng.range(0, 31);
  }

  private rm(): string {
    return this.rng.pick(RMS);
  }

  unit(): void {
    const weights: Record<FpUnit, number> = { ...FP_UNITS };
    if (!this.rvc) weights.cMem = 0;
    const u = this.rng.weighted(weights);
    const rng = this.rng;
    const p = rng.pick(P);
    switch (u) {
      case "arith": {
        const op = rng.pick(["fadd", "fsub", "fmul", "fdiv"]);
        const a = this.fsp(p);
        const b = this.fsp(p);
        return this.emit(`${op}.${p} ${this.f(this.fd())}, ${this.f(a)}, ${this.f(b)}, ${this.rm()}`);
      }
      case "fma": {
        const op = rng.pick(["fmadd", "fmsub", "fnmsub", "fnmadd"]);
        const a = this.fsp(p);
        const b = this.fsp(p);
        const c = this.fsp(p);
        return this.emit(`${op}.${p} ${this.f(this.fd())}, ${this.f(a)}, ${this.f(b)}, ${this.f(c)}, ${this.rm()}`);
      }
      case "sqrt": {
        const a = this.fsp(p);
        return this.emit(`fsqrt.${p} ${this.f(this.fd())}, ${this.f(a)}, ${this.rm()}`);
      }
      case "sgnj":
      case "minmax": {
        const op = u === "sgnj" ? rng.pick(["fsgnj", "fsgnjn", "fsgnjx"]) : rng.pick(["fmin", "fmax"]);
        const a = this.fsp(p);
        const b = rng.chance(0.15) ? a : this.fsp(p);
        return this.emit(`${op}.${p} ${this.f(this.fd())}, ${this.f(a)}, ${this.f(b)}`);
      }
      case "cmp": {
        const a = this.fsp(p);
        const b = rng.chance(0.15) ? a : this.fsp(p);
        return this.emit(`${rng.pick(["feq", "flt", "fle"])}.${p} ${this.x(this.xd())}, ${this.f(a)}, ${this.f(b)}`);
      }
      case "fclass":
        return this.emit(`fclass.${p} ${this.x(this.xd())}, ${this.f(this.fsp(p))}`);
      case "cvtToInt": {
        const t = rng.pick(["w", "wu", "l", "lu"]);
        const a = this.fsp(p);
        return this.emit(`fcvt.${t}.${p} ${this.x(this.xd())}, ${this.f(a)}, ${this.rm()}`);
      }
      case "cvtFromInt": {
        const t = rng.pick(["w", "wu", "l", "lu"]);
        const src = this.intSource();
        // FCVT.D.W[U] are exact: the assembler takes no rm for them.
        const rm = p === "d" && (t === "w" || t === "wu") ? "" : `, ${this.rm()}`;
        return this.emit(`fcvt.${p}.${t} ${this.f(this.fd())}, ${this.x(src)}${rm}`);
      }
      case "cvtSD": {
        const toS = rng.chance(0.5);
        const a = this.fsp(toS ? "d" : "s");
        if (toS) return this.emit(`fcvt.s.d ${this.f(this.fd())}, ${this.f(a)}, ${this.rm()}`);
        return this.emit(`fcvt.d.s ${this.f(this.fd())}, ${this.f(a)}`);
      }
      case "mvToX":
        return this.emit(`fmv.x.${p === "s" ? "w" : "d"} ${this.x(this.xd())}, ${this.f(this.fs())}`);
      case "mvToF":
        return this.emit(`fmv.${p === "s" ? "w" : "d"}.x ${this.f(this.fd())}, ${this.x(this.xs())}`);
      case "special": {
        // a special value into an f register through an integer register
        const t = this.xd(false);
        const v = fpValue(rng);
        this.emit(`li ${this.x(t)}, ${hex64(v)}`, false);
        if (rng.chance(0.3)) return this.emit(`fmv.w.x ${this.f(this.fd())}, ${this.x(t)}`);
        return this.emit(`fmv.d.x ${this.f(this.fd())}, ${this.x(t)}`);
      }
      case "load":
      case "store":
        return this.loadStore(u === "load", p);
      case "cMem":
        return this.cMem();
      case "csr":
        return this.csr();
      case "intAlu": {
        // keep integer registers moving so that conversions see fresh values
        const a = this.xs();
        const b = this.xs();
        return this.emit(`${rng.pick(["add", "xor", "sub", "sll"])} ${this.x(this.xd(false))}, ${this.x(a)}, ${this.x(b)}`, false);
      }
    }
  }

  /** An integer register for FCVT from an integer, often freshly loaded with an edge value. */
  private intSource(): number {
    const s = this.xs();
    if (s !== 0 && s !== BASE_REG && this.rng.chance(0.5)) {
      const v = this.rng.chance(0.6) ? this.rng.pick(EDGE_VALUES) : randomValue(this.rng);
      this.emit(`li ${this.x(s)}, ${hex64(v)}`, false);
    }
    return s;
  }

  private target(width: number, aligned: boolean): number {
    if (aligned) return this.rng.below(SCRATCH_BYTES / width) * width;
    return this.rng.range(0, SCRATCH_BYTES - width);
  }

  private setBase(base: number, target: number, offset: number): void {
    this.emit(`addi ${this.x(base)}, s11, ${target - offset}`, false);
  }

  private loadStore(load: boolean, p: "s" | "d"): void {
    const rng = this.rng;
    const width = p === "s" ? 4 : 8;
    const op = load ? (p === "s" ? "flw" : "fld") : p === "s" ? "fsw" : "fsd";
    const t = this.target(width, rng.chance(0.75));
    const base = this.xd(false);
    const offset = rng.chance(0.4) ? 0 : rng.range(-2048 + 64, 2047 - 64);
    this.setBase(base, t, offset);
    if (load) this.emit(`${op} ${this.f(this.fd())}, ${offset}(${this.x(base)})`);
    else this.emit(`${op} ${this.f(this.fs())}, ${offset}(${this.x(base)})`);
  }

  private cMem(): void {
    const rng = this.rng;
    const form = rng.pick(["c.fld", "c.fsd", "c.fldsp", "c.fsdsp"]);
    const sp = form.endsWith("sp");
    const maxOffset = sp ? 504 : 248;
    const offset = rng.chance(0.3) ? rng.pick([0, maxOffset]) : rng.below(maxOffset / 8 + 1) * 8;
    const t = this.target(8, rng.chance(0.8));
    const base = sp ? 2 : rng.range(8, 15);
    this.setBase(base, t, offset);
    const isLoad = form.startsWith("c.fl");
    let reg: number;
    if (isLoad) {
      reg = sp ? this.fd() : this.fc();
      if (!sp) this.recentF.push(reg);
    } else reg = sp ? this.fs() : this.fc();
    this.emit(`${form} ${this.f(reg)}, ${offset}(${this.x(base)})`);
  }

  private csr(): void {
    const rng = this.rng;
    const rd = this.x(this.xd());
    switch (rng.below(8)) {
      case 0:
        return this.emit(`csrr ${rd}, ${rng.pick(["fflags", "frm", "fcsr"])}`);
      case 1: {
        // fflags: any value (only bits 4:0 stick)
        const t = this.xd(false);
        this.emit(`li ${this.x(t)}, ${hex64(rng.chance(0.5) ? BigInt(rng.below(32)) : rng.u64())}`, false);
        return this.emit(`${rng.pick(["csrrw", "csrrs", "csrrc"])} ${rd}, fflags, ${this.x(t)}`);
      }
      case 2:
        return this.emit(`${rng.pick(["csrrwi", "csrrsi", "csrrci"])} ${rd}, fflags, ${rng.below(32)}`);
      case 3:
        // frm stays valid: written whole with 0..4
        return this.emit(`csrrwi ${rd}, frm, ${rng.below(5)}`);
      case 4: {
        // frm through a register: bits above 2 are ignored
        const t = this.xd(false);
        const v = (BigInt(rng.u32()) << 3n) | BigInt(rng.below(5));
        this.emit(`li ${this.x(t)}, ${hex64(v)}`, false);
        return this.emit(`csrrw ${rd}, frm, ${this.x(t)}`);
      }
      case 5: {
        // fcsr: valid frm, any fflags, garbage above bit 7
        const t = this.xd(false);
        const v = (rng.u64() & ~0xffn) | (BigInt(rng.below(5)) << 5n) | BigInt(rng.below(32));
        this.emit(`li ${this.x(t)}, ${hex64(v & MASK64)}`, false);
        return this.emit(`csrrw ${rd}, fcsr, ${this.x(t)}`);
      }
      case 6:
        // clearing bits of frm keeps it valid (a value 0..4 with bits cleared is 0..4)
        return this.emit(`csrrci ${rd}, ${rng.pick(["frm", "fcsr"])}, ${rng.below(32)}`);
      default:
        return this.emit(`${rng.pick(["csrrsi", "csrrci"])} ${rd}, fcsr, ${rng.below(32)}`);
    }
  }
}

export function generateFpSequence(master: bigint, index: number): FpSequence {
  // A stream apart from the integer sequences of the same seed and index.
  const rng = new Rng(sequenceSeed(master ^ 0xf0f0f0f0_0f0f0f0fn, index));
  const rvc = rng.chance(0.7);
  const regs = Array.from({ length: 32 }, (_, r) => (r === 0 || r === BASE_REG ? 0n : randomValue(rng)));
  const fregs = Array.from({ length: 32 }, () => fpValue(rng));
  const fcsr = (BigInt(rng.below(5)) << 5n) | BigInt(rng.chance(0.5) ? 0 : rng.below(32));
  const mem = Array.from({ length: SCRATCH_DWORDS }, () => (rng.chance(0.7) ? fpValue(rng) : rng.u64()));
  const gen = new FpSequenceGenerator(rng, rvc);
  const units = rng.range(20, 40);
  for (let i = 0; i < units; i++) gen.unit();
  return { index, rvc, regs, fregs, fcsr, mem, body: gen.lines(), fpOps: gen.fpOps };
}

// ---------------------------------------------------------------------------------------------
// Program text

// Table: scratch dwords, fcsr, x1..x31 (x27 unused), f0..f31.
const TABLE_FCSR = SCRATCH_BYTES;
const TABLE_X = TABLE_FCSR + 8 - 8; // x_r at TABLE_X + 8 * r
const TABLE_F = TABLE_FCSR + 8 + 31 * 8;
// Saved after the buffer: x1..x31, fcsr, f0..f31 (the dump order).
const SAVE_FCSR = SAVE_OFFSET + 31 * 8;
const SAVE_F = SAVE_FCSR + 8;

const PRELUDE = `# Generated by test/qemu/difftest/generate-fp.ts: random F/D sequences.
  .option norelax
  .option rvc

  .macro LOAD_STATE tbl
  la t6, \\tbl
  .irp i, ${Array.from({ length: SCRATCH_DWORDS }, (_, i) => i).join(",")}
  ld t0, 8*\\i(t6)
  sd t0, 8*\\i(s11)
  .endr
  ld t0, ${TABLE_FCSR}(t6)
  csrw fcsr, t0
  .irp r, ${Array.from({ length: 32 }, (_, i) => i).join(",")}
  fld f\\r, ${TABLE_F}+8*\\r(t6)
  .endr
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,28,29,30,31
  ld x\\r, ${TABLE_X}+8*\\r(t6)
  .endr
  .endm

  .macro SAVE_STATE
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sd x\\r, ${SAVE_OFFSET - 8}+8*\\r(s11)
  .endr
  csrr t0, fcsr
  sd t0, ${SAVE_FCSR}(s11)
  .irp r, ${Array.from({ length: 32 }, (_, i) => i).join(",")}
  fsd f\\r, ${SAVE_F}+8*\\r(s11)
  .endr
  call dump_state
  .endm

  .section .text.init,"ax",@progbits
  .globl _start
_start:
  la t0, trap_handler
  csrw mtvec, t0
  li t0, 0x2000
  csrs mstatus, t0
  la s11, scratch
`;

function stateTable(seq: FpSequence): string {
  return dwordTable([...seq.mem, seq.fcsr, ...seq.regs.slice(1), ...seq.fregs]);
}

/** Assembly source of one program running `seqs` in order (needs -march with F, D and C). */
export function fpProgramSource(seqs: readonly FpSequence[]): string {
  const text: string[] = [PRELUDE];
  const data: string[] = ["\n  .section .rodata", "  .balign 8"];
  for (const seq of seqs) {
    text.push(`# ---- FP sequence ${seq.index}${seq.rvc ? " (rvc)" : ""}`);
    text.push("  .option rvc", `  LOAD_STATE finit_${seq.index}`);
    text.push(seq.rvc ? "  .option rvc" : "  .option norvc");
    for (const line of seq.body) text.push("  " + line);
    text.push("  .option rvc", "  SAVE_STATE");
    data.push(`finit_${seq.index}:`, stateTable(seq));
  }
  text.push(postlude(SAVED_WORDS));
  return text.join("\n") + data.join("\n") + "\n";
}

/** A readable listing of a sequence: initial state and body. */
export function fpSequenceListing(seq: FpSequence): string {
  const out: string[] = [`FP sequence ${seq.index} (${seq.rvc ? "rvc" : "norvc"}, ${seq.fpOps} FP instructions)`, "initial state:"];
  for (let r = 1; r < 32; r++) {
    if (r === BASE_REG) continue;
    out.push(`  ${REG_NAMES[r]!.padEnd(4)} = ${hex64(seq.regs[r]!)}`);
  }
  for (let r = 0; r < 32; r++) out.push(`  ${FREG_NAMES[r]!.padEnd(4)} = ${hex64(seq.fregs[r]!)}`);
  out.push(`  fcsr = ${hex64(seq.fcsr)}`);
  seq.mem.forEach((v, i) => out.push(`  mem[+0x${(i * 8).toString(16).padStart(2, "0")}] = ${hex64(v)}`));
  out.push("  (s11 = scratch buffer base, pinned)", "body:");
  for (const line of seq.body) out.push("    " + line);
  return out.join("\n");
}
