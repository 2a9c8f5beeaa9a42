// Differential test: random RV64IMAC sequences on QEMU (the oracle) and on our core must leave the
// same x1..x31, mscratch, sscratch and scratch memory. See test/qemu/difftest/generate.ts.
//
// Environment:
//   DIFFTEST_SEED=0x…        master seed (default: random; printed on failure and in the test name)
//   DIFFTEST_COUNT=n         number of sequences (default 3000)
//   DIFFTEST_SEQ=i | a-b | i,j,…  run only these sequence indices (to reproduce a failure)
//   DIFFTEST_PER_PROGRAM=n   sequences per QEMU/core run (default 250)
//   DIFFTEST_TARGET=qemu     compare QEMU against a second QEMU run (checks the harness itself)
//   DIFFTEST_KEEP=1          keep the generated .S/.elf files (their directory is printed)
//
// F/D sequences (test/qemu/difftest/generate-fp.ts: every F/D instruction, static and dynamic
// rounding modes, fcsr/frm/fflags, FP loads/stores incl. C.FLD/C.FSD/C.FLDSP/C.FSDSP; the dump
// adds fcsr and f0..f31) are a second describe with their own count:
//   DIFFTEST_FP_COUNT=n      number of F/D sequences (default 1000, about 30 K FP instructions,
//                            a few seconds; 35000 is over 10^6 FP instructions)
//   DIFFTEST_ONLY=int | fp   run only the integer or only the F/D difftest
//   DIFFTEST_SEED, DIFFTEST_SEQ, DIFFTEST_PER_PROGRAM, DIFFTEST_KEEP apply to both.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffDumps, formatDifferences, formatTrap, parseRun, type ParsedRun } from "./difftest/compare.js";
import { DUMP_NAMES, DUMP_WORDS, generateSequence, hex64, programSource, sequenceListing, type Sequence } from "./difftest/generate.js";
import {
  FP_DUMP_NAMES, FP_DUMP_WORDS, fpProgramSource, fpSequenceListing, generateFpSequence, type FpSequence,
} from "./difftest/generate-fp.js";
import { buildProgram, mapLimit, runQemu } from "./difftest/qemu.js";

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${v}`);
  return n;
}

function parseIndices(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new Error(`DIFFTEST_SEQ: cannot parse "${part}"`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

const SEED = process.env.DIFFTEST_SEED ? BigInt(process.env.DIFFTEST_SEED) : randomBytes(8).readBigUInt64BE();
const SEED_HEX = hex64(SEED);
const COUNT = envInt("DIFFTEST_COUNT", 3000);
const PER_PROGRAM = envInt("DIFFTEST_PER_PROGRAM", 250);
const INDICES = process.env.DIFFTEST_SEQ ? parseIndices(process.env.DIFFTEST_SEQ) : Array.from({ length: COUNT }, (_, i) => i);
const TARGET = process.env.DIFFTEST_TARGET ?? "core";
const KEEP = !!process.env.DIFFTEST_KEEP;
const PARALLEL = Math.max(2, availableParallelism());
/** Generous per-sequence budget (the dump through HTIF is most of it: about 15 K instructions). */
const INSNS_PER_SEQUENCE = 100_000;
const QEMU_TIMEOUT_MS = 60_000;
const MAX_REPORTED = 3;
const ONLY = process.env.DIFFTEST_ONLY ?? "";
if (!["", "int", "fp"].includes(ONLY)) throw new Error(`DIFFTEST_ONLY must be "int" or "fp", got ${ONLY}`);
const FP_COUNT = envInt("DIFFTEST_FP_COUNT", 1000);
const FP_INDICES = process.env.DIFFTEST_SEQ ? parseIndices(process.env.DIFFTEST_SEQ) : Array.from({ length: FP_COUNT }, (_, i) => i);
const FP_MARCH = "rv64imafdc_zicsr_zifencei";

/** What differs between the integer and the F/D difftest. */
interface Mode<S extends { index: number }> {
  generate(index: number): S;
  source(seqs: readonly S[]): string;
  listing(seq: S): string;
  reproduce(index: number): string;
  march?: string;
  dumpWords: number;
  dumpNames: readonly string[];
}

const INT_MODE: Mode<Sequence> = {
  generate: (i) => generateSequence(SEED, i),
  source: programSource,
  listing: sequenceListing,
  reproduce,
  dumpWords: DUMP_WORDS,
  dumpNames: DUMP_NAMES,
};

const FP_MODE: Mode<FpSequence> = {
  generate: (i) => generateFpSequence(SEED, i),
  source: fpProgramSource,
  listing: fpSequenceListing,
  reproduce: (index) =>
    `DIFFTEST_ONLY=fp DIFFTEST_SEED=${SEED_HEX} DIFFTEST_SEQ=${index} ` +
    "npx vitest run --project qemu test/qemu/difftest.test.ts",
  march: FP_MARCH,
  dumpWords: FP_DUMP_WORDS,
  dumpNames: FP_DUMP_NAMES,
};

interface TargetRun {
  console: string;
  /** How the run ended, for messages. */
  summary: string;
}
type Target = (elfPath: string, maxInsns: number) => Promise<TargetRun>;

async function loadTarget(): Promise<Target> {
  if (TARGET === "qemu") {
    return async (elfPath) => {
      const r = await runQemu(elfPath, QEMU_TIMEOUT_MS);
      return { console: r.stdout, summary: `second QEMU run: exit ${r.code}${r.timedOut ? ", timed out" : ""}` };
    };
  }
  if (TARGET !== "core") throw new Error(`DIFFTEST_TARGET must be "core" or "qemu", got ${TARGET}`);
  const { runElf } = await import("../../src/index.js");
  return async (elfPath, maxInsns) => {
    const r = await runElf(new Uint8Array(await readFile(elfPath)), { maxInsns });
    const summary = `core: outcome ${r.outcome}, failedTest ${r.failedTest}, ${r.instructions} instructions${r.reason ? `, ${r.reason}` : ""}`;
    return { console: r.console, summary };
  };
}

function reproduce(index: number): string {
  return `DIFFTEST_SEED=${SEED_HEX} DIFFTEST_SEQ=${index} npx vitest run --project qemu test/qemu/difftest.test.ts`;
}

/** Checks that QEMU, the oracle, ran the program cleanly: anything else is a generator bug. */
function checkOracle<S extends { index: number }>(seqs: readonly S[], run: ParsedRun, qemuInfo: string, mode: Mode<S> = INT_MODE as unknown as Mode<S>): void {
  if (run.done && !run.trap && run.dumps.length === seqs.length && run.junk.length === 0) return;
  const at = seqs[run.dumps.length];
  throw new Error(
    [
      `difftest harness/generator problem on QEMU (seed ${SEED_HEX}; ${qemuInfo}):`,
      `  ${run.dumps.length}/${seqs.length} sequences dumped, done=${run.done}` +
        (run.trap ? `, trap ${formatTrap(run.trap)}` : "") +
        (run.junk.length ? `, unexpected output: ${JSON.stringify(run.junk.slice(0, 3))}` : ""),
      at ? `reproduce: ${mode.reproduce(at.index)}\n${mode.listing(at)}` : "",
    ].join("\n"),
  );
}

interface Report {
  index: number;
  text: string;
}

/** Compares one program's runs; returns failure reports (empty when all sequences agree). */
function compareProgram<S extends { index: number }>(
  seqs: readonly S[],
  expected: ParsedRun,
  actual: ParsedRun,
  summary: string,
  mode: Mode<S> = INT_MODE as unknown as Mode<S>,
  other = "ours",
): Report[] {
  const reproduce = mode.reproduce;
  const sequenceListing = mode.listing;
  const reports: Report[] = [];
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i]!;
    const got = actual.dumps[i];
    if (got === null) {
      const text = `sequence ${seq.index}: malformed dump\nreproduce: ${reproduce(seq.index)}\n${sequenceListing(seq)}`;
      reports.push({ index: seq.index, text });
      continue;
    }
    if (got === undefined) {
      const why = `${actual.trap ? `it trapped: ${formatTrap(actual.trap)}` : "no dump"} (${summary})`;
      const text = `sequence ${seq.index}: ${why}\nreproduce: ${reproduce(seq.index)}\n${sequenceListing(seq)}`;
      reports.push({ index: seq.index, text });
      break;
    }
    const diffs = diffDumps(expected.dumps[i]!, got, mode.dumpNames);
    if (diffs.length > 0) {
      reports.push({
        index: seq.index,
        text:
          `sequence ${seq.index}: ${diffs.length} value(s) differ\n${formatDifferences(diffs, other)}\n` +
          `reproduce: ${reproduce(seq.index)}\n${sequenceListing(seq)}`,
      });
    }
  }
  if (reports.length === 0 && (!actual.done || actual.junk.length > 0)) {
    // Every sequence agreed, but the program did not end cleanly after them.
    const last = seqs[seqs.length - 1]!.index;
    const junk = actual.junk.length ? `, unexpected output ${JSON.stringify(actual.junk.slice(0, 3))}` : "";
    reports.push({ index: last, text: `program ending with sequence ${last} did not finish cleanly (${summary}${junk})` });
  }
  return reports;
}

describe.skipIf(ONLY === "fp")("differential test against QEMU", () => {
  it("generates the same program from the same seed", () => {
    const a = programSource([0, 1, 2].map((i) => generateSequence(42n, i)));
    const b = programSource([0, 1, 2].map((i) => generateSequence(42n, i)));
    expect(a).toBe(b);
    // A sequence does not depend on which others share its program.
    expect(sequenceListing(generateSequence(42n, 7))).toBe(sequenceListing(generateSequence(42n, 7)));
    expect(programSource([generateSequence(43n, 0)])).not.toBe(programSource([generateSequence(42n, 0)]));
  });

  it(`random RV64IMAC sequences agree with QEMU (seed ${SEED_HEX}, ${INDICES.length} sequences, target ${TARGET})`, async () => {
    const target = await loadTarget();
    const dir = await mkdtemp(join(tmpdir(), "rvisor-difftest-"));
    const chunks: number[][] = [];
    for (let i = 0; i < INDICES.length; i += PER_PROGRAM) chunks.push(INDICES.slice(i, i + PER_PROGRAM));
    const reports: Report[] = [];
    let compared = 0;
    try {
      await mapLimit(chunks, PARALLEL, async (chunk, p) => {
        const seqs = chunk.map((i) => generateSequence(SEED, i));
        const elf = await buildProgram(programSource(seqs), dir, `prog${p}`);
        const q = await runQemu(elf, QEMU_TIMEOUT_MS);
        const expected = parseRun(q.stdout);
        checkOracle(seqs, expected, `exit ${q.code}${q.timedOut ? ", timed out" : ""}, ${q.stderr.trim()}`);
        const r = await target(elf, seqs.length * INSNS_PER_SEQUENCE);
        const actual = parseRun(r.console);
        reports.push(...compareProgram(seqs, expected, actual, r.summary));
        compared += seqs.length;
      });
    } finally {
      if (KEEP) console.log(`difftest: programs kept in ${dir}`);
      else await rm(dir, { recursive: true, force: true });
    }
    reports.sort((a, b) => a.index - b.index);
    const header =
      `${reports.length} of ${INDICES.length} sequences differ from QEMU (seed ${SEED_HEX}; ` +
      `rerun all with DIFFTEST_SEED=${SEED_HEX}; DIFFTEST_KEEP=1 keeps the .S/.elf files)`;
    expect(reports.length === 0 ? "" : [header, ...reports.slice(0, MAX_REPORTED).map((r) => r.text)].join("\n\n")).toBe("");
    expect(compared).toBe(INDICES.length);
  });
});

/**
 * Runs `indices` of `mode` in programs of PER_PROGRAM sequences: each is built, run on QEMU (which
 * must run it cleanly), then on `target`; returns the reports of sequences that differ.
 */
async function runMode<S extends { index: number }>(
  mode: Mode<S>,
  indices: readonly number[],
  target: Target,
  other: string,
): Promise<{ reports: Report[]; compared: number; seqs: number }> {
  const dir = await mkdtemp(join(tmpdir(), "rvisor-difftest-"));
  const chunks: number[][] = [];
  for (let i = 0; i < indices.length; i += PER_PROGRAM) chunks.push(indices.slice(i, i + PER_PROGRAM));
  const reports: Report[] = [];
  let compared = 0;
  try {
    await mapLimit(chunks, PARALLEL, async (chunk, p) => {
      const seqs = chunk.map((i) => mode.generate(i));
      const elf = await buildProgram(mode.source(seqs), dir, `prog${p}`, mode.march);
      const q = await runQemu(elf, QEMU_TIMEOUT_MS);
      const expected = parseRun(q.stdout, mode.dumpWords);
      checkOracle(seqs, expected, `exit ${q.code}${q.timedOut ? ", timed out" : ""}, ${q.stderr.trim()}`, mode);
      const r = await target(elf, seqs.length * INSNS_PER_SEQUENCE);
      const actual = parseRun(r.console, mode.dumpWords);
      reports.push(...compareProgram(seqs, expected, actual, r.summary, mode, other));
      compared += seqs.length;
    });
  } finally {
    if (KEEP) console.log(`difftest: programs kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
  reports.sort((a, b) => a.index - b.index);
  return { reports, compared, seqs: indices.length };
}

