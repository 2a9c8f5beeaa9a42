// A virtual machine: a guest-physical address space (a RAM window at 0x8000_0000 plus device
// regions), one vCPU and its virtual devices, and the handling of the core's exits for it.

import * as L from "./core/layout.js";
import { Vcpu, MIP_MSIP, MIP_MTIP, type ExitReason } from "./core/vcpu.js";
import { Clint, CLINT_BASE } from "./devices/clint.js";
import { MmioBus, type MmioDevice } from "./devices/device.js";
import { Htif } from "./devices/htif.js";
import { parseElf } from "./elf.js";
import type { Machine } from "./machine.js";
import { causeName } from "./trap-names.js";

export const RAM_BASE = 0x8000_0000n;
export const DEFAULT_RAM_BYTES = 128 * 1024 * 1024;
/** Nominal instructions per mtime tick: 100 MIPS against QEMU virt's 10 MHz timebase. */
export const INSNS_PER_TICK = 10n;

export interface VmOptions {
  name?: string;
  /** RAM size in bytes (a multiple of 4 KiB, at least 4 KiB); default 128 MiB. */
  memoryBytes?: number;
  /** Receives every byte the guest writes to its console. */
  onConsole?: (byte: number) => void;
}

export type VmState = "running" | "waiting" | "stopped";

export interface VmResult {
  outcome: "pass" | "fail" | "fatal" | "max-insns";
  /** The guest's exit code (0 on pass, the failing test number for HTIF). */
  exitCode: number;
  /** Why the VM stopped, in words. */
  reason: string;
}

export class VmConfigError extends Error {
  override name = "VmConfigError";
}

export class Vm {
  readonly name: string;
  readonly ramBytes: number;
  /** Address of the RAM window in the machine's linear memory. */
  readonly ramHost: number;
  readonly vcpu: Vcpu;
  readonly bus = new MmioBus();
  readonly clint: Clint;
  readonly exits: Record<ExitReason, number> = {
    budget: 0, mmio: 0, hypercall: 0, wfi: 0, breakpoint: 0, watch: 0, fatal: 0,
  };
  state: VmState = "running";
  result: VmResult | undefined;
  private readonly machine: Machine;
  private readonly onConsole: (byte: number) => void;
  private htif: Htif | undefined;

  constructor(machine: Machine, options: VmOptions = {}) {
    const ramBytes = options.memoryBytes ?? DEFAULT_RAM_BYTES;
    if (!Number.isInteger(ramBytes) || ramBytes < 4096 || ramBytes % 4096 !== 0) {
      throw new VmConfigError(`RAM size must be a positive multiple of 4 KiB, got ${ramBytes}`);
    }
    if (ramBytes > 2 ** 31) throw new VmConfigError(`RAM size ${ramBytes} exceeds the 2 GiB a VM can have`);
    this.machine = machine;
    this.name = options.name ?? "vm";
    this.ramBytes = ramBytes;
    this.onConsole = options.onConsole ?? (() => {});
    this.ramHost = machine.mem.alloc(ramBytes, 4096);
    this.vcpu = new Vcpu(machine.core, machine.mem, 0);
    this.vcpu.set(L.RAM_BASE, RAM_BASE);
    this.vcpu.set(L.RAM_SIZE, BigInt(ramBytes));
    this.vcpu.set(L.RAM_HOST, BigInt(this.ramHost));
    this.vcpu.set(L.TICK_DIV, INSNS_PER_TICK);
    this.vcpu.pc = RAM_BASE;
    this.clint = new Clint(1, { mtime: () => this.mtime(), changed: () => this.updateInterruptLines() });
    this.addDevice(CLINT_BASE, this.clint);
  }

  /** Maps a device model into the guest-physical address space. */
  addDevice(base: bigint, device: MmioDevice): void {
    const end = base + BigInt(device.size);
    if (base < RAM_BASE + BigInt(this.ramBytes) && RAM_BASE < end) {
      throw new VmConfigError(`device ${device.name} at 0x${base.toString(16)} overlaps RAM`);
    }
    this.bus.add(base, device);
    this.vcpu.setDeviceRegions(this.bus.regions);
  }

