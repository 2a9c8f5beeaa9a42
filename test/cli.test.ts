import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { EXIT_GUEST_FAILED, EXIT_MAX_INSNS, EXIT_OK, EXIT_USAGE, main, parseSize } from "../src/cli.js";

const guest = (p: string) => fileURLToPath(new URL(`../guests/${p}`, import.meta.url));

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, (s) => (out += typeof s === "string" ? s : new TextDecoder().decode(s)), (s) => (err += s));
  return { code, out, err };
}

describe("rvisor run", () => {
  it("runs a guest to its HTIF pass with its console on stdout", async () => {
    const r = await cli("run", guest("bench/empty.elf"));
    expect(r).toMatchObject({ code: EXIT_OK, err: "" });
  });

  it("stops at --max-insns with a distinct status and says so", async () => {
    const r = await cli("run", "--max-insns", "5000", guest("bench/intmix.elf"));
    expect(r.code).toBe(EXIT_MAX_INSNS);
    expect(r.err).toMatch(/stopped after 5000 instructions/);
  });

  it("reports a failing HTIF test number", async () => {
    const r = await cli("run", guest("demo/htif-fail.elf"));
    expect(r.code).toBe(EXIT_GUEST_FAILED);
    expect(r.err).toMatch(/FAIL: test 3\b/);
  });

  it("rejects input that is not a RISC-V ELF in one line", async () => {
    const r = await cli("run", fileURLToPath(new URL("../package.json", import.meta.url)));
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/not an ELF file/);
  });

  it("rejects RAM too small for the image, naming the segment", async () => {
    const r = await cli("run", "--memory", "4K", guest("bench/intmix.elf"));
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toMatch(/segment \d+ .* lies outside RAM/);
  });

  it("explains bad options and missing files", async () => {
    expect((await cli("run", "--frob", "x.elf")).err).toMatch(/unknown option '--frob'/);
    expect((await cli("run", "--max-insns", "-3", "x.elf")).err).toMatch(/positive whole number/);
    expect((await cli("run", "/nonexistent.elf")).err).toMatch(/cannot read \/nonexistent.elf: ENOENT/);
    expect((await cli("run")).code).toBe(EXIT_USAGE);
  });

  it("parses sizes with units", () => {
    expect(parseSize("64M")).toBe(64 << 20);
    expect(parseSize("1G")).toBe(1 << 30);
    expect(parseSize("4096")).toBe(4096);
    expect(() => parseSize("lots")).toThrow(/invalid size/);
  });
});
