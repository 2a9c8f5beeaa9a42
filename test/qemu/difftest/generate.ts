// Random RV64IMAC instruction sequences for the differential test against QEMU (pure: no I/O).
//
// A program is many independent sequences. Each sequence
//   1. loads x1..x31 (except the pinned buffer base), mscratch, sscratch and the scratch buffer
//      from a table of edge-biased random values,
//   2. runs 20..40 random "units" (one instruction, or a few that belong together such as the
//      base-address set-up of a load), straight-line apart from short forward branches/jumps,
//   3. stores x1..x31, mscratch, sscratch after the scratch buffer and calls a routine that prints
//      one line "R" + hex(dump) through HTIF putchar (layout: see DUMP_NAMES).
// Every sequence draws from its own PRNG stream derived from (master seed, global index), so one
// failing sequence regenerates alone from the seed and its index.
//
// Register s11 (x27) is pinned to the scratch buffer's address and never written by a sequence;
// loads/stores/AMOs first form their base in another register with `addi rB, s11, delta`, so any
// register (including sp and x8..x15 for the compressed forms) serves as a base. Everything a
// sequence computes depends only on the initial state and the ELF's layout, which QEMU and the
// core share (return addresses and auipc results included).

export const SCRATCH_BYTES = 64;
export const SCRATCH_DWORDS = SCRATCH_BYTES / 8;
/** Pinned register holding the scratch buffer's address. */
export const BASE_REG = 27;

export const REG_NAMES: readonly string[] = [
  "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
  "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
];

/** Names of the dumped values, in dump order: x1..x31, mscratch, sscratch, scratch dwords. */
export const DUMP_NAMES: readonly string[] = [
  ...REG_NAMES.slice(1).map((n, i) => `x${i + 1}/${n}`),
  "mscratch",
  "sscratch",
  ...Array.from({ length: SCRATCH_DWORDS }, (_, i) => `mem[+0x${(i * 8).toString(16).padStart(2, "0")}]`),
];
export const DUMP_WORDS = DUMP_NAMES.length;

const MASK64 = (1n << 64n) - 1n;

// ---------------------------------------------------------------------------------------------
// PRNG: splitmix64 (BigInt) to derive seeds, xoshiro128** (32-bit ints) for the stream.

