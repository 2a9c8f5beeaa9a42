import { describe, expect, it } from "vitest";
import { demoGuest } from "../../src/demo-guests.js";
import { runElf } from "../../src/run-elf.js";

describe("classic mode", () => {
  for (const [name, sstc] of [["tick-s.elf", false], ["tick-sstc.elf", true]] as const) {
    it(`${name}: the same console as the assisted model`, async () => {
      const elf = await demoGuest(name);
      const a = await runElf(elf, { mode: "kernel", sstc });
      const c = await runElf(elf, { mode: "kernel", sstc, classic: true });
      console.log(c.console, c.reason, a.instructions, c.instructions);
      expect(c.outcome).toBe(a.outcome);
      expect(c.console).toBe(a.console);
    });
  }
});
