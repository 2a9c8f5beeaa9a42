// Loads the compiled core (build/core.wasm) over a memory the host owns, in Node and in
// browsers alike. Our own loader rather than asc's bindings: those cannot take an imported
// memory (see NOTES.md). Node built-ins are only touched for file: URLs.

import * as L from "./layout.js";
import { RvisorError } from "../errors.js";

export interface CoreExports {
  /** Runs the vCPU block at `vcpu` for at most `budget` instructions; returns an EXIT_* reason. */
  run(vcpu: number, budget: number): number;
  resetVcpu(vcpu: number, hartId: bigint): void;
  flushTlb(vcpu: number): void;
  /** mip & mie of the vCPU at `vcpu`: the interrupts that end a wfi, whatever the global enables. */
  interruptsPending(vcpu: number): bigint;
  /** The bits of mie the vCPU at `vcpu` would take now if pending (privilege, MIE/SIE, mideleg). */
  interruptsEnabled(vcpu: number): bigint;
  /** Fills the compressed-instruction expansion table (RVC_TABLE_SIZE bytes at `table`). */
  initRvcTable(table: number): void;
  /** Gives this instance its decoded-instruction cache (DECODE_CACHE_SIZE bytes at `cache`); run() needs it. */
  initDecodeCache(cache: number): void;
  /** Turns the compiling tier on: its directory and queue, its threshold and batch (assembly/jit.ts). */
  initJit(directory: number, queue: number, threshold: number, batch: number): void;
  /** Decodes `bits` into the entry at `e` as the interpreter does, outside any slot (the translator's decoder). */
  decodeForJit(e: number, bits: number): void;
  readonly DATA_END: WebAssembly.Global;
}

/** Sizes the host allocates by, as the loaded core exports them (checked against layout.ts). */
export interface CoreAbi {
  readonly version: number;
  readonly VCPU_BLOCK_SIZE: number;
  readonly DEV_MAX: number;
  readonly TLB_ENTRIES: number;
  readonly RVC_TABLE_SIZE: number;
  readonly DECODE_CACHE_SIZE: number;
  /** The end of the core's static data: everything the host allocates goes above it. */
  readonly DATA_END: number;
}

export interface Core {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  /** The instance's function table (env.table), where the compiling tier puts its code. */
  readonly table: WebAssembly.Table;
  /** The instance's compiling tier, when it is on (set by the Machine): drained after each run. */
  jit?: { drain(): void };
  readonly exports: CoreExports;
  readonly abi: CoreAbi;
}

/** A module that is not a core this host can drive: a missing export or another ABI (layout, sizes, version). */
export class CoreAbiError extends RvisorError {
  override name = "CoreAbiError";
}

const hex = (v: number | bigint): string => `0x${v.toString(16)}`;

/** The exported function `name`, which must take `arity` parameters. */
function exportedFunction<F extends (...args: never[]) => unknown>(exports: WebAssembly.Exports, name: string, arity: number): F {
  const f = exports[name];
  if (typeof f !== "function") throw new CoreAbiError(`core ABI mismatch: the core exports no function ${name}`);
  if (f.length !== arity) throw new CoreAbiError(`core ABI mismatch: ${name} takes ${f.length} parameters in the core, ${arity} in the host`);
  return f as F;
}

function exportedGlobal(exports: WebAssembly.Exports, name: string): WebAssembly.Global {
  const g = exports[name];
  if (!(g instanceof WebAssembly.Global)) throw new CoreAbiError(`core ABI mismatch: the core exports no constant ${name}`);
  return g;
}

/** The value of the exported constant `name`, which must be an i32 (a JS number). */
function exportedNumber(exports: WebAssembly.Exports, name: string): number {
  const v: unknown = exportedGlobal(exports, name).value;
  if (typeof v !== "number") throw new CoreAbiError(`core ABI mismatch: ${name} is not a 32-bit constant in the core`);
  return v;
}

/**
 * Checks a core instance's exports against what this host was written for and returns them
 * typed: every function the host calls (with its arity), the ABI version, and every constant of
 * src/core/layout.ts, which must equal the core's export of the same name. Throws a
 * CoreAbiError naming the first difference.
 */
