// The Linux guest's smp program (guests/linux/userland/smp.c): one thread pinned to each CPU the
// process may run on, INCREMENTS atomic and INCREMENTS lock-protected increments each. Its output
// is a function of that list of CPUs alone, nothing timing-dependent; these are what it must print.
import { readFileSync } from "node:fs";

export const SMP_INCREMENTS = 100_000;

/** What a successful smp run prints on `cpus` (in the guest: 0 to N-1 for N harts). */
export function smpOutput(cpus: number[]): string {
  const n = cpus.length * SMP_INCREMENTS;
  return `cpus ${cpus.length}: ${cpus.map((c) => `cpu${c}`).join(" ")} ran pinned\n` +
    `atomic counter ${n} of ${n}, locked counter ${n} of ${n}\n`;
}

/** CPUs 0 to n-1. */
export const firstCpus = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * The host CPUs this process may run on (its affinity mask, which a child such as qemu-riscv64
 * inherits and passes on to the guest program's sched_getaffinity), from /proc/self/status.
 */
export function allowedHostCpus(): number[] {
  const m = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync("/proc/self/status", "latin1"));
  if (!m) throw new Error("no Cpus_allowed_list in /proc/self/status");
  return m[1]!.split(",").flatMap((r) => {
    const [a, b = a] = r.split("-").map(Number) as [number, number?];
    return firstCpus(b! - a + 1).map((i) => a + i);
  });
}
