// A tiny virtio-blk driver for tests, as a raw M-mode binary (firmware boot at 0x8000_0000): it
// sets up the virtio-blk in slot 0 with one 8-entry queue, no interrupts, and polls the used ring.
//   1. reads sector 0 into a buffer (one notification), and waits for its completion;
//   2. writes that buffer to sector 1 (a second notification), and waits;
//   3. passes (test finisher) when both requests came back VIRTIO_BLK_S_OK, else fails with code 1.
// So after it the disk's sector 1 holds a copy of sector 0 and nothing else changed.
// `hostile`: the first request's data buffer lies outside RAM, which puts the device in
// DEVICE_NEEDS_RESET (a device error); the guest then passes at once, without waiting.
//
// The queue and both requests are data in the image (DATA = 0x8000_1000), the code only rings.

import { VIRTIO_BLK_T_IN, VIRTIO_BLK_T_OUT } from "../../src/devices/virtio/blk.js";
import { REG, STATUS } from "../../src/devices/virtio/mmio.js";
import { VIRTQ_DESC_F_NEXT, VIRTQ_DESC_F_WRITE } from "../../src/devices/virtio/queue.js";
import { FINISHER_BASE, FINISHER_FAIL, FINISHER_PASS } from "../../src/devices/test-finisher.js";
import { VIRTIO_MMIO_BASE } from "../../src/devices/virtio/mmio.js";
import { addi, auipc, bne, code, jal, lbu, lhu, lui, sw } from "./rv.js";

const RAM_BASE = 0x8000_0000;
/** Offsets in the data page. */
const DATA = 0x1000;
const DESC = 0x000;
const AVAIL = 0x100;
const USED = 0x140;
const HEADERS = 0x200;
const STATUSES = 0x300;
const BUFFER = 0x400;
const SECTOR = 512;
const QUEUE_SIZE = 8;
const PASS_WORDS = 5;
const VERSION_1_HIGH = 1; // VIRTIO_F_VERSION_1 is bit 32: bit 0 of the second feature word

const [ZERO, T0, T1, T2, T3, S0] = [0, 5, 6, 7, 28, 8];

export function blkGuest(options: { hostile?: boolean } = {}): Uint8Array {
  const image = new Uint8Array(DATA + BUFFER + SECTOR);
  const view = new DataView(image.buffer);
  const addr = (offset: number) => BigInt(RAM_BASE + DATA + offset);
  const desc = (k: number, at: bigint, len: number, flags: number, next = 0) => {
    const o = DATA + DESC + 16 * k;
    view.setBigUint64(o, at, true);
    view.setUint32(o + 8, len, true);
    view.setUint16(o + 12, flags, true);
    view.setUint16(o + 14, next, true);
  };
  // Request 0: IN sector 0 -> buffer. Request 1 (descriptors 3..5): OUT buffer -> sector 1.
  desc(0, addr(HEADERS), 16, VIRTQ_DESC_F_NEXT, 1);
  desc(1, options.hostile ? 0x1000n : addr(BUFFER), SECTOR, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2);
  desc(2, addr(STATUSES), 1, VIRTQ_DESC_F_WRITE);
  desc(3, addr(HEADERS + 16), 16, VIRTQ_DESC_F_NEXT, 4);
  desc(4, addr(BUFFER), SECTOR, VIRTQ_DESC_F_NEXT, 5);
  desc(5, addr(STATUSES + 1), 1, VIRTQ_DESC_F_WRITE);
  view.setUint16(DATA + AVAIL + 4, 0, true); // ring[0]: request 0's head
  view.setUint16(DATA + AVAIL + 6, 3, true); // ring[1]: request 1's head
  view.setUint32(DATA + HEADERS, VIRTIO_BLK_T_IN, true); // sector 0 (the u64 after it)
  view.setUint32(DATA + HEADERS + 16, VIRTIO_BLK_T_OUT, true);
  view.setBigUint64(DATA + HEADERS + 16 + 8, 1n, true);
  image[DATA + STATUSES] = image[DATA + STATUSES + 1] = 0xff; // the device writes 0 (OK)

  const words: number[] = [];
  const emit = (...w: number[]) => words.push(...w);
  const set = (reg: number, value: number) => emit(addi(T1, ZERO, value), sw(T1, T0, reg));
  /** Publishes `count` requests in avail.idx, notifies queue 0, polls used.idx until it is `count`. */
  const submit = (count: number, wait: boolean) => {
    emit(lui(T1, count << 4), sw(T1, S0, AVAIL), sw(ZERO, T0, REG.QueueNotify));
    if (!wait) return;
    emit(addi(T3, ZERO, count), lhu(T2, S0, USED + 2), bne(T2, T3, -4));
  };
  emit(auipc(S0, DATA >> 12)); // S0 = DATA (this is the entry, at RAM_BASE)
  emit(lui(T0, Number(VIRTIO_MMIO_BASE >> 12n)));
  set(REG.Status, 0);
  set(REG.Status, STATUS.ACKNOWLEDGE);
  set(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER);
  set(REG.DriverFeaturesSel, 1);
  set(REG.DriverFeatures, VERSION_1_HIGH);
  set(REG.DriverFeaturesSel, 0);
  set(REG.DriverFeatures, 0);
  set(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.FEATURES_OK);
  set(REG.QueueSel, 0);
  set(REG.QueueNum, QUEUE_SIZE);
  for (const [low, offset] of [[REG.QueueDescLow, DESC], [REG.QueueDriverLow, AVAIL], [REG.QueueDeviceLow, USED]] as const) {
    emit(addi(T1, S0, offset), sw(T1, T0, low), sw(ZERO, T0, low + 4));
  }
  set(REG.QueueReady, 1);
  set(REG.Status, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.FEATURES_OK | STATUS.DRIVER_OK);
  submit(1, !options.hostile);
  if (!options.hostile) {
    submit(2, true);
    // Both statuses 0 (VIRTIO_BLK_S_OK), else on to `fail`, past the PASS_WORDS that pass.
    emit(lbu(T2, S0, STATUSES), bne(T2, ZERO, 4 * (3 + PASS_WORDS)), lbu(T2, S0, STATUSES + 1), bne(T2, ZERO, 4 * (1 + PASS_WORDS)));
  }
  /** Writes `value` to the test finisher and stays there: PASS_WORDS instructions. */
  const finish = (value: number) => emit(lui(T0, Number(FINISHER_BASE >> 12n)), lui(T1, (value + 0x800) >> 12), addi(T1, T1, ((value & 0xfff) << 20) >> 20), sw(T1, T0, 0), jal(ZERO, 0));
  finish(FINISHER_PASS);
  finish((1 << 16) | FINISHER_FAIL);
  const text = code(...words);
  if (text.length > DATA) throw new Error("blk guest: code overlaps its data");
  image.set(text, 0);
  return image;
}
