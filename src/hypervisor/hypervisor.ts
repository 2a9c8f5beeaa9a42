// The hypervisor: owns the simulated physical machine (one physical hart, the physical clock
// and the one physical timer), runs any number of VMs on it round-robin, and virtualizes time:
//
//   1. A guest programs its timer (a CLINT store, an SBI call, or with Sstc a CSR write that
//      never leaves the core). The VM's virtual timer records the deadline.
//   2. The hypervisor programs the physical timer for min(every VM's deadline, its own
//      scheduler tick), and runs the current vCPU with a budget that ends there.
//   3. When the physical timer fires, the hypervisor takes it first: it marks the virtual
//      timer interrupt of every VM whose deadline passed (MTIP or STIP) and wakes that VM; the
//      guest's own handler runs when the VM next runs.
//   4. When every vCPU waits for an interrupt, the clock skips to the physical timer.
//
// Time is deterministic by default: the clock advances only with instructions retired (a
// nominal 100 MIPS, so 10 per mtime tick), with skipped idle time and, with an exit cost model
// (exitCost, src/hypervisor/exit-cost.ts), with the guest cycles each exit costs. Same guests,
// same inputs: same consoles and the same exit sequence. In real-time mode the clock also follows
// the host's (it never runs behind it), and idle time is waited out instead of skipped.

import * as L from "../core/layout.js";
import type { ExitReason } from "../core/vcpu.js";
import { Machine, type MachineOptions } from "../machine/machine.js";
import { formatStats, type VmReport } from "../vm/stats.js";
import { VmConfigError } from "../errors.js";
import { CLOCK_PER_MS, NEVER } from "../time.js";
import type { VmOptions } from "../vm/options.js";
import { NetworkSwitch } from "../net/switch.js";
import { Vm } from "../vm/vm.js";
import type { Hart } from "../vm/hart.js";
import { Scheduler } from "./scheduler.js";
import { exitName } from "../core/vcpu.js";
import { FAILED, HartThread, HartThreadError, SPIN } from "../machine/hart-thread.js";
import { isFree, resolveExitCosts, type ExitCostOption, type ExitCosts } from "./exit-cost.js";

/** The scheduler's quantum: 1 ms of guest time at the nominal rate. */
export const DEFAULT_QUANTUM = 100_000;
/** The most a single run() may be asked to do (the core's budget is a u32; V8 prefers short calls). */
const MAX_SLICE = 1 << 18;
/**
 * Parallel mode: the longest run on a hart thread while no other vCPU waits for a physical
 * hart (the thread calls the core in short chunks; a kick ends it early). Each run costs a
 * round trip between the threads, tens of microseconds.
 */
const PARALLEL_MAX_SLICE = 1 << 22;

/** The most physical harts a machine can have. */
export const MAX_PHYSICAL_HARTS = 8;
/**
 * Deterministic mode with several physical harts: how far (clock units) one may run ahead of
 * the one furthest behind before the next takes its turn: 0.1 ms of guest time. Guests on
 * different harts see each other's time at most this far apart.
 */
export const LOCKSTEP_WINDOW = 10_000n;

export interface HypervisorOptions extends MachineOptions {
  /** Instructions a vCPU runs before the scheduler moves on; default 100,000 (1 ms). */
  quantum?: number;
  /**
   * The physical machine's harts, 1..MAX_PHYSICAL_HARTS (default 1): the scheduler runs every
   * VM's vCPUs on them. Deterministic mode interleaves them on this thread in a fixed order
   * (each with its own clock, none more than LOCKSTEP_WINDOW ahead of the others).
   */
  harts?: number;
  /**
   * Parallel mode: each physical hart runs the core on its own host thread (a worker) over the
   * shared memory, the hypervisor thread serving their exits. Faster with several harts and
   * host cores, but not reproducible bit for bit: the threads' interleaving decides which
   * guest store lands first. Implies sharedMemory. Its hypervisor thread waits with
   * Atomics.wait, which a browser page's main thread may not: run it in a worker there.
   */
  parallel?: boolean;
  /** Stop every VM after this many guest instructions in total (all VMs). */
  maxInsns?: number;
  /** Receives every event: exits, physical timer programming, injections, scheduling. */
  onEvent?: (event: HypervisorEvent) => void;
  /**
   * deterministic (default): time advances with instructions and skipped idle time only.
   * realtime: time also follows the host clock, idle VMs wait in real time, and VMs waiting
   * for input with nothing else to wake them keep waiting (interactive use).
   * In either mode a VM whose input is held open (vm.holdInput()) waits for it, and one whose
   * holds were all released is stopped once nothing else can wake it.
   */
  timeMode?: "deterministic" | "realtime";
  /**
   * What each exit costs the guest in guest cycles (clock units), charged to the physical clock:
   * 0 (default: exits are free, the pure instruction clock), N (every guest-caused exit, all
   * but budget), "kvm" (KVM's measured exit costs) or cycles per exit reason. See
   * src/hypervisor/exit-cost.ts for when each is charged and where the figures come from.
   */
  exitCost?: ExitCostOption;
}

/** How far guest time may run ahead of wall time in real-time mode: 1 ms. */
const REALTIME_LEAD = BigInt(CLOCK_PER_MS);

