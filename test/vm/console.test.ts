import { describe, expect, it } from "vitest";
import { ConsoleBackend } from "../../src/vm/console.js";

describe("ConsoleBackend", () => {
  it("gives every byte the guest writes to every listener, until a listener is removed", () => {
    const c = new ConsoleBackend();
    const a: number[] = [];
    const b: number[] = [];
    c.listen((x) => a.push(x));
    const stopB = c.listen((x) => b.push(x));
    c.output(1);
    stopB();
    stopB(); // twice is harmless
    c.output(2);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1]);
  });

  it("queues input in order: peek looks, take removes", () => {
    const c = new ConsoleBackend();
    c.send(new Uint8Array([1, 2, 3]));
    c.send(new Uint8Array([4]));
    expect(c.pending).toBe(4);
    expect(c.peek(2)).toEqual([1, 2]);
    expect(c.pending).toBe(4);
    expect(c.take(3)).toEqual([1, 2, 3]);
    expect(c.take(10)).toEqual([4]);
    expect(c.take(10)).toEqual([]);
  });

  it("says whether input is held open: none, then held while any hold is open, then ended", () => {
    const c = new ConsoleBackend();
    expect(c.source).toBe("none");
    c.hold();
    c.hold();
    expect(c.source).toBe("held");
    c.release();
    expect(c.source).toBe("held");
    c.release();
    expect(c.source).toBe("ended");
    c.release(); // more releases than holds do not go below zero
    c.hold();
    expect(c.source).toBe("held");
  });
});
