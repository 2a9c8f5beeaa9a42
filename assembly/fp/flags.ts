// Floating-point exception flags and rounding modes, encoded as RISC-V's fcsr encodes them
// (unprivileged spec, "F" extension, "Floating-Point Control and Status Register").
//
// Every function in assembly/fp/ ORs the flags it raises into `fpFlags`; the caller clears it
// before an instruction and moves it into fflags afterwards. Flags accumulate, they are never
// cleared here.

/** fflags bits. */
export const FLAG_NX: u32 = 1; // inexact
export const FLAG_UF: u32 = 2; // underflow (tiny after rounding and inexact)
export const FLAG_OF: u32 = 4; // overflow
export const FLAG_DZ: u32 = 8; // divide by zero
export const FLAG_NV: u32 = 16; // invalid operation

/** Rounding modes (the rm field / frm). DYN (7) is resolved by the caller; 5 and 6 are reserved. */
export const RM_RNE: u32 = 0; // to nearest, ties to even
export const RM_RTZ: u32 = 1; // toward zero
export const RM_RDN: u32 = 2; // down (toward −∞)
export const RM_RUP: u32 = 3; // up (toward +∞)
export const RM_RMM: u32 = 4; // to nearest, ties to max magnitude

/** The accumulated exception flags, fflags layout. */
export let fpFlags: u32 = 0;

@inline export function raiseFlags(f: u32): void {
  fpFlags |= f;
}

/** Before an instruction: no flags raised yet. */
@inline export function clearFlags(): void {
  fpFlags = 0;
}

/** The canonical NaNs (RISC-V: positive, quiet, payload zero). */
export const F32_CANONICAL_NAN: u32 = 0x7fc00000;
export const F64_CANONICAL_NAN: u64 = 0x7ff8000000000000;
