// The few pieces of the WebAssembly binary format (core specification 2.0, chapter 5) that the
// compiling tier writes: LEB128 numbers, function bodies, and a module of functions of one
// type over an imported memory. Opcodes are named as in the specification's text format.

export const I32 = 0x7f;
export const I64 = 0x7e;
/** Block type of a block that yields nothing. */
export const VOID = 0x40;

export enum Op {
  unreachable = 0x00, block = 0x02, loop = 0x03, if = 0x04, else = 0x05, end = 0x0b, br = 0x0c,
  br_if = 0x0d, br_table = 0x0e, return = 0x0f, call = 0x10, drop = 0x1a, select = 0x1b,
  local_get = 0x20, local_set = 0x21, local_tee = 0x22,
  i32_load = 0x28, i64_load = 0x29, i32_load16_u = 0x2f,
  i64_load8_s = 0x30, i64_load8_u = 0x31, i64_load16_s = 0x32, i64_load16_u = 0x33,
  i64_load32_s = 0x34, i64_load32_u = 0x35,
  i64_store = 0x37, i64_store8 = 0x3c, i64_store16 = 0x3d, i64_store32 = 0x3e,
  i32_const = 0x41, i64_const = 0x42,
  i32_eqz = 0x45, i32_eq = 0x46, i32_ne = 0x47, i32_lt_u = 0x49,
  i64_eqz = 0x50, i64_eq = 0x51, i64_ne = 0x52, i64_lt_s = 0x53, i64_lt_u = 0x54,
  i64_ge_s = 0x59, i64_ge_u = 0x5a,
  i32_add = 0x6a, i32_sub = 0x6b, i32_mul = 0x6c, i32_div_s = 0x6d, i32_div_u = 0x6e,
  i32_rem_s = 0x6f, i32_rem_u = 0x70, i32_and = 0x71, i32_or = 0x72, i32_shl = 0x74,
  i32_shr_s = 0x75, i32_shr_u = 0x76,
  i64_add = 0x7c, i64_sub = 0x7d, i64_mul = 0x7e, i64_div_s = 0x7f, i64_div_u = 0x80,
  i64_rem_s = 0x81, i64_rem_u = 0x82, i64_and = 0x83, i64_or = 0x84, i64_xor = 0x85,
  i64_shl = 0x86, i64_shr_s = 0x87, i64_shr_u = 0x88,
  i32_wrap_i64 = 0xa7, i64_extend_i32_s = 0xac, i64_extend_i32_u = 0xad,
}

/** A growing byte buffer with the format's number encodings. */
export class Bytes {
  private buf = new Uint8Array(256);
  length = 0;

  byte(b: number): this {
    if (this.length === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = b;
    return this;
  }

  bytes(bs: ArrayLike<number>): this {
    for (let i = 0; i < bs.length; i++) this.byte(bs[i]!);
    return this;
  }

  /** Unsigned LEB128 of a u32. */
  u32(v: number): this {
    let x = v >>> 0;
    do {
      const b = x & 0x7f;
      x >>>= 7;
      this.byte(x !== 0 ? b | 0x80 : b);
    } while (x !== 0);
    return this;
  }

  /** Signed LEB128 of an i32. */
  i32(v: number): this {
    let x = v | 0;
    for (;;) {
      const b = x & 0x7f;
      x >>= 7;
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** Signed LEB128 of an i64. */
  i64(v: bigint): this {
    let x = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  /** A length-prefixed copy of `other`. */
  sized(other: Bytes): this {
    this.u32(other.length);
    for (let i = 0; i < other.length; i++) this.byte(other.buf[i]!);
    return this;
  }

  toUint8Array(): Uint8Array<ArrayBuffer> {
    return this.buf.slice(0, this.length);
  }
}

/** A function: its locals (after its parameters) as runs of one type, and its body's code. */
export interface WasmFunction {
  locals: readonly (readonly [count: number, type: number])[];
  body: Bytes;
  /** Export name; unexported functions are helpers the others call. */
  name?: string;
  type: number;
}

export interface FuncType {
  params: readonly number[];
  results: readonly number[];
}

/**
 * A module importing env.memory (shared with `maximum` pages when `shared`) with `functions` in
 * order (function index = position), exported by name where they have one.
 */
export function wasmModule(types: readonly FuncType[], functions: readonly WasmFunction[], memory: { shared: boolean; maximum: number }): Uint8Array<ArrayBuffer> {
  const out = new Bytes().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const section = (id: number, content: Bytes): void => {
    out.byte(id).sized(content);
  };
  const typeSec = new Bytes().u32(types.length);
  for (const t of types) {
    typeSec.byte(0x60).u32(t.params.length).bytes(t.params).u32(t.results.length).bytes(t.results);
  }
  section(1, typeSec);
  const importSec = new Bytes().u32(1);
  const name = (b: Bytes, s: string): void => {
    b.u32(s.length);
    for (let i = 0; i < s.length; i++) b.byte(s.charCodeAt(i));
  };
  name(importSec, "env");
  name(importSec, "memory");
  importSec.byte(0x02); // memory
  if (memory.shared) importSec.byte(0x03).u32(0).u32(memory.maximum);
  else importSec.byte(0x00).u32(0);
  section(2, importSec);
  const funcSec = new Bytes().u32(functions.length);
  for (const f of functions) funcSec.u32(f.type);
  section(3, funcSec);
  const exported = functions.map((f, i) => [f.name, i] as const).filter(([n]) => n !== undefined);
  const exportSec = new Bytes().u32(exported.length);
  for (const [n, i] of exported) {
    name(exportSec, n!);
    exportSec.byte(0x00).u32(i);
  }
  section(7, exportSec);
  const codeSec = new Bytes().u32(functions.length);
  for (const f of functions) {
    const body = new Bytes().u32(f.locals.length);
    for (const [count, type] of f.locals) body.u32(count).byte(type);
    body.bytes(f.body.toUint8Array()).byte(Op.end);
    codeSec.sized(body);
  }
  section(10, codeSec);
  return out.toUint8Array();
}
