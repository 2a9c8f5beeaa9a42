import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { ElfError, isElf, parseElf, PF_R, PF_W, PF_X, EF_RISCV_RVC } from "../../src/formats/elf.js";
import { ascii, build, PT_NOTE, w16, w32, w64, type Built } from "../helpers/elf.js";

const TEXT = Uint8Array.from([0x93, 0x02, 0x10, 0x00, 0x73, 0x00, 0x10, 0x00]); // li t0,1; ebreak
const DATA = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

/** The reference image: text, data + BSS, and a symbol table with tohost/fromhost. */
function valid(): Built {
  return build({
    entry: 0x8000_0000n,
    flags: EF_RISCV_RVC | 0x4,
    segments: [
      { paddr: 0x8000_0000n, data: TEXT, flags: PF_R | PF_X },
      { paddr: 0x8000_1000n, data: DATA, memsz: 0x2000n, flags: PF_R | PF_W },
    ],
    symbols: [
      { name: "_start", value: 0x8000_0000n, type: 2 },
      { name: "tohost", value: 0x8000_1000n },
      { name: "fromhost", value: 0x8000_1040n },
      { name: "counter", value: 0x8000_1100n, bind: 0 },
      { name: "main.c", value: 0n, bind: 0, type: 4, shndx: 0xfff1 },
      { name: ".text", value: 0x8000_0000n, bind: 0, type: 3 },
      { name: "puts", value: 0n, shndx: 0 },
      { name: "dup", value: 0x10n, bind: 0 },
      { name: "dup", value: 0x20n, bind: 1 },
      { name: "dup", value: 0x30n, bind: 0 },
      { name: "$xrv64i2p1_c2p0", value: 0x8000_0000n, bind: 0, type: 0 },
      { name: "$d", value: 0x8000_1000n, bind: 0, type: 0 },
    ],
  });
}

const ph = (b: Built, i: number, field: number) => b.phoff + i * 56 + field;
const sh = (b: Built, i: number, field: number) => b.shoff + i * 64 + field;

function expectElfError(bytes: Uint8Array, fragment: string): void {
  let err: unknown;
  try {
    parseElf(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ElfError);
  expect((err as Error).message).toContain(fragment);
}

// ---------------------------------------------------------------------------------------------

describe("isElf", () => {
  it("tells ELF from a raw image by the magic alone", () => {
    expect(isElf(valid().bytes)).toBe(true);
    expect(isElf(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46]))).toBe(true);
    expect(isElf(Uint8Array.from([0x7f, 0x45, 0x4c]))).toBe(false);
    expect(isElf(new Uint8Array(0))).toBe(false);
    // A RISC-V Linux Image starts with code, then "RISCV\0\0\0" at 0x30 and "RSC\x05" at 0x38.
    const image = new Uint8Array(64);
    image.set([0x4d, 0x5a, 0x6f, 0x10]);
    expect(isElf(image)).toBe(false);
  });
});

