// The compiling tier's engine for one core instance: takes the interpreter's requests (hot jump
// targets, assembly/jit.ts), translates their regions (translate.ts), compiles each batch into
// one WebAssembly module over the shared memory, puts the functions in the instance's function
// table and names them in the directory, where the run loop finds them. The engine runs only
// between two run() calls of its instance (Vcpu.run drains it), never during one.
//
// Code memory is bounded: when a batch would take the modules' bytes past the budget, every
// translation is dropped (directory, decode cache, table) and the hot code is translated again
// as it runs. Cost is counted: translations, blocks, bytes of WebAssembly, milliseconds compiling.

import * as L from "../../core/layout.js";
import type { Core } from "../../core/loader.js";
import type { PhysicalMemory } from "../memory.js";
import { RvisorError } from "../../errors.js";
import { discoverRegion, emitRegion, FUNCTION_TYPE, HELPER_TYPE, helperFunctions, isTranslated, type CodeSource, type Insn } from "./translate.js";
import { wasmModule, type WasmFunction } from "./wasm.js";

export interface JitOptions {
  /** Taken jumps to a pc before it is translated: 1 translates at first execution. Default 4096. */
  threshold?: number;
  /** Requests that end a run so that they are compiled at once (1..64). Default 64. */
  batch?: number;
  /** Bytes of WebAssembly kept before every translation is dropped. Default 64 MiB. */
  codeBudget?: number;
}

/**
 * The tier's setting: true (the default thresholds), false (interpreter only), "eager"
 * (translate at first execution, compile at once: the tier as much as it can be), or options.
 */
export type JitSetting = boolean | "eager" | JitOptions;

export class JitConfigError extends RvisorError {
  override name = "JitConfigError";
}

const DEFAULTS: Required<JitOptions> = { threshold: 4096, batch: 64, codeBudget: 64 << 20 };

/**
 * The options `setting` stands for, or undefined when the tier is off. Without a setting the
 * environment's RVISOR_JIT (off, on, eager) decides, else the tier is on: so that a test suite
 * can run with the tier forced on or off.
 */
export function resolveJit(setting: JitSetting | undefined): Required<JitOptions> | undefined {
  let s = setting;
  if (s === undefined) {
    const env = typeof process !== "undefined" ? process.env?.RVISOR_JIT : undefined;
    if (env === "off" || env === "0") s = false;
    else if (env === "eager") s = "eager";
    else if (env === undefined || env === "" || env === "on" || env === "1") s = true;
    else throw new JitConfigError(`RVISOR_JIT=${env}: expected off, on or eager`);
  }
  if (s === false) return undefined;
  if (s === true) return { ...DEFAULTS };
  if (s === "eager") return { ...DEFAULTS, threshold: 1, batch: 1 };
  if (typeof s !== "object" || s === null) throw new JitConfigError(`jit must be true, false, "eager" or options, got ${String(s)}`);
  for (const key of Object.keys(s)) {
    if (!(key in DEFAULTS)) throw new JitConfigError(`jit has no option ${key} (threshold, batch, codeBudget)`);
  }
  const given = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));
  const o = { ...DEFAULTS, ...given };
  const check = (name: string, v: number, lo: number, hi: number): void => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new JitConfigError(`jit.${name} must be an integer from ${lo} to ${hi}, got ${v}`);
  };
  check("threshold", o.threshold, 1, 0xffff);
  check("batch", o.batch, 1, L.JIT_QUEUE_ENTRIES);
  check("codeBudget", o.codeBudget, 4096, 2 ** 31);
  return o;
}

export interface JitStats {
  /** Regions translated (one function each). */
  translations: number;
  /** Basic blocks in them. */
  blocks: number;
  /** Requests for code the translator does not handle (it starts with fence, a CSR, an AMO ...). */
  refused: number;
  /** Modules compiled (one per batch). */
  modules: number;
  /** Bytes of WebAssembly compiled, in all. */
  wasmBytes: number;
  /** Host milliseconds spent translating and compiling. */
  compileMs: number;
  /** Times every translation was dropped (the code budget). */
  flushes: number;
}

// Directory states as the u32 the entry holds (the core's exports read back as i32: -1, -2).
const TOMBSTONE = L.JIT_TOMBSTONE >>> 0;
const REFUSED = L.JIT_REFUSED >>> 0;

