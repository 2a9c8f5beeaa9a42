// Per-run globals of the core: which vCPU block is being run, and how a helper tells the run
// loop that the current instruction did not complete. AssemblyScript has no exceptions, so a
// trap or an exit is a value: helpers set `fault` and return, the loop looks at it.

import { CLOCK, RETIRED } from "./layout";

/** Base address of the vCPU state block being run. */
export let cpu: usize = 0;
/** Instructions executed so far in this run() call before the current one. */
export let runExecuted: u64 = 0;

export const FAULT_NONE: u32 = 0;
/** The instruction raised an exception: excCause / excTval say which. */
export const FAULT_EXCEPTION: u32 = 1;
/** The instruction needs the host: the exit record is filled, EXIT_REASON says why. */
export const FAULT_EXIT: u32 = 2;

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
