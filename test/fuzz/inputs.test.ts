// Malformed-input fuzzer. Mutated ELFs (guests/demo, guests/isa), synthetic raw RISC-V Linux
// Images, initrds and firmware sized around RAM, bootargs, VM and hypervisor options, addDevice
// arguments and SBI call arguments go through the API (Hypervisor.create, createVm, boot/loadElf,
// addDevice, then a short run with a small instruction budget); fewer go through the CLI's main()
// in-process, with the files in a temporary directory.
//
// Oracle: no untyped error (everything thrown is an RvisorError; main() returns a status and
// never throws), no hang (each case finishes within CASE_MS; the API's synchronous part runs
// under a node:vm timeout, which interrupts even a loop in JavaScript or WebAssembly), and heap
// growth over the run within HEAP_GROWTH_MAX.
//
//   npm test                   a short run (a few seconds), a new seed each time
//   npm run fuzz:inputs        a long run (FUZZ_LONG=1)
//   FUZZ_SEED=1234 npm test    replays a seed (printed with the results and on failure)

import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { createContext, runInNewContext, Script } from "node:vm";
import { main } from "../../src/cli/cli.js";
import { EID_BASE, EID_DBCN, EID_HSM, EID_IPI, EID_RFENCE, EID_SRST, EID_TIME } from "../../src/hypervisor/sbi.js";
import { DEFAULT_QUANTUM, Hypervisor, RAM_BASE, RvisorError, type HypervisorOptions, type MmioDevice, type VmOptions } from "../../src/index.js";
import { linuxImage, IMAGE_HEADER_SIZE } from "../helpers/image.js";
import * as rv from "../helpers/rv.js";

const LONG = process.env.FUZZ_LONG === "1";
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const API_CASES = LONG ? 20_000 : 300;
const CLI_CASES = LONG ? 1_000 : 20;
/** The guests' instruction budget per case: enough to boot and make some exits. */
const MAX_INSNS = 20_000;
/** Host time a case may take before it counts as a hang. */
const CASE_MS = 3_000;
/** Host time the guests of one case run (a case with a fuzzed, larger budget stops here). */
const RUN_MS = 100;
/** Live memory the whole API run may add: a machine kept per case would add gigabytes. */
const HEAP_GROWTH_MAX = 128 << 20;

// ---- a seeded PRNG (mulberry32) -------------------------------------------------------------

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  u64(): bigint {
    return (BigInt(this.int(2 ** 32)) << 32n) | BigInt(this.int(2 ** 32));
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
}

// ---- inputs ---------------------------------------------------------------------------------

const guestDir = (d: string) => new URL(`../../guests/${d}/`, import.meta.url);
const ELFS = ["demo", "isa"].flatMap((d) =>
  readdirSync(guestDir(d)).filter((f) => f.endsWith(".elf")).map((f) => readFileSync(new URL(f, guestDir(d)))),
);

/** Values at the edges of what a field holds, and around RAM. */
function boundary(rng: Rng, ram: number): bigint {
  return rng.pick([
    () => 0n, () => 1n, () => 7n, () => 8n, () => 0x40n, () => 0x7fn, () => 0x80n, () => 0xffn, () => 0xffffn,
    () => 0x7fff_ffffn, () => 0x8000_0000n, () => 0xffff_ffffn, () => 1n << 32n, () => RAM_BASE + 0x1000n,
    () => RAM_BASE + BigInt(ram) - 8n, () => RAM_BASE + BigInt(ram), () => BigInt(ram), () => BigInt(ram) + 1n,
    () => (1n << 63n) - 1n, () => 1n << 63n, () => (1n << 64n) - 8n, () => (1n << 64n) - 1n, () => rng.u64(),
    () => BigInt(rng.int(0x10_0000)),
  ])();
}

function put(b: Uint8Array, offset: number, width: number, value: bigint): void {
  for (let i = 0; i < width && offset + i < b.length; i++) b[offset + i] = Number((value >> BigInt(8 * i)) & 0xffn);
}

function get(b: Uint8Array, offset: number, width: number): number {
  let v = 0;
  for (let i = width - 1; i >= 0; i--) v = v * 256 + (b[offset + i] ?? 0);
  return v;
}

