// Test and benchmark entry (not part of the core): exports the library's functions, the soft
// paths next to the fast ones, and access to the flags. Compiled by test/helpers/fp-build.ts.

export * from "./index";
export { f32AddSoft, f32SubSoft, f32MulSoft, f32DivSoft, f32SqrtSoft } from "./f32-soft";
export { f64AddSoft, f64SubSoft, f64MulSoft, f64DivSoft, f64SqrtSoft } from "./f64-soft";
export {
  f32ToF64Soft, f64ToF32Soft,
  f64ToI32Soft, f64ToU32Soft, f64ToI64Soft, f64ToU64Soft, f32ToI32Soft, f32ToU32Soft, f32ToI64Soft, f32ToU64Soft,
  f32FromI32Soft, f32FromU32Soft, f32FromI64Soft, f32FromU64Soft, f64FromI64Soft, f64FromU64Soft,
} from "./convert";
import { fpFlags as flags } from "./flags";
import * as flagsModule from "./flags";
import { f32FusedSoft } from "./f32-soft";
import { f64FusedSoft } from "./f64-soft";

export function getFlags(): u32 { return flags; }
export function setFlags(f: u32): void { flagsModule.fpFlags = f; }

export function f32MulAddSoft(a: u32, b: u32, c: u32, rm: u32): u32 { return f32FusedSoft(a, b, c, rm, false, false); }
export function f32MulSubSoft(a: u32, b: u32, c: u32, rm: u32): u32 { return f32FusedSoft(a, b, c, rm, false, true); }
export function f32NegMulSubSoft(a: u32, b: u32, c: u32, rm: u32): u32 { return f32FusedSoft(a, b, c, rm, true, false); }
export function f32NegMulAddSoft(a: u32, b: u32, c: u32, rm: u32): u32 { return f32FusedSoft(a, b, c, rm, true, true); }
export function f64MulAddSoft(a: u64, b: u64, c: u64, rm: u32): u64 { return f64FusedSoft(a, b, c, rm, false, false); }
export function f64MulSubSoft(a: u64, b: u64, c: u64, rm: u32): u64 { return f64FusedSoft(a, b, c, rm, false, true); }
export function f64NegMulSubSoft(a: u64, b: u64, c: u64, rm: u32): u64 { return f64FusedSoft(a, b, c, rm, true, false); }
export function f64NegMulAddSoft(a: u64, b: u64, c: u64, rm: u32): u64 { return f64FusedSoft(a, b, c, rm, true, true); }

// ---- benchmark loop ----------------------------------------------------------------------------
import * as lib from "./index";
import * as s32 from "./f32-soft";
import * as s64 from "./f64-soft";
import * as cv from "./convert";

/**
 * Runs operation `op` (see bench/fp.bench.ts for the numbering; odd = the soft path of the one
 * before) over n operand triples stored as u64 at 0, 8n and 16n (f32 in the low halves), with
 * rounding mode rm; returns the xor of the results so nothing is optimized away.
 */
export function benchLoop(op: i32, n: i32, rm: u32): u64 {
  let acc: u64 = 0;
  const bOff = <usize>n << 3, cOff = <usize>n << 4;
  for (let i = 0; i < n; i++) {
    const p = <usize>i << 3;
    const a = load<u64>(p), b = load<u64>(p + bOff), c = load<u64>(p + cOff);
    const a32 = <u32>a, b32 = <u32>b, c32 = <u32>c;
    let r: u64 = 0;
    switch (op) {
      case 0: r = lib.f32Add(a32, b32, rm); break;
      case 1: r = s32.f32AddSoft(a32, b32, rm); break;
      case 2: r = lib.f32Mul(a32, b32, rm); break;
      case 3: r = s32.f32MulSoft(a32, b32, rm); break;
      case 4: r = lib.f32Div(a32, b32, rm); break;
      case 5: r = s32.f32DivSoft(a32, b32, rm); break;
      case 6: r = lib.f32Sqrt(a32, rm); break;
      case 7: r = s32.f32SqrtSoft(a32, rm); break;
      case 8: r = lib.f32MulAdd(a32, b32, c32, rm); break;
      case 9: r = s32.f32FusedSoft(a32, b32, c32, rm, false, false); break;
      case 10: r = lib.f64Add(a, b, rm); break;
      case 11: r = s64.f64AddSoft(a, b, rm); break;
      case 12: r = lib.f64Mul(a, b, rm); break;
      case 13: r = s64.f64MulSoft(a, b, rm); break;
      case 14: r = lib.f64Div(a, b, rm); break;
      case 15: r = s64.f64DivSoft(a, b, rm); break;
      case 16: r = lib.f64Sqrt(a, rm); break;
      case 17: r = s64.f64SqrtSoft(a, rm); break;
      case 18: r = lib.f64MulAdd(a, b, c, rm); break;
      case 19: r = s64.f64FusedSoft(a, b, c, rm, false, false); break;
      case 20: r = lib.f64ToF32(a, rm); break;
      case 21: r = cv.f64ToF32Soft(a, rm); break;
      case 22: r = lib.f64ToI64(a, rm); break;
      case 23: r = cv.f64ToI64Soft(a, rm); break;
      case 24: r = lib.f64FromI64(<i64>b, rm); break;
      case 25: r = cv.f64FromI64Soft(<i64>b, rm); break;
      case 26: r = lib.f64ToI32(a, rm); break;
      case 27: r = cv.f64ToI32Soft(a, rm); break;
      default: r = <u64>lib.f64Lt(a, b); break;
    }
    acc ^= r;
  }
  return acc;
}
