// The same guest I/O through an emulated device and through a paravirtual one
// (guests/virtio/io-bench.c, bare metal in M-mode):
//   console   1 MiB of text through the 16550 UART, polled (io-uart.elf: a status read and a data
//             write per byte, each an MMIO exit), against the same 1 MiB through virtio-console in
//             4 KiB buffers (io-console.elf: one QueueNotify per batch of up to 16 buffers)
//   block     16 MiB of sequential writes then 16 MiB of reads through virtio-blk in 64 KiB
//             requests, 4 in flight (io-blk.elf), over a MemoryBlockImage of 16 MiB. rvisor has no
//             emulated disk, so there is no trap-and-emulate row to set against it.
//   udp       two Linux VMs (guests/linux, kernel mode) on one virtio-net switch: /bin/virtio-test
//             as an echo server and as a client timing UDP_COUNT round trips of 64-byte datagrams
//             (guests/linux/README.md has the command lines). No emulated NIC either. Measured
//             between the client's warm-up line and its result line (boot, ARP and the result
//             line's own output left out): round trips per second of guest and host time, the
//             guest's own average round trip (CLOCK_MONOTONIC), and both VMs' exits per round
//             trip. Skipped, saying why, when guests/linux/build.sh cannot build the kernel
//             (Debian's linux-source-6.1 and gcc-riscv64-linux-gnu; cached in ~/.cache/rvisor).
// Each runs with exits free (exitCost 0: the pure instruction clock) and at KVM's exit costs
// (exitCost "kvm", src/hypervisor/exit-cost.ts: 2,384 guest cycles per MMIO exit), so that guest
// time shows what the exits would cost on a real hypervisor.
//
//   npm run bench:io      (tsc, then node dist/bench/io.bench.js)   RVISOR_BENCH_RUNS (default 3),
//                         RVISOR_BENCH_UDP_COUNT (round trips, default 200)
//
// Per row (console and block): guest instructions; exits the guest caused (all reasons but
// budget) and MMIO exits by device; exits per KiB (console) or MiB (block); guest time (hv.clock,
// 100 M clock units per guest second) and MiB/s in guest time; host wall time and MiB/s in host
// time; host µs per MMIO exit (the report's exits.mmio average: a virtio device's are mostly
// cheap register accesses, but its QueueNotify exits do the device's work, copying the 4 or
// 64 KiB buffers, in the exit). Guest figures are deterministic (checked equal across runs); host
// figures are the run with the best wall time of RVISOR_BENCH_RUNS (4 × that for io-console and
// io-blk, 10-30 ms a run).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { guestImage, linuxBuildDir } from "./guests.js";
import { CLOCK_HZ, CLOCK_PER_US, Hypervisor, MemoryBlockImage, type Vm, type VirtioDeviceOptions, type VmReport } from "../src/index.js";

const elf = (f: string) => guestImage(join("virtio", f));
const RUNS = Number(process.env.RVISOR_BENCH_RUNS ?? 3);
const MiB = 1 << 20;

interface Workload {
  label: string;
  file: string;
  /** Bytes the guest moves (console: written; block: written plus read back). */
  bytes: number;
  /** The guest's last line, which says it finished and checked its work. */
  summary: string;
  /** Console bytes the guest writes in all (its text and its summary line), or undefined to not count. */
  consoleBytes?: number;
  virtio: () => VirtioDeviceOptions[];
  /** Runs per row, in RVISOR_BENCH_RUNS (a short workload's host time needs more to settle). */
  runs?: number;
}

const consoleText = MiB;
const workloads: Workload[] = [
  {
    label: "16550 UART (emulated)",
    file: "io-uart.elf",
    bytes: consoleText,
    summary: "io-uart: 1048576 bytes through the UART\n",
    consoleBytes: consoleText + "io-uart: 1048576 bytes through the UART\n".length,
    virtio: () => [],
  },
  {
    label: "virtio-console",
    file: "io-console.elf",
    bytes: consoleText,
    summary: "io-console: 1048576 bytes through virtio-console port 0 in 256 buffers of 4096\n",
    consoleBytes: consoleText + "io-console: 1048576 bytes through virtio-console port 0 in 256 buffers of 4096\n".length,
    runs: 4,
    virtio: () => [{ type: "console" }],
  },
  {
    label: "virtio-blk",
    file: "io-blk.elf",
    bytes: 32 * MiB,
    summary: "io-blk: wrote 16 MiB in 256 requests of 64 KiB, read it back: sector stamps ok\n",
    runs: 4,
    // Written through first: the host OS's page faults on a fresh buffer are not the device's cost.
    virtio: () => [{ type: "blk", image: new MemoryBlockImage(new Uint8Array(16 * MiB).fill(0xff)) }],
  },
];

