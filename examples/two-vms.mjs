// Two VMs on one physical hart: a bare-metal guest that programs the CLINT itself (every access
// an MMIO exit) and an S-mode kernel that asks the hypervisor through SBI. Prints both consoles,
// awaits each VM's exit, then the statistics table.
//   node examples/two-vms.mjs
import { demoGuest, Hypervisor } from "rvisor";

const hv = await Hypervisor.create();

const lines = (name) => {
  let line = "";
  return (byte) => {
    if (byte !== 10) return void (line += String.fromCharCode(byte));
    console.log(`[${name}] ${line}`);
    line = "";
  };
};
const firmware = hv.createVm({ name: "tick-m", mode: "firmware", memoryBytes: 16 << 20, onConsole: lines("tick-m") });
firmware.loadElf(await demoGuest("tick-m.elf"));
const kernel = hv.createVm({ name: "tick-s", mode: "kernel", memoryBytes: 16 << 20 });
kernel.onConsoleOutput(lines("tick-s"));
kernel.loadElf(await demoGuest("tick-s.elf"));

const running = hv.run();
const [a, b] = await Promise.all([firmware.exited, kernel.exited]);
await running;
console.log(`tick-m: ${a.outcome}, tick-s: ${b.outcome}`);
console.log(hv.statsTable());
