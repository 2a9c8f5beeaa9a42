import { describe, expect, it } from "vitest";
import {
  FDT_BEGIN_NODE,
  FDT_END,
  FDT_END_NODE,
  FDT_MAGIC,
  FDT_NOP,
  FDT_PROP,
  FdtBuilder,
  parseFdt,
} from "../../src/formats/fdt.js";

const be32 = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset).getUint32(off);
const be64 = (b: Uint8Array, off: number): bigint => new DataView(b.buffer, b.byteOffset).getBigUint64(off);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

interface RawHeader {
  magic: number;
  totalsize: number;
  offStruct: number;
  offStrings: number;
  offRsv: number;
  version: number;
  lastComp: number;
  bootCpu: number;
  sizeStrings: number;
  sizeStruct: number;
}

function header(b: Uint8Array): RawHeader {
  const f = Array.from({ length: 10 }, (_, i) => be32(b, i * 4));
  return {
    magic: f[0]!,
    totalsize: f[1]!,
    offStruct: f[2]!,
    offStrings: f[3]!,
    offRsv: f[4]!,
    version: f[5]!,
    lastComp: f[6]!,
    bootCpu: f[7]!,
    sizeStrings: f[8]!,
    sizeStruct: f[9]!,
  };
}

/** An independent walk of the structure block: the token offsets and a flat event list. */
function walk(b: Uint8Array): { offsets: number[]; events: string[] } {
  const h = header(b);
  const offsets: number[] = [];
  const events: string[] = [];
  let p = h.offStruct;
  for (;;) {
    offsets.push(p);
    const t = be32(b, p);
    p += 4;
    if (t === FDT_BEGIN_NODE) {
      const end = b.indexOf(0, p);
      events.push(`begin ${text(b.subarray(p, end))}`);
      p = (end + 1 + 3) & ~3;
    } else if (t === FDT_END_NODE) {
      events.push("end");
    } else if (t === FDT_PROP) {
      const len = be32(b, p);
      const nameoff = be32(b, p + 4);
      const nameEnd = b.indexOf(0, h.offStrings + nameoff);
      events.push(`prop ${text(b.subarray(h.offStrings + nameoff, nameEnd))} ${len}`);
      p = (p + 8 + len + 3) & ~3;
    } else if (t === FDT_END) {
      events.push("END");
      expect(p).toBe(h.offStruct + h.sizeStruct);
      return { offsets, events };
    } else {
      throw new Error(`token ${t} at ${p - 4}`);
    }
  }
}

function sample(): FdtBuilder {
  const fdt = new FdtBuilder();
  fdt.beginNode("");
  fdt.propU32("#address-cells", 2);
  fdt.propU32("#size-cells", 2);
  fdt.propString("compatible", "riscv-virtio");
  fdt.beginNode("cpus");
  fdt.propU32("#address-cells", 1);
  fdt.propU32("#size-cells", 0);
  fdt.beginNode("cpu@0");
  fdt.propU32("reg", 0);
  fdt.propString("compatible", "riscv");
  fdt.beginNode("interrupt-controller");
  fdt.propEmpty("interrupt-controller");
  fdt.propPhandle("intc0");
  fdt.endNode();
  fdt.endNode();
  fdt.endNode();
  fdt.beginNode("soc");
  fdt.propU32("#address-cells", 2);
  fdt.beginNode("clint@2000000");
  fdt.propStrings("compatible", ["sifive,clint0", "riscv,clint0"]);
  fdt.propU64s("reg", [0x200_0000n, 0x1_0000]);
  fdt.propCells("interrupts-extended", [fdt.phandle("intc0"), 3, fdt.phandle("intc0"), 7]);
  fdt.propBytes("odd", new Uint8Array([1, 2, 3]));
  fdt.endNode();
  fdt.endNode();
  fdt.endNode();
  return fdt;
}

