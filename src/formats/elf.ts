// Strict ELF64 little-endian RISC-V parser for guest images.
//
// Runs anywhere (Node and browsers): it touches only Uint8Array, DataView and TextDecoder.
// Every offset and size read from the file is checked with bigint arithmetic before use, so a
// malformed or hostile image yields an ElfError naming the problem, never a read past the end.
// Segment data are views into the input (no copies).

/** A malformed or unsupported ELF image. The message names the problem precisely. */
import { RvisorError } from "../errors.js";

export class ElfError extends RvisorError {
  constructor(message: string) {
    super(message);
    this.name = "ElfError";
  }
}

export interface ElfSegment {
  /** Physical load address (p_paddr): where the loader places the bytes in guest RAM. */
  paddr: bigint;
  /** Virtual address (p_vaddr). */
  vaddr: bigint;
  /** The p_filesz bytes stored in the file: a view into the input, not a copy. */
  data: Uint8Array;
  /** Size in memory (p_memsz ≥ data.length); the tail beyond data is zero (BSS). */
  memsz: bigint;
  /** PF_X | PF_W | PF_R (other p_flags bits are dropped). */
  flags: number;
}

export interface ElfImage {
  entry: bigint;
  type: "exec" | "dyn";
  /** PT_LOAD segments with memsz > 0, in program-header order; they never overlap physically. */
  segments: ElfSegment[];
  /** Defined symbols from .symtab (name -> st_value), e.g. tohost, fromhost; empty if stripped. */
  symbols: Map<string, bigint>;
  /** e_flags: EF_RISCV_RVC, float ABI (EF_RISCV_FLOAT_ABI mask), EF_RISCV_RVE, EF_RISCV_TSO. */
  flags: number;
}

export const EM_RISCV = 243;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;
export const EF_RISCV_RVC = 0x1;
export const EF_RISCV_FLOAT_ABI = 0x6; // mask: 0 soft, 2 single, 4 double, 6 quad
export const EF_RISCV_RVE = 0x8;
export const EF_RISCV_TSO = 0x10;

const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const SHDR_SIZE = 64;
const SYM_SIZE = 24;

const ET_REL = 1;
const ET_EXEC = 2;
const ET_DYN = 3;
const ET_CORE = 4;

const PT_NULL = 0;
const PT_LOAD = 1;
const PN_XNUM = 0xffff;

const SHT_NULL = 0;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
const SHN_UNDEF = 0;

const STB_LOCAL = 0;
const STT_NOTYPE = 0;
const STT_SECTION = 3;
const STT_FILE = 4;

const MACHINES: Record<number, string> = {
  0: "none",
  2: "SPARC",
  3: "x86 (i386)",
  8: "MIPS",
  20: "PowerPC",
  21: "PowerPC64",
  22: "S/390",
  40: "ARM",
  43: "SPARC V9",
  50: "IA-64",
  62: "x86-64",
  183: "AArch64",
  247: "BPF",
  258: "LoongArch",
};

const TYPES: Record<number, string> = {
  0: "no file type (ET_NONE = 0)",
  [ET_REL]: "a relocatable object (ET_REL = 1)",
  [ET_CORE]: "a core dump (ET_CORE = 4)",
};

const hex = (v: bigint | number): string => "0x" + v.toString(16);

