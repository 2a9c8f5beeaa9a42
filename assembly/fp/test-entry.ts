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
