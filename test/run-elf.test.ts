import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runElf, VmConfigError } from "../src/index.js";

const hello = new Uint8Array(readFileSync(new URL("../guests/demo/hello.elf", import.meta.url)));

describe("runElf", () => {
  it("refuses options it cannot use with a VmConfigError, before the guest runs", async () => {
    await expect(runElf(hello, { onConsole: "stdout" as never })).rejects.toThrow(new VmConfigError("onConsole must be a function, got string"));
    await expect(runElf(hello, { maxInsns: NaN })).rejects.toThrow(VmConfigError);
    await expect(runElf(hello, { memoryBytes: 1.5 })).rejects.toThrow(VmConfigError);
    expect(await runElf(hello, { memoryBytes: 1 << 20 })).toMatchObject({ outcome: "pass", console: expect.stringMatching(/hello/) });
  });
});
