import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { Hypervisor, type JitSetting } from "../../src/index.js";
import { LINUX_BUILD_TIMEOUT_MS, linuxBuildDir } from "../helpers/linux-build.js";

// Linux 6.1 to power-off with the compiling tier off, on (its default thresholds) and forced on
// (every jump target translated at once), in kernel mode, under OpenSBI and in classic mode:
// the same console, the same exit digest and the same instruction count, bit for bit.
const FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin";
const canBuild = existsSync("/usr/src/linux-source-6.1.tar.xz") && existsSync("/usr/bin/riscv64-linux-gnu-gcc");

let image: Uint8Array;

async function boot(jit: JitSetting, mode: "kernel" | "firmware" | "classic") {
  const hv = await Hypervisor.create({ maxInsns: 2e9, jit });
  let text = "";
  const vm = hv.createVm({
    memoryBytes: 128 << 20,
    mode: mode === "firmware" ? "firmware" : "kernel",
    classic: mode === "classic",
    bootargs: "console=ttyS0",
    onConsole: (b) => void (text += String.fromCharCode(b)),
  });
  vm.boot(mode === "firmware" ? { firmware: readFileSync(FW), kernel: image } : { kernel: image });
  await hv.run();
  expect(vm.result, text.slice(-2000)).toMatchObject({ outcome: "pass" });
  expect(text).toContain("rvisor-init: powering off");
  return { text, digest: hv.exitDigest, instructions: vm.instructions, translated: vm.translatedInstructions, stats: hv.machine.jit?.stats };
}

describe.skipIf(!canBuild)("Linux with the compiling tier", () => {
  beforeAll(() => {
    image = readFileSync(`${linuxBuildDir()}/Image`);
  }, LINUX_BUILD_TIMEOUT_MS);

  it.each(["kernel", "firmware", "classic"] as const)("%s mode: the same console, exit digest and instructions with the tier off, on and forced on", async (mode) => {
    const off = await boot(false, mode);
    expect(off.translated).toBe(0);
    for (const jit of [true, "eager"] as const) {
      const on = await boot(jit, mode);
      expect(on.text).toBe(off.text);
      expect(on.digest).toBe(off.digest);
      expect(on.instructions).toBe(off.instructions);
      // The tier did run: forced on, most of the boot runs translated.
      expect(on.translated, `${jit}: ${JSON.stringify(on.stats)}`).toBeGreaterThan(jit === "eager" ? 0.5 * on.instructions : 0);
    }
  }, 180_000);
});
