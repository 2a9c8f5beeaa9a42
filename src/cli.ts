// The `rvisor` command. Errors the user can fix (bad options, unreadable or malformed images,
// impossible configurations) end in one line on stderr and exit status 2, never a stack trace.

import { constants } from "node:fs";
import { open, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ImageError } from "./boot.js";
import { isElf } from "./elf.js";
import { RvisorError } from "./errors.js";
import { Hypervisor } from "./hypervisor.js";
import { MAX_RAM_BYTES } from "./vm-options.js";
import { TraceRecorder } from "./trace.js";
import type { BootMode, Vm } from "./vm.js";

export const EXIT_OK = 0;
export const EXIT_GUEST_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_MAX_INSNS = 3;

const USAGE = `usage: rvisor run [options] [guest options] <guest> [[--] [guest options] <guest> ...]
       rvisor demo [options]

A guest is a bare-metal ELF (positional), or --kernel with optional --firmware/--initrd/--append;
'--' separates guests given with options only.

Runs RISC-V guests side by side on one simulated physical hart, each in its own VM with the
QEMU virt platform (RAM at 0x80000000, CLINT, test finisher; HTIF when the ELF has 'tohost').

options:
  --max-insns N     stop after N guest instructions in total (exit status 3)
  --quantum N       instructions a vCPU runs before the next one (default 100000)
  --json FILE       write the per-VM results and statistics as JSON
  --trace FILE      write a Chrome Trace Event file (open it in Perfetto or chrome://tracing);
                    the newest --trace-events events are kept (default 200000)
  --stats           print the statistics table even for one guest
  --no-reboot       a guest's reset request stops its VM instead of booting it again
  --realtime        guest time follows the host clock (default: deterministic,
                    advancing with instructions at a nominal 100 MIPS)
guest options (apply to the guest that follows them):
  --name NAME       the VM's name (default: the file's name)
  --memory SIZE     RAM: bytes, or with K/M/G (default 128M)
  --mode MODE       firmware: M-mode at the entry point (default);
                    kernel: S-mode at the entry, the hypervisor provides SBI
  --sstc            give the vCPU the Sstc extension (stimecmp)
  --kernel FILE     a kernel (raw RISC-V Linux Image or ELF); alone: kernel mode
  --firmware FILE   M-mode firmware (e.g. OpenSBI fw_jump.bin) that boots the --kernel
  --initrd FILE     an initial ramdisk (placed in RAM, named in the device tree)
  --append TEXT     the kernel command line (device tree /chosen/bootargs)
  -h, --help        this text

With several guests each console line is prefixed with its VM's name and the statistics
table follows; SIGUSR1 prints the table while the guests run. Exit status: 0 when every VM ended cleanly (pass, HTIF pass or SBI shutdown),
1 when one failed or was stopped, 2 usage or input error, 3 --max-insns hit.`;

export class UsageError extends Error {
  override name = "UsageError";
}

export interface GuestSpec {
  /** A bare-metal ELF given as a positional argument (firmware mode unless --mode kernel). */
  file?: string;
  kernel?: string;
  firmware?: string;
  initrd?: string;
  append?: string;
  name: string;
  memoryBytes: number;
  mode: BootMode;
  sstc: boolean;
}

export interface RunCommand {
  guests: GuestSpec[];
  maxInsns: number | undefined;
  quantum: number | undefined;
  json: string | undefined;
  stats: boolean;
  realtime: boolean;
  noReboot: boolean;
  trace: string | undefined;
  traceEvents: number | undefined;
}

export function parseSize(text: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(text);
  if (!m) throw new UsageError(`invalid size '${text}' (expected e.g. 64M, 1G or a number of bytes)`);
  const unit = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

function positive(option: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`${option} needs a positive whole number, got '${v}'`);
  return Number(v);
}

type PendingGuest = Omit<GuestSpec, "name" | "mode"> & { name?: string; mode?: BootMode };

const freshGuest = (): PendingGuest => ({ memoryBytes: 128 << 20, sstc: false });