// ELF64 header fields [offset, width]: class, data, version, type, machine, e_version, entry,
// phoff, shoff, flags, ehsize, phentsize, phnum, shentsize, shnum, shstrndx.
const EHDR_FIELDS: [number, number][] = [[4, 1], [5, 1], [6, 1], [16, 2], [18, 2], [20, 4], [24, 8], [32, 8], [40, 8], [48, 4], [52, 2], [54, 2], [56, 2], [58, 2], [60, 2], [62, 2]];
// Program header fields: type, flags, offset, vaddr, paddr, filesz, memsz, align.
const PHDR_FIELDS: [number, number][] = [[0, 4], [4, 4], [8, 8], [16, 8], [24, 8], [32, 8], [40, 8], [48, 8]];
// Section header fields: type, offset, size, link, info, entsize.
const SHDR_FIELDS: [number, number][] = [[4, 4], [24, 8], [32, 8], [40, 4], [44, 4], [56, 8]];

/** The symbol table entries of an (intact enough) ELF: offset of each entry and its name. */
function symbolEntries(b: Uint8Array): { at: number; name: string }[] {
  const shoff = get(b, 40, 8);
  const shnum = get(b, 60, 2);
  const out: { at: number; name: string }[] = [];
  for (let i = 0; i < shnum && shoff + (i + 1) * 64 <= b.length; i++) {
    const sh = shoff + i * 64;
    if (get(b, sh + 4, 4) !== 2) continue; // SHT_SYMTAB
    const str = shoff + get(b, sh + 40, 4) * 64;
    const strOff = get(b, str + 24, 8);
    for (let at = get(b, sh + 24, 8); at + 24 <= Math.min(b.length, get(b, sh + 24, 8) + get(b, sh + 32, 8)); at += 24) {
      let name = "";
      for (let k = strOff + get(b, at, 4); k < b.length && b[k] !== 0 && name.length < 32; k++) name += String.fromCharCode(b[k]!);
      out.push({ at, name });
    }
  }
  return out;
}

function mutateElf(rng: Rng, ram: number): { bytes: Uint8Array; what: string } {
  const b = rng.pick(ELFS).slice();
  let bytes: Uint8Array = b;
  const what: string[] = [];
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const phoff = get(b, 32, 8);
    const phnum = get(b, 56, 2);
    const shoff = get(b, 40, 8);
    const shnum = get(b, 60, 2);
    switch (rng.int(10)) {
      case 0: { // bit flips, mostly in the headers
        const span = rng.chance(0.7) ? Math.min(b.length, 4096) : b.length;
        for (let k = 1 + rng.int(16); k > 0; k--) b[rng.int(span)]! ^= 1 << rng.int(8);
        what.push("bit flips");
        break;
      }
      case 1: {
        bytes = bytes.subarray(0, rng.pick([0, 3, 4, 15, 16, 63, 64, 100, rng.int(bytes.length)]));
        what.push(`truncated to ${bytes.length}`);
        break;
      }
      case 2: {
        const [o, w] = rng.pick(EHDR_FIELDS);
        put(b, o, w, boundary(rng, ram));
        what.push(`ehdr @${o}`);
        break;
      }
      case 3: case 4: { // program headers: huge, wrapping, overlapping
        if (phnum === 0) break;
        const i = rng.int(phnum);
        const [o, w] = rng.pick(PHDR_FIELDS);
        if (rng.chance(0.3) && phnum > 1) {
          const j = rng.int(phnum);
          put(b, phoff + i * 56 + 24, 8, BigInt(get(b, phoff + j * 56 + 24, 8)) + BigInt(rng.int(64)));
          what.push(`phdr ${i} paddr overlaps ${j}`);
        } else {
          put(b, phoff + i * 56 + o, w, rng.chance(0.3) ? BigInt(rng.pick([ram, ram * 2, 2 ** 40])) : boundary(rng, ram));
          what.push(`phdr ${i} @${o}`);
        }
        break;
      }
      case 5: {
        if (shnum === 0) break;
        const [o, w] = rng.pick(SHDR_FIELDS);
        put(b, shoff + rng.int(shnum) * 64 + o, w, boundary(rng, ram));
        what.push(`shdr @${o}`);
        break;
      }
      case 6: case 7: { // symbols, tohost and fromhost most of all
        const syms = symbolEntries(b);
        if (syms.length === 0) break;
        const htif = syms.filter((s) => s.name === "tohost" || s.name === "fromhost");
        const s = htif.length > 0 && rng.chance(0.6) ? rng.pick(htif) : rng.pick(syms);
        const field = rng.pick([[8, 8], [8, 8], [0, 4], [4, 1], [6, 2], [16, 8]] as const);
        put(b, s.at + field[0], field[1], boundary(rng, ram));
        what.push(`symbol ${s.name || "?"} @${field[0]}`);
        break;
      }
      case 8: {
        b[4] = rng.pick([0, 1, 3, 0xff]);
        what.push(`class ${b[4]}`);
        break;
      }
      case 9: {
        put(b, 18, 2, BigInt(rng.pick([0, 3, 62, 183, 242, 244, 0xffff])));
        what.push(`machine ${get(b, 18, 2)}`);
        break;
      }
    }
  }
  return { bytes, what: `ELF (${what.join(", ")})` };
}