function splitmix64(state: bigint): { state: bigint; value: bigint } {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return { state: s, value: z ^ (z >> 31n) };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: bigint) {
    let st = seed & MASK64;
    const words: number[] = [];
    for (let i = 0; i < 2; i++) {
      const r = splitmix64(st);
      st = r.state;
      words.push(Number(r.value & 0xffffffffn), Number(r.value >> 32n));
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  u32(): number {
    const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.below(total);
    for (const [k, w] of entries) {
      if (r < w) return k;
      r -= w;
    }
    return entries[entries.length - 1]![0];
  }
}

/** The seed of sequence `index` under master seed `master`. */
export function sequenceSeed(master: bigint, index: number): bigint {
  const mixed = (master ^ ((BigInt(index) * 0xd1b54a32d192ed03n) & MASK64)) & MASK64;
  return splitmix64(splitmix64(mixed).value).value;
}

// ---------------------------------------------------------------------------------------------
// Values

/** 64-bit values that break arithmetic: signs, 32-bit boundaries, shift-amount boundaries. */
export const EDGE_VALUES: readonly bigint[] = [
  0n, 1n, 2n, 3n, 0xffffffffffffffffn, 0xfffffffffffffffen, 0x8000000000000000n, 0x7fffffffffffffffn,
  0x8000000000000001n, 0xffffffff80000000n, 0x80000000n, 0x7fffffffn, 0xffffffffn, 0x100000000n,
  0xffffffff7fffffffn, 0xffffffff00000000n, 0x00000000fffffffen, 0x0000000180000000n, 31n, 32n, 33n, 63n,
  64n, 0x7ffn, 0x800n, 0xfffffffffffff800n, 0xfffffffffffff7ffn, 0x8000n, 0xffffn, 0xffffffffffff8000n,
  0x80n, 0xffn, 0xffffffffffffff80n, 0x5555555555555555n, 0xaaaaaaaaaaaaaaaan,
];

function toU64(x: bigint): bigint {
  return x & MASK64;
}

function sext32(x: number): bigint {
  return toU64(BigInt(x | 0));
}

export function randomValue(rng: Rng): bigint {
  const r = rng.below(100);
  if (r < 30) return rng.pick(EDGE_VALUES);
  if (r < 40) return toU64(BigInt(rng.range(-64, 64)));
  if (r < 55) return sext32(rng.u32());
  if (r < 62) return BigInt(rng.u32());
  if (r < 68) return toU64(rng.pick(EDGE_VALUES) ^ (1n << BigInt(rng.below(64))));
  if (r < 72) return toU64(rng.pick(EDGE_VALUES) + BigInt(rng.range(-3, 3)));
  return rng.u64();
}

export function hex64(x: bigint): string {
  return "0x" + toU64(x).toString(16).padStart(16, "0");
}

// ---------------------------------------------------------------------------------------------
// Sequences

export type SequenceKind = "mixed" | "imm";

export interface Sequence {
  /** Global index (under the master seed). */
  index: number;
  kind: SequenceKind;
  /** Whether the body was assembled with `.option rvc` (compression on, explicit c.* forms). */
  rvc: boolean;
  /** Initial x0..x31; entries 0 and BASE_REG are not loaded (x0 is zero, s11 is the buffer). */
  regs: bigint[];
  mscratch: bigint;
  sscratch: bigint;
  /** Initial scratch buffer, little-endian dwords. */
  mem: bigint[];
  /** Assembly of the random part, one instruction or label per line. */
  body: string[];
}

const SIMPLE_UNITS = {
  aluR: 14,
  aluI: 12,
  shiftI: 7,
  luiAuipc: 4,
  li: 3,
  mul: 12,
  cAlu: 10,
  load: 8,
  store: 8,
  cMem: 5,
  amo: 5,
  csr: 3,
  nop: 1,
};
type SimpleUnit = keyof typeof SIMPLE_UNITS;

const MIXED_UNITS = { ...SIMPLE_UNITS, lrsc: 3, branch: 6, jal: 2, jalr: 3, fence: 1 };
type MixedUnit = keyof typeof MIXED_UNITS;

const IMM_UNITS = { lui: 25, addi: 20, addiw: 15, li: 10, cLui: 10, cLi: 8, cAddi: 8, cAddiw: 6, auipc: 5, slli: 3 };
type ImmUnit = keyof typeof IMM_UNITS;

const ALU_R = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "addw", "subw", "sllw", "srlw", "sraw"];
const ALU_I = ["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"];
const SHIFT_I = ["slli", "srli", "srai"];
const SHIFT_IW = ["slliw", "srliw", "sraiw"];
const MUL = ["mul", "mulh", "mulhsu", "mulhu", "mulw", "div", "divu", "rem", "remu", "divw", "divuw", "remw", "remuw"];
const AMO_OPS = ["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"];
const ORDERING = ["", ".aq", ".rl", ".aqrl"];
const BRANCHES = ["beq", "bne", "blt", "bge", "bltu", "bgeu"];
const CSRS = ["mscratch", "sscratch"];
const LOADS: readonly (readonly [string, number])[] = [
  ["lb", 1], ["lbu", 1], ["lh", 2], ["lhu", 2], ["lw", 4], ["lwu", 4], ["ld", 8],
];
const STORES: readonly (readonly [string, number])[] = [["sb", 1], ["sh", 2], ["sw", 4], ["sd", 8]];

class SequenceGenerator {
  private readonly out: string[] = [];
  private labels = 0;
  /** Registers written recently: reading them builds dependency chains. */
  private recent: number[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly index: number,
    private readonly rvc: boolean,
  ) {}

  lines(): string[] {
    return this.out;
  }

  private emit(line: string): void {
    this.out.push(line);
  }

  private newLabel(): string {
    return `.Ls${this.index}_${this.labels++}`;
  }

  // --- registers -----------------------------------------------------------------------------

  /** A destination: any register but the pinned base; x0 now and then. */
  private rd(allowZero = true): number {
    if (allowZero && this.rng.chance(0.03)) return 0;
    let r: number;
    do r = this.rng.range(1, 31);
    while (r === BASE_REG);
    this.wrote(r);
    return r;
  }

