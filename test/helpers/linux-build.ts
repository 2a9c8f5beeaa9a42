// The Linux guest for the suites that boot it: guests/linux/build.sh builds it (or reuses a
// complete build of the same inputs) and prints its output directory last.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BUILD = fileURLToPath(new URL("../../guests/linux/build.sh", import.meta.url));
/** A clean kernel build takes about 8 minutes on 2 cores; a reused one, none. */
export const LINUX_BUILD_TIMEOUT_MS = 30 * 60_000;

/** The build's output directory (Image, vmlinux, initramfs.cpio, userland/, ...). */
export function linuxBuildDir(): string {
  return execFileSync("bash", [BUILD], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: LINUX_BUILD_TIMEOUT_MS }).trim().split("\n").pop()!;
}