/**
 * A kernel that makes one SBI call over and over, its arguments (a0..a7) loaded each time from
 * a table after the code: `auipc t0, 0; ld a0..a7, 64..120(t0); ecall; j back`.
 */
const SBI_CODE = [rv.auipc(5, 0), ...Array.from({ length: 8 }, (_, k) => rv.ld(10 + k, 5, 64 + 8 * k)), rv.ECALL, rv.jal(0, -40)];
const SBI_TABLE_AT = IMAGE_HEADER_SIZE + 64;
const SBI_IMAGE_MIN = SBI_TABLE_AT + 64;
const EIDS = [0, 1, 2, 3, 4, 8, EID_BASE, EID_TIME, EID_IPI, EID_RFENCE, EID_HSM, EID_SRST, EID_DBCN, EID_DBCN, EID_DBCN];

/**
 * An Image of `length` (at least SBI_IMAGE_MIN) bytes that calls the SBI with fuzzed arguments;
 * for the debug console mostly (num_bytes, base_lo, base_hi) that point into RAM, at lengths up
 * to all of it.
 */
function sbiImage(rng: Rng, ram: number, length: number): Uint8Array {
  const b = linuxImage(length, length, SBI_CODE);
  const eid = rng.chance(0.9) ? BigInt(rng.pick(EIDS)) : rng.u64();
  const args = Array.from({ length: 6 }, () => (rng.chance(0.3) ? BigInt(rng.int(16)) : boundary(rng, ram)));
  let fid = BigInt(rng.chance(0.9) ? rng.int(8) : rng.int(2 ** 32));
  if (eid === BigInt(EID_DBCN) && rng.chance(0.8)) {
    fid = BigInt(rng.int(3));
    args[0] = rng.pick([BigInt(ram), BigInt(ram >> 1), BigInt(ram - 0x1000), (1n << 32n) + 8n, (1n << 64n) - 1n, BigInt(rng.int(8192))]);
    args[1] = RAM_BASE + BigInt(rng.pick([0, 0x1000, ram >> 1, ram - 8]));
    args[2] = rng.chance(0.8) ? 0n : boundary(rng, ram);
  }
  args.forEach((a, k) => put(b, SBI_TABLE_AT + 8 * k, 8, a));
  put(b, SBI_TABLE_AT + 48, 8, fid); // a6
  put(b, SBI_TABLE_AT + 56, 8, eid); // a7
  return b;
}

