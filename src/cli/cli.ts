// The `rvisor` command: runs the guests its arguments name (src/cli/args.ts) on one hypervisor,
// their consoles on this terminal, and reports how they ended. Errors the user can fix (bad
// options, unreadable or malformed images, impossible configurations) end in one line on stderr
// and exit status 2, never a stack trace. `rvisor virtualizability` prints the Popek–Goldberg
// report of src/hypervisor/virtualizability.ts instead.

import { closeSync, openSync, readFileSync, realpathSync, writeSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { bootModeOf } from "../vm/boot.js";
import { packageRoot } from "../demo-guests.js";
import { ArgumentError, RvisorError } from "../errors.js";
import { Hypervisor, type HypervisorEvent } from "../hypervisor/hypervisor.js";
import { TraceRecorder } from "../hypervisor/trace.js";
import { SnapshotBlockImage } from "../devices/virtio/block-image.js";
import { pcapHeader, pcapRecord } from "../formats/pcap.js";
import { CLOCK_PER_US } from "../time.js";
import { FileBlockImage } from "../node/file-image.js";
import { isFree, KVM_EXIT_COSTS } from "../hypervisor/exit-cost.js";
import { ablationConsequence, formatAblationConsequence, formatVirtualizabilityReport, virtualizabilityReport } from "../hypervisor/virtualizability.js";
import type { ExitReason } from "../core/vcpu.js";
import type { BootImages, VirtioDeviceOptions } from "../vm/options.js";
import type { Vm } from "../vm/vm.js";
import { demoGuests, parseRunArgs, USAGE, UsageError, type GuestSpec, type RunCommand } from "./args.js";
import { consoleSink, type ConsoleLine, type ConsoleSink, type Out } from "./console-sink.js";
import { checkOutputPath, readImage } from "./files.js";
import { escapeKeys, type InputSource } from "./terminal.js";

export const EXIT_OK = 0;
export const EXIT_GUEST_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_MAX_INSNS = 3;

/** Exit statuses after a signal: 128 + its number, as shells report them. */
const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_STATUS;

/** A guest that dies within this many instructions likely booted in the wrong mode. */
export const EARLY_DEATH_INSNS = 5000;

export function version(): string {
  return (JSON.parse(readFileSync(new URL("package.json", packageRoot()), "utf8")) as { version: string }).version;
}

export async function main(argv: string[], out: Out, err: (s: string) => void, input?: InputSource): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    (command === undefined ? err : out)(USAGE + "\n\n" + VIRTUALIZABILITY_USAGE + "\n");
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === "--version" || command === "-V") {
    out(`rvisor ${version()}\n`);
    return EXIT_OK;
  }
  let current = "";
  let restoreTerminal = () => {};
  // Disk image files: flushed and closed however the run ends. Switch recordings: written at the end.
  const drives: FileBlockImage[] = [];
  /** The real paths of the images open for writing. */
  const writableDrives = new Set<string>();
  const pcaps: { close(): void }[] = [];
  try {
    if (command === "virtualizability") return await virtualizability(rest, out);
    let cmd: RunCommand;
    if (command === "run") cmd = parseRunArgs(rest);
    else if (command === "demo") {
      cmd = parseRunArgs(rest, false);
      cmd.guests = demoGuests();
      cmd.stats = true;
    } else throw new UsageError(`unknown command '${command}'`);
    if (cmd.help) {
      out(USAGE + "\n");
      return EXIT_OK;
    }
    // Results of a long run must not be lost to a path that cannot be written: check first.
    if (cmd.json !== undefined) await checkOutputPath("--json", cmd.json);
    if (cmd.trace !== undefined) await checkOutputPath("--trace", cmd.trace);
    for (const p of cmd.pcap) await checkOutputPath("--pcap", p.file);

    const trace = cmd.trace ? new TraceRecorder({ capacity: cmd.traceEvents }) : undefined;
    const prefixed = cmd.guests.length > 1;
    const sinks: ConsoleSink[] = [];
    // A prompt (a line the guest has not ended) shows when its VM waits: it waits for us.
    const showPartial = (e: HypervisorEvent) => {
      if (e.type === "exit" && e.reason === "wfi") sinks[e.vm]?.idle();
    };
    // A virtio device the guest broke is said at once, with the reason (its VM carries on).
    const names = cmd.guests.map((g) => g.name);
    const deviceError = (e: HypervisorEvent) => {
      if (e.type === "device-error") err(`rvisor: ${names[e.vm]}: ${e.device} needs a reset: ${e.reason}\n`);
    };
    const listeners = [trace?.record, prefixed ? showPartial : undefined, cmd.guests.some((g) => g.virtio.length > 0) ? deviceError : undefined].filter((f) => f !== undefined);
    const onEvent = listeners.length === 0 ? undefined : listeners.length === 1 ? listeners[0] : (e: HypervisorEvent) => listeners.forEach((f) => f(e));
    const hv = await Hypervisor.create({
      maxInsns: cmd.maxInsns, quantum: cmd.quantum, timeMode: cmd.realtime ? "realtime" : "deterministic", onEvent,
      exitCost: cmd.exitCost, harts: cmd.physicalHarts, parallel: cmd.parallel, jit: cmd.jit,
    });
    const line: ConsoleLine = { owner: undefined };
    for (const p of cmd.pcap) pcaps.push(recordPcap(hv, p.switch!, p.file));
    for (const g of cmd.guests) {
      const read = async (file: string | undefined): Promise<Uint8Array | undefined> => {
        if (file === undefined) return undefined;
        current = file;
        return readImage(file, g.memoryBytes);
      };
      const file = g.file === undefined ? undefined : await read(g.file);
      let mode = g.mode;
      let images: BootImages | undefined;
      if (file !== undefined && g.modeDefaulted) {
        const chosen = bootModeOf(file);
        if (chosen !== undefined) {
          mode = chosen.mode;
          err(`rvisor: ${g.name}: ${chosen.why}, booting in kernel mode (S-mode, hypervisor SBI); --mode firmware to override\n`);
          if (chosen.image) images = { kernel: file };
        }
      }
      if (file === undefined) {
        const [firmware, kernel, initrd] = [await read(g.firmware), await read(g.kernel), await read(g.initrd)];
        images = { firmware, kernel, initrd };
      }
      // One console for Linux: with none named it prints on both hvc0 and ttyS0, each line twice.
      const bootargs = g.append ?? (images?.kernel !== undefined ? DEFAULT_KERNEL_BOOTARGS : undefined);
      current = g.file ?? g.kernel ?? g.firmware ?? "";
      const sink = consoleSink(g.name, prefixed, out, line);
      sinks.push(sink);
      const virtio = g.virtio.map((d): VirtioDeviceOptions => {
        if (d.type === "net") return { type: "net", switch: hv.networkSwitch(d.switch) };
        if (d.type !== "blk") return d;
        current = d.file;
        const file = openDrive(d.file, d.access !== "read-write");
        drives.push(file);
        // Two writers of one image file would corrupt each other's file system, as with QEMU's locking.
        if (!file.readonly) {
          const real = realpathSync(d.file);
          if (writableDrives.has(real)) throw new UsageError(`--drive ${d.file}: the same image is already a writable drive (use ,snapshot or ,readonly for the second)`);
          writableDrives.add(real);
        }
        return { type: "blk", image: d.access === "snapshot" ? new SnapshotBlockImage(file) : file };
      });
      const vm = hv.createVm({
        name: g.name, memoryBytes: g.memoryBytes, mode, harts: g.harts, sstc: g.sstc, classic: g.classic, bootargs, virtio,
        onReset: cmd.noReboot ? "stop" : "reboot",
        onConsole: sink.write,
      });
      if (images !== undefined) vm.boot(images);
      else vm.loadElf(file!);
    }
    current = "";

    // Console input goes to the first guest (not the demo's), which waits for it while it is open.
    const first = hv.vms[0]!;
    let quitByKey = false;
    let inputOpen = input !== undefined && command === "run";
    const feed = (chunk: Uint8Array) => first.sendInput(chunk);
    const ended = () => {
      if (!inputOpen) return;
      inputOpen = false;
      first.releaseInput();
    };
    const raw = inputOpen && input!.isTTY === true && typeof input!.setRawMode === "function";
    const keys = raw
      ? escapeKeys(feed, (key) => {
          if (key === "x") {
            err("\r\n");
            quitByKey = true;
            hv.stop("stopped from the console (Ctrl-A x)");
          } else if (key === "s") err(`\r\n${hv.statsTable().replaceAll("\n", "\r\n")}\r\n`);
          else err("\r\nrvisor: Ctrl-A x quits, Ctrl-A s prints the statistics table, Ctrl-A Ctrl-A sends Ctrl-A\r\n");
        })
      : feed;
    if (inputOpen) {
      first.holdInput();
      if (raw) {
        input!.setRawMode!(true);
        const restore = () => input!.setRawMode!(false);
        // Every way out: the finally below, and process exit (a second signal, an uncaught error).
        process.once("exit", restore);
        restoreTerminal = () => {
          restore();
          process.off("exit", restore);
          restoreTerminal = () => {};
        };
      }
      input!.on("data", keys);
      input!.on("end", ended);
    }
    current = "";
    // The statistics table on demand: `kill -USR1 <pid>` prints it to stderr while guests run.
    const showStats = () => err(hv.statsTable() + "\n");
    let signal: StopSignal | undefined;
    const onSignal = (s: StopSignal) => {
      if (signal !== undefined) {
        // A second signal while the first is handled: leave at once.
        restoreTerminal();
        process.exit(SIGNAL_STATUS[s]);
      }
      signal = s;
      hv.stop(`stopped by ${s}`);
    };
    process.on("SIGUSR1", showStats);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      await hv.run();
    } finally {
      hv.close();
      if (inputOpen) ended();
      if (input !== undefined && command === "run") {
        input.off("data", keys);
        input.off("end", ended);
        input.pause?.();
      }
      restoreTerminal();
      process.off("SIGUSR1", showStats);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      for (const sink of sinks) sink.flush();
    }
    if (prefixed || cmd.stats || signal !== undefined) out("\n" + hv.statsTable() + "\n");
    if (command === "demo" && isFree(hv.exitCosts)) out(kvmView(hv));
    let status = exitStatus(hv.vms, cmd.guests, err, prefixed);
    if (quitByKey) status = EXIT_GUEST_FAILED;
    if (signal !== undefined) status = SIGNAL_STATUS[signal];
    const written = async (file: string | undefined, text: () => string) => {
      if (file === undefined) return;
      try {
        await writeFile(file, text());
      } catch (e) {
        err(`rvisor: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        if (status === EXIT_OK) status = EXIT_USAGE;
      }
    };
    await written(cmd.json, () => JSON.stringify(jsonReport(hv), null, 2) + "\n");
    if (trace) await written(cmd.trace, () => JSON.stringify(trace.toChromeTrace(hv.vms.map((vm) => vm.name))));
    return status;
  } catch (e) {
    restoreTerminal();
    if (e instanceof UsageError || e instanceof RvisorError) {
      err(`rvisor: ${current && !(e instanceof UsageError) ? current + ": " : ""}${e.message}\n`);
      if (e instanceof UsageError) err("run 'rvisor --help' for usage\n");
      return EXIT_USAGE;
    }
    throw e;
  } finally {
    for (const d of drives) d.close();
    for (const p of pcaps) p.close();
  }
}

const VIRTUALIZABILITY_USAGE = `usage: rvisor virtualizability [--ablate sstatus] [--json]

Runs every sensitive RV64 instruction on the core natively, in U-mode and deprivileged (U-mode in
classic mode) and prints which trap: Popek and Goldberg's condition for trap-and-emulate.
  --ablate sstatus  then the same on a core whose U-mode sstatus accesses do not trap
                    (CONFIG_SILENT_SSTATUS, as x86's POPF), and our S-mode kernel
                    (tiny-os.elf) in classic mode on both cores, where their consoles differ
  --json            the reports as JSON`;

/** `rvisor virtualizability`: the report of src/hypervisor/virtualizability.ts, the ablated one after it if asked. */
async function virtualizability(args: string[], out: Out): Promise<number> {
  let json = false;
  let ablate = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-h" || a === "--help") {
      out(VIRTUALIZABILITY_USAGE + "\n");
      return EXIT_OK;
    } else if (a === "--json") json = true;
    else if (a === "--ablate" || a.startsWith("--ablate=")) {
      const what = a === "--ablate" ? args[++i] : a.slice("--ablate=".length);
      if (what !== "sstatus") throw new UsageError(`--ablate takes sstatus, the one ablation there is; got '${what ?? ""}'`);
      ablate = true;
    } else throw new UsageError(`unknown option '${a}' for virtualizability`);
  }
  const reports = [await virtualizabilityReport()];
  if (ablate) reports.push(await virtualizabilityReport({ ablate: "sstatus" }));
  // With the ablation, what it does to a real kernel: tiny-os in classic mode on both cores.
  const consequence = ablate ? await ablationConsequence() : undefined;
  if (json) out(JSON.stringify(consequence ? { reports, consequence } : reports, null, 2) + "\n");
  else out(reports.map(formatVirtualizabilityReport).join("\n") + (consequence ? "\n" + formatAblationConsequence(consequence) + "\n" : ""));
  return EXIT_OK;
}

/** A --drive file, or a UsageError saying why not (and what to add when it may not be written). */
function openDrive(path: string, readonly: boolean): FileBlockImage {
  try {
    return new FileBlockImage(path, { readonly });
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    const hint = !readonly && /\((EACCES|EROFS|EPERM)\)/.test(e.message) ? "; add ,readonly or ,snapshot" : "";
    throw new UsageError(`--drive ${path}: ${e.message}${hint}`);
  }
}

/**
 * The demo's second view: what its exits would have cost the guests at KVM's exit costs, from the
 * exit counts of this run (`rvisor demo --exit-cost kvm` runs it with the costs charged, which
 * also moves the timers).
 */
function kvmView(hv: Hypervisor): string {
  const lines = ["Exits took no guest time in this run (--exit-cost 0). At KVM's exit costs (--exit-cost kvm) they would have cost:"];
  for (const r of hv.reports()) {
    const parts = Object.entries(r.exits).filter(([reason, s]) => s.count > 0 && KVM_EXIT_COSTS[reason as ExitReason] > 0);
    const cycles = parts.reduce((n, [reason, s]) => n + s.count * KVM_EXIT_COSTS[reason as ExitReason], 0);
    const how = parts.map(([reason, s]) => `${s.count} ${reason} × ${KVM_EXIT_COSTS[reason as ExitReason].toLocaleString("en-US")}`).join(" + ");
    lines.push(`  ${r.name}: ${cycles.toLocaleString("en-US")} cycles, ${(cycles / CLOCK_PER_US).toLocaleString("en-US", { maximumFractionDigits: 1 })} µs of guest time${how ? ` (${how})` : ""}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * Records switch `name`'s frames into a pcap file as they pass, stamped with guest time: what
 * was recorded is in the file however the run ends, and a long run holds none of it in memory.
 */
function recordPcap(hv: Hypervisor, name: string, file: string): { close(): void } {
  const fd = openSync(file, "w");
  writeSync(fd, pcapHeader());
  const stop = hv.networkSwitch(name).onFrame((frame) => void writeSync(fd, pcapRecord(Number(hv.clock) / CLOCK_PER_US, frame)));
  return {
    close: () => {
      stop();
      closeSync(fd);
    },
  };
}

/** The kernel command line when none is given: one console, the UART (as QEMU's virt uses). */
export const DEFAULT_KERNEL_BOOTARGS = "console=ttyS0";

function exitStatus(vms: readonly Vm[], guests: readonly GuestSpec[], err: (s: string) => void, named: boolean): number {
  let status = EXIT_OK;
  for (const [i, vm] of vms.entries()) {
    const r = vm.result!;
    const who = named ? vm.name : "guest";
    if (r.outcome === "pass") continue;
    if (r.outcome === "max-insns") {
      err(`rvisor: ${who}: ${r.reason}; raise --max-insns to let it run longer\n`);
      if (status === EXIT_OK) status = EXIT_MAX_INSNS;
    } else {
      err(`rvisor: ${who}: ${r.outcome === "fail" && r.reason.startsWith("HTIF") ? `FAIL: test ${r.exitCode}` : `stopped: ${r.reason}`}\n`);
      const hint = wrongModeHint(vm, guests[i]);
      if (hint) err(`rvisor: ${who}: ${hint}\n`);
      status = EXIT_GUEST_FAILED;
    }
  }
  return status;
}

/** A guest given as one image that died at once: it was probably built for the other mode. */
function wrongModeHint(vm: Vm, guest: GuestSpec | undefined): string | undefined {
  const r = vm.result!;
  // A guest that waits for input it never gets did not boot in the wrong mode.
  if (guest?.file === undefined || r.outcome !== "fatal" || r.error !== undefined || r.reason.startsWith("waits for") || vm.instructions >= EARLY_DEATH_INSNS) return undefined;
  return vm.mode === "firmware"
    ? `it died after ${vm.instructions} instructions in M-mode: if it is an S-mode kernel (SBI calls), try --mode kernel`
    : `it died after ${vm.instructions} instructions in S-mode: if it is M-mode firmware or bare-metal code, try --mode firmware`;
}

export function jsonReport(hv: Hypervisor): unknown {
  return {
    clock: hv.clock.toString(),
    exitCost: hv.exitCosts,
    exitDigest: hv.exitDigest.toString(16),
    vms: hv.reports().map((r) => ({
      ...r,
      exitsByReason: Object.fromEntries(Object.entries(r.exits).map(([k, s]) => [k, s.count])),
    })),
  };
}
