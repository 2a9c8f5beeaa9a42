// The simulated physical machine: the core loaded over one linear memory that holds every
// vCPU block and every VM's RAM window.

import {
  compileCore, instantiateCore, type Core, type CoreSource,
} from "../core/loader.js";
import { PhysicalMemory } from "./memory.js";
import { Jit, resolveJit, type JitSetting } from "./jit/jit.js";

export interface MachineOptions {
  /** The compiled core or where to load it from; default: the package's build/core.wasm. */
  core?: CoreSource;
  /**
   * Put everything in a shared WebAssembly memory (a SharedArrayBuffer), so that other workers
   * or the page can read vCPU state and guest RAM in place; needs the core's shared build
   * (the default core when no `core` is given) and, in browsers, cross-origin isolation.
   */
  sharedMemory?: boolean;
  /**
   * The compiling tier (src/machine/jit): hot guest code translated to WebAssembly. Default on
   * (or as the environment's RVISOR_JIT says: off, on, eager); false runs the interpreter only.
   */
  jit?: JitSetting;
}

export class Machine {
  readonly core: Core;
  readonly mem: PhysicalMemory;
  /** Where the core instance's decode cache lives (core.abi.DECODE_CACHE_SIZE bytes): the one
   *  region of the memory that every VM's execution writes (isolation tests leave it out). */
  readonly decodeCache: number;
  /** Where the compressed-instruction expansion table lives (every core instance reads it). */
  readonly rvcTable: number;
  /** The core instance's compiling tier, when it is on. */
  readonly jit: Jit | undefined;

  private constructor(core: Core, jit: JitSetting | undefined) {
    this.core = core;
    // Sizes as the loaded core exports them (instantiateCore checked them against layout.ts).
    this.mem = new PhysicalMemory(core.memory, core.abi.DATA_END);
    this.rvcTable = this.mem.alloc(core.abi.RVC_TABLE_SIZE, 4096);
    core.exports.initRvcTable(this.rvcTable);
    // The core instance's decode cache (one per instance, like a physical hart's).
    this.decodeCache = this.mem.alloc(core.abi.DECODE_CACHE_SIZE, 4096);
    core.exports.initDecodeCache(this.decodeCache);
    const options = resolveJit(jit);
    this.jit = options === undefined ? undefined : new Jit(core, this.mem, this.decodeCache, options);
    core.jit = this.jit;
  }

  static async create(options: MachineOptions = {}): Promise<Machine> {
    const shared = options.sharedMemory ?? false;
    resolveJit(options.jit); // a bad setting fails before anything is compiled
    const module = await compileCore(options.core, { shared });
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 65536, shared });
    return new Machine(instantiateCore(module, memory), options.jit);
  }
}
