// The hypervisor's SBI (RISC-V Supervisor Binary Interface v2.0): what a guest kernel booted in
// S-mode calls instead of touching M-mode hardware. An ecall from the guest's S-mode leaves the
// core as a hypercall exit; this dispatches on the extension (a7), then the function (a6), and
// answers in a0 (error) and a1 (value). Unknown calls return SBI_ERR_NOT_SUPPORTED.
//
//   extension   EID         functions
//   legacy      0x00-0x08   set_timer, console_putchar, console_getchar, shutdown (a0 only)
//   BASE        0x10        spec/impl version and id, probe_extension, mvendorid/marchid/mimpid
//   TIME        0x54494d45  set_timer
//   IPI         0x00735049  send_ipi
//   RFENCE      0x52464e43  remote_fence_i, remote_sfence_vma(_asid)
//   HSM         0x0048534d  hart_start, hart_stop, hart_get_status, hart_suspend
//   SRST        0x53525354  system_reset
//   DBCN        0x4442434e  console_write, console_read, console_write_byte

import { CLOCK, X } from "../core/layout.js";
import type { Vcpu } from "../core/vcpu.js";

export const SBI_SUCCESS = 0n;
export const SBI_ERR_FAILED = -1n;
export const SBI_ERR_NOT_SUPPORTED = -2n;
export const SBI_ERR_INVALID_PARAM = -3n;
export const SBI_ERR_INVALID_ADDRESS = -5n;
export const SBI_ERR_ALREADY_AVAILABLE = -6n;

export const EID_LEGACY_SET_TIMER = 0x00;
export const EID_LEGACY_PUTCHAR = 0x01;
export const EID_LEGACY_GETCHAR = 0x02;
export const EID_LEGACY_CLEAR_IPI = 0x03;
export const EID_LEGACY_SEND_IPI = 0x04;
export const EID_LEGACY_SHUTDOWN = 0x08;
export const EID_BASE = 0x10;
export const EID_TIME = 0x54494d45;
export const EID_IPI = 0x735049;
export const EID_RFENCE = 0x52464e43;
export const EID_HSM = 0x48534d;
export const EID_SRST = 0x53525354;
export const EID_DBCN = 0x4442434e;

/**
 * The most bytes one DBCN console_write or console_read moves. The guest chooses num_bytes (up
 * to its whole RAM), but one call must not hold the host for long: the spec lets both calls
 * move fewer bytes than asked and return the count, and guests loop until done.
 */
export const DBCN_MAX_BYTES = 4096;

/**
 * Clock units (nominal instructions) charged to the guest per byte the SBI console moves: the
 * host's work of handing a byte to the console, so that a guest flooding the console pays for
 * it in guest time (and reaches the end of its scheduler quantum) instead of getting it free.
 */
export const SBI_CONSOLE_BYTE_COST = 10n;

/** SBI specification v2.0: major 2 in bits 30:24, minor 0. */
export const SBI_SPEC_VERSION = 2n << 24n;
/** Implementation id: not one of the registered ones; "rvis" in ASCII. */
export const SBI_IMPL_ID = 0x72766973n;
export const SBI_IMPL_VERSION = 1n;

const SUPPORTED = new Set([EID_BASE, EID_TIME, EID_IPI, EID_RFENCE, EID_HSM, EID_SRST, EID_DBCN,
  EID_LEGACY_SET_TIMER, EID_LEGACY_PUTCHAR, EID_LEGACY_GETCHAR, EID_LEGACY_CLEAR_IPI,
  EID_LEGACY_SEND_IPI, EID_LEGACY_SHUTDOWN]);

export type ResetKind = "shutdown" | "cold-reboot" | "warm-reboot";

/** HSM hart states (SBI v2.0 chapter 9), as hart_get_status reports them. */
export const HSM_STARTED = 0n;
export const HSM_STOPPED = 1n;
export const HSM_SUSPENDED = 4n;

/** HSM hart_suspend types: the default retentive one; the default non-retentive one (not offered). */
export const SUSPEND_RETENTIVE = 0n;
export const SUSPEND_NON_RETENTIVE = 0x8000_0000n;

