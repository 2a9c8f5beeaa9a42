// The core's side of the compiling tier (src/machine/jit/): where translated code is found, and
// how the interpreter asks for more. The host compiles hot guest code to WebAssembly functions
// and puts them in the function table this module imports; the run loop calls them with
// call_indirect (run.ts, OP_JIT). Everything here is per core instance, like the decode cache.
//
// The directory (JIT_DIR_ENTRIES × 32 bytes, written by the host, read here; the core only ever
// turns an entry into a tombstone) maps a guest pc and the host address of its instruction bits
// to a translation:
//
//   offset  size  field
//   0       8     pc (virtual)
//   8       4     host address of the instruction
//   12      4     JIT_EMPTY, JIT_TOMBSTONE, JIT_REFUSED (the host would not translate it), or the
//                 function's table index
//   16      4     the block of the function that starts at pc
//
// An entry is found by linear probing from jitHash(pc), at most JIT_PROBES entries.
//
// The request queue (written here, drained by the host after each run()): a u32 count at 0,
// then JIT_QUEUE_ENTRIES × 16 bytes from 16: { pc u64, host address u32, decode entry u32 }.
// An entry names where translated code starts for one mapping of the code (the host engine
// shares the function itself among every place with the same bytes: it is position-independent);
// the translated code checks the instruction bits it was made from before it runs them, so a
// wrong or stale entry only costs time.

const JIT_DIR_BITS: u32 = 16;
export const JIT_DIR_ENTRIES: u32 = 1 << JIT_DIR_BITS;
export const JIT_PROBES: u32 = 16;
export const JIT_QUEUE_ENTRIES: u32 = 64;
/** Bytes the host provides for the directory and the queue (initJit). */
export const JIT_DIRECTORY_SIZE: u32 = JIT_DIR_ENTRIES * 32;
export const JIT_QUEUE_SIZE: u32 = 16 + JIT_QUEUE_ENTRIES * 16;

export const JIT_EMPTY: u32 = 0;
export const JIT_TOMBSTONE: u32 = 0xffffffff;
export const JIT_REFUSED: u32 = 0xfffffffe;

// Flags in the low bits of a translated function's result (the rest is the budget left).
/** Execution stopped before the instruction at pc, which the interpreter must run itself. */
export const JIT_BAIL: u32 = 1;
/** A block's instruction bits were not the ones it was made from (implies JIT_BAIL). */
export const JIT_STALE: u32 = 2;
export const JIT_FLAG_BITS: u32 = 2;

let directory: usize = 0;
let queue: usize = 0;
/** Taken jumps to a target before it is asked for; 0: the tier is off for this instance. */
export let jitThreshold: u32 = 0;
/** Requests queued before the run ends so that the host compiles them (1: at once). */
let batch: u32 = 1;

/**
 * Turns the tier on for this instance: the directory and queue at `dir` and `q`
 * (JIT_DIRECTORY_SIZE and JIT_QUEUE_SIZE bytes, cleared here), `threshold` taken jumps to a
 * target before it is asked for (1..65535), and a run ends when `runBatch` requests wait.
 */
export function initJit(dir: usize, q: usize, threshold: u32, runBatch: u32): void {
  memory.fill(dir, 0, JIT_DIRECTORY_SIZE);
  memory.fill(q, 0, JIT_QUEUE_SIZE);
  directory = dir;
  queue = q;
  jitThreshold = threshold < 1 ? 1 : threshold > 0xffff ? 0xffff : threshold;
  batch = runBatch < 1 ? 1 : runBatch > JIT_QUEUE_ENTRIES ? JIT_QUEUE_ENTRIES : runBatch;
}

/** The first directory entry to probe for pc (the host computes the same). */
@inline function jitHash(pc: u64): u32 {
  return (<u32>(pc >> 1) * 0x9e3779b1) >> (32 - JIT_DIR_BITS);
}

/**
 * The directory entry for (pc, host), or 0. Probing stops at an empty entry; tombstones are
 * passed over.
 */
function find(pc: u64, host: usize): usize {
  let i = jitHash(pc);
  for (let n: u32 = 0; n < JIT_PROBES; n++) {
    const entry = directory + (<usize>i << 5);
    const state = load<u32>(entry, 12);
    if (state == JIT_EMPTY) return 0;
    if (state != JIT_TOMBSTONE && load<u64>(entry) == pc && load<u32>(entry, 8) == <u32>host) return entry;
    i = (i + 1) & (JIT_DIR_ENTRIES - 1);
  }
  return 0;
}

/** The directory entry of (pc, host) in any state but empty or tombstone, or 0. */
export function jitEntry(pc: u64, host: usize): usize {
  return find(pc, host);
}

/** Forgets the translation of (pc, host): its code no longer matches guest memory. */
export function jitForget(pc: u64, host: usize): void {
  const entry = find(pc, host);
  if (entry != 0) store<u32>(entry, JIT_TOMBSTONE, 12);
}

/**
 * Asks the host to translate the code at pc (instruction bits at `host`, decode entry `e`).
 * Returns true when the run should end so that the host compiles what is queued.
 */
export function jitEnqueue(pc: u64, host: usize, e: usize): bool {
  const count = load<u32>(queue);
  if (count >= JIT_QUEUE_ENTRIES) return true;
  const slot = queue + 16 + (<usize>count << 4);
  store<u64>(slot, pc);
  store<u32>(slot, <u32>host, 8);
  store<u32>(slot, <u32>e, 12);
  store<u32>(queue, count + 1);
  return count + 1 >= batch;
}
