// Oracles we did not write for the device tree: Debian's dtc (package device-tree-compiler) must
// decompile our blobs without a single warning and re-encode them byte for byte; our reader must
// read what dtc and QEMU write.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateDeviceTree, socDevice, type VmDescription } from "../../src/formats/device-tree.js";
import { parseFdt } from "../../src/formats/fdt.js";
import { ISA, virt, virtioAt } from "../helpers/virt.js";

const has = (cmd: string, arg: string): boolean => spawnSync(cmd, [arg], { stdio: "ignore" }).error === undefined;
const HAVE_DTC = has("dtc", "--version");
const HAVE_QEMU = has("qemu-system-riscv64", "--version");
if (!HAVE_DTC) console.warn("device-tree-dtc: dtc not found, skipping (apt-get install -y device-tree-compiler)");

const dir = mkdtempSync(join(tmpdir(), "rvisor-dtc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dtc(args: string[], input?: Uint8Array | string): { status: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync("dtc", args, { input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

function file(name: string, data: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}


const CONFIGS: [string, VmDescription][] = [
  ["1 hart, uart+plic+clint+test", virt()],
  [
    "2 harts, sstc, initrd, 8 virtio",
    virt({ harts: 2, isa: `${ISA}_sstc`, initrd: { start: 0x8400_0000n, end: 0x8410_0000n }, add: virtioAt(8) }),
  ],
  ["no uart, no stdout-path", virt({ without: ["uart"], stdoutPath: undefined })],
  ["no plic (polled uart)", virt({ without: ["plic"] })],
  ["bare: cpus + memory", virt({ without: ["clint", "plic", "uart", "test"], stdoutPath: undefined })],
  ["16 harts, no cpu-map, rng-seed", virt({ harts: 16, cpuMap: false, rngSeed: new Uint8Array(32).fill(7) })],
  ["stdout-path with options", virt({ stdoutPath: "/soc/serial@10000000:115200n8" })],
  [
    "devices of yours: a node of their own, a label, a reference, a root node, and one without a node",
    virt({
      harts: 2,
      add: [
        { base: 0x1000_8000n, size: 0x1000n, node: { name: "sensor", compatible: ["acme,sensor"], interrupts: [5] } },
        {
          base: 0x1000_9000n,
          size: 0x1000n,
          node: {
            name: "gpio",
            compatible: ["acme,gpio"],
            label: "gpio",
            interrupts: [6],
            properties: { "gpio-controller": true, "#gpio-cells": 2, "acme,peer": { ref: "test" } },
            rootNodes: [{ name: "leds", properties: { compatible: "gpio-leds" } }],
          },
        },
        socDevice(0x1000_a000n, { name: "counter", size: 0x1000, read: () => 0n, write: () => {} })!,
      ],
    }),
  ],
];

describe.skipIf(!HAVE_DTC)("device tree vs dtc" + (HAVE_DTC ? "" : " (skipped: dtc not installed)"), () => {
  for (const [name, desc] of CONFIGS) {
    it(`${name}: dtc decompiles it without warnings and re-encodes it byte for byte`, () => {
      const dtb = generateDeviceTree(desc);
      const path = file(`${name.replace(/\W+/g, "_")}.dtb`, dtb);
      const dts = dtc(["-I", "dtb", "-O", "dts", "-o", "/dev/null", path]);
      expect(dts.stderr).toBe("");
      expect(dts.status).toBe(0);
      const again = dtc(["-I", "dtb", "-O", "dtb", path]);
      expect(again.stderr).toBe("");
      expect(new Uint8Array(again.stdout)).toEqual(dtb);
    });
  }

  it("the decompiled source compiles back to the same blob", () => {
    const dtb = generateDeviceTree(CONFIGS[1]![1]);
    const src = dtc(["-I", "dtb", "-O", "dts", file("two.dtb", dtb)]);
    expect(src.stderr).toBe("");
    const text = src.stdout.toString();
    expect(text).toContain('compatible = "sifive,plic-1.0.0\\0riscv,plic0";');
    expect(text).toMatch(/interrupts-extended = <0x02 0x0b 0x02 0x09 0x04 0x0b 0x04 0x09>;/);
    expect(text).toContain('riscv,isa = "rv64imac_zicsr_zifencei_zicntr_sstc";');
    expect(text).toContain("linux,initrd-start = <0x00 0x84000000>;");
    // Decompiled source carries phandles as plain numbers, not &labels: dtc's source-level check
    // that interrupts-extended cells are phandle references cannot hold for it, so silence that one.
    const back = dtc(["-I", "dts", "-O", "dtb", "-Wno-interrupts_extended_property", file("two.dts", text)]);
    expect(back.stderr).toBe("");
    expect(new Uint8Array(back.stdout)).toEqual(dtb);
  });

  it("extra space survives dtc (which drops it) and still decompiles cleanly", () => {
    const dtb = generateDeviceTree(virt({ extraSpace: 4096 }));
    const r = dtc(["-I", "dtb", "-O", "dts", "-o", "/dev/null", file("extra.dtb", dtb)]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("parseFdt reads what dtc writes (labels, /memreserve/, boot cpu, padding)", () => {
    const src = `/dts-v1/;
/memreserve/ 0x80000000 0x200000;
/ {
  #address-cells = <2>; #size-cells = <2>;
  compatible = "a", "b";
  cpus { #address-cells = <1>; #size-cells = <0>;
    cpu@3 { reg = <3>; device_type = "cpu";
      intc: interrupt-controller { #interrupt-cells = <1>; #address-cells = <0>; interrupt-controller; }; }; };
  soc { compatible = "simple-bus"; #address-cells = <2>; #size-cells = <2>; ranges;
    clint@2000000 { reg = <0 0x2000000 0 0x10000>; interrupts-extended = <&intc 3 &intc 7>; }; };
};`;
    const r = dtc(["-I", "dts", "-O", "dtb", "-b", "3", "-p", "128", file("in.dts", src)]);
    expect(r.stderr).toBe("");
    const { header, memoryReservations, root } = parseFdt(new Uint8Array(r.stdout));
    expect(header.bootCpuId).toBe(3);
    expect(header.totalSize).toBe(r.stdout.length);
    expect(memoryReservations).toEqual([{ address: 0x8000_0000n, size: 0x20_0000n }]);
    expect(root.strings("compatible")).toEqual(["a", "b"]);
    const intc = root.find("/cpus/cpu@3/interrupt-controller")!;
    const ph = intc.u32("phandle");
    expect(root.find("/soc/clint@2000000")!.cells("interrupts-extended")).toEqual([ph, 3, ph, 7]);
  });

  it.skipIf(!HAVE_QEMU)("parseFdt reads QEMU 'virt' tree (-smp 2)", () => {
    const out = join(dir, "qemu-virt.dtb");
    const q = spawnSync("qemu-system-riscv64", ["-M", `virt,dumpdtb=${out}`, "-smp", "2", "-m", "128M", "-nographic"], {
      timeout: 60_000,
    });
    expect(q.status, q.stderr?.toString()).toBe(0);
    const { header, root } = parseFdt(new Uint8Array(readFileSync(out)));
    expect(header.version).toBe(17);
    expect(root.string("compatible")).toBe("riscv-virtio");
    expect(root.find("/cpus/cpu@1")!.string("device_type")).toBe("cpu");
    const intc = (h: number): number => root.find(`/cpus/cpu@${h}/interrupt-controller`)!.u32("phandle");
    // The shape our generator follows: both PLIC contexts per hart, M then S.
    expect(root.find("/soc/plic@c000000")!.cells("interrupts-extended")).toEqual([intc(0), 11, intc(0), 9, intc(1), 11, intc(1), 9]);
    expect(root.find("/soc/clint@2000000")!.cells("interrupts-extended")).toEqual([intc(0), 3, intc(0), 7, intc(1), 3, intc(1), 7]);
    expect(root.find("/poweroff")!.u32("value")).toBe(0x5555);
  });
});