/** What the SBI needs from the VM it serves: the calling hart, and its siblings by hart id. */
export interface SbiHost {
  readonly vcpu: Vcpu;
  /** The calling hart's id; its VM has harts 0..hartCount-1. */
  readonly id: number;
  readonly hartCount: number;
  /** Arms the vCPU's supervisor timer at `deadline` (mtime units) and clears a pending STIP. */
  setTimer(deadline: bigint): void;
  consoleWrite(bytes: Uint8Array): void;
  /** Takes up to `max` bytes of pending console input. */
  consoleRead(max: number): Uint8Array;
  /** A copy of guest RAM, or undefined when [addr, addr + length) is not all RAM. */
  readGuest(addr: bigint, length: number): Uint8Array | undefined;
  writeGuest(addr: bigint, bytes: Uint8Array): boolean;
  reset(kind: ResetKind, failure: boolean): void;
  /** Raises SSIP on hart `target` (a stopped hart ignores it). */
  sendIpi(target: number): void;
  clearIpi(): void;
  /** Flushes hart `target`'s address translation (a remote sfence.vma). */
  flushTlb(target: number): void;
  /** HSM: the state of hart `target` (HSM_*). */
  hartStatus(target: number): bigint;
  /** HSM: starts stopped hart `target` in S-mode at `addr` with a0 = its id, a1 = `opaque`. */
  hartStart(target: number, addr: bigint, opaque: bigint): void;
  /** HSM: the calling hart stops (its exit ends with it stopped). */
  hartStop(): void;
  /** HSM: the calling hart waits, retentively, until an interrupt it enabled is pending. */
  hartSuspend(): void;
}

const A0 = 10;

const EXTENSION_NAMES = new Map<number, string>([
  [EID_LEGACY_SET_TIMER, "legacy set_timer"], [EID_LEGACY_PUTCHAR, "legacy putchar"],
  [EID_LEGACY_GETCHAR, "legacy getchar"], [EID_LEGACY_CLEAR_IPI, "legacy clear_ipi"],
  [EID_LEGACY_SEND_IPI, "legacy send_ipi"], [EID_LEGACY_SHUTDOWN, "legacy shutdown"],
  [EID_BASE, "BASE"], [EID_TIME, "TIME"], [EID_IPI, "IPI"], [EID_RFENCE, "RFENCE"], [EID_HSM, "HSM"],
  [EID_SRST, "SRST"], [EID_DBCN, "DBCN"],
]);

/**
 * The extension a call goes to, for statistics: "TIME", "legacy putchar", or "unknown" for every
 * extension we do not implement (one name for all of them: a guest calling 2^32 different ids
 * must not grow the host's tables).
 */
export function sbiExtensionName(eid: number): string {
  return EXTENSION_NAMES.get(eid) ?? "unknown";
}

/** Handles the hypercall exit the vCPU just took. */
export function handleSbiCall(host: SbiHost): void {
  const v = host.vcpu;
  const eid = Number(v.x(17) & 0xffff_ffffn);
  const fid = Number(v.x(16) & 0xffff_ffffn);
  const arg = (i: number) => v.x(A0 + i);
  if (eid <= EID_LEGACY_SHUTDOWN) {
    // Legacy calls return one value in a0 and leave a1 alone.
    v.setX(A0, legacy(host, eid, arg(0)));
    return;
  }
  const [error, value] = call(host, eid, fid, arg);
  v.set(X + A0 * 8, error);
  v.set(X + (A0 + 1) * 8, value);
}

