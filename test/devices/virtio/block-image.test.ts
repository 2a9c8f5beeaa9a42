import { describe, expect, it } from "vitest";
import { MemoryBlockImage, SnapshotBlockImage } from "../../../src/devices/virtio/block-image.js";

describe("block images", () => {
  it("a memory image reads and writes its bytes in place; a read-only one refuses writes", () => {
    const bytes = new Uint8Array(8192);
    const image = new MemoryBlockImage(bytes);
    image.write(100, Uint8Array.of(1, 2, 3));
    const out = new Uint8Array(4);
    image.read(99, out);
    expect(out).toEqual(Uint8Array.of(0, 1, 2, 3));
    expect(() => new MemoryBlockImage(bytes, { readonly: true }).write(0, Uint8Array.of(1))).toThrow(/read-only/);
  });

  it("a snapshot never writes its base: writes across page boundaries read back from host memory", () => {
    const base = new MemoryBlockImage(new Uint8Array(3 * 4096 + 512).fill(7));
    const snap = new SnapshotBlockImage(base);
    const data = new Uint8Array(5000).fill(9);
    snap.write(4000, data);
    expect(base.bytes.every((b) => b === 7)).toBe(true);
    const out = new Uint8Array(5200);
    snap.read(3900, out);
    expect(out.subarray(0, 100).every((b) => b === 7)).toBe(true);
    expect(out.subarray(100, 5100).every((b) => b === 9)).toBe(true);
    expect(out.subarray(5100).every((b) => b === 7)).toBe(true);
    // The last, partial page of the image.
    snap.write(3 * 4096 + 500, Uint8Array.of(1, 2));
    const tail = new Uint8Array(12);
    snap.read(3 * 4096 + 500, tail);
    expect(Array.from(tail.subarray(0, 3))).toEqual([1, 2, 7]);
    expect(snap.bytesHeld).toBe(4 * 4096);
  });
});