export function parseRunArgs(args: string[], needGuests = true): RunCommand {
  const cmd: RunCommand = { guests: [], maxInsns: undefined, quantum: undefined, json: undefined, stats: false, realtime: false, noReboot: false, trace: undefined, traceEvents: undefined };
  let next = freshGuest();
  const finish = (file?: string) => {
    const source = file ?? next.kernel ?? next.firmware;
    if (source === undefined) return;
    if (file !== undefined && (next.kernel !== undefined || next.firmware !== undefined)) {
      throw new UsageError(`'${file}': give a guest either as one ELF or with --kernel/--firmware, not both`);
    }
    // --kernel alone boots in S-mode with the hypervisor's SBI; with --firmware, in M-mode.
    const mode = next.mode ?? (next.kernel !== undefined && next.firmware === undefined ? "kernel" : "firmware");
    if (mode === "kernel" && next.firmware !== undefined) throw new UsageError("--firmware runs in M-mode: it cannot go with --mode kernel");
    if (mode === "firmware" && next.kernel !== undefined && next.firmware === undefined) {
      throw new UsageError("--mode firmware with --kernel needs --firmware (e.g. OpenSBI's fw_jump.bin)");
    }
    if (next.initrd !== undefined && next.kernel === undefined) throw new UsageError("--initrd needs --kernel");
    const base = source.split(/[\\/]/).pop()!.replace(/\.elf$/, "");
    cmd.guests.push({ ...next, file, mode, name: next.name ?? base });
    next = freshGuest();
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case "--memory": next.memoryBytes = parseSize(value()); break;
      case "--max-insns": cmd.maxInsns = positive(a, value()); break;
      case "--quantum": cmd.quantum = positive(a, value()); break;
      case "--json": cmd.json = value(); break;
      case "--stats": cmd.stats = true; break;
      case "--realtime": cmd.realtime = true; break;
      case "--no-reboot": cmd.noReboot = true; break;
      case "--trace": cmd.trace = value(); break;
      case "--trace-events": cmd.traceEvents = positive(a, value()); break;
      case "--name": next.name = value(); break;
      case "--sstc": next.sstc = true; break;
      case "--kernel": next.kernel = value(); break;
      case "--firmware": next.firmware = value(); break;
      case "--initrd": next.initrd = value(); break;
      case "--append": next.append = value(); break;
      case "--mode": {
        const m = value();
        if (m !== "firmware" && m !== "kernel") throw new UsageError(`--mode is firmware or kernel, got '${m}'`);
        next.mode = m;
        break;
      }
      case "--": finish(); break;
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option '${a}'`);
        finish(a);
    }
  }
  finish();
  if (cmd.guests.length === 0 && needGuests) throw new UsageError("no guest given");
  if (cmd.guests.length > 0 && !needGuests) throw new UsageError("the demo brings its own guests");
  const names = new Set<string>();
  for (const g of cmd.guests) {
    while (names.has(g.name)) g.name += "'";
    names.add(g.name);
  }
  return cmd;
}

/** The demo: one physical hart, four VMs, the timer virtualized three ways plus a CPU hog. */
export function demoGuests(): GuestSpec[] {
  // From src/cli.ts (sources) the package root is one level up; from dist/src/cli.js, two.
  const root = new URL(import.meta.url.includes("/dist/src/") ? "../../" : "../", import.meta.url);
  const path = (f: string) => fileURLToPath(new URL(`guests/demo/${f}`, root));
  return [
    { file: path("tick-m.elf"), name: "tick-m (trap & emulate)", memoryBytes: 16 << 20, mode: "firmware", sstc: false },
    { file: path("tick-s.elf"), name: "tick-s (SBI)", memoryBytes: 16 << 20, mode: "kernel", sstc: false },
    { file: path("tick-sstc.elf"), name: "tick-sstc (Sstc)", memoryBytes: 16 << 20, mode: "kernel", sstc: true },
    { file: path("cpu-bound.elf"), name: "cpu-bound", memoryBytes: 16 << 20, mode: "firmware", sstc: false },
  ];
}

type Out = (s: string | Uint8Array) => void;

/** Where console input comes from (the CLI passes stdin when it is not a terminal). */
export interface InputSource {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  off(event: "data", listener: (chunk: Uint8Array) => void): unknown;
}

export async function main(argv: string[], out: Out, err: (s: string) => void, input?: InputSource): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    (command === undefined ? err : out)(USAGE + "\n");
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  let current = "";
  try {
    let cmd: RunCommand;
    if (command === "run") cmd = parseRunArgs(rest);
    else if (command === "demo") {
      cmd = parseRunArgs(rest, false);
      cmd.guests = demoGuests();
      cmd.stats = true;
    } else throw new UsageError(`unknown command '${command}'`);

    const trace = cmd.trace ? new TraceRecorder({ capacity: cmd.traceEvents }) : undefined;
    const hv = await Hypervisor.create({
      maxInsns: cmd.maxInsns, quantum: cmd.quantum, timeMode: cmd.realtime ? "realtime" : "deterministic", onEvent: trace?.record,
    });
    const prefixed = cmd.guests.length > 1;
    const sinks: ConsoleSink[] = [];
    for (const g of cmd.guests) {
      const sink = consoleSink(g.name, prefixed, out);
      sinks.push(sink);
      const vm = hv.createVm({
        name: g.name, memoryBytes: g.memoryBytes, mode: g.mode, sstc: g.sstc, bootargs: g.append,
        onReset: cmd.noReboot ? "stop" : "reboot",
        onConsole: sink.write,
      });
      const read = async (file: string | undefined): Promise<Uint8Array | undefined> => {
        if (file === undefined) return undefined;
        current = file;
        return readImage(file, vm.ramBytes);
      };
      if (g.file !== undefined) vm.loadElf((await read(g.file))!);
      else {
        const [firmware, kernel, initrd] = [await read(g.firmware), await read(g.kernel), await read(g.initrd)];
        current = g.kernel ?? g.firmware ?? "";
        vm.boot({ firmware, kernel, initrd });
      }
    }
    // Console input goes to the first guest.
    const feed = (chunk: Uint8Array) => hv.vms[0]!.sendInput(chunk);
    input?.on("data", feed);
    current = "";
    // The statistics table on demand: `kill -USR1 <pid>` prints it to stderr while guests run.
    const showStats = () => err(hv.statsTable() + "\n");
    process.on("SIGUSR1", showStats);
    try {
      await hv.run();
    } finally {
      input?.off("data", feed);
      process.off("SIGUSR1", showStats);
      for (const sink of sinks) sink.flush();
    }
    if (prefixed || cmd.stats) out("\n" + hv.statsTable() + "\n");
    if (cmd.json) await writeFile(cmd.json, JSON.stringify(jsonReport(hv), null, 2) + "\n");
    if (cmd.trace && trace) await writeFile(cmd.trace, JSON.stringify(trace.toChromeTrace(hv.vms.map((vm) => vm.name))));
    return exitStatus(hv.vms, err, prefixed);
  } catch (e) {
    if (e instanceof UsageError || e instanceof RvisorError) {
      err(`rvisor: ${current && !(e instanceof UsageError) ? current + ": " : ""}${e.message}\n`);
      if (e instanceof UsageError) err("run 'rvisor --help' for usage\n");
      return EXIT_USAGE;
    }
    throw e;
  }
}

/**
 * An image file, read whole. Only a regular file no larger than `limit` (the RAM it is copied
 * into) is read; an ELF may be as large as any VM's RAM, since it carries symbols and debug info
 * that are never loaded (a vmlinux with DWARF is many times the kernel it loads). A device such
 * as /dev/zero never ends and a FIFO blocks until someone writes: neither is read at all (it is
 * opened without blocking, then refused by its type).
 */
async function readImage(file: string, limit: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ImageError("not a regular file: images are read from files");
    const magic = new Uint8Array(Math.min(stat.size, 4));
    await handle.read(magic, 0, magic.length, 0);
    if (isElf(magic)) {
      if (stat.size > MAX_RAM_BYTES) throw new ImageError(`an ELF file of ${stat.size} bytes: larger than any VM's RAM`);
    } else if (stat.size > limit) {
      throw new ImageError(`${stat.size} bytes, larger than the guest's ${limit}-byte RAM (--memory)`);
    }
    const bytes = new Uint8Array(stat.size);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0 || (length += bytesRead) === bytes.length) break;
    }
    // A file that shrank since fstat ends early: what was there is the image.
    return bytes.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * The longest console line held back to be prefixed with its VM's name: a guest that never
 * ends a line has it cut here (the rest follows, prefixed again) instead of growing the buffer.
 */
