// A physical hart on its own host thread (parallel mode): a worker (Node worker_threads, a Web
// Worker in the page) with its own instance of the core over the machine's shared memory, which
// runs one vCPU block at a time for the hypervisor thread. The hypervisor keeps every policy:
// it picks the vCPU, sets its clock and budget, serves its exit and re-enters it. Only the
// core's run() happens here, in chunks, so that a kick (an IPI, an interrupt, a remote fence for
// this vCPU) ends a long run within CHUNK instructions instead of at the end of its slice.
//
// The two threads talk through a small shared control block (Int32Array), one per thread:
//
//   word  name    written by   meaning
//   0     STATE   both         STARTING (until the thread's core is ready), IDLE, RUN (hypervisor:
//                              go), DONE (thread: finished), QUIT
//   1     BLOCK   hypervisor   the vCPU block to run
//   2     BUDGET  hypervisor   instructions it may execute
//   3     REASON  thread       the core's EXIT_* code, or FAILED when the core trapped
//   4     KICK    hypervisor   non-zero: end the run at the next chunk boundary
//   5     SHARE   hypervisor   non-zero: another vCPU waits for this physical hart, so a pause
//                              exit (pause-loop exiting) ends the run; else the thread goes on
//   6     MSGLEN  thread       FAILED: the length of the message in words 8..
//   8..   MSG     thread       FAILED: the error's message, one UTF-16 unit per word
//
// and one doorbell shared by all threads: each finished run adds one and wakes the hypervisor,
// which waits on it (Atomics.wait: allowed on Node's main thread and in workers, not on a
// browser page's main thread, so the page runs a parallel hypervisor in a worker).

import { messageOf, RvisorError } from "../errors.js";
import * as L from "../core/layout.js";
import type { Core } from "../core/loader.js";

const STATE = 0, BLOCK = 1, BUDGET = 2, REASON = 3, KICK = 4, SHARE = 5, MSGLEN = 6, MSG = 8;
const IDLE = 0, RUN = 1, DONE = 2, QUIT = 3, STARTING = 4;
/** How long a thread may take to start its core before the hypervisor gives up on it. */
const START_TIMEOUT_MS = 30_000;
const CONTROL_WORDS = 128;
/**
 * Iterations of the spins before sleeping in Atomics.wait, for a hart thread waiting for its
 * next run and the hypervisor thread waiting for a run to end: a few microseconds. Waking from
 * Atomics.wait costs tens of them on a small VM, but longer spins take a core from the other
 * threads. Measured with npm run bench:smp on 2 cores: an IPI round trip on one hart thread
 * 199 µs without the spins and about 20 µs with them; on two hart threads about 230, 96 with
 * these spins and 260 with a thread spinning ten times as long.
 */
const THREAD_SPIN = 2000;
export const SPIN = 2000;
/** REASON when the core trapped (a WebAssembly RuntimeError). */
export const FAILED = -1;
/** Instructions per core run() on the thread: a kick ends a run within this many (~20-40 µs). */
export const CHUNK = 8192;

/**
 * The thread's program, plain JavaScript (a worker runs it as source). `init` holds the core's
 * module, the memory, the thread's control block and the doorbell, and the addresses of the
 * compressed-instruction table and of the thread's own decode cache. It never returns to its
 * event loop: it sleeps in Atomics.wait until the next run.
 */
const THREAD_MAIN = `(init) => {
  const { module, memory, control, doorbell, rvcTable, decodeCache, chunk } = init;
  const ctl = new Int32Array(control), bell = new Int32Array(doorbell);
  const table = new WebAssembly.Table({ element: "anyfunc", initial: 1 });
  const core = new WebAssembly.Instance(module, { env: { memory, table } }).exports;
  core.initRvcTable(rvcTable);
  core.initDecodeCache(decodeCache);
  // Ready: the hypervisor thread waits for this before it runs anything here.
  Atomics.store(ctl, ${STATE}, ${IDLE});
  Atomics.notify(ctl, ${STATE});
  const clockAt = (block) => {
    const v = new DataView(memory.buffer);
    return v.getUint32(block + ${L.CLOCK}, true) + v.getUint32(block + ${L.CLOCK + 4}, true) * 4294967296;
  };
  const pauseExit = (block) => new DataView(memory.buffer).getUint32(block + ${L.EXIT_DETAIL}, true) === ${L.BUDGET_PAUSE};
  for (;;) {
    const state = Atomics.load(ctl, ${STATE});
    if (state === ${QUIT}) break;
    if (state !== ${RUN}) {
      // A short spin first: the next run usually comes within microseconds, and waking from
      // Atomics.wait costs tens of them.
      for (let i = 0; i < ${THREAD_SPIN} && Atomics.load(ctl, ${STATE}) === state; i++);
      if (Atomics.load(ctl, ${STATE}) === state) Atomics.wait(ctl, ${STATE}, state);
      continue;
    }
    const block = ctl[${BLOCK}], budget = ctl[${BUDGET}];
    let reason = ${L.EXIT_BUDGET};
    try {
      const start = clockAt(block);
      for (;;) {
        const left = budget - (clockAt(block) - start);
        if (left <= 0) break;
        reason = core.run(block, Math.min(left, chunk));
        if (reason !== ${L.EXIT_BUDGET} || Atomics.load(ctl, ${KICK}) !== 0) break;
        if (pauseExit(block) && ctl[${SHARE}] !== 0) break;
      }
    } catch (error) {
      reason = ${FAILED};
      const text = String(error && error.message ? error.message : error).slice(0, ${CONTROL_WORDS - MSG});
      for (let i = 0; i < text.length; i++) ctl[${MSG} + i] = text.charCodeAt(i);
      ctl[${MSGLEN}] = text.length;
    }
    ctl[${REASON}] = reason;
    Atomics.store(ctl, ${STATE}, ${DONE});
    Atomics.add(bell, 0, 1);
    Atomics.notify(bell, 0);
  }
}`;

