// Flattened device tree (DTB) writer and reader, written from the Devicetree Specification v0.4,
// chapter 5 ("Flattened Devicetree (DTB) Format"). No Node built-ins: runs in browsers too.
//
// Blob layout produced by FdtBuilder.finish() (all integers big-endian):
//
//   offset 0    header, 10 × u32 = 40 bytes (magic, totalsize, off_dt_struct, off_dt_strings,
//               off_mem_rsvmap, version, last_comp_version, boot_cpuid_phys, size_dt_strings,
//               size_dt_struct)
//   offset 40   memory reservation block: (address u64, size u64) pairs, 8-byte aligned,
//               terminated by an all-zero entry
//   then        structure block: tokens, each 4-byte aligned
//                 FDT_BEGIN_NODE name\0 pad | FDT_PROP len nameoff value pad | FDT_END_NODE | FDT_END
//   then        strings block: NUL-terminated property names, each stored once
//   then        optional zeroed free space (counted in totalsize) for in-place fixups by firmware
//
// We write version 17 with last_comp_version 16 (the spec's values); the reader accepts any
// version ≥ 16 whose last_comp_version ≤ 17.
//
// Phandles are named by labels: `phandle("plic")` returns the label's number (allocated on first
// use, 1, 2, 3… in order), so a node may be referenced before or after it is written;
// `propPhandle("plic")` gives the current node that phandle. finish() refuses labels that were
// referenced but never given to a node, and a label given to two nodes.

export const FDT_MAGIC = 0xd00dfeed;
export const FDT_VERSION = 17;
export const FDT_LAST_COMP_VERSION = 16;
export const FDT_BEGIN_NODE = 0x1;
export const FDT_END_NODE = 0x2;
export const FDT_PROP = 0x3;
export const FDT_NOP = 0x4;
export const FDT_END = 0x9;
export const FDT_HEADER_SIZE = 40;

