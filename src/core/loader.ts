// Loads the compiled core (build/core.wasm) over a memory the host owns, in Node and in
// browsers alike. Our own loader rather than asc's bindings: those cannot take an imported
// memory (see NOTES.md). Node built-ins are only touched for file: URLs.

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
  readonly DATA_END: WebAssembly.Global;
}

export interface Core {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly exports: CoreExports;
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

/** Instantiates the core over `memory` (which the core imports as env.memory). */
export function instantiateCore(module: WebAssembly.Module, memory: WebAssembly.Memory): Core {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { module, memory, exports: instance.exports as unknown as CoreExports };
}