  /** Loads an ELF's PT_LOAD segments into RAM by physical address and points pc at its entry. */
  loadElf(bytes: Uint8Array): void {
    const image = parseElf(bytes);
    const ramEnd = RAM_BASE + BigInt(this.ramBytes);
    image.segments.forEach((seg, i) => {
      if (seg.paddr < RAM_BASE || seg.paddr + seg.memsz > ramEnd) {
        throw new VmConfigError(
          `ELF segment ${i} [0x${seg.paddr.toString(16)}, 0x${(seg.paddr + seg.memsz).toString(16)}) lies outside RAM [0x${RAM_BASE.toString(16)}, 0x${ramEnd.toString(16)})`,
        );
      }
      const at = this.ramHost + Number(seg.paddr - RAM_BASE);
      const ram = this.machine.mem.bytes;
      ram.set(seg.data, at);
      ram.fill(0, at + seg.data.length, at + Number(seg.memsz));
    });
    this.vcpu.pc = image.entry;
    const tohost = image.symbols.get("tohost");
    if (tohost !== undefined) {
      if (tohost < RAM_BASE || tohost + 8n > ramEnd || tohost % 8n !== 0n) {
        throw new VmConfigError(`the ELF's tohost symbol 0x${tohost.toString(16)} is not an aligned word in RAM`);
      }
      const fromhost = image.symbols.get("fromhost");
      const ramAccess = { read64: (a: bigint) => this.read64(a), write64: (a: bigint, v: bigint) => this.write64(a, v) };
      this.htif = new Htif(tohost, fromhost, ramAccess, this.onConsole);
      this.vcpu.set(L.WATCH_ADDR, tohost);
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

  /** The physical clock as this VM last saw it, in nominal instruction units. */
  get clock(): bigint {
    return this.vcpu.get(L.CLOCK);
  }

  set clock(value: bigint) {
    this.vcpu.set(L.CLOCK, value);
  }

  mtime(): bigint {
    return this.clock / INSNS_PER_TICK;
  }

  get instructions(): number {
    return this.vcpu.getNumber(L.RETIRED);
  }

  /** The clock value at which this VM's timer fires, or undefined when it is off. */
  timerDeadline(): bigint | undefined {
    const cmp = this.clint.mtimecmp[0]!;
    if (cmp > 0xffff_ffff_ffff_ffffn / INSNS_PER_TICK) return undefined;
    return cmp * INSNS_PER_TICK;
  }

  /** Drives MTIP and MSIP from the CLINT's state at the current clock. */
  updateInterruptLines(): void {
    this.vcpu.setInterruptLine(MIP_MTIP, this.clint.timerPending(0));
    this.vcpu.setInterruptLine(MIP_MSIP, this.clint.msip[0] !== 0);
  }

  stop(result: VmResult): void {
    this.state = "stopped";
    this.result = result;
  }

  /** Runs one slice of at most `budget` instructions (less if the timer fires sooner). */
  step(budget: number): void {
    if (this.state !== "running") return;
    const deadline = this.timerDeadline();
    if (deadline !== undefined && deadline > this.clock) {
      const until = deadline - this.clock;
      if (until < BigInt(budget)) budget = Number(until);
    }
    const reason = this.vcpu.run(budget);
    this.exits[reason]++;
    this.updateInterruptLines();
    switch (reason) {
      case "budget":
        return;
      case "mmio":
        return this.handleMmio();
      case "watch":
        return this.handleWatch();
      case "wfi":
        this.state = "waiting";
        return;
      case "fatal":
        return this.stop({ outcome: "fatal", exitCode: -1, reason: this.fatalReason() });
      case "hypercall":
      case "breakpoint":
        return this.stop({ outcome: "fatal", exitCode: -1, reason: `unexpected ${reason} exit` });
    }
  }

  /** A waiting VM wakes when its timer fires: skips the clock there, or stops if nothing can wake it. */
  skipToWake(): void {
    if (this.state !== "waiting") return;
    const deadline = this.timerDeadline();
    const mie = this.vcpu.get(L.MIE);
    if (deadline === undefined || !(mie & MIP_MTIP) || deadline <= this.clock) {
      this.stop({ outcome: "fatal", exitCode: -1, reason: `waits for an interrupt (wfi at pc 0x${(this.vcpu.pc - 4n).toString(16)}) that nothing will raise` });
      return;
    }
    this.clock = deadline;
    this.updateInterruptLines();
    this.state = "running";
  }

  private handleMmio(): void {
    const v = this.vcpu;
    const addr = v.get(L.EXIT_ADDR);
    const size = v.getNumber(L.EXIT_SIZE);
    const mapped = this.bus.find(addr);
    if (mapped === undefined) throw new Error(`MMIO exit at 0x${addr.toString(16)} outside every device`);
    const offset = Number(addr - mapped.base);
    if (v.getNumber(L.EXIT_IS_WRITE)) mapped.device.write(offset, size, v.get(L.EXIT_VALUE) & ((1n << BigInt(size * 8)) - 1n));
    else v.completeMmioLoad(mapped.device.read(offset, size));
    this.updateInterruptLines();
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

  private fatalReason(): string {
    const v = this.vcpu;
    const cause = v.get(L.EXIT_VALUE);
    const pc = v.get(L.EXIT_ADDR);
    return `no usable trap handler: ${causeName(cause)} at pc 0x${pc.toString(16)}, which is where the trap handler itself starts`;
  }
}
