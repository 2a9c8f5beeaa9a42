// A virtual machine: a guest-physical address space (a RAM window at 0x8000_0000 plus device
// regions), one vCPU, its virtual devices and virtual timers, and the handling of the core's
// exits for it. The hypervisor owns time: it sets the vCPU's clock before every run, programs
// the physical timer from the VMs' deadlines and injects their timer interrupts.

import * as L from "./core/layout.js";
import { Vcpu, MIP_MSIP, MIP_MTIP, type ExitReason } from "./core/vcpu.js";
import { Clint, CLINT_BASE } from "./devices/clint.js";
import { checkDeviceRegion, MmioBus, readDevice, type MmioDevice } from "./devices/device.js";
import { Htif } from "./devices/htif.js";
import { FINISHER_BASE, FINISHER_SIZE, TestFinisher, testFinisherNode, type FinisherCommand } from "./devices/test-finisher.js";
import { Plic, PLIC_BASE } from "./devices/plic.js";
import { Uart, UART_BASE, UART_IRQ } from "./devices/uart.js";
import { fwDynamicInfo, KERNEL_AFTER_FIRMWARE, loadFirmware, loadKernel, TopDownPlacer, type GuestRam, type LoadedImage } from "./boot.js";
import { generateDeviceTree, socDevice } from "./device-tree.js";
import { parseElf } from "./elf.js";
import { ArgumentError, VmConfigError } from "./errors.js";
import { checkVmOptions } from "./vm-options.js";
import type { Machine } from "./machine.js";
import { handleSbiCall, sbiExtensionName, type ResetKind, type SbiHost } from "./sbi.js";
import { VmStats, type VmReport } from "./stats.js";
import { CLOCK_PER_US, INSNS_PER_TICK, mtimeToClock, NEVER, RESET_CLOCK_COST, VirtualTimer } from "./time.js";
import { causeName } from "./trap-names.js";

export const RAM_BASE = 0x8000_0000n;
export const DEFAULT_RAM_BYTES = 128 * 1024 * 1024;
export const MIP_SSIP = 1n << 1n;
export const MIP_STIP = 1n << 5n;
export const MIP_SEIP = 1n << 9n;
export const MIP_MEIP = 1n << 11n;
const IRQ_STI = 5;
const IRQ_MTI = 7;

/**
 * firmware: the vCPU starts in M-mode (a bare-metal program, an RTOS, or OpenSBI) and owns the
 * whole virtual platform. kernel: the hypervisor provides SBI and the vCPU starts in S-mode at
 * the kernel's entry with a0 = hart id and a1 = the device tree's address.
 */
export type BootMode = "firmware" | "kernel";

export interface VmOptions {
  name?: string;
  /** RAM size in bytes (a multiple of 4 KiB); default 128 MiB. */
  memoryBytes?: number;
  mode?: BootMode;
  /** Give the vCPU the Sstc extension (stimecmp): timer programming without exits. */
  sstc?: boolean;
  /** Receives every byte the guest writes to its console (UART, SBI console, HTIF). */
  onConsole?: (byte: number) => void;
  /** The kernel command line, in the device tree's /chosen/bootargs. */
  bootargs?: string;
  /** What a guest-requested reset does: boot the VM again (default, like QEMU) or stop it. */
  onReset?: "reboot" | "stop";
}

export type VmState = "running" | "waiting" | "stopped";

/** What a VM boots: see src/boot.ts for where each image goes. */
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

export { VmConfigError };

/** Where a VM's time comes from: the hypervisor's physical clock. */
export interface VmHost {
  /** The physical clock now, in nominal instruction units. */
  now(): bigint;
  /** The vCPU ran up to `clock`: devices serving its exit must see that time, not the slice's start. */
  ranTo?(clock: bigint): void;
  /** A virtual timer deadline changed: the physical timer may need reprogramming. */
  timersChanged(): void;
  /** The guest's handler took a timer interrupt `latency` clock units after its deadline. */
  interruptTaken?(latency: number, clock: bigint): void;
  /** Something from outside the guest (input, an IRQ line, a hold released, a stop) may wake a VM. */
  inputChanged?(): void;
}

let vmCount = 0;