/** A raw Image: a small synthetic one, bogus image_size/text_offset, sizes around RAM. */
function rawImage(rng: Rng, ram: number): { bytes: Uint8Array; what: string } {
  const length = ram > 16 << 20 ? rng.pick([0, 64, 4096]) : Math.max(0, Math.min(rng.pick([0, 63, 64, 72, 4096, ram - 4096, ram, ram + 8, rng.int(2 * ram)]), 2 * ram));
  let bytes: Uint8Array;
  if (length >= SBI_IMAGE_MIN && rng.chance(0.6)) {
    bytes = sbiImage(rng, ram, length);
  } else if (length >= IMAGE_HEADER_SIZE) {
    bytes = linuxImage(length, length);
    bytes.set(rng.bytes(Math.min(256, length - IMAGE_HEADER_SIZE)), IMAGE_HEADER_SIZE);
  } else {
    bytes = rng.bytes(length);
    if (length >= 0x3c) bytes.set([0x52, 0x53, 0x43, 0x05], 0x38);
  }
  if (rng.chance(0.7)) put(bytes, 0x10, 8, boundary(rng, ram)); // image_size
  if (rng.chance(0.5)) put(bytes, 0x08, 8, boundary(rng, ram)); // text_offset
  if (rng.chance(0.1)) put(bytes, 0x38, 4, rng.u64()); // magic
  const sbi = length >= SBI_IMAGE_MIN && get(bytes, IMAGE_HEADER_SIZE, 4) === SBI_CODE[0] ? `, SBI ${[...Array(8).keys()].map((k) => get(bytes, SBI_TABLE_AT + 8 * k, 8).toString(16)).join(" ")}` : "";
  return { bytes, what: `Image of ${length} bytes${sbi}` };
}

/** Image sizes around RAM size; for a huge RAM (a fuzzed option) small ones, since copying gigabytes is only slow. */
function sizeAround(rng: Rng, ram: number): number {
  if (ram > 16 << 20) return rng.pick([0, 1, 4096, 1 << 20]);
  return Math.max(0, rng.pick([0, 1, 4096, ram - 0x20_0000, ram - 8192, ram - 1, ram, ram + 1, rng.int(ram)]));
}

/** Command lines: with NUL, huge, non-ASCII (lone surrogates included). */
function bootargs(rng: Rng): string {
  return rng.pick([
    () => "console=ttyS0",
    () => "console=hvc0\0init=/bin/sh",
    () => "\0",
    () => "x".repeat(rng.pick([4095, 4096, 4097, 1 << 16, 1 << 20])),
    () => "ärger ✓ 🦀 \u{10ffff}",
    () => "\ud800 lone \udfff",
    () => String.fromCharCode(...Array.from({ length: 1 + rng.int(64) }, () => rng.int(0x1_0000))),
  ])();
}

const JUNK: readonly unknown[] = [undefined, null, NaN, -1, 0, 0.5, 4096.5, 2 ** 31, 2 ** 32, 2 ** 53, Infinity, -Infinity, "", "abc", "4096", {}, [], true, false, () => {}, 1n];
const RAM_SIZES = [64 << 10, 1 << 20, 4 << 20, 8 << 20];

function vmOptions(rng: Rng): VmOptions {
  const o: Record<string, unknown> = {};
  o.memoryBytes = rng.chance(0.85) ? rng.pick(RAM_SIZES) : rng.chance(0.5) ? rng.pick(JUNK) : rng.pick([4096, 4095, 2 ** 31, 2 ** 31 + 4096, 3 << 30]);
  if (rng.chance(0.9)) o.mode = rng.pick(["firmware", "kernel"]);
  else o.mode = rng.pick(JUNK);
  if (rng.chance(0.3)) o.sstc = rng.chance(0.9) ? rng.chance(0.5) : rng.pick(JUNK);
  if (rng.chance(0.1)) o.name = rng.pick(JUNK);
  o.onConsole = rng.chance(0.05) ? rng.pick(JUNK) : () => {};
  if (rng.chance(0.3)) o.bootargs = rng.chance(0.9) ? bootargs(rng) : rng.pick(JUNK);
  if (rng.chance(0.2)) o.onReset = rng.chance(0.8) ? rng.pick(["reboot", "stop"]) : rng.pick(JUNK);
  return o as VmOptions;
}

