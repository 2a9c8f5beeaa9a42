// The `rvisor` command. Errors the user can fix (bad options, unreadable or malformed images,
// impossible configurations) end in one line on stderr and exit status 2, never a stack trace.

import { constants, readFileSync } from "node:fs";
import { access, open, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bootModeOf, ImageError } from "../vm/boot.js";
import { demoGuestUrl, packageRoot, type DemoGuestName } from "../demo-guests.js";
import { isElf } from "../elf.js";
import { RvisorError } from "../errors.js";
import { Hypervisor, type HypervisorEvent } from "../hypervisor/hypervisor.js";
import { MAX_RAM_BYTES } from "../vm/options.js";
import { TraceRecorder } from "../hypervisor/trace.js";
import type { BootImages, BootMode } from "../vm/options.js";
import type { Vm } from "../vm/vm.js";

export const EXIT_OK = 0;
export const EXIT_GUEST_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_MAX_INSNS = 3;

const USAGE = `usage: rvisor run [options] [guest options] <guest> [[--] [guest options] <guest> ...]
       rvisor demo [options]
       rvisor --version

A guest is an ELF or a raw RISC-V Linux Image (positional), or --kernel with optional
--firmware/--initrd/--append; '--' separates guests given with options only.

Runs RISC-V guests side by side on one simulated physical hart, each in its own VM with the
QEMU virt platform (RAM at 0x80000000, CLINT, PLIC, ns16550a UART, test finisher; HTIF when the
ELF has 'tohost').

options (--opt VALUE or --opt=VALUE; counts as 1000000, 1_000_000 or 1e6):
  --max-insns N     stop after N guest instructions in total (exit status 3)
  --quantum N       instructions a vCPU runs before the next one (default 100000)
  --json FILE       write the per-VM results and statistics as JSON
  --trace FILE      write a Chrome Trace Event file (open it in Perfetto or chrome://tracing);
                    the newest --trace-events N events are kept (default 200000)
  --stats           print the statistics table even for one guest
  --no-reboot       a guest's reset request stops its VM instead of booting it again
  --realtime        guest time follows the host clock (default: deterministic,
                    advancing with instructions at a nominal 100 MIPS)
  -h, --help        this text
  --version         rvisor's version
guest options (apply to the guest that follows them):
  --name NAME       the VM's name (default: the file's name)
  -m, --memory SIZE RAM: bytes, or with K/M/G (default 128M)
  --mode MODE       firmware: M-mode at the entry point;
                    kernel: S-mode at the entry, the hypervisor provides SBI.
                    Default: kernel for an ELF entered at 0x80200000 or a Linux Image (said
                    on stderr), else firmware
  --sstc            give the vCPU the Sstc extension (stimecmp)
  --kernel FILE     a kernel (raw RISC-V Linux Image or ELF); alone: kernel mode
  --firmware FILE   M-mode firmware (e.g. OpenSBI fw_jump.bin) that boots the --kernel
  --initrd FILE     an initial ramdisk (placed in RAM, named in the device tree)
  --append TEXT     the kernel command line (default with --kernel: console=ttyS0)

Console input: standard input goes to the first guest's console. Piped, the guest waits for it
while it is open (use </dev/null for none) and is stopped once it ended and nothing else can
wake it. A terminal is put in raw mode and every key goes to the guest (Ctrl-C too): Ctrl-A x
quits, Ctrl-A s prints the statistics table, Ctrl-A Ctrl-A sends Ctrl-A.

With several guests each console line is prefixed with its VM's name (a partial line such as a
prompt shows when its VM waits) and the statistics table follows; SIGUSR1 prints the table
while the guests run. SIGINT and SIGTERM stop the guests, print the table and write the
--json/--trace files. Exit status: 0 when every VM ended cleanly (pass, HTIF pass or SBI
shutdown), 1 when one failed or was stopped (Ctrl-A x too), 2 usage or input error, 3
--max-insns hit, 130 after SIGINT, 143 after SIGTERM.`;

export class UsageError extends Error {
  override name = "UsageError";
}

/** An output file that cannot be written: said in one line before the run, exit status 2. */
class OutputPathError extends RvisorError {
  override name = "OutputPathError";
}

