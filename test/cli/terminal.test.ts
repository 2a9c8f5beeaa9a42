import { describe, expect, it } from "vitest";
import { escapeKeys } from "../../src/cli/terminal.js";

describe("escape keys (raw terminal)", () => {
  it("passes bytes on, Ctrl-A Ctrl-A as one Ctrl-A, Ctrl-A x as a command, also split across chunks", () => {
    const sent: number[] = [];
    const commands: string[] = [];
    const keys = escapeKeys((b) => sent.push(...b), (k) => commands.push(k));
    keys(new Uint8Array([0x61, 0x03, 0x01, 0x01, 0x62, 0x01]));
    keys(new Uint8Array([0x78, 0x63]));
    expect(sent).toEqual([0x61, 0x03, 0x01, 0x62, 0x63]);
    expect(commands).toEqual(["x"]);
  });
});
