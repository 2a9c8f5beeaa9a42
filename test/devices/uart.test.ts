import { describe, expect, it } from "vitest";
import type { DeviceState } from "../../src/devices/device.js";
import { DeviceError } from "../../src/errors.js";
import {
  Uart,
  uartNode,
  UART_BASE,
  UART_DLL,
  UART_DLM,
  UART_FCR,
  UART_IER,
  UART_IIR,
  UART_IRQ,
  UART_LCR,
  UART_LSR,
  UART_MCR,
  UART_MSR,
  UART_RBR,
  UART_SCR,
  UART_SIZE,
  UART_THR,
  UART_IER_ELSI,
  UART_IER_ERBFI,
  UART_IER_ETBEI,
  UART_LCR_DLAB,
  UART_LSR_DR,
  UART_LSR_OE,
  UART_MCR_DTR,
  UART_MCR_LOOP,
  UART_MCR_OUT2,
  UART_MCR_RTS,
  type UartOptions,
} from "../../src/devices/uart.js";

/** A UART that records what it transmits and every interrupt-level change. */
function make(options: Omit<UartOptions, "onTransmit" | "onIrq"> = {}) {
  const out: number[] = [];
  const irqs: boolean[] = [];
  const uart = new Uart({ ...options, onTransmit: (b) => out.push(b), onIrq: (l) => irqs.push(l) });
  const r = (off: number) => Number(uart.read(off, 1));
  const w = (off: number, v: number) => uart.write(off, 1, BigInt(v));
  return { uart, out, irqs, r, w };
}

type U = ReturnType<typeof make>;

describe("UART layout", () => {
  it("sits where QEMU virt puts it", () => {
    expect(UART_BASE).toBe(0x1000_0000n);
    expect(UART_SIZE).toBe(0x100);
    expect(UART_IRQ).toBe(10);
    const uart = new Uart();
    expect(uart.size).toBe(0x100);
    expect(uart.name).toBe("uart");
  });

  it("rejects a receive buffer smaller than a 16550A FIFO", () => {
    expect(() => new Uart({ rxBufferBytes: 15 })).toThrow(RangeError);
    expect(() => new Uart({ rxBufferBytes: 16.5 })).toThrow(RangeError);
    expect(new Uart({ rxBufferBytes: 16 }).rxFree).toBe(16);
    expect(new Uart().rxFree).toBe(4096);
  });

  it("has the 16550 reset values", () => {
    const u = make();
    expect(u.r(UART_IER)).toBe(0);
    expect(u.r(UART_IIR)).toBe(0x01);
    expect(u.r(UART_LCR)).toBe(0);
    expect(u.r(UART_MCR)).toBe(0);
    expect(u.r(UART_LSR)).toBe(0x60);
    expect(u.r(UART_MSR)).toBe(0xb0); // DCD, DSR, CTS: a terminal is connected
    expect(u.r(UART_SCR)).toBe(0);
    expect(u.uart.irqLevel).toBe(false);
    expect(u.irqs).toEqual([]);
  });

  it("reads 0 past the eight registers and ignores writes there", () => {
    const u = make();
    u.w(8, 0x55);
    u.w(0xff, 0x55);
    expect(u.r(8)).toBe(0);
    expect(u.r(0xff)).toBe(0);
    expect(u.out).toEqual([]);
  });

  it("treats wider accesses as byte accesses to the register at the offset", () => {
    const u = make();
    u.uart.write(UART_SCR, 4, 0x1234_56a5n);
    expect(u.uart.read(UART_SCR, 4)).toBe(0xa5n);
    u.uart.write(UART_THR, 8, 0x4142n);
    expect(u.out).toEqual([0x42]);
  });
});

describe("UART transmit", () => {
  it("hands every THR byte to the output at once", () => {
    const u = make();
    for (const b of [0x68, 0x69, 0x0a, 0x00, 0xff]) u.w(UART_THR, b);
    expect(u.out).toEqual([0x68, 0x69, 0x0a, 0x00, 0xff]);
  });

  it("keeps THRE and TEMT set: the transmitter is always empty", () => {
    const u = make();
    u.w(UART_THR, 0x41);
    expect(u.r(UART_LSR) & 0x60).toBe(0x60);
    u.w(UART_FCR, 0x07);
    for (let i = 0; i < 100; i++) u.w(UART_THR, 0x41);
    expect(u.r(UART_LSR)).toBe(0x60);
  });

  it("ignores writes to LSR and MSR", () => {
    const u = make();
    u.w(UART_LSR, 0xff);
    u.w(UART_MSR, 0x00);
    expect(u.r(UART_LSR)).toBe(0x60);
    expect(u.r(UART_MSR)).toBe(0xb0);
  });
});

