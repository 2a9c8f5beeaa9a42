import { describe, expect, it } from "vitest";
import { Bytes, I64, Op, wasmModule } from "../../../src/machine/jit/wasm.js";

const enc = (f: (b: Bytes) => void): number[] => {
  const b = new Bytes();
  f(b);
  return [...b.toUint8Array()];
};

describe("the tier's WebAssembly writer", () => {
  it("writes LEB128 as the specification does", () => {
    expect(enc((b) => b.u32(624485))).toEqual([0xe5, 0x8e, 0x26]); // the specification's example
    expect(enc((b) => b.u32(0xffffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(enc((b) => b.i32(-123456))).toEqual([0xc0, 0xbb, 0x78]);
    expect(enc((b) => b.i32(63))).toEqual([0x3f]);
    expect(enc((b) => b.i32(64))).toEqual([0xc0, 0x00]);
    expect(enc((b) => b.i64(-1n))).toEqual([0x7f]);
    expect(enc((b) => b.i64(-65n))).toEqual([0xbf, 0x7f]);
    expect(enc((b) => b.i64(0xffff_ffff_8018_d614n))).toEqual(enc((b) => b.i64(-0x7fe7_29ecn)));
  });

  it("builds modules that compile and compute what they say (i64 constants at the edges)", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    for (const v of [0n, 1n, -1n, 0x7fff_ffff_ffff_ffffn, -0x8000_0000_0000_0000n, 0xffff_ffff_8000_0000n, 12345678901234n]) {
      const body = new Bytes().byte(Op.i64_const).i64(v);
      const bytes = wasmModule([{ params: [], results: [I64] }], [{ locals: [], body, type: 0, name: "f" }], { shared: false, maximum: 65536 });
      const f = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.f as () => bigint;
      expect(f()).toBe(BigInt.asIntN(64, v));
    }
  });
});
