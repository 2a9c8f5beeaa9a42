// virtio-net (virtio 1.2, 5.1): an Ethernet port on one of the hypervisor's switches
// (src/net/switch.ts). Queue 0 receives, queue 1 transmits; no offloads are offered, so every
// frame travels whole, with a 12-byte virtio_net_hdr in front (5.1.6: flags, gso_type, hdr_len,
// gso_size, csum_start, csum_offset, num_buffers), all zero but num_buffers = 1 on receive.
//
//   config offset  size  field
//   0x00           6     mac (VIRTIO_NET_F_MAC)
//   0x06           2     status: 1 = link up (VIRTIO_NET_F_STATUS)
//
// A frame arriving from the switch takes the next receive buffer the driver posted; with none
// posted it is dropped (counted), as a NIC whose ring is full drops. Frames are delivered inside
// the sender's exit, so the receiving VM's interrupt is raised at a deterministic point.

import { MAX_FRAME_BYTES, type NetworkSwitch, type SwitchPort } from "../../net/switch.js";
import type { VirtioBackend, VirtioIo } from "./mmio.js";

export const VIRTIO_ID_NET = 1;
export const VIRTIO_NET_F_MAC = 1n << 5n;
export const VIRTIO_NET_F_STATUS = 1n << 16n;
export const VIRTIO_NET_S_LINK_UP = 1;
/** virtio_net_hdr with VIRTIO_F_VERSION_1 (num_buffers always present). */
export const NET_HDR_BYTES = 12;
export const NET_QUEUE_SIZE = 256;
const RX = 0;
const TX = 1;

/** Parses "52:54:00:12:34:56" (or with '-'); undefined when it is not six hex bytes. */
export function parseMac(text: string): Uint8Array | undefined {
  const m = /^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$/i.exec(text);
  return m ? Uint8Array.from(m.slice(1), (x) => parseInt(x, 16)) : undefined;
}

export class VirtioNet implements VirtioBackend {
  readonly type = "net";
  readonly deviceId = VIRTIO_ID_NET;
  readonly features = VIRTIO_NET_F_MAC | VIRTIO_NET_F_STATUS;
  readonly queueMax = [NET_QUEUE_SIZE, NET_QUEUE_SIZE];
  readonly config = new Uint8Array(8);
  readonly counters = { txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0, rxDropped: 0, txDropped: 0 };
  private readonly port: SwitchPort;
  private io!: VirtioIo;

  constructor(network: NetworkSwitch, mac: Uint8Array, portName: string) {
    this.config.set(mac);
    this.config[6] = VIRTIO_NET_S_LINK_UP;
    this.port = network.attach((frame) => this.receive(frame), portName);
  }

  attach(io: VirtioIo): void {
    this.io = io;
  }

  reset(): void {}

  serve(index: number): boolean {
    // Receive buffers posted: nothing waits for them (frames that found none were dropped).
    if (index !== TX) return false;
    return this.io.drain(TX, (chain) => {
      const length = chain.readableBytes - NET_HDR_BYTES;
      if (length <= 0 || length > MAX_FRAME_BYTES) {
        this.counters.txDropped++;
        return 0;
      }
      const frame = this.io.readChain(chain, NET_HDR_BYTES, length);
      this.counters.txFrames++;
      this.counters.txBytes += length;
      this.port.send(frame);
      return 0;
    });
  }

  /** A frame from the switch: into the next receive buffer, or dropped when there is none or it is too small. */
  private receive(frame: Uint8Array): void {
    const q = this.io.queue(RX);
    if (q === undefined) {
      this.counters.rxDropped++;
      return;
    }
    this.io.guard(() => {
      const chain = q.pop();
      if (chain === undefined || chain.writableBytes < NET_HDR_BYTES + frame.length) {
        if (chain !== undefined) q.push(chain, 0);
        this.counters.rxDropped++;
      } else {
        const header = new Uint8Array(NET_HDR_BYTES);
        header[10] = 1; // num_buffers
        this.io.writeChain(chain, 0, header);
        this.io.writeChain(chain, NET_HDR_BYTES, frame);
        q.push(chain, NET_HDR_BYTES + frame.length);
        this.counters.rxFrames++;
        this.counters.rxBytes += frame.length;
      }
      this.io.used(q);
    });
  }
}