describe("UART receive", () => {
  it("sets DR and returns bytes in order through RBR", () => {
    const u = make();
    expect(u.uart.receive([0x61, 0x62])).toBe(2);
    expect(u.uart.receive(new Uint8Array([0x63]))).toBe(1);
    expect(u.r(UART_LSR) & 1).toBe(1);
    expect([u.r(UART_RBR), u.r(UART_RBR), u.r(UART_RBR)]).toEqual([0x61, 0x62, 0x63]);
    expect(u.r(UART_LSR)).toBe(0x60);
  });

  it("returns the last byte again when RBR is read empty", () => {
    const u = make();
    u.uart.receive([0x7a]);
    expect(u.r(UART_RBR)).toBe(0x7a);
    expect(u.r(UART_RBR)).toBe(0x7a);
    expect(u.r(UART_LSR) & 1).toBe(0);
  });

  it("keeps only the low byte of each number", () => {
    const u = make();
    u.uart.receive([0x141]);
    expect(u.r(UART_RBR)).toBe(0x41);
  });

  it("buffers far more than 16 bytes, so pasted text survives", () => {
    const u = make();
    u.w(UART_FCR, 0x01);
    const text = Array.from({ length: 4096 }, (_, i) => i & 0xff);
    expect(u.uart.receive(text)).toBe(4096);
    expect(u.uart.rxFree).toBe(0);
    expect(u.r(UART_LSR) & 0x02).toBe(0); // no overrun
    const got: number[] = [];
    while (u.r(UART_LSR) & 1) got.push(u.r(UART_RBR));
    expect(got).toEqual(text);
  });

  it("wraps around the ring buffer", () => {
    const u = make({ rxBufferBytes: 16 });
    u.uart.receive(Array.from({ length: 10 }, (_, i) => i));
    for (let i = 0; i < 10; i++) expect(u.r(UART_RBR)).toBe(i);
    u.uart.receive(Array.from({ length: 16 }, (_, i) => 100 + i));
    for (let i = 0; i < 16; i++) expect(u.r(UART_RBR)).toBe(100 + i);
  });

  it("flags an overrun when the buffer is full, keeps what it had, and clears OE on an LSR read", () => {
    const u = make({ rxBufferBytes: 16 });
    expect(u.uart.receive(Array.from({ length: 20 }, (_, i) => i))).toBe(16);
    expect(u.r(UART_LSR)).toBe(0x63); // DR, OE, THRE, TEMT
    expect(u.r(UART_LSR)).toBe(0x61); // OE was cleared by the read
    for (let i = 0; i < 16; i++) expect(u.r(UART_RBR)).toBe(i);
    expect(u.r(UART_LSR)).toBe(0x60);
  });

  it("queues input with FIFOs disabled too, showing it one byte at a time", () => {
    const u = make();
    u.uart.receive([1, 2, 3]);
    expect(u.uart.snapshot().fifoEnabled).toBe(false);
    expect(u.r(UART_RBR)).toBe(1);
    expect(u.r(UART_LSR) & 0x03).toBe(0x01);
    expect(u.r(UART_RBR)).toBe(2);
    expect(u.r(UART_RBR)).toBe(3);
  });
});

describe("UART divisor latch (LCR.DLAB)", () => {
  it("switches offsets 0 and 1 to DLL and DLM", () => {
    const u = make();
    u.w(UART_IER, 0x05);
    u.w(UART_LCR, 0x83);
    u.w(UART_DLL, 0x0c);
    u.w(UART_DLM, 0x01);
    expect(u.r(UART_DLL)).toBe(0x0c);
    expect(u.r(UART_DLM)).toBe(0x01);
    expect(u.uart.snapshot().divisor).toBe(0x010c);
    expect(u.out).toEqual([]); // not transmitted
    u.w(UART_LCR, 0x03);
    expect(u.r(UART_IER)).toBe(0x05); // IER untouched
    expect(u.r(UART_LCR)).toBe(0x03);
    u.w(UART_LCR, 0x83);
    expect(u.r(UART_DLL)).toBe(0x0c);
  });

  it("does not consume received data while the latch is visible", () => {
    const u = make();
    u.uart.receive([0x55]);
    u.w(UART_LCR, 0x80);
    expect(u.r(UART_RBR)).toBe(0); // DLL
    u.w(UART_LCR, 0x00);
    expect(u.r(UART_RBR)).toBe(0x55);
  });

  it("leaves IIR, LSR and SCR where they are", () => {
    const u = make();
    u.w(UART_LCR, 0x80);
    u.w(UART_SCR, 0x42);
    expect(u.r(UART_SCR)).toBe(0x42);
    expect(u.r(UART_LSR)).toBe(0x60);
    expect(u.r(UART_IIR)).toBe(0x01);
  });
});

