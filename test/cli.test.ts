import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CONSOLE_LINE_MAX, consoleSink, EXIT_GUEST_FAILED, EXIT_MAX_INSNS, EXIT_OK, EXIT_USAGE, main, parseSize } from "../src/cli.js";
import { linuxImage } from "./helpers/image.js";
import * as rv from "./helpers/rv.js";

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

  it("runs several guests side by side, prefixing console lines and printing the table", async () => {
    const json = join(mkdtempSync(join(tmpdir(), "rvisor-cli-")), "out.json");
    const r = await cli("run", "--json", json, guest("demo/hello.elf"), "--mode", "kernel", "--name", "ticks", guest("demo/tick-s.elf"));
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(/^\[hello\] hello: M-mode on hart 0/m);
    expect(r.out).toMatch(/^\[ticks\] tick-s: 50 ticks/m);
    expect(r.out).toMatch(/^ticks: pass \(SBI system reset: shutdown\)$/m);
    expect(r.out).toMatch(/^  hypercall +\d+/m);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.vms.map((v: { name: string; outcome: string }) => [v.name, v.outcome])).toEqual([["hello", "pass"], ["ticks", "pass"]]);
    expect(report.vms[1].exitsByReason.hypercall).toBeGreaterThanOrEqual(50);
    expect(report.vms[1].interrupts).toBe(50);
  });

  it("writes a Chrome trace with --trace", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rvisor-cli-")), "trace.json");
    expect((await cli("run", "--trace", file, guest("demo/hello.elf"))).code).toBe(EXIT_OK);
    const trace = JSON.parse(readFileSync(file, "utf8"));
    expect(trace.traceEvents.some((e: { name: string; ph: string }) => e.name === "hello" && e.ph === "X")).toBe(true);
  });

  it("exits non-zero when one of several guests fails, naming it", async () => {
    const r = await cli("run", guest("demo/hello.elf"), guest("demo/htif-fail.elf"));
    expect(r.code).toBe(EXIT_GUEST_FAILED);
    expect(r.err).toMatch(/htif-fail: FAIL: test 3/);
  });

  it("checks how a guest's images go together", async () => {
    expect((await cli("run", "--firmware", "fw.bin", guest("demo/hello.elf"))).err).toMatch(/either as one ELF or with --kernel\/--firmware/);
    expect((await cli("run", "--mode", "kernel", "--firmware", "fw.bin", "--kernel", "Image")).err).toMatch(/--firmware runs in M-mode/);
    expect((await cli("run", "--initrd", "x", guest("demo/hello.elf"))).err).toMatch(/--initrd needs --kernel/);
    const notImage = await cli("run", "--kernel", fileURLToPath(new URL("../package.json", import.meta.url)));
    expect(notImage.err).toMatch(/not a RISC-V Linux Image .* and not an ELF file/);
    expect(notImage.code).toBe(EXIT_USAGE);
  });

  it("boots a kernel in S-mode with the hypervisor's SBI: --kernel alone", async () => {
    const r = await cli("run", "--kernel", guest("demo/tick-s.elf"), "--", "--kernel", guest("demo/tick-sstc.elf"), "--sstc");
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(/\[tick-s\] tick-s: 50 ticks/);
    expect(r.out).toMatch(/\[tick-sstc\] tick-sstc: 50 ticks.*timer sstc/);
  });
});


describe("rvisor run: inputs that must not hold the process", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "rvisor-cli-"));

  it("cuts a console line that never ends, prefixed again, and writes the partial line before the table", async () => {
    // A kernel that prints 'x' through the legacy SBI putchar forever, never a newline.
    const file = join(dir(), "xs.img");
    writeFileSync(file, linuxImage(4096, 4096, [rv.addi(17, 0, 1), rv.addi(10, 0, 0x78), rv.ECALL, rv.jal(0, -8)]));
    const r = await cli("run", "--max-insns", "60000", "--name", "a", "--kernel", file, "--", "--name", "b", "--kernel", file);
    expect(r.code).toBe(EXIT_MAX_INSNS);
    const lines = r.out.split("\n");
    for (const name of ["a", "b"]) {
      const mine = lines.filter((l) => l.startsWith(`[${name}] `)).map((l) => l.slice(name.length + 3));
      expect(mine.length).toBeGreaterThan(1);
      for (const l of mine) expect(l).toMatch(new RegExp(`^x{1,${CONSOLE_LINE_MAX}}$`));
      expect(mine.slice(0, -1).every((l) => l.length === CONSOLE_LINE_MAX)).toBe(true);
      // Every byte printed reached the output: one putchar call each.
      const calls = new RegExp(`^${name}: max-insns[^]*?legacy putchar (\\d+)`, "m").exec(r.out)!;
      expect(mine.join("").length).toBe(Number(calls[1]));
      expect(lines.map((l) => l.startsWith(`[${name}] `)).lastIndexOf(true)).toBeLessThan(lines.findIndex((l) => l.startsWith(`${name}: max-insns`)));
    }
  });

  it("holds back at most CONSOLE_LINE_MAX bytes per guest; a UTF-8 character cut there is completed on the next line", () => {
    let out = "";
    const sink = consoleSink("g", true, (s) => (out += s));
    const text = new TextEncoder().encode("a".repeat(CONSOLE_LINE_MAX - 1) + "é\r\nnext");
    for (const b of text) sink.write(b);
    expect(out).toBe(`[g] ${"a".repeat(CONSOLE_LINE_MAX - 1)}\n[g] é\n`);
    sink.flush();
    expect(out.endsWith("[g] next\n")).toBe(true);
    out = "";
    for (const b of new TextEncoder().encode("b".repeat(CONSOLE_LINE_MAX) + "\n")) sink.write(b);
    expect(out).toBe(`[g] ${"b".repeat(CONSOLE_LINE_MAX)}\n`); // no empty line after a cut at the newline
  });

  it("refuses images that are not regular files or are larger than the guest's RAM, in one line", async () => {
    const d = dir();
    const fifo = join(d, "fifo");
    execFileSync("mkfifo", [fifo]);
    const fromFifo = await cli("run", "--kernel", fifo);
    expect(fromFifo).toMatchObject({ code: EXIT_USAGE, err: `rvisor: ${fifo}: not a regular file: images are read from files\n` });
    if (existsSync("/dev/zero")) {
      expect(await cli("run", "--kernel", "/dev/zero")).toMatchObject({ code: EXIT_USAGE, err: expect.stringMatching(/^rvisor: \/dev\/zero: not a regular file[^\n]*\n$/) });
    }
    const big = join(d, "big.img");
    writeFileSync(big, linuxImage(8192, 8192));
    for (const args of [["--kernel", big], ["--kernel", guest("demo/tick-s.elf"), "--initrd", big], [big]]) {
      const r = await cli("run", "--memory", "4K", ...args);
      expect(r, args.join(" ")).toMatchObject({ code: EXIT_USAGE, err: `rvisor: ${big}: 8192 bytes, larger than the guest's 4096-byte RAM (--memory)\n` });
    }
  });
});

describe("rvisor demo", () => {
  it("runs the four demo VMs to a clean end with the table", async () => {
    const r = await cli("demo");
    expect(r.err).toBe("");
    expect(r.code).toBe(EXIT_OK);
    for (const name of ["tick-m (trap & emulate)", "tick-s (SBI)", "tick-sstc (Sstc)", "cpu-bound"]) {
      expect(r.out).toContain(`${name}: pass`);
    }
  }, 60_000);
});
