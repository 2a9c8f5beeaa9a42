// assembly/fp: IEEE 754-2008 binary32/binary64 arithmetic exact to the bit as the RISC-V F and D
// extensions specify it, over raw bit patterns (f32 as u32, f64 as u64). Flags accumulate in
// `fpFlags` (fflags layout); rounding modes use the rm encoding (the caller resolves DYN).
// This is the library's public surface for the interpreter.

export { fpFlags, clearFlags, FLAG_NX, FLAG_UF, FLAG_OF, FLAG_DZ, FLAG_NV, RM_RNE, RM_RTZ, RM_RDN, RM_RUP, RM_RMM, F32_CANONICAL_NAN, F64_CANONICAL_NAN } from "./flags";
export { f32Add, f32Sub, f32Mul, f32Div, f32Sqrt, f32MulAdd, f32MulSub, f32NegMulSub, f32NegMulAdd } from "./f32";
export { f64Add, f64Sub, f64Mul, f64Div, f64Sqrt, f64MulAdd, f64MulSub, f64NegMulSub, f64NegMulAdd } from "./f64";
export {
  f32Eq, f32Lt, f32Le, f32Min, f32Max, f32Classify, f32SignInject, f32SignInjectNeg, f32SignInjectXor,
  f64Eq, f64Lt, f64Le, f64Min, f64Max, f64Classify, f64SignInject, f64SignInjectNeg, f64SignInjectXor,
} from "./compare";
export {
  unboxF32, boxF32, f32ToF64, f64ToF32,
  f64ToI32, f64ToU32, f64ToI64, f64ToU64, f32ToI32, f32ToU32, f32ToI64, f32ToU64,
  f32FromI32, f32FromU32, f32FromI64, f32FromU64, f64FromI32, f64FromU32, f64FromI64, f64FromU64,
} from "./convert";
