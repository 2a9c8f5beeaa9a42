import { describe, expect, it } from "vitest";
import { TestFinisher, type FinisherCommand } from "../../src/devices/test-finisher.js";

describe("SiFive test finisher", () => {
  it("passes, fails with the code in bits 31:16, resets, and ignores anything else", () => {
    const seen: FinisherCommand[] = [];
    const f = new TestFinisher((c) => seen.push(c));
    f.write(0, 4, 0x5555n);
    f.write(0, 4, (7n << 16n) | 0x3333n);
    f.write(0, 4, 0x7777n);
    f.write(0, 4, 0x1234n);
    f.write(4, 4, 0x5555n);
    expect(seen).toEqual([{ kind: "pass" }, { kind: "fail", code: 7 }, { kind: "reset" }]);
    expect(f.read()).toBe(0n);
  });
});