describe("parseElf: valid images", () => {
  it("parses two segments, BSS and the symbol table", () => {
    const b = valid();
    const elf = parseElf(b.bytes);
    expect(elf.entry).toBe(0x8000_0000n);
    expect(elf.type).toBe("exec");
    expect(elf.flags).toBe(EF_RISCV_RVC | 0x4);
    expect(elf.segments).toHaveLength(2);
    const [text, data] = elf.segments;
    if (!text || !data) throw new Error("two segments expected");
    expect(text).toMatchObject({ paddr: 0x8000_0000n, vaddr: 0x8000_0000n, memsz: 8n, flags: PF_R | PF_X });
    expect([...text.data]).toEqual([...TEXT]);
    expect(data).toMatchObject({ paddr: 0x8000_1000n, memsz: 0x2000n, flags: PF_R | PF_W });
    expect([...data.data]).toEqual([...DATA]);
    // data is a view into the input, not a copy
    expect(data.data.buffer).toBe(b.bytes.buffer);
    expect(data.data.byteOffset).toBe(b.segOffsets[1]);
  });

  it("keeps defined symbols; drops undefined, section, file and mapping symbols; globals win", () => {
    const { symbols } = parseElf(valid().bytes);
    expect(symbols.get("tohost")).toBe(0x8000_1000n);
    expect(symbols.get("fromhost")).toBe(0x8000_1040n);
    expect(symbols.get("_start")).toBe(0x8000_0000n);
    expect(symbols.get("counter")).toBe(0x8000_1100n);
    expect(symbols.get("dup")).toBe(0x20n);
    expect(symbols.has("puts")).toBe(false);
    expect(symbols.has("main.c")).toBe(false);
    expect(symbols.has(".text")).toBe(false);
    expect(symbols.has("")).toBe(false);
    expect(symbols.has("$d")).toBe(false);
    expect(symbols.has("$xrv64i2p1_c2p0")).toBe(false);
    expect(symbols.size).toBe(5);
  });

  it("accepts ET_DYN, an image without section headers, and reads through a subarray", () => {
    const b = build({ type: 3, entry: 0x40n, segments: [{ paddr: 0n, data: TEXT, flags: PF_R | PF_X }] });
    const elf = parseElf(b.bytes);
    expect(elf.type).toBe("dyn");
    expect(elf.entry).toBe(0x40n);
    expect(elf.symbols.size).toBe(0);

    const v = valid().bytes;
    const padded = new Uint8Array(v.length + 13);
    padded.set(v, 5);
    const sub = parseElf(padded.subarray(5, 5 + v.length));
    expect(sub.symbols.get("tohost")).toBe(0x8000_1000n);
    expect([...sub.segments[1]!.data]).toEqual([...DATA]);
  });

  it("refuses an odd entry point: no RISC-V hart can start there", () => {
    const b = build({ entry: 0x8000_0201n, segments: [{ paddr: 0x8000_0000n, data: TEXT, flags: PF_R | PF_X }] });
    expect(() => parseElf(b.bytes)).toThrow(ElfError);
    expect(() => parseElf(b.bytes)).toThrow("entry point 0x80000201 is odd: RISC-V instructions are 2-byte aligned");
  });

  it("skips non-PT_LOAD headers and empty PT_LOADs, and masks p_flags to RWX", () => {
    const b = build({
      segments: [
        { type: 0, paddr: 0n, data: new Uint8Array(0) }, // PT_NULL
        { type: PT_NOTE, paddr: 0n, data: Uint8Array.from([1, 2, 3, 4]) },
        { paddr: 0x9000_0000n, data: new Uint8Array(0), memsz: 0n },
        { paddr: 0x8000_0000n, vaddr: 0xffff_ffff_8000_0000n, data: TEXT, flags: 0xf000_0000 | PF_X | PF_R },
        { paddr: 0x8000_0008n, data: new Uint8Array(0), memsz: 0x100n, flags: PF_R | PF_W }, // pure BSS, adjacent
      ],
    });
    const elf = parseElf(b.bytes);
    expect(elf.segments.map((s) => s.paddr)).toEqual([0x8000_0000n, 0x8000_0008n]);
    expect(elf.segments[0]!.vaddr).toBe(0xffff_ffff_8000_0000n);
    expect(elf.segments[0]!.flags).toBe(PF_X | PF_R);
    expect(elf.segments[1]!.data.length).toBe(0);
  });

  it("supports extended numbering (PN_XNUM and e_shnum = 0 with the counts in section 0)", () => {
    const b = valid();
    w16(b.bytes, 56, 0xffff); // e_phnum = PN_XNUM
    w16(b.bytes, 60, 0); // e_shnum = 0
    w64(b.bytes, sh(b, 0, 32), 4n); // section 0 sh_size = real e_shnum
    w32(b.bytes, sh(b, 0, 44), 2); // section 0 sh_info = real e_phnum
    const elf = parseElf(b.bytes);
    expect(elf.segments).toHaveLength(2);
    expect(elf.symbols.get("tohost")).toBe(0x8000_1000n);
  });
});

