// Per-run globals of the core: which vCPU block is being run, and how a helper tells the run
// loop that the current instruction did not complete. AssemblyScript has no exceptions, so a
// trap or an exit is a value: helpers set `fault` and return, the loop looks at it.
//
// Everything a vCPU keeps from one call into the core to the next is in its block (layout.ts).
// The core's module globals are only ever one of:
//   - per call: set when an export starts on a block (enterVcpu, run()'s loop state) and
//     meaningless once it returns: cpu, runExecuted, run.ts's total / slot / slotChunk, mmu.ts's
//     tlbFetchContext / tlbDataContext (recomputed from the block when a run starts);
//   - per instruction: set and consumed while one instruction executes: fault, excCause,
//     excTval, mmu.ts's paddr, csr.ts's insnBits;
//   - per core instance: the tables the host gave this instance (decode.ts's decodeCache,
//     rvc.ts's rvcTable), like a physical hart's caches.
// So vCPUs may take turns on one instance in any order, and instances (one per worker, over a
// shared memory) share nothing but the blocks and RAM the host gives them. Globals are per
// instance and the core has no data segment, so nothing of it lives in the shared memory.

import { CLOCK, RETIRED } from "./layout";

/** Base address of the vCPU state block being run (per call: every export sets it first). */
export let cpu: usize = 0;
/**
 * Instructions executed so far in this run() call before the current one (per call). Only
 * valid where the loop has set it: before what reads the clock or the counters (CSR
 * instructions, trap entry, Sstc); the load/store slow paths read neither.
 */
export let runExecuted: u64 = 0;

export const FAULT_NONE: u32 = 0;
/** The instruction raised an exception: excCause / excTval say which. */
export const FAULT_EXCEPTION: u32 = 1;
/** The instruction needs the host: the exit record is filled, EXIT_REASON says why. */
export const FAULT_EXIT: u32 = 2;

// Per instruction: set by the helper that stops the instruction, consumed by the loop at once.
export let fault: u32 = FAULT_NONE;
export let excCause: u32 = 0;
export let excTval: u64 = 0;

export function enterVcpu(vcpu: usize): void {
  cpu = vcpu;
  fault = FAULT_NONE;
  runExecuted = 0;
}

export function setRunExecuted(n: u64): void {
  runExecuted = n;
}

export function raise(cause: u32, tval: u64): void {
  fault = FAULT_EXCEPTION;
  excCause = cause;
  excTval = tval;
}

export function requestExit(): void {
  fault = FAULT_EXIT;
}

export function clearFault(): void {
  fault = FAULT_NONE;
}

/** Instructions this vCPU has executed, including the ones of the current run so far. */
@inline export function retiredNow(): u64 {
  return load<u64>(cpu, RETIRED) + runExecuted;
}

/** The physical clock now, in nominal instruction units. */
@inline export function clockNow(): u64 {
  return load<u64>(cpu, CLOCK) + runExecuted;
}
