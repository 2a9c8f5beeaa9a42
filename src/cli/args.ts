// The command line of `rvisor`: the usage text, the options and what they parse into (one
// GuestSpec per guest), and the demo's own guest list. util.parseArgs tokenizes; each guest's
// options apply to the guest that follows them.

import type { JitSetting } from "../machine/jit/jit.js";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { demoGuestUrl, type DemoGuestName } from "../demo-guests.js";
import { VIRTIO_MMIO_SLOTS } from "../devices/virtio/mmio.js";
import { MAX_HARTS, type BootMode } from "../vm/options.js";
import { MAX_PHYSICAL_HARTS } from "../hypervisor/hypervisor.js";

export const USAGE = `usage: rvisor run [options] [guest options] <guest> [[--] [guest options] <guest> ...]
       rvisor demo [options]
       rvisor --version

A guest is an ELF or a raw RISC-V Linux Image (positional), or --kernel with optional
--firmware/--initrd/--append; '--' separates guests given with options only.

Runs RISC-V guests side by side on a simulated physical machine (one hart unless --harts),
each in its own VM with the QEMU virt platform (RAM at 0x80000000, CLINT, PLIC, ns16550a UART,
test finisher; HTIF when the ELF has 'tohost').

options (--opt VALUE or --opt=VALUE; counts as 1000000, 1_000_000 or 1e6):
  --max-insns N     stop after N guest instructions in total (exit status 3)
  --quantum N       instructions a vCPU runs before the next one (default 100000)
  --harts P         the physical machine's harts, 1 to 8 (default 1): the hypervisor runs
                    every VM's vCPUs on them; deterministic mode interleaves them on one thread
  --parallel        run each physical hart on its own host thread (a worker): faster on a
                    machine with several cores, but not reproducible bit for bit
  --jit MODE        the compiling tier (hot guest code translated to WebAssembly): on
                    (default), off, or eager (translate at first execution)
  --no-jit          the same as --jit off: interpret every instruction
  --json FILE       write the per-VM results and statistics as JSON
  --trace FILE      write a Chrome Trace Event file (open it in Perfetto or chrome://tracing);
                    the newest --trace-events N events are kept (default 200000)
  --stats           print the statistics table even for one guest
  --no-reboot       a guest's reset request stops its VM instead of booting it again
  --realtime        guest time follows the host clock (default: deterministic,
                    advancing with instructions at a nominal 100 MIPS)
  --exit-cost N|kvm guest cycles each exit costs the guest, charged to the clock: N for
                    every guest-caused exit, or kvm (KVM's measured costs per exit reason);
                    default 0, exits take no guest time
  -h, --help        this text
  --version         rvisor's version
guest options (apply to the guest that follows them):
  --name NAME       the VM's name (default: the file's name)
  -m, --memory SIZE RAM: bytes, or with K/M/G (default 128M)
  --mode MODE       firmware: M-mode at the entry point;
                    kernel: S-mode at the entry, the hypervisor provides SBI.
                    Default: kernel for an ELF entered at 0x80200000 or a Linux Image (said
                    on stderr), else firmware
  --smp N           N harts (vCPUs) in the VM, 1 to 8 (default 1): firmware boot starts
                    them all at the entry, kernel boot starts hart 0 (SBI HSM starts the rest)
  --sstc            give the vCPU the Sstc extension (stimecmp)
  --classic         classic trap-and-emulate virtualization: the guest (kernel, and
                    firmware in firmware mode) runs in the hart's U-mode, every privileged
                    instruction traps to the hypervisor, its page tables are shadowed
  --kernel FILE     a kernel (raw RISC-V Linux Image or ELF); alone: kernel mode
  --firmware FILE   M-mode firmware (e.g. OpenSBI fw_jump.bin) that boots the --kernel
  --initrd FILE     an initial ramdisk (placed in RAM, named in the device tree)
  --append TEXT     the kernel command line (default with --kernel: console=ttyS0)
  --drive FILE[,readonly|,snapshot]
                    a virtio-blk disk over a raw image file: written in place (flushed on
                    the guest's FLUSH and at exit), read-only, or snapshot (the guest's
                    writes stay in memory; the file is never written)
  --net NAME        a virtio-net port on the virtual switch NAME (VMs on one switch
                    exchange Ethernet frames)
  --virtio-console  a virtio-console (Linux: hvc0, or hvc1 beside the SBI console;
                    console input goes to it)
  --rng             a virtio-rng (seeded in deterministic mode, the host's CSPRNG with --realtime)
virtio devices take QEMU virt's virtio-mmio slots in the order given (0x10001000 + 0x1000·i,
PLIC IRQ 1 + i).
  --pcap [NAME=]FILE
                    record switch NAME's traffic in pcap format (Wireshark); NAME may be left
                    out when there is one switch

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

/** A virtio device as the command line gives it: its file, not yet opened. */
export type VirtioSpec =
  | { type: "blk"; file: string; access: "read-write" | "readonly" | "snapshot" }
  | { type: "net"; switch: string }
  | { type: "console" }
  | { type: "rng" };

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
  /** --smp: the VM's harts (default 1). */
  harts?: number;
  /** Classic (trap-and-emulate) virtualization. */
  classic?: boolean;
  /** virtio devices, in slot order. */
  virtio: VirtioSpec[];
}

export interface RunCommand {
  guests: GuestSpec[];
  maxInsns: number | undefined;
  quantum: number | undefined;
  json: string | undefined;
  stats: boolean;
  realtime: boolean;
  /** --exit-cost: guest cycles per guest-caused exit, or "kvm"; undefined: none (0). */
  exitCost: number | "kvm" | undefined;
  /** --pcap: the switch (undefined: the only one) whose traffic goes to `file`. */
  pcap: { switch: string | undefined; file: string }[];
  noReboot: boolean;
  /** --harts: physical harts (default 1). */
  physicalHarts: number | undefined;
  parallel: boolean;
  /** --jit / --no-jit: the compiling tier (undefined: the default, or RVISOR_JIT). */
  jit: JitSetting | undefined;
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

/** --exit-cost: a number of guest cycles (0 allowed: no cost) or "kvm". */
export function parseExitCost(option: string, v: string): number | "kvm" {
  if (v === "kvm") return v;
  const n = digitGroups(v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${option} is a number of guest cycles per exit (e.g. 0 or 2000) or kvm, got '${v}'`);
  return n;
}

