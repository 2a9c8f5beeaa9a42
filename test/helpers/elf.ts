// A small ELF64 writer for tests: header, program headers, segment data, then (optionally)
// .symtab, .strtab and .shstrtab with their section headers. Returns the bytes and where things
// landed so that malformed variants can patch individual fields.

import { PF_R } from "../../src/formats/elf.js";

export interface SegSpec {
  type?: number;
  flags?: number;
  paddr: bigint;
  vaddr?: bigint;
  data: Uint8Array;
  memsz?: bigint;
}

export interface SymSpec {
  name: string;
  value: bigint;
  bind?: number; // 0 local, 1 global, 2 weak
  type?: number; // 0 notype, 1 object, 2 func, 3 section, 4 file
  shndx?: number;
}

export interface BuildSpec {
  type?: number;
  machine?: number;
  entry?: bigint;
  flags?: number;
  segments: SegSpec[];
  symbols?: SymSpec[]; // undefined: no section headers at all
}

export interface Built {
  bytes: Uint8Array;
  phoff: number;
  segOffsets: number[];
  shoff: number;
  symtabOff: number;
  strtabOff: number;
  strtabSize: number;
}

export const PT_LOAD = 1;
export const PT_NOTE = 4;

export function w16(b: Uint8Array, o: number, v: number): void {
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint16(o, v, true);
}
export function w32(b: Uint8Array, o: number, v: number): void {
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(o, v, true);
}
export function w64(b: Uint8Array, o: number, v: bigint): void {
  new DataView(b.buffer, b.byteOffset, b.byteLength).setBigUint64(o, v, true);
}
export const align8 = (n: number) => (n + 7) & ~7;
export const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

export function build(spec: BuildSpec): Built {
  const phoff = 64;
  let off = phoff + spec.segments.length * 56;
  const segOffsets: number[] = [];
  for (const s of spec.segments) {
    off = align8(off);
    segOffsets.push(off);
    off += s.data.length;
  }

  // String table: "\0" then each name; symbol table starts with the null symbol.
  let strtab = [0];
  const nameOff: number[] = [];
  for (const sym of spec.symbols ?? []) {
    nameOff.push(strtab.length);
    strtab = strtab.concat([...ascii(sym.name), 0]);
  }
  const shstr = ascii("\0.symtab\0.strtab\0.shstrtab\0");
  const hasSections = spec.symbols !== undefined;
  const nsyms = (spec.symbols?.length ?? 0) + 1;
  let symtabOff = 0;
  let strtabOff = 0;
  let shstrOff = 0;
  let shoff = 0;
  if (hasSections) {
    symtabOff = align8(off);
    strtabOff = symtabOff + nsyms * 24;
    shstrOff = strtabOff + strtab.length;
    shoff = align8(shstrOff + shstr.length);
    off = shoff + 4 * 64;
  }

  const b = new Uint8Array(off);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  w16(b, 16, spec.type ?? 2);
  w16(b, 18, spec.machine ?? 243);
  w32(b, 20, 1);
  w64(b, 24, spec.entry ?? 0x8000_0000n);
  w64(b, 32, BigInt(phoff));
  w64(b, 40, BigInt(shoff));
  w32(b, 48, spec.flags ?? 0);
  w16(b, 52, 64);
  w16(b, 54, 56);
  w16(b, 56, spec.segments.length);
  w16(b, 58, 64);
  w16(b, 60, hasSections ? 4 : 0);
  w16(b, 62, hasSections ? 3 : 0);

  spec.segments.forEach((s, i) => {
    const p = phoff + i * 56;
    w32(b, p, s.type ?? PT_LOAD);
    w32(b, p + 4, s.flags ?? PF_R);
    w64(b, p + 8, BigInt(segOffsets[i]!));
    w64(b, p + 16, s.vaddr ?? s.paddr);
    w64(b, p + 24, s.paddr);
    w64(b, p + 32, BigInt(s.data.length));
    w64(b, p + 40, s.memsz ?? BigInt(s.data.length));
    w64(b, p + 48, 0x1000n);
    b.set(s.data, segOffsets[i]);
  });

  if (hasSections) {
    (spec.symbols ?? []).forEach((sym, k) => {
      const o = symtabOff + (k + 1) * 24;
      w32(b, o, nameOff[k]!);
      b[o + 4] = ((sym.bind ?? 1) << 4) | (sym.type ?? 1);
      w16(b, o + 6, sym.shndx ?? 1);
      w64(b, o + 8, sym.value);
    });
    b.set(strtab, strtabOff);
    b.set(shstr, shstrOff);
    const sh = (i: number, name: number, type: number, o: number, size: number, link: number, entsize: number) => {
      const p = shoff + i * 64;
      w32(b, p, name);
      w32(b, p + 4, type);
      w64(b, p + 24, BigInt(o));
      w64(b, p + 32, BigInt(size));
      w32(b, p + 40, link);
      w64(b, p + 56, BigInt(entsize));
    };
    sh(1, 1, 2, symtabOff, nsyms * 24, 2, 24); // .symtab -> .strtab
    sh(2, 9, 3, strtabOff, strtab.length, 0, 0); // .strtab
    sh(3, 17, 3, shstrOff, shstr.length, 0, 0); // .shstrtab
  }
  return { bytes: b, phoff, segOffsets, shoff, symtabOff, strtabOff, strtabSize: strtab.length };
}