const HASH_SHIFT = 32 - Math.log2(L.JIT_DIR_ENTRIES);
const hash = (pc: bigint): number => Math.imul(Number(BigInt.asUintN(32, pc >> 1n)), 0x9e3779b1) >>> HASH_SHIFT;
/** A translation on its way into the table. */
interface Translation {
  /** Its content key: the page's hash and its start offset. */
  key: string;
  page: bigint;
  hostPage: number;
  /** Page offsets of its blocks (block b starts at starts[b]). */
  starts: number[];
  fn?: WasmFunction;
}

/** FNV-1a over the page's 1,024 words. */
function pageHash(view: DataView, hostPage: number): string {
  let h = 0x811c9dc5 | 0, g = 0x01000193 | 0;
  for (let i = 0; i < 4096; i += 4) {
    const w = view.getUint32(hostPage + i, true);
    h = Math.imul(h ^ w, 0x01000193);
    g = Math.imul(g ^ (w >>> 7), 0x85ebca6b);
  }
  return `${(h >>> 0).toString(36)}.${(g >>> 0).toString(36)}`;
}

/**
 * Compiled single-translation modules, for the whole process (a module can be instantiated over
 * any memory of its kind), at most MODULE_CACHE_BYTES of WebAssembly: the second machine that
 * runs the same code eagerly (test suites, several hypervisors) skips translating and compiling.
 */
const compiledModules = new Map<string, { module: WebAssembly.Module; bytes: number; starts: number[] }>();
const MODULE_CACHE_BYTES = 32 << 20;
let compiledBytes = 0;

