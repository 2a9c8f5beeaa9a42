// A virtual machine: its platform (a guest-physical address space of RAM and device regions,
// src/vm/platform.ts), its harts (one today; each a vCPU with its own timers and exit handling,
// src/vm/hart.ts), its console (src/vm/console.ts) and statistics (src/vm/stats.ts). This file
// wires them together and owns the VM's life: boot, reset, stop. The hypervisor owns time: it
// sets each vCPU's clock before every run, programs the physical timer from the VMs' deadlines
// and injects their timer interrupts.

import * as L from "../core/layout.js";
import { COUNTEREN_CY, COUNTEREN_IR, COUNTEREN_TM, MENVCFG_STCE } from "../core/privileged.js";
import { MIP_MSIP, MIP_SEIP, MIP_SSIP, MIP_STIP, Vcpu, type ExitReason } from "../core/vcpu.js";
import type { MmioDevice } from "../devices/device.js";
import { Htif } from "../devices/htif.js";
import type { FinisherCommand } from "../devices/test-finisher.js";
import { parseElf } from "../formats/elf.js";
import { ArgumentError, describeValue, VmConfigError } from "../errors.js";
import type { Machine } from "../machine/machine.js";
import { INSNS_PER_TICK, NEVER, RESET_CLOCK_COST } from "../time.js";
import { loadImages } from "./boot.js";
import { ConsoleBackend, type InputSource } from "./console.js";
import { Hart, type HartVm, type VmHost } from "./hart.js";
import { checkBootImages, checkVmOptions, DEFAULT_RAM_BYTES, type BootImages, type BootMode, type VmOptions, type VmResult } from "./options.js";
import { Platform } from "./platform.js";
import { RAM_BASE } from "./ram.js";
import { sumClassicStats, VmStats, vmReport, type VmClassicStats, type VmReport } from "./stats.js";

export type VmState = "running" | "waiting" | "stopped";

// Kernel boot's delegation (privileged spec 3.1.8, mcause codes): every exception S-mode can
// handle goes to S — misaligned, access and page faults of fetches, loads and stores, illegal
// instructions, breakpoints and ecalls from U; ecalls from S come to the hypervisor (SBI).
const KERNEL_MEDELEG = [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 15].reduce((m, cause) => m | (1n << BigInt(cause)), 0n);

let vmCount = 0;

export class Vm {
  readonly name: string;
  readonly mode: BootMode;
  readonly sstc: boolean;
  /** Classic (trap-and-emulate) virtualization: the guest's kernel runs deprivileged. */
  readonly classic: boolean;
  readonly ramBytes: number;
  readonly platform: Platform;
  /** The VM's harts; hart 0 boots. */
  readonly harts: readonly Hart[];
  readonly console = new ConsoleBackend();
  readonly stats = new VmStats();
  readonly host: VmHost;
  private _result: VmResult | undefined;
  /** Set when the VM stops. */
  get result(): VmResult | undefined { return this._result; }
  private resolveExit!: (result: VmResult) => void;
  /** Settles when the VM stops, with its result. */
  readonly exited: Promise<VmResult> = new Promise((resolve) => (this.resolveExit = resolve));
  /** HTIF, when the booted ELF has a tohost symbol. */
  private _htif: Htif | undefined;
  private readonly machine: Machine;
  private readonly bootargs: string | undefined;
  private readonly onReset: "reboot" | "stop";
  private bootImages: BootImages | undefined;
  /** A reset the guest asked for during an exit: done once the exit is handled. */
  private pendingReset: string | undefined;