interface Run {
  report: VmReport;
  clock: bigint;
  hostMs: number;
}

async function runOnce(w: Workload, exitCost: 0 | "kvm"): Promise<Run> {
  const hv = await Hypervisor.create({ exitCost });
  // Only the last bytes are kept, in a ring: building 1 MiB of string a byte at a time would be
  // host time of the bench's own.
  let count = 0;
  const ring = new Uint8Array(256);
  const vm = hv.createVm({ name: w.file, mode: "firmware", virtio: w.virtio(), onConsole: (b) => (ring[count++ & 255] = b) });
  vm.loadElf(elf(w.file));
  const t0 = performance.now();
  await hv.run();
  const hostMs = performance.now() - t0;
  const tail = Buffer.concat([ring.subarray(count & 255), ring.subarray(0, count & 255)]).toString("latin1").slice(-Math.min(count, 256));
  if (vm.result?.outcome !== "pass" || !tail.endsWith(w.summary)) throw new Error(`${w.file} (${exitCost}): ${vm.result?.reason}\n${tail}`);
  if (w.consoleBytes !== undefined && count !== w.consoleBytes) throw new Error(`${w.file}: ${count} console bytes, expected ${w.consoleBytes}`);
  return { report: vm.report(), clock: hv.clock, hostMs };
}

async function best(w: Workload, exitCost: 0 | "kvm"): Promise<Run> {
  let b: Run | undefined;
  for (let i = 0; i < RUNS * (w.runs ?? 1); i++) {
    const r = await runOnce(w, exitCost);
    if (b && (r.clock !== b.clock || r.report.instructions !== b.report.instructions)) {
      throw new Error(`${w.file} (${exitCost}): guest time differs between runs (${b.clock} / ${r.clock})`);
    }
    if (!b || r.hostMs < b.hostMs) b = r;
  }
  return b!;
}

const n = (x: number, digits = 0) => x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
/** Significant figures for a rate that spans 0.02 to 1,000. */
const rate = (x: number) => n(x, x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 2 : Math.max(2, 2 - Math.floor(Math.log10(x))));
/** The exits the guest caused: all but budget, which is the interpreter slicing its run (it
 *  differs with the cost model only because the physical timer falls elsewhere). */
const exitsOf = (r: VmReport) => Object.entries(r.exits).reduce((s, [reason, e]) => (reason === "budget" ? s : s + e.count), 0);
const byDevice = (r: VmReport) =>
  Object.entries(r.mmioByDevice)
    .sort(([, a], [, b]) => b - a)
    .map(([d, c]) => `${d} ${n(c)}`)
    .join(", ");

interface Row {
  device: string;
  cost: string;
  cells: string[];
}

function row(w: Workload, cost: 0 | "kvm", r: Run, unit: number): Row {
  const exits = exitsOf(r.report);
  const guestS = Number(r.clock) / CLOCK_HZ;
  const hostS = r.hostMs / 1000;
  const mmio = r.report.exits.mmio!;
  return {
    device: w.label,
    cost: String(cost),
    cells: [
      n(r.report.instructions),
      n(exits),
      byDevice(r.report),
      n(exits / (w.bytes / unit), 2),
      n(guestS * 1000, 1),
      rate(w.bytes / MiB / guestS),
      n(r.hostMs, 0),
      rate(w.bytes / MiB / hostS),
      n(mmio.avg * 1000, 2),
    ],
  };
}