  /** A compressed-form register x8..x15. */
  private rdc(): number {
    const r = this.rng.range(8, 15);
    this.wrote(r);
    return r;
  }

  private wrote(r: number): void {
    if (r === 0) return;
    this.recent.push(r);
    if (this.recent.length > 6) this.recent.shift();
  }

  /** A source: any register, biased to recently written ones. */
  private rs(): number {
    if (this.recent.length > 0 && this.rng.chance(0.4)) return this.rng.pick(this.recent);
    if (this.rng.chance(0.03)) return 0;
    return this.rng.range(0, 31);
  }

  private rsc(): number {
    const recent = this.recent.filter((r) => r >= 8 && r <= 15);
    if (recent.length > 0 && this.rng.chance(0.4)) return this.rng.pick(recent);
    return this.rng.range(8, 15);
  }

  private n(r: number): string {
    return REG_NAMES[r]!;
  }

  // --- immediates ----------------------------------------------------------------------------

  private imm12(): number {
    return this.rng.chance(0.3) ? this.rng.pick([0, 1, -1, 2047, -2048, 2, -2, 0x7f, 0x80, 0x3ff]) : this.rng.range(-2048, 2047);
  }

  private imm20(): number {
    return this.rng.chance(0.3)
      ? this.rng.pick([0, 1, 0x80000, 0x7ffff, 0xfffff, 0xfffff - 1, 0x80001, 0x1f, 0xfffe0])
      : this.rng.below(1 << 20);
  }

  private shamt(w: boolean): number {
    if (this.rng.chance(0.4)) return this.rng.pick(w ? [0, 1, 31, 30, 16] : [0, 1, 31, 32, 33, 63, 62]);
    return this.rng.below(w ? 32 : 64);
  }

  private nonzero(lo: number, hi: number): number {
    let v: number;
    do v = this.rng.range(lo, hi);
    while (v === 0);
    return v;
  }

  private operandValue(): bigint {
    return this.rng.chance(0.75) ? this.rng.pick(EDGE_VALUES) : randomValue(this.rng);
  }

  // --- units ---------------------------------------------------------------------------------

  mixedUnit(): void {
    const weights: Record<MixedUnit, number> = { ...MIXED_UNITS };
    if (!this.rvc) {
      weights.cAlu = 0;
      weights.cMem = 0;
    }
    const u = this.rng.weighted(weights);
    switch (u) {
      case "lrsc":
        return this.lrsc();
      case "branch":
        return this.branch();
      case "jal":
        return this.jal();
      case "jalr":
        return this.jalr();
      case "fence":
        return this.emit(this.rng.pick(["fence", "fence rw, rw", "fence iorw, iorw", "fence.i", "fence r, w"]));
      default:
        return this.simpleUnit(u);
    }
  }

  /** Units that may sit inside a skipped block: no control flow, no LR/SC. */
  private simpleUnit(u?: SimpleUnit): void {
    if (u === undefined) {
      const weights: Record<SimpleUnit, number> = { ...SIMPLE_UNITS };
      if (!this.rvc) {
        weights.cAlu = 0;
        weights.cMem = 0;
      }
      u = this.rng.weighted(weights);
    }
    const rng = this.rng;
    switch (u) {
      case "aluR": {
        const op = rng.pick(ALU_R);
        const a = this.rs();
        const b = this.rs();
        return this.emit(`${op} ${this.n(this.rd())}, ${this.n(a)}, ${this.n(b)}`);
      }
      case "aluI": {
        const op = rng.pick(ALU_I);
        const a = this.rs();
        return this.emit(`${op} ${this.n(this.rd())}, ${this.n(a)}, ${this.imm12()}`);
      }
      case "shiftI": {
        const w = rng.chance(0.4);
        const op = rng.pick(w ? SHIFT_IW : SHIFT_I);
        const a = this.rs();
        return this.emit(`${op} ${this.n(this.rd())}, ${this.n(a)}, ${this.shamt(w)}`);
      }
      case "luiAuipc":
        return this.emit(`${rng.pick(["lui", "auipc"])} ${this.n(this.rd())}, ${hexImm(this.imm20())}`);
      case "li":
        return this.emit(`li ${this.n(this.rd())}, ${hex64(randomValue(rng))}`);
      case "mul":
        return this.mul();
      case "cAlu":
        return this.cAlu();
      case "load":
      case "store":
        return this.loadStore(u === "load");
      case "cMem":
        return this.cMem();
      case "amo":
        return this.amo();
      case "csr":
        return this.csr();
      case "nop":
        return this.emit(this.rvc && rng.chance(0.5) ? "c.nop" : "nop");
    }
  }

