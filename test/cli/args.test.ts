import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseExitCost, parseRunArgs, parseSize, USAGE, UsageError } from "../../src/cli/args.js";
import { EXIT_OK, EXIT_USAGE, main } from "../../src/cli/cli.js";

const hello = fileURLToPath(new URL("../../guests/demo/hello.elf", import.meta.url));

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, (s) => (out += typeof s === "string" ? s : new TextDecoder().decode(s)), (s) => (err += s));
  return { code, out, err };
}

describe("rvisor's arguments", () => {
  it("parses sizes with units", () => {
    expect(parseSize("64M")).toBe(64 << 20);
    expect(parseSize("1G")).toBe(1 << 30);
    expect(parseSize("4096")).toBe(4096);
    expect(() => parseSize("lots")).toThrow(/invalid size/);
  });

  it("takes --jit on|off|eager and --no-jit, and the statistics say what the tier did", async () => {
    expect(parseRunArgs(["a.elf"]).jit).toBeUndefined();
    expect(parseRunArgs(["--no-jit", "a.elf"]).jit).toBe(false);
    expect(parseRunArgs(["--jit", "eager", "a.elf"]).jit).toBe("eager");
    expect(parseRunArgs(["--jit=off", "a.elf"]).jit).toBe(false);
    expect(parseRunArgs(["--jit=on", "a.elf"]).jit).toBe(true);
    expect(() => parseRunArgs(["--jit", "fast", "a.elf"])).toThrow("--jit takes on, off or eager, got fast");
    expect(USAGE).toMatch(/--no-jit +the same as --jit off/);
    const eager = await cli("run", "--jit", "eager", "--stats", hello);
    expect(eager.code).toBe(EXIT_OK);
    expect(eager.out).toMatch(/compiling tier: [1-9][\d,]* regions \([\d,]+ blocks\) translated/);
    expect(eager.out).toMatch(/% translated\)/);
    const off = await cli("run", "--no-jit", "--stats", hello);
    expect(off.code).toBe(EXIT_OK);
    expect(off.out).not.toMatch(/compiling tier/);
  });

  it("takes --exit-cost N|kvm as a global option (0: exits take no guest time, the default)", () => {
    expect(parseRunArgs(["a.elf"]).exitCost).toBeUndefined();
    expect(parseRunArgs(["--exit-cost", "kvm", "a.elf"]).exitCost).toBe("kvm");
    expect(parseRunArgs(["--exit-cost=0", "a.elf"]).exitCost).toBe(0);
    expect(parseRunArgs(["a.elf", "--exit-cost", "2_000", "b.elf"])).toMatchObject({ exitCost: 2000, guests: [{ name: "a" }, { name: "b" }] });
    expect(parseRunArgs(["--exit-cost", "kvm"], false).exitCost).toBe("kvm"); // rvisor demo --exit-cost kvm
    expect(parseExitCost("--exit-cost", "1,300")).toBe(1300);
    for (const bad of ["-1", "lots", "1.5", "1e3", "KVM", "", "9007199254740993"]) {
      expect(() => parseExitCost("--exit-cost", bad), bad).toThrow(UsageError);
      expect(() => parseExitCost("--exit-cost", bad), bad).toThrow(`--exit-cost is a number of guest cycles per exit (e.g. 0 or 2000) or kvm, got '${bad}'`);
    }
    expect(() => parseRunArgs(["a.elf", "--exit-cost"])).toThrow("--exit-cost needs a value");
    expect(USAGE).toMatch(/--exit-cost N\|kvm guest cycles each exit costs the guest/);
  });

  it("charges the exit costs in a run: the table and --json say what was charged; 0 is today's run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rvisor-args-"));
    const json = (f: string) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { clock: string; exitDigest: string; exitCost: Record<string, number>; vms: { exitCycles: { total: number; byReason: Record<string, number> }; exits: Record<string, { count: number }> }[] };
    const none = await cli("run", "--stats", "--json", join(dir, "none.json"), hello);
    const zero = await cli("run", "--stats", "--exit-cost", "0", "--json", join(dir, "zero.json"), hello);
    const kvm = await cli("run", "--stats", "--exit-cost", "kvm", "--json", join(dir, "kvm.json"), hello);
    expect([none.code, zero.code, kvm.code]).toEqual([EXIT_OK, EXIT_OK, EXIT_OK]);
    // The same output but for the host times of the exit rows (they differ run to run), and the
    // compiling tier's modules, bytes and milliseconds (the process keeps modules it compiled:
    // a second run may compile nothing).
    const guestSide = (out: string) =>
      out.replace(/^( {2}\w+ +[\d,]+ +[\d.]+%) .*$/gm, "$1").replace(/^(compiling tier: .* refused), .*$/m, "$1");
    expect(guestSide(zero.out)).toBe(guestSide(none.out));
    expect(guestSide(none.out)).toMatch(/^ {2}mmio +\d+ +[\d.]+%$/m);
    expect(json("zero.json").exitDigest).toBe(json("none.json").exitDigest);
    expect(json("zero.json").clock).toBe(json("none.json").clock);
    expect(none.out).not.toMatch(/exit costs|charged/);
    const k = json("kvm.json");
    expect(k.exitCost).toMatchObject({ budget: 0, mmio: 2384, hypercall: 1300 });
    const mmio = k.vms[0]!.exits.mmio!.count;
    expect(k.vms[0]!.exitCycles).toMatchObject({ total: mmio * 2384, byReason: { mmio: mmio * 2384 } });
    expect(BigInt(k.clock) - BigInt(json("none.json").clock)).toBe(BigInt(mmio * 2384));
    expect(kvm.out).toMatch(/^exit costs in guest cycles: budget 0, mmio 2,384, hypercall 1,300, wfi 1,300, breakpoint 1,300, watch 2,384, fatal 1,300, trap 1,300$/m);
    expect(kvm.out).toMatch(/^ {2}guest time charged for exits: [\d,]+ cycles \([\d.]+ ms\): mmio [\d,]+$/m);
    expect(await cli("run", "--exit-cost", "lots", hello)).toMatchObject({ code: EXIT_USAGE, err: expect.stringMatching(/^rvisor: --exit-cost is a number of guest cycles/) });
  });
});
