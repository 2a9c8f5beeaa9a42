import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { consumerProject, installPackage, packList, ROOT } from "./helpers/installed-package.js";

// What `npm pack` ships, and that the tarball works where a consumer installs it.

describe("the package's files", () => {
  const files = packList().map((f) => f.path);

  it("ships the library, its types, the CLI, one copy of each core, the demo guests, LICENSE and README", () => {
    for (const f of ["dist/src/index.js", "dist/src/index.d.ts", "dist/src/cli/cli.js", "bin/rvisor.js", "LICENSE", "README.md", "package.json"]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.endsWith("/core.wasm"))).toEqual(["dist/build/core.wasm"]);
    expect(files.filter((f) => f.endsWith("/core-shared.wasm"))).toEqual(["dist/build/core-shared.wasm"]);
    const demos = readFileSync(join(ROOT, "guests/demo/Makefile"), "utf8").match(/\b[a-z-]+\.elf\b/g)!;
    for (const elf of new Set(demos)) expect(files, elf).toContain(`guests/demo/${elf}`);
  });

  it("ships nothing a consumer does not need: no benchmarks, tests, sources, source maps or other guests", () => {
    const unwanted = files.filter((f) => /^(dist\/bench|bench|test|assembly|src|web|build)\//.test(f) || f.endsWith(".map") || (f.startsWith("guests/") && !f.startsWith("guests/demo/")));
    expect(unwanted).toEqual([]);
  });

  it("is MIT-licensed with the license text and has no runtime dependencies (installs offline)", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 rvisor contributors\n\nPermission is hereby granted, free of charge/);
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"]) expect(manifest[field], field).toBeUndefined();
  });
});

describe("the packed package, installed", () => {
  it("installs from its tarball offline, without building, and runs a guest from the library and from npx", () => {
    const { dir, log } = installPackage();
    expect(log).not.toMatch(/build:core|asc assembly|tsc -p/);
    const script = `import { runElf } from "rvisor"; import { readFile } from "node:fs/promises";
      const r = await runElf(await readFile("node_modules/rvisor/guests/demo/hello.elf"));
      console.log(r.outcome, r.console.trim());`;
    expect(execFileSync("node", ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" })).toMatch(/^pass hello: M-mode on hart 0/);
    const out = execFileSync("npx", ["--offline", "rvisor", "run", "node_modules/rvisor/guests/demo/hello.elf"], { cwd: dir, encoding: "utf8" });
    expect(out).toMatch(/hello: M-mode on hart 0/);
  });

  it("resolves its wasm cores and demo guests through the package's exports", () => {
    const { dir } = installPackage();
    const script = `for (const s of ["rvisor/core.wasm", "rvisor/core-shared.wasm", "rvisor/guests/demo/hello.elf", "rvisor/node"]) console.log(import.meta.resolve(s));`;
    const urls = execFileSync("node", ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" }).trim().split("\n");
    expect(urls.map((u) => u.slice(u.indexOf("node_modules/")))).toEqual([
      "node_modules/rvisor/dist/build/core.wasm",
      "node_modules/rvisor/dist/build/core-shared.wasm",
      "node_modules/rvisor/guests/demo/hello.elf",
      "node_modules/rvisor/dist/src/node/index.js",
    ]);
    // The Node-only entry: a file-backed disk for virtio-blk.
    const disk = `import { FileBlockImage } from "rvisor/node"; import { writeFileSync } from "node:fs";
      writeFileSync("disk.img", new Uint8Array(4096)); const d = new FileBlockImage("disk.img");
      d.write(0, Uint8Array.of(7)); d.close(); console.log(d.size);`;
    expect(execFileSync("node", ["--input-type=module", "-e", disk], { cwd: dir, encoding: "utf8" }).trim()).toBe("4096");
  });

  it("runs no build where npm runs its prepare script (installed from its unpacked directory)", () => {
    // npm runs `prepare` for directory and git dependencies, not for tarballs: the shipped
    // manifest's prepare must be harmless where there are no sources to build.
    const { tarball } = installPackage();
    const dir = consumerProject("rvisor-consumer-dir-");
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    mkdirSync(join(dir, "app"));
    execFileSync("sh", ["-c", `echo '{"name":"app","private":true}' > package.json`], { cwd: join(dir, "app") });
    const log = execFileSync("npm", ["install", "--offline", "--install-links", "--ignore-scripts=false", "--foreground-scripts", "--no-audit", "--no-fund", "../package"], {
      stdio: ["ignore", "pipe", "pipe"],
      cwd: join(dir, "app"),
      encoding: "utf8",
    });
    expect(log).toMatch(/rvisor@\S+ prepare/);
    expect(log).not.toMatch(/build:core|asc assembly/);
    expect(execFileSync("npx", ["--offline", "rvisor", "run", "node_modules/rvisor/guests/demo/hello.elf"], { cwd: join(dir, "app"), encoding: "utf8" })).toMatch(/hello: M-mode/);
  });
});

describe("the public types, as a consumer compiles against them", () => {
  it("let users read but not assign the hypervisor's and the VM's state; a device read may return a number", () => {
    const { dir } = installPackage();
    const fields = ["hv.clock = 1n", "hv.timerDeadline = 1n", "hv.exitDigest = 1n", "hv.exitCount = 1", 'vm.state = "running"', "vm.result = undefined", "vm.bus = vm.bus", "vm.clint = vm.clint", "vm.plic = vm.plic", "vm.uart = vm.uart"];
    writeFileSync(join(dir, "consumer.ts"), [
      'import { Hypervisor, type MmioDevice, type RunElfOptions } from "rvisor";',
      "const hv = await Hypervisor.create();",
      "const vm = hv.createVm();",
      ...fields.map((f) => `// @ts-expect-error read-only\n${f};`),
      "const seen: [bigint, bigint, bigint, number, string] = [hv.clock, hv.timerDeadline, hv.exitDigest, hv.exitCount, vm.state];",
      "const device: MmioDevice = { name: \"n\", size: 8, read: (offset) => offset, write: () => {} };",
      'const options: RunElfOptions = { mode: "kernel", sstc: true };',
      "console.log(seen, device, options, vm.result, vm.bus, vm.clint, vm.plic, vm.uart);",
    ].join("\n"));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true },
      files: ["consumer.ts"],
    }));
    const tsc = join(ROOT, "node_modules/.bin/tsc");
    const r = spawnSync(tsc, ["-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
