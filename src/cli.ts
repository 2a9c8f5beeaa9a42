// The `rvisor` command. Errors the user can fix (bad options, unreadable or malformed images)
// end in one line on stderr and exit status 2, never a stack trace.

import { readFile } from "node:fs/promises";
import { ElfError } from "./elf.js";
import { runElf } from "./run-elf.js";
import { VmConfigError } from "./vm.js";

export const EXIT_OK = 0;
export const EXIT_GUEST_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_MAX_INSNS = 3;

const USAGE = `usage: rvisor run [options] <program.elf>

Runs a bare-metal RISC-V ELF in a VM (RAM at 0x80000000, M-mode at the entry point).
HTIF: a 'tohost' symbol is watched; 1 = pass, (n << 1) | 1 = test n failed.

options:
  --memory SIZE     RAM of the VM: bytes, or with K/M/G (default 128M)
  --max-insns N     stop after N guest instructions (exit status 3)
  -h, --help        this text

exit status: 0 pass, 1 the guest failed or was stopped, 2 usage or input error, 3 --max-insns hit`;

export class UsageError extends Error {
  override name = "UsageError";
}

export interface RunCommand {
  files: string[];
  memoryBytes: number;
  maxInsns: number | undefined;
}

export function parseSize(text: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(text);
  if (!m) throw new UsageError(`invalid size '${text}' (expected e.g. 64M, 1G or a number of bytes)`);
  const unit = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

export function parseRunArgs(args: string[]): RunCommand {
  const cmd: RunCommand = { files: [], memoryBytes: 128 * 1024 * 1024, maxInsns: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--memory") cmd.memoryBytes = parseSize(value());
    else if (a === "--max-insns") {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`--max-insns needs a positive whole number, got '${v}'`);
      cmd.maxInsns = Number(v);
    } else if (a.startsWith("-")) throw new UsageError(`unknown option '${a}'`);
    else cmd.files.push(a);
  }
  if (cmd.files.length === 0) throw new UsageError("no program given");
  if (cmd.files.length > 1) throw new UsageError("one program at a time");
  return cmd;
}

export async function main(argv: string[], out: (s: string | Uint8Array) => void, err: (s: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    (command === undefined ? err : out)(USAGE + "\n");
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  try {
    if (command !== "run") throw new UsageError(`unknown command '${command}'`);
    const cmd = parseRunArgs(rest);
    const file = cmd.files[0]!;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const result = await runElf(bytes, {
      memoryBytes: cmd.memoryBytes,
      maxInsns: cmd.maxInsns,
      onConsole: (b) => out(new Uint8Array([b])),
    });
    switch (result.outcome) {
      case "pass":
        return EXIT_OK;
      case "fail":
        err(`rvisor: ${file}: FAIL: test ${result.failedTest}\n`);
        return EXIT_GUEST_FAILED;
      case "max-insns":
        err(`rvisor: ${file}: ${result.reason}; raise --max-insns to let it run longer\n`);
        return EXIT_MAX_INSNS;
      case "fatal":
      case "reset":
        err(`rvisor: ${file}: stopped: ${result.reason}\n`);
        return EXIT_GUEST_FAILED;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ElfError || e instanceof VmConfigError) {
      err(`rvisor: ${e instanceof UsageError ? "" : (argv.find((a) => !a.startsWith("-") && a !== "run") ?? "") + ": "}${e.message}\n`);
      if (e instanceof UsageError) err("run 'rvisor --help' for usage\n");
      return EXIT_USAGE;
    }
    throw e;
  }
}
