// What a VM is created with and what it ends with: its options, checked before anything is built
// from them (each option has the type and range its use needs, or a VmConfigError names it:
// options often come from JavaScript, JSON or a command line, where nothing checked their
// types), the images it boots and its result.

import type { BlockImage } from "../devices/virtio/block-image.js";
import { parseMac } from "../devices/virtio/net.js";
import { VIRTIO_MMIO_SLOTS } from "../devices/virtio/mmio.js";
import { VmConfigError } from "../errors.js";
import { NetworkSwitch } from "../net/switch.js";

/**
 * firmware: the vCPU starts in M-mode (a bare-metal program, an RTOS, or OpenSBI) and owns the
 * whole virtual platform. kernel: the hypervisor provides SBI and the vCPU starts in S-mode at
 * the kernel's entry with a0 = hart id and a1 = the device tree's address.
 */
export type BootMode = "firmware" | "kernel";

/**
 * A virtio device (virtio-mmio version 2); they take QEMU virt's slots in order: slot i at
 * 0x1000_1000 + 0x1000·i, PLIC source 1 + i.
 *   blk      a disk over `image` (read-only when the image is)
 *   net      a port on `switch` (Hypervisor.networkSwitch(name)); `mac` "52:54:00:12:34:56" by
 *            default, the last byte counting the switch's ports
 *   console  a console port (Linux: hvc0, or hvc1 when the SBI console took hvc0): output to the
 *            VM's console, input from sendInput()
 *   rng      an entropy source: seeded (default seed 0; the same bytes on every run) or the
 *            host's CSPRNG ("host"; the hypervisor's default in real-time mode)
 */
export type VirtioDeviceOptions =
  | { type: "blk"; image: BlockImage }
  | { type: "net"; switch: NetworkSwitch; mac?: string }
  | { type: "console" }
  | { type: "rng"; seed?: number | "host" };

export interface VmOptions {
  name?: string;
  /** RAM size in bytes (a multiple of 4 KiB); default 128 MiB. */
  memoryBytes?: number;
  mode?: BootMode;
  /**
   * The VM's harts (vCPUs), 1..MAX_HARTS (default 1): hart ids 0..N-1, each with its CLINT msip
   * and mtimecmp and its PLIC contexts (M and S). Firmware boot starts them all at the entry;
   * kernel boot starts hart 0 and the kernel starts the others with SBI HSM hart_start.
   */
  harts?: number;
  /** Give the vCPU the Sstc extension (stimecmp): timer programming without exits. */
  sstc?: boolean;
  /**
   * Classic (trap-and-emulate) virtualization instead of the assisted model: the guest's kernel
   * runs in the physical hart's U-mode, every privileged instruction traps to the hypervisor,
   * which emulates it on shadow privileged state, and its page tables are shadowed. In kernel
   * mode the kernel is deprivileged; in firmware mode the firmware (OpenSBI) too
   * (src/hypervisor/classic.ts).
   */
  classic?: boolean;
  /** Receives every byte the guest writes to its console (UART, SBI console, HTIF). */
  onConsole?: (byte: number) => void;
  /** The kernel command line, in the device tree's /chosen/bootargs. */
  bootargs?: string;
  /** What a guest-requested reset does: boot the VM again (default, like QEMU) or stop it. */
  onReset?: "reboot" | "stop";
  /** virtio devices, in slot order (at most 8). */
  virtio?: readonly VirtioDeviceOptions[];
}

/** What a VM boots: see src/vm/boot.ts for where each image goes. */
export interface BootImages {
  /** Firmware mode: an M-mode program or firmware such as OpenSBI (ELF or raw binary). */
  firmware?: Uint8Array;
  /** A kernel (ELF or raw RISC-V Linux Image): alone in kernel mode, or after the firmware. */
  kernel?: Uint8Array;
  /** An initial ramdisk, described in the device tree's /chosen. */
  initrd?: Uint8Array;
}

export interface VmResult {
  outcome: "pass" | "fail" | "fatal" | "max-insns" | "reset" | "stopped";
  /** The guest's exit code (0 on pass, the failing test number for HTIF, the finisher's code). */
  exitCode: number;
  /** Why the VM stopped, in words. */
  reason: string;
  /** For outcome "fatal" caused by host code serving the VM (a device model of yours, a console
   *  listener): what it threw. */
  error?: unknown;
}

/** The most harts a VM can have. */
export const MAX_HARTS = 8;

/** The default RAM size: 128 MiB. */
export const DEFAULT_RAM_BYTES = 128 * 1024 * 1024;

/** The most RAM a VM can have: 2 GiB, half the 4 GiB WebAssembly memory that holds every VM. */
export const MAX_RAM_BYTES = 2 ** 31;

/**
 * The longest kernel command line, in UTF-8 bytes: no kernel reads more (Linux's
 * COMMAND_LINE_SIZE is at most 4096 on any architecture), and the device tree holding it is
 * generated again at every reset.
 */
export const MAX_BOOTARGS_BYTES = 4096;

const oneOf = (value: unknown, allowed: readonly unknown[]) => value === undefined || allowed.includes(value);
const isA = (value: unknown, type: string) => value === undefined || typeof value === type;

