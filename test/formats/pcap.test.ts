import { describe, expect, it } from "vitest";
import { pcapHeader, pcapRecord, PCAP_SNAPLEN } from "../../src/formats/pcap.js";

describe("pcap", () => {
  it("writes libpcap's global header: magic, version 2.4, snaplen, Ethernet", () => {
    const v = new DataView(pcapHeader().buffer);
    expect([v.getUint32(0, true), v.getUint16(4, true), v.getUint16(6, true), v.getUint32(16, true), v.getUint32(20, true)]).toEqual([0xa1b2c3d4, 2, 4, PCAP_SNAPLEN, 1]);
  });

  it("stamps each frame with seconds and microseconds and keeps its length", () => {
    const frame = Uint8Array.from({ length: 60 }, (_, i) => i);
    const r = pcapRecord(3_000_123.9, frame);
    const v = new DataView(r.buffer);
    expect([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true)]).toEqual([3, 123, 60, 60]);
    expect(r.subarray(16)).toEqual(frame);
  });
});