function hypervisorOptions(rng: Rng): HypervisorOptions {
  const o: Record<string, unknown> = { maxInsns: MAX_INSNS };
  if (rng.chance(0.05)) o.maxInsns = rng.pick(JUNK);
  // Valid quanta no longer than the default: runFor checks host time between quanta only, so a
  // longer one (the user's choice) bounds a case by its instruction budget's host cost, not RUN_MS.
  if (rng.chance(0.1)) o.quantum = rng.pick([1, 7, 1000, DEFAULT_QUANTUM, ...JUNK.filter((v) => !(Number.isInteger(v) && (v as number) > DEFAULT_QUANTUM))]);
  if (rng.chance(0.05)) o.onEvent = rng.pick(JUNK);
  if (rng.chance(0.05)) o.timeMode = rng.pick(["deterministic", "wallclock", ...JUNK]);
  return o as HypervisorOptions;
}

function deviceArgs(rng: Rng, ram: number): [bigint, MmioDevice] {
  const base = rng.chance(0.8)
    ? rng.pick([() => 0x2000_0000n + BigInt(rng.int(64)) * 0x1000n, () => boundary(rng, ram), () => 0x1000_0000n, () => 0x0c00_0000n, () => RAM_BASE - 8n, () => -8n])()
    : rng.pick(JUNK);
  const size = rng.chance(0.7) ? rng.pick([8, 16, 0x1000, 0x10_0000]) : rng.pick([...JUNK, 12, 2 ** 53 - 1, 2 ** 64]);
  const name = rng.chance(0.9) ? `dev${rng.int(100)}` : rng.pick(JUNK);
  const device = rng.chance(0.95) ? { name, size, read: () => 0n, write: () => {} } : rng.pick(JUNK);
  return [base as bigint, device as MmioDevice];
}

// ---- the oracle -----------------------------------------------------------------------------

const totals = { inputs: 0, typed: 0, untyped: 0, hangs: 0, heapGrowthMiB: 0 };
const findings: string[] = [];

/** The node:vm timeout interrupted the case: a hang. */
const timedOut = (e: unknown) => (e as { code?: string } | undefined)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";

function classify(e: unknown, what: string): void {
  if (e instanceof RvisorError) {
    totals.typed++;
    return;
  }
  if (timedOut(e)) {
    totals.hangs++;
    findings.push(`hang: ${what}`);
    return;
  }
  totals.untyped++;
  findings.push(`untyped: ${what}: ${(e as Error)?.stack ?? String(e)}`);
}

/** Runs `step`; a thrown error is classified and the case goes on (a failed boot still runs). */
function attempt<T>(what: string, step: () => T): T | undefined {
  try {
    return step();
  } catch (e) {
    if (timedOut(e)) throw e;
    classify(e, what);
    return undefined;
  }
}

/**
 * Where a case's synchronous part runs: a node:vm script with a timeout interrupts any loop, in
 * JavaScript or WebAssembly. One context for every case, so that none keeps a case's machine.
 */
const sandbox = createContext({ body: undefined as (() => void) | undefined });
const runBody = new Script("body()");

/** One API case: the synchronous part runs under a timeout that interrupts any loop. */
async function apiCase(rng: Rng, index: number): Promise<void> {
  const log: string[] = [`case ${index}`];
  const hvOptions = hypervisorOptions(rng);
  log.push(`hypervisor ${show(hvOptions)}`);
  let hv: Hypervisor;
  try {
    hv = await Hypervisor.create(hvOptions);
  } catch (e) {
    classify(e, log.join("; "));
    return;
  }
  const t0 = performance.now();
  sandbox.body = () => apiBody(rng, hv, log);
  try {
    runBody.runInContext(sandbox, { timeout: CASE_MS });
  } catch (e) {
    classify(e, log.join("; "));
    if (timedOut(e)) return;
  } finally {
    sandbox.body = undefined;
  }
  if (performance.now() - t0 > CASE_MS) {
    totals.hangs++;
    findings.push(`hang (${Math.round(performance.now() - t0)} ms): ${log.join("; ")}`);
  }
}