/**
 * What the hypervisor does, as it does it. `clock` is the physical clock (nominal
 * instructions); `at` is host time (performance.now() milliseconds) when the event ended.
 *   run       a vCPU executed guest code for `hostMs` and `instructions`
 *   exit      the hypervisor handled an exit of that vCPU, taking `hostMs`
 *   timer     the physical timer was programmed for `deadline`
 *   inject    `count` virtual timer interrupts were injected into a VM (the earliest `deadline`)
 *   irq       a VM's handler took its timer interrupt `latency` clock units after the deadline
 *   schedule  the scheduler put a VM's vCPU (`hart`) on the physical hart
 *   notify    a VM's driver notified virtio `device`'s `queue` (a QueueNotify store)
 *   device-error  a VM's virtio `device` broke on what its driver did and needs a reset (`reason`)
 */
export type HypervisorEvent =
  | { type: "run"; clock: bigint; at: number; vm: number; hart: number; hostMs: number; instructions: number }
  | { type: "exit"; clock: bigint; at: number; vm: number; hart: number; reason: ExitReason; hostMs: number; device?: string }
  | { type: "timer"; clock: bigint; at: number; deadline: bigint }
  | { type: "inject"; clock: bigint; at: number; vm: number; count: number; deadline: bigint }
  | { type: "irq"; clock: bigint; at: number; vm: number; latency: number }
  | { type: "schedule"; clock: bigint; at: number; vm: number; hart: number }
  | { type: "notify"; clock: bigint; at: number; vm: number; device: string; queue: number }
  | { type: "device-error"; clock: bigint; at: number; vm: number; device: string; reason: string };

/**
 * A physical hart: its own clock, the vCPU it runs (an index into vcpus, or -1) and the end of
 * that vCPU's quantum (deterministic mode: on the hart's clock; parallel mode: the instructions
 * left of it, as runs on different threads overlap in guest time).
 */
interface PhysicalHart {
  clock: bigint;
  current: number;
  sliceEnd: bigint;
  quantumLeft: number;
}

/** A vCPU as the scheduler sees it: a hart of a VM. */
interface ScheduledHart {
  readonly vm: Vm;
  /** The VM's index in vms (events and the exit digest name VMs by it). */
  readonly index: number;
  readonly hart: Hart;
  /**
   * Several physical harts (deterministic mode): the clock its next run may start at, at the
   * earliest — where its last run ended, or when the physical timer woke it. A vCPU's own time
   * never runs backwards, whichever physical hart it runs on, and it never sees its timer
   * interrupt before its deadline.
   */
  notBefore: bigint;
}

export class Hypervisor {
  readonly machine: Machine;
  readonly vms: Vm[] = [];
  /** Every VM's harts, in creation order: what the scheduler schedules. */
  private readonly vcpus: ScheduledHart[] = [];
  /** A hart's index in vcpus. */
  private readonly vcpuIndex = new Map<Hart, number>();
  // Read-only to users (the setters are private): only the hypervisor moves time and the timer.
  private _clock = 0n;
  /** The physical clock, in nominal instructions (10 per mtime tick). */
  get clock(): bigint { return this._clock; }
  private set clock(clock: bigint) { this._clock = clock; }
  private _timerDeadline = NEVER;
  /** The physical timer's deadline (clock units); NEVER when off. */
  get timerDeadline(): bigint { return this._timerDeadline; }
  private set timerDeadline(deadline: bigint) { this._timerDeadline = deadline; }
  private _exitDigest = 0xcbf2_9ce4_8422_2325n;
  /** FNV-1a over the exit sequence (vm and hart, reason, clock): equal runs have equal digests. */
  get exitDigest(): bigint { return this._exitDigest; }
  private set exitDigest(digest: bigint) { this._exitDigest = digest; }
  private _exitCount = 0;
  /** Exits handled so far, every VM's. */
  get exitCount(): number { return this._exitCount; }
  private set exitCount(count: number) { this._exitCount = count; }
  private readonly quantum: number;
  private readonly maxInsns: number;
  private readonly onEvent: ((event: HypervisorEvent) => void) | undefined;
  private readonly realtime: boolean;
  /** Host time (performance.now()) at guest clock 0, in real-time mode; moved by pauses. */
  private hostStart = performance.now();
  /** Real-time mode: pause() stopped guest time; the next runFor() re-anchors the host clock. */
  private timeStopped = false;
  /** Real-time mode: a step() while paused, which skips idle time as deterministic mode does. */
  private stepping = false;
  /**
   * Every vCPU waits until this clock value (real-time mode); run() sleeps until then. NEVER:
   * they wait for input or an IRQ from the host, and run() awaits inputChanged().
   */
  private sleepUntil: bigint | undefined;
  /** Resolves the wait of a run() whose VMs all wait for input. */
  private wakeRun: (() => void) | undefined;
  private paused = false;
  private readonly scheduler = new Scheduler();
  /** The physical harts; `sliceEnd` is the running one's quantum end (the scheduler tick). */
  private readonly physical: PhysicalHart[];
  /** The physical hart whose turn it is (deterministic mode). */
  private atWork: PhysicalHart | undefined;
  /** Parallel mode: each physical hart's thread, what it runs, and the doorbell they ring when a run ends. */
  private threads: HartThread[] = [];
  private readonly inFlight: ({ c: ScheduledHart; t0: number; before: bigint; long: boolean; reboots: number } | undefined)[] = [];
  private readonly doorbell = new Int32Array(typeof SharedArrayBuffer === "undefined" ? new ArrayBuffer(4) : new SharedArrayBuffer(4));
  private doorbellSeen = 0;
  private sliceEnd = NEVER;
  private readonly switches = new Map<string, NetworkSwitch>();
  /** Guest cycles each exit reason costs (all 0 by default). */
  readonly exitCosts: ExitCosts;
  /** Harts that exited on wfi since they last ran: their wfi cost is charged when they are entered again. */
  private readonly waking = new Set<Hart>();