/** True if bytes start with the ELF magic (\x7fELF). Says nothing about validity. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

interface Section {
  type: number;
  offset: bigint;
  size: bigint;
  link: number;
  info: number;
  entsize: bigint;
}

/** Parses and validates an ELF64 little-endian RISC-V executable (ET_EXEC) or PIE (ET_DYN). */
export function parseElf(bytes: Uint8Array): ElfImage {
  if (!isElf(bytes)) throw new ElfError("not an ELF file (bad magic)");
  const len = BigInt(bytes.length);
  const truncated = () =>
    new ElfError(`ELF header truncated: file is ${bytes.length} bytes, an ELF64 header needs ${EHDR_SIZE}`);
  if (bytes.length < 16) throw truncated();

  const cls = bytes[4];
  if (cls === 1) throw new ElfError("ELF is 32-bit (ELFCLASS32); rvisor runs RV64 guests");
  if (cls !== 2) throw new ElfError(`ELF class ${cls} is invalid (expected ELFCLASS64 = 2)`);
  const data = bytes[5];
  if (data === 2) throw new ElfError("ELF is big-endian (ELFDATA2MSB); RISC-V is little-endian");
  if (data !== 1) throw new ElfError(`ELF data encoding ${data} is invalid (expected ELFDATA2LSB = 1)`);
  if (bytes[6] !== 1) throw new ElfError(`ELF ident version ${bytes[6]} is unsupported (expected EV_CURRENT = 1)`);
  if (bytes.length < EHDR_SIZE) throw truncated();

  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true);
  const u32 = (o: number) => dv.getUint32(o, true);
  const u64 = (o: number) => dv.getBigUint64(o, true);

  const eType = u16(16);
  const eMachine = u16(18);
  const eVersion = u32(20);
  const entry = u64(24);
  const phoff = u64(32);
  const shoff = u64(40);
  const eFlags = u32(48);
  const ehsize = u16(52);
  const phentsize = u16(54);
  let phnum = u16(56);
  const shentsize = u16(58);
  let shnum: bigint = BigInt(u16(60));

  if (eVersion !== 1) throw new ElfError(`ELF version ${eVersion} is unsupported (expected EV_CURRENT = 1)`);
  if (eMachine !== EM_RISCV) {
    const name = MACHINES[eMachine];
    const what = name === undefined ? `${eMachine}` : `${name} (${eMachine})`;
    throw new ElfError(`ELF machine is ${what}, not RISC-V (${EM_RISCV})`);
  }
  if (eType !== ET_EXEC && eType !== ET_DYN) {
    const what = TYPES[eType] ?? `of unknown type ${eType}`;
    throw new ElfError(`ELF is ${what}; rvisor loads executables (ET_EXEC) and position-independent executables (ET_DYN)`);
  }
  // pc[0] is always zero on RISC-V (IALIGN = 16 with C, 32 without): no hart can start there.
  if (entry % 2n !== 0n) throw new ElfError(`entry point ${hex(entry)} is odd: RISC-V instructions are 2-byte aligned`);
  if (ehsize < EHDR_SIZE) throw new ElfError(`e_ehsize is ${ehsize}, less than the ${EHDR_SIZE} bytes of an ELF64 header`);

  // Section header table: located first because extended numbering keeps the real e_phnum and
  // e_shnum in section header 0 when they do not fit in 16 bits.
  let sec0: Section | undefined;
  if (shoff === 0n) {
    if (shnum !== 0n) throw new ElfError(`e_shnum is ${shnum} but e_shoff is 0 (no section header table)`);
  } else {
    if (shoff < BigInt(EHDR_SIZE)) throw new ElfError(`section header table (e_shoff ${hex(shoff)}) overlaps the ELF header`);
    if (shentsize < SHDR_SIZE) {
      throw new ElfError(`e_shentsize is ${shentsize}, less than the ${SHDR_SIZE} bytes of an ELF64 section header`);
    }
    checkTable("section header", shoff, 1n, shentsize, len);
    sec0 = readSection(dv, Number(shoff));
    if (shnum === 0n) {
      shnum = sec0.size; // extended numbering
      if (shnum === 0n) throw new ElfError("e_shnum is 0 and section header 0 gives no extended count (sh_size 0)");
    }
    checkTable("section header", shoff, shnum, shentsize, len);
  }
  if (phnum === PN_XNUM) {
    if (sec0 === undefined) {
      throw new ElfError("e_phnum is PN_XNUM (0xffff) but there is no section header 0 holding the real count");
    }
    phnum = sec0.info;
  }

  // Program headers.
  if (phnum > 0) {
    if (phentsize < PHDR_SIZE) {
      throw new ElfError(`e_phentsize is ${phentsize}, less than the ${PHDR_SIZE} bytes of an ELF64 program header`);
    }
    if (phoff < BigInt(EHDR_SIZE)) throw new ElfError(`program header table (e_phoff ${hex(phoff)}) overlaps the ELF header`);
    checkTable("program header", phoff, BigInt(phnum), phentsize, len);
  }
  const segments: ElfSegment[] = [];
  const loadIndex: number[] = []; // program header index of each entry of segments
  for (let i = 0; i < phnum; i++) {
    const o = Number(phoff) + i * phentsize;
    const pType = u32(o);
    if (pType === PT_NULL) continue;
    const pFlags = u32(o + 4);
    const offset = u64(o + 8);
    const vaddr = u64(o + 16);
    const paddr = u64(o + 24);
    const filesz = u64(o + 32);
    const memsz = u64(o + 40);
    if (offset + filesz > len) {
      throw new ElfError(
        `segment ${i}: file data [${hex(offset)}, ${hex(offset + filesz)}) extends past end of file (${hex(len)} bytes)`,
      );
    }
    if (pType !== PT_LOAD) continue;
    if (filesz > memsz) throw new ElfError(`segment ${i}: filesz > memsz (${hex(filesz)} > ${hex(memsz)})`);
    if (memsz === 0n) continue;
    if (paddr + memsz > 1n << 64n) {
      throw new ElfError(`segment ${i}: physical range at ${hex(paddr)} with memsz ${hex(memsz)} wraps past 2^64`);
    }
    if (vaddr + memsz > 1n << 64n) {
      throw new ElfError(`segment ${i}: virtual range at ${hex(vaddr)} with memsz ${hex(memsz)} wraps past 2^64`);
    }
    const start = Number(offset);
    segments.push({ paddr, vaddr, data: bytes.subarray(start, start + Number(filesz)), memsz, flags: pFlags & 7 });
    loadIndex.push(i);
  }
  if (segments.length === 0) throw new ElfError("ELF has no loadable segment (no PT_LOAD with memsz > 0)");

  // Each loadable segment with its program-header index, in physical address order.
  const byAddress = segments.map((seg, k) => ({ seg, index: loadIndex[k]! })).sort((a, b) => {
    const d = a.seg.paddr - b.seg.paddr;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  });
  for (let k = 1; k < byAddress.length; k++) {
    const p = byAddress[k - 1]!;
    const c = byAddress[k]!;
    if (p.seg.paddr + p.seg.memsz > c.seg.paddr) {
      // Report the pair in program-header order.
      const [first, second] = p.index < c.index ? [p, c] : [c, p];
      const [a, sa, b, sb] = [first.index, first.seg, second.index, second.seg];
      throw new ElfError(
        `segments ${a} and ${b} overlap in physical memory: ` +
          `[${hex(sa.paddr)}, ${hex(sa.paddr + sa.memsz)}) and [${hex(sb.paddr)}, ${hex(sb.paddr + sb.memsz)})`,
      );
    }
  }

  return {
    entry,
    type: eType === ET_EXEC ? "exec" : "dyn",
    segments,
    symbols: sec0 === undefined ? new Map() : readSymbols(bytes, dv, shoff, Number(shnum), shentsize, len),
    flags: eFlags,
  };
}

