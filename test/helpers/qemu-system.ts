// qemu-system-riscv64 run as an oracle: to its end, or killed after a timeout.

import { spawn } from "node:child_process";

export interface QemuRun {
  /** The guest's console (QEMU's standard output), carriage returns dropped. */
  out: string;
  /** QEMU's own messages (standard error). */
  err: string;
  code: number | null;
  timedOut: boolean;
}

/** Runs `qemu` (qemu-system-riscv64) with `args`; kills it after `timeoutMs`. */
export function runQemuSystem(qemu: string, args: string[], timeoutMs: number): Promise<QemuRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(qemu, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const text = (c: Buffer[]) => Buffer.concat(c).toString("latin1").replace(/\r/g, "");
      resolve({ out: text(out), err: text(err), code, timedOut });
    });
  });
}