interface ThreadWorker {
  terminate(): unknown;
}

/**
 * Starts a worker running THREAD_MAIN with `init` as its first message, in Node or a browser;
 * `failed` receives an error the worker itself raises (it could not start the core).
 */
async function spawn(init: object, failed: (error: unknown) => void): Promise<ThreadWorker> {
  if (typeof process !== "undefined" && process.versions?.node !== undefined) {
    const { Worker } = await import(/* @vite-ignore */ "node:worker_threads");
    const worker = new Worker(`require("node:worker_threads").parentPort.once("message", (m) => (${THREAD_MAIN})(m));`, { eval: true });
    // A hart thread never keeps the process alive: the hypervisor thread does while it runs.
    worker.unref();
    worker.on("error", failed);
    worker.postMessage(init);
    return worker;
  }
  const url = URL.createObjectURL(new Blob([`self.onmessage = (e) => (${THREAD_MAIN})(e.data);`], { type: "text/javascript" }));
  const worker = new Worker(url);
  worker.onerror = (e) => failed(e.message);
  worker.postMessage(init);
  return worker;
}

export class HartThreadError extends RvisorError {
  override name = "HartThreadError";
}

export class HartThread {
  private readonly ctl: Int32Array;
  private worker: ThreadWorker | undefined;
  private running = false;
  /** What the worker itself failed with (it could not start), if it did. */
  error: unknown;

  private constructor(ctl: Int32Array) {
    this.ctl = ctl;
  }

  /**
   * A thread with its own core instance over `core`'s (shared) memory; `decodeCache` is
   * DECODE_CACHE_SIZE bytes of that memory for its instance alone.
   */
  static async start(core: Core, doorbell: Int32Array, rvcTable: number, decodeCache: number): Promise<HartThread> {
    if (!(core.memory.buffer instanceof SharedArrayBuffer)) throw new HartThreadError("hart threads need the machine's memory to be shared (sharedMemory: true)");
    const thread = new HartThread(new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4)));
    thread.ctl[STATE] = STARTING;
    const init = { module: core.module, memory: core.memory, control: thread.ctl.buffer, doorbell: doorbell.buffer, rvcTable, decodeCache, chunk: CHUNK };
    thread.worker = await spawn(init, (error) => (thread.error = error ?? "the hart thread failed"));
    // Wait (asynchronously: the worker's errors arrive as events) until its core is ready, so
    // that a thread that cannot start is an error here, not a hang of the first run.
    const giveUp = performance.now() + START_TIMEOUT_MS;
    while (Atomics.load(thread.ctl, STATE) === STARTING && thread.error === undefined && performance.now() < giveUp) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const outcome = Atomics.load(thread.ctl, STATE) === STARTING ? "timed-out" : "ok";
    if (thread.error !== undefined || outcome === "timed-out") {
      thread.close();
      throw new HartThreadError(`a hart thread did not start: ${thread.error !== undefined ? messageOf(thread.error) : `no answer within ${START_TIMEOUT_MS} ms`}`);
    }
    return thread;
  }

  /** A run is in flight (started, its result not taken yet). */
  get busy(): boolean {
    return this.running;
  }

  /** The run in flight has ended (poll() takes its result). */
  get done(): boolean {
    return this.running && Atomics.load(this.ctl, STATE) === DONE;
  }

  /**
   * Starts running the vCPU block at `block` for at most `budget` instructions; `share`: a pause
   * exit ends the run (another vCPU waits for this physical hart).
   */
  run(block: number, budget: number, share = false): void {
    const ctl = this.ctl;
    ctl[BLOCK] = block;
    ctl[BUDGET] = budget;
    ctl[SHARE] = share ? 1 : 0;
    ctl[KICK] = 0;
    this.running = true;
    Atomics.store(ctl, STATE, RUN);
    Atomics.notify(ctl, STATE);
  }

  /** Asks the run in flight to end at its next chunk boundary. */
  kick(): void {
    Atomics.store(this.ctl, KICK, 1);
  }

  /** The run's EXIT_* code once it finished (FAILED: see failure), undefined while it runs. */
  poll(): number | undefined {
    if (!this.running || Atomics.load(this.ctl, STATE) !== DONE) return undefined;
    this.running = false;
    Atomics.store(this.ctl, STATE, IDLE);
    return this.ctl[REASON]!;
  }

  /** Why the last run FAILED: the core's error message. */
  get failure(): string {
    const n = this.ctl[MSGLEN]!;
    return String.fromCharCode(...this.ctl.subarray(MSG, MSG + n));
  }

  /** Ends the thread (after its run, if one is in flight). */
  close(): void {
    Atomics.store(this.ctl, STATE, QUIT);
    Atomics.notify(this.ctl, STATE);
    void this.worker?.terminate();
  }
}