  constructor(machine: Machine, options: VmOptions = {}, host?: VmHost) {
    checkVmOptions(options);
    this.machine = machine;
    this.name = options.name ?? `vm${vmCount++}`;
    this.mode = options.mode ?? "firmware";
    this.sstc = options.sstc ?? false;
    this.classic = options.classic ?? false;
    this.ramBytes = options.memoryBytes ?? DEFAULT_RAM_BYTES;
    if (options.onConsole) this.console.listen(options.onConsole);
    this.bootargs = options.bootargs;
    this.host = host ?? standaloneHost(this);
    this.onReset = options.onReset ?? "reboot";
    this.platform = new Platform(machine.mem, this.ramBytes, {
      vmName: this.name,
      realtime: this.host.realtime ?? false,
      harts: options.harts ?? 1,
      now: () => this.host.now(),
      clintChanged: (hart) => this.clintChanged(hart),
      externalInterrupt: (hart, line, asserted) => this.externalInterrupt(hart, line, asserted),
      output: this.console.output,
      lineStatusRead: () => this.pumpInput(true),
      finisher: (c) => this.finisher(c),
      consolePort: this.console,
      virtioEvent: (e) => this.host.deviceEvent?.(e),
      wake: () => this.host.inputChanged?.(),
    }, options.virtio);
    // What the harts' exits do to this VM (kept off the VM's public surface).
    const harts: Hart[] = [];
    const vm: HartVm = {
      harts,
      platform: this.platform,
      console: this.console,
      stats: this.stats,
      host: this.host,
      htif: () => this._htif,
      stop: (result) => this.stop(result),
      requestReset: (why) => this.requestReset(why),
      exitHandled: () => this.exitHandled(),
      exitFailed: () => (this.pendingReset = undefined),
      idled: () => this.pumpInput(),
    };
    for (let id = 0; id < (options.harts ?? 1); id++) {
      harts.push(new Hart(vm, new Vcpu(machine.core, machine.mem, id), id, this.sstc, this.classic ? { hostSbi: this.mode === "kernel" } : undefined));
    }
    this.harts = harts;
    for (const hart of this.harts) this.powerOn(hart);
  }

  // ---- parts, as users see them -------------------------------------------------------------

  /** The boot hart's vCPU: its registers and CSRs in place. */
  get vcpu(): Vcpu { return this.harts[0]!.vcpu; }
  get bus() { return this.platform.bus; }
  get clint() { return this.platform.clint; }
  get plic() { return this.platform.plic; }
  get uart() { return this.platform.uart; }
  /** Address of the RAM window in the machine's linear memory. */
  get ramHost(): number { return this.platform.ram.host; }

  get state(): VmState {
    if (this._result !== undefined) return "stopped";
    return this.harts.some((h) => h.state === "running") ? "running" : "waiting";
  }

  /** Classic mode's counters (emulated instructions, delivered traps, the shadow MMU), every hart's; undefined when assisted. */
  get classicStats(): VmClassicStats | undefined {
    if (!this.classic) return undefined;
    return sumClassicStats(this.harts.map((h) => ({ ...h.classic!.stats, shadow: h.classic!.shadow.stats })));
  }

  get instructions(): number {
    return this.harts.reduce((n, h) => n + h.vcpu.getNumber(L.RETIRED), 0);
  }

  /** Of `instructions`, those that ran in code the compiling tier translated. */
  get translatedInstructions(): number {
    return this.harts.reduce((n, h) => n + h.vcpu.getNumber(L.JIT_RETIRED), 0);
  }

  // ---- life: power-on, boot, reset, stop ------------------------------------------------------

  /** A hart's reset state for this VM: its RAM window, devices, configuration and boot mode. */
  private powerOn(hart: Hart): void {
    const v = hart.vcpu;
    v.set(L.RAM_BASE, RAM_BASE);
    v.set(L.RAM_SIZE, BigInt(this.ramBytes));
    v.set(L.RAM_HOST, BigInt(this.platform.ram.host));
    v.set(L.TICK_DIV, INSNS_PER_TICK);
    // Pause-loop exiting where another hart of the VM may hold what a spinning one waits for.
    const pause = this.harts.length > 1 ? BigInt(L.CONFIG_PAUSE_EXITS) : 0n;
    v.set(L.CONFIG, (this.sstc ? BigInt(L.CONFIG_SSTC) : 0n) | (this.mode === "kernel" ? BigInt(L.CONFIG_HOST_SBI) : 0n) | pause);
    v.pc = RAM_BASE;
    if (this.mode === "kernel") this.enterSupervisor(v);
    v.setDeviceRegions(this.platform.bus.regions);
    hart.classic?.powerOn();
  }