function cacheModule(key: string, entry: { module: WebAssembly.Module; bytes: number; starts: number[] }): void {
  if (compiledBytes + entry.bytes > MODULE_CACHE_BYTES) {
    compiledModules.clear();
    compiledBytes = 0;
  }
  compiledModules.set(key, entry);
  compiledBytes += entry.bytes;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

export class Jit {
  readonly stats: JitStats = { translations: 0, blocks: 0, refused: 0, modules: 0, wasmBytes: 0, compileMs: 0, flushes: 0 };
  readonly options: Required<JitOptions>;
  private readonly core: Core;
  private readonly mem: PhysicalMemory;
  private readonly decodeCache: number;
  private readonly directory: number;
  private readonly queue: number;
  /** A decoded-entry scratch area for decodeForJit. */
  private readonly scratch: number;
  /** Table slots 1..nextIndex-1 hold translated functions. */
  private nextIndex = 1;
  /** Bytes of the modules whose functions are in the table. */
  private liveBytes = 0;
  /** Why the host could not compile or instantiate translated code (the tier then stops), if it could not. */
  failure: string | undefined;
  /** Installed translations by content (page hash and start offset). */
  private readonly byContent = new Map<string, { index: number; starts: number[] }>();
  private readonly shared: boolean;

  constructor(core: Core, mem: PhysicalMemory, decodeCache: number, options: Required<JitOptions>) {
    this.core = core;
    this.mem = mem;
    this.decodeCache = decodeCache;
    this.options = options;
    this.directory = mem.alloc(L.JIT_DIRECTORY_SIZE, 4096);
    this.queue = mem.alloc(L.JIT_QUEUE_SIZE, 64);
    this.scratch = mem.alloc(L.ENTRY_SIZE, 16);
    this.shared = typeof SharedArrayBuffer !== "undefined" && core.memory.buffer instanceof SharedArrayBuffer;
    core.exports.initJit(this.directory, this.queue, options.threshold, options.batch);
  }

  /** The memory the tier writes while guests run (like the decode cache): its directory, queue and scratch entry. */
  regions(): { name: string; start: number; end: number }[] {
    return [
      { name: "jit directory", start: this.directory, end: this.directory + L.JIT_DIRECTORY_SIZE },
      { name: "jit queue", start: this.queue, end: this.queue + L.JIT_QUEUE_SIZE },
      { name: "jit scratch", start: this.scratch, end: this.scratch + L.ENTRY_SIZE },
    ];
  }

  /** Translates and installs what the interpreter asked for since the last call. */
  drain(): void {
    const view = this.mem.view;
    const count = Math.min(view.getUint32(this.queue, true), L.JIT_QUEUE_ENTRIES);
    if (count === 0) return;
    view.setUint32(this.queue, 0, true);
    const start = now();
    const seen = new Set<string>();
    const pageKeys = new Map<number, string>();
    const fresh: Translation[] = [];
    const entries: number[] = [];
    for (let k = 0; k < count; k++) {
      const at = this.queue + 16 + k * 16;
      const pc = view.getBigUint64(at, true);
      const host = view.getUint32(at + 8, true);
      entries.push(view.getUint32(at + 12, true));
      const where = `${pc}:${host}`;
      if (seen.has(where) || this.find(pc, host) !== 0) continue;
      seen.add(where);
      if (this.failure !== undefined) { // the host cannot compile: the interpreter keeps it all
        this.insert(pc, host, REFUSED, 0);
        continue;
      }
      const off = Number(pc & 0xfffn);
      const hostPage = host - off;
      const page = pc - BigInt(off);
      if (hostPage < 0 || hostPage + 4096 > view.byteLength) {
        this.stats.refused++;
        this.insert(pc, host, REFUSED, 0);
        continue;
      }
      // A translation depends only on the page's bytes and where it starts in the page: the
      // same code elsewhere (another VM's copy of the kernel, a reboot) shares it. A hash that
      // collides costs time only: the code checks its bytes before it runs them.
      let pageKey = pageKeys.get(hostPage);
      if (pageKey === undefined) pageKeys.set(hostPage, (pageKey = pageHash(view, hostPage)));
      const key = `${pageKey}:${off}`;
      const made = this.byContent.get(key);
      if (made !== undefined) {
        this.name(page, hostPage, made.index, made.starts);
        continue;
      }
      const cached = compiledModules.get(`${this.shared}:${key}`);
      if (cached !== undefined) {
        this.compiled(() => this.installModule(cached.module, cached.bytes, [{ key, page, hostPage, starts: cached.starts }]));
        continue;
      }
      const source = this.source(view, hostPage);
      const region = discoverRegion(source, off);
      if (region === undefined) {
        this.stats.refused++;
        this.insert(pc, host, REFUSED, 0);
        continue;
      }
      fresh.push({ key, page, hostPage, starts: region.blocks.map((b) => b.start), fn: { ...emitRegion(region, source), name: String(fresh.length) } });
    }
    if (fresh.length > 0) {
      const bytes = wasmModule([FUNCTION_TYPE, HELPER_TYPE], [...helperFunctions(), ...fresh.map((f) => f.fn!)], { shared: this.shared, maximum: 65536 });
      this.compiled(() => {
        const module = new WebAssembly.Module(bytes);
        this.stats.modules++;
        this.stats.wasmBytes += bytes.length;
        // Lone translations (every one, translating eagerly) are kept compiled for the process:
        // the next machine that runs the same code instantiates them instead.
        if (fresh.length === 1) cacheModule(`${this.shared}:${fresh[0]!.key}`, { module, bytes: bytes.length, starts: fresh[0]!.starts });
        this.installModule(module, bytes.length, fresh);
      });
      if (this.failure !== undefined) for (const f of fresh) this.insert(f.page + BigInt(f.starts[0]!), f.hostPage + f.starts[0]!, REFUSED, 0);
    }
    // Decode entries that asked are decoded again: they find their translation in the directory.
    for (const e of entries) {
      if (e >= this.decodeCache && e < this.decodeCache + this.core.abi.DECODE_CACHE_SIZE && e % L.ENTRY_SIZE === 0) {
        this.mem.view.setUint8(e + L.E_OP, 0);
      }
    }
    this.stats.compileMs += now() - start;
  }

  /**
   * Runs `compile` (compiling or instantiating a module); if the host refuses (a browser's main
   * thread does not compile large modules synchronously, a Content Security Policy without
   * 'wasm-unsafe-eval' none at all), the tier stops for good and says why: guests run on,
   * interpreted.
   */
  private compiled(compile: () => void): void {
    if (this.failure !== undefined) return;
    try {
      compile();
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
    }
  }

  /** Instantiates `module` (functions "0".. for `made`), puts them in the table and names their blocks. */
  private installModule(module: WebAssembly.Module, bytes: number, made: Translation[]): void {
    if (this.liveBytes + bytes > this.options.codeBudget) this.flush();
    const instance = new WebAssembly.Instance(module, { env: { memory: this.core.memory } });
    this.liveBytes += bytes;
    const table = this.core.table;
    const first = this.nextIndex;
    if (table.length < first + made.length) table.grow(first + made.length - table.length);
    this.nextIndex += made.length;
    for (let k = 0; k < made.length; k++) {
      const t = made[k]!;
      table.set(first + k, instance.exports[String(k)] as (...args: unknown[]) => unknown);
      this.stats.translations++;
      this.stats.blocks += t.starts.length;
      this.byContent.set(t.key, { index: first + k, starts: t.starts });
      this.name(t.page, t.hostPage, first + k, t.starts);
    }
  }

  /** Names every block of the function at table `index` for the page at `page` (host `hostPage`). */
  private name(page: bigint, hostPage: number, index: number, starts: readonly number[]): void {
    for (let b = 0; b < starts.length; b++) {
      const off = starts[b]!;
      this.insert(page + BigInt(off), hostPage + off, index, b);
    }
  }

  /** Drops every translation: the directory, the decode cache's OP_JIT entries, the table. */
  flush(): void {
    this.mem.bytes.fill(0, this.directory, this.directory + L.JIT_DIRECTORY_SIZE);
    this.core.exports.initDecodeCache(this.decodeCache);
    for (let i = 1; i < this.nextIndex; i++) this.core.table.set(i, null);
    this.nextIndex = 1;
    this.liveBytes = 0;
    this.byContent.clear();
    this.stats.flushes++;
  }

  /** The page's instructions as the interpreter decodes them, and its bytes. */
  private source(view: DataView, hostPage: number): CodeSource {
    const exports = this.core.exports;
    const scratch = this.scratch;
    const mem = this.mem;
    const cache = new Map<number, Insn | undefined>();
    return {
      byte: (off) => view.getUint8(hostPage + off),
      insn: (off) => {
        if (cache.has(off)) return cache.get(off);
        let insn: Insn | undefined;
        const low = view.getUint16(hostPage + off, true);
        const compressed = (low & 3) !== 3;
        if (off <= 0xffc || compressed) {
          const bits = off <= 0xffc ? view.getUint32(hostPage + off, true) : low;
          exports.decodeForJit(scratch, bits);
          const v = mem.view;
          const op = v.getUint8(scratch + L.E_OP);
          if (isTranslated(op)) {
            const rd = v.getUint16(scratch + L.E_RD, true);
            insn = {
              off,
              op,
              rd: op === L.OP_BRANCH_FAR ? rd : rd === L.X0_SINK ? 0 : rd >> 3,
              rs1: v.getUint8(scratch + L.E_RS1) >> 3,
              rs2: v.getUint8(scratch + L.E_RS2) >> 3,
              imm: v.getInt32(scratch + L.E_IMM, true),
              len: v.getUint8(scratch + L.E_STEP) === 16 ? 2 : 4,
            };
          }
        }
        cache.set(off, insn);
        return insn;
      },
    };
  }

  /** The directory entry for (pc, host), or 0. */
  private find(pc: bigint, host: number): number {
    const view = this.mem.view;
    let i = hash(pc);
    for (let n = 0; n < L.JIT_PROBES; n++) {
      const e = this.directory + i * 32;
      const state = view.getUint32(e + 12, true);
      if (state === L.JIT_EMPTY) return 0;
      if (state !== TOMBSTONE && view.getBigUint64(e, true) === pc && view.getUint32(e + 8, true) === host) return e;
      i = (i + 1) & (L.JIT_DIR_ENTRIES - 1);
    }
    return 0;
  }

  /**
   * Names (pc, host) in the directory. When its probe sequence is full, the entry at its first
   * probe gives way: a directory entry only says where translated code starts (the code stays in
   * the table, decode entries that reach it stay right), so losing one costs a request at most.
   */
  private insert(pc: bigint, host: number, state: number, block: number): void {
    const view = this.mem.view;
    const home = hash(pc);
    let i = home;
    let at = this.directory + home * 32;
    for (let n = 0; n < L.JIT_PROBES; n++) {
      const e = this.directory + i * 32;
      const s = view.getUint32(e + 12, true);
      if (s === L.JIT_EMPTY || s === TOMBSTONE || (view.getBigUint64(e, true) === pc && view.getUint32(e + 8, true) === host)) {
        at = e;
        break;
      }
      i = (i + 1) & (L.JIT_DIR_ENTRIES - 1);
    }
    view.setBigUint64(at, pc, true);
    view.setUint32(at + 8, host, true);
    view.setUint32(at + 16, block, true);
    view.setUint32(at + 12, state, true);
  }

}