export function checkVmOptions(options: VmOptions): void {
  const { name, memoryBytes, mode, sstc, classic, onConsole, bootargs, onReset } = options;
  if (!isA(name, "string")) throw new VmConfigError(`name must be a string, got ${typeof name}`);
  if (memoryBytes !== undefined) {
    if (!Number.isInteger(memoryBytes) || memoryBytes < 4096 || memoryBytes % 4096 !== 0) {
      throw new VmConfigError(`RAM size must be a positive multiple of 4 KiB, got ${String(memoryBytes)}`);
    }
    if (memoryBytes > MAX_RAM_BYTES) throw new VmConfigError(`RAM size ${memoryBytes} exceeds the 2 GiB a VM can have`);
  }
  const { harts } = options;
  if (harts !== undefined && !(Number.isInteger(harts) && harts >= 1 && harts <= MAX_HARTS)) {
    throw new VmConfigError(`harts must be an integer from 1 to ${MAX_HARTS}, got ${String(harts)}`);
  }
  if (!oneOf(mode, ["firmware", "kernel"])) throw new VmConfigError(`mode must be "firmware" or "kernel", got ${String(mode)}`);
  if (!isA(sstc, "boolean")) throw new VmConfigError(`sstc must be a boolean, got ${typeof sstc}`);
  if (!isA(classic, "boolean")) throw new VmConfigError(`classic must be a boolean, got ${typeof classic}`);
  if (!isA(onConsole, "function")) throw new VmConfigError(`onConsole must be a function, got ${typeof onConsole}`);
  if (!isA(bootargs, "string")) throw new VmConfigError(`bootargs must be a string, got ${typeof bootargs}`);
  // The device tree stores the command line as a NUL-terminated string.
  if (bootargs?.includes("\0")) throw new VmConfigError("bootargs contains a NUL character, which would end the kernel command line early");
  const length = bootargs === undefined ? 0 : new TextEncoder().encode(bootargs).length;
  if (length > MAX_BOOTARGS_BYTES) throw new VmConfigError(`bootargs is ${length} bytes, longer than the ${MAX_BOOTARGS_BYTES} a kernel command line can be`);
  if (!oneOf(onReset, ["reboot", "stop"])) throw new VmConfigError(`onReset must be "reboot" or "stop", got ${String(onReset)}`);
  if (options.virtio !== undefined) checkVirtio(options.virtio);
}

function checkVirtio(devices: readonly VirtioDeviceOptions[]): void {
  if (!Array.isArray(devices)) throw new VmConfigError(`virtio must be an array of devices, got ${typeof devices}`);
  if (devices.length > VIRTIO_MMIO_SLOTS) throw new VmConfigError(`${devices.length} virtio devices: a VM has ${VIRTIO_MMIO_SLOTS} virtio-mmio slots`);
  devices.forEach((d: VirtioDeviceOptions, i) => {
    const bad = (problem: string) => new VmConfigError(`virtio device ${i}: ${problem}`);
    if (typeof d !== "object" || d === null) throw bad(`must be an object with a type, got ${String(d)}`);
    switch (d.type) {
      case "blk": {
        const image: Partial<BlockImage> | undefined = d.image;
        if (typeof image !== "object" || image === null || typeof image.read !== "function" || typeof image.write !== "function" || typeof image.flush !== "function") {
          throw bad("blk needs an image with read, write and flush (a BlockImage)");
        }
        if (!Number.isSafeInteger(image.size) || image.size! < 0) throw bad(`the image's size must be a whole number of bytes, got ${String(image.size)}`);
        if (typeof image.readonly !== "boolean") throw bad(`the image's readonly must be a boolean, got ${typeof image.readonly}`);
        break;
      }
      case "net":
        if (!(d.switch instanceof NetworkSwitch)) throw bad("net needs a switch (hypervisor.networkSwitch(name))");
        if (d.mac !== undefined) {
          const mac = typeof d.mac === "string" ? parseMac(d.mac) : undefined;
          if (mac === undefined) throw bad(`mac must be six hex bytes like 52:54:00:12:34:56, got ${String(d.mac)}`);
          if ((mac[0]! & 1) !== 0) throw bad(`mac ${d.mac} is a multicast address`);
        }
        break;
      case "console":
        break;
      case "rng":
        if (d.seed !== undefined && d.seed !== "host" && !Number.isSafeInteger(d.seed)) throw bad(`rng seed must be an integer or "host", got ${String(d.seed)}`);
        break;
      default:
        throw bad(`unknown type ${JSON.stringify((d as { type: unknown }).type)} (blk, net, console or rng)`);
    }
  });
}

/** Every image given is bytes (a Uint8Array, e.g. a Node Buffer). */
export function checkBootImages(images: BootImages): void {
  if (typeof images !== "object" || images === null) throw new VmConfigError("boot needs an object of images ({ firmware, kernel, initrd })");
  for (const what of ["firmware", "kernel", "initrd"] as const) {
    const bytes: unknown = images[what];
    if (bytes !== undefined && !(bytes instanceof Uint8Array)) throw new VmConfigError(`the ${what} image must be a Uint8Array, got ${typeof bytes}`);
  }
}