  /**
   * Kernel boot: the state OpenSBI leaves a kernel in. S-mode; every exception and S-level
   * interrupt that S-mode can handle is delegated (nothing runs in the VM's M-mode); the
   * counters and, with Sstc, stimecmp are S-mode's to use.
   */
  private enterSupervisor(v: Vcpu): void {
    v.set(L.PRIV, 1n);
    v.set(L.MEDELEG, KERNEL_MEDELEG);
    v.set(L.MIDELEG, MIP_SSIP | MIP_STIP | MIP_SEIP);
    v.set(L.MCOUNTEREN, COUNTEREN_CY | COUNTEREN_TM | COUNTEREN_IR);
    if (this.sstc) v.set(L.MENVCFG, MENVCFG_STCE);
  }

  /** Loads a single ELF: the firmware in firmware mode, the kernel in kernel mode. */
  loadElf(bytes: Uint8Array): void {
    const images = this.mode === "kernel" ? { kernel: bytes } : { firmware: bytes };
    checkBootImages(images);
    parseElf(bytes); // an ELF, and a valid one, or an ElfError that says what is wrong
    this.boot(images);
  }

  /**
   * Loads the guest's images where QEMU virt puts them (see src/vm/boot.ts), places the device
   * tree and initrd at the top of RAM, and sets up the boot hart as the platform starts it: pc
   * at the first stage's entry, a0 = hart id, a1 = the device tree, a2 = OpenSBI's
   * fw_dynamic_info when firmware is followed by a kernel.
   */
  boot(images: BootImages): void {
    const handoff = loadImages(this.platform.ram, this.mode, images, (initrd) => this.deviceTree(initrd));
    // Firmware boot starts every hart at the entry, as QEMU virt's reset vector does (the
    // firmware picks its boot hart); kernel boot starts hart 0, and the kernel starts the
    // others through SBI HSM.
    for (const hart of this.harts) {
      if (this.mode === "kernel" && hart.id !== 0) {
        hart.state = "stopped";
        continue;
      }
      hart.vcpu.pc = handoff.entry;
      hart.vcpu.setX(10, BigInt(hart.id));
      hart.vcpu.setX(11, handoff.deviceTree);
      hart.vcpu.setX(12, handoff.a2);
    }
    if (handoff.htif) {
      const { tohost, fromhost } = handoff.htif;
      this._htif = new Htif(tohost, fromhost, this.platform.ram, this.console.output);
      for (const hart of this.harts) hart.vcpu.set(L.WATCH_ADDR, tohost);
    }
    // Only images that booted are booted again on a reset.
    this.bootImages = images;
  }

  /** The flattened device tree describing exactly this VM (see src/formats/device-tree.ts). */
  deviceTree(initrd?: { start: bigint; end: bigint }): Uint8Array {
    return this.platform.deviceTree({
      isa: `rv64imafdc_zicsr_zifencei_zicntr_zihintpause${this.sstc ? "_sstc" : ""}`,
      bootargs: this.bootargs,
      initrd,
    });
  }

  /**
   * A reset the guest asked for (test finisher 0x7777, SBI system reset reboot): the VM starts
   * again from its boot images with cleared RAM, reset harts and platform devices at power-on
   * (your own devices stay as they are), or stops when created with onReset "stop".
   */
  private reboot(why: string): void {
    if (this.onReset === "stop" || this.bootImages === undefined) {
      this.stop({ outcome: "reset", exitCode: 0, reason: why });
      return;
    }
    // Harts still running on hart threads (parallel mode) finish their runs before the reset.
    for (const hart of this.harts) this.host.settle?.(hart);
    for (const hart of this.harts) {
      // The hypervisor's count of what this vCPU executed and the physical clock survive (time
      // never runs backwards for the machine or the other VMs, and the reset itself takes time);
      // the guest's counters restart.
      const v = hart.vcpu;
      const retired = v.get(L.RETIRED);
      const translated = v.get(L.JIT_RETIRED);
      const clock = v.get(L.CLOCK);
      this.machine.core.exports.resetVcpu(v.block, BigInt(hart.id));
      v.set(L.RETIRED, retired);
      v.set(L.JIT_RETIRED, translated);
      v.set(L.CLOCK, clock + RESET_CLOCK_COST);
      v.set(L.MCYCLE_DELTA, -retired);
      v.set(L.MINSTRET_DELTA, -retired);
      hart.timers.reset();
      hart.state = "running";
      hart.suspended = false;
    }
    this._htif = undefined;
    this.platform.reset();
    for (const hart of this.harts) this.powerOn(hart);
    this.boot(this.bootImages);
    this.stats.reboots++;
    this.host.timersChanged();
  }

