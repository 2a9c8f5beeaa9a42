// Booting a VM: its images and where they go in RAM, as QEMU virt places them, so that guests
// built for it boot unmodified, and the handoff to the first stage (its entry, a0 = hart id,
// a1 = the device tree, a2 = OpenSBI's fw_dynamic_info when firmware is followed by a kernel):
//
//   firmware (M-mode)   ELF by its physical addresses, or a raw binary at 0x8000_0000
//   kernel              ELF by its physical addresses, or a raw RISC-V Linux Image at the RAM
//                       base (kernel boot) or 0x8020_0000 (after firmware: OpenSBI's
//                       FW_JUMP_ADDR); its header's image_size (which includes BSS) is reserved
//   device tree         at the top of RAM, 2 MiB aligned, above every image
//   initrd              below the device tree, page aligned, above every image
//   fw_dynamic_info     below the initrd or device tree: OpenSBI's fw_dynamic reads it from a2
//
// The Image header (Documentation/riscv/boot-image-header.rst):
//   0x00 code0, code1 | 0x08 text_offset | 0x10 image_size | 0x18 flags | 0x20 version
//   0x24 res1 | 0x28 res2 | 0x30 magic "RISCV\0\0\0" (deprecated) | 0x38 magic2 "RSC\x05" | 0x3c res3

import { isElf, parseElf } from "../formats/elf.js";
import { VmConfigError } from "../errors.js";
import { checkBootImages, type BootImages, type BootMode } from "./options.js";

/** An image that cannot be loaded: not a kernel, or not fitting in RAM. */
export class ImageError extends VmConfigError {
  override name = "ImageError";
}

export interface LoadedImage {
  /** Where execution starts. */
  entry: bigint;
  /** The RAM ranges the image occupies or reserves (BSS included). */
  ranges: { start: bigint; end: bigint }[];
  /** For ELF images: its symbols (tohost, fromhost). */
  symbols: Map<string, bigint>;
}

/** The RAM images are loaded into (src/vm/ram.ts). */
export interface GuestRam {
  readonly base: bigint;
  readonly size: bigint;
  write(addr: bigint, bytes: Uint8Array): void;
  fill(addr: bigint, length: number): void;
  contains(addr: bigint, length: number): boolean;
}

const IMAGE_MAGIC2 = 0x0543_5352; // "RSC\x05" read as a little-endian u32
export const KERNEL_AFTER_FIRMWARE = 0x8020_0000n;

function checkInRam(ram: GuestRam, what: string, start: bigint, end: bigint): void {
  if (start < ram.base || end > ram.base + ram.size) {
    throw new ImageError(
      `${what} [0x${start.toString(16)}, 0x${end.toString(16)}) lies outside RAM [0x${ram.base.toString(16)}, 0x${(ram.base + ram.size).toString(16)})`,
    );
  }
}

/** Loads an ELF by physical address (zero-filled BSS). */
export function loadElfImage(ram: GuestRam, bytes: Uint8Array): LoadedImage {
  const image = parseElf(bytes);
  const ranges = image.segments.map((seg, i) => {
    const start = seg.paddr;
    const end = seg.paddr + seg.memsz;
    checkInRam(ram, `ELF segment ${i}`, start, end);
    ram.write(start, seg.data);
    ram.fill(start + BigInt(seg.data.length), Number(seg.memsz) - seg.data.length);
    return { start, end };
  });
  return { entry: image.entry, ranges, symbols: image.symbols };
}

/** Whether `bytes` start with a RISC-V Linux Image header (its "RSC\x05" magic). */
export function isLinuxImage(bytes: Uint8Array): boolean {
  return bytes.length >= 64 && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0x38, true) === IMAGE_MAGIC2;
}

/**
 * The boot mode an image asks for, when the user did not give one: kernel mode for a raw Linux
 * Image, or for an ELF entered at 0x8020_0000 (where firmware such as OpenSBI jumps to an S-mode
 * kernel on QEMU virt); undefined for firmware mode, the default.
 */