function print(title: string, headers: string[], rows: Row[]): void {
  console.log(`\n${title}`);
  const all = [["device", "cost", ...headers], ...rows.map((r) => [r.device, r.cost, ...r.cells])];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((cells) => cells[i]!.length)));
  for (const cells of all) console.log(cells.map((c, i) => (i < 2 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "));
  console.log("\n| " + all[0]!.join(" | ") + " |");
  console.log("|" + all[0]!.map(() => "---").join("|") + "|");
  for (const cells of all.slice(1)) console.log("| " + cells.join(" | ") + " |");
}

const costs = [0, "kvm"] as const;
console.log(`guest I/O, emulated against paravirtual; best host time of ${RUNS} runs per row (virtio rows ${RUNS * 4}) (guest figures are deterministic)`);

const consoleRows: Row[] = [];
for (const w of workloads.slice(0, 2)) for (const c of costs) consoleRows.push(row(w, c, await best(w, c), 1024));
print("console output, 1 MiB", ["guest insns", "exits", "MMIO exits by device", "exits / KiB", "guest ms", "guest MiB/s", "host ms", "host MiB/s", "host µs / exit"], consoleRows);

const blkRows: Row[] = [];
for (const c of costs) blkRows.push(row(workloads[2]!, c, await best(workloads[2]!, c), MiB));
print("block, 16 MiB written then read back (no emulated disk in rvisor to compare with)", ["guest insns", "exits", "MMIO exits by device", "exits / MiB", "guest ms", "guest MiB/s", "host ms", "host MiB/s", "host µs / exit"], blkRows);

// ---- UDP between two Linux VMs -------------------------------------------------------------

const UDP_COUNT = Number(process.env.RVISOR_BENCH_UDP_COUNT ?? 200);
const SERVER_IP = "10.0.2.1";
const CLIENT_IP = "10.0.2.2";

/** Both VMs' figures at one moment. */
interface Mark {
  clock: bigint;
  hostMs: number;
  reports: VmReport[];
}

/** What the UDP pair did between the client's warm-up line and its result line. */
interface UdpRun {
  from: Mark;
  to: Mark;
  /** The client's result line (rtt min/avg/max in guest µs). */
  result: string;
}

const mark = (hv: Hypervisor, vms: Vm[]): Mark => ({ clock: hv.clock, hostMs: performance.now(), reports: vms.map((vm) => vm.report()) });

async function udpOnce(kernel: Uint8Array, exitCost: 0 | "kvm"): Promise<UdpRun> {
  const hv = await Hypervisor.create({ exitCost, maxInsns: 5e9 });
  const lan = hv.networkSwitch("lan");
  const ip = (addr: string) => `ip=${addr}:::255.255.255.0::eth0:off`;
  const guests = [
    { name: "server", bootargs: `console=ttyS0 ${ip(SERVER_IP)} rvisor_test=udp-server`, mac: "52:54:00:12:34:01" },
    { name: "client", bootargs: `console=ttyS0 ${ip(CLIENT_IP)} rvisor_peer=${SERVER_IP} rvisor_count=${UDP_COUNT} rvisor_test=udp-client`, mac: "52:54:00:12:34:02" },
  ];
  const consoles = ["", ""];
  const vms: Vm[] = [];
  // The window opens when the warm-up line is out and closes at the first byte of the next line
  // (the result), so that neither the boot nor the result's own console output is in it.
  let line = "";
  let from: Mark | undefined;
  let to: Mark | undefined;
  let toAt = 0;
  for (const [i, g] of guests.entries()) {
    const vm = hv.createVm({
      name: g.name,
      mode: "kernel",
      memoryBytes: 128 << 20,
      bootargs: g.bootargs,
      virtio: [{ type: "net", switch: lan, mac: g.mac }],
      onConsole: (b) => {
        consoles[i] += String.fromCharCode(b);
        if (i !== 1) return;
        if (from && !to) {
          to = mark(hv, vms);
          toAt = consoles[1]!.length - 1;
        }
        if (b !== 10) {
          line += String.fromCharCode(b);
          return;
        }
        if (line.startsWith("rvisor-test: udp-client: warm-up echoed")) from = mark(hv, vms);
        line = "";
      },
    });
    vm.boot({ kernel });
    vms.push(vm);
  }
  await hv.run();
  const re = new RegExp(`^rvisor-test: udp-client: (${UDP_COUNT} datagrams of 64 bytes .*rtt .*)$`, "m");
  const result = re.exec(consoles[1]!.replace(/\r/g, ""))?.[1];
  for (const [i, vm] of vms.entries()) {
    if (vm.result?.outcome !== "pass") throw new Error(`udp ${guests[i]!.name} (${exitCost}): ${vm.result?.reason}\n${consoles[i]!.slice(-2000)}`);
  }
  if (!from || !to || !result) throw new Error(`udp (${exitCost}): no result line\n${consoles[1]!.slice(-2000)}`);
  if (!consoles[1]!.startsWith(`rvisor-test: udp-client: ${result}`, toAt)) throw new Error(`udp (${exitCost}): the window closed on another line`);
  if (!result.includes(" 0 resent")) throw new Error(`udp (${exitCost}): datagrams were resent: ${result}`);
  return { from, to, result };
}

/** The sum over both VMs of what happened in the window. */
function udpRow(cost: 0 | "kvm", r: UdpRun): Row {
  const diff = (f: (rep: VmReport) => number) => r.to.reports.reduce((s, rep, i) => s + f(rep) - f(r.from.reports[i]!), 0);
  const exits = diff(exitsOf);
  const mmio = diff((rep) => rep.exits.mmio!.count);
  const mmioMs = diff((rep) => rep.exits.mmio!.total);
  const devices = new Map<string, number>();
  for (const [i, rep] of r.to.reports.entries()) {
    for (const [d, c] of Object.entries(rep.mmioByDevice)) devices.set(d, (devices.get(d) ?? 0) + c - (r.from.reports[i]!.mmioByDevice[d] ?? 0));
  }
  const calls = diff((rep) => rep.exits.hypercall!.count);
  const wfi = diff((rep) => rep.exits.wfi!.count);
  const perTrip = (x: number) => n(x / UDP_COUNT, 1);
  const guestS = Number(r.to.clock - r.from.clock) / CLOCK_HZ;
  const hostS = (r.to.hostMs - r.from.hostMs) / 1000;
  const avg = Number(/avg (\d+) us/.exec(r.result)![1]);
  return {
    device: "virtio-net (2 VMs)",
    cost: String(cost),
    cells: [
      n(diff((rep) => rep.instructions) / UDP_COUNT),
      perTrip(exits),
      [...[...devices].filter(([, c]) => c / UDP_COUNT >= 0.05).sort(([, a], [, b]) => b - a).map(([d, c]) => `${d} ${perTrip(c)}`), `hypercall ${perTrip(calls)}`, `wfi ${perTrip(wfi)}`].join(", "),
      n((guestS * 1e6) / UDP_COUNT, 0),
      n(avg, 0),
      n(UDP_COUNT / guestS, 0),
      n((hostS * 1e6) / UDP_COUNT, 0),
      n(UDP_COUNT / hostS, 0),
      n((mmioMs * 1000) / mmio, 2),
    ],
  };
}

let kernel: Uint8Array | undefined;
try {
  kernel = readFileSync(join(linuxBuildDir(), "Image"));
} catch (e) {
  console.log(`\nUDP between two Linux VMs: skipped, the kernel could not be built (${(e as Error).message.split("\n")[0]})`);
}
if (kernel) {
  const udpRows: Row[] = [];
  for (const c of costs) {
    let b: UdpRun | undefined;
    for (let i = 0; i < RUNS; i++) {
      const r = await udpOnce(kernel, c);
      if (b && (r.to.clock - r.from.clock !== b.to.clock - b.from.clock || r.result !== b.result)) throw new Error(`udp (${c}): guest time differs between runs`);
      if (!b || r.to.hostMs - r.from.hostMs < b.to.hostMs - b.from.hostMs) b = r;
    }
    udpRows.push(udpRow(c, b!));
  }
  print(
    `UDP between two Linux VMs, ${UDP_COUNT} round trips of 64-byte datagrams (no emulated NIC in rvisor to compare with); per round trip, both VMs`,
    ["guest insns / trip", "exits / trip", "exits / trip by kind", "guest µs / trip", "guest rtt avg µs", "trips / guest s", "host µs / trip", "trips / host s", "host µs / exit"],
    udpRows,
  );
}