export class Vm implements SbiHost {
  readonly name: string;
  readonly mode: BootMode;
  readonly sstc: boolean;
  readonly ramBytes: number;
  /** Address of the RAM window in the machine's linear memory. */
  readonly ramHost: number;
  readonly vcpu: Vcpu;
  // Read-only to users (the setters are private): the VM replaces its bus and platform devices on
  // a reboot, and only its own exits and stop() change its state and result.
  private _bus = new MmioBus();
  get bus(): MmioBus { return this._bus; }
  private set bus(bus: MmioBus) { this._bus = bus; }
  /** The platform devices; a reboot replaces them with fresh ones. */
  private _clint!: Clint;
  get clint(): Clint { return this._clint; }
  private set clint(clint: Clint) { this._clint = clint; }
  private _plic!: Plic;
  get plic(): Plic { return this._plic; }
  private set plic(plic: Plic) { this._plic = plic; }
  private _uart!: Uart;
  get uart(): Uart { return this._uart; }
  private set uart(uart: Uart) { this._uart = uart; }
  readonly stats = new VmStats();
  /** The CLINT's mtimecmp (firmware mode): drives MTIP. */
  readonly mtimer = new VirtualTimer(MIP_MTIP);
  /** The SBI timer (kernel mode without Sstc): drives STIP. */
  readonly stimer = new VirtualTimer(MIP_STIP);
  private _state: VmState = "running";
  get state(): VmState { return this._state; }
  private set state(state: VmState) { this._state = state; }
  private _result: VmResult | undefined;
  /** Set when the VM stops. */
  get result(): VmResult | undefined { return this._result; }
  private set result(result: VmResult | undefined) { this._result = result; }
  /** Clock value of the timer deadline whose interrupt the guest has not taken yet (latency). */
  pendingLatencyFrom: bigint | undefined;
  private readonly machine: Machine;
  private readonly host: VmHost;
  private readonly consoleListeners: ((byte: number) => void)[] = [];
  private readonly onConsole = (byte: number): void => {
    for (const listener of this.consoleListeners) listener(byte);
  };
  private resolveExit!: (result: VmResult) => void;
  /** Settles when the VM stops, with its result. */
  readonly exited: Promise<VmResult> = new Promise((resolve) => (this.resolveExit = resolve));
  private readonly input: number[] = [];
  /** holdInput() calls not yet released: an input source that may still wake the guest. */
  private inputHolds = 0;
  /** holdInput() was ever called: the host manages the VM's input explicitly. */
  private inputManaged = false;
  private readonly bootargs: string | undefined;
  private readonly onReset: "reboot" | "stop";
  private readonly userDevices: { base: bigint; device: MmioDevice }[] = [];
  private bootImages: BootImages | undefined;
  /** A reset the guest asked for during an exit: done once the exit is handled. */
  private pendingReset: string | undefined;
  /** The guest has programmed the UART's IER: it will say when it wants input. */
  private uartIerWritten = false;
  private htif: Htif | undefined;
  private irqTaken = 0n;
  /** Host milliseconds the last run spent in guest code, and the handling of its exit took. */
  lastRunMs = 0;
  lastExitMs = 0;
  /** The device an MMIO exit went to (for traces). */
  lastExitDevice: string | undefined;

  constructor(machine: Machine, options: VmOptions = {}, host?: VmHost) {
    checkVmOptions(options);
    const ramBytes = options.memoryBytes ?? DEFAULT_RAM_BYTES;
    this.machine = machine;
    this.name = options.name ?? `vm${vmCount++}`;
    this.mode = options.mode ?? "firmware";
    this.sstc = options.sstc ?? false;
    this.ramBytes = ramBytes;
    if (options.onConsole) this.consoleListeners.push(options.onConsole);
    this.bootargs = options.bootargs;
    this.host = host ?? standaloneHost(this);
    this.onReset = options.onReset ?? "reboot";
    this.ramHost = machine.mem.alloc(ramBytes, 4096);
    this.vcpu = new Vcpu(machine.core, machine.mem, 0);
    this.powerOn();
  }

  /** The vCPU's reset state for this VM (RAM window, configuration, boot mode) and fresh devices. */
  private powerOn(): void {
    const v = this.vcpu;
    v.set(L.RAM_BASE, RAM_BASE);
    v.set(L.RAM_SIZE, BigInt(this.ramBytes));
    v.set(L.RAM_HOST, BigInt(this.ramHost));
    v.set(L.TICK_DIV, INSNS_PER_TICK);
    v.set(L.CONFIG, (this.sstc ? BigInt(L.CONFIG_SSTC) : 0n) | (this.mode === "kernel" ? BigInt(L.CONFIG_HOST_SBI) : 0n));
    v.pc = RAM_BASE;
    if (this.mode === "kernel") this.enterSupervisor();
    this.bus = new MmioBus();
    this.clint = new Clint(1, {
      mtime: () => this.host.now() / INSNS_PER_TICK,
      changed: () => this.clintChanged(),
    });
    this.mapDevice(CLINT_BASE, this.clint);
    this.mapDevice(FINISHER_BASE, new TestFinisher((c) => this.finisher(c)));
    // PLIC context 0 is the hart's M-mode (MEIP), context 1 its S-mode (SEIP), as on QEMU virt.
    this.plic = new Plic({
      harts: 1,
      onContextChange: (context, asserted) => {
        const line = context % 2 === 0 ? MIP_MEIP : MIP_SEIP;
        if (asserted && !(this.vcpu.get(L.MIP_LINES) & line)) this.stats.injected.external++;
        this.vcpu.setInterruptLine(line, asserted);
        if (asserted) this.wakeIfPending();
      },
    });
    this.mapDevice(PLIC_BASE, this.plic);
    this.uart = new Uart({ onTransmit: (b) => this.onConsole(b), onIrq: (level) => this.plic.setSource(UART_IRQ, level) });
    this.mapDevice(UART_BASE, this.uart);
    for (const d of this.userDevices) this.mapDevice(d.base, d.device);
  }

