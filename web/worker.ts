// The hypervisor's thread: owns one Hypervisor, runs it in time slices of SLICE_MS (runFor) and
// yields to its event loop between slices, so that commands (pause, input, ...) get in and the
// page never waits on the interpreter. After each slice it posts what happened: console bytes
// per VM and the timeline events of the slice; at most every STATS_MS a counter snapshot.
// The protocol is in protocol.ts.
//
// With cross-origin isolation the hypervisor's memory is a shared one (the core's shared build):
// the worker hands the page the SharedArrayBuffer and the vCPU blocks' addresses, and the page
// reads instruction counters in place, every frame. Without it everything arrives in messages.

import { compileCore, Hypervisor, layout, MemoryBlockImage, type HypervisorEvent, type VirtioDeviceOptions, type Vm } from "../src/index.js";
import coreUrl from "../build/core.wasm?url";
import coreSharedUrl from "../build/core-shared.wasm?url";
import { DEMO_GUESTS } from "./guests.js";
import smpM from "../guests/smp/smp-m.elf?url";
import { CLOCK_PER_MS, NEVER, type Command, type Report, type RunStatus, type TimelineEvent, type VmCounters, type VmSpec } from "./protocol.js";

const SLICE_MS = 10;
const STATS_MS = 100;
/** The longest sleep between slices (input is handled between slices). */
const IDLE_MS = 10;
/** Timeline events kept per slice; the rest are counted as dropped (a guest exiting non-stop). */
const MAX_EVENTS_PER_SLICE = 20_000;
/** Device errors a VM's counters show with their reasons (the newest). */
const LAST_DEVICE_ERRORS = 4;
const DEMO_RAM = 8 << 20;
const IMAGE_RAM = 128 << 20;

const post = (report: Report, transfer: Transferable[] = []) => self.postMessage(report, { transfer });

let hv: Hypervisor | undefined;
let specs: VmSpec[] = [];
let images: Uint8Array[] = [];
/** Per VM, its disks as the guest writes them (fresh copies of the specs' bytes at each build). */
let disks: MemoryBlockImage[][] = [];
/** Per VM, how many device errors, and the last few. */
let deviceErrors: { count: number; last: { device: string; reason: string }[] }[] = [];
let status: RunStatus = "done";
/** Bumped by every start/reset: a slice loop of an older run stops. */
let generation = 0;
/** Bumped by every pause: a slice already scheduled before it does not run after a quick resume. */
let chain = 0;
let lastStats = 0;

// Per-slice buffers.
let events: TimelineEvent[] = [];
let dropped = 0;
let consoles: number[][] = [];
/** The VM holding the hart since `runStart`, and the clock of its last exit (the span's end). */
let runVm = -1;
let runStart = 0;
let runEnd = 0;
/** The hypervisor reports "run" events (the end of guest execution); else exits end spans. */
let sawRun = false;

function push(e: TimelineEvent): void {
  if (events.length < MAX_EVENTS_PER_SLICE) events.push(e);
  else dropped++;
}

function closeRun(): void {
  if (runVm >= 0 && runEnd > runStart) push({ kind: "run", t: runStart, end: runEnd, vm: runVm });
  runVm = -1;
}

function onEvent(e: HypervisorEvent): void {
  const t = Number(e.clock);
  switch (e.type) {
    case "schedule":
      closeRun();
      runVm = e.vm;
      runStart = runEnd = t;
      return;
    case "run":
      // The vCPU ran guest code up to `clock` (the exit's clock may include host time after it).
      sawRun = true;
      if (e.vm === runVm) runEnd = t;
      return;
    case "exit":
      if (e.vm === runVm && !sawRun) runEnd = t;
      push({ kind: "exit", t, vm: e.vm, reason: e.reason });
      return;
    case "timer":
      push({ kind: "timer", t, deadline: e.deadline === NEVER ? null : Number(e.deadline) });
      return;
    case "inject":
      push({ kind: "inject", t, vm: e.vm, count: e.count });
      return;
    case "notify":
      push({ kind: "notify", t, vm: e.vm, device: e.device, queue: e.queue });
      return;
    case "device-error": {
      push({ kind: "device-error", t, vm: e.vm, device: e.device, reason: e.reason });
      const errors = deviceErrors[e.vm];
      if (!errors) return;
      errors.count++;
      errors.last.push({ device: e.device, reason: e.reason });
      if (errors.last.length > LAST_DEVICE_ERRORS) errors.last.shift();
      return;
    }
  }
}