describe("UART FIFO control", () => {
  it("reports FIFOs enabled in IIR bits 7:6 only while FCR bit 0 is set", () => {
    const u = make();
    u.w(UART_FCR, 0x01);
    expect(u.r(UART_IIR)).toBe(0xc1);
    u.w(UART_FCR, 0x00);
    expect(u.r(UART_IIR)).toBe(0x01);
  });

  it("clears the receive FIFO on FCR bit 1, keeping FIFO mode", () => {
    const u = make();
    u.w(UART_FCR, 0x01);
    u.uart.receive([1, 2, 3]);
    u.w(UART_FCR, 0x03);
    expect(u.r(UART_LSR) & 1).toBe(0);
    expect(u.r(UART_IIR)).toBe(0xc1);
  });

  it("empties the FIFO when FIFO mode changes", () => {
    const u = make();
    u.uart.receive([1]);
    u.w(UART_FCR, 0x01);
    expect(u.uart.snapshot().rxCount).toBe(0);
    u.uart.receive([2]);
    u.w(UART_FCR, 0x01); // no change: kept
    expect(u.uart.snapshot().rxCount).toBe(1);
    u.w(UART_FCR, 0x00);
    expect(u.uart.snapshot().rxCount).toBe(0);
  });

  it("ignores the other FCR bits unless bit 0 is set", () => {
    const u = make();
    u.w(UART_FCR, 0xc1);
    expect(u.uart.snapshot().rxTrigger).toBe(14);
    u.uart.receive([1, 2]);
    u.w(UART_FCR, 0x00); // disables (and so empties), trigger unchanged
    u.uart.receive([3]);
    u.w(UART_FCR, 0x42); // bit 0 clear: neither clears nor programs the trigger
    expect(u.uart.snapshot().rxTrigger).toBe(14);
    expect(u.uart.snapshot().rxCount).toBe(1);
  });

  it("sets the receive trigger level from bits 7:6", () => {
    const u = make();
    const levels = [0x01, 0x41, 0x81, 0xc1].map((fcr) => {
      u.w(UART_FCR, fcr);
      return u.uart.snapshot().rxTrigger;
    });
    expect(levels).toEqual([1, 4, 8, 14]);
  });
});

describe("UART interrupts", () => {
  it("raise received-data-available with ERBFI, and drop it once the data is read", () => {
    const u = make();
    u.w(UART_IER, 0x01);
    expect(u.irqs).toEqual([]);
    u.uart.receive([0x31, 0x32]);
    expect(u.irqs).toEqual([true]);
    expect(u.r(UART_IIR)).toBe(0x04);
    expect(u.r(UART_IIR)).toBe(0x04); // reading IIR does not acknowledge received data
    u.r(UART_RBR);
    expect(u.irqs).toEqual([true]);
    u.r(UART_RBR);
    expect(u.irqs).toEqual([true, false]);
    expect(u.r(UART_IIR)).toBe(0x01);
  });

  it("in FIFO mode, report data at the trigger level as 0x4 and below it as a timeout 0xC", () => {
    const u = make();
    u.w(UART_FCR, 0x81); // trigger at 8
    u.w(UART_IER, 0x01);
    u.uart.receive([1, 2, 3]);
    expect(u.r(UART_IIR)).toBe(0xcc);
    u.uart.receive([4, 5, 6, 7, 8]);
    expect(u.r(UART_IIR)).toBe(0xc4);
    u.r(UART_RBR);
    expect(u.r(UART_IIR)).toBe(0xcc);
    expect(u.irqs).toEqual([true]);
  });

  it("raise receiver line status on overrun with ELSI, cleared by reading LSR", () => {
    const u = make({ rxBufferBytes: 16 });
    u.w(UART_IER, 0x04);
    u.uart.receive(new Array<number>(16).fill(0));
    expect(u.irqs).toEqual([]);
    u.uart.receive([1]);
    expect(u.irqs).toEqual([true]);
    expect(u.r(UART_IIR)).toBe(0x06);
    expect(u.r(UART_LSR) & 0x02).toBe(0x02);
    expect(u.irqs).toEqual([true, false]);
    expect(u.r(UART_IIR)).toBe(0x01);
  });

  it("report the highest-priority source: RLS > RDA > THRE > MSR", () => {
    const u = make({ rxBufferBytes: 16 });
    u.w(UART_IER, 0x0f);
    u.w(UART_MCR, 0x10); // loopback changes the modem lines: MSR deltas
    u.uart.receive(new Array<number>(17).fill(0)); // data and an overrun
    expect(u.r(UART_IIR)).toBe(0x06);
    u.r(UART_LSR);
    expect(u.r(UART_IIR)).toBe(0x04);
    u.w(UART_FCR, 0x03); // empties the receiver (and enables the FIFOs)
    expect(u.r(UART_IIR)).toBe(0xc2); // THRE, acknowledged by this read
    expect(u.r(UART_IIR)).toBe(0xc0); // modem status
    u.r(UART_MSR);
    expect(u.r(UART_IIR)).toBe(0xc1);
    expect(u.irqs).toEqual([true, false]);
  });

  it("raise modem status on MSR delta bits with EDSSI, cleared by reading MSR", () => {
    const u = make();
    u.w(UART_IER, 0x08);
    u.w(UART_MCR, 0x10 | 0x02); // loop, RTS: CTS stays, DSR and DCD drop
    expect(u.irqs).toEqual([true]);
    expect(u.r(UART_IIR)).toBe(0x00);
    expect(u.r(UART_MSR)).toBe(0x10 | 0x02 | 0x08);
    expect(u.irqs).toEqual([true, false]);
    expect(u.r(UART_MSR)).toBe(0x10);
  });

  it("call onIrq only when the level changes", () => {
    const u = make();
    u.w(UART_IER, 0x01);
    u.uart.receive([1]);
    u.uart.receive([2]);
    u.w(UART_IER, 0x03);
    u.w(UART_THR, 0x41);
    u.r(UART_RBR);
    u.r(UART_RBR);
    expect(u.irqs).toEqual([true]); // THRE keeps the line up
    u.w(UART_IER, 0x00);
    u.w(UART_IER, 0x00);
    expect(u.irqs).toEqual([true, false]);
    expect(u.uart.irqLevel).toBe(false);
  });
});

