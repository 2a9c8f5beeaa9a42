// guests/demo/echo.elf: a guest that sleeps in wfi until the UART's receive interrupt (through
// the PLIC) wakes it, echoes what is typed and answers each line. Real-time mode, as the web page
// runs it: a VM that waits for input with nothing else to wake it keeps waiting (in deterministic
// mode it would be stopped as waiting forever).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Hypervisor } from "../../src/index.js";

const ELF = new Uint8Array(readFileSync(new URL("../../guests/demo/echo.elf", import.meta.url)));

/** Runs the hypervisor in slices until `done()` or `ms` of host time have passed. */
async function runUntil(hv: Hypervisor, done: () => boolean, ms = 10_000): Promise<void> {
  const until = performance.now() + ms;
  while (!done() && performance.now() < until) {
    if (!hv.runFor(5)) break;
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe("echo.elf", () => {
  it("prompts, echoes a typed line, and stops on quit", async () => {
    const hv = await Hypervisor.create({ timeMode: "realtime" });
    let out = "";
    const vm = hv.createVm({ name: "echo", mode: "firmware", memoryBytes: 4 << 20, onConsole: (b) => (out += String.fromCharCode(b)) });
    vm.loadElf(ELF);

    await runUntil(hv, () => out.includes("echo> "));
    expect(out).toContain("echo> ");
    expect(vm.state).toBe("waiting"); // asleep in wfi, not spinning on the UART
    const idle = vm.instructions;
    await runUntil(hv, () => false, 50);
    expect(vm.instructions).toBe(idle);

    vm.sendInput("hi\n");
    await runUntil(hv, () => out.includes("echo: hi\n") && out.endsWith("echo> "));
    expect(out).toContain("hi\necho: hi\necho> ");
    expect(vm.stats.exits.get("mmio")?.count ?? 0).toBeGreaterThan(0);

    // A terminal's Enter ("\r"), a backspace, then quit.
    vm.sendInput("abx\x7fc\r");
    await runUntil(hv, () => out.includes("echo: abc\n"));
    expect(out).toContain("echo: abc\n");
    vm.sendInput("quit\n");
    await runUntil(hv, () => vm.state === "stopped");
    expect(out).toContain("echo: bye");
    expect(vm.result).toMatchObject({ outcome: "pass", exitCode: 0 });
    // Each burst of input raised the UART's interrupt through the PLIC: injected external
    // interrupts count among the VM's interrupts like timer ones.
    const report = vm.report();
    expect(report.interruptsByKind.external).toBeGreaterThanOrEqual(3);
    expect(report.interrupts).toBe(report.interruptsByKind.timer + report.interruptsByKind.external + report.interruptsByKind.software);
    expect(hv.statsTable()).toMatch(/interrupts \d+ \(timer \d+, external [1-9]\d*, software 0\)/);
  });
});