  immUnit(): void {
    const weights: Record<ImmUnit, number> = { ...IMM_UNITS };
    if (!this.rvc) {
      weights.cLui = 0;
      weights.cLi = 0;
      weights.cAddi = 0;
      weights.cAddiw = 0;
    }
    const u = this.rng.weighted(weights);
    const rng = this.rng;
    // Chains: mostly keep working on a recent register, as compilers do with lui/addi pairs.
    const rd = () => (this.recent.length > 0 && rng.chance(0.6) ? this.rng.pick(this.recent) : this.rd(false));
    switch (u) {
      case "lui":
      case "auipc":
        return this.emit(`${u} ${this.n(rd())}, ${hexImm(this.imm20())}`);
      case "addi":
      case "addiw": {
        const d = rd();
        const s = rng.chance(0.8) ? d : this.rs();
        return this.emit(`${u} ${this.n(d)}, ${this.n(s)}, ${this.imm12()}`);
      }
      case "li": {
        const v = rng.chance(0.5) ? sext32(rng.u32()) : randomValue(rng);
        return this.emit(`li ${this.n(rd())}, ${hex64(v)}`);
      }
      case "slli": {
        const d = rd();
        return this.emit(`slli ${this.n(d)}, ${this.n(d)}, ${rng.pick([12, 32, 20, 1, 11])}`);
      }
      case "cLui": {
        let d: number;
        do d = rd();
        while (d === 2);
        const v = rng.chance(0.5) ? rng.range(1, 31) : rng.range(0xfffe0, 0xfffff);
        return this.emit(`c.lui ${this.n(d)}, ${hexImm(v)}`);
      }
      case "cLi":
        return this.emit(`c.li ${this.n(rd())}, ${rng.range(-32, 31)}`);
      case "cAddi":
        return this.emit(`c.addi ${this.n(rd())}, ${this.nonzero(-32, 31)}`);
      case "cAddiw":
        return this.emit(`c.addiw ${this.n(rd())}, ${rng.range(-32, 31)}`);
    }
  }

  private mul(): void {
    const op = this.rng.pick(MUL);
    const a = this.rs();
    const b = this.rs();
    // Bias operands towards the values that break division and high-half multiplication.
    if (a !== 0 && a !== BASE_REG && this.rng.chance(0.4)) this.emit(`li ${this.n(a)}, ${hex64(this.operandValue())}`);
    if (b !== 0 && b !== BASE_REG && b !== a && this.rng.chance(0.4)) this.emit(`li ${this.n(b)}, ${hex64(this.operandValue())}`);
    this.emit(`${op} ${this.n(this.rd())}, ${this.n(a)}, ${this.n(b)}`);
  }

