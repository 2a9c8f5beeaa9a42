// The files the CLI reads and writes: guest images, read only when they are regular files that
// fit the guest, and --json / --trace outputs, checked writable before the run starts.

import { constants } from "node:fs";
import { access, open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { isElf } from "../formats/elf.js";
import { RvisorError } from "../errors.js";
import { ImageError } from "../vm/boot.js";
import { MAX_RAM_BYTES } from "../vm/options.js";
import { UsageError } from "./args.js";

export /** An output file that cannot be written: said in one line before the run, exit status 2. */
class OutputPathError extends RvisorError {
  override name = "OutputPathError";
}

/**
 * --json and --trace files are written when the run ends: a path that cannot be written is a
 * usage error before it starts. The file may not exist yet; its directory must, writable.
 */
export async function checkOutputPath(option: string, file: string): Promise<void> {
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
export async function readImage(file: string, limit: number): Promise<Uint8Array> {
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
