// The guests the benchmarks run: the demo images, the three timer techniques on them, and the
// Linux guest (built, or reused from its cache, by guests/linux/build.sh).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRoot } from "./root.js";
import type { VmOptions } from "../src/index.js";

const root = findRoot("guests/demo/tick-m.elf");

/** A guest image of the repository's, by its path under guests/ ("demo/tick-m.elf"). */
export function guestImage(path: string): Uint8Array {
  return readFileSync(join(root, "guests", path));
}

/** A demo guest's image (guests/demo/<file>). */
export const demoImage = (file: string) => guestImage(join("demo", file));

/** The tick guest under each timer technique. */
export const TIMER_TECHNIQUES = [
  { label: "trap & emulate (CLINT MMIO)", file: "tick-m.elf", options: { name: "tick-m", mode: "firmware" } },
  { label: "paravirtual (SBI set_timer)", file: "tick-s.elf", options: { name: "tick-s", mode: "kernel" } },
  { label: "hardware-assisted (Sstc)", file: "tick-sstc.elf", options: { name: "tick-sstc", mode: "kernel", sstc: true } },
] as const satisfies readonly { label: string; file: string; options: VmOptions }[];

/** The Linux guest's output directory (Image, initramfs.cpio, ...): guests/linux/build.sh builds or reuses it. */
export function linuxBuildDir(): string {
  return execFileSync("bash", [join(root, "guests/linux/build.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
}
