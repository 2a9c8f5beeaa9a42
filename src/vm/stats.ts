// Per-VM statistics, in the spirit of `perf kvm stat`: every exit counted per reason with the
// host time spent handling it, plus instructions, injected interrupts and injection latency.

import type { ExitReason } from "../core/vcpu.js";
import type { ClassicStats } from "../hypervisor/classic.js";
import type { ShadowStats } from "../hypervisor/shadow-mmu.js";
import { CLOCK_PER_US } from "../time.js";
import type { VmResult } from "./options.js";

export const EXIT_REASONS: readonly ExitReason[] = ["budget", "mmio", "hypercall", "wfi", "breakpoint", "watch", "fatal", "trap"];

export class Summary {
  count = 0;
  total = 0;
  min = Number.POSITIVE_INFINITY;
  max = 0;

  add(x: number): void {
    this.count++;
    this.total += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  get avg(): number {
    return this.count ? this.total / this.count : 0;
  }

  toJSON(): { count: number; total: number; min: number; avg: number; max: number } {
    return { count: this.count, total: this.total, min: this.count ? this.min : 0, avg: this.avg, max: this.max };
  }
}

export class VmStats {
  /** Host milliseconds spent handling each exit, by reason. */
  readonly exits = new Map<ExitReason, Summary>(EXIT_REASONS.map((r) => [r, new Summary()]));
  /**
   * Interrupts injected into the guest, by kind (counted on the rising edge of the line or bit):
   * timer (MTIP/STIP from the virtual timers, or with Sstc raised by the core itself), external
   * (MEIP/SEIP from the PLIC) and software (MSIP from the CLINT, SSIP from an SBI IPI).
   */
  readonly injected = { timer: 0, external: 0, software: 0 };
  /** Guest clock units (nominal instructions, 10 ns each) from a timer deadline to the guest
   *  handler's first instruction. */
  readonly latency = new Summary();
  /** Host milliseconds spent inside the core running this VM's guest code. */
  guestMs = 0;
  /** MMIO exits by device: which virtual device the guest's exits went to. */
  readonly mmioByDevice = new Map<string, number>();
  /** Times the guest reset the VM and it booted again. */
  reboots = 0;
  /**
   * Pause-loop exiting (SMP VMs): runs a guest `pause` ended (a hart spinning on a lock or a
   * flag), and of those, how many gave the physical hart to another vCPU waiting for it.
   */
  readonly pause = { exits: 0, yields: 0 };
  /** Hypercalls by SBI extension (and function for the timer): what the guest asked for. */
  readonly sbiCalls = new Map<string, number>();
  /** Guest cycles (clock units) the exit cost model charged for this VM's exits, by reason. */
  readonly exitCycles = new Map<ExitReason, number>(EXIT_REASONS.map((r) => [r, 0]));

  exit(reason: ExitReason, hostMs: number): void {
    this.exits.get(reason)!.add(hostMs);
  }

  /** The hypervisor charged `cycles` of guest time for an exit of this VM (src/hypervisor/exit-cost.ts). */
  charged(reason: ExitReason, cycles: number): void {
    this.exitCycles.set(reason, this.exitCycles.get(reason)! + cycles);
  }

  /** Guest cycles charged for all of this VM's exits. */
  get exitCyclesTotal(): number {
    let n = 0;
    for (const c of this.exitCycles.values()) n += c;
    return n;
  }

  /** Every interrupt injected, of any kind. */
  get interrupts(): number {
    return this.injected.timer + this.injected.external + this.injected.software;
  }

