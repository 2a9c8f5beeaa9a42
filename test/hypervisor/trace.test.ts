import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Hypervisor, TraceRecorder, type HypervisorEvent } from "../../src/index.js";

const demo = (f: string) => readFileSync(new URL(`../../guests/demo/${f}`, import.meta.url));

describe("TraceRecorder", () => {
  it("keeps only the newest events and counts the dropped ones", () => {
    const rec = new TraceRecorder({ capacity: 100 });
    for (let i = 0; i < 250; i++) rec.record({ type: "timer", clock: BigInt(i), at: i, deadline: BigInt(i) });
    expect(rec.size).toBe(100);
    expect(rec.dropped).toBe(150);
    const clocks = rec.events().map((e: HypervisorEvent) => Number(e.clock));
    expect(clocks).toEqual(Array.from({ length: 100 }, (_, k) => 150 + k));
    expect(() => new TraceRecorder({ capacity: 0 })).toThrow(/capacity/);
  });

  it("writes a Chrome trace with a hart track, a track per VM, exits as slices and injections as instants", async () => {
    const rec = new TraceRecorder();
    const hv = await Hypervisor.create({ onEvent: rec.record });
    hv.createVm({ name: "ticks", memoryBytes: 8 << 20 }).loadElf(demo("tick-m.elf"));
    hv.createVm({ name: "hello", memoryBytes: 8 << 20 }).loadElf(demo("hello.elf"));
    await hv.run();
    const trace = rec.toChromeTrace(hv.vms.map((vm) => vm.name));
    const ev = trace.traceEvents;
    const names = ev.filter((e) => e.name === "process_name").map((e) => e.args!.name);
    expect(names).toEqual(["physical machine", "ticks", "hello"]);
    const runs = ev.filter((e) => e.ph === "X" && e.pid === 1);
    expect(new Set(runs.map((e) => e.name))).toEqual(new Set(["ticks", "hello"]));
    const exits = ev.filter((e) => e.ph === "X" && e.pid === 2);
    expect(exits.filter((e) => e.name === "wfi")).toHaveLength(50);
    expect(exits.some((e) => e.name === "mmio" && e.args!.device === "clint")).toBe(true);
    const injections = ev.filter((e) => e.name === "inject timer interrupt" && e.pid === 2);
    expect(injections).toHaveLength(50);
    expect(injections.every((e) => BigInt(e.args!.deadline as string) <= BigInt(e.args!.clock as string))).toBe(true);
    const handled = ev.filter((e) => e.name === "guest handler entered" && e.pid === 2);
    expect(handled).toHaveLength(50);
    expect(handled.every((e) => typeof e.args!.latencyCycles === "number" && (e.args!.latencyCycles as number) >= 0)).toBe(true);
    expect(ev.some((e) => e.name === "program physical timer")).toBe(true);
    for (const e of ev.filter((x) => x.ph === "X")) {
      expect(e.dur!).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(e.ts)).toBe(true);
    }
    // Slices on the hart never overlap: one vCPU at a time.
    const sorted = runs.map((e) => [e.ts!, e.ts! + e.dur!] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0]).toBeGreaterThanOrEqual(sorted[i - 1]![1] - 0.002);
    expect(JSON.parse(JSON.stringify(trace)).traceEvents.length).toBe(ev.length);
  });
});
