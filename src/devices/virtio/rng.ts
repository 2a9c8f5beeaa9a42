// virtio-rng, the entropy device (virtio 1.2, 5.4): one queue; the device fills each writable
// buffer with random bytes. Seeded (deterministic mode: the same bytes on every run, so the
// guest's behaviour and the exit trace stay reproducible) or from the host's CSPRNG (real time).
// No configuration space, no features.

import type { VirtioBackend, VirtioIo } from "./mmio.js";

export const VIRTIO_ID_ENTROPY = 4;
export const RNG_QUEUE_SIZE = 64;
/** The most bytes one buffer gets: 64 KiB, more than a guest asks at once (Linux: 64 bytes). */
export const RNG_MAX_BYTES = 64 << 10;

/** Where the bytes come from: a seed (reproducible) or the host's crypto.getRandomValues. */
export type EntropySource = { seed: number } | "host";

export class VirtioRng implements VirtioBackend {
  readonly type = "rng";
  readonly deviceId = VIRTIO_ID_ENTROPY;
  readonly features = 0n;
  readonly queueMax = [RNG_QUEUE_SIZE];
  readonly config = new Uint8Array(0);
  readonly counters = { bytes: 0 };
  private readonly source: EntropySource;
  private state = 0n;
  private io!: VirtioIo;

  constructor(source: EntropySource) {
    this.source = source;
    this.reset();
  }

  attach(io: VirtioIo): void {
    this.io = io;
  }

  /** Its generator's state, for a snapshot (none when it draws from the host). */
  saveWords(): bigint[] {
    return this.source === "host" ? [] : [this.state];
  }

  restoreWords(words: bigint[]): void {
    if (words.length === 1) this.state = words[0]!;
  }

  /** A VM reset starts the seeded sequence again: a rebooted guest sees what it saw at boot. */
  reset(): void {
    if (this.source !== "host") this.state = BigInt.asUintN(64, BigInt(this.source.seed));
  }

  serve(index: number): boolean {
    return this.io.drain(index, (chain) => {
      const bytes = this.random(Math.min(chain.writableBytes, RNG_MAX_BYTES));
      this.io.writeChain(chain, 0, bytes);
      this.counters.bytes += bytes.length;
      return bytes.length;
    });
  }

  private random(length: number): Uint8Array {
    const out = new Uint8Array(length);
    if (this.source === "host") {
      // getRandomValues fills at most 65,536 bytes a call.
      for (let i = 0; i < length; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
      return out;
    }
    // SplitMix64 (Steele, Lea and Flood, 2014): a fixed, well-mixed sequence from the seed.
    for (let i = 0; i < length; i += 8) {
      this.state = BigInt.asUintN(64, this.state + 0x9e37_79b9_7f4a_7c15n);
      let z = this.state;
      z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58_476d_1ce4_e5b9n);
      z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d0_49bb_1331_11ebn);
      z ^= z >> 31n;
      for (let k = 0; k < 8 && i + k < length; k++) out[i + k] = Number((z >> BigInt(8 * k)) & 0xffn);
    }
    return out;
  }
}
