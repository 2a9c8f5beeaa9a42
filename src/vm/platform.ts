// A VM's machine as its guest sees it, shaped like QEMU virt (DESIGN.md "The platform"): the RAM
// window, the MMIO bus with the platform's devices (CLINT, PLIC, ns16550a UART, SiFive test
// finisher) and any of yours, the interrupt routing from devices to the harts, and the device
// tree that describes exactly this machine. The harts are not part of it: the platform reaches
// them only through the wiring the VM gives it.
//
//   guest-physical            device
//   0x0010_0000 + 0x1000      test finisher
//   0x0200_0000 + 0x1_0000    CLINT        msip, mtimecmp -> each hart's MSIP and virtual timer
//   0x0c00_0000 + 0x60_0000   PLIC         context 2h -> hart h's MEIP, 2h+1 -> its SEIP
//   0x1000_0000 + 0x100       UART         PLIC source 10
//   0x1000_1000 + 0x1000·i    virtio-mmio  slot i (i = 0..7), PLIC source 1 + i: the VM's virtio
//                                          devices in order; with any, the rest answer DeviceID 0
//   0x8000_0000 + RAM size    RAM
//   elsewhere                 your devices (addDevice), at most 12; they stay mapped across resets

import * as L from "../core/layout.js";
import { MIP_MEIP, MIP_SEIP } from "../core/vcpu.js";
import { Clint, CLINT_BASE } from "../devices/clint.js";
import { checkDeviceRegion, MmioBus, readDevice, type MappedDevice } from "../devices/bus.js";
import type { MmioDevice } from "../devices/device.js";
import { Plic, PLIC_BASE } from "../devices/plic.js";
import { FINISHER_BASE, TestFinisher, type FinisherCommand } from "../devices/test-finisher.js";
import { Uart, UART_BASE, UART_IRQ } from "../devices/uart.js";
import { VirtioBlk } from "../devices/virtio/blk.js";
import { VirtioConsole, type ConsolePort } from "../devices/virtio/console.js";
import { VIRTIO_MMIO_BASE, VIRTIO_MMIO_IRQ, VIRTIO_MMIO_SLOT, VIRTIO_MMIO_SLOTS, VirtioEmptySlots, VirtioMmio, type VirtioBackend, type VirtioEvent } from "../devices/virtio/mmio.js";
import { parseMac, VirtioNet } from "../devices/virtio/net.js";
import { VirtioRng } from "../devices/virtio/rng.js";
import { generateDeviceTree, socDevice } from "../formats/device-tree.js";
import { VmConfigError } from "../errors.js";
import type { PhysicalMemory } from "../machine/memory.js";
import { INSNS_PER_TICK, TIMEBASE_HZ } from "../time.js";
import type { VirtioDeviceOptions } from "./options.js";
import { Ram, RAM_BASE } from "./ram.js";

/** How the platform reaches the rest of the VM: the harts' interrupt lines, time, the console. */
export interface PlatformWiring {
  /** The VM's name (a switch port's name says whose it is). */
  readonly vmName: string;
  /** Real-time mode: a virtio-rng without a seed draws from the host's CSPRNG (else seed 0). */
  readonly realtime: boolean;
  /** Number of harts (CLINT and PLIC serve each). */
  readonly harts: number;
  /** The physical clock now (nominal instruction units): mtime derives from it. */
  now(): bigint;
  /** Hart `hart`'s msip or mtimecmp changed (the CLINT's registers are in platform.clint). */
  clintChanged(hart: number): void;
  /** A PLIC context's output changed: drives `line` (MIP_MEIP or MIP_SEIP) of hart `hart`. */
  externalInterrupt(hart: number, line: bigint, asserted: boolean): void;
  /** A byte the UART transmitted. */
  output(byte: number): void;
  /** The guest read the UART's line status: a guest that polls for input may get some now. */
  lineStatusRead(): void;
  /** The test finisher was written a command. */
  finisher(command: FinisherCommand): void;
  /** The console a virtio-console serves: the VM's (output, and input typed for it). */
  readonly consolePort: ConsolePort;
  /** A virtio device was notified, or needs a reset. */
  virtioEvent(event: VirtioEvent): void;
  /** A device raised its interrupt, maybe from outside any exit (a frame from the host): a waiting run() goes on. */
  wake(): void;
}

/** What the guest's device tree says beyond the platform: the harts' ISA, the kernel's command line, the initrd. */
export interface DeviceTreeOptions {
  isa: string;
  bootargs?: string;
  initrd?: { start: bigint; end: bigint };
}

export class Platform {
  readonly ram: Ram;
  readonly bus = new MmioBus();
  readonly clint: Clint;
  readonly plic: Plic;
  readonly uart: Uart;
  readonly finisher: TestFinisher;
  /** The virtio devices, slot 0 first. */
  readonly virtio: readonly VirtioMmio[];
  /** The virtio-console, if the VM has one: console input goes there. */
  readonly virtioConsole: VirtioConsole | undefined;
  private readonly wiring: PlatformWiring;
  private readonly userDevices: MmioDevice[] = [];

