import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ArgumentError, DEMO_GUESTS, demoGuest, demoGuestUrl, type DemoGuestName } from "../src/index.js";

describe("demoGuest()", () => {
  it("gives the bytes of each demo guest the package ships", async () => {
    for (const name of DEMO_GUESTS) {
      expect(await demoGuest(name), name).toEqual(new Uint8Array(readFileSync(new URL(`../guests/demo/${name}`, import.meta.url))));
    }
  });

  it("refuses a name that is not a demo guest with an ArgumentError listing them (no paths out of guests/demo)", () => {
    for (const name of ["nope.elf", "../../package.json", "hello"]) {
      expect(() => demoGuestUrl(name as DemoGuestName)).toThrow(ArgumentError);
      expect(() => demoGuestUrl(name as DemoGuestName)).toThrow(/there are hello\.elf, echo\.elf/);
    }
  });
});