export function checkCoreExports(exports: WebAssembly.Exports): { exports: CoreExports; abi: CoreAbi } {
  const version = exportedNumber(exports, "ABI_VERSION");
  if (version !== L.ABI_VERSION) {
    throw new CoreAbiError(`core ABI mismatch: the core has ABI version ${version}, the host was written for ${L.ABI_VERSION}`);
  }
  for (const [name, hostValue] of Object.entries(L)) {
    const coreValue: unknown = exportedGlobal(exports, name).value;
    if (coreValue !== hostValue) {
      const shown = typeof coreValue === "number" || typeof coreValue === "bigint" ? hex(coreValue) : String(coreValue);
      throw new CoreAbiError(`core ABI mismatch: ${name} is ${shown} in the core, ${hex(hostValue)} in the host`);
    }
  }
  const checked: CoreExports = {
    run: exportedFunction(exports, "run", 2),
    resetVcpu: exportedFunction(exports, "resetVcpu", 2),
    flushTlb: exportedFunction(exports, "flushTlb", 1),
    interruptsPending: exportedFunction(exports, "interruptsPending", 1),
    interruptsEnabled: exportedFunction(exports, "interruptsEnabled", 1),
    initRvcTable: exportedFunction(exports, "initRvcTable", 1),
    initDecodeCache: exportedFunction(exports, "initDecodeCache", 1),
    initJit: exportedFunction(exports, "initJit", 4),
    decodeForJit: exportedFunction(exports, "decodeForJit", 2),
    DATA_END: exportedGlobal(exports, "DATA_END"),
  };
  const abi: CoreAbi = {
    version,
    VCPU_BLOCK_SIZE: exportedNumber(exports, "VCPU_BLOCK_SIZE"),
    DEV_MAX: exportedNumber(exports, "DEV_MAX"),
    TLB_ENTRIES: exportedNumber(exports, "TLB_ENTRIES"),
    RVC_TABLE_SIZE: exportedNumber(exports, "RVC_TABLE_SIZE"),
    DECODE_CACHE_SIZE: exportedNumber(exports, "DECODE_CACHE_SIZE"),
    DATA_END: exportedNumber(exports, "DATA_END"),
  };
  return { exports: checked, abi };
}

/** Where the core comes from: a compiled module, its bytes, or a URL / path to fetch them from. */
export type CoreSource = WebAssembly.Module | ArrayBuffer | Uint8Array | URL | string;

const DEFAULT_URL = new URL("../../build/core.wasm", import.meta.url);
/** The same core compiled for a shared memory (threads), for hosts that share it between workers. */
const SHARED_URL = new URL("../../build/core-shared.wasm", import.meta.url);
const defaultModules = new Map<boolean, Promise<WebAssembly.Module>>();

/** The bytes at `url`: read from the file system for file: URLs (Node), fetched otherwise. */
export async function fetchBytes(url: URL): Promise<ArrayBuffer> {
  if (url.protocol === "file:") {
    const { readFile } = await import(/* @vite-ignore */ "node:fs/promises");
    const bytes = await readFile(url);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/**
 * Compiles the core once; later calls with no source reuse the compiled module. `shared` picks
 * the build that imports a shared memory (SharedArrayBuffer), which a shared memory needs.
 */
export function compileCore(source?: CoreSource, options: { shared?: boolean } = {}): Promise<WebAssembly.Module> {
  if (source === undefined) {
    const shared = options.shared ?? false;
    let module = defaultModules.get(shared);
    if (!module) {
      module = fetchBytes(shared ? SHARED_URL : DEFAULT_URL).then((b) => WebAssembly.compile(b));
      defaultModules.set(shared, module);
    }
    return module;
  }
  if (source instanceof WebAssembly.Module) return Promise.resolve(source);
  if (source instanceof URL || typeof source === "string") {
    const url = source instanceof URL ? source : new URL(source, DEFAULT_URL);
    return fetchBytes(url).then((b) => WebAssembly.compile(b));
  }
  return WebAssembly.compile(source as BufferSource);
}

/**
 * Instantiates the core over `memory` (which the core imports as env.memory) and checks that it
 * is the core this host was written for (checkCoreExports): a CoreAbiError otherwise.
 */
export function instantiateCore(module: WebAssembly.Module, memory: WebAssembly.Memory): Core {
  const table = coreTable();
  const instance = new WebAssembly.Instance(module, { env: { memory, table } });
  const { exports, abi } = checkCoreExports(instance.exports);
  return { module, memory, table, exports, abi };
}

/**
 * A function table for a core instance (env.table): run() calls the compiling tier's
 * translated code through it (call_indirect); the tier grows it. Entry 0 stays empty.
 */
export function coreTable(): WebAssembly.Table {
  return new WebAssembly.Table({ element: "anyfunc", initial: 1 });
}