function legacy(host: SbiHost, eid: number, a0: bigint): bigint {
  switch (eid) {
    case EID_LEGACY_SET_TIMER:
      host.setTimer(a0);
      return SBI_SUCCESS;
    case EID_LEGACY_PUTCHAR:
      consoleWrite(host, new Uint8Array([Number(a0 & 0xffn)]));
      return SBI_SUCCESS;
    case EID_LEGACY_GETCHAR: {
      const b = consoleRead(host, 1);
      return b.length ? BigInt(b[0]!) : -1n;
    }
    case EID_LEGACY_CLEAR_IPI:
      host.clearIpi();
      return SBI_SUCCESS;
    case EID_LEGACY_SEND_IPI:
      // a0 is the virtual address of a hart mask, which the host does not translate: every
      // started hart gets the IPI (an IPI nobody asked for is one the kernel ignores).
      for (let h = 0; h < host.hartCount; h++) if (host.hartStatus(h) !== HSM_STOPPED) host.sendIpi(h);
      return SBI_SUCCESS;
    case EID_LEGACY_SHUTDOWN:
      host.reset("shutdown", false);
      return SBI_SUCCESS;
  }
  return SBI_ERR_NOT_SUPPORTED;
}

type Result = [error: bigint, value: bigint];

function call(host: SbiHost, eid: number, fid: number, arg: (i: number) => bigint): Result {
  switch (eid) {
    case EID_BASE:
      switch (fid) {
        case 0: return [SBI_SUCCESS, SBI_SPEC_VERSION];
        case 1: return [SBI_SUCCESS, SBI_IMPL_ID];
        case 2: return [SBI_SUCCESS, SBI_IMPL_VERSION];
        case 3: return [SBI_SUCCESS, SUPPORTED.has(Number(arg(0) & 0xffff_ffffn)) ? 1n : 0n];
        case 4: case 5: case 6: return [SBI_SUCCESS, 0n]; // mvendorid, marchid, mimpid
      }
      break;
    case EID_TIME:
      if (fid === 0) {
        host.setTimer(arg(0));
        return [SBI_SUCCESS, 0n];
      }
      break;
    case EID_IPI:
      if (fid === 0) return forEachHart(host, arg(0), arg(1), (h) => host.sendIpi(h));
      break;
    case EID_RFENCE:
      // remote_fence_i needs nothing (decoded instructions are checked against RAM before they
      // run, on every hart); remote_sfence_vma(_asid) flushes each target's translation. The
      // address range and ASID only narrow what must be flushed: flushing all is always right.
      if (fid === 0) return forEachHart(host, arg(0), arg(1), () => {});
      if (fid === 1 || fid === 2) return forEachHart(host, arg(0), arg(1), (h) => host.flushTlb(h));
      break;
    case EID_HSM:
      return hsm(host, fid, arg);
    case EID_SRST:
      if (fid === 0) {
        const type = arg(0) & 0xffff_ffffn;
        const reason = arg(1) & 0xffff_ffffn;
        if (type > 2n || reason > 1n) return [SBI_ERR_INVALID_PARAM, 0n];
        host.reset(type === 0n ? "shutdown" : type === 1n ? "cold-reboot" : "warm-reboot", reason === 1n);
        return [SBI_SUCCESS, 0n];
      }
      break;
    case EID_DBCN:
      return debugConsole(host, fid, arg);
  }
  return [SBI_ERR_NOT_SUPPORTED, 0n];
}

/**
 * Calls `act` on every hart of hart_mask / hart_mask_base (SBI v2.0 3.2: bit i of the mask is
 * hart base + i; base all-ones means every hart). A hart id the VM lacks makes the whole call
 * INVALID_PARAM before anything is done. Stopped harts are skipped, as the IPI could not reach them.
 */
function forEachHart(host: SbiHost, mask: bigint, maskBase: bigint, act: (hart: number) => void): Result {
  const harts: number[] = [];
  if (maskBase === 0xffff_ffff_ffff_ffffn) {
    for (let h = 0; h < host.hartCount; h++) harts.push(h);
  } else {
    // Only set bits are visited (at most 64), whatever the guest put in the mask.
    for (let bits = mask, i = 0n; bits !== 0n; bits >>= 1n, i++) {
      if ((bits & 1n) === 0n) continue;
      const id = maskBase + i;
      if (id >= BigInt(host.hartCount)) return [SBI_ERR_INVALID_PARAM, 0n];
      harts.push(Number(id));
    }
  }
  for (const h of harts) if (host.hartStatus(h) !== HSM_STOPPED) act(h);
  return [SBI_SUCCESS, 0n];
}

