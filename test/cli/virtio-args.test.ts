// The virtio options of `rvisor run`: --drive, --net, --virtio-console, --rng (guest options, in
// slot order) and --pcap (a switch's traffic).

import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDrive, parseRunArgs, UsageError } from "../../src/cli/args.js";
import { EXIT_OK, EXIT_USAGE, main } from "../../src/cli/cli.js";

const hello = fileURLToPath(new URL("../../guests/demo/hello.elf", import.meta.url));

describe("rvisor's virtio options", () => {
  it("gives each guest its devices in the order given", () => {
    const cmd = parseRunArgs(["--drive", "a.img", "--net", "lan", "--rng", "--virtio-console", "g1.elf", "--drive", "b.img,snapshot", "g2.elf"]);
    expect(cmd.guests[0]!.virtio).toEqual([
      { type: "blk", file: "a.img", access: "read-write" },
      { type: "net", switch: "lan" },
      { type: "rng" },
      { type: "console" },
    ]);
    expect(cmd.guests[1]!.virtio).toEqual([{ type: "blk", file: "b.img", access: "snapshot" }]);
  });

  it("parses --drive flags: readonly, snapshot, and readonly wins over snapshot", () => {
    expect(parseDrive("x.img,readonly")).toEqual({ type: "blk", file: "x.img", access: "readonly" });
    expect(parseDrive("x.img,snapshot,readonly")).toEqual({ type: "blk", file: "x.img", access: "readonly" });
    expect(() => parseDrive("x.img,cache=none")).toThrow(/unknown flag 'cache=none'/);
    expect(() => parseDrive(",readonly")).toThrow(UsageError);
  });

  it("takes --pcap FILE for the only switch, NAME=FILE for one of several, and refuses a switch no guest is on", () => {
    expect(parseRunArgs(["--pcap", "x.pcap", "--net", "lan", "g.elf"]).pcap).toEqual([{ switch: "lan", file: "x.pcap" }]);
    expect(parseRunArgs(["--pcap", "b=x.pcap", "--net", "a", "g.elf", "--net", "b", "g.elf"]).pcap).toEqual([{ switch: "b", file: "x.pcap" }]);
    expect(() => parseRunArgs(["--pcap", "x.pcap", "--net", "a", "g.elf", "--net", "b", "g.elf"])).toThrow(/name the switch/);
    expect(() => parseRunArgs(["--pcap", "x.pcap", "g.elf"])).toThrow(/no switches/);
    expect(() => parseRunArgs(["--pcap", "c=x.pcap", "--net", "a", "g.elf"])).toThrow(/no guest is on switch c/);
    expect(() => parseRunArgs(["--net", "a b", "g.elf"])).toThrow(/switch name/);
  });

  it("refuses more than 8 virtio devices for one guest", () => {
    expect(() => parseRunArgs([...Array(9).fill("--rng"), "g.elf"])).toThrow(/8 virtio-mmio slots/);
  });

  it("says in one line when a drive cannot be opened as asked (missing, a directory, not writable)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rvisor-drive-"));
    const run = async (...args: string[]) => {
      const errs: string[] = [];
      const status = await main(["run", ...args, hello], () => {}, (s) => errs.push(s));
      return { status, err: errs.join("") };
    };
    expect(await run("--drive", join(dir, "missing.img"))).toMatchObject({ status: EXIT_USAGE, err: expect.stringMatching(/--drive .*missing.img: cannot open the disk image .*missing.img for reading and writing \(ENOENT\)/) });
    expect(await run("--drive", dir)).toMatchObject({ status: EXIT_USAGE, err: expect.stringMatching(/not a regular file|EISDIR/) });
    const image = join(dir, "ok.img");
    writeFileSync(image, new Uint8Array(4096));
    expect((await run("--drive", image, "--rng")).status).toBe(EXIT_OK);
    // One image, two writers: refused (a snapshot or a read-only second one is fine).
    const twice = await main(["run", "--drive", image, hello, "--drive", image, hello], () => {}, () => {});
    expect(twice).toBe(EXIT_USAGE);
    expect(await main(["run", "--drive", image, hello, "--drive", `${image},snapshot`, hello], () => {}, () => {})).toBe(EXIT_OK);
  });

  it("writes a pcap file with its global header even when no frame passed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rvisor-pcap-"));
    const file = join(dir, "lan.pcap");
    expect(await main(["run", "--pcap", file, "--net", "lan", hello], () => {}, () => {})).toBe(EXIT_OK);
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(24);
    expect(bytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    expect(bytes.readUInt32LE(20)).toBe(1);
  });
});
