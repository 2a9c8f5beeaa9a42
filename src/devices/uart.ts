// ns16550a UART (National Semiconductor PC16550D data sheet), as on QEMU virt: byte registers one
// byte apart at 0x1000_0000, interrupt on PLIC source 10.
//
//   offset  DLAB  read                       write
//   0       0     RBR receive buffer         THR transmit holding
//   0       1     DLL divisor latch low      DLL
//   1       0     IER interrupt enable       IER   bits 3:0 EDSSI ELSI ETBEI ERBFI
//   1       1     DLM divisor latch high     DLM
//   2       -     IIR interrupt identify     FCR fifo control
//   3       -     LCR line control           LCR   bit 7 = DLAB
//   4       -     MCR modem control          MCR   bits 4:0 LOOP OUT2 OUT1 RTS DTR
//   5       -     LSR line status            (ignored: factory test)
//   6       -     MSR modem status           (ignored)
//   7       -     SCR scratch                SCR
//
//   IIR bits 3:0, by priority:  0x6 receiver line status (LSR.OE/PE/FE/BI, cleared by reading LSR)
//                               0x4 received data available (FIFO at its trigger level)
//                               0xC character timeout (data below the trigger level)
//                               0x2 THR empty (cleared by reading IIR that reports it, or writing THR)
//                               0x0 modem status (MSR delta bits, cleared by reading MSR)
//                               0x1 no interrupt
//   IIR bits 7:6 = 11 while FCR bit 0 has the FIFOs enabled: what Linux's 8250 driver takes for
//   a 16550A.
//
// What differs from the silicon, and why:
// - Transmission is instantaneous: a THR byte reaches the output callback during the store, so
//   THR and the transmitter are always empty (LSR.THRE and LSR.TEMT stay set) and a THR write
//   re-raises the THR-empty interrupt at once (it is cleared and the THR empties in the same step).
// - The receive FIFO holds 4 KiB (an option), not 16 bytes: the host has no flow control back to
//   whoever pastes text into the console, so the buffer stands in for it. The trigger level and
//   the 0xC0 FIFO bits behave as on a 16550A; overrun (LSR.OE) happens only when the whole buffer
//   is full. With FIFOs disabled the buffer still queues input, and software sees it one byte at a
//   time through RBR exactly like a 16450 fed by a flow-controlled sender.
// - No line timing is modelled, so the character-timeout interrupt is raised as soon as data sits
//   below the trigger level (its four character times have always passed by the next access).
// - No parity, framing or break errors ever occur; the divisor and LCR only hold their values.
// - The modem lines read as a connected terminal (DCD, DSR, CTS set). Loopback (MCR.LOOP) wires
//   MCR to MSR (RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD) and THR to RBR, as Linux's probe checks.
//   External input keeps arriving in loopback, so nothing typed during a probe is lost.
// - The interrupt output is not gated by MCR.OUT2 (a PC-board convention QEMU virt does not have).
//
// Its state (save/restore) is every register, the sticky LSR errors, the pending THR-empty event
// and the bytes queued in the receive buffer. The interrupt output's level is not state but what
// the device drives: reset and restore drive it to what the new registers imply.

import type { Device, DeviceState, DeviceTreeNode } from "./device.js";
import { StateReader } from "./device-state.js";

export const UART_BASE = 0x1000_0000n;
export const UART_SIZE = 0x100;
/** The UART's PLIC source on QEMU virt. */
export const UART_IRQ = 10;
/** The input clock QEMU virt's device tree gives (1.8432 MHz x 2): what drivers divide for a baud rate. */
export const UART_CLOCK_FREQUENCY = 3_686_400;
/** Default receive buffer; see the header for why it is larger than a 16550A's 16 bytes. */
export const UART_RX_BUFFER_BYTES = 4096;

export const UART_RBR = 0;
export const UART_THR = 0;
export const UART_DLL = 0;
export const UART_IER = 1;
export const UART_DLM = 1;
export const UART_IIR = 2;
export const UART_FCR = 2;
export const UART_LCR = 3;
export const UART_MCR = 4;
export const UART_LSR = 5;
export const UART_MSR = 6;
export const UART_SCR = 7;