function apiBody(rng: Rng, hv: Hypervisor, log: string[]): void {
  for (let n = rng.chance(0.9) ? 1 : 2 + rng.int(2); n > 0; n--) {
    const options = vmOptions(rng);
    log.push(`vm ${show(options)}`);
    const vm = attempt(log.join("; "), () => hv.createVm(options));
    if (vm === undefined) continue;
    const ram = vm.ramBytes;
    const kind = rng.int(6);
    attempt(log.join("; "), () => {
      switch (kind) {
        case 0: case 1: {
          const elf = mutateElf(rng, ram);
          log.push(elf.what);
          if (rng.chance(0.5)) vm.loadElf(elf.bytes);
          else vm.boot(vm.mode === "kernel" ? { kernel: elf.bytes } : { firmware: elf.bytes, kernel: rng.chance(0.2) ? rawImage(rng, ram).bytes : undefined });
          break;
        }
        case 2: {
          const image = rawImage(rng, ram);
          log.push(image.what);
          if (vm.mode === "kernel") vm.boot({ kernel: image.bytes, initrd: rng.chance(0.3) ? new Uint8Array(sizeAround(rng, ram)) : undefined });
          else vm.boot({ firmware: rng.bytes(rng.pick([4, 64, 4096])), kernel: image.bytes });
          break;
        }
        case 3: { // initrds around RAM size, with a kernel that fits
          const initrd = new Uint8Array(sizeAround(rng, ram));
          log.push(`initrd of ${initrd.length} bytes`);
          const kernel = sbiImage(rng, ram, 4096);
          vm.boot(vm.mode === "kernel" ? { kernel, initrd } : { firmware: rv.code(rv.jal(0, 0)), kernel, initrd });
          break;
        }
        case 4: { // firmware: random code, sizes around RAM
          const firmware = rng.chance(0.5) ? rng.bytes(rng.pick([4, 256, 4096])) : new Uint8Array(sizeAround(rng, ram));
          log.push(`firmware of ${firmware.length} bytes`);
          vm.boot(vm.mode === "kernel" ? { kernel: firmware } : { firmware });
          break;
        }
        case 5: { // an intact guest, to run with fuzzed options and devices
          vm.loadElf(rng.pick(ELFS));
          log.push("intact ELF");
          break;
        }
      }
    });
    for (let d = rng.chance(0.3) ? rng.int(16) : 0; d > 0; d--) {
      const [base, device] = deviceArgs(rng, ram);
      log.push(`addDevice(${show(base)}, ${show(device)})`);
      attempt(log.join("; "), () => vm.addDevice(base, device));
    }
  }
  const end = performance.now() + RUN_MS;
  attempt(log.join("; "), () => {
    while (hv.runFor(RUN_MS / 4) && performance.now() < end);
  });
}

/** A case's inputs in words, short: bigints, functions and long strings abbreviated. */
function show(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "function") return "[function]";
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (typeof v === "string" && v.length > 40) return `${JSON.stringify(v.slice(0, 20))}… (${v.length} chars)`;
    return v;
  }) ?? String(value);
}

// ---- the CLI --------------------------------------------------------------------------------

const MEMORY_JUNK = ["0", "4K", "3G", "1T", "abc", "-1", "1.5M", "99999999999999999999"];