export const CONSOLE_LINE_MAX = 4096;

export interface ConsoleSink {
  write(byte: number): void;
  /** Writes out a partial line (at the end of the run). */
  flush(): void;
}

/** Console bytes of one VM: raw for a single guest, line-buffered with its name for several. */
export function consoleSink(name: string, prefixed: boolean, out: Out): ConsoleSink {
  if (!prefixed) return { write: (b) => out(new Uint8Array([b])), flush: () => {} };
  const line = new Uint8Array(CONSOLE_LINE_MAX);
  let length = 0;
  // A line just cut at CONSOLE_LINE_MAX: a newline right after it ends nothing more.
  let cut = false;
  // Streaming across a cut, so that a UTF-8 sequence split by it is completed on the next line.
  const decoder = new TextDecoder();
  const emit = (atCut: boolean) => {
    out(`[${name}] ${decoder.decode(line.subarray(0, length), { stream: atCut })}\n`);
    length = 0;
    cut = atCut;
  };
  return {
    write: (b) => {
      if (b === 13) return;
      if (b === 10) {
        if (length > 0 || !cut) emit(false);
        cut = false;
        return;
      }
      line[length++] = b;
      if (length === CONSOLE_LINE_MAX) emit(true);
    },
    flush: () => {
      if (length > 0) emit(false);
    },
  };
}

function exitStatus(vms: readonly Vm[], err: (s: string) => void, named: boolean): number {
  let status = EXIT_OK;
  for (const vm of vms) {
    const r = vm.result!;
    const who = named ? vm.name : "guest";
    if (r.outcome === "pass") continue;
    if (r.outcome === "max-insns") {
      err(`rvisor: ${who}: ${r.reason}; raise --max-insns to let it run longer\n`);
      if (status === EXIT_OK) status = EXIT_MAX_INSNS;
    } else {
      err(`rvisor: ${who}: ${r.outcome === "fail" && r.reason.startsWith("HTIF") ? `FAIL: test ${r.exitCode}` : `stopped: ${r.reason}`}\n`);
      status = EXIT_GUEST_FAILED;
    }
  }
  return status;
}

export function jsonReport(hv: Hypervisor): unknown {
  return {
    clock: hv.clock.toString(),
    exitDigest: hv.exitDigest.toString(16),
    vms: hv.reports().map((r) => ({
      ...r,
      exitsByReason: Object.fromEntries(Object.entries(r.exits).map(([k, s]) => [k, s.count])),
    })),
  };
}