export const UART_IER_ERBFI = 0x01;
export const UART_IER_ETBEI = 0x02;
export const UART_IER_ELSI = 0x04;
export const UART_IER_EDSSI = 0x08;
/** A 16550A implements only the low four IER bits; the rest read 0 (Linux probes bit 6). */
const IER_MASK = 0x0f;

export const UART_IIR_NO_INT = 0x01;
export const UART_IIR_MSI = 0x00;
export const UART_IIR_THRI = 0x02;
export const UART_IIR_RDI = 0x04;
export const UART_IIR_RLSI = 0x06;
export const UART_IIR_TIMEOUT = 0x0c;
export const UART_IIR_FIFO_ENABLED = 0xc0;

export const UART_FCR_ENABLE_FIFO = 0x01;
export const UART_FCR_CLEAR_RCVR = 0x02;
export const UART_FCR_CLEAR_XMIT = 0x04;
/** FCR bits 7:6 select the receive trigger level. */
const RX_TRIGGER_LEVELS = [1, 4, 8, 14] as const;

export const UART_LCR_DLAB = 0x80;

export const UART_MCR_DTR = 0x01;
export const UART_MCR_RTS = 0x02;
export const UART_MCR_OUT1 = 0x04;
export const UART_MCR_OUT2 = 0x08;
export const UART_MCR_LOOP = 0x10;
const MCR_MASK = 0x1f;

export const UART_LSR_DR = 0x01;
export const UART_LSR_OE = 0x02;
export const UART_LSR_PE = 0x04;
export const UART_LSR_FE = 0x08;
export const UART_LSR_BI = 0x10;
export const UART_LSR_THRE = 0x20;
export const UART_LSR_TEMT = 0x40;
export const UART_LSR_FIFOE = 0x80;
const LSR_ERRORS = UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI;

export const UART_MSR_DCTS = 0x01;
export const UART_MSR_DDSR = 0x02;
export const UART_MSR_TERI = 0x04;
export const UART_MSR_DDCD = 0x08;
export const UART_MSR_CTS = 0x10;
export const UART_MSR_DSR = 0x20;
export const UART_MSR_RI = 0x40;
export const UART_MSR_DCD = 0x80;
const MSR_DELTAS = 0x0f;
/** Modem lines outside loopback: a terminal is connected and ready. */
const MSR_CONNECTED = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;

/**
 * A ns16550a's node as QEMU virt describes it, raising PLIC source `irq`; with `irq` null its
 * interrupt output is wired to nothing and the node has no interrupts (Linux's 8250 then polls).
 */
export function uartNode(irq: number | null = UART_IRQ): DeviceTreeNode {
  return {
    name: "serial",
    compatible: ["ns16550a"],
    ...(irq === null ? {} : { interrupts: [irq] }),
    properties: { "clock-frequency": UART_CLOCK_FREQUENCY },
  };
}

export interface UartOptions {
  /** Receives every byte the guest transmits (not called in loopback mode). */
  onTransmit?: (byte: number) => void;
  /** The interrupt output changed level; wire it to PLIC source `irq`. */
  onIrq?: (level: boolean) => void;
  /**
   * The PLIC source its interrupt output drives, as its device-tree node says; null when the
   * output is wired to no interrupt controller (the node then has no interrupts). Default UART_IRQ.
   */
  irq?: number | null;
  /** Receive buffer size in bytes, at least 16 (a 16550A's FIFO). Default 4096. */
  rxBufferBytes?: number;
  /** The guest read LSR: a guest that polls for input (no interrupts) may be given some now. */
  onLineStatusRead?: () => void;
}

export interface UartSnapshot {
  readonly ier: number;
  /** IIR as a read would return it, without the read's side effect. */
  readonly iir: number;
  readonly lcr: number;
  readonly mcr: number;
  readonly lsr: number;
  readonly msr: number;
  readonly scr: number;
  /** DLM:DLL. */
  readonly divisor: number;
  readonly fifoEnabled: boolean;
  readonly rxTrigger: number;
  readonly rxCount: number;
  readonly irq: boolean;
}