  get exitCount(): number {
    let n = 0;
    for (const s of this.exits.values()) n += s.count;
    return n;
  }
}

export interface VmReport {
  name: string;
  state: string;
  outcome: string | undefined;
  exitCode: number | undefined;
  reason: string | undefined;
  instructions: number;
  /** Of instructions, those run in code the compiling tier translated. */
  translated: number;
  /** Every interrupt injected; by kind in interruptsByKind. */
  interrupts: number;
  interruptsByKind: { timer: number; external: number; software: number };
  reboots: number;
  /** Pause-loop exits (guest `pause` in an SMP VM) and the yields of the physical hart they led to. */
  pause: { exits: number; yields: number };
  /** Timer injection latency in clock units (cycles of the nominal 100 MHz clock, 10 ns each);
   *  latencyUs has the same figures in µs of guest time. */
  latency: ReturnType<Summary["toJSON"]>;
  latencyUs: { min: number; avg: number; max: number };
  exits: Record<string, ReturnType<Summary["toJSON"]>>;
  /** Guest cycles the exit cost model charged for this VM's exits: in all and by reason (0 without a cost model). */
  exitCycles: { total: number; byReason: Record<string, number> };
  mmioByDevice: Record<string, number>;
  sbiCalls: Record<string, number>;
  /**
   * Each virtio device: the notifications its driver sent (each one an MMIO exit), the
   * interrupts it raised, whether it needs a reset, and its own counters (blk: reads, writes,
   * bytes; net: frames and bytes each way, drops; console: bytes; rng: bytes).
   */
  virtio: { name: string; notifications: number; interrupts: number; needsReset: boolean; [counter: string]: number | string | boolean }[];
  /** How the vCPU is virtualized: "assisted" (its own M/S/U levels) or "classic" (trap-and-emulate). */
  virtualization: "assisted" | "classic";
  /** Classic mode: the privileged instructions the hypervisor emulated, by instruction ({} when assisted). */
  privileged: Record<string, number>;
  /**
   * Classic mode: host ms per emulated instruction (by the names of `privileged`), traps
   * delivered to the guest, virtual interrupts injected, host ms handling trap exits, and the
   * shadow MMU's counters.
   */
  classic?: { privilegedMs: Record<string, number>; reflected: number; injected: number; hostMs: number; shadow: ShadowStats };
}

/** Classic mode's counters, as a VM gives them (src/hypervisor/classic.ts, shadow-mmu.ts). */
export type VmClassicStats = ClassicStats & { readonly shadow: ShadowStats };

/** Every hart's classic counters added up: the VM's. */
export function sumClassicStats(harts: readonly VmClassicStats[]): VmClassicStats {
  const addMaps = (maps: readonly Map<string, number>[]) => {
    const sum = new Map<string, number>();
    for (const m of maps) for (const [k, n] of m) sum.set(k, (sum.get(k) ?? 0) + n);
    return sum;
  };
  const add = <T extends object>(all: readonly T[], key: keyof T) => all.reduce((n, x) => n + (x[key] as number), 0);
  const shadows = harts.map((h) => h.shadow);
  return {
    privileged: addMaps(harts.map((h) => h.privileged)),
    privilegedMs: addMaps(harts.map((h) => h.privilegedMs)),
    reflected: add(harts, "reflected"),
    injected: add(harts, "injected"),
    hostMs: add(harts, "hostMs"),
    shadow: {
      filled: add(shadows, "filled"), reflected: add(shadows, "reflected"), tablesBuilt: add(shadows, "tablesBuilt"),
      flushes: add(shadows, "flushes"), pageFlushes: add(shadows, "pageFlushes"), hostMs: add(shadows, "hostMs"),
    },
  };
}

/** A virtio device as the report reads it. */
export interface ReportableVirtio {
  readonly name: string;
  readonly counters: { readonly notifications: number; readonly interrupts: number };
  readonly needsReset: boolean;
  readonly backend: { readonly counters?: Readonly<Record<string, number>> };
}

/** What vmReport reads of a VM. */
export interface Reportable {
  readonly name: string;
  readonly state: string;
  readonly result: VmResult | undefined;
  readonly instructions: number;
  readonly translatedInstructions: number;
  readonly stats: VmStats;
  readonly platform: { readonly virtio: readonly ReportableVirtio[] };
  /** Classic mode's counters; undefined for an assisted VM. */
  readonly classicStats: VmClassicStats | undefined;
}

/** A VM's statistics as plain data (JSON-able), as `rvisor run --stats-json` writes them. */
export function vmReport(vm: Reportable): VmReport {
  const { stats } = vm;
  const c = vm.classicStats;
  const lat = stats.latency.toJSON();
  return {
    name: vm.name,
    state: vm.state,
    outcome: vm.result?.outcome,
    exitCode: vm.result?.exitCode,
    reason: vm.result?.reason,
    instructions: vm.instructions,
    translated: vm.translatedInstructions,
    interrupts: stats.interrupts,
    interruptsByKind: { ...stats.injected },
    reboots: stats.reboots,
    pause: { ...stats.pause },
    latency: lat,
    latencyUs: { min: lat.min / CLOCK_PER_US, avg: lat.avg / CLOCK_PER_US, max: lat.max / CLOCK_PER_US },
    exits: Object.fromEntries([...stats.exits].map(([r, s]) => [r, s.toJSON()])),
    exitCycles: { total: stats.exitCyclesTotal, byReason: Object.fromEntries(stats.exitCycles) },
    mmioByDevice: Object.fromEntries(stats.mmioByDevice),
    sbiCalls: Object.fromEntries(stats.sbiCalls),
    virtio: vm.platform.virtio.map((d) => ({ name: d.name, ...d.counters, needsReset: d.needsReset, ...d.backend.counters })),
    virtualization: c === undefined ? "assisted" : "classic",
    privileged: Object.fromEntries(c?.privileged ?? []),
    ...(c === undefined ? {} : { classic: { privilegedMs: Object.fromEntries(c.privilegedMs), reflected: c.reflected, injected: c.injected, hostMs: c.hostMs, shadow: { ...c.shadow } } }),
  };
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The end-of-run table: one block per VM, one row per exit reason that occurred. */
export function formatStats(reports: readonly VmReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const u = r.latencyUs;
    const lat = r.latency.count
      ? `timer latency min/avg/max ${fmt(r.latency.min, 0)}/${fmt(r.latency.avg, 0)}/${fmt(r.latency.max, 0)} cycles` +
        ` (${fmt(u.min, 2)}/${fmt(u.avg, 2)}/${fmt(u.max, 2)} µs)`
      : "timer latency -";
    const k = r.interruptsByKind;
    lines.push(`${r.name}: ${r.outcome ?? r.state}${r.reason ? ` (${r.reason})` : ""}`);
    const share = r.instructions > 0 ? ` (${fmt((100 * r.translated) / r.instructions)}% translated)` : "";
    lines.push(`  instructions ${r.instructions.toLocaleString("en-US")}${r.translated > 0 ? share : ""}, interrupts ${r.interrupts} (timer ${k.timer}, external ${k.external}, software ${k.software}), ${lat}`);
    const byDevice = Object.entries(r.mmioByDevice).map(([d, n]) => `${d} ${n}`).join(", ");
    if (byDevice) lines.push(`  mmio exits by device: ${byDevice}`);
    const calls = Object.entries(r.sbiCalls).map(([c, n]) => `${c} ${n}`).join(", ");
    if (calls) lines.push(`  hypercalls by SBI extension: ${calls}`);
    if (r.pause?.exits) lines.push(`  pause-loop exits ${r.pause.exits.toLocaleString("en-US")}, of which ${r.pause.yields.toLocaleString("en-US")} yielded the physical hart`);
    if (r.classic) {
      const ms = r.classic.privilegedMs;
      const emulated = Object.entries(r.privileged).sort(([, a], [, b]) => b - a).map(([i, n]) => `${i} ${n.toLocaleString("en-US")} (${fmt(((ms[i] ?? 0) * 1000) / n)} µs)`).join(", ");
      lines.push(`  classic: privileged instructions emulated (host µs each): ${emulated || "none"}`);
      const sh = r.classic.shadow;
      lines.push(`  classic: ${r.classic.reflected.toLocaleString("en-US")} traps delivered to the guest, ${r.classic.injected.toLocaleString("en-US")} interrupts injected; ` +
        `shadow page tables: ${sh.filled.toLocaleString("en-US")} faults filled, ${sh.reflected.toLocaleString("en-US")} the guest's own, ${sh.tablesBuilt.toLocaleString("en-US")} tables built, ` +
        `${sh.flushes.toLocaleString("en-US")} flushes and ${sh.pageFlushes.toLocaleString("en-US")} page flushes (${fmt(sh.hostMs, 2)} ms of the trap exits' host time)`);
    }
    for (const d of r.virtio ?? []) {
      const own = Object.entries(d).filter(([k, v]) => typeof v === "number" && k !== "notifications" && k !== "interrupts").map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`);
      lines.push(`  ${d.name}: ${d.notifications} notifications, ${d.interrupts} interrupts${own.length ? `, ${own.join(", ")}` : ""}${d.needsReset ? " — NEEDS RESET" : ""}`);
    }
    // Only with an exit cost model: without one the table stays as it was.
    const charged = r.exitCycles?.total ?? 0;
    if (charged > 0) {
      const by = Object.entries(r.exitCycles.byReason).filter(([, c]) => c > 0).map(([reason, c]) => `${reason} ${c.toLocaleString("en-US")}`).join(", ");
      lines.push(`  guest time charged for exits: ${charged.toLocaleString("en-US")} cycles (${fmt(charged / CLOCK_PER_US / 1000, 3)} ms): ${by}`);
    }
    const total = Object.values(r.exits).reduce((n, s) => n + s.count, 0);
    lines.push(`  ${"exit".padEnd(10)} ${"count".padStart(10)} ${"share".padStart(7)} ${"total ms".padStart(10)} ${"min µs".padStart(8)} ${"avg µs".padStart(8)} ${"max µs".padStart(8)}`);
    for (const [reason, s] of Object.entries(r.exits)) {
      if (s.count === 0) continue;
      lines.push(
        `  ${reason.padEnd(10)} ${s.count.toLocaleString("en-US").padStart(10)} ${`${fmt((100 * s.count) / total)}%`.padStart(7)} ${fmt(s.total, 2).padStart(10)} ${fmt(s.min * 1000).padStart(8)} ${fmt(s.avg * 1000).padStart(8)} ${fmt(s.max * 1000).padStart(8)}`,
      );
    }
  }
  return lines.join("\n");
}