/** Throws unless count entries of entsize bytes at off lie within the file. */
function checkTable(what: string, off: bigint, count: bigint, entsize: number, len: bigint): void {
  const es = BigInt(entsize);
  if (off + count * es <= len) return;
  // Name the first entry that does not fit.
  const first = off >= len ? 0n : (len - off) / es;
  throw new ElfError(
    `${what} ${first} extends past end of file (table at ${hex(off)}, ${count} entries of ${entsize} bytes, file ${hex(len)} bytes)`,
  );
}

function readSection(dv: DataView, o: number): Section {
  return {
    type: dv.getUint32(o + 4, true),
    offset: dv.getBigUint64(o + 24, true),
    size: dv.getBigUint64(o + 32, true),
    link: dv.getUint32(o + 40, true),
    info: dv.getUint32(o + 44, true),
    entsize: dv.getBigUint64(o + 56, true),
  };
}

function readSymbols(
  bytes: Uint8Array,
  dv: DataView,
  shoff: bigint,
  shnum: number,
  shentsize: number,
  len: bigint,
): Map<string, bigint> {
  const base = Number(shoff);
  let symtabIndex = -1;
  for (let i = 0; i < shnum; i++) {
    const s = readSection(dv, base + i * shentsize);
    if (s.type === SHT_NULL || s.type === SHT_NOBITS) continue;
    if (s.offset + s.size > len) {
      throw new ElfError(
        `section ${i}: data [${hex(s.offset)}, ${hex(s.offset + s.size)}) extends past end of file (${hex(len)} bytes)`,
      );
    }
    if (s.type === SHT_SYMTAB) {
      if (symtabIndex >= 0) throw new ElfError(`sections ${symtabIndex} and ${i} are both SHT_SYMTAB; at most one is allowed`);
      symtabIndex = i;
    }
  }
  const symbols = new Map<string, bigint>();
  if (symtabIndex < 0) return symbols;

  const st = readSection(dv, base + symtabIndex * shentsize);
  if (st.entsize < BigInt(SYM_SIZE)) {
    throw new ElfError(`symbol table (section ${symtabIndex}): sh_entsize ${st.entsize} is less than ${SYM_SIZE}`);
  }
  if (st.size % st.entsize !== 0n) {
    throw new ElfError(
      `symbol table (section ${symtabIndex}): sh_size ${hex(st.size)} is not a multiple of sh_entsize ${st.entsize}`,
    );
  }
  if (st.link === 0 || st.link >= shnum) {
    throw new ElfError(`symbol table (section ${symtabIndex}): sh_link ${st.link} is not a valid section index`);
  }
  const str = readSection(dv, base + st.link * shentsize);
  if (str.type !== SHT_STRTAB) {
    throw new ElfError(`symbol table (section ${symtabIndex}): sh_link ${st.link} is not a string table (SHT_STRTAB)`);
  }
  const strStart = Number(str.offset);
  const strSize = Number(str.size);
  const decoder = new TextDecoder();
  const count = Number(st.size / st.entsize);
  const entsize = Number(st.entsize);
  const globalName = new Set<string>(); // names already bound to a non-local symbol
  for (let k = 1; k < count; k++) {
    // Symbol 0 is the reserved null symbol.
    const o = Number(st.offset) + k * entsize;
    const name = dv.getUint32(o, true);
    const info = dv.getUint8(o + 4);
    const shndx = dv.getUint16(o + 6, true);
    const value = dv.getBigUint64(o + 8, true);
    if (name >= strSize && !(name === 0 && strSize === 0)) {
      throw new ElfError(`symbol ${k}: name offset ${hex(name)} is past the end of the string table (${hex(strSize)} bytes)`);
    }
    if (name === 0) continue; // unnamed
    const nameStart = strStart + name;
    const nul = bytes.subarray(nameStart, strStart + strSize).indexOf(0);
    if (nul < 0) throw new ElfError(`symbol ${k}: name at string table offset ${hex(name)} is not NUL-terminated`);
    const type = info & 0xf;
    const bind = info >> 4;
    if (shndx === SHN_UNDEF || type === STT_SECTION || type === STT_FILE || nul === 0) continue;
    const s = decoder.decode(bytes.subarray(nameStart, nameStart + nul));
    // RISC-V psABI mapping symbols ($d, $x, $x<isa>) mark code/data boundaries, not objects.
    if (bind === STB_LOCAL && type === STT_NOTYPE && (s === "$d" || s.startsWith("$x"))) continue;
    // A global (or weak) definition wins over same-named locals; otherwise the first one stays.
    if (bind !== STB_LOCAL) {
      if (!globalName.has(s)) {
        globalName.add(s);
        symbols.set(s, value);
      }
    } else if (!symbols.has(s)) {
      symbols.set(s, value);
    }
  }
  return symbols;
}