/** Spec 2.2.1 / Table 2.1: 1–31 characters, starting with a letter. */
const NODE_NAME_RE = /^[A-Za-z][0-9A-Za-z,._+-]{0,30}$/;
/** Unit address: the same character set (the bus defines the exact format). */
const UNIT_ADDRESS_RE = /^[0-9A-Za-z,._+-]+$/;
/** Spec 2.2.4 / Table 2.2: 1–31 characters. */
const PROP_NAME_RE = /^[0-9A-Za-z,._+?#-]{1,31}$/;

const U32_MAX = 0xffff_ffff;
const U64_MAX = 0xffff_ffff_ffff_ffffn;

export interface MemoryReservation {
  address: bigint;
  size: bigint;
}

export interface FdtFinishOptions {
  /** boot_cpuid_phys: the physical id (the `reg` of its cpu node) of the boot hart. Default 0. */
  bootCpuId?: number;
  /** Entries of the memory reservation block (/memreserve/). Default none. */
  memoryReservations?: readonly MemoryReservation[];
  /** Zeroed bytes appended after the strings block and counted in totalsize. Default 0. */
  extraSpace?: number;
}

/** Growable big-endian byte buffer. */
class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v >>> 0);
    this.length += 4;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Zero bytes up to the next multiple of `n`. */
  align(n: number): void {
    const pad = (n - (this.length % n)) % n;
    this.reserve(pad);
    this.buf.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function checkU32(what: string, v: number): number {
  if (!Number.isInteger(v) || v < 0 || v > U32_MAX) throw new Error(`${what}: ${v} is not a u32`);
  return v;
}

function toU64(what: string, v: bigint | number): bigint {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${what}: ${v} is not a u64 (pass a bigint above 2^53)`);
    return BigInt(v);
  }
  if (v < 0n || v > U64_MAX) throw new Error(`${what}: ${v} is not a u64`);
  return v;
}

/** A string property value part: UTF-8 (in practice ASCII), without NUL bytes. */
function encodeString(what: string, s: string): Uint8Array {
  if (s.includes("\0")) throw new Error(`${what}: string contains a NUL character`);
  return encoder.encode(s);
}

/** Validate a node name (`name` or `name@unit-address`); the root node's name is "". */
export function checkNodeName(name: string): void {
  const at = name.indexOf("@");
  const base = at < 0 ? name : name.slice(0, at);
  const unit = at < 0 ? undefined : name.slice(at + 1);
  if (!NODE_NAME_RE.test(base)) {
    throw new Error(
      `invalid node name "${name}": the name before "@" must be 1-31 characters from [0-9a-zA-Z,._+-] starting with a letter`,
    );
  }
  if (unit !== undefined && !UNIT_ADDRESS_RE.test(unit)) {
    throw new Error(`invalid node name "${name}": bad unit address "${unit}"`);
  }
}

/** Validate a property name. */
export function checkPropertyName(name: string): void {
  if (!PROP_NAME_RE.test(name)) {
    throw new Error(`invalid property name "${name}": must be 1-31 characters from [0-9a-zA-Z,._+?#-]`);
  }
}

interface OpenNode {
  path: string;
  props: Set<string>;
  children: Set<string>;
}

export class FdtBuilder {
  private readonly struct = new ByteWriter();
  private readonly strings = new ByteWriter();
  private readonly stringOffsets = new Map<string, number>();
  private readonly stack: OpenNode[] = [];
  private rootDone = false;
  private finished = false;
  private readonly phandles = new Map<string, number>();
  private readonly phandleOwners = new Map<string, string>();
  private nextPhandle = 1;

  /** Open a node. The first node must be the root, named "". */
  beginNode(name: string): this {
    this.checkOpen();
    if (this.stack.length === 0) {
      if (this.rootDone) throw new Error(`beginNode("${name}"): the root node is already closed; a tree has one root`);
      if (name !== "") throw new Error(`beginNode("${name}"): the first node must be the root, named ""`);
    } else {
      checkNodeName(name);
      const parent = this.stack[this.stack.length - 1]!;
      if (parent.children.has(name)) throw new Error(`duplicate node ${joinPath(parent.path, name)}`);
      parent.children.add(name);
    }
    const path = this.stack.length === 0 ? "/" : joinPath(this.stack[this.stack.length - 1]!.path, name);
    this.struct.u32(FDT_BEGIN_NODE);
    this.struct.bytes(encoder.encode(name));
    this.struct.bytes(new Uint8Array(1));
    this.struct.align(4);
    this.stack.push({ path, props: new Set(), children: new Set() });
    return this;
  }

  /** Close the innermost open node. */
  endNode(): this {
    this.checkOpen();
    if (this.stack.length === 0) throw new Error("endNode() without a matching beginNode()");
    this.stack.pop();
    this.struct.u32(FDT_END_NODE);
    if (this.stack.length === 0) this.rootDone = true;
    return this;
  }

  /** Path of the innermost open node ("/" for the root), or undefined outside any node. */
  get currentPath(): string | undefined {
    return this.stack[this.stack.length - 1]?.path;
  }

  /** A property with raw bytes as its value. */
  propBytes(name: string, value: Uint8Array): this {
    this.checkOpen();
    checkPropertyName(name);
    const node = this.stack[this.stack.length - 1];
    if (!node) throw new Error(`property "${name}" outside any node`);
    if (node.children.size > 0) {
      throw new Error(`property "${name}" of ${node.path} after a child node: properties must precede children`);
    }
    if (node.props.has(name)) throw new Error(`duplicate property "${name}" in ${node.path}`);
    node.props.add(name);
    this.struct.u32(FDT_PROP);
    this.struct.u32(value.length);
    this.struct.u32(this.stringOffset(name));
    this.struct.bytes(value);
    this.struct.align(4);
    return this;
  }

  /** A property with no value (a boolean that is true by being present). */
  propEmpty(name: string): this {
    return this.propBytes(name, new Uint8Array(0));
  }

  /** One u32 cell. */
  propU32(name: string, value: number): this {
    return this.propCells(name, [value]);
  }

  /** A list of u32 cells (`<a b c>`). */
  propCells(name: string, cells: readonly number[]): this {
    const out = new Uint8Array(cells.length * 4);
    const view = new DataView(out.buffer);
    cells.forEach((c, i) => view.setUint32(i * 4, checkU32(`property "${name}" cell ${i}`, c)));
    return this.propBytes(name, out);
  }

  /** One u64, as two cells (most significant first). */
  propU64(name: string, value: bigint | number): this {
    return this.propU64s(name, [value]);
  }

  /** A list of u64 values, two cells each (e.g. `reg` with #address-cells = #size-cells = 2). */
  propU64s(name: string, values: readonly (bigint | number)[]): this {
    const out = new Uint8Array(values.length * 8);
    const view = new DataView(out.buffer);
    values.forEach((v, i) => view.setBigUint64(i * 8, toU64(`property "${name}" value ${i}`, v)));
    return this.propBytes(name, out);
  }

  /** A NUL-terminated string. */
  propString(name: string, value: string): this {
    return this.propStrings(name, [value]);
  }

  /** A string list (`"a", "b"`): each string NUL-terminated, concatenated. */
  propStrings(name: string, values: readonly string[]): this {
    if (values.length === 0) throw new Error(`property "${name}": empty string list (use propEmpty)`);
    const parts = values.map((s, i) => encodeString(`property "${name}" string ${i}`, s));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length + 1;
    }
    return this.propBytes(name, out);
  }

  /** The phandle number of `label`, allocated (1, 2, 3…) on first use. */
  phandle(label: string): number {
    let n = this.phandles.get(label);
    if (n === undefined) {
      if (this.nextPhandle > 0xffff_fffe) throw new Error("out of phandles");
      n = this.nextPhandle++;
      this.phandles.set(label, n);
    }
    return n;
  }

  /** Give the current node the phandle of `label` (writes its `phandle` property). */
  propPhandle(label: string): this {
    const path = this.currentPath;
    const owner = this.phandleOwners.get(label);
    if (owner !== undefined) throw new Error(`phandle "${label}" already belongs to ${owner}`);
    this.propU32("phandle", this.phandle(label));
    this.phandleOwners.set(label, path!);
    return this;
  }

  /** Assemble the blob. The builder cannot be used afterwards. */
  finish(options: FdtFinishOptions = {}): Uint8Array {
    this.checkOpen();
    if (this.stack.length > 0) {
      throw new Error(`unbalanced tree: ${this.stack.length} node(s) still open (innermost ${this.currentPath})`);
    }
    if (!this.rootDone) throw new Error("empty tree: no root node");
    for (const label of this.phandles.keys()) {
      if (!this.phandleOwners.has(label)) throw new Error(`phandle "${label}" is referenced but no node has it`);
    }
    const bootCpuId = checkU32("bootCpuId", options.bootCpuId ?? 0);
    const extra = options.extraSpace ?? 0;
    if (!Number.isInteger(extra) || extra < 0) throw new Error(`extraSpace: ${extra} is not a byte count`);

    this.struct.u32(FDT_END);
    this.finished = true;
    const struct = this.struct.result();
    const strings = this.strings.result();

    const reservations = options.memoryReservations ?? [];
    const offRsvmap = FDT_HEADER_SIZE; // 40: already 8-byte aligned
    const rsvSize = (reservations.length + 1) * 16;
    const offStruct = offRsvmap + rsvSize; // multiple of 8, so 4-byte aligned
    const offStrings = offStruct + struct.length;
    const total = offStrings + strings.length + extra;

    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    const header = [
      FDT_MAGIC,
      total,
      offStruct,
      offStrings,
      offRsvmap,
      FDT_VERSION,
      FDT_LAST_COMP_VERSION,
      bootCpuId,
      strings.length,
      struct.length,
    ];
    header.forEach((v, i) => view.setUint32(i * 4, v));
    reservations.forEach((r, i) => {
      const address = toU64(`memoryReservations[${i}].address`, r.address);
      const size = toU64(`memoryReservations[${i}].size`, r.size);
      if (size === 0n) throw new Error(`memoryReservations[${i}]: size 0 would end the list`);
      if (address + size - 1n > U64_MAX) throw new Error(`memoryReservations[${i}] wraps past 2^64`);
      view.setBigUint64(offRsvmap + i * 16, address);
      view.setBigUint64(offRsvmap + i * 16 + 8, size);
    });
    // The terminating entry is already zero.
    out.set(struct, offStruct);
    out.set(strings, offStrings);
    return out;
  }

  private stringOffset(name: string): number {
    let off = this.stringOffsets.get(name);
    if (off === undefined) {
      off = this.strings.length;
      this.strings.bytes(encoder.encode(name));
      this.strings.bytes(new Uint8Array(1));
      this.stringOffsets.set(name, off);
    }
    return off;
  }

  private checkOpen(): void {
    if (this.finished) throw new Error("FdtBuilder already finished");
  }
}