  private constructor(machine: Machine, options: HypervisorOptions) {
    const { maxInsns, onEvent, timeMode } = options;
    // A budget that is not a whole number gives the core runs of 0 instructions: the scheduler would spin.
    if (maxInsns !== undefined && maxInsns !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(maxInsns) && maxInsns > 0)) {
      throw new VmConfigError(`maxInsns must be a positive integer, got ${String(maxInsns)}`);
    }
    if (onEvent !== undefined && typeof onEvent !== "function") throw new VmConfigError(`onEvent must be a function, got ${typeof onEvent}`);
    if (timeMode !== undefined && timeMode !== "deterministic" && timeMode !== "realtime") {
      throw new VmConfigError(`timeMode must be "deterministic" or "realtime", got ${String(timeMode)}`);
    }
    this.machine = machine;
    this.quantum = options.quantum ?? DEFAULT_QUANTUM;
    if (!Number.isInteger(this.quantum) || this.quantum < 1) throw new VmConfigError(`quantum must be a positive integer, got ${options.quantum}`);
    this.maxInsns = options.maxInsns ?? Number.POSITIVE_INFINITY;
    this.onEvent = options.onEvent;
    this.realtime = options.timeMode === "realtime";
    this.exitCosts = resolveExitCosts(options.exitCost);
    const harts = options.harts ?? 1;
    if (!Number.isInteger(harts) || harts < 1 || harts > MAX_PHYSICAL_HARTS) {
      throw new VmConfigError(`harts (physical harts) must be an integer from 1 to ${MAX_PHYSICAL_HARTS}, got ${String(options.harts)}`);
    }
    this.physical = Array.from({ length: harts }, () => ({ clock: 0n, current: -1, sliceEnd: NEVER, quantumLeft: 0 }));
  }

  /** The host clock in physical clock units (real-time mode). */
  private hostClock(): bigint {
    return BigInt(Math.floor((performance.now() - this.hostStart) * CLOCK_PER_MS));
  }

  /**
   * Real-time mode: the clock never runs behind the host's, and a guest faster than the nominal
   * rate is held back (run() sleeps) once it gets more than REALTIME_LEAD ahead, so that guest
   * time and wall time stay within a millisecond of each other. Not while stepping a paused
   * hypervisor: its guest time is stopped, and a step that takes wall time (a loaded host) must
   * not move the clock by it.
   */
  private followHost(): void {
    if (!this.realtime || this.stepping) return;
    const h = this.hostClock();
    if (h > this.clock) this.clock = h;
    else if (this.clock - h > REALTIME_LEAD) this.sleepUntil = this.clock - REALTIME_LEAD;
  }

  static async create(options: HypervisorOptions = {}): Promise<Hypervisor> {
    const parallel = options.parallel ?? false;
    if (typeof parallel !== "boolean") throw new VmConfigError(`parallel must be a boolean, got ${typeof parallel}`);
    if (parallel && options.sharedMemory === false) throw new VmConfigError("parallel mode runs hart threads over a shared memory: it cannot go with sharedMemory: false");
    if (parallel && options.timeMode === "realtime") throw new VmConfigError("parallel mode keeps its own clock: it cannot go with timeMode \"realtime\" (yet)");
    // Hart threads run their own core instances, without the compiling tier (for now): a
    // parallel hypervisor has none, rather than one that never runs.
    const jit = parallel ? false : options.jit;
    const hv = new Hypervisor(await Machine.create({ ...options, sharedMemory: options.sharedMemory ?? parallel, jit }), options);
    if (parallel) {
      const { core, mem } = hv.machine;
      hv.threads = await Promise.all(hv.physical.map(() => HartThread.start(core, hv.doorbell, hv.machine.rvcTable, mem.alloc(core.abi.DECODE_CACHE_SIZE, 4096))));
    }
    return hv;
  }

  /** True when the physical harts run on hart threads (the parallel option). */
  get parallel(): boolean {
    return this.threads.length > 0;
  }

  /** Ends the hart threads of parallel mode (after the runs in flight); the hypervisor cannot run after it. */
  close(): void {
    try {
      this.drain();
    } catch {
      // Closing anyway: a broken thread or a throwing listener must not keep the threads alive.
    } finally {
      for (const t of this.threads) t.close();
      this.threads = [];
    }
  }

  /**
   * The virtual switch named `name`, created on first use: VMs whose virtio-net devices are on
   * it exchange Ethernet frames, and you can attach ports of your own (switch.attach).
   */
  networkSwitch(name: string): NetworkSwitch {
    let network = this.switches.get(name);
    if (network === undefined) {
      network = new NetworkSwitch(name);
      this.switches.set(name, network);
    }
    return network;
  }

  /** Creates a VM on this machine; load its guest with vm.loadElf(). */
  createVm(options: VmOptions = {}): Vm {
    const index = this.vms.length;
    const vm = new Vm(this.machine, { name: options.name ?? `vm${index}`, ...options }, {
      realtime: this.realtime,
      now: () => this.clock,
      // Parallel mode: a run that started earlier may end before the clock another reached.
      ranTo: (clock) => {
        if (clock > this.clock) this.clock = clock;
      },
      settle: (hart) => this.settle(hart),
      timersChanged: () => this.programTimer(),
      interruptTaken: (latency, clock) => this.onEvent?.({ type: "irq", clock, at: performance.now(), vm: index, latency }),
      inputChanged: () => this.inputChanged(),
      woke: (hart) => this.woke(hart),
      // Only with a listener: notifications are frequent, and the event costs a host clock read.
      deviceEvent: this.onEvent && ((e) => {
        const at = performance.now();
        if (e.kind === "notify") this.onEvent?.({ type: "notify", clock: this.clock, at, vm: index, device: e.device, queue: e.queue });
        else this.onEvent?.({ type: "device-error", clock: this.clock, at, vm: index, device: e.device, reason: e.reason });
      }),
    });
    this.vms.push(vm);
    for (const hart of vm.harts) {
      this.vcpuIndex.set(hart, this.vcpus.length);
      this.vcpus.push({ vm, index, hart, notBefore: 0n });
    }
    this.inputChanged();
    return vm;
  }

  /** Something from outside the guests may wake a VM: a run() waiting for input goes on. */
  private inputChanged(): void {
    const wake = this.wakeRun;
    this.wakeRun = undefined;
    wake?.();
  }

  /**
   * True when the last runFor() ended because every VM that has not stopped waits for input or
   * an IRQ from the host with no timer armed: calling runFor() again does nothing until then.
   */
  get waitingForInput(): boolean {
    return this.sleepUntil === NEVER && this.active;
  }

  get instructions(): number {
    return this.vms.reduce((n, vm) => n + vm.instructions, 0);
  }

  /** True while some VM has not stopped. */
  get active(): boolean {
    return this.vms.some((vm) => vm.state !== "stopped");
  }

  /**
   * Programs the physical timer for the earliest deadline of every VM and the scheduler tick.
   * With several physical harts, each has its own timer: vCPUs running on another hart are that
   * hart's to serve (its clock, not this one's, must reach their deadlines).
   */
  private programTimer(): void {
    let deadline = this.sliceEnd;
    const elsewhere = this.runningElsewhere();
    for (const vm of this.vms) {
      if (vm.state === "stopped") continue;
      const d = vm.nextDeadline(elsewhere);
      if (d < deadline) deadline = d;
    }
    if (deadline !== this.timerDeadline) {
      this.timerDeadline = deadline;
      this.onEvent?.({ type: "timer", clock: this.clock, at: performance.now(), deadline });
    }
  }

  /**
   * The physical timer interrupt, taken by the hypervisor: inject what is due into each VM. A
   * VM woken from wfi preempts the one running (wake-up preemption, as a host scheduler gives
   * an interactive task), so that its handler runs within instructions of the deadline.
   */
  private physicalTimerInterrupt(): void {
    const elsewhere = this.runningElsewhere();
    this.vms.forEach((vm, index) => {
      if (vm.state === "stopped") return;
      const waiting = vm.harts.map((h) => h.state === "waiting");
      // A vCPU that gets its timer interrupt now runs from this clock on, on whichever physical
      // hart takes it: none behind this one may let it see the interrupt before its deadline.
      const { count, deadline } = vm.injectDueTimers(this.clock, elsewhere, (hart) => this.notBefore(hart, this.clock));
      if (count > 0) this.onEvent?.({ type: "inject", clock: this.clock, at: performance.now(), vm: index, count, deadline: deadline ?? this.clock });
      vm.harts.forEach((hart, id) => {
        if (!waiting[id] || hart.state !== "running") return;
        this.woke(hart);
      });
    });
    this.programTimer();
  }

  /**
   * The vCPUs running on a physical hart other than the one at work now (deterministic mode),
   * or on a hart thread (parallel mode): their time is not this one's.
   */
  private runningElsewhere(): Set<Hart> | undefined {
    if (this.physical.length === 1) return undefined;
    const set = new Set<Hart>();
    if (this.parallel) {
      for (const f of this.inFlight) if (f) set.add(f.c.hart);
    } else {
      for (const h of this.physical) if (h !== this.atWork && h.current >= 0) set.add(this.vcpus[h.current]!.hart);
    }
    return set;
  }

  /**
   * Runs VMs until every one has stopped or `hostMs` of host time has passed; returns whether
   * any VM is still active. Call it again to continue (e.g. after yielding to an event loop).
   */
  runFor(hostMs: number, maxSteps = Number.POSITIVE_INFINITY): boolean {
    if (this.timeStopped) {
      // The host time spent paused does not pass on the guest clock: it continues where it stopped.
      this.timeStopped = false;
      this.hostStart = performance.now() - Number(this.clock) / CLOCK_PER_MS;
    }
    const until = performance.now() + hostMs;
    this.sleepUntil = undefined;
    // A host that calls again at once (a worker's slice loop) must not run a guest that is ahead.
    this.followHost();
    // Time that passed outside the turns (the host's clock, in real time) passed on every hart.
    // Only then: where runFor() calls begin depends on host time, and deterministic mode must not.
    if (this.realtime) for (const h of this.physical) if (h.clock < this.clock) h.clock = this.clock;
    for (let steps = 0; steps < maxSteps && this.active && (steps === 0 || performance.now() < until) && this.sleepUntil === undefined; steps++) {
      if (this.instructions >= this.maxInsns) {
        for (const vm of this.vms) {
          if (vm.state !== "stopped") vm.stop({ outcome: "max-insns", exitCode: -1, reason: `stopped after ${this.instructions} instructions in total (the limit)` });
        }
        break;
      }
      if (this.parallel) this.parallelStep();
      else this.turn();
    }
    // Nothing runs on a hart thread between calls: the guests' state is the host's to read.
    this.drain();
    // Between calls the clock is the latest of the physical harts'.
    this.clock = this.latestClock();
    return this.active;
  }

  // ---- parallel mode: the physical harts on hart threads ---------------------------------------
  //
  // The hypervisor thread keeps every decision: it puts a vCPU on each idle physical hart (a
  // thread), waits until some run ends, serves that exit here, and goes on. Time is the latest
  // clock any run reached (runs on different threads overlap in guest time as in host time); a
  // run's budget ends at the physical timer's deadline as in deterministic mode. What must reach
  // a vCPU while it runs on a thread kicks that run to an end within CHUNK instructions.

  /** Starts runs on idle threads, waits for one to end and serves what ended. */
  private parallelStep(): void {
    if (this.timerFired()) this.physicalTimerInterrupt();
    for (let p = 0; p < this.threads.length; p++) if (!this.threads[p]!.busy) this.dispatch(p);
    if (!this.threads.some((t) => t.busy)) {
      this.idle();
      return;
    }
    // The doorbell may have rung for a run that a settle() already served: look before waiting.
    if (!this.threads.some((t) => t.done)) this.waitForThread();
    for (let p = 0; p < this.threads.length; p++) this.collect(p);
  }

  /** Puts the next vCPU (or the current one, while its quantum lasts) on physical hart `p`'s thread. */
  private dispatch(p: number): void {
    const ph = this.physical[p]!;
    // Another vCPU waits for a physical hart: quanta apply (else the current one runs on).
    const contended = this.contended();
    if (ph.current >= 0 && (!this.runnable(this.vcpus[ph.current]!) || (contended && (ph.quantumLeft <= 0 || this.scheduler.preempt)))) this.endQuantum(ph);
    if (ph.current < 0) {
      const next = this.scheduler.pick(this.vcpus.length, (i) => this.runnable(this.vcpus[i]!));
      if (next < 0) return;
      ph.current = next;
      const { index, hart } = this.vcpus[next]!;
      this.onEvent?.({ type: "schedule", clock: this.clock, at: performance.now(), vm: index, hart: hart.id });
      this.scheduler.start(next);
      ph.quantumLeft = this.quantum;
    }
    const c = this.vcpus[ph.current]!;
    const { vm, hart } = c;
    if (this.waking.delete(hart)) this.charge(vm, "wfi", this.exitCosts.wfi);
    const left = this.maxInsns - this.instructions;
    if (left <= 0) return;
    this.sliceEnd = NEVER;
    this.programTimer();
    const slice = contended ? Math.min(Math.max(ph.quantumLeft, 1), MAX_SLICE) : PARALLEL_MAX_SLICE;
    const budget = Math.max(1, Math.min(Number(this.timerDeadline - this.clock), slice, left));
    const t0 = performance.now();
    if (!hart.enter()) {
      hart.failedToEnter(t0);
      return;
    }
    hart.vcpu.set(L.CLOCK, this.clock);
    const thread = this.threads[p]!;
    hart.kick = () => thread.kick();
    this.inFlight[p] = { c, t0, before: this.clock, long: !contended, reboots: vm.stats.reboots };
    // Uncontended, the thread goes on after a pause exit itself: no one waits for its hart.
    thread.run(hart.vcpu.block, budget, contended);
  }

  /**
   * A vCPU became runnable (woken by an interrupt or an IPI). In parallel mode, when every hart
   * thread is busy, runs that took the long slice (nobody was waiting then) are kicked, so that
   * the scheduler can give a physical hart to the woken one.
   */
  private woke(hart: Hart): void {
    // Woken by something that happened at this clock (a timer, another hart's IPI or
    // hart_start): it runs from then on, whichever physical hart takes it.
    this.notBefore(hart, this.clock);
    this.scheduler.woke(this.vcpuIndex.get(hart)!);
    if (!this.parallel || this.threads.some((t) => !t.busy)) return;
    for (const f of this.inFlight) if (f?.long) f.c.hart.kick?.();
  }

  /** Blocks until some thread's run ended (the doorbell rang since last seen). */
  private waitForThread(): void {
    for (;;) {
      const rung = Atomics.load(this.doorbell, 0);
      if (rung !== this.doorbellSeen) {
        this.doorbellSeen = rung;
        return;
      }
      for (let i = 0; i < SPIN && Atomics.load(this.doorbell, 0) === rung; i++);
      if (Atomics.load(this.doorbell, 0) === rung) Atomics.wait(this.doorbell, 0, rung, 100);
      const broken = this.threads.find((t) => t.error !== undefined);
      if (broken) throw new HartThreadError(`a hart thread failed: ${String(broken.error)}`);
    }
  }

  /** Serves the exit of physical hart `p`'s run if it ended; false while it runs (or nothing ran). */
  private collect(p: number): boolean {
    const thread = this.threads[p]!;
    const code = thread.poll();
    if (code === undefined) return false;
    const { c: { vm, index, hart }, t0, before, reboots } = this.inFlight[p]!;
    this.inFlight[p] = undefined;
    hart.kick = undefined;
    // The block is the hypervisor's again: first what waited for the run to end (an IPI), so
    // that a wfi exit sees it pending; not into a VM that was reset meanwhile.
    hart.applyDeferred(vm.stats.reboots === reboots);
    if (code === FAILED) {
      hart.coreFailed(new HartThreadError(thread.failure), t0);
    } else if (vm.result === undefined && vm.stats.reboots === reboots) {
      // A VM stopped or reset while this ran (by another hart) drops its exit.
      const reason = hart.exited(exitName(code), t0);
      const end = hart.vcpu.get(L.CLOCK);
      if (end > this.clock) this.clock = end;
      this.onEvent?.({ type: "run", clock: end, at: performance.now() - hart.lastExitMs, vm: index, hart: hart.id, hostMs: hart.lastRunMs, instructions: Number(end - before) });
      this.physical[p]!.quantumLeft -= Number(end - before);
      this.recordExit(index, reason, hart);
      this.chargeExit(vm, reason, hart);
      if (hart.pauseExit && this.contended()) {
        vm.stats.pause.yields++;
        this.physical[p]!.quantumLeft = 0;
      }
    }
    return true;
  }

  /**
   * Parallel mode: returns once `hart` is not running on a thread. Its run ends (kicked) and its
   * block is the hypervisor's, but its exit waits for the run loop: serving it here, inside the
   * exit of the hart that asked (a remote fence, a reset), could reset the VM under that one.
   */
  private settle(hart: Hart): void {
    const p = this.inFlight.findIndex((f) => f?.c.hart === hart);
    if (p < 0) return;
    hart.kick?.();
    while (!this.threads[p]!.done) this.waitForThread();
  }

  /** Ends every run in flight (kicked) and serves their exits. */
  private drain(): void {
    for (const f of this.inFlight) f?.c.hart.kick?.();
    for (let p = 0; p < this.threads.length; p++) {
      while (this.inFlight[p] !== undefined && !this.collect(p)) this.waitForThread();
    }
  }


  /** One scheduling step: one quantum of the next runnable VM, or one idle skip. For debuggers and UIs. */
  step(): boolean {
    const paused = this.timeStopped;
    this.stepping = paused;
    try {
      return this.runFor(0, 1);
    } finally {
      // Still stepping while pausing again: the step's wall time does not count.
      if (paused) this.pause();
      this.stepping = false;
    }
  }

  /**
   * Makes run() return at its next slice boundary; call run() (or runFor()) again to resume. In
   * real-time mode guest time stops with it: the host time until the next run does not count,
   * and steps in between take no wall time (idle time is skipped, as in deterministic mode).
   * Guest time stops at the pause, not where the guests last ran: a hypervisor waiting for its
   * next slice (run() sleeps when the guests are ahead) has its clock brought up to the host's.
   */
  pause(): void {
    this.paused = true;
    if (this.realtime && !this.timeStopped) {
      this.followHost();
      this.timeStopped = true;
    }
    this.inputChanged();
  }

  /** Stops every VM that has not stopped yet (outcome "stopped"). */
  stop(reason = "stopped by the host"): void {
    for (const vm of this.vms) vm.stop({ outcome: "stopped", exitCode: -1, reason });
  }

  /**
   * Runs until every VM has stopped (or pause() is called), yielding to the event loop every
   * ~20 ms of host time so that console input, timers and UI keep flowing. While every VM waits
   * for input (see vm.holdInput()) it waits on the event loop, without spinning or advancing
   * the clock, until input, an IRQ, pause() or stop() comes.
   */
  async run(): Promise<void> {
    this.paused = false;
    while (!this.paused && this.runFor(20)) {
      if (this.sleepUntil === NEVER) {
        // The timer is only a backstop (a host whose input never says so): it keeps the
        // process alive as a waiting guest should, and costs one empty runFor() a second.
        await new Promise<void>((resolve) => {
          const backstop = setTimeout(resolve, 1000);
          this.wakeRun = () => {
            clearTimeout(backstop);
            resolve();
          };
        });
        this.wakeRun = undefined;
        continue;
      }
      // Real time: sleep until the next deadline.
      const ms = this.sleepUntil === undefined ? 0 : Number(this.sleepUntil - this.hostClock()) / CLOCK_PER_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, 50))));
    }
  }

  /**
   * Every vCPU waits: skip the clock to the physical timer, or with no timer armed, wait for
   * input the host holds open (vm.holdInput()) and stop VMs nothing can wake.
   */
  private idle(): void {
    this.sliceEnd = NEVER;
    this.programTimer();
    if (this.timerDeadline === NEVER) {
      let waits = false;
      for (const vm of this.vms) {
        if (vm.state !== "waiting") continue;
        const source = vm.inputSource;
        // Real time without a hold: a host that types when it likes (the page), so it waits.
        if (source === "held" || (source === "none" && this.realtime)) {
          waits = true;
          continue;
        }
        const why = source === "ended" ? ": its input ended" : "";
        vm.stop({ outcome: "fatal", exitCode: -1, reason: `waits for an interrupt (wfi at pc 0x${(vm.vcpu.pc - 4n).toString(16)}) that nothing will raise${why}` });
      }
      if (waits) this.sleepUntil = NEVER;
      return;
    }
    if (this.realtime) {
      this.followHost();
      if (this.timerDeadline > this.clock) {
        if (!this.stepping) {
          this.sleepUntil = this.timerDeadline;
          return;
        }
        // Stepping while paused: no wall time passes, so skip to the timer (else it never comes).
        this.clock = this.timerDeadline;
      }
      this.physicalTimerInterrupt();
      return;
    }
    if (this.timerDeadline > this.clock) this.clock = this.timerDeadline;
    this.physicalTimerInterrupt();
  }

  /** The physical timer is armed and its deadline has passed. */
  private timerFired(): boolean {
    return this.timerDeadline !== NEVER && this.timerDeadline <= this.clock;
  }

  /** A vCPU the scheduler may put on a physical hart: its VM runs and it has work. */
  private runnable(c: ScheduledHart): boolean {
    return c.vm.result === undefined && c.hart.state === "running";
  }

  /**
   * One turn of the physical hart furthest behind (the lowest-numbered among equals): it goes on
   * with its vCPU's quantum or starts the next vCPU's, and runs until the quantum ends or it is
   * LOCKSTEP_WINDOW ahead of the others. With one physical hart a turn is a whole quantum.
   * When no physical hart has anything to run, idle() skips the clock to the physical timer.
   */
  private turn(): void {
    const physical = this.physical;
    let p = 0;
    for (let q = 1; q < physical.length; q++) if (physical[q]!.clock < physical[p]!.clock) p = q;
    const ph = physical[p]!;
    if (ph.current >= 0 && !this.runnable(this.vcpus[ph.current]!)) this.endQuantum(ph);
    if (ph.current < 0) {
      this.clock = ph.clock;
      const next = this.scheduler.pick(this.vcpus.length, (i) => this.runnable(this.vcpus[i]!));
      if (next < 0) {
        const busy = physical.filter((h) => h.current >= 0);
        if (busy.length === 0) {
          // Every physical hart is idle: time is the latest of theirs, and skips to the timer.
          this.clock = this.latestClock();
          this.idle();
          for (const h of physical) if (h.clock < this.clock) h.clock = this.clock;
        } else {
          // Idle while another hart runs: wait for the one furthest behind of those.
          ph.clock = busy.reduce((c, h) => (h.clock < c ? h.clock : c), NEVER) + 1n;
        }
        return;
      }
      ph.current = next;
      const { index, hart } = this.vcpus[next]!;
      this.onEvent?.({ type: "schedule", clock: this.clock, at: performance.now(), vm: index, hart: hart.id });
      this.scheduler.start(next);
      ph.sliceEnd = this.clock + BigInt(this.quantum);
    }
    // The turn ends LOCKSTEP_WINDOW past the hart furthest behind of the others (never, alone).
    let turnEnd = NEVER;
    for (const h of physical) if (h !== ph && h.clock + LOCKSTEP_WINDOW < turnEnd) turnEnd = h.clock + LOCKSTEP_WINDOW;
    const c = this.vcpus[ph.current]!;
    // The physical hart idles until the vCPU's own time.
    if (ph.clock < c.notBefore) ph.clock = c.notBefore;
    this.clock = ph.clock;
    this.sliceEnd = ph.sliceEnd;
    this.atWork = ph;
    const ended = this.runQuantum(ph.current, turnEnd);
    this.atWork = undefined;
    ph.clock = this.clock;
    c.notBefore = this.clock;
    if (ended) this.endQuantum(ph);
  }

  private endQuantum(ph: PhysicalHart): void {
    this.scheduler.stop(ph.current);
    ph.current = -1;
  }

  /**
   * Runs vCPU `next` (an index into vcpus) on the current physical hart until its quantum ends
   * (true) or the clock reaches `turnEnd` (false: the quantum goes on at the hart's next turn).
   */
  private runQuantum(next: number, turnEnd: bigint): boolean {
    const { vm, index, hart } = this.vcpus[next]!;
    this.programTimer();
    // A reboot ends the quantum: it costs the host a cleared RAM window and reloaded images, so a
    // guest that resets in a loop must not keep the hart from the other VMs.
    const reboots = vm.stats.reboots;
    while (this.runnable(this.vcpus[next]!) && this.clock < this.sliceEnd && !this.scheduler.preempt && this.sleepUntil === undefined && vm.stats.reboots === reboots) {
      if (this.clock >= turnEnd) return false;
      this.followHost();
      if (this.timerFired()) {
        this.physicalTimerInterrupt();
        continue;
      }
      if (this.waking.size > 0 && this.waking.delete(hart)) {
        // Entering a hart that waited: the wake-up of its wfi exit, before its handler runs.
        this.charge(vm, "wfi", this.exitCosts.wfi);
        continue;
      }
      const left = this.maxInsns - this.instructions;
      if (left <= 0) return true;
      const untilTurnEnd = turnEnd === NEVER ? MAX_SLICE : Number(turnEnd - this.clock);
      const budget = Math.min(Number(this.timerDeadline - this.clock), untilTurnEnd, MAX_SLICE, left);
      hart.vcpu.set(L.CLOCK, this.clock);
      const before = this.clock;
      const reason = hart.run(budget);
      this.clock = hart.vcpu.get(L.CLOCK);
      if (this.onEvent) {
        const at = performance.now() - hart.lastExitMs;
        this.onEvent({ type: "run", clock: this.clock, at, vm: index, hart: hart.id, hostMs: hart.lastRunMs, instructions: Number(this.clock - before) });
      }
      this.followHost();
      this.recordExit(index, reason, hart);
      this.chargeExit(vm, reason, hart);
      if (hart.pauseExit && this.contended()) {
        // Pause-loop exiting: the guest spins, maybe on a lock another vCPU holds that waits
        // for this physical hart. Give it away: the quantum ends.
        vm.stats.pause.yields++;
        break;
      }
    }
    if (this.timerFired()) this.physicalTimerInterrupt();
    return true;
  }

  /** The latest clock of the physical harts (and the hypervisor's). */
  private latestClock(): bigint {
    return this.physical.reduce((c, h) => (h.clock > c ? h.clock : c), this.clock);
  }

  /** `hart`'s next run starts at `clock` at the earliest (several physical harts). */
  private notBefore(hart: Hart, clock: bigint): void {
    const c = this.vcpus[this.vcpuIndex.get(hart)!]!;
    if (c.notBefore < clock) c.notBefore = clock;
  }

  /** Some runnable vCPU waits for a physical hart. */
  private contended(): boolean {
    return this.vcpus.some((c, i) => this.runnable(c) && !this.scheduler.isRunning(i));
  }

  private recordExit(index: number, reason: ExitReason, hart: Hart): void {
    this.exitCount++;
    let h = this.exitDigest;
    // A VM's boot hart is named by the VM's index alone, as when every VM had one hart.
    const who = BigInt(index) | (BigInt(hart.id) << 32n);
    for (const x of [who, BigInt(reason.length * 31 + reason.charCodeAt(0)), this.clock]) {
      h = BigInt.asUintN(64, (h ^ x) * 0x100_0000_01b3n);
    }
    this.exitDigest = h;
    this.onEvent?.({ type: "exit", clock: this.clock, at: performance.now(), vm: index, hart: hart.id, reason, hostMs: hart.lastExitMs, device: hart.lastExitDevice });
  }

  /**
   * The exit cost model: the guest time the hypervisor's handling of an exit takes, charged once
   * the exit is handled (wfi at the hart's wake-up, budget only at the physical timer; see
   * src/hypervisor/exit-cost.ts).
   */
  private chargeExit(vm: Vm, reason: ExitReason, hart: Hart): void {
    const cycles = this.exitCosts[reason];
    if (cycles === 0) return;
    if (reason === "wfi") {
      if (hart.state === "waiting") this.waking.add(hart);
      else this.charge(vm, reason, cycles);
    } else if (reason !== "budget" || this.timerFired()) {
      this.charge(vm, reason, cycles);
    }
  }

  /** Guest time passes on the physical clock, for every VM, while the hypervisor works for `vm`. */
  private charge(vm: Vm, reason: ExitReason, cycles: number): void {
    this.clock += BigInt(cycles);
    vm.stats.charged(reason, cycles);
  }

  reports(): VmReport[] {
    return this.vms.map((vm) => vm.report());
  }

  /** The statistics table (per VM, per exit reason), as printed at the end of `rvisor run`. */
  statsTable(): string {
    let table = formatStats(this.reports());
    const jit = this.machine.jit?.stats;
    if (jit !== undefined) {
      table = `compiling tier: ${jit.translations.toLocaleString("en-US")} regions (${jit.blocks.toLocaleString("en-US")} blocks) translated, ` +
        `${jit.refused.toLocaleString("en-US")} refused, ${jit.modules.toLocaleString("en-US")} modules, ${(jit.wasmBytes / 1024).toFixed(0)} KiB of WebAssembly, ` +
        `${jit.compileMs.toFixed(1)} ms translating and compiling, ${jit.flushes} flushes` +
        `${this.machine.jit!.failure === undefined ? "" : `; stopped: the host cannot compile (${this.machine.jit!.failure})`}\n${table}`;
    }
    if (isFree(this.exitCosts)) return table;
    const costs = Object.entries(this.exitCosts).map(([reason, cycles]) => `${reason} ${cycles.toLocaleString("en-US")}`).join(", ");
    return `exit costs in guest cycles: ${costs}\n${table}`;
  }
}