describe("parseElf: ELF header errors", () => {
  it("bad magic", () => {
    expectElfError(new Uint8Array(0), "not an ELF file (bad magic)");
    expectElfError(ascii("MZ\x90\x00 raw Image bytes............................................"), "not an ELF file (bad magic)");
  });
  it("truncated header", () => {
    expectElfError(valid().bytes.subarray(0, 10), "ELF header truncated: file is 10 bytes");
    expectElfError(valid().bytes.subarray(0, 63), "ELF header truncated: file is 63 bytes, an ELF64 header needs 64");
  });
  it("class", () => {
    const b = valid().bytes;
    b[4] = 1;
    expectElfError(b, "ELF is 32-bit (ELFCLASS32); rvisor runs RV64 guests");
    b[4] = 3;
    expectElfError(b, "ELF class 3 is invalid (expected ELFCLASS64 = 2)");
  });
  it("data encoding", () => {
    const b = valid().bytes;
    b[5] = 2;
    expectElfError(b, "ELF is big-endian (ELFDATA2MSB)");
    b[5] = 0;
    expectElfError(b, "ELF data encoding 0 is invalid (expected ELFDATA2LSB = 1)");
  });
  it("versions", () => {
    const b = valid().bytes;
    b[6] = 0;
    expectElfError(b, "ELF ident version 0 is unsupported");
    b[6] = 1;
    w32(b, 20, 2);
    expectElfError(b, "ELF version 2 is unsupported (expected EV_CURRENT = 1)");
  });
  it("machine", () => {
    const b = valid().bytes;
    w16(b, 18, 62);
    expectElfError(b, "ELF machine is x86-64 (62), not RISC-V (243)");
    w16(b, 18, 183);
    expectElfError(b, "ELF machine is AArch64 (183), not RISC-V (243)");
    w16(b, 18, 9999);
    expectElfError(b, "ELF machine is 9999, not RISC-V (243)");
  });
  it("type", () => {
    const b = valid().bytes;
    w16(b, 16, 1);
    expectElfError(b, "ELF is a relocatable object (ET_REL = 1); rvisor loads executables (ET_EXEC)");
    w16(b, 16, 4);
    expectElfError(b, "ELF is a core dump (ET_CORE = 4)");
    w16(b, 16, 0);
    expectElfError(b, "ELF is no file type (ET_NONE = 0)");
    w16(b, 16, 0xfe00);
    expectElfError(b, "ELF is of unknown type 65024");
  });
  it("e_ehsize", () => {
    const b = valid().bytes;
    w16(b, 52, 52);
    expectElfError(b, "e_ehsize is 52, less than the 64 bytes of an ELF64 header");
  });
});