export interface GuestSpec {
  /** A guest given as a positional argument: an ELF, or a raw Linux Image (kernel mode). */
  file?: string;
  kernel?: string;
  firmware?: string;
  initrd?: string;
  append?: string;
  name: string;
  memoryBytes: number;
  mode: BootMode;
  /** The mode is the default, not the user's: the image may choose (see bootModeOf). */
  modeDefaulted?: boolean;
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
  /** --help: print the usage, run nothing. */
  help: boolean;
}

export function parseSize(text: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(text);
  if (!m) throw new UsageError(`invalid size '${text}' (expected e.g. 64M, 1G or a number of bytes)`);
  const unit = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

/** A count: digits with optional '_' or ',' between groups (1_000_000), or a power of ten form (1e9, 2.5e6). */
export function parseCount(option: string, v: string): number {
  let n = Number.NaN;
  if (/^\d+([_,]\d+)*$/.test(v)) n = Number(v.replace(/[_,]/g, ""));
  else if (/^\d+(\.\d+)?e\d+$/i.test(v)) n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${option} needs a positive whole number (e.g. 1000000, 1_000_000 or 1e6), got '${v}'`);
  return n;
}

type PendingGuest = Omit<GuestSpec, "name" | "mode"> & { name?: string; mode?: BootMode };

const freshGuest = (): PendingGuest => ({ memoryBytes: 128 << 20, sstc: false });

/** Every option `rvisor run` takes, for util.parseArgs; `guest` options apply to the next guest. */
const OPTIONS = {
  "max-insns": { type: "string" },
  quantum: { type: "string" },
  json: { type: "string" },
  trace: { type: "string" },
  "trace-events": { type: "string" },
  stats: { type: "boolean" },
  realtime: { type: "boolean" },
  "no-reboot": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  name: { type: "string" },
  memory: { type: "string", short: "m" },
  mode: { type: "string" },
  sstc: { type: "boolean" },
  kernel: { type: "string" },
  firmware: { type: "string" },
  initrd: { type: "string" },
  append: { type: "string" },
} as const satisfies Record<string, { type: "string" | "boolean"; short?: string }>;

type OptionName = keyof typeof OPTIONS;

export function parseRunArgs(args: string[], needGuests = true): RunCommand {
  const cmd: RunCommand = { guests: [], maxInsns: undefined, quantum: undefined, json: undefined, stats: false, realtime: false, noReboot: false, trace: undefined, traceEvents: undefined, help: false };
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
    cmd.guests.push({ ...next, file, mode, modeDefaulted: next.mode === undefined && file !== undefined, name: next.name ?? base });
    next = freshGuest();
  };
  // util.parseArgs reads everything after '--' as positionals, and '--' separates our guests:
  // each stretch between two is parsed on its own, its tokens in order (options before a guest
  // apply to it).
  const stretches: string[][] = [[]];
  for (const a of args) {
    if (a === "--") stretches.push([]);
    else stretches.at(-1)!.push(a);
  }
  stretches.forEach((stretch, k) => {
    if (k > 0) finish();
    const { tokens } = parseArgs({ args: stretch, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
    for (const t of tokens) {
      if (t.kind === "positional") {
        if (t.value.startsWith("-") && t.value !== "-") throw new UsageError(`unknown option '${t.value}'`);
        finish(t.value);
        continue;
      }
      if (t.kind !== "option") continue;
      if (!Object.hasOwn(OPTIONS, t.name)) throw new UsageError(`unknown option '${t.rawName}'`);
      const name = t.name as OptionName;
      let value = "";
      if (OPTIONS[name].type === "boolean") {
        if (t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
      } else {
        // Not strict: a missing value would be taken from the next option ("--name --sstc").
        if (t.value === undefined || (!t.inlineValue && /^-(-?[a-z]|$)/i.test(t.value) && !/^-\d/.test(t.value))) {
          throw new UsageError(`${t.rawName} needs a value`);
        }
        value = t.value;
      }
      const option = `--${name}`;
      switch (name) {
        case "memory": next.memoryBytes = parseSize(value); break;
        case "max-insns": cmd.maxInsns = parseCount(option, value); break;
        case "quantum": cmd.quantum = parseCount(option, value); break;
        case "json": cmd.json = value; break;
        case "stats": cmd.stats = true; break;
        case "realtime": cmd.realtime = true; break;
        case "no-reboot": cmd.noReboot = true; break;
        case "help": cmd.help = true; break;
        case "trace": cmd.trace = value; break;
        case "trace-events": cmd.traceEvents = parseCount(option, value); break;
        case "name": next.name = value; break;
        case "sstc": next.sstc = true; break;
        case "kernel": next.kernel = value; break;
        case "firmware": next.firmware = value; break;
        case "initrd": next.initrd = value; break;
        case "append": next.append = value; break;
        case "mode":
          if (value !== "firmware" && value !== "kernel") throw new UsageError(`--mode is firmware or kernel, got '${value}'`);
          next.mode = value;
          break;
      }
    }
  });
  finish();
  if (cmd.help) return cmd;
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
  const path = (f: DemoGuestName) => fileURLToPath(demoGuestUrl(f));
  return [
    { file: path("tick-m.elf"), name: "tick-m (trap & emulate)", memoryBytes: 16 << 20, mode: "firmware", sstc: false },
    { file: path("tick-s.elf"), name: "tick-s (SBI)", memoryBytes: 16 << 20, mode: "kernel", sstc: false },
    { file: path("tick-sstc.elf"), name: "tick-sstc (Sstc)", memoryBytes: 16 << 20, mode: "kernel", sstc: true },
    { file: path("cpu-bound.elf"), name: "cpu-bound", memoryBytes: 16 << 20, mode: "firmware", sstc: false },
  ];
}

type Out = (s: string | Uint8Array) => void;

/**
 * Where console input comes from: the CLI passes stdin. It goes to the first guest, which waits
 * for it while it is open ("end" closes it). A terminal (isTTY and setRawMode) is put in raw
 * mode for the run, keys go to the guest as typed, and Ctrl-A is the escape key.
 */
export interface InputSource {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  off(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  off(event: "end", listener: () => void): unknown;
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  pause?(): unknown;
}

/** Exit statuses after a signal: 128 + its number, as shells report them. */
const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_STATUS;

/** A guest that dies within this many instructions likely booted in the wrong mode. */
export const EARLY_DEATH_INSNS = 5000;

/** Ctrl-A, the escape key in raw mode (as QEMU's -nographic has it). */
const CTRL_A = 0x01;

export function version(): string {
  return (JSON.parse(readFileSync(new URL("package.json", packageRoot()), "utf8")) as { version: string }).version;
}

export async function main(argv: string[], out: Out, err: (s: string) => void, input?: InputSource): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    (command === undefined ? err : out)(USAGE + "\n");
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === "--version" || command === "-V") {
    out(`rvisor ${version()}\n`);
    return EXIT_OK;
  }
  let current = "";
  let restoreTerminal = () => {};
  try {
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

    const trace = cmd.trace ? new TraceRecorder({ capacity: cmd.traceEvents }) : undefined;
    const prefixed = cmd.guests.length > 1;
    const sinks: ConsoleSink[] = [];
    // A prompt (a line the guest has not ended) shows when its VM waits: it waits for us.
    const showPartial = (e: HypervisorEvent) => {
      if (e.type === "exit" && e.reason === "wfi") sinks[e.vm]?.idle();
    };
    const onEvent = trace && prefixed ? (e: HypervisorEvent) => (trace.record(e), showPartial(e)) : trace ? trace.record : prefixed ? showPartial : undefined;
    const hv = await Hypervisor.create({
      maxInsns: cmd.maxInsns, quantum: cmd.quantum, timeMode: cmd.realtime ? "realtime" : "deterministic", onEvent,
    });
    const line: ConsoleLine = { owner: undefined };
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
      const vm = hv.createVm({
        name: g.name, memoryBytes: g.memoryBytes, mode, sstc: g.sstc, bootargs,
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
  }
}

/** The kernel command line when none is given: one console, the UART (as QEMU's virt uses). */
export const DEFAULT_KERNEL_BOOTARGS = "console=ttyS0";


/**
 * Keystrokes from a raw terminal: Ctrl-A then a key is a command for rvisor (`x` quits, `s`
 * shows the table, anything else the help), Ctrl-A Ctrl-A sends one Ctrl-A; the rest goes on.
 */
export function escapeKeys(send: (bytes: Uint8Array) => void, command: (key: string) => void): (chunk: Uint8Array) => void {
  let escaped = false;
  return (chunk) => {
    const pass: number[] = [];
    for (const b of chunk) {
      if (escaped) {
        escaped = false;
        if (b === CTRL_A) pass.push(b);
        else {
          if (pass.length > 0) send(new Uint8Array(pass.splice(0)));
          command(String.fromCharCode(b).toLowerCase());
        }
      } else if (b === CTRL_A) escaped = true;
      else pass.push(b);
    }
    if (pass.length > 0) send(new Uint8Array(pass));
  };
}

/**
 * --json and --trace files are written when the run ends: a path that cannot be written is a
 * usage error before it starts. The file may not exist yet; its directory must, writable.
 */
async function checkOutputPath(option: string, file: string): Promise<void> {
  const fail = (why: string) => new OutputPathError(`${option} ${file}: ${why}`);
  try {
    if ((await stat(file)).isDirectory()) throw fail("is a directory");
    await access(file, constants.W_OK);
    return;
  } catch (e) {
    if (e instanceof OutputPathError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw fail(`cannot be written (${code})`);
  }
  const dir = dirname(file);
  try {
    if (!(await stat(dir)).isDirectory()) throw fail(`${dir} is not a directory`);
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    if (e instanceof OutputPathError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code === "ENOENT" ? `no directory ${dir}` : `cannot create a file in ${dir} (${code})`);
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
  /** The VM waits: shows a partial line now (a prompt), prefixed; its continuation is not. */
  idle(): void;
  /** Writes out a partial line, ended (at the end of the run). */
  flush(): void;
}

/** The shared output's line: which sink wrote a partial line that is still open on it. */
export interface ConsoleLine {
  owner: ConsoleSink | undefined;
}

/**
 * Console bytes of one VM: raw for a single guest, line-buffered with its name for several. A
 * partial line shown by idle() stays open: the same VM's next bytes continue it unprefixed;
 * another VM's line first ends it, and the continuation is then prefixed again.
 */
export function consoleSink(name: string, prefixed: boolean, out: Out, shared: ConsoleLine = { owner: undefined }): ConsoleSink {
  if (!prefixed) return { write: (b) => out(new Uint8Array([b])), idle: () => {}, flush: () => {} };
  const line = new Uint8Array(CONSOLE_LINE_MAX);
  let length = 0;
  // A line just cut at CONSOLE_LINE_MAX: a newline right after it ends nothing more.
  let cut = false;
  // Streaming across a cut, so that a UTF-8 sequence split by it is completed on the next line.
  const decoder = new TextDecoder();
  const emit = (end: "\n" | "", stream: boolean) => {
    const text = decoder.decode(line.subarray(0, length), { stream });
    let head = "";
    if (shared.owner !== sink) {
      if (shared.owner !== undefined) head = "\n"; // another VM's open partial line ends here
      head += `[${name}] `;
    }
    out(head + text + end);
    shared.owner = end === "" ? sink : undefined;
    length = 0;
  };
  const sink: ConsoleSink = {
    write: (b) => {
      if (b === 13) return;
      if (b === 10) {
        if (length > 0 || !cut || shared.owner === sink) emit("\n", false);
        cut = false;
        return;
      }
      cut = false;
      line[length++] = b;
      if (length === CONSOLE_LINE_MAX) {
        emit("\n", true);
        cut = true;
      }
    },
    idle: () => {
      if (length > 0) emit("", true);
    },
    flush: () => {
      if (length > 0 || shared.owner === sink) emit("\n", false);
    },
  };
  return sink;
}

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
    exitDigest: hv.exitDigest.toString(16),
    vms: hv.reports().map((r) => ({
      ...r,
      exitsByReason: Object.fromEntries(Object.entries(r.exits).map(([k, s]) => [k, s.count])),
    })),
  };
}
