// Core speed against QEMU TCG, side by side, on the same bare-metal guests (guests/bench/*.elf):
// our interpreter alone (runElf jit: false) and with the compiling tier (jit: true, its default
// thresholds, src/machine/jit), in the same run.
//
//   npm run bench            (tsc, then node dist/bench/core.bench.js)
//
// For each workload: one checked run of each of our two settings (each must pass; they must agree
// on the instruction count and the console; the interpreter's run gives the count, and both are
// warm-up), then tinybench times a few more runs of each, then QEMU runs the same ELF. Every run of
// ours is a fresh VM in a fresh Hypervisor, so the tier's runs translate and compile their hot code
// from scratch each time: its time includes compiling. Reported speed is guest instructions per
// second: instructions retired as counted by our core divided by host wall time.
// For the tier the table also shows the share of the instructions retired in translated code (the
// vCPU's JIT_RETIRED over all retired, from the checked run) and the host milliseconds it spent
// translating and compiling (JitStats.compileMs, mean over the timed runs).
// QEMU is given the same count: the guests are deterministic, single-hart programs that execute the
// same instruction stream on any correct RV64IMAC implementation (only the HTIF console handshake
// could differ by a few spins — a few hundred instructions out of billions), so there is no need for
// QEMU's own counter (`-icount` would also change how QEMU runs and slow it down).
// QEMU's time is wall time of `qemu-system-riscv64 -machine spike -nographic -bios none -kernel X`,
// best of N, minus its start-up and exit cost (best of N runs of guests/bench/empty.elf, which
// returns at once). Every side reports its best run.
//
// The double-precision workload (nbody: rv64imafdc/lp64d, see guests/bench/Makefile) also prints
// the instructions retired between two minstret reads around its work; that line is not compared
// between the sides (without -icount QEMU's minstret is host ticks). The bars are judged on the
// integer workloads alone: the geometric mean of tier/QEMU against 1.0 (the tier's bar), and of
// interpreter/QEMU against 0.15 (the interpreter's former bar), both printed.
//
// Knobs (environment): RVISOR_BENCH_ITERS (timed runs per workload and setting, default 3),
// RVISOR_BENCH_QEMU_RUNS (default 3), RVISOR_BENCH_ONLY (comma-separated workload names).
// RVISOR_JIT has no effect here: both settings are given to runElf explicitly.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Bench } from "tinybench";
import { findRoot } from "./root.js";
import { runElf, type RunElfOptions } from "../src/index.js";

const WORKLOADS = ["intmix", "memsort", "hash", "listchase", "nbody"] as const;
/** Workloads built for rv64imafdc/lp64d: they need F and D. */
const FP_WORKLOADS: ReadonlySet<string> = new Set(["nbody"]);
/** Bars on the geometric mean over the integer workloads: the tier's, and the interpreter's (former) one. */
const TIER_BAR = 1.0;
const INTERP_BAR = 0.15;
const QEMU = "qemu-system-riscv64";
const MEMORY_BYTES = 32 << 20; // the largest workload needs about 2 MiB
const MAX_INSNS = 20e9; // guard only: the largest workload retires about 2.7e9
/** Our two settings, timed one after the other on every workload. */
const SETTINGS = [
  { key: "interp", jit: false },
  { key: "tier", jit: true },
] as const;