/** HSM (SBI v2.0 chapter 9): hart_start, hart_stop, hart_get_status, hart_suspend. */
function hsm(host: SbiHost, fid: number, arg: (i: number) => bigint): Result {
  const target = arg(0);
  const valid = target < BigInt(host.hartCount);
  switch (fid) {
    case 0: { // hart_start(hartid, start_addr, opaque)
      if (!valid) return [SBI_ERR_INVALID_PARAM, 0n];
      if (host.hartStatus(Number(target)) !== HSM_STOPPED) return [SBI_ERR_ALREADY_AVAILABLE, 0n];
      // The start address must be somewhere the hart can fetch from: the VM's RAM.
      if ((arg(1) & 1n) !== 0n || host.readGuest(arg(1), 2) === undefined) return [SBI_ERR_INVALID_ADDRESS, 0n];
      host.hartStart(Number(target), arg(1), arg(2));
      return [SBI_SUCCESS, 0n];
    }
    case 1: // hart_stop(): returns only on failure, which cannot happen here
      host.hartStop();
      return [SBI_SUCCESS, 0n];
    case 2: // hart_get_status(hartid)
      return valid ? [SBI_SUCCESS, host.hartStatus(Number(target))] : [SBI_ERR_INVALID_PARAM, 0n];
    case 3: { // hart_suspend(suspend_type, resume_addr, opaque)
      const type = target & 0xffff_ffffn;
      if (type === SUSPEND_RETENTIVE) {
        host.hartSuspend();
        return [SBI_SUCCESS, 0n];
      }
      // Non-retentive suspend is optional (Linux uses it only through cpuidle); the other types
      // are reserved or platform-specific ones this platform does not define.
      return [type === SUSPEND_NON_RETENTIVE ? SBI_ERR_NOT_SUPPORTED : SBI_ERR_INVALID_PARAM, 0n];
    }
  }
  return [SBI_ERR_NOT_SUPPORTED, 0n];
}

/**
 * DBCN. num_bytes is a full register and the guest's choice: only the first DBCN_MAX_BYTES of
 * the range are checked and moved, and the count says how many were.
 */
function debugConsole(host: SbiHost, fid: number, arg: (i: number) => bigint): Result {
  const n = Number(arg(0) < BigInt(DBCN_MAX_BYTES) ? arg(0) : BigInt(DBCN_MAX_BYTES));
  switch (fid) {
    case 0: { // console_write(num_bytes, base_lo, base_hi)
      const bytes = arg(2) === 0n ? host.readGuest(arg(1), n) : undefined;
      if (bytes === undefined) return [SBI_ERR_INVALID_PARAM, 0n];
      consoleWrite(host, bytes);
      return [SBI_SUCCESS, BigInt(n)];
    }
    case 1: { // console_read(num_bytes, base_lo, base_hi)
      // Checked before any input is taken, so that none is lost.
      if (arg(2) !== 0n || host.readGuest(arg(1), n) === undefined) return [SBI_ERR_INVALID_PARAM, 0n];
      const bytes = consoleRead(host, n);
      host.writeGuest(arg(1), bytes);
      return [SBI_SUCCESS, BigInt(bytes.length)];
    }
    case 2: // console_write_byte
      consoleWrite(host, new Uint8Array([Number(arg(0) & 0xffn)]));
      return [SBI_SUCCESS, 0n];
  }
  return [SBI_ERR_NOT_SUPPORTED, 0n];
}

function consoleWrite(host: SbiHost, bytes: Uint8Array): void {
  host.consoleWrite(bytes);
  chargeConsoleBytes(host.vcpu, bytes.length);
}

function consoleRead(host: SbiHost, max: number): Uint8Array {
  const bytes = host.consoleRead(max);
  chargeConsoleBytes(host.vcpu, bytes.length);
  return bytes;
}

/** Every byte through the SBI console advances the guest's clock by SBI_CONSOLE_BYTE_COST. */
function chargeConsoleBytes(v: Vcpu, bytes: number): void {
  v.set(CLOCK, v.get(CLOCK) + BigInt(bytes) * SBI_CONSOLE_BYTE_COST);
}