  /**
   * A reset the guest asked for (test finisher 0x7777, SBI system reset reboot): the VM starts
   * again from its boot images with cleared RAM, a reset vCPU and fresh platform devices (your
   * own devices stay as they are), or stops when created with onReset "stop".
   */
  private reboot(why: string): void {
    if (this.onReset === "stop" || this.bootImages === undefined) {
      this.stop({ outcome: "reset", exitCode: 0, reason: why });
      return;
    }
    // The hypervisor's count of what this vCPU executed and the physical clock survive (time
    // never runs backwards for the machine or the other VMs, and the reset itself takes time);
    // the guest's counters restart.
    const retired = this.vcpu.get(L.RETIRED);
    const clock = this.vcpu.get(L.CLOCK);
    this.machine.core.exports.resetVcpu(this.vcpu.block, 0n);
    this.vcpu.set(L.RETIRED, retired);
    this.vcpu.set(L.CLOCK, clock + RESET_CLOCK_COST);
    this.vcpu.set(L.MCYCLE_DELTA, -retired);
    this.vcpu.set(L.MINSTRET_DELTA, -retired);
    this.machine.mem.bytes.fill(0, this.ramHost, this.ramHost + this.ramBytes);
    this.mtimer.arm(NEVER);
    this.stimer.arm(NEVER);
    this.pendingLatencyFrom = undefined;
    this.irqTaken = 0n;
    this.uartIerWritten = false;
    this.htif = undefined;
    this.powerOn();
    this.boot(this.bootImages);
    this.stats.reboots++;
    this.state = "running";
    this.host.timersChanged();
  }


  /**
   * Kernel boot: the state OpenSBI leaves a kernel in. S-mode; every exception and S-level
   * interrupt that S-mode can handle is delegated (nothing runs in the VM's M-mode); the
   * counters and, with Sstc, stimecmp are S-mode's to use.
   */
  private enterSupervisor(): void {
    const v = this.vcpu;
    v.set(L.PRIV, 1n);
    v.set(L.MEDELEG, 0xb1ffn);
    v.set(L.MIDELEG, MIP_SSIP | MIP_STIP | (1n << 9n));
    v.set(L.MCOUNTEREN, 7n);
    if (this.sstc) v.set(L.MENVCFG, 1n << 63n);
  }

  /** Maps a device model of yours into the guest-physical address space (it survives reboots). */
  addDevice(base: bigint, device: MmioDevice): void {
    checkDeviceRegion(base, device);
    // The core's device table holds every region, the platform's included.
    const platform = this.bus.regions.length - this.userDevices.length;
    if (this.bus.regions.length >= L.DEV_MAX) {
      throw new VmConfigError(`device ${device.name}: no room, a VM has at most ${L.DEV_MAX - platform} devices of yours (the core maps ${L.DEV_MAX} regions, ${platform} of them the platform's)`);
    }
    this.mapDevice(base, device);
    this.userDevices.push({ base, device });
  }

  private mapDevice(base: bigint, device: MmioDevice): void {
    const end = base + BigInt(device.size);
    if (base < RAM_BASE + BigInt(this.ramBytes) && RAM_BASE < end) {
      throw new VmConfigError(`device ${device.name} at 0x${base.toString(16)} overlaps RAM`);
    }
    this.bus.add(base, device);
    this.vcpu.setDeviceRegions(this.bus.regions);
  }