describe("UART THR-empty interrupt", () => {
  it("is raised when ETBEI is set with THR empty", () => {
    const u = make();
    u.w(UART_IER, 0x02);
    expect(u.irqs).toEqual([true]);
    expect(u.r(UART_IIR)).toBe(0x02);
  });

  it("is acknowledged by the IIR read that reports it", () => {
    const u = make();
    u.w(UART_IER, 0x02);
    expect(u.r(UART_IIR)).toBe(0x02);
    expect(u.r(UART_IIR)).toBe(0x01);
    expect(u.irqs).toEqual([true, false]);
  });

  it("is not acknowledged by an IIR read that reports a higher-priority source", () => {
    const u = make();
    u.w(UART_IER, 0x03);
    u.uart.receive([9]);
    expect(u.r(UART_IIR)).toBe(0x04);
    u.r(UART_RBR);
    expect(u.r(UART_IIR)).toBe(0x02);
    expect(u.r(UART_IIR)).toBe(0x01);
  });

  it("comes back after a THR write, since THR empties at once", () => {
    const u = make();
    u.w(UART_IER, 0x02);
    u.r(UART_IIR);
    u.w(UART_THR, 0x41);
    expect(u.out).toEqual([0x41]);
    expect(u.r(UART_IIR)).toBe(0x02);
    expect(u.irqs).toEqual([true, false, true, false]);
  });

  it("is re-raised by setting ETBEI again (rising edge), not by rewriting it", () => {
    const u = make();
    u.w(UART_IER, 0x02);
    u.r(UART_IIR);
    u.w(UART_IER, 0x02); // no edge
    expect(u.r(UART_IIR)).toBe(0x01);
    u.w(UART_IER, 0x00);
    u.w(UART_IER, 0x02);
    expect(u.r(UART_IIR)).toBe(0x02);
  });

  it("is masked, not forgotten, while ETBEI is clear", () => {
    const u = make();
    u.w(UART_THR, 0x41); // THR empty event with ETBEI clear
    expect(u.r(UART_IIR)).toBe(0x01);
    expect(u.irqs).toEqual([]);
  });
});