/** Posts the slice's console bytes and events. */
function flush(): void {
  closeRun();
  if (!hv) return;
  const out: { vm: number; bytes: Uint8Array }[] = [];
  consoles.forEach((c, vm) => {
    if (c.length) out.push({ vm, bytes: new Uint8Array(c) });
    c.length = 0;
  });
  if (out.length || events.length || dropped) {
    post({ type: "slice", clock: Number(hv.clock), console: out, events, dropped }, out.map((c) => c.bytes.buffer));
  }
  events = [];
  dropped = 0;
}

function postStats(force = false): void {
  const now = performance.now();
  const h = hv;
  if (!h || (!force && now - lastStats < STATS_MS)) return;
  lastStats = now;
  post({
    type: "stats",
    clock: Number(h.clock),
    hostMs: Number(h.clock) / CLOCK_PER_MS,
    exitCount: h.exitCount,
    vms: h.reports().map((r, i): VmCounters => ({
      name: r.name,
      state: r.state,
      outcome: r.outcome,
      reason: r.reason,
      instructions: r.instructions,
      interrupts: r.interrupts,
      latency: r.latency,
      exits: r.exits,
      mmioByDevice: r.mmioByDevice,
      virtio: r.virtio,
      deviceErrors: deviceErrors[i]?.count ?? 0,
      lastDeviceErrors: [...(deviceErrors[i]?.last ?? [])],
    })),
  });
}

function setStatus(s: RunStatus): void {
  status = s;
  post({ type: "status", status: s });
}

// A zero-delay yield that browsers do not clamp (setTimeout(0) becomes >= 4 ms when nested).
const channel = new MessageChannel();
let pendingYield: (() => void) | undefined;
channel.port1.onmessage = () => {
  const f = pendingYield;
  pendingYield = undefined;
  f?.();
};
function yieldThen(f: () => void, ms: number): void {
  if (ms > 0) setTimeout(f, ms);
  else {
    pendingYield = f;
    channel.port2.postMessage(0);
  }
}

function loop(gen: number, c = chain): void {
  if (gen !== generation || c !== chain || status !== "running" || !hv) return;
  let active: boolean;
  try {
    active = hv.runFor(SLICE_MS);
  } catch (e) {
    flush();
    post({ type: "error", message: `the hypervisor failed: ${(e as Error).message}` });
    postStats(true);
    setStatus("done");
    return;
  }
  flush();
  postStats(!active);
  if (!active) {
    setStatus("done");
    return;
  }
  yieldThen(() => loop(gen, c), sleepMs(hv));
}

/**
 * How long the worker may sleep before the next slice. Someone runnable: not at all. Every vCPU
 * waits (real time): until the physical timer's deadline, or a while when only input can wake
 * them. Browsers clamp nested timeouts to >= 4 ms, far above the 1 ms between guest ticks, so a
 * deadline closer than that is waited out by yielding (MessageChannel) slice after slice; each
 * such slice returns at once, as runFor finds nothing due.
 */
function sleepMs(h: Hypervisor): number {
  if (h.vms.some((vm) => vm.state === "running")) return 0;
  if (h.timerDeadline === NEVER) return IDLE_MS;
  const ms = Number(h.timerDeadline - h.clock) / CLOCK_PER_MS;
  return ms >= 6 ? Math.min(ms - 2, IDLE_MS) : 0;
}

/** Shared memory is possible only with cross-origin isolation. */
const shared = self.crossOriginIsolated === true;
/** The core, compiled once for every Hypervisor this worker creates. */
const core = compileCore(new URL(shared ? coreSharedUrl : coreUrl, self.location.href));