function joinPath(parent: string, name: string): string {
  return parent === "/" ? `/${name}` : `${parent}/${name}`;
}

// ---------------------------------------------------------------------------------------------
// Reader: strict, so that it doubles as a checker of what the writer produces, and lets the
// hypervisor inspect a device tree supplied by the user.

export interface FdtHeader {
  magic: number;
  totalSize: number;
  offDtStruct: number;
  offDtStrings: number;
  offMemRsvmap: number;
  version: number;
  lastCompVersion: number;
  bootCpuId: number;
  sizeDtStrings: number;
  sizeDtStruct: number;
}

export interface FdtProperty {
  name: string;
  value: Uint8Array;
}

export class FdtNode {
  constructor(
    readonly name: string,
    readonly path: string,
    readonly properties: FdtProperty[] = [],
    readonly children: FdtNode[] = [],
  ) {}

  /** Raw value of a property, or undefined. */
  prop(name: string): Uint8Array | undefined {
    return this.properties.find((p) => p.name === name)?.value;
  }

  has(name: string): boolean {
    return this.prop(name) !== undefined;
  }

  child(name: string): FdtNode | undefined {
    return this.children.find((c) => c.name === name);
  }

  /** Node at a path relative to this one ("cpus/cpu@0") or absolute from the root ("/cpus"). */
  find(path: string): FdtNode | undefined {
    let node: FdtNode | undefined = this;
    for (const part of path.split("/")) {
      if (part === "") continue;
      node = node.child(part);
      if (!node) return undefined;
    }
    return node;
  }

