// virtio-console (virtio 1.2, 5.3): one console port (Linux: /dev/hvcN, hvc1 beside the SBI console), no multiport, no resize.
// Queue 0 receives (input the host holds for the guest), queue 1 transmits (the guest's output,
// to the VM's console listeners, like the UART's). The configuration space (cols, rows,
// max_nr_ports, emerg_wr) is all zero: none of the features that give it meaning is offered.
//
// Input waits on the host side until the driver posts receive buffers; each buffer takes as
// many pending bytes as it holds.

import type { VirtioBackend, VirtioIo } from "./mmio.js";

export const VIRTIO_ID_CONSOLE = 3;
export const CONSOLE_QUEUE_SIZE = 64;
/**
 * A byte of output costs the host a call of every console listener (a terminal write), not a
 * copy: each counts 64 bytes of an exit's work allowance, so an exit sends at most 1 MiB.
 */
const OUTPUT_WORK_PER_BYTE = 64;
const RX = 0;
const TX = 1;

/** Where the console's bytes come from and go to: the VM's console backend. */
export interface ConsolePort {
  output(byte: number): void;
  /** Bytes typed and not yet taken. */
  readonly pending: number;
  /** Takes up to `max` pending bytes. */
  take(max: number): number[];
}

export class VirtioConsole implements VirtioBackend {
  readonly type = "console";
  readonly deviceId = VIRTIO_ID_CONSOLE;
  readonly features = 0n;
  readonly queueMax = [CONSOLE_QUEUE_SIZE, CONSOLE_QUEUE_SIZE];
  readonly config = new Uint8Array(12);
  readonly counters = { bytesOut: 0, bytesIn: 0 };
  private readonly port: ConsolePort;
  private io!: VirtioIo;

  constructor(port: ConsolePort) {
    this.port = port;
  }

  attach(io: VirtioIo): void {
    this.io = io;
  }

  reset(): void {}

  serve(index: number): boolean {
    if (index === RX) {
      this.deliverInput();
      return false;
    }
    if (index !== TX) return false;
    return this.io.drain(TX, (chain) => {
      // Copied out first: a listener may run code that reaches guest RAM (another VM's input).
      const out = this.io.readChain(chain, 0, chain.readableBytes);
      this.counters.bytesOut += out.length;
      for (const b of out) this.port.output(b);
      return 0;
    }, OUTPUT_WORK_PER_BYTE);
  }

  /** Pending input into the receive buffers the driver posted. */
  deliverInput(): void {
    const q = this.io.queue(RX);
    if (q === undefined || this.port.pending === 0) return;
    this.io.guard(() => {
      while (this.port.pending > 0) {
        const chain = q.pop();
        if (chain === undefined) break;
        const bytes = Uint8Array.from(this.port.take(chain.writableBytes));
        this.io.writeChain(chain, 0, bytes);
        q.push(chain, bytes.length);
        this.counters.bytesIn += bytes.length;
      }
      this.io.used(q);
    });
  }
}