/** One CLI case: main() must return a status in time, never throw. */
async function cliCase(rng: Rng, index: number, dir: string, fifo: string | undefined): Promise<void> {
  const ram = rng.pick(RAM_SIZES);
  const argv = ["run"];
  // A smaller budget than the API's: main() runs its guests to the end of it, and a guest that
  // resets in a loop costs the host a reboot (RAM cleared, images loaded) every few instructions.
  argv.push("--max-insns", String(rng.pick([1000, 5000])));
  if (rng.chance(0.1)) argv.push("--quantum", rng.pick(["1", "100", "0", "-5", "abc", "1e3"]));
  if (rng.chance(0.1)) argv.push("--no-reboot");
  const written: string[] = [];
  for (let g = rng.chance(0.8) ? 1 : 2 + rng.int(2); g > 0; g--) {
    if (argv.length > 1 && rng.chance(0.9)) argv.push("--");
    argv.push("--memory", rng.chance(0.85) ? `${ram >> 10}K` : rng.pick(MEMORY_JUNK));
    const path = (name: string, make: () => Uint8Array) => {
      if (rng.chance(0.05)) return rng.pick([dir, "/dev/zero", "/nonexistent/image", ...(fifo ? [fifo] : [])]);
      const p = join(dir, `${index}-${g}-${name}`);
      writeFileSync(p, make());
      written.push(p);
      return p;
    };
    if (rng.chance(0.1)) argv.push("--mode", rng.pick(["firmware", "kernel", "hypervisor"]));
    if (rng.chance(0.1)) argv.push("--sstc");
    if (rng.chance(0.4)) {
      argv.push(path("guest.elf", () => mutateElf(rng, ram).bytes));
      continue;
    }
    if (rng.chance(0.2)) argv.push("--firmware", path("fw.bin", () => rng.bytes(rng.pick([4, 4096, ram + 8]))));
    argv.push("--kernel", path("kernel", () => (rng.chance(0.5) ? mutateElf(rng, ram) : rawImage(rng, ram)).bytes));
    if (rng.chance(0.3)) argv.push("--initrd", path("initrd", () => new Uint8Array(sizeAround(rng, ram))));
    if (rng.chance(0.3)) argv.push("--append", bootargs(rng));
  }
  if (rng.chance(0.05)) argv.push(rng.pick(["--frob", "--memory", "--"]));
  const what = `cli case ${index}: rvisor ${argv.map((a) => show(a)).join(" ")}`;
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), CASE_MS)));
  try {
    const status = await Promise.race([main(argv, () => {}, () => {}), hang]);
    if (status === "hang") {
      totals.hangs++;
      findings.push(`hang: ${what}`);
    } else if (![0, 1, 2, 3].includes(status)) {
      totals.untyped++;
      findings.push(`status ${status}: ${what}`);
    } else if (status === 2) {
      totals.typed++;
    }
  } catch (e) {
    totals.untyped++;
    findings.push(`untyped (main threw): ${what}: ${(e as Error)?.stack ?? String(e)}`);
  } finally {
    clearTimeout(timer);
    for (const p of written) rmSync(p, { force: true });
  }
}

// ---- the runs -------------------------------------------------------------------------------

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
/**
 * Live heap and external memory (WebAssembly memories, buffers) after full collections, the
 * second one after a turn of the event loop, when the first one's freed memories are released.
 */
async function liveBytes(): Promise<number> {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

const failure = (from: number) => `FUZZ_SEED=${SEED} ${LONG ? "FUZZ_LONG=1 " : ""}reproduces this run:\n${findings.slice(from, from + 10).join("\n")}`;

describe(`malformed inputs (seed ${SEED}${LONG ? ", long run" : ""})`, () => {
  afterAll(() => {
    console.log(`fuzz inputs, seed ${SEED}: ${totals.inputs} inputs tried, ${totals.typed} typed errors, ${totals.untyped} untyped errors, ${totals.hangs} hangs; heap growth over the API run ${totals.heapGrowthMiB} MiB`);
  });

  it("through the API: only typed errors, no hang, bounded memory", async () => {
    const rng = new Rng(SEED);
    const from = findings.length;
    const warmup = 20;
    let baseline = 0;
    for (let i = 0; i < API_CASES; i++) {
      if (i === warmup) baseline = await liveBytes();
      totals.inputs++;
      await apiCase(rng, i);
      if (i % 200 === 199) gc();
    }
    const growth = (await liveBytes()) - baseline;
    totals.heapGrowthMiB = Math.round(growth / 2 ** 20);
    expect(findings.slice(from), failure(from)).toEqual([]);
    expect(growth, `heap growth over ${API_CASES} cases; ${failure(from)}`).toBeLessThan(HEAP_GROWTH_MAX);
  }, LONG ? 4 * 3600_000 : 120_000);

  it("through the CLI: a status for every input, never a throw or a hang", async () => {
    const rng = new Rng(SEED ^ 0x5bd1e995);
    const from = findings.length;
    const dir = mkdtempSync(join(tmpdir(), "rvisor-fuzz-"));
    let fifo: string | undefined = join(dir, "fifo");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      fifo = undefined; // no mkfifo here: FIFOs are left out
    }
    try {
      for (let i = 0; i < CLI_CASES; i++) {
        totals.inputs++;
        await cliCase(rng, i, dir, fifo);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(findings.slice(from), failure(from)).toEqual([]);
  }, LONG ? 4 * 3600_000 : 120_000);
});
