// Core speed against QEMU TCG, side by side, on the same bare-metal guests (guests/bench/*.elf).
//
//   npm run bench            (tsc, then node dist/bench/core.bench.js)
//
// For each workload: one checked run of our core (must pass; gives the instruction count), then
// tinybench times a few more runs, then QEMU runs the same ELF. Reported speed is guest
// instructions per second: instructions retired as counted by our core divided by host wall time.
// QEMU is given the same count: the guests are deterministic, single-hart programs that execute the
// same instruction stream on any correct RV64IMAC implementation (only the HTIF console handshake
// could differ by a few spins — a few hundred instructions out of billions), so there is no need for
// QEMU's own counter (`-icount` would also change how QEMU runs and slow it down).
// QEMU's time is wall time of `qemu-system-riscv64 -machine spike -nographic -bios none -kernel X`,
// best of N, minus its start-up and exit cost (best of N runs of guests/bench/empty.elf, which
// returns at once). Both sides report their best run.
//
// The double-precision workload (nbody: rv64imafdc/lp64d, see guests/bench/Makefile) also prints
// the instructions retired between two minstret reads around its work; that line is not compared
// between the two sides (without -icount QEMU's minstret is host ticks). The issue's bar is judged
// on the integer workloads alone.
//
// Knobs (environment): RVISOR_BENCH_ITERS (our timed runs per workload, default 3),
// RVISOR_BENCH_QEMU_RUNS (default 3), RVISOR_BENCH_ONLY (comma-separated workload names).
// The issue's bar: geometric mean of ours/QEMU ≥ 0.15.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Bench } from "tinybench";
import { findRoot } from "./root.js";
import { runElf } from "../src/index.js";

const WORKLOADS = ["intmix", "memsort", "hash", "listchase", "nbody"] as const;
/** Workloads built for rv64imafdc/lp64d: they need F and D. */
const FP_WORKLOADS: ReadonlySet<string> = new Set(["nbody"]);
const BAR = 0.15;
const QEMU = "qemu-system-riscv64";
const MEMORY_BYTES = 32 << 20; // the largest workload needs about 2 MiB
const MAX_INSNS = 20e9; // guard only: the largest workload retires about 2.7e9

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
  oursMs: number;
  qemuMs?: number;
  note?: string;
  /** Left out of the bar's geometric mean (the bar is set on the integer workloads). */
  fp?: boolean;
}

const fmt = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "-");

function printTable(rows: Row[], qemuStartupMs: number | undefined): void {
  const header = ["workload", "insns", "ours ms", "ours MIPS", "QEMU ms", "QEMU MIPS", "ours/QEMU"];
  const lines: string[][] = [header];
  const ratios: number[] = [];
  for (const r of rows) {
    const oursMips = r.insns / r.oursMs / 1e3;
    const qemuMips = r.qemuMs !== undefined ? r.insns / r.qemuMs / 1e3 : NaN;
    const ratio = oursMips / qemuMips;
    if (Number.isFinite(ratio) && ratio > 0 && !r.fp) ratios.push(ratio);
    lines.push([
      r.name + (r.note ? ` (${r.note})` : ""),
      r.insns.toLocaleString("en-US"),
      fmt(r.oursMs, 0),
      fmt(oursMips, 1),
      r.qemuMs !== undefined ? fmt(r.qemuMs, 0) : "-",
      fmt(qemuMips, 1),
      Number.isFinite(ratio) ? ratio.toFixed(3) + "x" : "-",
    ]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? "").length)));
  console.log("");
  for (const [i, l] of lines.entries()) {
    console.log(l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  "));
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
  if (qemuStartupMs !== undefined) console.log(`\nQEMU start-up + exit (subtracted): ${qemuStartupMs.toFixed(1)} ms`);
  if (ratios.length > 0) {
    const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length);
    const verdict = geo >= BAR ? "meets" : "below";
    console.log(`geometric mean ours/QEMU: ${geo.toFixed(3)}x over ${ratios.length} integer workload(s) (${verdict} the ${BAR}x bar)`);
  }
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
    const opts = { memoryBytes: MEMORY_BYTES, maxInsns: MAX_INSNS };
    const fp = FP_WORKLOADS.has(name);

    // Checked run: the guest verifies its own result; also our instruction count and warm-up.
    const first = await runElf(elf, opts);
    const line = comparable(first.console);
    if (first.outcome !== "pass") {
      console.log(`${name}: ours ${first.outcome} (failed test ${first.failedTest}${first.reason ? `, ${first.reason}` : ""}) ${line}`);
      failures++;
      continue;
    }
    console.log(`${line} [${first.instructions.toLocaleString("en-US")} insns]`);

    const bench = new Bench({ name, iterations, time: 0, warmup: false, throws: true });
    bench.add(name, async () => {
      const r = await runElf(elf, opts);
      if (r.outcome !== "pass" || r.instructions !== first.instructions) {
        throw new Error(`${name}: run differs from the checked run (${r.outcome}, ${r.instructions} insns)`);
      }
    });
    await bench.run();
    const task = bench.tasks[0];
    const result = task?.result;
    if (!result || (result.state !== "completed" && result.state !== "aborted-with-statistics")) {
      console.log(`${name}: tinybench did not complete (${result?.state ?? "no task"})`);
      failures++;
      continue;
    }
    const row: Row = { name, insns: first.instructions, oursMs: result.latency.min, fp };

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
    console.log(`${name}: ours ${fmt(row.oursMs, 0)} ms (${mips(row.oursMs)} MIPS)${qemu}${row.note ? `; ${row.note}` : ""}`);
  }

  printTable(rows, qemuStartupMs);
  const qemuNote = haveQemu ? `; QEMU: best of ${qemuRuns}, start-up subtracted` : "";
  console.log(`(ours: best of ${iterations} timed runs after a checked run${qemuNote}; MIPS = our instruction count / wall time)`);
  if (failures > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
