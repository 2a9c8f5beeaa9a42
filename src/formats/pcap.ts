// The classic libpcap file format (what Wireshark and tcpdump read), for a switch's traffic:
//
//   global header (24 bytes)  magic 0xa1b2c3d4 (microsecond timestamps), version 2.4,
//                             thiszone 0, sigfigs 0, snaplen, network 1 (LINKTYPE_ETHERNET)
//   per frame (16 + n bytes)  ts_sec, ts_usec, incl_len, orig_len, then the frame
//
// All fields little-endian (the magic tells readers the byte order). Timestamps are guest time,
// so a deterministic run writes the same file every time.

/** Frames are recorded whole up to this length (a switch's largest frame). */
export const PCAP_SNAPLEN = 65549;
const LINKTYPE_ETHERNET = 1;

export function pcapHeader(): Uint8Array {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xa1b2_c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, PCAP_SNAPLEN, true);
  v.setUint32(20, LINKTYPE_ETHERNET, true);
  return b;
}

/** One frame's record, stamped `us` microseconds after the start. */
export function pcapRecord(us: number, frame: Uint8Array): Uint8Array {
  const n = Math.min(frame.length, PCAP_SNAPLEN);
  const b = new Uint8Array(16 + n);
  const v = new DataView(b.buffer);
  v.setUint32(0, Math.floor(us / 1e6), true);
  v.setUint32(4, Math.floor(us % 1e6), true);
  v.setUint32(8, n, true);
  v.setUint32(12, frame.length, true);
  b.set(frame.subarray(0, n), 16);
  return b;
}