describe("UART modem control and loopback", () => {
  it("keeps the five MCR bits", () => {
    const u = make();
    u.w(UART_MCR, 0xff);
    expect(u.r(UART_MCR)).toBe(0x1f);
    u.w(UART_MCR, 0x0b);
    expect(u.r(UART_MCR)).toBe(0x0b);
  });

  it("wires RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD in loopback", () => {
    const u = make();
    const status = (mcr: number) => {
      u.w(UART_MCR, 0x10 | mcr);
      return u.r(UART_MSR) & 0xf0;
    };
    expect(status(0x00)).toBe(0x00);
    expect(status(0x02)).toBe(0x10);
    expect(status(0x01)).toBe(0x20);
    expect(status(0x04)).toBe(0x40);
    expect(status(0x08)).toBe(0x80);
    expect(status(0x0f)).toBe(0xf0);
    u.w(UART_MCR, 0x00);
    expect(u.r(UART_MSR) & 0xf0).toBe(0xb0);
  });

  it("sets delta bits on changes, TERI only on RI's trailing edge", () => {
    const u = make();
    u.w(UART_MCR, 0x10 | 0x0f); // loop, all lines: RI rises, nothing else changes
    expect(u.r(UART_MSR)).toBe(0xf0);
    u.w(UART_MCR, 0x10); // all drop
    expect(u.r(UART_MSR)).toBe(0x0f);
    expect(u.r(UART_MSR)).toBe(0x00);
  });

  it("feeds transmitted bytes back to the receiver in loopback", () => {
    const u = make();
    u.w(UART_MCR, 0x10);
    u.w(UART_THR, 0x5a);
    expect(u.out).toEqual([]);
    expect(u.r(UART_LSR) & 1).toBe(1);
    expect(u.r(UART_RBR)).toBe(0x5a);
    u.w(UART_MCR, 0x00);
    u.w(UART_THR, 0x5b);
    expect(u.out).toEqual([0x5b]);
  });
});

describe("UART scratch register", () => {
  it("holds any byte", () => {
    const u = make();
    for (const v of [0xa5, 0x5a, 0x00, 0xff]) {
      u.w(UART_SCR, v);
      expect(u.r(UART_SCR)).toBe(v);
    }
  });
});

describe("UART snapshot", () => {
  it("shows the registers without the side effects of reading them", () => {
    const u = make();
    u.w(UART_FCR, 0x41);
    u.w(UART_IER, 0x03);
    u.w(UART_LCR, 0x03);
    u.w(UART_MCR, 0x0b);
    u.w(UART_SCR, 0x77);
    u.uart.receive([1, 2]);
    const s = u.uart.snapshot();
    expect(s).toEqual({
      ier: 0x03, iir: 0xcc, lcr: 0x03, mcr: 0x0b, lsr: 0x61, msr: 0xb0, scr: 0x77,
      divisor: 0, fifoEnabled: true, rxTrigger: 4, rxCount: 2, irq: true,
    });
    u.uart.snapshot();
    expect(u.r(UART_RBR)).toBe(1);
  });
});

// What Linux's 8250 driver does to a port it probes (drivers/tty/serial/8250/8250_port.c,
// autoconfig() and serial8250_do_startup()), re-enacted against the model, step by step.
function linuxAutoconfig(u: U): string {
  // The IER test: a real UART keeps the low nibble of IER.
  const saveIer = u.r(UART_IER);
  u.w(UART_IER, 0);
  const scratch2 = u.r(UART_IER) & 0x0f;
  u.w(UART_IER, 0x0f);
  const scratch3 = u.r(UART_IER) & 0x0f;
  u.w(UART_IER, saveIer);
  if (scratch2 !== 0 || scratch3 !== 0x0f) return "none (IER test)";

  const saveMcr = u.r(UART_MCR);
  const saveLcr = u.r(UART_LCR);
  // The LSR safety check: loopback with OUT2 and RTS must read DCD and CTS.
  u.w(UART_MCR, 0x10 | 0x08 | 0x02);
  const status1 = u.r(UART_MSR) & 0xf0;
  u.w(UART_MCR, saveMcr);
  if (status1 !== 0x90) return "none (LSR safety check)";

  // The EFR probe (LCR = 0xBF) must not find an EFR: offset 2 still reads IIR.
  u.w(UART_LCR, 0xbf);
  const efr = u.r(2);
  u.w(UART_LCR, 0);
  if (efr === 0) return "16650+";

  u.w(UART_FCR, 0x01);
  let type: string;
  switch (u.r(UART_IIR) >> 6) {
    case 0: {
      // autoconfig_8250: a scratch register tells a 16450 from an 8250.
      const save = u.r(UART_SCR);
      u.w(UART_SCR, 0xa5);
      const a = u.r(UART_SCR);
      u.w(UART_SCR, 0x5a);
      const b = u.r(UART_SCR);
      u.w(UART_SCR, save);
      type = a === 0xa5 && b === 0x5a ? "16450" : "8250";
      break;
    }
    case 1:
      type = "unknown";
      break;
    case 2:
      type = "16550";
      break;
    default:
      type = autoconfig16550a(u);
  }
  u.w(UART_LCR, saveLcr);
  // Reset as the driver leaves it: FIFOs cleared and off, interrupts read away.
  u.w(UART_MCR, saveMcr);
  u.w(UART_FCR, 0x01);
  u.w(UART_FCR, 0x07);
  u.w(UART_FCR, 0x00);
  u.r(UART_RBR);
  return type;
}

