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

/** What the SBI needs from the VM it serves. */
export interface SbiHost {
  readonly vcpu: Vcpu;
  /** Arms the vCPU's supervisor timer at `deadline` (mtime units) and clears a pending STIP. */
  setTimer(deadline: bigint): void;
  consoleWrite(bytes: Uint8Array): void;
  /** Takes up to `max` bytes of pending console input. */
  consoleRead(max: number): Uint8Array;
  /** A copy of guest RAM, or undefined when [addr, addr + length) is not all RAM. */
  readGuest(addr: bigint, length: number): Uint8Array | undefined;
  writeGuest(addr: bigint, bytes: Uint8Array): boolean;
  reset(kind: ResetKind, failure: boolean): void;
  /** Raises SSIP on the vCPU (the only hart of the VM today). */
  sendIpi(): void;
  clearIpi(): void;
  flushTlb(): void;
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
      host.sendIpi();
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
      if (fid === 0) return targetsSelf(arg(0), arg(1)) ? (host.sendIpi(), [SBI_SUCCESS, 0n]) : [SBI_SUCCESS, 0n];
      break;
    case EID_RFENCE:
      // remote_fence_i needs nothing (decoded instructions are checked against RAM before they run);
      // sfence.vma flushes the TLB.
      if (fid === 0) return [SBI_SUCCESS, 0n];
      if (fid === 1 || fid === 2) {
        if (targetsSelf(arg(0), arg(1))) host.flushTlb();
        return [SBI_SUCCESS, 0n];
      }
      break;
    case EID_HSM:
      switch (fid) {
        case 0: return arg(0) === 0n ? [SBI_ERR_ALREADY_AVAILABLE, 0n] : [SBI_ERR_INVALID_PARAM, 0n];
        case 1: host.reset("shutdown", false); return [SBI_SUCCESS, 0n]; // the only hart stops
        case 2: return arg(0) === 0n ? [SBI_SUCCESS, 0n] /* STARTED */ : [SBI_ERR_INVALID_PARAM, 0n];
        case 3: return (arg(0) & 0xffff_ffffn) === 0n ? [SBI_SUCCESS, 0n] : [SBI_ERR_NOT_SUPPORTED, 0n];
      }
      break;
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

/** hart_mask / hart_mask_base as the SBI defines them; base all-ones means every hart. */
function targetsSelf(mask: bigint, maskBase: bigint): boolean {
  if (maskBase === 0xffff_ffff_ffff_ffffn) return true;
  return maskBase === 0n && (mask & 1n) === 1n;
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
