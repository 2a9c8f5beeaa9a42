import { describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT_GUEST_FAILED, EXIT_MAX_INSNS, EXIT_OK, EXIT_USAGE, main } from "../../src/cli/cli.js";
import { parseCount } from "../../src/cli/args.js";
import { CONSOLE_LINE_MAX } from "../../src/cli/console-sink.js";
import type { InputSource } from "../../src/cli/terminal.js";
import { linuxImage } from "../helpers/image.js";
import * as rv from "../helpers/rv.js";

const guest = (p: string) => fileURLToPath(new URL(`../../guests/${p}`, import.meta.url));

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, (s) => (out += typeof s === "string" ? s : new TextDecoder().decode(s)), (s) => (err += s));
  return { code, out, err };
}

const BIN = fileURLToPath(new URL("../../bin/rvisor.js", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real CLI as a process (bin/rvisor.js over dist/), stdin a pipe the test writes to. */
function rvisor(args: string[], command = process.execPath, argv = [BIN, ...args]) {
  const child = spawn(command, argv, { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  return {
    child,
    exited,
    get out() {
      return out;
    },
    /** Resolves once stdout matches, or fails with what there is after `ms`. */
    async waitFor(re: RegExp, ms = 10_000) {
      const until = performance.now() + ms;
      while (!re.test(out)) {
        if (performance.now() > until || child.exitCode !== null) throw new Error(`no ${re} in stdout: ${JSON.stringify(out)}, stderr: ${JSON.stringify(err)}`);
        await sleep(10);
      }
    },
  };
}

/** CPU time (user + system, in clock ticks) a process has used: /proc/<pid>/stat fields 14, 15. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
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
    const r = await cli("run", fileURLToPath(new URL("../../package.json", import.meta.url)));
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
    const notImage = await cli("run", "--kernel", fileURLToPath(new URL("../../package.json", import.meta.url)));
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
    // The second view: the same exits at KVM's costs, dearest for trap-and-emulate, cheapest for Sstc.
    const at = (name: string) => Number(new RegExp(`  ${name.replace(/[()&]/g, "\\$&")}: ([\\d,]+) cycles`).exec(r.out)?.[1]?.replaceAll(",", ""));
    expect(r.out).toContain("At KVM's exit costs (--exit-cost kvm) they would have cost:");
    expect(at("tick-m (trap & emulate)")).toBeGreaterThan(at("tick-s (SBI)"));
    expect(at("tick-s (SBI)")).toBeGreaterThan(at("tick-sstc (Sstc)"));
    expect(at("tick-sstc (Sstc)")).toBeGreaterThan(0);
  }, 60_000);
});


describe("rvisor run: console input (the real CLI, stdin a pipe)", () => {
  const echo = guest("demo/echo.elf");

  it("gives piped lines to the guest, which waits for them: printf 'hello\\nquit\\n' | rvisor run echo.elf", async () => {
    const p = rvisor(["run", echo]);
    p.child.stdin.end("hello\nquit\n");
    const r = await p.exited;
    expect(r).toMatchObject({ code: EXIT_OK, err: "" });
    expect(r.out).toContain("echo> hello\necho: hello\necho> quit\necho: bye\n");
  });

  it("waits for input that comes late without spinning, and stops the guest once stdin ended, saying so", async () => {
    const p = rvisor(["run", echo]);
    await p.waitFor(/echo> $/);
    await sleep(200);
    const before = cpuTicks(p.child.pid!);
    await sleep(500);
    expect(cpuTicks(p.child.pid!) - before).toBeLessThan(10); // < 0.1 s of CPU in 0.5 s: it sleeps
    p.child.stdin.write("late\n");
    await p.waitFor(/echo: late\necho> $/);
    p.child.stdin.end();
    const r = await p.exited;
    expect(r.code).toBe(EXIT_GUEST_FAILED);
    expect(r.err).toMatch(/^rvisor: guest: stopped: waits for an interrupt \(wfi at pc 0x8000[0-9a-f]{4}\) that nothing will raise: its input ended\n$/);
  });

  it("--realtime: exits when the guest ends although stdin is still open", async () => {
    const p = rvisor(["run", "--realtime", echo]);
    await p.waitFor(/echo> $/);
    p.child.stdin.write("quit\n");
    const r = await Promise.race([p.exited, sleep(5000).then(() => "still running")]);
    p.child.kill();
    expect(r).toMatchObject({ code: EXIT_OK, out: expect.stringContaining("echo: bye") });
  });
});

describe("rvisor run: signals", () => {
  for (const [signal, status] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`${signal} stops the guests, prints the table, writes --json and --trace, exits ${status}`, async () => {
      const d = mkdtempSync(join(tmpdir(), "rvisor-cli-"));
      const p = rvisor(["run", "--json", join(d, "r.json"), "--trace", join(d, "t.json"), guest("demo/echo.elf")]);
      await p.waitFor(/echo> $/);
      p.child.kill(signal);
      const r = await p.exited;
      expect(r.code).toBe(status);
      expect(r.out).toMatch(new RegExp(`^echo: stopped \\(stopped by ${signal}\\)$`, "m"));
      expect(r.out).toMatch(/^  wfi +\d+/m);
      expect(r.err).toBe(`rvisor: guest: stopped: stopped by ${signal}\n`);
      expect(JSON.parse(readFileSync(join(d, "r.json"), "utf8")).vms[0]).toMatchObject({ name: "echo", outcome: "stopped" });
      expect(JSON.parse(readFileSync(join(d, "t.json"), "utf8")).traceEvents.length).toBeGreaterThan(0);
    });
  }
});

describe("rvisor run: several guests' partial lines", () => {
  it("shows a prompt when its VM waits, prefixed once; the typed continuation follows unprefixed", async () => {
    let out = "";
    const listeners = { data: [] as ((c: Uint8Array) => void)[], end: [] as (() => void)[] };
    const input = {
      on: (e: "data" | "end", l: never) => listeners[e].push(l),
      off: () => {},
    } as unknown as InputSource;
    const done = main(["run", "--name", "a", guest("demo/echo.elf"), "--name", "b", guest("demo/echo.elf")], (s) => (out += typeof s === "string" ? s : new TextDecoder().decode(s)), () => {}, input);
    for (let i = 0; i < 500 && !/\[b\] echo> /.test(out); i++) await sleep(10);
    expect(out).toBe('[a] echo: type a line, "quit" to stop\n[a] echo> \n[b] echo: type a line, "quit" to stop\n[b] echo> ');
    for (const l of listeners.data) l(new TextEncoder().encode("hi\n"));
    for (const l of listeners.end) l();
    expect(await done).toBe(EXIT_GUEST_FAILED);
    expect(out).toMatch(/^\[b\] echo> \n\[a\] hi\n\[a\] echo: hi\n\[a\] echo> \n\n/m);
  });
});

describe("rvisor options", () => {
  it("prints the usage for run --help and demo --help, and the version", async () => {
    for (const argv of [["run", "--help"], ["demo", "--help"], ["run", "-h"], ["run", guest("demo/hello.elf"), "--help"]]) {
      const r = await cli(...argv);
      expect(r, argv.join(" ")).toMatchObject({ code: EXIT_OK, err: "" });
      expect(r.out).toMatch(/^usage: rvisor run/);
    }
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    expect(await cli("--version")).toEqual({ code: EXIT_OK, out: `rvisor ${version}\n`, err: "" });
  });

  it("takes --opt=value, -m, and counts as 1e4 or 1_000", async () => {
    expect((await cli("run", "--max-insns=1e4", guest("bench/intmix.elf"))).err).toMatch(/stopped after 10000 instructions/);
    expect((await cli("run", "--max-insns", "1_000", "--quantum=1e3", guest("bench/intmix.elf"))).err).toMatch(/stopped after 1000 instructions/);
    expect((await cli("run", "-m", "4K", guest("bench/intmix.elf"))).err).toMatch(/lies outside RAM/);
    expect((await cli("run", "--memory=4K", guest("bench/intmix.elf"))).err).toMatch(/lies outside RAM/);
    expect(parseCount("--x", "2.5e6")).toBe(2_500_000);
    for (const bad of ["1e-3", "1.5", "0", "1__0", "0x10", "1e99"]) expect(() => parseCount("--x", bad), bad).toThrow(/positive whole number/);
  });

  it("applies guest options to the guest that follows them", async () => {
    const r = await cli("run", "--name", "x", "-m", "4K", "--mode", "kernel", guest("demo/tick-s.elf"), "-m", "1M", guest("demo/hello.elf"));
    expect(r.err).toMatch(/^rvisor: .*tick-s.elf: ELF segment 0 .* lies outside RAM/);
    const ok = await cli("run", "--name", "x", "-m", "1M", guest("demo/hello.elf"), "--name", "y", guest("demo/hello.elf"));
    expect(ok.code).toBe(EXIT_OK);
    expect(ok.out).toMatch(/^\[x\] hello/m);
    expect(ok.out).toMatch(/^\[y\] hello/m);
  });

  it("keeps bad options to one line and status 2", async () => {
    for (const [argv, message] of [
      [["run", "--stats=yes", "a.elf"], "--stats takes no value"],
      [["run", "a.elf", "--name"], "--name needs a value"],
      [["run", "--name", "--sstc", "a.elf"], "--name needs a value"],
      [["run", "-z", "a.elf"], "unknown option '-z'"],
      [["run", "--frob=1", "a.elf"], "unknown option '--frob'"],
      [["run", "--quantum", "lots", "a.elf"], "--quantum needs a positive whole number (e.g. 1000000, 1_000_000 or 1e6), got 'lots'"],
    ] as const) {
      const r = await cli(...argv);
      expect(r, argv.join(" ")).toEqual({ code: EXIT_USAGE, out: "", err: `rvisor: ${message}\nrun 'rvisor --help' for usage\n` });
    }
  });

  it("checks the --json and --trace paths before the run, in one line", async () => {
    const d = mkdtempSync(join(tmpdir(), "rvisor-cli-"));
    const locked = join(d, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const cases: [string[], RegExp][] = [
      [["--json", d], /^rvisor: --json .*: is a directory\n$/],
      [["--trace", join(d, "no", "t.json")], /^rvisor: --trace .*: no directory .*\n$/],
      [["--json", join(d, "x", "y")], /^rvisor: --json .*: no directory/],
    ];
    // root may write anywhere: the permission case only holds for other users.
    if (process.getuid?.() !== 0) cases.push([["--json", join(locked, "r.json")], /^rvisor: --json .*: cannot create a file in .* \(EACCES\)\n$/]);
    for (const [options, message] of cases) {
      const r = await cli("run", ...options, guest("demo/hello.elf"));
      expect(r, options.join(" ")).toMatchObject({ code: EXIT_USAGE, out: "", err: expect.stringMatching(message) });
    }
  });
});

describe("rvisor run: the boot mode from the image", () => {
  it("boots an ELF entered at 0x80200000 in kernel mode, saying so in one line", async () => {
    const r = await cli("run", guest("demo/tick-s.elf"));
    expect(r.code).toBe(EXIT_OK);
    expect(r.err).toBe("rvisor: tick-s: entry 0x80200000, booting in kernel mode (S-mode, hypervisor SBI); --mode firmware to override\n");
    expect(r.out).toMatch(/tick-s: 50 ticks/);
  });

  it("boots a raw Linux Image given as the guest in kernel mode", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rvisor-cli-")), "Image");
    // An S-mode kernel that shuts down at once through SBI SRST (a7 = "SRST", a6 = 0, a0 = 0).
    writeFileSync(file, linuxImage(4096, 4096, [rv.lui(17, 0x53525), rv.addi(17, 17, 0x354), rv.addi(16, 0, 0), rv.addi(10, 0, 0), rv.addi(11, 0, 0), rv.ECALL]));
    const r = await cli("run", file);
    expect(r).toMatchObject({ code: EXIT_OK, err: "rvisor: Image: a RISC-V Linux Image, booting in kernel mode (S-mode, hypervisor SBI); --mode firmware to override\n" });
  });

  it("names the option that would have helped a guest that dies at once", async () => {
    expect((await cli("run", "--mode", "firmware", guest("demo/tick-s.elf"))).err).toMatch(/^rvisor: guest: it died after \d+ instructions in M-mode: .* try --mode kernel$/m);
    expect((await cli("run", "--mode", "kernel", guest("demo/tick-m.elf"))).err).toMatch(/^rvisor: guest: it died after \d+ instructions in S-mode: .* try --mode firmware$/m);
    expect((await cli("run", "--max-insns", "5000", guest("bench/intmix.elf"))).err).not.toMatch(/try --mode/);
  });
});

describe.skipIf(!existsSync("/usr/bin/script"))("rvisor run on a terminal (a pseudo-terminal from script(1))", () => {
  /** `shell` run by sh on a new pseudo-terminal; what the test writes is typed at it. */
  const onTerminal = (shell: string) => rvisor([], "script", ["-qfec", shell, "/dev/null"]);
  const echo = "node bin/rvisor.js run guests/demo/echo.elf";
  // `stty -a` after rvisor: the terminal is back in cooked mode (canonical input, local echo).
  const restored = /\bisig icanon iexten echo\b/;

  for (const realtime of [false, true]) {
    it(`takes keys raw${realtime ? " (--realtime)" : ""}: Enter ends a line, Ctrl-C goes to the guest, Ctrl-A x quits; the terminal is restored`, async () => {
      const p = onTerminal(`${echo}${realtime ? " --realtime" : ""}; echo rc=$?; stty -a`);
      await p.waitFor(/echo> $/);
      p.child.stdin.write("hi\r");
      await p.waitFor(/echo: hi\r\necho> $/);
      p.child.stdin.write("\x03"); // ^C: the guest ignores it, rvisor does not end
      p.child.stdin.write("ok\r");
      await p.waitFor(/echo: ok\r\necho> $/);
      p.child.stdin.write("\x01x");
      const r = await p.exited;
      expect(r.out).toContain("rvisor: guest: stopped: stopped from the console (Ctrl-A x)\r\nrc=1\r\n");
      expect(r.out).toMatch(restored);
    });
  }

  it("--realtime: ends when the guest ends (quit), the terminal still open, with status 0", async () => {
    const p = onTerminal(`${echo} --realtime; echo rc=$?; stty -a`);
    await p.waitFor(/echo> $/);
    p.child.stdin.write("quit\r");
    const r = await Promise.race([p.exited, sleep(5000).then(() => ({ out: `still running: ${p.out}` }))]);
    p.child.kill();
    expect(r.out).toContain("echo: bye\r\nrc=0\r\n");
    expect(r.out).toMatch(restored);
  });

  it("restores the terminal after SIGTERM; Ctrl-A s prints the table meanwhile", async () => {
    // sh gives a command in the background /dev/null as stdin unless told otherwise: fd 3.
    const p = onTerminal(`exec 3<&0; ${echo} <&3 & pid=$!; while [ ! -e /tmp/rvisor-go-$$ ]; do sleep 0.05; done; kill -TERM $pid; wait $pid; echo rc=$?; stty -a; rm -f /tmp/rvisor-go-$$`);
    await p.waitFor(/echo> $/);
    p.child.stdin.write("\x01s");
    await p.waitFor(/exit +count/);
    const pid = /\d+/.exec(execFileSync("pgrep", ["-P", String(p.child.pid)], { encoding: "utf8" }))![0];
    writeFileSync(`/tmp/rvisor-go-${pid}`, "");
    const r = await p.exited;
    expect(r.out).toMatch(/rc=143\r\n/);
    expect(r.out).toMatch(restored);
  });
});
