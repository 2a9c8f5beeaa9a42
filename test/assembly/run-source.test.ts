// A structural check of the run loop's source: every operation but OP_DECODE must compare its
// entry with guest memory (the staleness check) before it runs. The loop repeats that check in
// each case because hoisting it above the switch measured slower (see stale() in
// assembly/run.ts); a case that forgets it runs a stale decoded instruction when code changes
// under it — the F/D cases did once, and Linux then ran loads from another program's code.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const SOURCE = readFileSync(new URL("../../assembly/run.ts", import.meta.url), "utf8");
const STALE_CHECK = "if (stale(e, hostBias)) { store<u8>(e, d.OP_DECODE, d.E_OP); left++; continue; }";

describe("assembly/run.ts", () => {
  it("checks staleness first in every case but OP_DECODE, and has a case for every operation", () => {
    const lines = SOURCE.split("\n");
    const cases: string[] = [];
    const missing: string[] = [];
    lines.forEach((line, i) => {
      const m = /^\s*case d\.(OP_[A-Z0-9_]+):/.exec(line);
      if (!m) return;
      cases.push(m[1]!);
      if (m[1] !== "OP_DECODE" && lines[i + 1]?.trim() !== STALE_CHECK) missing.push(`${m[1]} (line ${i + 1})`);
    });
    expect(missing).toEqual([]);
    const decode = readFileSync(new URL("../../assembly/decode.ts", import.meta.url), "utf8");
    const ops = [...decode.matchAll(/^export const (OP_[A-Z0-9_]+): u8 = /gm)].map((m) => m[1]!);
    expect(ops.length).toBeGreaterThan(70);
    expect([...cases].sort()).toEqual([...ops].sort());
  });
});
