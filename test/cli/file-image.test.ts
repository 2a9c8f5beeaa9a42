import { describe, expect, it } from "vitest";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileBlockImage } from "../../src/cli/file-image.js";
import { SnapshotBlockImage } from "../../src/devices/virtio/block-image.js";

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
    if (process.getuid?.() !== 0) expect(() => new FileBlockImage(file)).toThrow(/add ,readonly or ,snapshot/);
    const snap = new SnapshotBlockImage(new FileBlockImage(file, { readonly: true }));
    snap.write(0, new Uint8Array(4096).fill(1));
    const out = new Uint8Array(4);
    snap.read(4094, out);
    expect(Array.from(out)).toEqual([1, 1, bytes[4096], bytes[4097]]);
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
  });
});
