import { describe, expect, it } from "vitest";
import { CONSOLE_LINE_MAX, consoleSink, type ConsoleLine } from "../../src/cli/console-sink.js";

describe("console sink", () => {
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


  it("ends another VM's open partial line before a line of its own, and prefixes the continuation again", () => {
    let out = "";
    const line: ConsoleLine = { owner: undefined };
    const a = consoleSink("a", true, (s) => (out += s), line);
    const b = consoleSink("b", true, (s) => (out += s), line);
    const put = (sink: typeof a, text: string) => [...text].forEach((c) => sink.write(c.charCodeAt(0)));
    put(a, "a> ");
    a.idle();
    put(a, "typed");
    a.idle();
    put(a, "\n");
    put(b, "b> ");
    b.idle();
    put(a, "line\n");
    put(b, "more");
    b.flush();
    a.flush();
    expect(out).toBe("[a] a> typed\n[b] b> \n[a] line\n[b] more\n");
  });
});