  private cAlu(): void {
    const rng = this.rng;
    const form = rng.pick([
      "c.addi", "c.addiw", "c.li", "c.lui", "c.addi16sp", "c.addi4spn", "c.slli", "c.srli", "c.srai",
      "c.andi", "c.mv", "c.add", "c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw",
    ]);
    switch (form) {
      case "c.addi":
        return this.emit(`c.addi ${this.n(this.rd(false))}, ${this.nonzero(-32, 31)}`);
      case "c.addiw":
        return this.emit(`c.addiw ${this.n(this.rd(false))}, ${rng.range(-32, 31)}`);
      case "c.li":
        return this.emit(`c.li ${this.n(this.rd(false))}, ${rng.range(-32, 31)}`);
      case "c.lui": {
        let d: number;
        do d = this.rd(false);
        while (d === 2);
        const v = rng.chance(0.5) ? rng.range(1, 31) : rng.range(0xfffe0, 0xfffff);
        return this.emit(`c.lui ${this.n(d)}, ${hexImm(v)}`);
      }
      case "c.addi16sp":
        this.wrote(2);
        return this.emit(`c.addi16sp sp, ${this.nonzero(-32, 31) * 16}`);
      case "c.addi4spn":
        return this.emit(`c.addi4spn ${this.n(this.rdc())}, sp, ${rng.range(1, 255) * 4}`);
      case "c.slli":
        return this.emit(`c.slli ${this.n(this.rd(false))}, ${rng.chance(0.4) ? rng.pick([1, 31, 32, 63]) : rng.range(1, 63)}`);
      case "c.srli":
      case "c.srai":
        return this.emit(`${form} ${this.n(this.rdc())}, ${rng.chance(0.4) ? rng.pick([1, 31, 32, 63]) : rng.range(1, 63)}`);
      case "c.andi":
        return this.emit(`c.andi ${this.n(this.rdc())}, ${rng.range(-32, 31)}`);
      case "c.mv":
      case "c.add": {
        let s: number;
        do s = this.rs();
        while (s === 0);
        return this.emit(`${form} ${this.n(this.rd(false))}, ${this.n(s)}`);
      }
      default: {
        const s = this.rsc();
        return this.emit(`${form} ${this.n(this.rdc())}, ${this.n(s)}`);
      }
    }
  }

  /** An offset into the scratch buffer for an access of `width` bytes, aligned or not. */
  private target(width: number, aligned: boolean): number {
    const slots = SCRATCH_BYTES - width;
    if (aligned) return this.rng.below(SCRATCH_BYTES / width) * width;
    return this.rng.range(0, slots);
  }

  /** Emits `addi rB, s11, delta` so that `offset(rB)` addresses scratch + target. */
  private setBase(base: number, target: number, offset: number): void {
    const delta = target - offset;
    this.emit(delta === 0 && this.rng.chance(0.5) ? `mv ${this.n(base)}, s11` : `addi ${this.n(base)}, s11, ${delta}`);
  }

  private loadStore(load: boolean): void {
    const rng = this.rng;
    const [op, width] = rng.pick(load ? LOADS : STORES);
    const t = this.target(width, rng.chance(0.6));
    const base = this.rd(false);
    const r = rng.below(10);
    // Offsets: zero, small, or anything that keeps the base delta a 12-bit immediate.
    const offset = r < 3 ? 0 : r < 6 ? rng.range(-64, 64) : rng.range(Math.max(-2048, t - 2047), Math.min(2047, t + 2048));
    this.setBase(base, t, offset);
    if (load) this.emit(`${op} ${this.n(this.rd())}, ${offset}(${this.n(base)})`);
    else this.emit(`${op} ${this.n(this.rs())}, ${offset}(${this.n(base)})`);
  }

  private cMem(): void {
    const rng = this.rng;
    const form = rng.pick(["c.lw", "c.ld", "c.sw", "c.sd", "c.lwsp", "c.ldsp", "c.swsp", "c.sdsp"]);
    const width = form.startsWith("c.lw") || form.startsWith("c.sw") ? 4 : 8;
    const sp = form.endsWith("sp");
    const maxOffset = (sp ? 64 : 32) * width - width;
    const offset = rng.chance(0.3) ? rng.pick([0, maxOffset]) : rng.below(maxOffset / width + 1) * width;
    const t = this.target(width, rng.chance(0.7));
    const base = sp ? 2 : this.rdc();
    if (sp) this.wrote(2);
    this.setBase(base, t, offset);
    const isLoad = form.startsWith("c.l");
    let data: number;
    if (isLoad) data = sp ? this.rd(false) : this.rdc();
    else data = sp ? this.rs() : this.rsc();
    this.emit(`${form} ${this.n(data)}, ${offset}(${this.n(base)})`);
  }

  private amo(): void {
    const rng = this.rng;
    const width = rng.chance(0.5) ? 4 : 8;
    const t = this.target(width, true);
    const base = this.rd(false);
    this.setBase(base, t, 0);
    const src = this.rs();
    const op = `${rng.pick(AMO_OPS)}.${width === 4 ? "w" : "d"}${rng.pick(ORDERING)}`;
    this.emit(`${op} ${this.n(this.rd())}, ${this.n(src)}, (${this.n(base)})`);
  }