export class Uart implements Device {
  readonly name = "uart";
  readonly size = UART_SIZE;
  readonly irqNumber: number | null;
  private readonly rx: Uint8Array;
  private rxHead = 0;
  private rxCount = 0;
  /** RBR keeps the last byte read, which is what an empty RBR returns. */
  private rbr = 0;
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  /** The sticky LSR error bits; DR, THRE and TEMT are derived. */
  private lsrErrors = 0;
  private msr = MSR_CONNECTED;
  private scr = 0;
  private dll = 0;
  private dlm = 0;
  private fifoEnabled = false;
  private rxTrigger = 1;
  /** The THR-empty interrupt event, latched until IIR reports it or THR is written. */
  private thrEmptyEvent = false;
  private irq = false;
  private ierProgrammed = false;
  private readonly onLineStatusRead: () => void;
  private readonly onTransmit: (byte: number) => void;
  private readonly onIrq: (level: boolean) => void;

  constructor(options: UartOptions = {}) {
    const bytes = options.rxBufferBytes ?? UART_RX_BUFFER_BYTES;
    if (!Number.isInteger(bytes) || bytes < 16) {
      throw new RangeError(`UART receive buffer must be an integer of at least 16 bytes, got ${bytes}`);
    }
    const irq = options.irq === undefined ? UART_IRQ : options.irq;
    if (irq !== null && (!Number.isInteger(irq) || irq < 1)) {
      throw new RangeError(`UART irq must be a PLIC source (an integer from 1) or null, got ${String(irq)}`);
    }
    this.irqNumber = irq;
    this.rx = new Uint8Array(bytes);
    this.onTransmit = options.onTransmit ?? (() => {});
    this.onIrq = options.onIrq ?? (() => {});
    this.onLineStatusRead = options.onLineStatusRead ?? (() => {});
  }

  /**
   * The guest has written IER since the last reset: its driver uses interrupts and will enable
   * the receive interrupt when it wants input. (A guest that never does polls LSR instead.)
   */
  get ierWritten(): boolean {
    return this.ierProgrammed;
  }

  /** IER.ERBFI: the guest wants an interrupt when data arrives. */
  get receiveInterruptEnabled(): boolean {
    return (this.ier & UART_IER_ERBFI) !== 0;
  }

  /** Level of the interrupt output. */
  get irqLevel(): boolean {
    return this.irq;
  }

  /** Free space in the receive buffer. */
  get rxFree(): number {
    return this.rx.length - this.rxCount;
  }

