// A virtual Ethernet switch inside the hypervisor: a learning bridge (IEEE 802.1D's forwarding
// without spanning tree) that VMs' virtio-net devices and the embedder's own ports attach to.
// It learns which port each source MAC address was seen on; a frame to a learned unicast
// address goes to that port only, any other (broadcast, multicast, unknown) to every other
// port. Delivery is synchronous, in the sender's exit: the same frames in the same order reach
// the same receivers on every run, so deterministic mode stays deterministic.

import { ArgumentError } from "../errors.js";

/** The shortest and longest frame a port may send: an Ethernet header, and 64 KiB of payload. */
export const MIN_FRAME_BYTES = 14;
export const MAX_FRAME_BYTES = 14 + 65535;

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
}

interface Port extends SwitchPort {
  readonly receive: (frame: Uint8Array) => void;
}

export class NetworkSwitch {
  readonly name: string;
  readonly counters: SwitchCounters = { frames: 0, bytes: 0, dropped: 0, flooded: 0 };
  private readonly ports: Port[] = [];
  /** MAC address (as 12 hex digits) -> the port it was last seen on. */
  private readonly learned = new Map<string, Port>();
  private readonly taps: ((frame: Uint8Array, from: string) => void)[] = [];
  private attached = 0;

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
    const copy = frame.slice();
    this.counters.frames++;
    this.counters.bytes += copy.length;
    for (const tap of this.taps) tap(copy, from.name);
    const source = macKey(copy, 6);
    // A multicast source address (I/G bit set) is invalid: never learn it.
    if ((copy[6]! & 1) === 0) this.learned.set(source, from);
    const to = (copy[0]! & 1) === 0 ? this.learned.get(macKey(copy, 0)) : undefined;
    if (to !== undefined) {
      if (to !== from) to.receive(copy);
      return;
    }
    this.counters.flooded++;
    for (const port of [...this.ports]) if (port !== from) port.receive(copy);
  }
}

function macKey(frame: Uint8Array, at: number): string {
  let s = "";
  for (let i = at; i < at + 6; i++) s += frame[i]!.toString(16).padStart(2, "0");
  return s;
}