describe("FdtBuilder: layout", () => {
  const dtb = sample().finish({ bootCpuId: 3, memoryReservations: [{ address: 0x8000_0000n, size: 0x20_0000n }] });
  const h = header(dtb);

  it("writes the v17 header", () => {
    expect(h.magic).toBe(0xd00dfeed);
    expect(h.magic).toBe(FDT_MAGIC);
    expect(h.totalsize).toBe(dtb.length);
    expect(h.version).toBe(17);
    expect(h.lastComp).toBe(16);
    expect(h.bootCpu).toBe(3);
    expect(h.offRsv).toBe(40);
    expect(h.offStruct).toBe(40 + 2 * 16);
    expect(h.offStrings).toBe(h.offStruct + h.sizeStruct);
    expect(h.offStrings + h.sizeStrings).toBe(h.totalsize);
  });

  it("writes the memory reservation block, zero-terminated", () => {
    expect(h.offRsv % 8).toBe(0);
    expect(be64(dtb, 40)).toBe(0x8000_0000n);
    expect(be64(dtb, 48)).toBe(0x20_0000n);
    expect(be64(dtb, 56)).toBe(0n);
    expect(be64(dtb, 64)).toBe(0n);
  });

  it("aligns every token to 4 bytes and pads with zeros", () => {
    const { offsets } = walk(dtb);
    for (const o of offsets) expect(o % 4).toBe(0);
    // "odd" (3 bytes, the last property) is followed by one zero pad byte, then 3 × END_NODE, END.
    const end = h.offStruct + h.sizeStruct;
    expect(Array.from(dtb.subarray(end - 20, end - 16))).toEqual([1, 2, 3, 0]);
  });

  it("emits tokens in order with names and lengths", () => {
    expect(walk(dtb).events).toEqual([
      "begin ",
      "prop #address-cells 4",
      "prop #size-cells 4",
      "prop compatible 13",
      "begin cpus",
      "prop #address-cells 4",
      "prop #size-cells 4",
      "begin cpu@0",
      "prop reg 4",
      "prop compatible 6",
      "begin interrupt-controller",
      "prop interrupt-controller 0",
      "prop phandle 4",
      "end",
      "end",
      "end",
      "begin soc",
      "prop #address-cells 4",
      "begin clint@2000000",
      "prop compatible 27",
      "prop reg 16",
      "prop interrupts-extended 16",
      "prop odd 3",
      "end",
      "end",
      "end",
      "END",
    ]);
  });

  it("stores each property name once in the strings block", () => {
    const strings = text(dtb.subarray(h.offStrings, h.offStrings + h.sizeStrings)).split("\0");
    expect(strings.pop()).toBe(""); // trailing NUL
    expect(strings).toEqual([
      "#address-cells",
      "#size-cells",
      "compatible",
      "reg",
      "interrupt-controller",
      "phandle",
      "interrupts-extended",
      "odd",
    ]);
  });

  it("encodes values big-endian", () => {
    const { root } = parseFdt(dtb);
    const clint = root.find("/soc/clint@2000000")!;
    const reg = clint.prop("reg")!;
    expect(Array.from(reg)).toEqual([0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(Array.from(root.prop("#size-cells")!)).toEqual([0, 0, 0, 2]);
    expect(Array.from(clint.prop("compatible")!.subarray(0, 14))).toEqual([...new TextEncoder().encode("sifive,clint0"), 0]);
  });

  it("extraSpace adds zeroed bytes counted in totalsize", () => {
    const a = sample().finish();
    const b = sample().finish({ extraSpace: 64 });
    expect(b.length).toBe(a.length + 64);
    expect(header(b).totalsize).toBe(b.length);
    expect(Array.from(b.subarray(a.length))).toEqual(new Array(64).fill(0));
    expect(Array.from(b.subarray(0, 4))).toEqual(Array.from(a.subarray(0, 4)));
    expect(parseFdt(b).root.find("/soc/clint@2000000")).toBeDefined();
  });
});

describe("FdtBuilder → parseFdt round trip", () => {
  it("reproduces nodes, properties, phandles and reservations", () => {
    const dtb = sample().finish({ bootCpuId: 3, memoryReservations: [{ address: 0x8000_0000n, size: 0x20_0000n }] });
    const { header: h, memoryReservations, root } = parseFdt(dtb);
    expect(h.version).toBe(17);
    expect(h.bootCpuId).toBe(3);
    expect(memoryReservations).toEqual([{ address: 0x8000_0000n, size: 0x20_0000n }]);
    expect(root.name).toBe("");
    expect(root.children.map((c) => c.name)).toEqual(["cpus", "soc"]);
    expect(root.u32("#address-cells")).toBe(2);
    expect(root.string("compatible")).toBe("riscv-virtio");
    const intc = root.find("/cpus/cpu@0/interrupt-controller")!;
    expect(intc.path).toBe("/cpus/cpu@0/interrupt-controller");
    expect(intc.prop("interrupt-controller")!.length).toBe(0);
    expect(intc.u32("phandle")).toBe(1);
    const clint = root.find("soc/clint@2000000")!;
    expect(clint.strings("compatible")).toEqual(["sifive,clint0", "riscv,clint0"]);
    expect(clint.u64s("reg")).toEqual([0x200_0000n, 0x1_0000n]);
    expect(clint.cells("reg")).toEqual([0, 0x200_0000, 0, 0x1_0000]);
    expect(clint.cells("interrupts-extended")).toEqual([1, 3, 1, 7]);
    expect(Array.from(clint.prop("odd")!)).toEqual([1, 2, 3]);
  });

  it("round-trips edge values", () => {
    const fdt = new FdtBuilder();
    fdt.beginNode("");
    fdt.propU32("max", 0xffff_ffff);
    fdt.propU64("big", 0xffff_ffff_ffff_ffffn);
    fdt.propU64s("mix", [0, 2 ** 53 - 1, 0x1_0000_0000n]);
    fdt.propCells("none", []);
    fdt.propString("empty", "");
    fdt.propStrings("list", ["a", "", "bc"]);
    fdt.propString("utf8", "é");
    fdt.beginNode("n@0,1");
    fdt.endNode();
    fdt.beginNode("n@1");
    fdt.endNode();
    fdt.endNode();
    const { root, memoryReservations } = parseFdt(fdt.finish());
    expect(memoryReservations).toEqual([]);
    expect(root.u32("max")).toBe(0xffff_ffff);
    expect(root.u64s("big")).toEqual([0xffff_ffff_ffff_ffffn]);
    expect(root.u64s("mix")).toEqual([0n, 2n ** 53n - 1n, 0x1_0000_0000n]);
    expect(root.prop("none")!.length).toBe(0);
    expect(root.string("empty")).toBe("");
    expect(root.strings("list")).toEqual(["a", "", "bc"]);
    expect(root.string("utf8")).toBe("é");
    expect(root.children.map((c) => c.name)).toEqual(["n@0,1", "n@1"]);
  });

  it("allocates phandles in first-use order, references may precede the node", () => {
    const fdt = new FdtBuilder();
    fdt.beginNode("");
    fdt.propU32("ref", fdt.phandle("b")); // forward reference
    fdt.beginNode("a");
    fdt.propPhandle("a");
    fdt.endNode();
    fdt.beginNode("b");
    fdt.propPhandle("b");
    fdt.endNode();
    fdt.endNode();
    expect(fdt.phandle("a")).toBe(2);
    const { root } = parseFdt(fdt.finish());
    expect(root.u32("ref")).toBe(1);
    expect(root.find("/b")!.u32("phandle")).toBe(1);
    expect(root.find("/a")!.u32("phandle")).toBe(2);
  });

  it("parser skips FDT_NOP tokens", () => {
    const fdt = new FdtBuilder();
    fdt.beginNode("");
    fdt.propU32("x", 5);
    fdt.propU32("y", 6);
    fdt.endNode();
    const dtb = fdt.finish();
    const h = header(dtb);
    // Overwrite the first property (token + len + nameoff + value = 16 bytes) with 4 NOPs.
    const at = h.offStruct + 8; // after FDT_BEGIN_NODE and the empty root name (padded to 4)
    const v = new DataView(dtb.buffer);
    expect(v.getUint32(at)).toBe(FDT_PROP);
    for (let i = 0; i < 4; i++) v.setUint32(at + i * 4, FDT_NOP);
    const { root } = parseFdt(dtb);
    expect(root.has("x")).toBe(false);
    expect(root.u32("y")).toBe(6);
  });
});

describe("FdtBuilder: errors", () => {
  const open = (): FdtBuilder => new FdtBuilder().beginNode("");

  it("rejects a non-root first node and a second root", () => {
    expect(() => new FdtBuilder().beginNode("cpus")).toThrow(/first node must be the root/);
    const fdt = open();
    fdt.endNode();
    expect(() => fdt.beginNode("")).toThrow(/already closed/);
  });

  it("rejects unbalanced begin/end", () => {
    expect(() => new FdtBuilder().endNode()).toThrow(/without a matching beginNode/);
    expect(() => open().beginNode("cpus").finish()).toThrow(/unbalanced tree: 2 node\(s\) still open \(innermost \/cpus\)/);
    expect(() => new FdtBuilder().finish()).toThrow(/no root node/);
    const fdt = open();
    fdt.endNode();
    expect(() => fdt.endNode()).toThrow(/without a matching beginNode/);
  });

  it("rejects bad node names", () => {
    for (const bad of ["", "1cpu", "a b", "cpu@", "x".repeat(32), "cpu/0", "cpu@0@1", "ünï"]) {
      expect(() => open().beginNode(bad), bad).toThrow(/invalid node name/);
    }
    for (const good of ["cpu@0", "x".repeat(31), "virtio_mmio@10001000", "a,b.c_d+e-f", "n@0,1"]) {
      expect(() => open().beginNode(good), good).not.toThrow();
    }
  });

  it("rejects bad property names and duplicates", () => {
    for (const bad of ["", "a b", "x".repeat(32), "a/b", "a@b"]) {
      expect(() => open().propEmpty(bad), bad).toThrow(/invalid property name/);
    }
    expect(() => open().propEmpty("#address-cells?,._+-")).not.toThrow();
    expect(() => open().propU32("reg", 1).propU32("reg", 2)).toThrow(/duplicate property "reg" in \//);
    expect(() => open().beginNode("a").endNode().beginNode("a")).toThrow(/duplicate node \/a/);
  });

  it("rejects a property outside a node or after a child", () => {
    expect(() => new FdtBuilder().propU32("x", 1)).toThrow(/outside any node/);
    expect(() => open().beginNode("a").endNode().propU32("x", 1)).toThrow(/after a child node/);
  });

  it("rejects values out of range", () => {
    expect(() => open().propU32("x", -1)).toThrow(/not a u32/);
    expect(() => open().propU32("x", 2 ** 32)).toThrow(/not a u32/);
    expect(() => open().propCells("x", [1, 1.5])).toThrow(/cell 1: 1.5 is not a u32/);
    expect(() => open().propU64("x", -1n)).toThrow(/not a u64/);
    expect(() => open().propU64("x", 1n << 64n)).toThrow(/not a u64/);
    expect(() => open().propU64("x", 2 ** 53)).toThrow(/pass a bigint/);
    expect(() => open().propString("x", "a\0b")).toThrow(/NUL/);
    expect(() => open().propStrings("x", [])).toThrow(/empty string list/);
  });

  it("rejects phandle misuse", () => {
    const dangling = open();
    dangling.propU32("ref", dangling.phandle("nobody"));
    dangling.endNode();
    expect(() => dangling.finish()).toThrow(/phandle "nobody" is referenced but no node has it/);
    const twice = open().beginNode("a").propPhandle("x").endNode().beginNode("b");
    expect(() => twice.propPhandle("x")).toThrow(/already belongs to \/a/);
  });

  it("rejects bad finish options and reuse", () => {
    const done = (): FdtBuilder => open().endNode();
    expect(() => done().finish({ memoryReservations: [{ address: 0x1000n, size: 0n }] })).toThrow(/size 0/);
    expect(() => done().finish({ bootCpuId: -1 })).toThrow(/bootCpuId/);
    expect(() => done().finish({ extraSpace: 1.5 })).toThrow(/extraSpace/);
    const fdt = done();
    fdt.finish();
    expect(() => fdt.finish()).toThrow(/already finished/);
    expect(() => fdt.beginNode("x")).toThrow(/already finished/);
  });
});

describe("parseFdt: malformed blobs", () => {
  const good = (): Uint8Array => sample().finish();
  const patch32 = (b: Uint8Array, off: number, v: number): Uint8Array => {
    new DataView(b.buffer).setUint32(off, v);
    return b;
  };

  it("rejects bad headers", () => {
    expect(() => parseFdt(new Uint8Array(39))).toThrow(/shorter than the header/);
    expect(() => parseFdt(patch32(good(), 0, 0xfeedd00d))).toThrow(/magic 0xfeedd00d/);
    expect(() => parseFdt(patch32(good(), 20, 15))).toThrow(/version 15/);
    expect(() => parseFdt(patch32(good(), 24, 18))).toThrow(/last compatible 18/);
    expect(() => parseFdt(good().subarray(0, 100))).toThrow(/totalsize/);
    expect(() => parseFdt(patch32(good(), 36, 100_000))).toThrow(/structure block/);
    expect(() => parseFdt(patch32(good(), 8, header(good()).offStruct + 2))).toThrow(/not 4-byte aligned|outside/);
  });

  it("rejects bad structure blocks", () => {
    const b = good();
    const h = header(b);
    // First property's nameoff → past the strings block.
    expect(() => parseFdt(patch32(good(), h.offStruct + 8 + 8, h.sizeStrings + 5))).toThrow(/outside the strings block/);
    // Unknown token in place of the first property.
    expect(() => parseFdt(patch32(good(), h.offStruct + 8, 7))).toThrow(/unknown token 0x7/);
    // Drop the FDT_END (shrink size_dt_struct by 4).
    expect(() => parseFdt(patch32(good(), 36, h.sizeStruct - 4))).toThrow(/without FDT_END/);
    // Replace the last FDT_END_NODE by FDT_END: a node is still open.
    expect(() => parseFdt(patch32(good(), h.offStruct + h.sizeStruct - 8, FDT_END))).toThrow(/FDT_END with 1 node/);
    // A bad node name.
    const named = new FdtBuilder().beginNode("").beginNode("ok").endNode().endNode().finish();
    const at = named.indexOf(0x6f /* o */, header(named).offStruct);
    named[at] = 0x31; // "1k": starts with a digit
    expect(() => parseFdt(named)).toThrow(/invalid node name "1k"/);
  });
});
