import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileBlockImage } from "../../src/node/index.js";
import { SnapshotBlockImage } from "../../src/devices/virtio/block-image.js";
import { patternSector, sectorOf } from "../helpers/virtio-guests.js";

const BIN = fileURLToPath(new URL("../../bin/rvisor.js", import.meta.url));
const FLUSH_WAIT = fileURLToPath(new URL("../../guests/virtio/flush-wait.elf", import.meta.url));

function imageFile(bytes = new Uint8Array(8192).map((_, i) => i & 0xff)) {
  const file = join(mkdtempSync(join(tmpdir(), "rvisor-img-")), "disk.img");
  writeFileSync(file, bytes);
  return { file, bytes };
}

describe("FileBlockImage", () => {
  it("reads and writes the file in place: a write is in the file before flush, and flush/close keep it", () => {
    const { file, bytes } = imageFile();
    const image = new FileBlockImage(file);
    expect(image.size).toBe(8192);
    const out = new Uint8Array(16);
    image.read(4090, out);
    expect(out).toEqual(bytes.slice(4090, 4106));
    image.write(100, Uint8Array.of(9, 8, 7));
    expect(Array.from(readFileSync(file).subarray(100, 103))).toEqual([9, 8, 7]);
    image.flush();
    image.close();
    image.close();
    expect(() => image.read(0, out)).toThrow(/closed/);
  });

  it("opens a file it may not write read-only; a snapshot over it never writes it", () => {
    const { file, bytes } = imageFile();
    chmodSync(file, 0o444);
    if (process.getuid?.() !== 0) expect(() => new FileBlockImage(file)).toThrow(/cannot open the disk image .* for reading and writing \(EACCES\)/);
    const snap = new SnapshotBlockImage(new FileBlockImage(file, { readonly: true }));
    snap.write(0, new Uint8Array(4096).fill(1));
    const out = new Uint8Array(4);
    snap.read(4094, out);
    expect(Array.from(out)).toEqual([1, 1, bytes[4096], bytes[4097]]);
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
  });

  it("keeps what the guest saw flushed when rvisor is killed (SIGKILL) right after the FLUSH completes", async () => {
    const { file } = imageFile(new Uint8Array(64 * 512));
    const child = spawn(process.execPath, [BIN, "run", "--drive", file, FLUSH_WAIT], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const killed = new Promise<NodeJS.Signals | null>((resolve) => {
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("flush-wait: flushed")) child.kill("SIGKILL");
      });
      child.on("close", (_, signal) => resolve(signal));
    });
    // Killed, not ended: the guest computes forever after its flush.
    expect(await killed, out).toBe("SIGKILL");
    const disk = new Uint8Array(readFileSync(file));
    for (let s = 8; s < 16; s++) expect(sectorOf(disk, s), `sector ${s}`).toEqual(patternSector(s));
    expect(sectorOf(disk, 16)).toEqual(new Uint8Array(512));
  }, 30_000);
});