/**
 * Real time punishes a cold start: the first runs of the interpreter and of the hypervisor's
 * exit paths are compiled on the fly (the engine's wasm and JS tiers), and those milliseconds
 * pass on the guests' clock, so their first timer ticks come late. So before the first real
 * run, the worker runs a few demo guests for a few million instructions in deterministic mode
 * (idle time skipped: no waiting), which takes the compilers through the hot paths.
 */
const warm = (async () => {
  const module = await core;
  const guests = DEMO_GUESTS.filter((g) => g.name.startsWith("tick") || g.name === "cpu-bound");
  const bytes = await Promise.all(guests.map((g) => fetch(new URL(g.url, self.location.href)).then((r) => r.arrayBuffer())));
  for (let round = 0; round < 2; round++) {
    const h = await Hypervisor.create({ core: module, sharedMemory: shared, maxInsns: 3_000_000 });
    guests.forEach((g, i) => h.createVm({ name: g.name, mode: g.mode, sstc: g.sstc, memoryBytes: DEMO_RAM }).boot(g.mode === "kernel" ? { kernel: new Uint8Array(bytes[i]!) } : { firmware: new Uint8Array(bytes[i]!) }));
    while (h.runFor(50)) await new Promise((r) => setTimeout(r, 0));
  }
})().catch(() => {
  // Only an optimization: a failure here shows up again, with a message, at start.
});