function autoconfig16550a(u: U): string {
  // ST16C650V1: EFR readable with DLAB set.
  u.w(UART_LCR, 0x80);
  if (u.r(2) === 0) return "16650V1";
  // National SuperIO: bank switch at LCR 0xE0 would show MCR.LOOP at offset 2.
  u.w(UART_LCR, 0);
  const mcr = u.r(UART_MCR);
  u.w(UART_LCR, 0xe0);
  let excr1 = u.r(2);
  if (!((excr1 ^ mcr) & 0x10)) {
    u.w(UART_LCR, 0);
    u.w(UART_MCR, mcr ^ 0x10);
    u.w(UART_LCR, 0xe0);
    excr1 = u.r(2);
    u.w(UART_LCR, 0);
    u.w(UART_MCR, mcr);
    if ((excr1 ^ mcr) & 0x10) return "NS16550A";
  }
  // TI16750: 64-byte FIFO bit 5 of IIR with DLAB set.
  u.w(UART_LCR, 0);
  u.w(UART_FCR, 0x21);
  const s1 = u.r(UART_IIR) & 0xe0;
  u.w(UART_FCR, 0);
  u.w(UART_LCR, 0x80);
  u.w(UART_FCR, 0x21);
  const s2 = u.r(UART_IIR) & 0xe0;
  u.w(UART_FCR, 0);
  u.w(UART_LCR, 0);
  if (s1 === 0xc0 && s2 === 0xe0) return "16750";
  // XScale: IER bit 6 (UUE) sticks.
  const ier = u.r(UART_IER);
  u.w(UART_IER, ier | 0x40);
  const uue = u.r(UART_IER) & 0x40;
  u.w(UART_IER, ier);
  if (uue) return "XScale";
  return "16550A";
}

/** serial8250_do_startup's THRE test: true when the driver would set UART_BUG_THRE. */
function linuxThreBug(u: U): boolean {
  u.w(UART_IER, 0x02);
  const iir1 = u.r(UART_IIR);
  u.w(UART_IER, 0);
  u.w(UART_IER, 0x02);
  const iir = u.r(UART_IIR);
  u.w(UART_IER, 0);
  return !(iir1 & 0x01) && (iir & 0x01) !== 0;
}

describe("UART under Linux's 8250 probe", () => {
  it("is detected as a 16550A", () => {
    const u = make();
    expect(linuxAutoconfig(u)).toBe("16550A");
  });

  it("leaves the registers as the driver saved them", () => {
    const u = make();
    u.w(UART_LCR, 0x03);
    u.w(UART_MCR, 0x0b);
    u.w(UART_IER, 0x05);
    linuxAutoconfig(u);
    expect(u.r(UART_LCR)).toBe(0x03);
    expect(u.r(UART_MCR)).toBe(0x0b);
    expect(u.r(UART_IER)).toBe(0x05);
    expect(u.r(UART_LSR)).toBe(0x60);
  });

  it("shows IIR bits 7:6 = 00 with FIFOs off and passes autoconfig_8250's scratch test", () => {
    const u = make();
    u.w(UART_FCR, 0x00);
    expect(u.r(UART_IIR) >> 6).toBe(0);
    u.w(UART_SCR, 0xa5);
    expect(u.r(UART_SCR)).toBe(0xa5);
    u.w(UART_SCR, 0x5a);
    expect(u.r(UART_SCR)).toBe(0x5a);
  });

  it("passes the startup THRE test (no UART_BUG_THRE)", () => {
    const u = make();
    expect(linuxThreBug(u)).toBe(false);
    expect(u.r(UART_IIR) & 0x01).toBe(1);
    expect(u.irqs).toEqual([true, false, true, false]);
  });

  it("then runs the interrupt-driven console: RX via timeout, TX via THRE", () => {
    const u = make();
    linuxAutoconfig(u);
    u.w(UART_LCR, 0x03);
    u.w(UART_FCR, 0x81); // what set_termios writes for a 16550A: FIFO on, trigger 8
    u.w(UART_MCR, 0x0b);
    u.w(UART_IER, 0x05); // RX and line status
    u.uart.receive([0x6c, 0x73, 0x0d]);
    expect(u.uart.irqLevel).toBe(true);
    // The handler: IIR, then drain while LSR.DR.
    expect(u.r(UART_IIR)).toBe(0xcc);
    const got: number[] = [];
    while (u.r(UART_LSR) & 0x01) got.push(u.r(UART_RBR));
    expect(got).toEqual([0x6c, 0x73, 0x0d]);
    expect(u.uart.irqLevel).toBe(false);
    // start_tx: enable THRI, the interrupt comes, the handler fills the FIFO, stop_tx disables it.
    u.w(UART_IER, 0x07);
    expect(u.uart.irqLevel).toBe(true);
    expect(u.r(UART_IIR)).toBe(0xc2);
    for (const b of [0x6f, 0x6b]) u.w(UART_THR, b);
    expect(u.uart.irqLevel).toBe(true); // THR emptied again: more may be sent
    u.w(UART_IER, 0x05);
    expect(u.uart.irqLevel).toBe(false);
    expect(u.out).toEqual([0x6f, 0x6b]);
  });
});