  stop(result: VmResult): void {
    if (this.state === "stopped") return;
    this._result = result;
    this.resolveExit(result);
    this.host.inputChanged?.();
  }

  // ---- what a hart's exits do to the VM ------------------------------------------------------

  /** The guest asked for a reset: it happens once the exit that asked is handled. */
  private requestReset(why: string): void {
    this.pendingReset = why;
  }

  private exitHandled(): void {
    if (this._result === undefined) this.platform.serviceDevices();
    if (this.pendingReset === undefined) return;
    const why = this.pendingReset;
    this.pendingReset = undefined;
    if (this.state !== "stopped") this.reboot(why);
  }

  private finisher(c: FinisherCommand): void {
    if (c.kind === "pass") this.stop({ outcome: "pass", exitCode: 0, reason: "test finisher: pass" });
    else if (c.kind === "fail") this.stop({ outcome: "fail", exitCode: c.code, reason: `test finisher: fail, code ${c.code}` });
    else this.requestReset("test finisher: reset requested");
  }

  // ---- interrupts: from the platform's devices to the harts ----------------------------------

  /** A hart's msip or mtimecmp changed in the CLINT. */
  private clintChanged(id: number): void {
    const hart = this.harts[id];
    if (hart === undefined) return;
    hart.timers.setMtimecmp(this.platform.clint.mtimecmp[id]!);
    const msip = this.platform.clint.msip[id] !== 0;
    if (msip && !(hart.vcpu.get(L.MIP_LINES) & MIP_MSIP)) this.stats.injected.software++;
    hart.vcpu.setInterruptLine(MIP_MSIP, msip);
    // Another hart's IPI (a store to this hart's msip) wakes it.
    if (msip && hart.wakeIfPending()) this.host.woke?.(hart);
    this.host.timersChanged();
  }

  /** A PLIC context drives a hart's MEIP or SEIP. */
  private externalInterrupt(id: number, line: bigint, asserted: boolean): void {
    const hart = this.harts[id];
    if (hart === undefined) return;
    if (asserted && !(hart.vcpu.get(L.MIP_LINES) & line)) this.stats.injected.external++;
    hart.vcpu.setInterruptLine(line, asserted);
    if (asserted) hart.wakeIfPending();
  }

  /** Waiting harts with an enabled interrupt pending run again. */
  private wakeIfPending(): void {
    if (this.state === "stopped") return;
    for (const hart of this.harts) hart.wakeIfPending();
  }

  /**
   * Drives PLIC source `irq` (1..95; 0 is the PLIC's "no interrupt") as a device of yours would:
   * `level` true raises the line, false lowers it. The guest's handler runs when it can.
   */
  setIrq(irq: number, level: boolean): void {
    const last = this.plic.sources - 1;
    if (!Number.isInteger(irq) || irq < 1 || irq > last) {
      throw new ArgumentError(`VM ${this.name}: setIrq(${describeValue(irq)}): there is no PLIC source ${describeValue(irq)}, the sources are 1..${last}`);
    }
    if (typeof level !== "boolean") throw new ArgumentError(`VM ${this.name}: setIrq(${irq}, ${describeValue(level)}): the level must be a boolean, got ${typeof level}`);
    this.plic.setSource(irq, level);
    this.host.inputChanged?.();
  }

  /** Maps a device model of yours into the guest-physical address space (it survives reboots). */
  addDevice(base: bigint, device: MmioDevice): void {
    this.platform.addDevice(base, device);
    for (const hart of this.harts) hart.vcpu.setDeviceRegions(this.platform.bus.regions);
  }

  // ---- time -------------------------------------------------------------------------------------

  /** The earliest clock value at which something must happen for this VM, or NEVER; harts in `elsewhere` aside. */
  nextDeadline(elsewhere?: ReadonlySet<Hart>): bigint {
    let d = NEVER;
    for (const hart of this.harts) {
      if (elsewhere?.has(hart)) continue;
      const h = hart.timers.nextDeadline(hart.state === "waiting");
      if (h < d) d = h;
    }
    return d;
  }

