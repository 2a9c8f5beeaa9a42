// Time on the simulated machine. The physical clock counts nominal instructions (100 MIPS);
// guests see mtime/time at QEMU virt's 10 MHz, so one mtime tick is 10 clock units. Deadlines
// are unsigned 64-bit and all-ones means "off"; conversions never overflow: an mtime deadline
// beyond what the clock can represent is never reached.

/** All-ones: a deadline that is off. */
export const NEVER = 0xffff_ffff_ffff_ffffn;
/** The physical clock's nominal rate: 100 M clock units (instructions) per second of guest time. */
export const CLOCK_HZ = 100_000_000;
/** The rate of mtime/time the guests see (the device tree's timebase-frequency): 10 MHz, as on QEMU virt. */
export const TIMEBASE_HZ = 10_000_000;
/** Nominal instructions per mtime tick: 100 MIPS against a 10 MHz timebase. */
export const INSNS_PER_TICK = BigInt(CLOCK_HZ / TIMEBASE_HZ);
/** Clock units per millisecond and per microsecond of guest time. */
export const CLOCK_PER_MS = CLOCK_HZ / 1000;
export const CLOCK_PER_US = CLOCK_PER_MS / 1000;

/**
 * Guest time a platform reset takes: 1 ms, charged to the physical clock. The host's work for a
 * reset (clearing RAM, reloading images) is real, and a guest that resets in a loop must not be
 * able to make guest time stand still for every other VM's timers.
 */
export const RESET_CLOCK_COST = BigInt(CLOCK_PER_MS);

/**
 * Deadlines at or beyond this clock value (2^62 clock units: about 1,460 years of guest time) are
 * never reached: treating them as off keeps the clock, which the idle hypervisor skips to the
 * next deadline, far from wrapping at 2^64 whatever a guest programs.
 */
export const CLOCK_HORIZON = 1n << 62n;

/** The clock value at which mtime reaches `mtime`, or NEVER (beyond CLOCK_HORIZON too). */
export function mtimeToClock(mtime: bigint): bigint {
  return mtime >= CLOCK_HORIZON / INSNS_PER_TICK ? NEVER : mtime * INSNS_PER_TICK;
}

/** One virtual timer: a deadline on the physical clock and the interrupt line it drives. */
export class VirtualTimer {
  /** Clock value at which it fires; NEVER when off. */
  deadline = NEVER;
  /** Fired and injected: stays pending until the guest re-arms it. */
  injected = false;
  readonly line: bigint;

  constructor(line: bigint) {
    this.line = line;
  }

  /** Arms the timer at an mtime value (all-ones, or anything beyond the clock's range, is off). */
  arm(mtime: bigint): void {
    this.deadline = mtimeToClock(mtime);
    this.injected = false;
  }

  get armed(): boolean {
    return this.deadline !== NEVER && !this.injected;
  }
}