  /** The property as u32 cells; throws if missing or not a multiple of 4 bytes. */
  cells(name: string): number[] {
    const v = this.required(name);
    if (v.length % 4 !== 0) throw new Error(`${this.path}:${name} is ${v.length} bytes, not cells`);
    const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
    return Array.from({ length: v.length / 4 }, (_, i) => view.getUint32(i * 4));
  }

  u32(name: string): number {
    const c = this.cells(name);
    if (c.length !== 1) throw new Error(`${this.path}:${name} has ${c.length} cells, expected 1`);
    return c[0]!;
  }

  /** The property as u64 values (two cells each). */
  u64s(name: string): bigint[] {
    const v = this.required(name);
    if (v.length % 8 !== 0) throw new Error(`${this.path}:${name} is ${v.length} bytes, not u64s`);
    const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
    return Array.from({ length: v.length / 8 }, (_, i) => view.getBigUint64(i * 8));
  }

  /** The property as a string list; throws unless it is NUL-terminated strings. */
  strings(name: string): string[] {
    const v = this.required(name);
    if (v.length === 0 || v[v.length - 1] !== 0) throw new Error(`${this.path}:${name} is not NUL-terminated`);
    return decoder.decode(v.subarray(0, v.length - 1)).split("\0");
  }

  string(name: string): string {
    const s = this.strings(name);
    if (s.length !== 1) throw new Error(`${this.path}:${name} has ${s.length} strings, expected 1`);
    return s[0]!;
  }

  private required(name: string): Uint8Array {
    const v = this.prop(name);
    if (v === undefined) throw new Error(`${this.path} has no property "${name}"`);
    return v;
  }
}

export interface ParsedFdt {
  header: FdtHeader;
  memoryReservations: MemoryReservation[];
  root: FdtNode;
}

