import { describe, expect, it } from "vitest";
import { parseSize } from "../../src/cli/args.js";

describe("rvisor's arguments", () => {
  it("parses sizes with units", () => {
    expect(parseSize("64M")).toBe(64 << 20);
    expect(parseSize("1G")).toBe(1 << 30);
    expect(parseSize("4096")).toBe(4096);
    expect(() => parseSize("lots")).toThrow(/invalid size/);
  });
});