  /**
   * LR followed by SC to the same address with only register arithmetic between (succeeds on a
   * single hart), or an SC without a reservation (fails, stores nothing). Each LR is consumed by
   * its SC inside the unit, so no reservation is ever outstanding between units.
   */
  private lrsc(): void {
    const rng = this.rng;
    const w = rng.chance(0.5) ? "w" : "d";
    const width = w === "w" ? 4 : 8;
    const t = this.target(width, true);
    const kind = rng.below(4);
    if (kind === 0) {
      const base = this.rd(false);
      this.setBase(base, t, 0);
      const src = this.rs();
      this.emit(`sc.${w}${rng.pick(ORDERING)} ${this.n(this.rd())}, ${this.n(src)}, (${this.n(base)})`);
      return;
    }
    const base = this.rd(false);
    this.setBase(base, t, 0);
    this.emit(`lr.${w}${rng.pick(ORDERING)} ${this.n(this.rd())}, (${this.n(base)})`);
    const between = rng.below(4);
    for (let i = 0; i < between; i++) this.simpleUnit(rng.pick(["aluR", "aluI", "shiftI", "mul"] as const));
    const base2 = this.rd(false);
    this.setBase(base2, t, 0);
    const src = this.rs();
    this.emit(`sc.${w}${rng.pick(ORDERING)} ${this.n(this.rd())}, ${this.n(src)}, (${this.n(base2)})`);
    if (kind === 3) {
      // The reservation is gone: a second SC to the same address fails.
      const src2 = this.rs();
      this.emit(`sc.${w} ${this.n(this.rd())}, ${this.n(src2)}, (${this.n(base2)})`);
    }
  }

  private csr(): void {
    const rng = this.rng;
    const csr = rng.pick(CSRS);
    if (rng.chance(0.5)) {
      const op = rng.pick(["csrrw", "csrrs", "csrrc"]);
      const s = this.rs();
      this.emit(`${op} ${this.n(this.rd())}, ${csr}, ${this.n(s)}`);
    } else {
      const op = rng.pick(["csrrwi", "csrrsi", "csrrci"]);
      this.emit(`${op} ${this.n(this.rd())}, ${csr}, ${rng.pick([0, 31, rng.below(32)])}`);
    }
  }

  private skippedBlock(label: string): void {
    const n = this.rng.range(1, 3);
    for (let i = 0; i < n; i++) this.simpleUnit();
    this.emit(`${label}:`);
  }

  private branch(): void {
    const rng = this.rng;
    const label = this.newLabel();
    if (this.rvc && rng.chance(0.25)) {
      this.emit(`${rng.pick(["c.beqz", "c.bnez"])} ${this.n(this.rsc())}, ${label}`);
    } else {
      const a = this.rs();
      // Same register on both sides or x0 on one: taken/not-taken both get exercised.
      const b = rng.chance(0.2) ? a : rng.chance(0.2) ? 0 : this.rs();
      this.emit(`${rng.pick(BRANCHES)} ${this.n(a)}, ${this.n(b)}, ${label}`);
    }
    this.skippedBlock(label);
  }

  private jal(): void {
    const label = this.newLabel();
    if (this.rvc && this.rng.chance(0.3)) this.emit(`c.j ${label}`);
    else this.emit(`jal ${this.n(this.rd())}, ${label}`);
    this.skippedBlock(label);
  }

  private jalr(): void {
    const rng = this.rng;
    const label = this.newLabel();
    const via = this.rd(false);
    if (this.rvc && rng.chance(0.3)) {
      this.emit(`lla ${this.n(via)}, ${label}`);
      if (rng.chance(0.5)) this.emit(`c.jr ${this.n(via)}`);
      else {
        this.wrote(1);
        this.emit(`c.jalr ${this.n(via)}`);
      }
    } else {
      // Target = via + offset with bit 0 possibly set: JALR must clear it.
      const offset = rng.chance(0.3) ? 0 : this.imm12();
      const odd = rng.chance(0.3) ? 1 : 0;
      const addend = odd - offset;
      this.emit(`lla ${this.n(via)}, ${label}${addend < 0 ? "-" : "+"}${Math.abs(addend)}`);
      this.emit(`jalr ${this.n(this.rd())}, ${offset}(${this.n(via)})`);
    }
    this.skippedBlock(label);
  }
}