  /**
   * Bytes arriving on the serial line. Returns how many were stored; the rest are lost with
   * LSR.OE set, as a 16550 loses the character that finds its FIFO full.
   */
  receive(bytes: Uint8Array | readonly number[]): number {
    let stored = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (this.push(bytes[i]! & 0xff)) stored++;
    }
    this.update();
    return stored;
  }

  snapshot(): UartSnapshot {
    return {
      ier: this.ier,
      iir: this.iir(),
      lcr: this.lcr,
      mcr: this.mcr,
      lsr: this.lsr(),
      msr: this.msr,
      scr: this.scr,
      divisor: (this.dlm << 8) | this.dll,
      fifoEnabled: this.fifoEnabled,
      rxTrigger: this.rxTrigger,
      rxCount: this.rxCount,
      irq: this.irq,
    };
  }

  deviceTree(): DeviceTreeNode {
    return uartNode(this.irqNumber);
  }

  /** Power-on values (a 16550's master reset); the interrupt output drops if it was high. */
  reset(): void {
    this.rx.fill(0);
    this.rxHead = 0;
    this.rxCount = 0;
    this.rbr = 0;
    this.ier = 0;
    this.lcr = 0;
    this.mcr = 0;
    this.lsrErrors = 0;
    this.msr = MSR_CONNECTED;
    this.scr = 0;
    this.dll = 0;
    this.dlm = 0;
    this.fifoEnabled = false;
    this.rxTrigger = 1;
    this.thrEmptyEvent = false;
    this.ierProgrammed = false;
    this.update();
  }

  save(): DeviceState {
    const rx = new Uint8Array(this.rxCount);
    for (let i = 0; i < this.rxCount; i++) rx[i] = this.rx[(this.rxHead + i) % this.rx.length]!;
    return {
      rxBufferBytes: this.rx.length,
      rx,
      rbr: this.rbr,
      ier: this.ier,
      lcr: this.lcr,
      mcr: this.mcr,
      lsrErrors: this.lsrErrors,
      msr: this.msr,
      scr: this.scr,
      dll: this.dll,
      dlm: this.dlm,
      fifoEnabled: this.fifoEnabled,
      rxTrigger: this.rxTrigger,
      thrEmptyEvent: this.thrEmptyEvent,
      ierWritten: this.ierProgrammed,
    };
  }

  restore(state: DeviceState): void {
    const r = new StateReader(this.name, state);
    r.option("rxBufferBytes", this.rx.length);
    const rx = r.bytes("rx", this.rx.length);
    const rbr = r.int("rbr", 0, 0xff);
    const ier = r.int("ier", 0, IER_MASK);
    const lcr = r.int("lcr", 0, 0xff);
    const mcr = r.int("mcr", 0, MCR_MASK);
    const lsrErrors = r.int("lsrErrors", 0, 0xff);
    if ((lsrErrors & ~LSR_ERRORS) !== 0) throw r.error(`state.lsrErrors 0x${lsrErrors.toString(16)} has bits other than OE, PE, FE and BI`);
    const msr = r.int("msr", 0, 0xff);
    const scr = r.int("scr", 0, 0xff);
    const dll = r.int("dll", 0, 0xff);
    const dlm = r.int("dlm", 0, 0xff);
    const fifoEnabled = r.bool("fifoEnabled");
    const ierWritten = r.bool("ierWritten");
    const rxTrigger = r.int("rxTrigger", 1, 14);
    if (!(RX_TRIGGER_LEVELS as readonly number[]).includes(rxTrigger)) throw r.error(`state.rxTrigger must be one of ${RX_TRIGGER_LEVELS.join(", ")}, got ${rxTrigger}`);
    const thrEmptyEvent = r.bool("thrEmptyEvent");
    r.done();
    this.rx.fill(0);
    this.rx.set(rx);
    this.rxHead = 0;
    this.rxCount = rx.length;
    this.rbr = rbr;
    this.ier = ier;
    this.lcr = lcr;
    this.mcr = mcr;
    this.lsrErrors = lsrErrors;
    this.msr = msr;
    this.scr = scr;
    this.dll = dll;
    this.dlm = dlm;
    this.fifoEnabled = fifoEnabled;
    this.ierProgrammed = ierWritten;
    this.rxTrigger = rxTrigger;
    this.thrEmptyEvent = thrEmptyEvent;
    this.update();
  }

  // Registers are bytes: an access of any width addresses the register at `offset` with its low
  // byte, and a read returns that byte zero-extended.
  read(offset: number, _size: number): bigint {
    const value = this.readByte(offset);
    this.update();
    if (offset === UART_LSR) this.onLineStatusRead();
    return BigInt(value);
  }

  write(offset: number, _size: number, value: bigint): void {
    this.writeByte(offset, Number(value & 0xffn));
    this.update();
  }

  private readByte(offset: number): number {
    const dlab = (this.lcr & UART_LCR_DLAB) !== 0;
    switch (offset) {
      case UART_RBR:
        if (dlab) return this.dll;
        if (this.rxCount > 0) {
          this.rbr = this.rx[this.rxHead]!;
          this.rxHead = (this.rxHead + 1) % this.rx.length;
          this.rxCount--;
        }
        return this.rbr;
      case UART_IER:
        return dlab ? this.dlm : this.ier;
      case UART_IIR: {
        const iir = this.iir();
        // Reading IIR acknowledges THR empty only when that is what it reports.
        if ((iir & 0x0f) === UART_IIR_THRI) this.thrEmptyEvent = false;
        return iir;
      }
      case UART_LCR:
        return this.lcr;
      case UART_MCR:
        return this.mcr;
      case UART_LSR: {
        const lsr = this.lsr();
        this.lsrErrors = 0;
        return lsr;
      }
      case UART_MSR: {
        const msr = this.msr;
        this.msr &= ~MSR_DELTAS;
        return msr;
      }
      case UART_SCR:
        return this.scr;
      default:
        return 0;
    }
  }

  private writeByte(offset: number, value: number): void {
    const dlab = (this.lcr & UART_LCR_DLAB) !== 0;
    switch (offset) {
      case UART_THR:
        if (dlab) {
          this.dll = value;
          return;
        }
        if (this.mcr & UART_MCR_LOOP) this.push(value);
        else this.onTransmit(value);
        // The byte left at once: THR is empty again, which is a new THR-empty event.
        this.thrEmptyEvent = true;
        return;
      case UART_IER: {
        if (dlab) {
          this.dlm = value;
          return;
        }
        const old = this.ier;
        this.ier = value & IER_MASK;
        this.ierProgrammed = true;
        // Enabling ETBEI while THR is empty (always, here) raises the interrupt even if an IIR read
        // had acknowledged it: Linux's startup test and Windows rely on this 16550 behaviour.
        if ((this.ier & ~old & UART_IER_ETBEI) !== 0) this.thrEmptyEvent = true;
        return;
      }
      case UART_FCR:
        this.writeFcr(value);
        return;
      case UART_LCR:
        this.lcr = value;
        return;
      case UART_MCR:
        this.mcr = value & MCR_MASK;
        this.updateModemStatus();
        return;
      case UART_SCR:
        this.scr = value;
        return;
      // LSR and MSR writes are factory-test features; ignored.
    }
  }

  private writeFcr(value: number): void {
    const enable = (value & UART_FCR_ENABLE_FIFO) !== 0;
    // Changing FIFO mode empties the FIFOs; other FCR bits are only programmed with bit 0 set.
    if (enable !== this.fifoEnabled) this.clearRx();
    this.fifoEnabled = enable;
    if (!enable) return;
    if (value & UART_FCR_CLEAR_RCVR) this.clearRx();
    // UART_FCR_CLEAR_XMIT: the transmit FIFO is always empty already.
    this.rxTrigger = RX_TRIGGER_LEVELS[value >>> 6]!;
  }

  private clearRx(): void {
    this.rxHead = 0;
    this.rxCount = 0;
  }

  private push(byte: number): boolean {
    if (this.rxCount === this.rx.length) {
      this.lsrErrors |= UART_LSR_OE;
      return false;
    }
    this.rx[(this.rxHead + this.rxCount) % this.rx.length] = byte;
    this.rxCount++;
    return true;
  }

  private lsr(): number {
    return (this.rxCount > 0 ? UART_LSR_DR : 0) | this.lsrErrors | UART_LSR_THRE | UART_LSR_TEMT;
  }

  /** MSR's status bits follow the modem lines; a change sets the matching delta bit. */
  private updateModemStatus(): void {
    let status = MSR_CONNECTED;
    if (this.mcr & UART_MCR_LOOP) {
      status =
        (this.mcr & UART_MCR_RTS ? UART_MSR_CTS : 0) |
        (this.mcr & UART_MCR_DTR ? UART_MSR_DSR : 0) |
        (this.mcr & UART_MCR_OUT1 ? UART_MSR_RI : 0) |
        (this.mcr & UART_MCR_OUT2 ? UART_MSR_DCD : 0);
    }
    const old = this.msr;
    const changed = (old ^ status) & 0xf0;
    let deltas = old & MSR_DELTAS;
    if (changed & UART_MSR_CTS) deltas |= UART_MSR_DCTS;
    if (changed & UART_MSR_DSR) deltas |= UART_MSR_DDSR;
    // TERI flags the trailing edge of RI only: the ring has ended.
    if (changed & UART_MSR_RI && !(status & UART_MSR_RI)) deltas |= UART_MSR_TERI;
    if (changed & UART_MSR_DCD) deltas |= UART_MSR_DDCD;
    this.msr = status | deltas;
  }

  /** The highest-priority pending interrupt, with the FIFO bits. */
  private iir(): number {
    const fifo = this.fifoEnabled ? UART_IIR_FIFO_ENABLED : 0;
    if (this.ier & UART_IER_ELSI && this.lsrErrors & LSR_ERRORS) return fifo | UART_IIR_RLSI;
    if (this.ier & UART_IER_ERBFI && this.rxCount > 0) {
      if (!this.fifoEnabled || this.rxCount >= this.rxTrigger) return fifo | UART_IIR_RDI;
      return fifo | UART_IIR_TIMEOUT;
    }
    if (this.ier & UART_IER_ETBEI && this.thrEmptyEvent) return fifo | UART_IIR_THRI;
    if (this.ier & UART_IER_EDSSI && this.msr & MSR_DELTAS) return fifo | UART_IIR_MSI;
    return fifo | UART_IIR_NO_INT;
  }

  private update(): void {
    const level = (this.iir() & UART_IIR_NO_INT) === 0;
    if (level !== this.irq) {
      this.irq = level;
      this.onIrq(level);
    }
  }
}