  constructor(mem: PhysicalMemory, ramBytes: number, wiring: PlatformWiring, virtio: readonly VirtioDeviceOptions[] = []) {
    this.wiring = wiring;
    const w = wiring;
    this.ram = new Ram(mem, ramBytes);
    this.clint = new Clint(w.harts, { mtime: () => w.now() / INSNS_PER_TICK, changed: (hart) => w.clintChanged(hart) });
    this.map(CLINT_BASE, this.clint);
    this.finisher = new TestFinisher((c) => w.finisher(c));
    this.map(FINISHER_BASE, this.finisher);
    // PLIC context 2h is hart h's M-mode (MEIP), 2h+1 its S-mode (SEIP), as on QEMU virt.
    this.plic = new Plic({
      harts: w.harts,
      onContextChange: (context, asserted) => w.externalInterrupt(context >> 1, context % 2 === 0 ? MIP_MEIP : MIP_SEIP, asserted),
    });
    this.map(PLIC_BASE, this.plic);
    this.uart = new Uart({
      irq: UART_IRQ,
      onTransmit: (b) => w.output(b),
      onIrq: (level) => this.plic.setSource(UART_IRQ, level),
      onLineStatusRead: () => w.lineStatusRead(),
    });
    this.map(UART_BASE, this.uart);
    const named = new Map<string, number>();
    this.virtio = virtio.map((options, slot) => {
      const backend = this.virtioBackend(options, slot);
      const k = named.get(backend.type) ?? 0;
      named.set(backend.type, k + 1);
      const irq = VIRTIO_MMIO_IRQ + slot;
      const transport = new VirtioMmio({
        name: `virtio-${backend.type}${k}`,
        backend,
        irq,
        ram: this.ram,
        raise: (level) => {
          this.plic.setSource(irq, level);
          if (level) w.wake();
        },
        onEvent: (e) => w.virtioEvent(e),
      });
      this.map(VIRTIO_MMIO_BASE + BigInt(slot * VIRTIO_MMIO_SLOT), transport);
      return transport;
    });
    const used = virtio.length;
    if (used > 0 && used < VIRTIO_MMIO_SLOTS) this.map(VIRTIO_MMIO_BASE + BigInt(used * VIRTIO_MMIO_SLOT), new VirtioEmptySlots(VIRTIO_MMIO_SLOTS - used));
    this.virtioConsole = this.virtio.map((t) => t.backend).find((b): b is VirtioConsole => b instanceof VirtioConsole);
  }

  private virtioBackend(options: VirtioDeviceOptions, slot: number): VirtioBackend {
    switch (options.type) {
      case "blk": return new VirtioBlk(options.image, `rvisor-vd${String.fromCharCode(97 + slot)}`);
      case "net": {
        const network = options.switch;
        // QEMU's default address, its last byte counting the switch's ports: unique on the switch.
        const mac = parseMac(options.mac ?? `52:54:00:12:34:${((0x56 + network.portsAttached) & 0xff).toString(16).padStart(2, "0")}`)!;
        return new VirtioNet(network, mac, `${this.wiring.vmName}/slot${slot}`);
      }
      case "console": return new VirtioConsole(this.wiring.consolePort);
      case "rng": {
        const seed = options.seed ?? (this.wiring.realtime ? "host" : 0);
        return new VirtioRng(seed === "host" ? "host" : { seed });
      }
    }
  }

  /** After each exit: work a virtio notification left (more than an exit's allowance) continues. */
  serviceDevices(): void {
    if (this.virtio.length === 0) return;
    for (const t of this.virtio) t.exitEnded();
  }

  /** A virtio device has work left from a notification: the VM is not idle. */
  get hasDeferredWork(): boolean {
    return this.virtio.some((t) => t.hasDeferredWork);
  }

  /** A reset: RAM cleared, every device back at power-on (yours through their reset(), if they have one). */
  reset(): void {
    this.ram.clear();
    for (const { device } of this.bus.devices) device.reset?.();
  }

  /** Maps a device model of yours into the guest-physical address space (it survives resets). */
  addDevice(base: bigint, device: MmioDevice): void {
    checkDeviceRegion(base, device);
    // The core's device table holds every region, the platform's included.
    const platform = this.bus.regions.length - this.userDevices.length;
    if (this.bus.regions.length >= L.DEV_MAX) {
      throw new VmConfigError(`device ${device.name}: no room, a VM has at most ${L.DEV_MAX - platform} devices of yours (the core maps ${L.DEV_MAX} regions, ${platform} of them the platform's)`);
    }
    this.map(base, device);
    this.userDevices.push(device);
  }

  private map(base: bigint, device: MmioDevice): void {
    const end = base + BigInt(device.size);
    if (base < RAM_BASE + this.ram.size && RAM_BASE < end) {
      throw new VmConfigError(`device ${device.name} at 0x${base.toString(16)} overlaps RAM`);
    }
    this.bus.add(base, device);
  }

  /** The device an MMIO exit at `addr` goes to. */
  route(addr: bigint): MappedDevice {
    const mapped = this.bus.find(addr);
    if (mapped === undefined) throw new Error(`MMIO exit at 0x${addr.toString(16)} outside every device`);
    return mapped;
  }

  /** A guest load that left the core as an MMIO exit: the device reads at its own offset. */
  load(to: MappedDevice, addr: bigint, size: number): bigint {
    return readDevice(to.device, Number(addr - to.base), size);
  }

  /** A guest store that left the core as an MMIO exit: the device writes the low `size` bytes at its own offset. */
  store(to: MappedDevice, addr: bigint, size: number, value: bigint): void {
    to.device.write(Number(addr - to.base), size, value & ((1n << BigInt(size * 8)) - 1n));
  }

  /**
   * The flattened device tree describing exactly this machine (see src/formats/device-tree.ts): every
   * device on the bus describes its own node, yours included.
   */
  deviceTree(options: DeviceTreeOptions): Uint8Array {
    return generateDeviceTree({
      harts: this.wiring.harts,
      isa: options.isa,
      mmuType: "riscv,sv39",
      timebaseFrequency: TIMEBASE_HZ,
      memory: { base: RAM_BASE, size: this.ram.size },
      devices: this.bus.devices.flatMap(({ base, device }) => socDevice(base, device) ?? []),
      bootargs: options.bootargs,
      stdoutPath: `/soc/serial@${UART_BASE.toString(16)}`,
      initrd: options.initrd,
    });
  }
}