/** Digits with optional '_' or ',' between groups (1_000_000, 1,300) as a number; NaN for anything else. */
function digitGroups(v: string): number {
  return /^\d+([_,]\d+)*$/.test(v) ? Number(v.replace(/[_,]/g, "")) : Number.NaN;
}

/** A count: digits with optional '_' or ',' between groups (1_000_000), or a power of ten form (1e9, 2.5e6). */
export function parseCount(option: string, v: string): number {
  const n = /^\d+(\.\d+)?e\d+$/i.test(v) ? Number(v) : digitGroups(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${option} needs a positive whole number (e.g. 1000000, 1_000_000 or 1e6), got '${v}'`);
  return n;
}

type PendingGuest = Omit<GuestSpec, "name" | "mode"> & { name?: string; mode?: BootMode };

const freshGuest = (): PendingGuest => ({ memoryBytes: 128 << 20, sstc: false, virtio: [] });

/** --drive FILE[,readonly|,snapshot]. */
export function parseDrive(value: string): VirtioSpec {
  const [file, ...flags] = value.split(",");
  if (!file) throw new UsageError(`--drive needs a file, got '${value}'`);
  let access: "read-write" | "readonly" | "snapshot" = "read-write";
  for (const f of flags) {
    if (f !== "readonly" && f !== "snapshot") throw new UsageError(`--drive ${value}: unknown flag '${f}' (readonly or snapshot)`);
    // readonly wins: a snapshot of a read-only drive is still read-only to the guest.
    if (f === "readonly" || access === "read-write") access = f;
  }
  return { type: "blk", file, access };
}

/** Every option `rvisor run` takes, for util.parseArgs; `guest` options apply to the next guest. */
const OPTIONS = {
  "max-insns": { type: "string" },
  quantum: { type: "string" },
  json: { type: "string" },
  trace: { type: "string" },
  "trace-events": { type: "string" },
  stats: { type: "boolean" },
  realtime: { type: "boolean" },
  "exit-cost": { type: "string" },
  drive: { type: "string" },
  net: { type: "string" },
  "virtio-console": { type: "boolean" },
  rng: { type: "boolean" },
  pcap: { type: "string" },
  "no-reboot": { type: "boolean" },
  harts: { type: "string" },
  parallel: { type: "boolean" },
  jit: { type: "string" },
  "no-jit": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  name: { type: "string" },
  memory: { type: "string", short: "m" },
  mode: { type: "string" },
  sstc: { type: "boolean" },
  smp: { type: "string" },
  classic: { type: "boolean" },
  kernel: { type: "string" },
  firmware: { type: "string" },
  initrd: { type: "string" },
  append: { type: "string" },
} as const satisfies Record<string, { type: "string" | "boolean"; short?: string }>;

type OptionName = keyof typeof OPTIONS;

export function parseRunArgs(args: string[], needGuests = true): RunCommand {
  const cmd: RunCommand = { guests: [], maxInsns: undefined, quantum: undefined, json: undefined, stats: false, realtime: false, exitCost: undefined, pcap: [], noReboot: false, physicalHarts: undefined, parallel: false, jit: undefined, trace: undefined, traceEvents: undefined, help: false };
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
        case "exit-cost": cmd.exitCost = parseExitCost(option, value); break;
        case "drive": next.virtio.push(parseDrive(value)); break;
        case "net":
          if (!/^[\w.-]+$/.test(value)) throw new UsageError(`--net needs a switch name of letters, digits, '_', '.' or '-', got '${value}'`);
          next.virtio.push({ type: "net", switch: value });
          break;
        case "virtio-console": next.virtio.push({ type: "console" }); break;
        case "rng": next.virtio.push({ type: "rng" }); break;
        case "pcap": {
          const m = /^([\w.-]+)=(.+)$/.exec(value);
          cmd.pcap.push(m ? { switch: m[1], file: m[2]! } : { switch: undefined, file: value });
          break;
        }
        case "no-reboot": cmd.noReboot = true; break;
        case "harts": {
          const n = parseCount(option, value);
          if (n > MAX_PHYSICAL_HARTS) throw new UsageError(`--harts takes 1 to ${MAX_PHYSICAL_HARTS} physical harts, got ${value}`);
          cmd.physicalHarts = n;
          break;
        }
        case "parallel": cmd.parallel = true; break;
        case "no-jit": cmd.jit = false; break;
        case "jit": {
          const modes: Record<string, JitSetting> = { on: true, off: false, eager: "eager" };
          if (!Object.hasOwn(modes, value)) throw new UsageError(`--jit takes on, off or eager, got ${value}`);
          cmd.jit = modes[value];
          break;
        }
        case "help": cmd.help = true; break;
        case "trace": cmd.trace = value; break;
        case "trace-events": cmd.traceEvents = parseCount(option, value); break;
        case "name": next.name = value; break;
        case "sstc": next.sstc = true; break;
        case "classic": next.classic = true; break;
        case "smp": {
          const n = parseCount(option, value);
          if (n < 1 || n > MAX_HARTS) throw new UsageError(`--smp takes 1 to ${MAX_HARTS} harts, got ${value}`);
          next.harts = n;
          break;
        }
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
  const switches = new Set(cmd.guests.flatMap((g) => g.virtio.flatMap((d) => (d.type === "net" ? [d.switch] : []))));
  for (const p of cmd.pcap) {
    if (p.switch === undefined) {
      if (switches.size !== 1) throw new UsageError(`--pcap ${p.file}: name the switch (--pcap NAME=FILE): there are ${switches.size === 0 ? "no switches (--net NAME)" : `${switches.size} switches`}`);
      p.switch = [...switches][0];
    } else if (!switches.has(p.switch)) throw new UsageError(`--pcap ${p.switch}=${p.file}: no guest is on switch ${p.switch} (--net ${p.switch})`);
  }
  for (const g of cmd.guests) {
    // Said before any drive is opened (createVm would refuse it too, after).
    if (g.virtio.length > VIRTIO_MMIO_SLOTS) throw new UsageError(`${g.name}: ${g.virtio.length} virtio devices, a VM has ${VIRTIO_MMIO_SLOTS} virtio-mmio slots`);
  }
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
    { file: path("tick-m.elf"), name: "tick-m (trap & emulate)", memoryBytes: 16 << 20, mode: "firmware", sstc: false, virtio: [] },
    { file: path("tick-s.elf"), name: "tick-s (SBI)", memoryBytes: 16 << 20, mode: "kernel", sstc: false, virtio: [] },
    { file: path("tick-sstc.elf"), name: "tick-sstc (Sstc)", memoryBytes: 16 << 20, mode: "kernel", sstc: true, virtio: [] },
    { file: path("cpu-bound.elf"), name: "cpu-bound", memoryBytes: 16 << 20, mode: "firmware", sstc: false, virtio: [] },
  ];
}
