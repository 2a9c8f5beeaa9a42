import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { Hypervisor, layout as L } from "../../src/index.js";

const demo = (f: string) => readFileSync(new URL(`../../guests/demo/${f}`, import.meta.url));

describe("Machine", () => {
  it("runs guests in a shared memory that another thread reads in place", async () => {
    const hv = await Hypervisor.create({ sharedMemory: true });
    const vm = hv.createVm({ memoryBytes: 8 << 20 });
    vm.loadElf(demo("cpu-bound.elf"));
    const memory = hv.machine.core.memory;
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    hv.runFor(0, 3);
    // A worker thread reads the vCPU's retired-instruction counter straight out of the memory.
    const seen = await new Promise<bigint>((resolve, reject) => {
      const worker = new Worker(
        `const { parentPort, workerData } = require("node:worker_threads");
         const view = new DataView(workerData.buffer);
         parentPort.postMessage(view.getBigUint64(workerData.at, true));`,
        { eval: true, workerData: { buffer: memory.buffer, at: vm.vcpu.block + L.RETIRED } },
      );
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    expect(seen).toBe(BigInt(vm.instructions));
    expect(seen).toBeGreaterThan(0n);
    hv.stop();
  });

  it("gives the same guest behaviour with the shared build of the core", async () => {
    const outputs: string[] = [];
    for (const sharedMemory of [false, true]) {
      const hv = await Hypervisor.create({ sharedMemory });
      let out = "";
      hv.createVm({ memoryBytes: 8 << 20, onConsole: (b) => (out += String.fromCharCode(b)) }).loadElf(demo("tick-m.elf"));
      await hv.run();
      outputs.push(`${out}|${hv.exitDigest}|${hv.clock}`);
    }
    expect(outputs[1]).toBe(outputs[0]);
  });
});
