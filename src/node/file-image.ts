// A disk image file for virtio-blk (the CLI's `--drive FILE`; `rvisor/node` for embedders in
// Node): read and written in place with positioned reads and writes, so a guest's write is in
// the file (the kernel's page cache) as soon as its request completes, and a FLUSH makes it
// durable (fsync) before the guest sees the FLUSH complete: nothing the guest was told is on
// disk is lost when the process is killed after it.

import { closeSync, constants, fstatSync, fsyncSync, openSync, readSync, writeSync } from "node:fs";
import type { BlockImage } from "../devices/virtio/block-image.js";
import { ArgumentError } from "../errors.js";

export class FileBlockImage implements BlockImage {
  readonly path: string;
  readonly size: number;
  readonly readonly: boolean;
  private fd: number | undefined;
  /** Written since the last fsync: a FLUSH with nothing new to make durable costs nothing. */
  private dirty = false;

  /**
   * Opens `path`, a regular file, for reading and (unless `readonly`) writing; an ArgumentError
   * says why it cannot. Close it (close()) when the VM is done with it.
   */
  constructor(path: string, options: { readonly?: boolean } = {}) {
    this.path = path;
    this.readonly = options.readonly ?? false;
    let fd: number;
    try {
      fd = openSync(path, (this.readonly ? constants.O_RDONLY : constants.O_RDWR) | constants.O_NONBLOCK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ArgumentError(`cannot open the disk image ${path} ${this.readonly ? "for reading" : "for reading and writing"} (${code})`);
    }
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      closeSync(fd);
      throw new ArgumentError(`the disk image ${path} is not a regular file (a disk image is a file of raw sectors)`);
    }
    this.fd = fd;
    this.size = stat.size;
  }

  read(offset: number, into: Uint8Array): void {
    for (let done = 0; done < into.length; ) {
      const n = readSync(this.open(), into, done, into.length - done, offset + done);
      // A file that shrank under us reads as zeros past its end.
      if (n === 0) {
        into.fill(0, done);
        return;
      }
      done += n;
    }
  }

  write(offset: number, from: Uint8Array): void {
    this.dirty = true;
    for (let done = 0; done < from.length; ) done += writeSync(this.open(), from, done, from.length - done, offset + done);
  }

  flush(): void {
    if (!this.dirty) return;
    fsyncSync(this.open());
    this.dirty = false;
  }

  /** Flushes and closes the file (at the end of a run). */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): number {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    return this.fd;
  }
}