function hexImm(v: number): string {
  return "0x" + v.toString(16);
}

export function generateSequence(master: bigint, index: number): Sequence {
  const rng = new Rng(sequenceSeed(master, index));
  const kind: SequenceKind = rng.chance(0.15) ? "imm" : "mixed";
  const rvc = rng.chance(0.75);
  const regs = Array.from({ length: 32 }, (_, r) => (r === 0 || r === BASE_REG ? 0n : randomValue(rng)));
  const mscratch = randomValue(rng);
  const sscratch = randomValue(rng);
  const mem = Array.from({ length: SCRATCH_DWORDS }, () => (rng.chance(0.2) ? randomValue(rng) : rng.u64()));
  const gen = new SequenceGenerator(rng, index, rvc);
  const units = rng.range(20, 40);
  for (let i = 0; i < units; i++) {
    if (kind === "imm") gen.immUnit();
    else gen.mixedUnit();
  }
  return { index, kind, rvc, regs, mscratch, sscratch, mem, body: gen.lines() };
}

// ---------------------------------------------------------------------------------------------
// Program text

/** x1..x31, mscratch, sscratch follow the buffer. */
export const SAVE_OFFSET = SCRATCH_BYTES;

const PRELUDE = `# Generated by test/qemu/difftest/generate.ts: random RV64IMAC sequences.
  .option norelax
  .option rvc

# Table layout: scratch dwords, mscratch, sscratch, x1..x31 (x27 unused).
  .macro LOAD_STATE tbl
  la t6, \\tbl
  .irp i, ${Array.from({ length: SCRATCH_DWORDS }, (_, i) => i).join(",")}
  ld t0, 8*\\i(t6)
  sd t0, 8*\\i(s11)
  .endr
  ld t0, ${SCRATCH_BYTES}(t6)
  csrw mscratch, t0
  ld t0, ${SCRATCH_BYTES + 8}(t6)
  csrw sscratch, t0
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,28,29,30,31
  ld x\\r, ${SCRATCH_BYTES + 16 - 8}+8*\\r(t6)
  .endr
  .endm

  .macro SAVE_STATE
  .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sd x\\r, ${SAVE_OFFSET - 8}+8*\\r(s11)
  .endr
  csrr t0, mscratch
  sd t0, ${SAVE_OFFSET + 31 * 8}(s11)
  csrr t0, sscratch
  sd t0, ${SAVE_OFFSET + 32 * 8}(s11)
  call dump_state
  .endm

  .section .text.init,"ax",@progbits
  .globl _start
_start:
  la t0, trap_handler
  csrw mtvec, t0
  la s11, scratch
`;

/**
 * End of a program: "D" and tohost = 1, then the routines shared by every sequence: dump_state
 * prints "R", the `savedWords` dwords saved after the scratch buffer and the scratch dwords in
 * hex and "\n"; puthex, putc and the trap handler; tohost/fromhost and the scratch buffer with
 * room for the saved dwords. (The FP difftest, generate-fp.ts, saves more state.)
 */