describe("parseElf: program header errors", () => {
  it("e_phentsize too small", () => {
    const b = valid().bytes;
    w16(b, 54, 32);
    expectElfError(b, "e_phentsize is 32, less than the 56 bytes of an ELF64 program header");
  });
  it("program header table overlapping the ELF header", () => {
    const b = valid().bytes;
    w64(b, 32, 8n);
    expectElfError(b, "program header table (e_phoff 0x8) overlaps the ELF header");
  });
  it("program header past end of file", () => {
    const b = valid().bytes;
    w16(b, 56, 3); // three headers, with the table moved towards the end of the file
    w64(b, 32, BigInt(b.length - 56 - 10));
    expectElfError(b, "program header 1 extends past end of file");
    w64(b, 32, BigInt(b.length - 2 * 56));
    expectElfError(b, "program header 2 extends past end of file");
    w64(b, 32, 0xffff_ffff_ffff_fff0n); // offset + size would overflow 64 bits
    expectElfError(b, "program header 0 extends past end of file");
  });
  it("huge extended e_phnum", () => {
    const b = valid();
    w16(b.bytes, 56, 0xffff);
    w32(b.bytes, sh(b, 0, 44), 0xffff_ffff);
    expectElfError(b.bytes, "extends past end of file (table at 0x40, 4294967295 entries of 56 bytes");
  });
  it("PN_XNUM without section headers", () => {
    const b = build({ segments: [{ paddr: 0n, data: TEXT }] }).bytes;
    w16(b, 56, 0xffff);
    expectElfError(b, "e_phnum is PN_XNUM (0xffff) but there is no section header 0");
  });
  it("segment data past end of file", () => {
    const b = valid();
    w64(b.bytes, ph(b, 1, 8), BigInt(b.bytes.length - 4));
    expectElfError(b.bytes, "segment 1: file data [");
    expectElfError(b.bytes, "extends past end of file");
    w64(b.bytes, ph(b, 1, 8), 0xffff_ffff_ffff_fffcn); // would wrap in 64-bit arithmetic
    expectElfError(b.bytes, "segment 1: file data [0xfffffffffffffffc, 0x10000000000000008) extends past end of file");
  });
  it("non-PT_LOAD data past end of file", () => {
    const b = build({ segments: [{ paddr: 0n, data: TEXT }, { type: PT_NOTE, paddr: 0n, data: TEXT }] });
    w64(b.bytes, ph(b, 1, 32), 0x1_0000n);
    expectElfError(b.bytes, "segment 1: file data");
  });
  it("filesz > memsz", () => {
    const b = valid();
    w64(b.bytes, ph(b, 1, 40), 4n);
    expectElfError(b.bytes, "segment 1: filesz > memsz (0xc > 0x4)");
  });
  it("address ranges wrapping past 2^64", () => {
    const b = valid();
    w64(b.bytes, ph(b, 1, 24), 0xffff_ffff_ffff_f000n);
    expectElfError(b.bytes, "segment 1: physical range at 0xfffffffffffff000 with memsz 0x2000 wraps past 2^64");
    w64(b.bytes, ph(b, 1, 24), 0x8000_1000n);
    w64(b.bytes, ph(b, 1, 16), 0xffff_ffff_ffff_f000n);
    expectElfError(b.bytes, "segment 1: virtual range at 0xfffffffffffff000 with memsz 0x2000 wraps past 2^64");
  });
  it("no loadable segment", () => {
    const none = "ELF has no loadable segment (no PT_LOAD with memsz > 0)";
    const b = valid();
    w32(b.bytes, ph(b, 0, 0), PT_NOTE);
    w32(b.bytes, ph(b, 1, 0), PT_NOTE);
    expectElfError(b.bytes, none);
    expectElfError(build({ segments: [{ paddr: 0n, data: new Uint8Array(0), memsz: 0n }] }).bytes, none);
    expectElfError(build({ segments: [] }).bytes, none);
  });
  it("segments overlapping in physical memory", () => {
    const b = build({
      segments: [
        { paddr: 0x8000_2000n, data: TEXT, memsz: 0x1000n },
        { paddr: 0x8000_0000n, data: TEXT },
        { paddr: 0x8000_2800n, data: TEXT }, // inside segment 0
      ],
    });
    expectElfError(
      b.bytes,
      "segments 0 and 2 overlap in physical memory: [0x80002000, 0x80003000) and [0x80002800, 0x80002808)",
    );
    // the same virtual addresses at distinct physical ones are fine
    w64(b.bytes, ph(b, 2, 24), 0x8000_3000n);
    expect(parseElf(b.bytes).segments).toHaveLength(3);
  });
});