  /**
   * The physical timer fired at `now`: injects every virtual timer interrupt that is due (the
   * guest's own handler runs when the hart next runs) and wakes its hart; a waiting hart with
   * Sstc whose stimecmp passed is woken too (the core raises its STIP). Returns how many it
   * injected and the earliest deadline among them. Harts in `elsewhere` are left alone: they run
   * on another physical hart whose clock may not have reached the deadline yet (that hart's
   * own timer injects them when it does).
   */
  injectDueTimers(now: bigint, elsewhere?: ReadonlySet<Hart>, injected?: (hart: Hart) => void): { count: number; deadline: bigint | undefined } {
    let count = 0;
    let deadline: bigint | undefined;
    for (const hart of this.harts) {
      if (elsewhere?.has(hart)) continue;
      const n = hart.timers.injectDue(now);
      if (n > 0) injected?.(hart);
      if ((n > 0 || hart.timers.sstcDue(now)) && hart.state === "waiting") hart.state = "running";
      const from = hart.timers.pendingLatencyFrom;
      if (n > 0 && from !== undefined && (deadline === undefined || from < deadline)) deadline = from;
      count += n;
    }
    return { count, deadline };
  }

  // ---- console ------------------------------------------------------------------------------

  /** Adds a listener for the bytes the guest writes to its console; returns a function that removes it. */
  onConsoleOutput(listener: (byte: number) => void): () => void {
    return this.console.listen(listener);
  }

  /** Bytes typed at the VM's console: the UART receives them, SBI console reads take them. */
  sendInput(bytes: Uint8Array | string): void {
    this.console.send(typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes);
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
    this.console.hold();
  }

  /** Ends one holdInput(). */
  releaseInput(): void {
    this.console.release();
    this.host.inputChanged?.();
  }

  /**
   * What a VM waiting with no timer armed waits for: "held" input (an open holdInput()),
   * "ended" (every hold released), or "none" (input never held).
   */
  get inputSource(): InputSource {
    return this.console.source;
  }

  /**
   * Input waits on the host side of the serial line until the guest is ready for it. A VM with a
   * virtio-console gets it there, once the driver posted receive buffers. Otherwise the UART
   * receives it when the VM idles (wfi) with the receive interrupt enabled — a driver that
   * is still resetting FIFOs and flushing the port is not idle, so nothing typed early is lost
   * — or, for a guest that never programs IER, when it polls the line status register. SBI
   * console reads (hvc0) take it directly.
   */
  private pumpInput(polled = false): void {
    if (this.console.pending === 0) return;
    const virtio = this.platform.virtioConsole;
    if (virtio !== undefined) {
      // A virtio-console takes input as soon as its driver posted buffers for it.
      virtio.deliverInput();
      return;
    }
    const uart = this.platform.uart;
    const ready = polled ? !uart.ierWritten : this.state === "waiting" && uart.receiveInterruptEnabled;
    if (!ready) return;
    this.console.take(uart.receive(this.console.peek(uart.rxFree)));
    this.wakeIfPending();
  }

  // ---- guest memory -------------------------------------------------------------------------

  /** Copies bytes into guest RAM at a guest-physical address (raw images, test code). */
  loadBytes(addr: bigint, bytes: Uint8Array): void {
    this.platform.ram.write(addr, bytes);
  }

  /** A copy of guest RAM at a guest-physical address. */
  readBytes(addr: bigint, length: number): Uint8Array {
    return this.platform.ram.read(addr, length);
  }

  // ---- running ------------------------------------------------------------------------------

  /** Runs the boot hart for at most `budget` instructions from the clock the host set; handles the exit. */
  run(budget: number): ExitReason {
    return this.harts[0]!.run(budget);
  }

  report(): VmReport {
    return vmReport(this);
  }
}

/** A VM used on its own (tests): its clock is its own boot hart's. */
function standaloneHost(vm: Vm): VmHost {
  return { now: () => vm.vcpu.get(L.CLOCK), timersChanged: () => {} };
}

export { VmConfigError };
