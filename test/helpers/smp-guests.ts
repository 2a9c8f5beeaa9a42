// What the SMP guests (guests/smp, see its README.md) print for a given number of harts, as data:
// the QEMU test holds them to it, and a test of rvisor's SMP can hold rvisor to the same lines.
// smp-m and smp-s print the same transcript wherever they run correctly (smp-s names its boot
// hart and the lowest other hart, which under OpenSBI need not be 0 and 1); litmus's outcome
// counts depend on timing, so its lines are parsed and checked for what must hold everywhere.

/** "1 hart", "4 harts", as the guests write it. */
export function harts(n: number): string {
  return n === 1 ? "1 hart" : `${n} harts`;
}

const COUNT_K = 10_000;
const RING_ROUNDS = 8;

/** smp-m's console for n harts (hart ids 0..n-1 in the device tree). */
export function smpMLines(n: number): string[] {
  return [
    `smp-m: check-in: ${harts(n)} (from /cpus), mhartid distinct ok`,
    `smp-m: amoadd.w/d: ${harts(n)} x ${COUNT_K} = ${n * COUNT_K} ok`,
    `smp-m: lr/sc lock: ${harts(n)} x ${COUNT_K} = ${n * COUNT_K} ok`,
    `smp-m: msip ring: ${harts(n)} x ${RING_ROUNDS} rounds = ${n * RING_ROUNDS} ipis ok`,
    `smp-m: timer: ${harts(n)}, each its own mtimecmp ok`,
    "smp-m: pass",
  ];
}

/** smp-s's console for n harts (ids 0..n-1) booted on hart `boot`. */
export function smpSLines(n: number, boot = 0): string[] {
  const other = boot === 0 ? 1 : 0; // the lowest id other than the boot hart's
  const target = n > 1 ? other : boot; // the hart the rfence checks fence
  const others = harts(n - 1);
  return [
    `smp-s: boot hart ${boot}, ${harts(n)} (from /cpus) ok`,
    "smp-s: sbi: spec v0.2 or later, HSM, IPI, RFENCE, TIME, SRST present ok",
    "smp-s: hsm: get_status before hart_start ok",
    ...(n > 1 ? [`smp-s: hsm: hart_start of ${others}: a0, a1, satp = 0, sstatus.SIE = 0, STARTED ok`] : []),
    "smp-s: hsm: hart_start of a started hart: ALREADY_AVAILABLE ok",
    ...(n > 1
      ? [
          `smp-s: hsm: hart_stop, STOPPED, hart_start again of ${others} ok`,
          `smp-s: hsm: hart_suspend retentive on hart ${other}, woken by an ipi ok`,
          "smp-s: ipi: hart_mask_base 0 ok",
          "smp-s: ipi: hart_mask_base 1 ok",
        ]
      : ["smp-s: single hart: hart_start, hart_stop, hart_suspend and ipis to other harts skipped"]),
    "smp-s: ipi: hart_mask_base -1 ok",
    `smp-s: rfence: remote_fence_i, hart ${target} runs the new code ok`,
    `smp-s: rfence: remote_sfence_vma, hart ${target} sees the new mapping ok`,
    `smp-s: rfence: remote_sfence_vma_asid, hart ${target} sees the new mapping ok`,
    `smp-s: timer: ${harts(n)}, sbi_set_timer each ok`,
    `smp-s: amoadd.w/d: ${harts(n)} x ${COUNT_K} = ${n * COUNT_K} ok`,
    `smp-s: lr/sc lock: ${harts(n)} x ${COUNT_K} = ${n * COUNT_K} ok`,
    ...(n > 1 ? [`smp-s: hsm: hart_stop of ${others} ok`] : []),
    "smp-s: pass",
  ];
}

/** The guest's own lines (those starting with `prefix`), in order: firmware banners dropped. */
export function guestLines(out: string, prefix: string): string[] {
  return out.split("\n").filter((l) => l.startsWith(prefix));
}

export const LITMUS_RUNS = 2000;

/** litmus's tests in order, with the outcome each forbids (null: the control, nothing forbidden). */
export const LITMUS_TESTS: { name: string; forbidden: string | null }[] = [
  { name: "MP+fence.w.w+fence.r.r", forbidden: "r0=1,r1=0" },
  { name: "SB+fences", forbidden: "r0=0,r1=0" },
  { name: "LB+fences", forbidden: "r0=1,r1=1" },
  { name: "LB+fence+data", forbidden: "r0=1,r1=1" },
  { name: "SB (control, no fences)", forbidden: null },
];

const OUTCOMES = ["r0=0,r1=0", "r0=0,r1=1", "r0=1,r1=0", "r0=1,r1=1"] as const;

export interface LitmusResult {
  name: string;
  runs: number;
  /** Count per outcome, keyed "r0=a,r1=b". */
  counts: Record<string, number>;
  /** The line's "forbidden N" (or, for the control, "relaxed N (allowed)"). */
  tail: number;
}

const LITMUS_LINE =
  /^litmus (.+): (\d+) runs, r0=0,r1=0: (\d+), r0=0,r1=1: (\d+), r0=1,r1=0: (\d+), r0=1,r1=1: (\d+); (?:forbidden (\d+)|relaxed (\d+) \(allowed\))$/;

/** The result lines of a litmus run, parsed; a line that does not parse is an error. */
export function parseLitmus(out: string): LitmusResult[] {
  return guestLines(out, "litmus ").map((line) => {
    const m = LITMUS_LINE.exec(line);
    if (!m) throw new Error(`not a litmus result line: ${line}`);
    const counts: Record<string, number> = {};
    OUTCOMES.forEach((o, i) => (counts[o] = Number(m[3 + i])));
    return { name: m[1]!, runs: Number(m[2]), counts, tail: Number(m[7] ?? m[8]) };
  });
}

/** What must hold in any litmus result, whatever the timing: the problems found (none: []). */
export function litmusProblems(results: LitmusResult[]): string[] {
  const problems: string[] = [];
  if (results.map((r) => r.name).join("|") !== LITMUS_TESTS.map((t) => t.name).join("|")) {
    problems.push(`tests ${results.map((r) => r.name).join(", ")}`);
  }
  for (const [i, r] of results.entries()) {
    const test = LITMUS_TESTS[i];
    const sum = Object.values(r.counts).reduce((a, b) => a + b, 0);
    if (r.runs !== LITMUS_RUNS || sum !== LITMUS_RUNS) problems.push(`${r.name}: ${r.runs} runs, outcomes sum to ${sum}`);
    if (test?.forbidden) {
      if (r.counts[test.forbidden] !== 0 || r.tail !== 0) problems.push(`${r.name}: forbidden ${test.forbidden} seen`);
    } else if (r.tail !== r.counts["r0=0,r1=0"]) {
      problems.push(`${r.name}: relaxed count ${r.tail} is not the r0=0,r1=0 count`);
    }
  }
  return problems;
}
