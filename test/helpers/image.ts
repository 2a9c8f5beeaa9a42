// A raw RISC-V Linux Image for tests (Documentation/riscv/boot-image-header.rst): the 64-byte
// header with text_offset, image_size and the "RSC\x05" magic at 0x38. code0 is `j .`, or with
// `code` a jump to it, placed right after the header.

import { code as words, jal } from "./rv.js";

export const IMAGE_HEADER_SIZE = 64;

export function linuxImage(length: number, imageSize: number, code?: number[]): Uint8Array {
  const b = new Uint8Array(length);
  const v = new DataView(b.buffer);
  v.setUint32(0, code ? jal(0, IMAGE_HEADER_SIZE) : 0x0000_006f, true); // code0
  v.setBigUint64(0x08, 0x20_0000n, true); // text_offset
  v.setBigUint64(0x10, BigInt(imageSize), true);
  b.set([0x52, 0x53, 0x43, 0x05], 0x38); // "RSC\x05"
  if (code) b.set(words(...code), IMAGE_HEADER_SIZE);
  return b;
}