export function postlude(savedWords: number): string {
  return `
  .option rvc
  li a0, 'D'
  jal t5, putc
  li a0, '\\n'
  jal t5, putc
  li t0, 1
  la t1, tohost
  sd t0, 0(t1)
1:
  j 1b

# Prints "R", the ${savedWords} saved dwords and the ${SCRATCH_DWORDS} scratch dwords in hex, "\\n".
dump_state:
  mv s10, ra
  li a0, 'R'
  jal t5, putc
  addi s0, s11, ${SAVE_OFFSET}
  addi s1, s11, ${SAVE_OFFSET + savedWords * 8}
1:
  ld a1, 0(s0)
  jal t4, puthex
  addi s0, s0, 8
  bltu s0, s1, 1b
  mv s0, s11
  addi s1, s11, ${SCRATCH_BYTES}
2:
  ld a1, 0(s0)
  jal t4, puthex
  addi s0, s0, 8
  bltu s0, s1, 2b
  li a0, '\\n'
  jal t5, putc
  jr s10

# a1 = value; link in t4; clobbers a0-a3, t0-t2, t5.
puthex:
  li a2, 16
1:
  srli a0, a1, 60
  slli a1, a1, 4
  li a3, 10
  bltu a0, a3, 2f
  addi a0, a0, 'a' - '0' - 10
2:
  addi a0, a0, '0'
  jal t5, putc
  addi a2, a2, -1
  bnez a2, 1b
  jr t4

# a0 = character; link in t5; clobbers t0-t2.
putc:
  li t0, 0x0101000000000000
  or t0, t0, a0
  la t1, tohost
  sd t0, 0(t1)
  la t1, fromhost
1:
  ld t2, 0(t1)
  beqz t2, 1b
  sd zero, 0(t1)
  jr t5

# No sequence should trap: print "T" mcause mepc mtval and fail.
  .balign 4
trap_handler:
  li a0, 'T'
  jal t5, putc
  csrr a1, mcause
  jal t4, puthex
  csrr a1, mepc
  jal t4, puthex
  csrr a1, mtval
  jal t4, puthex
  li a0, '\\n'
  jal t5, putc
  li t0, 3
  la t1, tohost
  sd t0, 0(t1)
1:
  j 1b

  .section .tohost,"aw",@progbits
  .balign 64
  .globl tohost
  .type tohost, @object
  .size tohost, 8
tohost:
  .dword 0
  .balign 64
  .globl fromhost
  .type fromhost, @object
  .size fromhost, 8
fromhost:
  .dword 0

  .data
  .balign 64
scratch:
  .zero ${SCRATCH_BYTES + savedWords * 8}
`;
}

const POSTLUDE = postlude(33);

/** `values` as .dword lines of four, for a program's data section. */
export function dwordTable(values: readonly bigint[]): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += 4) lines.push("  .dword " + values.slice(i, i + 4).map(hex64).join(", "));
  return lines.join("\n");
}

function stateTable(seq: Sequence): string {
  return dwordTable([...seq.mem, seq.mscratch, seq.sscratch, ...seq.regs.slice(1)]);
}

/** Assembly source of one program running `seqs` in order. */
export function programSource(seqs: readonly Sequence[]): string {
  const text: string[] = [PRELUDE];
  const data: string[] = ["\n  .section .rodata", "  .balign 8"];
  for (const seq of seqs) {
    text.push(`# ---- sequence ${seq.index} (${seq.kind}${seq.rvc ? ", rvc" : ""})`);
    text.push("  .option rvc", `  LOAD_STATE init_${seq.index}`);
    text.push(seq.rvc ? "  .option rvc" : "  .option norvc");
    for (const line of seq.body) text.push(line.endsWith(":") ? line : "  " + line);
    text.push("  .option rvc", "  SAVE_STATE");
    data.push(`init_${seq.index}:`, stateTable(seq));
  }
  text.push(POSTLUDE);
  return text.join("\n") + data.join("\n") + "\n";
}

/** A readable listing of a sequence: initial state and body. */
export function sequenceListing(seq: Sequence): string {
  const out: string[] = [`sequence ${seq.index} (${seq.kind}, ${seq.rvc ? "rvc" : "norvc"})`, "initial state:"];
  for (let r = 1; r < 32; r++) {
    if (r === BASE_REG) continue;
    out.push(`  ${REG_NAMES[r]!.padEnd(4)} = ${hex64(seq.regs[r]!)}`);
  }
  out.push(`  mscratch = ${hex64(seq.mscratch)}`, `  sscratch = ${hex64(seq.sscratch)}`);
  seq.mem.forEach((v, i) => out.push(`  mem[+0x${(i * 8).toString(16).padStart(2, "0")}] = ${hex64(v)}`));
  out.push("  (s11 = scratch buffer base, pinned)", "body:");
  for (const line of seq.body) out.push(line.endsWith(":") ? line : "    " + line);
  return out.join("\n");
}