function reportText(reports: readonly Report[], total: number, against: string): string {
  if (reports.length === 0) return "";
  const header =
    `${reports.length} of ${total} F/D sequences differ (${against}; seed ${SEED_HEX}; ` +
    `rerun all with DIFFTEST_ONLY=fp DIFFTEST_SEED=${SEED_HEX}; DIFFTEST_KEEP=1 keeps the .S/.elf files)`;
  return [header, ...reports.slice(0, MAX_REPORTED).map((r) => r.text)].join("\n\n");
}

describe.skipIf(ONLY === "int")("differential test of F/D against QEMU", () => {
  const fpOps = FP_INDICES.reduce((n, i) => n + generateFpSequence(SEED, i).fpOps, 0);

  it("generates the same F/D program from the same seed, every F/D instruction class", () => {
    const a = fpProgramSource([0, 1, 2].map((i) => generateFpSequence(42n, i)));
    const b = fpProgramSource([0, 1, 2].map((i) => generateFpSequence(42n, i)));
    expect(a).toBe(b);
    expect(fpSequenceListing(generateFpSequence(42n, 7))).toBe(fpSequenceListing(generateFpSequence(42n, 7)));
    // The integer and F/D streams of one seed differ.
    expect(generateFpSequence(42n, 0).regs).not.toEqual(generateSequence(42n, 0).regs);
    // 300 sequences use every mnemonic family and every rounding mode.
    const body = Array.from({ length: 300 }, (_, i) => generateFpSequence(42n, i).body).flat().join("\n");
    for (const m of [
      "fadd.s", "fsub.d", "fmul.s", "fdiv.d", "fsqrt.s", "fmadd.d", "fmsub.s", "fnmsub.d", "fnmadd.s", "fsgnj.d",
      "fsgnjn.s", "fsgnjx.d", "fmin.s", "fmax.d", "feq.s", "flt.d", "fle.s", "fclass.d", "fcvt.w.s", "fcvt.wu.d",
      "fcvt.l.s", "fcvt.lu.d", "fcvt.s.w", "fcvt.d.wu", "fcvt.s.l", "fcvt.d.lu", "fcvt.s.d", "fcvt.d.s", "fmv.x.w",
      "fmv.w.x", "fmv.x.d", "fmv.d.x", "flw", "fsw", "fld", "fsd", "c.fld ", "c.fsd ", "c.fldsp", "c.fsdsp",
      "fflags", "frm", "fcsr", ", rne", ", rtz", ", rdn", ", rup", ", rmm", ", dyn",
    ]) {
      expect(body, m).toContain(m);
    }
  });

  it("parses an F/D dump line (x1..x31, fcsr, f0..f31, scratch)", () => {
    const words = Array.from({ length: FP_DUMP_WORDS }, (_, i) => BigInt(i) * 0x0101010101010101n);
    const line = "R" + words.map((w) => w.toString(16).padStart(16, "0")).join("");
    const run = parseRun(`${line}\n${line.slice(0, -1)}\nD\n`, FP_DUMP_WORDS);
    expect(run.done).toBe(true);
    expect(run.dumps[0]).toEqual(words);
    expect(run.dumps[1]).toBeNull();
    expect(FP_DUMP_NAMES[31]).toBe("fcsr");
    expect(FP_DUMP_NAMES[32]).toBe("f0");
    expect(diffDumps(words, words.map((w, i) => (i === 31 ? w ^ 1n : w)), FP_DUMP_NAMES).map((d) => d.name)).toEqual(["fcsr"]);
  });

  it(
    `random F/D sequences agree between QEMU and the core (seed ${SEED_HEX}, ${FP_INDICES.length} sequences, ${fpOps} FP instructions)`,
    async () => {
      const { runElf } = await import("../../src/index.js");
      const core: Target = async (elfPath, maxInsns) => {
        const r = await runElf(new Uint8Array(await readFile(elfPath)), { maxInsns });
        const summary = `core: outcome ${r.outcome}, failedTest ${r.failedTest}, ${r.instructions} instructions${r.reason ? `, ${r.reason}` : ""}`;
        return { console: r.console, summary };
      };
      const { reports, compared, seqs } = await runMode(FP_MODE, FP_INDICES, core, "ours");
      expect(reportText(reports, seqs, "QEMU against the core")).toBe("");
      expect(compared).toBe(seqs);
    },
  );
});
