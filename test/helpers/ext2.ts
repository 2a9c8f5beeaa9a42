// ext2 disk images for the virtio-blk tests, made and read with e2fsprogs (Debian's `e2fsprogs`),
// without root: `mke2fs -d DIR` fills a new file system from a directory, `debugfs -R 'cat PATH'`
// reads a file back and `e2fsck -fn` checks the whole file system without changing it.
// The image is a whole-disk file system (no partition table: the guest mounts /dev/vda), and the
// same inputs give the same bytes (fixed UUID, hash seed and times), so that a guest's run over it
// is deterministic.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const FIXED_UUID = "5276697a-6f72-4000-8000-000000000011";
/** mke2fs stamps the superblock with this time instead of now (seconds since 1970). */
const FIXED_TIME = "1700000000";

/** Whether mke2fs, debugfs and e2fsck are installed (apt-get install -y e2fsprogs). */
export const hasE2fsprogs = ["mke2fs", "debugfs", "e2fsck"].every(
  (tool) => spawnSync(tool, ["-V"], { stdio: "ignore", env: sbinPath() }).error === undefined,
);

function sbinPath(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` };
}

/**
 * A new ext2 image in a fresh temporary directory (removed when the process exits) holding
 * `files` (path inside the file system → content; parent directories are created), or the
 * contents of the directory `files` names. Returns the image's path.
 */
export function makeExt2Image(files: string | Record<string, string | Uint8Array>, sizeMiB: number): string {
  const work = mkdtempSync(join(tmpdir(), "rvisor-ext2-"));
  process.once("exit", () => rmSync(work, { recursive: true, force: true }));
  let root = files as string;
  if (typeof files !== "string") {
    root = join(work, "root");
    mkdirSync(root);
    for (const [path, content] of Object.entries(files)) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      utimesSync(file, Number(FIXED_TIME), Number(FIXED_TIME));
    }
    utimesSync(root, Number(FIXED_TIME), Number(FIXED_TIME));
  }
  const image = join(work, "disk.img");
  execFileSync(
    "mke2fs",
    ["-q", "-F", "-t", "ext2", "-U", FIXED_UUID, "-E", `hash_seed=${FIXED_UUID},root_owner=0:0`, "-d", root, image, `${sizeMiB}M`],
    { env: { ...sbinPath(), E2FSPROGS_FAKE_TIME: FIXED_TIME }, stdio: ["ignore", "ignore", "pipe"] },
  );
  return image;
}

/** A file's content in an ext2 image; throws if the file is not there. */
export function readExt2File(image: string, path: string): Buffer {
  const r = spawnSync("debugfs", ["-R", `cat ${path}`, image], { env: sbinPath(), maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  // debugfs prints its banner on stderr and exits with 0 even when the file is missing.
  const err = r.stderr.toString().replace(/^debugfs [^\n]*\n/, "").trim();
  if (r.status !== 0 || err) throw new Error(`debugfs cat ${path} in ${image}: ${err || `status ${r.status}`}`);
  return r.stdout;
}

/** `e2fsck -fn`: the file system check's report, and whether it found the image clean. */
export function checkExt2Image(image: string): { clean: boolean; report: string } {
  const r = spawnSync("e2fsck", ["-fn", image], { env: sbinPath(), encoding: "utf8" });
  if (r.error) throw r.error;
  return { clean: r.status === 0, report: `${r.stdout}${r.stderr}` };
}