  /** The flattened device tree describing exactly this VM (see src/device-tree.ts). */
  deviceTree(initrd?: { start: bigint; end: bigint }): Uint8Array {
    const region = (base: bigint, size: number) => ({ base, size: BigInt(size) });
    return generateDeviceTree({
      harts: 1,
      isa: `rv64imac_zicsr_zifencei_zicntr${this.sstc ? "_sstc" : ""}`,
      mmuType: "riscv,sv39",
      timebaseFrequency: 10_000_000,
      memory: region(RAM_BASE, this.ramBytes),
      devices: [
        socDevice(CLINT_BASE, this.clint),
        socDevice(PLIC_BASE, this.plic),
        socDevice(UART_BASE, this.uart),
        { ...region(FINISHER_BASE, FINISHER_SIZE), node: testFinisherNode() },
      ],
      bootargs: this.bootargs,
      stdoutPath: `/soc/serial@${UART_BASE.toString(16)}`,
      initrd,
    });
  }

  /** Loads a single ELF: the firmware in firmware mode, the kernel in kernel mode. */
  loadElf(bytes: Uint8Array): void {
    const images = this.mode === "kernel" ? { kernel: bytes } : { firmware: bytes };
    checkBootImages(images);
    parseElf(bytes); // an ELF, and a valid one, or an ElfError that says what is wrong
    this.boot(images);
  }