export function bootModeOf(bytes: Uint8Array): { mode: BootMode; why: string; image: boolean } | undefined {
  if (isElf(bytes)) {
    let entry: bigint;
    try {
      entry = parseElf(bytes).entry;
    } catch {
      return undefined; // loadElf says what is wrong with it
    }
    return entry === KERNEL_AFTER_FIRMWARE ? { mode: "kernel", why: `entry 0x${entry.toString(16)}`, image: false } : undefined;
  }
  return isLinuxImage(bytes) ? { mode: "kernel", why: "a RISC-V Linux Image", image: true } : undefined;
}

/** Loads a raw RISC-V Linux Image at `at`, reserving its image_size. */
export function loadLinuxImage(ram: GuestRam, bytes: Uint8Array, at: bigint): LoadedImage {
  if (bytes.length < 64) throw new ImageError(`kernel image is ${bytes.length} bytes: too short for a RISC-V Image header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0x38, true) !== IMAGE_MAGIC2) {
    throw new ImageError("not a RISC-V Linux Image (no \"RSC\\x05\" magic at offset 0x38) and not an ELF file");
  }
  const imageSize = view.getBigUint64(0x10, true);
  const size = imageSize > BigInt(bytes.length) ? imageSize : BigInt(bytes.length);
  checkInRam(ram, "kernel image", at, at + size);
  ram.write(at, bytes);
  return { entry: at, ranges: [{ start: at, end: at + size }], symbols: new Map() };
}

/** A kernel: an ELF (vmlinux, or a bare-metal S-mode program) or a raw Image at `rawAt`. */
export function loadKernel(ram: GuestRam, bytes: Uint8Array, rawAt: bigint): LoadedImage {
  return isElf(bytes) ? loadElfImage(ram, bytes) : loadLinuxImage(ram, bytes, rawAt);
}

/** Firmware: an ELF, or a raw binary (e.g. OpenSBI's fw_jump.bin) at the RAM base. */
export function loadFirmware(ram: GuestRam, bytes: Uint8Array): LoadedImage {
  if (isElf(bytes)) return loadElfImage(ram, bytes);
  checkInRam(ram, "firmware", ram.base, ram.base + BigInt(bytes.length));
  ram.write(ram.base, bytes);
  return { entry: ram.base, ranges: [{ start: ram.base, end: ram.base + BigInt(bytes.length) }], symbols: new Map() };
}

/**
 * Places blobs from the top of RAM down, each below the previous one, above every image:
 * the first one 2 MiB aligned (the device tree, as QEMU does), the rest at `align`.
 */
export class TopDownPlacer {
  private top: bigint;
  private readonly floor: bigint;

  constructor(ram: GuestRam, images: readonly LoadedImage[]) {
    this.top = ram.base + ram.size;
    this.floor = images.flatMap((i) => i.ranges).reduce((end, r) => (r.end > end ? r.end : end), ram.base);
  }

  place(what: string, length: number, align: bigint): bigint {
    let at = (this.top - BigInt(length)) & ~(align - 1n);
    if (at < this.floor && align > 8n) at = (this.top - BigInt(length)) & ~7n;
    if (at < this.floor) throw new ImageError(`RAM has no room for the ${length}-byte ${what} above the loaded images`);
    this.top = at;
    return at;
  }
}

/** OpenSBI's struct fw_dynamic_info (version 2): where fw_dynamic jumps next, and in which mode. */
export function fwDynamicInfo(nextAddr: bigint): Uint8Array {
  const info = new Uint8Array(48);
  const v = new DataView(info.buffer);
  v.setBigUint64(0, 0x4942_534fn, true); // magic "OSBI"
  v.setBigUint64(8, 2n, true); // version
  v.setBigUint64(16, nextAddr, true);
  v.setBigUint64(24, 1n, true); // next_mode: S
  v.setBigUint64(32, 0n, true); // options
  v.setBigUint64(40, 0n, true); // boot_hart
  return info;
}

/** How the boot hart starts: registers as QEMU virt's reset code leaves them, and HTIF's words. */
export interface Handoff {
  entry: bigint;
  /** a1: the device tree's address. */
  deviceTree: bigint;
  /** a2: fw_dynamic_info for OpenSBI when firmware is followed by a kernel, else 0. */
  a2: bigint;
  /** The booted ELF's tohost and fromhost symbols (HTIF), each an aligned word in RAM. */
  htif?: { tohost: bigint; fromhost: bigint | undefined };
}

/**
 * Loads a VM's images (kernel mode: the kernel alone; firmware mode: the firmware and an
 * optional kernel after it), places the device tree and initrd at the top of RAM, and says how
 * the boot hart starts. `deviceTree` builds the VM's tree for a given initrd range.
 */
export function loadImages(ram: GuestRam, mode: BootMode, images: BootImages, deviceTree: (initrd?: { start: bigint; end: bigint }) => Uint8Array): Handoff {
  checkBootImages(images);
  const loaded: LoadedImage[] = [];
  let entry: bigint;
  let kernelEntry: bigint | undefined;
  if (mode === "kernel") {
    if (images.firmware) throw new VmConfigError("firmware runs in M-mode: boot it in firmware mode, not kernel mode");
    if (!images.kernel) throw new VmConfigError("kernel mode needs a kernel image");
    const k = loadKernel(ram, images.kernel, ram.base);
    loaded.push(k);
    entry = k.entry;
  } else {
    if (!images.firmware) throw new VmConfigError("firmware mode needs a firmware or bare-metal image");
    const fw = loadFirmware(ram, images.firmware);
    loaded.push(fw);
    entry = fw.entry;
    if (images.kernel) {
      const k = loadKernel(ram, images.kernel, KERNEL_AFTER_FIRMWARE);
      for (const a of fw.ranges) {
        for (const b of k.ranges) {
          if (a.start < b.end && b.start < a.end) {
            throw new VmConfigError(`the kernel [0x${b.start.toString(16)}, 0x${b.end.toString(16)}) overlaps the firmware [0x${a.start.toString(16)}, 0x${a.end.toString(16)})`);
          }
        }
      }
      loaded.push(k);
      kernelEntry = k.entry;
    }
  }
  const placer = new TopDownPlacer(ram, loaded);
  // The tree's size does not depend on the initrd's addresses: place it first, fill it in last.
  const dtbLength = deviceTree(images.initrd ? { start: 0n, end: 0n } : undefined).length;
  const dtbAt = placer.place("device tree", dtbLength, 0x20_0000n);
  let initrd: { start: bigint; end: bigint } | undefined;
  if (images.initrd) {
    const at = placer.place("initrd", images.initrd.length, 0x1000n);
    ram.write(at, images.initrd);
    initrd = { start: at, end: at + BigInt(images.initrd.length) };
  }
  ram.write(dtbAt, deviceTree(initrd));
  let a2 = 0n;
  if (kernelEntry !== undefined) {
    const info = fwDynamicInfo(kernelEntry);
    a2 = placer.place("fw_dynamic_info", info.length, 8n);
    ram.write(a2, info);
  }
  const handoff: Handoff = { entry, deviceTree: dtbAt, a2 };
  const symbols = loaded.find((i) => i.symbols.has("tohost"))?.symbols;
  const tohost = symbols?.get("tohost");
  if (symbols && tohost !== undefined) {
    const fromhost = symbols.get("fromhost");
    checkHtifWord(ram, "tohost", tohost);
    checkHtifWord(ram, "fromhost", fromhost);
    handoff.htif = { tohost, fromhost };
  }
  return handoff;
}

/** HTIF reads and writes these words of guest RAM: each must be an aligned word in RAM. */
function checkHtifWord(ram: GuestRam, symbol: string, addr: bigint | undefined): void {
  if (addr !== undefined && (addr % 8n !== 0n || !ram.contains(addr, 8))) {
    throw new VmConfigError(`the ELF's ${symbol} symbol 0x${addr.toString(16)} is not an aligned word in RAM`);
  }
}