function envInt(name: string, fallback: number): number {
  const v = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Repository root: the nearest ancestor that holds guests/bench (works from bench/ and dist/bench/). */
function qemuAvailable(): boolean {
  try {
    execFileSync(QEMU, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The console without the guest's "<name>: minstret N" line (host ticks on QEMU without -icount). */
const comparable = (console: string): string =>
  console
    .split("\n")
    .filter((l) => !/^\S+: minstret \d+$/.test(l.trim()))
    .join("\n")
    .trim();

/** One QEMU run: wall milliseconds and console text. Throws if the guest exits non-zero. */
function qemuRun(elfPath: string, extra: string[] = []): { ms: number; console: string } {
  const t0 = performance.now();
  const out = execFileSync(QEMU, ["-machine", "spike", "-nographic", "-bios", "none", ...extra, "-kernel", elfPath], {
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
  const ms = performance.now() - t0;
  return { ms, console: out.toString("latin1").replace(/\r/g, "") };
}

function qemuBest(elfPath: string, runs: number): { ms: number; console: string } {
  let best = qemuRun(elfPath);
  for (let i = 1; i < runs; i++) {
    const r = qemuRun(elfPath);
    if (r.ms < best.ms) best = r;
  }
  return best;
}

interface Row {
  name: string;
  insns: number;
  interpMs: number;
  tierMs: number;
  /** Share of the tier's instructions retired in translated code (0..1). */
  translated: number;
  /** The tier's translating and compiling, host ms per run (mean over the timed runs). */
  compileMs: number;
  qemuMs?: number;
  note?: string;
  /** Left out of the bars' geometric means (the bars are set on the integer workloads). */
  fp?: boolean;
}

const fmt = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "-");
const ratio = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) + "x" : "-");
const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

function printTable(rows: Row[], qemuStartupMs: number | undefined): void {
  const header = ["workload", "insns", "interp ms", "interp MIPS", "tier ms", "tier MIPS", "translated", "compile ms", "QEMU ms", "QEMU MIPS", "tier/QEMU", "interp/QEMU", "tier/interp"];
  const lines: string[][] = [header];
  const tierRatios: number[] = [];
  const interpRatios: number[] = [];
  const speedups: number[] = [];
  for (const r of rows) {
    const interpMips = r.insns / r.interpMs / 1e3;
    const tierMips = r.insns / r.tierMs / 1e3;
    const qemuMips = r.qemuMs !== undefined ? r.insns / r.qemuMs / 1e3 : NaN;
    const tierRatio = tierMips / qemuMips;
    const interpRatio = interpMips / qemuMips;
    const speedup = tierMips / interpMips;
    if (!r.fp) {
      if (Number.isFinite(tierRatio) && tierRatio > 0) tierRatios.push(tierRatio);
      if (Number.isFinite(interpRatio) && interpRatio > 0) interpRatios.push(interpRatio);
      if (Number.isFinite(speedup) && speedup > 0) speedups.push(speedup);
    }
    lines.push([
      r.name + (r.fp ? " (fp)" : "") + (r.note ? ` (${r.note})` : ""),
      r.insns.toLocaleString("en-US"),
      fmt(r.interpMs, 0),
      fmt(interpMips, 1),
      fmt(r.tierMs, 0),
      fmt(tierMips, 1),
      fmt(r.translated * 100, 1) + "%",
      fmt(r.compileMs, 1),
      r.qemuMs !== undefined ? fmt(r.qemuMs, 0) : "-",
      fmt(qemuMips, 1),
      ratio(tierRatio),
      ratio(interpRatio),
      ratio(speedup),
    ]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? "").length)));
  console.log("");
  for (const [i, l] of lines.entries()) {
    console.log(l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  if (qemuStartupMs !== undefined) console.log(`\nQEMU start-up + exit (subtracted): ${qemuStartupMs.toFixed(1)} ms`);
  const verdict = (geo: number, bar: number): string => `${geo >= bar ? "meets" : "below"} the ${bar.toFixed(2)}x bar`;
  if (tierRatios.length > 0) {
    const geo = geomean(tierRatios);
    console.log(`geometric mean tier/QEMU:   ${geo.toFixed(3)}x over ${tierRatios.length} integer workload(s) (${verdict(geo, TIER_BAR)})`);
  }
  if (interpRatios.length > 0) {
    const geo = geomean(interpRatios);
    console.log(`geometric mean interp/QEMU: ${geo.toFixed(3)}x over ${interpRatios.length} integer workload(s) (${verdict(geo, INTERP_BAR)})`);
  }
  if (speedups.length > 0) console.log(`geometric mean tier/interp: ${geomean(speedups).toFixed(3)}x over ${speedups.length} integer workload(s)`);
}

async function main(): Promise<void> {
  const root = findRoot("guests/bench/empty.elf");
  const iterations = envInt("RVISOR_BENCH_ITERS", 3);
  const qemuRuns = envInt("RVISOR_BENCH_QEMU_RUNS", 3);
  const only = (process.env.RVISOR_BENCH_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const names = WORKLOADS.filter((w) => only.length === 0 || only.includes(w));

  const haveQemu = qemuAvailable();
  let qemuStartupMs: number | undefined;
  if (haveQemu) {
    qemuStartupMs = qemuBest(join(root, "guests", "bench", "empty.elf"), Math.max(5, qemuRuns)).ms;
  } else {
    console.log(`${QEMU} not found: reporting our core only.`);
  }

  const rows: Row[] = [];
  let failures = 0;
  for (const name of names) {
    const elfPath = join(root, "guests", "bench", `${name}.elf`);
    const elf = new Uint8Array(readFileSync(elfPath));
    const fp = FP_WORKLOADS.has(name);
    const optsOf = (jit: boolean): RunElfOptions => ({ memoryBytes: MEMORY_BYTES, maxInsns: MAX_INSNS, jit });

    // Checked runs: the guest verifies its own result; the interpreter's gives our instruction
    // count, the tier must agree with it; both are warm-up.
    const interp = await runElf(elf, optsOf(false));
    const line = comparable(interp.console);
    if (interp.outcome !== "pass") {
      console.log(`${name}: interp ${interp.outcome} (failed test ${interp.failedTest}${interp.reason ? `, ${interp.reason}` : ""}) ${line}`);
      failures++;
      continue;
    }
    console.log(`${line} [${interp.instructions.toLocaleString("en-US")} insns]`);
    const tier = await runElf(elf, optsOf(true));
    if (tier.outcome !== "pass" || tier.instructions !== interp.instructions || comparable(tier.console) !== line || !tier.jit) {
      const why = tier.outcome !== "pass" ? `${tier.outcome}${tier.reason ? `, ${tier.reason}` : ""}` : !tier.jit ? "tier off" : `${tier.instructions} insns`;
      console.log(`${name}: tier differs from the interpreter (${why}) ${comparable(tier.console)}`);
      failures++;
      continue;
    }

    const bench = new Bench({ name, iterations, time: 0, warmup: false, throws: true });
    let compileMs = 0;
    let tierRuns = 0;
    for (const { key, jit } of SETTINGS) {
      bench.add(key, async () => {
        const r = await runElf(elf, optsOf(jit));
        if (r.outcome !== "pass" || r.instructions !== interp.instructions) {
          throw new Error(`${name}/${key}: run differs from the checked run (${r.outcome}, ${r.instructions} insns)`);
        }
        if (r.jit) {
          compileMs += r.jit.stats.compileMs;
          tierRuns++;
        }
      });
    }
    await bench.run();
    const best = (key: string): number | undefined => {
      const result = bench.getTask(key)?.result;
      if (!result || (result.state !== "completed" && result.state !== "aborted-with-statistics")) {
        console.log(`${name}/${key}: tinybench did not complete (${result?.state ?? "no task"})`);
        return undefined;
      }
      return result.latency.min;
    };
    const interpMs = best("interp");
    const tierMs = best("tier");
    if (interpMs === undefined || tierMs === undefined) {
      failures++;
      continue;
    }
    const row: Row = {
      name,
      insns: interp.instructions,
      interpMs,
      tierMs,
      translated: tier.jit.translated / tier.instructions,
      compileMs: tierRuns > 0 ? compileMs / tierRuns : NaN,
      fp,
    };

    if (haveQemu && qemuStartupMs !== undefined) {
      try {
        const q = qemuBest(elfPath, qemuRuns);
        row.qemuMs = Math.max(q.ms - qemuStartupMs, 1e-3);
        if (comparable(q.console) !== line) row.note = "console differs from QEMU";
      } catch (e) {
        row.note = "QEMU failed";
        console.log(`${name}: QEMU: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    rows.push(row);
    // One line per workload as it finishes: the whole run takes minutes.
    const mips = (ms: number) => fmt(row.insns / ms / 1e3, 1);
    const qemu = row.qemuMs === undefined ? "" : `, QEMU ${fmt(row.qemuMs, 0)} ms (${mips(row.qemuMs)} MIPS)`;
    const share = `${fmt(row.translated * 100, 1)}% translated, ${fmt(row.compileMs, 1)} ms compiling`;
    console.log(`${name}: interp ${fmt(row.interpMs, 0)} ms (${mips(row.interpMs)} MIPS), tier ${fmt(row.tierMs, 0)} ms (${mips(row.tierMs)} MIPS; ${share})${qemu}${row.note ? `; ${row.note}` : ""}`);
  }

  printTable(rows, qemuStartupMs);
  const qemuNote = haveQemu ? `; QEMU: best of ${qemuRuns}, start-up subtracted` : "";
  console.log(`(interp = jit: false, tier = jit: true; each: best of ${iterations} timed runs after a checked run${qemuNote}; MIPS = our instruction count / wall time)`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