async function loadImage(spec: VmSpec): Promise<Uint8Array> {
  if ("bytes" in spec.image) return new Uint8Array(spec.image.bytes);
  const response = await fetch(new URL(spec.image.url, self.location.href));
  if (!response.ok) throw new Error(`${spec.name}: cannot fetch ${spec.image.url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The VM's virtio devices: its disks (slot 0 on), then the rng and the console it asked for. */
function virtioOf(spec: VmSpec, images: MemoryBlockImage[]): VirtioDeviceOptions[] {
  return [
    ...images.map((image): VirtioDeviceOptions => ({ type: "blk", image })),
    ...(spec.rng ? [{ type: "rng" } as const] : []),
    ...(spec.virtioConsole ? [{ type: "console" } as const] : []),
  ];
}

/** A fresh Hypervisor with every VM booted from its image (and its disks as they were given). */
async function build(gen: number): Promise<void> {
  await warm;
  const next = await Hypervisor.create({ core: await core, sharedMemory: shared, timeMode: "realtime", onEvent: (e) => gen === generation && onEvent(e) });
  if (gen !== generation) return;
  consoles = specs.map(() => []);
  events = [];
  dropped = 0;
  runVm = -1;
  disks = specs.map((spec) => (spec.disks ?? []).map((d) => new MemoryBlockImage(new Uint8Array(d.bytes.slice(0)), { readonly: d.readonly })));
  deviceErrors = specs.map(() => ({ count: 0, last: [] }));
  specs.forEach((spec, i) => {
    const vm: Vm = next.createVm({
      name: spec.name,
      mode: spec.mode,
      sstc: spec.sstc,
      memoryBytes: spec.memoryBytes ?? ("url" in spec.image ? DEMO_RAM : IMAGE_RAM),
      onConsole: (b) => consoles[i]!.push(b),
      virtio: virtioOf(spec, disks[i]!),
    });
    try {
      vm.boot(spec.mode === "kernel" ? { kernel: images[i]! } : { firmware: images[i]! });
    } catch (e) {
      throw new Error(`${spec.name}: ${(e as Error).message}`);
    }
  });
  // Real time starts when the Hypervisor is created; the first runFor() moves the clock to the
  // host's before any guest runs, so the time spent booting the VMs does not make ticks late.
  hv = next;
  post({
    type: "started",
    vms: specs.map((s, i) => ({
      name: s.name,
      mode: s.mode,
      sstc: s.sstc,
      virtio: next.vms[i]!.platform.virtio.map((d) => d.name),
      disks: (s.disks ?? []).map((d) => ({ name: d.name, readonly: d.readonly })),
    })),
  });
  if (shared) {
    const buffer = next.machine.core.memory.buffer as unknown as SharedArrayBuffer;
    post({ type: "memory", buffer, blocks: next.vms.map((vm) => vm.vcpu.block), retiredOffset: layout.RETIRED });
  }
  postStats(true);
  setStatus("running");
  loop(gen);
}

/** Stops the slice loop and guest time (hv.pause(): the paused host time does not count). */
function pause(): void {
  chain++;
  hv?.pause();
  setStatus("paused");
  postStats(true);
}

async function handle(cmd: Command): Promise<void> {
  switch (cmd.type) {
    case "start": {
      const gen = ++generation;
      hv = undefined;
      specs = cmd.vms;
      images = await Promise.all(specs.map(loadImage));
      if (gen === generation) await build(gen);
      return;
    }
    case "reset": {
      if (!specs.length) return;
      const gen = ++generation;
      hv = undefined;
      await build(gen);
      return;
    }
    case "pause":
      if (status === "running") pause();
      return;
    case "resume":
      if (status === "paused") {
        setStatus("running");
        loop(generation);
      }
      return;
    case "step":
      if (!hv || status === "done") return;
      if (status === "running") pause();
      {
        const before = hv.vms.map((vm) => vm.instructions);
        const from = Number(hv.clock);
        const active = hv.step();
        flush();
        const ran = hv.vms.findIndex((vm, i) => vm.instructions !== before[i]);
        post({ type: "step", vm: ran, instructions: ran < 0 ? 0 : hv.vms[ran]!.instructions - before[ran]!, from, clock: Number(hv.clock) });
        postStats(true);
        if (!active) setStatus("done");
      }
      return;
    case "input":
      hv?.vms[cmd.vm]?.sendInput(cmd.bytes);
      // A VM woken by the input runs at once.
      return;
    case "parallel-check": {
      // Parallel mode in the page: this worker is the hypervisor thread (it may Atomics.wait),
      // and the hart threads are Web Workers it starts. Needs cross-origin isolation.
      if (!shared) {
        post({ type: "parallel-check", ok: false, console: "no cross-origin isolation: no shared memory" });
        return;
      }
      const bytes = new Uint8Array(await (await fetch(new URL(smpM, self.location.href))).arrayBuffer());
      let check: Hypervisor;
      try {
        check = await Hypervisor.create({ core: await core, sharedMemory: true, harts: 2, parallel: true, maxInsns: 1e9 });
      } catch (e) {
        post({ type: "parallel-check", ok: false, console: e instanceof Error ? e.message : String(e) });
        return;
      }
      try {
        let text = "";
        const vm = check.createVm({ name: "smp-m", memoryBytes: 16 << 20, harts: 4, onConsole: (b) => (text += String.fromCharCode(b)) });
        vm.loadElf(bytes);
        while (check.runFor(50)) await new Promise((r) => setTimeout(r, 0));
        post({ type: "parallel-check", ok: vm.result?.outcome === "pass", console: text });
      } finally {
        check.close();
      }
      return;
    }
    case "jit-check": {
      // The compiling tier in a browser worker: its modules are compiled here, synchronously
      // (allowed in workers; a page's CSP must allow 'wasm-unsafe-eval').
      const bytes = new Uint8Array(await (await fetch(new URL(smpM, self.location.href))).arrayBuffer());
      const check = await Hypervisor.create({ core: await core, sharedMemory: shared, jit: "eager", maxInsns: 1e9 });
      let text = "";
      const vm = check.createVm({ name: "smp-m", memoryBytes: 16 << 20, harts: 4, onConsole: (b) => (text += String.fromCharCode(b)) });
      vm.loadElf(bytes);
      while (check.runFor(50)) await new Promise((r) => setTimeout(r, 0));
      post({ type: "jit-check", ok: vm.result?.outcome === "pass", console: text, instructions: vm.instructions, translated: vm.translatedInstructions });
      return;
    }
    case "disk": {
      // Between slices: the copy holds every write the guest completed so far.
      const image = disks[cmd.vm]?.[cmd.disk];
      if (!image) throw new Error(`VM ${cmd.vm} has no disk ${cmd.disk}`);
      const bytes = image.bytes.slice().buffer;
      post({ type: "disk", vm: cmd.vm, disk: cmd.disk, bytes }, [bytes]);
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<Command>) => {
  handle(event.data).catch((e: unknown) => {
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
    if (!hv) setStatus("done");
  });
};