describe("parseElf: section and symbol errors", () => {
  it("e_shentsize too small", () => {
    const b = valid().bytes;
    w16(b, 58, 40);
    expectElfError(b, "e_shentsize is 40, less than the 64 bytes of an ELF64 section header");
  });
  it("e_shnum without a table", () => {
    const b = valid().bytes;
    w64(b, 40, 0n);
    expectElfError(b, "e_shnum is 4 but e_shoff is 0 (no section header table)");
  });
  it("section header table overlapping the ELF header", () => {
    const b = valid().bytes;
    w64(b, 40, 16n);
    expectElfError(b, "section header table (e_shoff 0x10) overlaps the ELF header");
  });
  it("section header past end of file", () => {
    const b = valid();
    expectElfError(b.bytes.subarray(0, b.bytes.length - 1), "section header 3 extends past end of file");
    w16(b.bytes, 60, 200);
    expectElfError(b.bytes, "section header 4 extends past end of file");
  });
  it("extended e_shnum of zero", () => {
    const b = valid();
    w16(b.bytes, 60, 0);
    expectElfError(b.bytes, "e_shnum is 0 and section header 0 gives no extended count (sh_size 0)");
  });
  it("section data past end of file", () => {
    const b = valid();
    w64(b.bytes, sh(b, 3, 32), 0x10_0000n);
    expectElfError(b.bytes, "section 3: data [");
    w64(b.bytes, sh(b, 3, 32), 1n);
    w64(b.bytes, sh(b, 3, 24), 0xffff_ffff_ffff_ffffn);
    expectElfError(b.bytes, "section 3: data [0xffffffffffffffff, 0x10000000000000000) extends past end of file");
  });
  it("two symbol tables", () => {
    const b = valid();
    w32(b.bytes, sh(b, 3, 4), 2);
    expectElfError(b.bytes, "sections 1 and 3 are both SHT_SYMTAB; at most one is allowed");
  });
  it("symbol entry size", () => {
    const b = valid();
    w64(b.bytes, sh(b, 1, 56), 16n);
    expectElfError(b.bytes, "symbol table (section 1): sh_entsize 16 is less than 24");
    w64(b.bytes, sh(b, 1, 56), 24n);
    w64(b.bytes, sh(b, 1, 32), 24n * 3n + 5n);
    expectElfError(b.bytes, "symbol table (section 1): sh_size 0x4d is not a multiple of sh_entsize 24");
  });
  it("symbol table link", () => {
    const b = valid();
    w32(b.bytes, sh(b, 1, 40), 0);
    expectElfError(b.bytes, "symbol table (section 1): sh_link 0 is not a valid section index");
    w32(b.bytes, sh(b, 1, 40), 4);
    expectElfError(b.bytes, "symbol table (section 1): sh_link 4 is not a valid section index");
    w32(b.bytes, sh(b, 1, 40), 1);
    expectElfError(b.bytes, "symbol table (section 1): sh_link 1 is not a string table (SHT_STRTAB)");
  });
  it("symbol name offset past the string table", () => {
    const b = valid();
    w32(b.bytes, b.symtabOff + 2 * 24, b.strtabSize);
    expectElfError(b.bytes, `symbol 2: name offset 0x${b.strtabSize.toString(16)} is past the end of the string table`);
  });
  it("symbol name not NUL-terminated", () => {
    const b = valid();
    b.bytes[b.strtabOff + b.strtabSize - 1] = 0x41; // last name ("$d") loses its NUL
    const lastName = b.strtabSize - 3;
    expectElfError(b.bytes, `symbol 12: name at string table offset 0x${lastName.toString(16)} is not NUL-terminated`);
  });
});

describe("parseElf: robustness", () => {
  it("throws only ElfError on truncated and corrupted images, never reads past the end", () => {
    const base = valid().bytes;
    for (let n = 0; n < base.length; n++) {
      try {
        parseElf(base.slice(0, n));
      } catch (e) {
        expect(e).toBeInstanceOf(ElfError);
      }
    }
    let seed = 0x12345678;
    const rnd = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    for (let iter = 0; iter < 3000; iter++) {
      const b = base.slice();
      const flips = 1 + (rnd() % 4);
      for (let k = 0; k < flips; k++) {
        // Bias towards the headers and tables, where the offsets live.
        const at = rnd() % 2 ? rnd() % 0x100 : rnd() % b.length;
        b[at] = rnd() & 0xff;
      }
      try {
        parseElf(b);
      } catch (e) {
        expect(e).toBeInstanceOf(ElfError);
      }
    }
  });
});

// Real images built by guests/Makefile (riscv64-unknown-elf-gcc), when any are present.
const guestsDir = fileURLToPath(new URL("../../guests", import.meta.url));
const guestElfs = (() => {
  try {
    return readdirSync(guestsDir, { recursive: true, encoding: "utf8" })
      .filter((p) => p.endsWith(".elf"))
      .sort();
  } catch {
    return [];
  }
})();

describe("parseElf: real guest images", () => {
  it.skipIf(guestElfs.length === 0)("parses every guests/**/*.elf", () => {
    for (const rel of guestElfs) {
      const elf = parseElf(new Uint8Array(readFileSync(join(guestsDir, rel))));
      expect(elf.segments.length, rel).toBeGreaterThan(0);
      const inSomeSegment = elf.segments.some((s) => elf.entry >= s.vaddr && elf.entry < s.vaddr + s.memsz);
      expect(inSomeSegment, `${rel}: entry inside a segment`).toBe(true);
      if (elf.symbols.has("tohost")) expect(elf.symbols.get("tohost")! % 8n, rel).toBe(0n);
    }
  });
});