/** Parse and check a DTB. Throws an Error naming the first problem found. */
export function parseFdt(dtb: Uint8Array): ParsedFdt {
  const fail = (msg: string): never => {
    throw new Error(`bad device tree blob: ${msg}`);
  };
  if (dtb.length < FDT_HEADER_SIZE) fail(`${dtb.length} bytes is shorter than the header`);
  const view = new DataView(dtb.buffer, dtb.byteOffset, dtb.byteLength);
  const h = Array.from({ length: 10 }, (_, i) => view.getUint32(i * 4));
  const header: FdtHeader = {
    magic: h[0]!,
    totalSize: h[1]!,
    offDtStruct: h[2]!,
    offDtStrings: h[3]!,
    offMemRsvmap: h[4]!,
    version: h[5]!,
    lastCompVersion: h[6]!,
    bootCpuId: h[7]!,
    sizeDtStrings: h[8]!,
    sizeDtStruct: h[9]!,
  };
  if (header.magic !== FDT_MAGIC) fail(`magic 0x${header.magic.toString(16)}`);
  if (header.version < 16 || header.lastCompVersion > FDT_VERSION) {
    fail(`version ${header.version} (last compatible ${header.lastCompVersion}) is not readable as 17`);
  }
  if (header.totalSize > dtb.length) fail(`totalsize ${header.totalSize} exceeds the ${dtb.length} bytes given`);
  const within = (what: string, off: number, size: number): void => {
    if (off < FDT_HEADER_SIZE || off + size > header.totalSize) fail(`${what} [${off}, +${size}) outside the blob`);
  };
  within("structure block", header.offDtStruct, header.sizeDtStruct);
  within("strings block", header.offDtStrings, header.sizeDtStrings);
  if (header.offDtStruct % 4 !== 0) fail(`structure block offset ${header.offDtStruct} not 4-byte aligned`);
  if (header.offMemRsvmap % 8 !== 0) fail(`memory reservation block offset ${header.offMemRsvmap} not 8-byte aligned`);

  const memoryReservations: MemoryReservation[] = [];
  for (let off = header.offMemRsvmap; ; off += 16) {
    within("memory reservation entry", off, 16);
    const address = view.getBigUint64(off);
    const size = view.getBigUint64(off + 8);
    if (address === 0n && size === 0n) break;
    memoryReservations.push({ address, size });
  }

  const stringAt = (off: number): string => {
    if (off >= header.sizeDtStrings) fail(`property name offset ${off} outside the strings block`);
    const start = header.offDtStrings + off;
    const end = dtb.indexOf(0, start);
    if (end < 0 || end >= header.offDtStrings + header.sizeDtStrings) fail(`unterminated name at strings offset ${off}`);
    return decoder.decode(dtb.subarray(start, end));
  };

  const structEnd = header.offDtStruct + header.sizeDtStruct;
  let pos = header.offDtStruct;
  const token = (): number => {
    if (pos + 4 > structEnd) fail("structure block ends without FDT_END");
    const t = view.getUint32(pos);
    pos += 4;
    return t;
  };
  const align4 = (): void => {
    pos = (pos + 3) & ~3;
  };

  const stack: FdtNode[] = [];
  let root: FdtNode | undefined;
  for (;;) {
    const at = pos;
    const t = token();
    if (t === FDT_NOP) continue;
    if (t === FDT_BEGIN_NODE) {
      const end = dtb.indexOf(0, pos);
      if (end < 0 || end >= structEnd) fail(`unterminated node name at ${at}`);
      const name = decoder.decode(dtb.subarray(pos, end));
      pos = end + 1;
      align4();
      const parent = stack[stack.length - 1];
      if (!parent) {
        if (root) fail(`second root node at ${at}`);
        if (name !== "") fail(`root node named "${name}"`);
      } else {
        try {
          checkNodeName(name);
        } catch (e) {
          fail(`${(e as Error).message} under ${parent.path}`);
        }
        if (parent.child(name)) fail(`duplicate node ${joinPath(parent.path, name)}`);
      }
      const node = new FdtNode(name, parent ? joinPath(parent.path, name) : "/");
      if (parent) parent.children.push(node);
      else root = node;
      stack.push(node);
    } else if (t === FDT_END_NODE) {
      if (!stack.pop()) fail(`FDT_END_NODE without an open node at ${at}`);
    } else if (t === FDT_PROP) {
      const node = stack[stack.length - 1];
      if (!node) fail(`property outside any node at ${at}`);
      const len = token();
      const nameOff = token();
      if (pos + len > structEnd) fail(`property at ${at} runs past the structure block`);
      const name = stringAt(nameOff);
      if (node!.children.length > 0) fail(`property "${name}" of ${node!.path} after a child node`);
      if (node!.has(name)) fail(`duplicate property "${name}" in ${node!.path}`);
      node!.properties.push({ name, value: dtb.slice(pos, pos + len) });
      pos += len;
      align4();
    } else if (t === FDT_END) {
      if (stack.length > 0) fail(`FDT_END with ${stack.length} node(s) open`);
      if (!root) fail("no root node");
      break;
    } else {
      fail(`unknown token 0x${t.toString(16)} at ${at}`);
    }
  }
  return { header, memoryReservations, root: root! };
}