  /**
   * Loads the guest's images where QEMU virt puts them (see src/boot.ts), places the device
   * tree and initrd at the top of RAM, and sets up the vCPU as the platform starts it: pc at
   * the first stage's entry, a0 = hart id, a1 = the device tree, a2 = OpenSBI's fw_dynamic_info
   * when firmware is followed by a kernel.
   */
  boot(images: BootImages): void {
    checkBootImages(images);
    const ram: GuestRam = {
      base: RAM_BASE,
      size: BigInt(this.ramBytes),
      write: (addr, bytes) => this.loadBytes(addr, bytes),
      fill: (addr, length) => this.machine.mem.bytes.fill(0, this.ramOffset(addr, length), this.ramOffset(addr, length) + length),
    };
    const loaded: LoadedImage[] = [];
    let entry: bigint;
    let kernelEntry: bigint | undefined;
    if (this.mode === "kernel") {
      if (images.firmware) throw new VmConfigError("firmware runs in M-mode: boot it in firmware mode, not kernel mode");
      if (!images.kernel) throw new VmConfigError("kernel mode needs a kernel image");
      const k = loadKernel(ram, images.kernel, RAM_BASE);
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
    const dtbLength = this.deviceTree(images.initrd ? { start: 0n, end: 0n } : undefined).length;
    const dtbAt = placer.place("device tree", dtbLength, 0x20_0000n);
    let initrd: { start: bigint; end: bigint } | undefined;
    if (images.initrd) {
      const at = placer.place("initrd", images.initrd.length, 0x1000n);
      this.loadBytes(at, images.initrd);
      initrd = { start: at, end: at + BigInt(images.initrd.length) };
    }
    this.loadBytes(dtbAt, this.deviceTree(initrd));
    let a2 = 0n;
    if (kernelEntry !== undefined) {
      const info = fwDynamicInfo(kernelEntry);
      a2 = placer.place("fw_dynamic_info", info.length, 8n);
      this.loadBytes(a2, info);
    }
    this.vcpu.pc = entry;
    this.vcpu.setX(10, 0n);
    this.vcpu.setX(11, dtbAt);
    this.vcpu.setX(12, a2);
    const symbols = loaded.find((i) => i.symbols.has("tohost"))?.symbols;
    const tohost = symbols?.get("tohost");
    if (symbols && tohost !== undefined) {
      this.checkHtifWord("tohost", tohost);
      this.checkHtifWord("fromhost", symbols.get("fromhost"));
      const ramAccess = { read64: (a: bigint) => this.read64(a), write64: (a: bigint, v: bigint) => this.write64(a, v) };
      this.htif = new Htif(tohost, symbols.get("fromhost"), ramAccess, this.onConsole);
      this.vcpu.set(L.WATCH_ADDR, tohost);
    }
    // Only images that booted are booted again on a reset.
    this.bootImages = images;
  }

  /** HTIF reads and writes these words of guest RAM: each must be an aligned word in RAM. */
  private checkHtifWord(symbol: string, addr: bigint | undefined): void {
    if (addr !== undefined && (addr % 8n !== 0n || this.readGuest(addr, 8) === undefined)) {
      throw new VmConfigError(`the ELF's ${symbol} symbol 0x${addr.toString(16)} is not an aligned word in RAM`);
    }
  }

  /** Copies bytes into guest RAM at a guest-physical address (raw images, test code). */
  loadBytes(addr: bigint, bytes: Uint8Array): void {
    this.machine.mem.bytes.set(bytes, this.ramOffset(addr, bytes.length));
  }

  /** A copy of guest RAM at a guest-physical address. */
  readBytes(addr: bigint, length: number): Uint8Array {
    const at = this.ramOffset(addr, length);
    return this.machine.mem.bytes.slice(at, at + length);
  }

  read64(addr: bigint): bigint {
    return this.machine.mem.view.getBigUint64(this.ramOffset(addr, 8), true);
  }

  write64(addr: bigint, value: bigint): void {
    this.machine.mem.view.setBigUint64(this.ramOffset(addr, 8), value, true);
  }

  private ramOffset(addr: bigint, size: number): number {
    const off = addr - RAM_BASE;
    if (off < 0n || off + BigInt(size) > BigInt(this.ramBytes)) throw new RangeError(`0x${addr.toString(16)} is not in RAM`);
    return this.ramHost + Number(off);
  }

  get instructions(): number {
    return this.vcpu.getNumber(L.RETIRED);
  }

  /** Bytes typed at the VM's console: the UART receives them, SBI console reads take them. */
  sendInput(bytes: Uint8Array | string): void {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    for (const b of data) this.input.push(b);
    this.pumpInput();
    this.host.inputChanged?.();
  }

  /**
   * Declares an input source that is open: console input (sendInput), an IRQ line you drive
   * (setIrq), anything of the host's that may wake the guest later. While a hold is open, a VM
   * waiting for an interrupt with no timer armed waits for that input — in deterministic mode
   * the hypervisor's run() then yields to the event loop (no spin, no clock advance) instead of
   * stopping the VM as one that nothing will wake. Release each hold with releaseInput() when
   * the source ends (stdin closed): the VM is then stopped if it still waits with nothing to
   * wake it, in either time mode, its reason saying that its input ended. A host that never
   * holds input keeps the time mode's default (deterministic: stopped; real time: waits).
   */
  holdInput(): void {
    this.inputHolds++;
    this.inputManaged = true;
  }

  /** Ends one holdInput(). */
  releaseInput(): void {
    if (this.inputHolds > 0) this.inputHolds--;
    this.host.inputChanged?.();
  }

  /**
   * What a VM waiting with no timer armed waits for: "held" input (an open holdInput()),
   * "ended" (every hold released), or "none" (input never held).
   */
  get inputSource(): "held" | "ended" | "none" {
    return this.inputHolds > 0 ? "held" : this.inputManaged ? "ended" : "none";
  }

  /**
   * Input waits on the host side of the serial line until the guest is ready for it: the UART
   * receives it when the vCPU idles (wfi) with the receive interrupt enabled — a driver that
   * is still resetting FIFOs and flushing the port is not idle, so nothing typed early is lost
   * — or, for a guest that never programs IER, when it polls the line status register. SBI
   * console reads (hvc0) take it directly.
   */
  private pumpInput(polled = false): void {
    if (this.input.length === 0) return;
    const ready = polled ? !this.uartIerWritten : this.state === "waiting" && (this.uart.snapshot().ier & 0x01) !== 0;
    if (!ready) return;
    const n = this.uart.receive(this.input.slice(0, this.uart.rxFree));
    this.input.splice(0, n);
    this.wakeIfPending();
  }

  /** A waiting vCPU with an enabled interrupt pending runs again. */
  wakeIfPending(): void {
    if (this.state !== "waiting") return;
    const v = this.vcpu;
    if ((v.get(L.MIP) | v.get(L.MIP_LINES)) & v.get(L.MIE)) this.state = "running";
  }

  /** Adds a listener for the bytes the guest writes to its console; returns a function that removes it. */
  onConsoleOutput(listener: (byte: number) => void): () => void {
    this.consoleListeners.push(listener);
    return () => {
      const i = this.consoleListeners.indexOf(listener);
      if (i >= 0) this.consoleListeners.splice(i, 1);
    };
  }

  /**
   * Drives PLIC source `irq` (1..95; 0 is the PLIC's "no interrupt") as a device of yours would:
   * `level` true raises the line, false lowers it. The guest's handler runs when it can.
   */
  setIrq(irq: number, level: boolean): void {
    const last = this.plic.sources - 1;
    if (!Number.isInteger(irq) || irq < 1 || irq > last) {
      throw new ArgumentError(`VM ${this.name}: setIrq(${describe(irq)}): there is no PLIC source ${describe(irq)}, the sources are 1..${last}`);
    }
    if (typeof level !== "boolean") throw new ArgumentError(`VM ${this.name}: setIrq(${irq}, ${describe(level)}): the level must be a boolean, got ${typeof level}`);
    this.plic.setSource(irq, level);
    this.host.inputChanged?.();
  }

  stop(result: VmResult): void {
    if (this.state === "stopped") return;
    this.state = "stopped";
    this.result = result;
    this.resolveExit(result);
    this.host.inputChanged?.();
  }

  // ---- time -------------------------------------------------------------------------------

  /** The earliest clock value at which something must happen for this VM, or NEVER. */
  nextDeadline(): bigint {
    let d = NEVER;
    if (this.mtimer.armed) d = this.mtimer.deadline;
    if (this.stimer.armed && this.stimer.deadline < d) d = this.stimer.deadline;
    // With Sstc the core raises STIP itself; a waiting vCPU still needs waking at stimecmp.
    if (this.sstc && this.state === "waiting") {
      const at = mtimeToClock(this.vcpu.get(L.STIMECMP));
      if (!(this.vcpu.get(L.MIP_LINES) & MIP_STIP) && at < d) d = at;
    }
    return d;
  }

  /**
   * The physical timer fired at `now`: injects every virtual timer interrupt that is due (the
   * guest's own handler runs when the VM next runs) and wakes the VM; a waiting vCPU with Sstc
   * whose stimecmp passed is woken too (the core raises its STIP). Returns how many injected.
   */
  injectDueTimers(now: bigint): number {
    let n = 0;
    for (const t of [this.mtimer, this.stimer]) {
      if (t.armed && t.deadline <= now) {
        t.injected = true;
        this.vcpu.setInterruptLine(t.line, true);
        this.pendingLatencyFrom ??= t.deadline;
        n++;
      }
    }
    this.stats.injected.timer += n;
    const sstcDue = this.sstc && mtimeToClock(this.vcpu.get(L.STIMECMP)) <= now;
    if ((n > 0 || sstcDue) && this.state === "waiting") this.state = "running";
    return n;
  }

  /**
   * After a run: did the guest take a timer interrupt? Then its latency is known: from the
   * injected deadline, or with Sstc (no injection: the core raised STIP) from stimecmp's.
   */
  private noteInterruptsTaken(): void {
    const taken = this.vcpu.get(L.IRQ_TAKEN);
    if (taken === this.irqTaken) return;
    this.irqTaken = taken;
    const cause = Number(this.vcpu.get(L.IRQ_TAKEN_CAUSE));
    if (cause !== IRQ_MTI && cause !== IRQ_STI) return;
    const at = this.vcpu.get(L.IRQ_TAKEN_CLOCK);
    let from = this.pendingLatencyFrom;
    if (from === undefined && cause === IRQ_STI && this.sstc) {
      from = this.vcpu.get(L.SSTC_FIRED);
      this.stats.injected.timer++;
    }
    this.pendingLatencyFrom = undefined;
    if (from === undefined || at < from) return;
    const latency = Number(at - from);
    this.stats.latency.add(latency);
    this.host.interruptTaken?.(latency, at);
  }

  private clintChanged(): void {
    const cmp = this.clint.mtimecmp[0]!;
    if (mtimeToClock(cmp) !== this.mtimer.deadline || !this.mtimer.injected) {
      this.mtimer.arm(cmp);
      // Level-triggered: a deadline moved into the future drops MTIP at once.
      this.vcpu.setInterruptLine(MIP_MTIP, false);
    }
    const msip = this.clint.msip[0] !== 0;
    if (msip && !(this.vcpu.get(L.MIP_LINES) & MIP_MSIP)) this.stats.injected.software++;
    this.vcpu.setInterruptLine(MIP_MSIP, msip);
    this.host.timersChanged();
  }

  // ---- exits ------------------------------------------------------------------------------

  /** Runs the vCPU for at most `budget` instructions from the clock the host set; handles the exit. */
  run(budget: number): ExitReason {
    const t0 = performance.now();
    let reason: ExitReason;
    try {
      reason = this.vcpu.run(budget);
    } catch (error) {
      // The core trapped (a WebAssembly RuntimeError): a defect of rvisor's or a vCPU block the
      // host corrupted, never the guest's doing. It stops this VM only: the core keeps nothing of
      // one vCPU that another's run depends on (its globals are set again at every run entry).
      this.stop({ outcome: "fatal", exitCode: -1, reason: `the core failed running this VM near pc 0x${this.vcpu.pc.toString(16)}: ${messageOf(error)}`, error });
      this.stats.exit("fatal", performance.now() - t0);
      return "fatal";
    }
    const t1 = performance.now();
    this.host.ranTo?.(this.vcpu.get(L.CLOCK));
    this.lastRunMs = t1 - t0;
    this.lastExitDevice = undefined;
    this.stats.guestMs += this.lastRunMs;
    this.noteInterruptsTaken();
    // Host code serving this VM (device models, console listeners, a reboot's image loading) may
    // throw: that stops this VM with the reason, never the hypervisor and the other VMs.
    try {
      this.handleExit(reason);
      if (this.pendingReset !== undefined) {
        const why = this.pendingReset;
        this.pendingReset = undefined;
        if (this.state !== "stopped") this.reboot(why);
      }
    } catch (error) {
      this.pendingReset = undefined;
      const what = this.lastExitDevice === undefined ? `its ${reason} exit` : `an access to device ${this.lastExitDevice}`;
      this.stop({ outcome: "fatal", exitCode: -1, reason: `host error while handling ${what}: ${messageOf(error)}`, error });
    }
    this.lastExitMs = performance.now() - t1;
    this.stats.exit(reason, this.lastExitMs);
    return reason;
  }

  private handleExit(reason: ExitReason): void {
    switch (reason) {
      case "budget":
        if (this.spinsForever()) {
          this.stop({ outcome: "fatal", exitCode: -1, reason: `spins forever at pc 0x${this.vcpu.pc.toString(16)} (a jump to itself) with every interrupt that could end it disabled` });
        }
        return;
      case "mmio":
        return this.handleMmio();
      case "watch":
        return this.handleWatch();
      case "hypercall": {
        const name = sbiExtensionName(Number(this.vcpu.x(17) & 0xffff_ffffn));
        this.stats.sbiCalls.set(name, (this.stats.sbiCalls.get(name) ?? 0) + 1);
        return handleSbiCall(this);
      }
      case "wfi":
        this.state = "waiting";
        this.pumpInput();
        return;
      case "fatal":
        return this.stop({ outcome: "fatal", exitCode: -1, reason: this.fatalReason() });
      case "breakpoint":
        return this.stop({ outcome: "fatal", exitCode: -1, reason: `breakpoint at pc 0x${this.vcpu.pc.toString(16)}` });
    }
  }

  /**
   * A guest that stops making progress: a jump to itself that no interrupt can ever leave
   * (mie empty, or every interrupt it could take masked in its mode). Checked at slice ends.
   */
  private spinsForever(): boolean {
    const v = this.vcpu;
    const priv = v.priv;
    if (priv !== 3 && v.get(L.SATP) >> 60n !== 0n) return false; // only where pc is physical
    const bytes = this.readGuest(v.pc, 4);
    if (bytes === undefined) return false;
    const insn = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
    const selfJump = insn === 0x0000_006f /* j . */ || (insn & 0xffff) === 0xa001 /* c.j . */ || insn === 0x0000_0063 /* beqz x0, . */;
    if (!selfJump) return false;
    const mie = v.get(L.MIE);
    const mstatus = v.get(L.MSTATUS);
    const mideleg = v.get(L.MIDELEG);
    const toM = mie & ~mideleg;
    const toS = mie & mideleg;
    const mOpen = toM !== 0n && (priv < 3 || (mstatus & 8n) !== 0n);
    const sOpen = toS !== 0n && (priv < 1 || (priv === 1 && (mstatus & 2n) !== 0n));
    return !mOpen && !sOpen;
  }

  private handleMmio(): void {
    const v = this.vcpu;
    const addr = v.get(L.EXIT_ADDR);
    const size = v.getNumber(L.EXIT_SIZE);
    const mapped = this.bus.find(addr);
    if (mapped === undefined) throw new Error(`MMIO exit at 0x${addr.toString(16)} outside every device`);
    const offset = Number(addr - mapped.base);
    const byDevice = this.stats.mmioByDevice;
    byDevice.set(mapped.device.name, (byDevice.get(mapped.device.name) ?? 0) + 1);
    this.lastExitDevice = mapped.device.name;
    if (v.getNumber(L.EXIT_IS_WRITE)) mapped.device.write(offset, size, v.get(L.EXIT_VALUE) & ((1n << BigInt(size * 8)) - 1n));
    else v.completeMmioLoad(readDevice(mapped.device, offset, size));
    if (mapped.device === this.uart) {
      const write = v.getNumber(L.EXIT_IS_WRITE) !== 0;
      if (offset === 1 && write && !(this.uart.snapshot().lcr & 0x80)) this.uartIerWritten = true;
      if (offset === 5 && !write) this.pumpInput(true);
    }
  }

  private handleWatch(): void {
    if (this.htif === undefined) return;
    const r = this.htif.handle();
    if (r.kind === "exit") {
      this.stop(r.code === 0
        ? { outcome: "pass", exitCode: 0, reason: "HTIF exit 0" }
        : { outcome: "fail", exitCode: r.code, reason: `HTIF exit: test ${r.code} failed` });
    } else if (r.kind === "error") {
      this.stop({ outcome: "fatal", exitCode: -1, reason: r.message });
    }
  }

  private finisher(c: FinisherCommand): void {
    if (c.kind === "pass") this.stop({ outcome: "pass", exitCode: 0, reason: "test finisher: pass" });
    else if (c.kind === "fail") this.stop({ outcome: "fail", exitCode: c.code, reason: `test finisher: fail, code ${c.code}` });
    else this.pendingReset = "test finisher: reset requested";
  }

  private fatalReason(): string {
    const v = this.vcpu;
    const cause = v.get(L.EXIT_VALUE);
    const pc = v.get(L.EXIT_ADDR);
    return `no usable trap handler: ${causeName(cause)} at pc 0x${pc.toString(16)}, which is where the trap handler itself starts`;
  }

  // ---- SbiHost ----------------------------------------------------------------------------

  setTimer(deadline: bigint): void {
    if (this.sstc) {
      // As OpenSBI does on a hart with Sstc: the SBI call becomes a stimecmp write.
      this.vcpu.set(L.STIMECMP, deadline);
    } else {
      this.stimer.arm(deadline);
      this.vcpu.setInterruptLine(MIP_STIP, false);
    }
    this.host.timersChanged();
  }

  consoleWrite(bytes: Uint8Array): void {
    for (const b of bytes) this.onConsole(b);
  }

  consoleRead(max: number): Uint8Array {
    return new Uint8Array(this.input.splice(0, max));
  }

  readGuest(addr: bigint, length: number): Uint8Array | undefined {
    const off = addr - RAM_BASE;
    if (off < 0n || off + BigInt(length) > BigInt(this.ramBytes)) return undefined;
    return this.readBytes(addr, length);
  }

  writeGuest(addr: bigint, bytes: Uint8Array): boolean {
    if (this.readGuest(addr, bytes.length) === undefined) return false;
    this.loadBytes(addr, bytes);
    return true;
  }

  reset(kind: ResetKind, failure: boolean): void {
    if (kind === "shutdown") {
      this.stop(failure
        ? { outcome: "fail", exitCode: 1, reason: "SBI system reset: shutdown, system failure" }
        : { outcome: "pass", exitCode: 0, reason: "SBI system reset: shutdown" });
    } else {
      this.pendingReset = `SBI system reset: ${kind}`;
    }
  }

  sendIpi(): void {
    if (!(this.vcpu.get(L.MIP) & MIP_SSIP)) this.stats.injected.software++;
    this.vcpu.set(L.MIP, this.vcpu.get(L.MIP) | MIP_SSIP);
  }

  clearIpi(): void {
    this.vcpu.set(L.MIP, this.vcpu.get(L.MIP) & ~MIP_SSIP);
  }

  flushTlb(): void {
    this.machine.core.exports.flushTlb(this.vcpu.block);
  }

  report(): VmReport {
    const lat = this.stats.latency.toJSON();
    return {
      name: this.name,
      state: this.state,
      outcome: this.result?.outcome,
      exitCode: this.result?.exitCode,
      reason: this.result?.reason,
      instructions: this.instructions,
      interrupts: this.stats.interrupts,
      interruptsByKind: { ...this.stats.injected },
      reboots: this.stats.reboots,
      latency: lat,
      latencyUs: { min: lat.min / CLOCK_PER_US, avg: lat.avg / CLOCK_PER_US, max: lat.max / CLOCK_PER_US },
      exits: Object.fromEntries([...this.stats.exits].map(([r, s]) => [r, s.toJSON()])),
      mmioByDevice: Object.fromEntries(this.stats.mmioByDevice),
      sbiCalls: Object.fromEntries(this.stats.sbiCalls),
    };
  }
}

/** Every image given is bytes (a Uint8Array, e.g. a Node Buffer). */
function checkBootImages(images: BootImages): void {
  if (typeof images !== "object" || images === null) throw new VmConfigError("boot needs an object of images ({ firmware, kernel, initrd })");
  for (const what of ["firmware", "kernel", "initrd"] as const) {
    const bytes: unknown = images[what];
    if (bytes !== undefined && !(bytes instanceof Uint8Array)) throw new VmConfigError(`the ${what} image must be a Uint8Array, got ${typeof bytes}`);
  }
}

/** What was thrown, in words. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A value from a caller, as an error message shows it. */
function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value);
}

/** A VM used on its own (tests): its clock is its own vCPU's. */
function standaloneHost(vm: Vm): VmHost {
  return { now: () => vm.vcpu.get(L.CLOCK), timersChanged: () => {} };
}