describe("UART as a Device", () => {
  /** Every register the guest can read without side effects (RBR, IIR, LSR and MSR reads have some). */
  const reads = (u: U) => [UART_IER, UART_LCR, UART_MCR, UART_SCR].map((o) => u.r(o)).concat([u.uart.rxFree, u.uart.irqLevel ? 1 : 0]);
  /** Activity on every kind of state: divisor, FIFO and trigger, IER, MCR, SCR, queued input, an overrun, a read byte. */
  const busy = (u: U) => {
    u.w(UART_LCR, UART_LCR_DLAB);
    u.w(UART_DLL, 0x0c);
    u.w(UART_DLM, 0x01);
    u.w(UART_LCR, 0x03);
    u.w(UART_FCR, 0x81); // FIFOs on, trigger 8
    u.w(UART_IER, UART_IER_ERBFI | UART_IER_ETBEI | UART_IER_ELSI);
    u.w(UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
    u.w(UART_SCR, 0x5a);
    u.w(UART_THR, 0x41);
    u.uart.receive(Array.from({ length: 20 }, (_, i) => 0x61 + i));
    u.r(UART_RBR);
  };
  /** What follows: reads that drain and acknowledge, a loopback byte; returns what the guest saw. */
  const after = (u: U) => {
    u.irqs.length = 0;
    u.out.length = 0;
    const seen = [u.r(UART_IIR), u.r(UART_LSR), u.r(UART_LSR), u.r(UART_MSR), u.r(UART_MSR)];
    for (let i = 0; i < 20; i++) seen.push(u.r(UART_RBR));
    u.w(UART_MCR, UART_MCR_LOOP);
    u.w(UART_THR, 0x7e);
    seen.push(u.r(UART_MSR), u.r(UART_IIR), u.r(UART_RBR), u.r(UART_IIR));
    return { seen, irqs: [...u.irqs], out: [...u.out], snapshot: u.uart.snapshot(), state: u.uart.save() };
  };

  it("describes itself as QEMU virt does: ns16550a at 3.6864 MHz on its PLIC source", () => {
    expect(new Uart().deviceTree()).toEqual({
      name: "serial",
      compatible: ["ns16550a"],
      interrupts: [UART_IRQ],
      properties: { "clock-frequency": 3_686_400 },
    });
    expect(new Uart({ irq: 3 }).deviceTree().interrupts).toEqual([3]);
    expect(uartNode(3)).toEqual(new Uart({ irq: 3 }).deviceTree());
    // Wired to no interrupt controller: no interrupts (the guest's driver polls).
    expect(new Uart({ irq: null }).deviceTree()).toEqual({ name: "serial", compatible: ["ns16550a"], properties: { "clock-frequency": 3_686_400 } });
    for (const irq of [0, -1, 1.5]) expect(() => new Uart({ irq })).toThrow(RangeError);
  });

  it("reset() returns it to a fresh device's state and drops its interrupt output", () => {
    const u = make({ rxBufferBytes: 16 });
    busy(u);
    expect(u.uart.irqLevel).toBe(true);
    u.irqs.length = 0;
    u.uart.reset();
    const fresh = make({ rxBufferBytes: 16 });
    expect(u.uart.save()).toEqual(fresh.uart.save());
    expect(u.uart.snapshot()).toEqual(fresh.uart.snapshot());
    expect(reads(u)).toEqual(reads(fresh));
    expect(u.irqs).toEqual([false]);
    busy(u);
    busy(fresh);
    expect(after(u)).toEqual(after(fresh));
  });

  it("save/restore: the state comes back exactly, through structuredClone too, and behaves the same", () => {
    const u = make({ rxBufferBytes: 16 });
    busy(u);
    const saved = u.uart.save();
    // 20 bytes met a 16-byte buffer: 4 were lost (OE), one was read.
    expect(saved).toMatchObject({ rxBufferBytes: 16, rx: new Uint8Array(Array.from({ length: 15 }, (_, i) => 0x62 + i)), rbr: 0x61, lsrErrors: UART_LSR_OE });
    const before = reads(u);
    const expected = after(u);
    expect(u.irqs).toContain(false);
    u.irqs.length = 0;
    u.uart.restore(structuredClone(saved));
    expect(u.irqs).toEqual([true]);
    expect(u.uart.save()).toEqual(saved);
    expect(reads(u)).toEqual(before);
    expect(after(u)).toEqual(expected);
    // A UART built with the same buffer takes the state over, the receive ring's wrap included.
    const v = make({ rxBufferBytes: 16 });
    v.uart.receive(new Uint8Array(10));
    for (let i = 0; i < 10; i++) v.r(UART_RBR);
    v.uart.restore(saved);
    expect(v.uart.save()).toEqual(saved);
    expect(after(v)).toEqual(expected);
  });

  it("restore() rejects a state of the wrong shape or from a UART built otherwise, and changes nothing", () => {
    const u = make({ rxBufferBytes: 16 });
    busy(u);
    const before = u.uart.save();
    const bad: [unknown, RegExp][] = [
      [undefined, /device uart: restore: the state must be an object as save\(\) returns it, got undefined/],
      [make().uart.save(), /state.rxBufferBytes is 4096, this device has 16 \(a state saved by a device built with other options\)/],
      [{ ...before, rx: new Uint8Array(17) }, /state.rx must be a Uint8Array of at most 16 bytes, got a Uint8Array of 17/],
      [{ ...before, rx: [1, 2] }, /state.rx must be a Uint8Array of at most 16 bytes, got an array of 2/],
      [{ ...before, ier: 0x10 }, /state.ier must be an integer in 0..15, got 16/],
      [{ ...before, lcr: 256 }, /state.lcr must be an integer in 0..255, got 256/],
      [{ ...before, mcr: 0x20 }, /state.mcr must be an integer in 0..31, got 32/],
      [{ ...before, lsrErrors: UART_LSR_DR }, /state.lsrErrors 0x1 has bits other than OE, PE, FE and BI/],
      [{ ...before, fifoEnabled: 1 }, /state.fifoEnabled must be a boolean, got 1/],
      [{ ...before, rxTrigger: 2 }, /state.rxTrigger must be one of 1, 4, 8, 14, got 2/],
      [{ ...before, thrEmptyEvent: undefined }, /state.thrEmptyEvent must be a boolean, got undefined/],
      [{ ...before, irq: true }, /unknown field "irq"/],
      [{ msip: [0] }, /state.rxBufferBytes is missing/],
    ];
    for (const [state, re] of bad) {
      expect(() => u.uart.restore(state as DeviceState)).toThrow(DeviceError);
      expect(() => u.uart.restore(state as DeviceState)).toThrow(re);
    }
    expect(u.uart.save()).toEqual(before);
  });
});

describe("UART: what the host's input delivery asks it", () => {
  it("says whether the guest has written IER (not DLM) since reset, and whether the receive interrupt is on", () => {
    const u = new Uart();
    expect(u.ierWritten).toBe(false);
    u.write(UART_LCR, 1, BigInt(UART_LCR_DLAB));
    u.write(UART_IER, 1, 0x12n); // DLM while DLAB is set
    expect(u.ierWritten).toBe(false);
    u.write(UART_LCR, 1, 3n);
    u.write(UART_IER, 1, 0n);
    expect(u.ierWritten).toBe(true);
    expect(u.receiveInterruptEnabled).toBe(false);
    u.write(UART_IER, 1, BigInt(UART_IER_ERBFI));
    expect(u.receiveInterruptEnabled).toBe(true);
    const saved = u.save();
    u.reset();
    expect(u.ierWritten).toBe(false);
    expect(u.receiveInterruptEnabled).toBe(false);
    u.restore(saved);
    expect(u.ierWritten).toBe(true);
  });

  it("tells when the guest reads LSR, after the read (a polling guest gets input then)", () => {
    let u!: Uart;
    const seen: bigint[] = [];
    u = new Uart({ onLineStatusRead: () => seen.push(u.read(UART_SCR, 1)) });
    u.write(UART_SCR, 1, 7n);
    u.read(UART_RBR, 1);
    expect(seen).toEqual([]);
    u.read(UART_LSR, 1);
    expect(seen).toEqual([7n]);
  });
});
