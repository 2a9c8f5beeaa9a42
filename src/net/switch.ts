// A virtual Ethernet switch inside the hypervisor: a learning bridge (IEEE 802.1D's forwarding
// without spanning tree) that VMs' virtio-net devices and the embedder's own ports attach to.
// It learns which port each source MAC address was seen on; a frame to a learned unicast
// address goes to that port only, any other (broadcast, multicast, unknown) to every other
// port. Delivery is synchronous, in the sender's exit: the same frames in the same order reach
// the same receivers on every run, so deterministic mode stays deterministic. A frame a receiver
// sends while receiving (a port of the embedder's that echoes, two switches bridged) is queued
// and delivered after the current one, never recursively; a receiver that throws is counted and
// skipped, so that it cannot stop the VM that happened to send. The learning table holds at
// most MAX_LEARNED addresses (the oldest go first): a guest sending from random source addresses
// cannot grow it without bound.

import { ArgumentError } from "../errors.js";

/** The shortest and longest frame a port may send: an Ethernet header, and 64 KiB of payload. */
export const MIN_FRAME_BYTES = 14;
export const MAX_FRAME_BYTES = 14 + 65535;
/** Addresses the switch remembers. */
export const MAX_LEARNED = 1024;

export interface SwitchPort {
  /** The port's name: the VM's device ("web: vm1/virtio-net") or the embedder's. */
  readonly name: string;
  /** Sends a frame into the switch (copied; a frame shorter than 14 or longer than 64 KiB + 14 bytes is dropped). */
  send(frame: Uint8Array): void;
  /** Takes the port off the switch. */
  detach(): void;
}

/** What the switch did, for statistics. */
export interface SwitchCounters {
  frames: number;
  bytes: number;
  /** Frames dropped for their size. */
  dropped: number;
  /** Frames flooded to every other port (destination not learned, broadcast or multicast). */
  flooded: number;
  /** Deliveries whose receiver (or frame listener) threw. */
  receiveErrors: number;
}

interface Port extends SwitchPort {
  readonly receive: (frame: Uint8Array) => void;
}

export class NetworkSwitch {
  readonly name: string;
  readonly counters: SwitchCounters = { frames: 0, bytes: 0, dropped: 0, flooded: 0, receiveErrors: 0 };
  private readonly ports: Port[] = [];
  /** MAC address (as 12 hex digits) -> the port it was last seen on. */
  private readonly learned = new Map<string, Port>();
  private readonly taps: ((frame: Uint8Array, from: string) => void)[] = [];
  private attached = 0;
  /** Frames sent while another was being delivered, in order. */
  private readonly pending: { from: Port; frame: Uint8Array }[] = [];
  private delivering = false;

  constructor(name: string) {
    if (typeof name !== "string" || name === "") throw new ArgumentError(`a switch needs a name, got ${String(name)}`);
    this.name = name;
  }

  /**
   * Attaches a port: `receive` gets every frame the switch forwards to it (a view valid during
   * the call only: copy it to keep it). Returns the port, to send frames and detach.
   */
  attach(receive: (frame: Uint8Array) => void, name = `port${this.attached}`): SwitchPort {
    if (typeof receive !== "function") throw new ArgumentError(`switch ${this.name}: attach needs a receive function, got ${typeof receive}`);
    this.attached++;
    const port: Port = {
      name,
      receive,
      send: (frame) => this.forward(port, frame),
      detach: () => {
        const i = this.ports.indexOf(port);
        if (i >= 0) this.ports.splice(i, 1);
        for (const [mac, p] of this.learned) if (p === port) this.learned.delete(mac);
      },
    };
    this.ports.push(port);
    return port;
  }

  /** Ports attached so far (ever): a device derives its default MAC address from it. */
  get portsAttached(): number {
    return this.attached;
  }

  /** Listens to every frame that enters the switch, with its sender's port name (pcap). Returns a function that removes the listener. */
  onFrame(listener: (frame: Uint8Array, from: string) => void): () => void {
    this.taps.push(listener);
    return () => {
      const i = this.taps.indexOf(listener);
      if (i >= 0) this.taps.splice(i, 1);
    };
  }

  private forward(from: Port, frame: Uint8Array): void {
    if (!this.ports.includes(from)) return;
    if (!(frame instanceof Uint8Array) || frame.length < MIN_FRAME_BYTES || frame.length > MAX_FRAME_BYTES) {
      this.counters.dropped++;
      return;
    }
    this.pending.push({ from, frame: frame.slice() });
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) this.deliver(next.from, next.frame);
    } finally {
      this.delivering = false;
    }
  }

  private deliver(from: Port, frame: Uint8Array): void {
    this.counters.frames++;
    this.counters.bytes += frame.length;
    for (const tap of this.taps) this.safely(() => tap(frame, from.name));
    // A multicast source address (I/G bit set) is invalid: never learn it.
    if ((frame[6]! & 1) === 0) this.learn(macKey(frame, 6), from);
    const to = (frame[0]! & 1) === 0 ? this.learned.get(macKey(frame, 0)) : undefined;
    if (to !== undefined) {
      if (to !== from) this.safely(() => to.receive(frame));
      return;
    }
    this.counters.flooded++;
    for (const port of [...this.ports]) if (port !== from) this.safely(() => port.receive(frame));
  }

  private learn(mac: string, port: Port): void {
    // Re-inserted, so that the Map's order is from least to most recently seen.
    this.learned.delete(mac);
    this.learned.set(mac, port);
    if (this.learned.size > MAX_LEARNED) this.learned.delete(this.learned.keys().next().value!);
  }

  /** A receiver or listener that throws is counted, never the sender's problem. */
  private safely(call: () => void): void {
    try {
      call();
    } catch {
      this.counters.receiveErrors++;
    }
  }
}

function macKey(frame: Uint8Array, at: number): string {
  let s = "";
  for (let i = at; i < at + 6; i++) s += frame[i]!.toString(16).padStart(2, "0");
  return s;
}
