// Parsing of a difftest program's console output and comparison of two runs (pure).
import { DUMP_NAMES, DUMP_WORDS, hex64 } from "./generate.js";

export interface Trap {
  mcause: bigint;
  mepc: bigint;
  mtval: bigint;
}

export interface ParsedRun {
  /** One dump per completed sequence, in program order (see DUMP_NAMES); null if malformed. */
  dumps: (bigint[] | null)[];
  /** Set if the program reached its end ("D"). */
  done: boolean;
  /** Set if a sequence trapped (it is sequence number dumps.length of the program). */
  trap?: Trap;
  /** Lines that are none of the above (should be empty). */
  junk: string[];
}

function words(hex: string): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i + 16 <= hex.length; i += 16) out.push(BigInt("0x" + hex.slice(i, i + 16)));
  return out;
}

/** `dumpWords`: dwords per "R" line (DUMP_WORDS for the integer sequences, FP_DUMP_WORDS for F/D). */
export function parseRun(consoleText: string, dumpWords: number = DUMP_WORDS): ParsedRun {
  const run: ParsedRun = { dumps: [], done: false, junk: [] };
  for (const raw of consoleText.split("\n")) {
    const line = raw.replace(/\r/g, "");
    if (line === "") continue;
    if (line === "D") run.done = true;
    else if (line.startsWith("R")) {
      // A malformed dump still stands for its sequence, so that later ones stay aligned.
      const ok = /^R[0-9a-f]*$/.test(line) && line.length === 1 + 16 * dumpWords;
      run.dumps.push(ok ? words(line.slice(1)) : null);
      if (!ok) run.junk.push(line);
    }
    else if (/^T[0-9a-f]{48}$/.test(line)) {
      const [mcause, mepc, mtval] = words(line.slice(1)) as [bigint, bigint, bigint];
      run.trap = { mcause, mepc, mtval };
    } else run.junk.push(line);
  }
  return run;
}

export interface Difference {
  name: string;
  expected: bigint;
  actual: bigint;
}

/** `names`: the dump's layout (DUMP_NAMES, or FP_DUMP_NAMES for F/D). */
export function diffDumps(expected: readonly bigint[], actual: readonly bigint[], names: readonly string[] = DUMP_NAMES): Difference[] {
  const out: Difference[] = [];
  for (let i = 0; i < names.length; i++) {
    if (expected[i] !== actual[i]) out.push({ name: names[i]!, expected: expected[i]!, actual: actual[i]! });
  }
  return out;
}

export function formatDifferences(diffs: readonly Difference[], other = "ours"): string {
  return diffs.map((d) => `  ${d.name.padEnd(12)} QEMU ${hex64(d.expected)}  ${other} ${hex64(d.actual)}`).join("\n");
}

export function formatTrap(t: Trap): string {
  return `mcause=${hex64(t.mcause)} mepc=${hex64(t.mepc)} mtval=${hex64(t.mtval)}`;
}
