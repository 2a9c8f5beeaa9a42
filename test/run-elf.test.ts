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

describe("runElf: kernel-mode ELFs", () => {
  const demo = (f: string) => new Uint8Array(readFileSync(new URL(`../guests/demo/${f}`, import.meta.url)));

  it("boots an ELF linked at 0x8020_0000 in kernel mode (S-mode, the hypervisor's SBI) unless told otherwise", async () => {
    const r = await runElf(demo("tick-s.elf"), { memoryBytes: 16 << 20 });
    expect(r).toMatchObject({ outcome: "pass", mode: "kernel", console: expect.stringMatching(/tick-s: 50 ticks/) });
    expect(await runElf(demo("tick-s.elf"), { mode: "kernel", memoryBytes: 16 << 20 })).toMatchObject({ outcome: "pass", mode: "kernel" });
    expect(await runElf(demo("tick-sstc.elf"), { sstc: true, memoryBytes: 16 << 20 })).toMatchObject({ outcome: "pass", mode: "kernel", console: expect.stringMatching(/tick-sstc: 50 ticks/) });
    expect(await runElf(hello)).toMatchObject({ outcome: "pass", mode: "firmware" });
  });

  it("boots it in firmware mode when asked, and refuses modes it does not know", async () => {
    // M-mode at the kernel's entry: its SBI calls have no firmware to answer them.
    expect(await runElf(demo("tick-s.elf"), { mode: "firmware", memoryBytes: 16 << 20, maxInsns: 1e7 })).toMatchObject({ mode: "firmware", outcome: expect.not.stringMatching(/^pass$/) });
    await expect(runElf(hello, { mode: "supervisor" as never })).rejects.toThrow(new VmConfigError('mode must be "firmware" or "kernel", got supervisor'));
    await expect(runElf(hello, { sstc: "yes" as never })).rejects.toThrow(VmConfigError);
  });
});
