// HTIF (the Berkeley host-target interface of Spike): the guest writes a command to the
// `tohost` word in its RAM; the host sees the store (a watch exit), acts, and answers in
// `fromhost`. Only the commands bare-metal test programs use are understood:
//
//   tohost bits  63:56 device  55:48 command  47:0 payload
//   device 0, command 0, payload odd : exit; payload >> 1 is the exit code (0 = pass)
//   device 1, command 1              : console putchar of payload & 0xff; fromhost acknowledges
//
// Anything else (e.g. the syscall proxy, payload even) stops the guest with a clear reason.

export type HtifResult =
  | { kind: "none" }
  | { kind: "exit"; code: number }
  | { kind: "error"; message: string };

export interface HtifGuestMemory {
  read64(addr: bigint): bigint;
  write64(addr: bigint, value: bigint): void;
}

export class Htif {
  readonly tohost: bigint;
  readonly fromhost: bigint | undefined;
  private readonly ram: HtifGuestMemory;
  private readonly putchar: (byte: number) => void;

  constructor(tohost: bigint, fromhost: bigint | undefined, ram: HtifGuestMemory, putchar: (byte: number) => void) {
    this.tohost = tohost;
    this.fromhost = fromhost;
    this.ram = ram;
    this.putchar = putchar;
  }

  /** Called after the guest stored to tohost. */
  handle(): HtifResult {
    const value = this.ram.read64(this.tohost);
    if (value === 0n) return { kind: "none" };
    const device = Number(value >> 56n);
    const command = Number((value >> 48n) & 0xffn);
    const payload = value & 0xffff_ffff_ffffn;
    if (device === 0 && command === 0) {
      if (payload & 1n) return { kind: "exit", code: Number(payload >> 1n) };
      return { kind: "error", message: `HTIF syscall proxy (tohost = 0x${value.toString(16)}) is not supported` };
    }
    if (device === 1 && command === 1) {
      this.putchar(Number(payload & 0xffn));
      this.ram.write64(this.tohost, 0n);
      if (this.fromhost !== undefined) this.ram.write64(this.fromhost, (value >> 48n << 48n) | 0x100n | (payload & 0xffn));
      return { kind: "none" };
    }
    return { kind: "error", message: `unsupported HTIF command: device ${device}, command ${command}` };
  }
}
