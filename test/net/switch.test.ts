import { describe, expect, it } from "vitest";
import { MAX_LEARNED, NetworkSwitch } from "../../src/net/switch.js";

const mac = (n: number) => [0x02, 0, 0, 0, 0, n];
const frame = (to: number[], from: number[]) => Uint8Array.from([...to, ...from, 0x08, 0x00, 1, 2, 3]);
const BROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

function lan(ports = 3) {
  const sw = new NetworkSwitch("lan");
  const got: string[][] = Array.from({ length: ports }, () => []);
  const p = got.map((g, i) => sw.attach((f) => g.push(`${f[11]}->${f[5]}`), `p${i}`));
  return { sw, got, p };
}

describe("NetworkSwitch (learning bridge)", () => {
  it("floods a frame to an unknown address to every other port, then forwards to the learned port only", async () => {
    const { got, p } = lan();
    p[0]!.send(frame(mac(2), mac(1)));
    expect(got).toEqual([[], ["1->2"], ["1->2"]]);
    p[1]!.send(frame(mac(1), mac(2)));
    expect(got).toEqual([["2->1"], ["1->2"], ["1->2"]]);
  });

  it("floods broadcast and multicast; never learns a multicast source", async () => {
    const { sw, got, p } = lan();
    p[0]!.send(frame(BROADCAST, mac(1)));
    expect(got.map((g) => g.length)).toEqual([0, 1, 1]);
    p[1]!.send(frame(mac(1), [0x03, 0, 0, 0, 0, 9]));
    p[2]!.send(frame([0x03, 0, 0, 0, 0, 9], mac(3)));
    expect(got[1]).toHaveLength(2);
    expect(sw.counters.flooded).toBe(2);
  });

  it("drops frames shorter than an Ethernet header or longer than 64 KiB of payload, and counts them", async () => {
    const { sw, got, p } = lan();
    p[0]!.send(new Uint8Array(13));
    p[0]!.send(new Uint8Array(14 + 65536));
    expect(got.flat()).toEqual([]);
    expect(sw.counters.dropped).toBe(2);
  });

  it("forgets a detached port and what it learned there; taps see every frame with its sender", async () => {
    const { sw, got, p } = lan();
    const tapped: string[] = [];
    sw.onFrame((_, from) => tapped.push(from));
    p[2]!.send(frame(BROADCAST, mac(3)));
    p[2]!.detach();
    p[0]!.send(frame(mac(3), mac(1)));
    expect(got[1]).toHaveLength(2);
    expect(tapped).toEqual(["p2", "p0"]);
  });

  it("delivers a frame sent while receiving after the current one, never recursively (an echoing port)", async () => {
    const sw = new NetworkSwitch("lan");
    let echoes = 0;
    // Two ports that send back what they get, 20,000 times between them: delivered at once,
    // each echo would be a deeper call, and the stack would overflow long before.
    const a = sw.attach((f) => void (echoes++ < 20_000 && a.send(f)), "a");
    const b = sw.attach((f) => void (echoes++ < 20_000 && b.send(f)), "b");
    a.send(frame(BROADCAST, mac(1)));
    expect(echoes).toBeGreaterThan(20_000);
    expect(sw.counters.frames).toBe(20_001);
  });

  it("counts a receiver that throws and still delivers to the others", async () => {
    const { sw, got, p } = lan(2);
    sw.attach(() => {
      throw new Error("a broken port of the embedder's");
    }, "broken");
    p[0]!.send(frame(BROADCAST, mac(1)));
    expect(got[1]).toHaveLength(1);
    expect(sw.counters.receiveErrors).toBe(1);
  });

  it("remembers at most MAX_LEARNED addresses, forgetting the least recently seen", async () => {
    const { sw, got, p } = lan(2);
    p[1]!.send(frame(BROADCAST, mac(2))); // learned first
    for (let n = 0; n < MAX_LEARNED; n++) p[0]!.send(frame(BROADCAST, [0x02, 1, 0, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]));
    got[1]!.length = 0;
    got[0]!.length = 0;
    // mac(2) was pushed out: a frame to it is flooded (port 1 gets it, and so does no one else here).
    p[0]!.send(frame(mac(2), [0x02, 1, 0, 0, 0, 0]));
    expect(sw.counters.flooded).toBe(MAX_LEARNED + 2);
    expect(got[1]).toHaveLength(1);
  });
});
