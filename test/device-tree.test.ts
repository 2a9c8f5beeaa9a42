import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateDeviceTree, socNodePaths, type VmDescription } from "../src/device-tree.js";
import { parseFdt, type FdtNode } from "../src/fdt.js";
import { ISA, virt } from "./helpers/virt.js";


const tree = (d: VmDescription): FdtNode => parseFdt(generateDeviceTree(d)).root;

const node = (root: FdtNode, path: string): FdtNode => {
  const n = root.find(path);
  if (!n) throw new Error(`no node ${path}`);
  return n;
};

/** Map phandle → node path. */
function phandles(root: FdtNode): Map<number, string> {
  const out = new Map<number, string>();
  const visit = (n: FdtNode): void => {
    if (n.has("phandle")) {
      const p = n.u32("phandle");
      expect(out.has(p), `phandle ${p} used twice`).toBe(false);
      out.set(p, n.path);
    }
    n.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** interrupts-extended as [provider path, irq] pairs (#interrupt-cells = 1 everywhere here). */
function extended(root: FdtNode, n: FdtNode): [string, number][] {
  const map = phandles(root);
  const cells = n.cells("interrupts-extended");
  const out: [string, number][] = [];
  for (let i = 0; i < cells.length; i += 2) out.push([map.get(cells[i]!)!, cells[i + 1]!]);
  return out;
}

const props = (n: FdtNode): string[] => n.properties.map((p) => p.name);

// SHA-256 of the blobs the generator wrote for these descriptions before /soc was built from the
// devices' own nodes (recorded at 7d92495): the QEMU-virt platform must keep its exact bytes, as
// the VM's boots (and their golden exit digests) depend on them. The "vm" rows are what
// Vm.deviceTree() produced (PLIC riscv,ndev 95, no bootargs unless given).
const ISA_SSTC = `${ISA}_sstc`;
const vmLike = (over: Partial<VmDescription> = {}): VmDescription =>
  virt({ plic: { base: 0xc00_0000n, size: 0x60_0000n, ndev: 95 }, bootargs: undefined, ...over });
const virtioAt = (n: number): VmDescription["virtio"] =>
  Array.from({ length: n }, (_, i) => ({ base: 0x1000_1000n + BigInt(i) * 0x1000n, size: 0x1000n, irq: i + 1 }));
const INITRD = { start: 0x8400_0000n, end: 0x8412_3456n };
const GOLDEN: [string, VmDescription, string][] = [
  ["virt()", virt(), "3d7a562c6b4ff9732c2a6f96211c02a2367cf9d52531c683d54ca66a3faa6458"],
  ["no bootargs", virt({ bootargs: undefined }), "9088e636dc35353cf959aedbb356665fb345908c6148954c9dd3213a98d6cd8a"],
  ["initrd, stdout-path options", virt({ initrd: INITRD, stdoutPath: "/soc/serial@10000000:115200" }), "c98b3e10c90e3bf90e05751b9f136e975831191b8390d4135d6fe3e12fbd08d1"],
  [
    "2 harts, sstc, initrd, 2 virtio given out of order",
    virt({
      harts: 2,
      isa: ISA_SSTC,
      initrd: INITRD,
      virtio: [
        { base: 0x1000_2000n, size: 0x1000n, irq: 2 },
        { base: 0x1000_1000n, size: 0x1000n, irq: 1 },
      ],
      stdoutPath: "/soc/serial@10000000:115200",
      bootargs: undefined,
    }),
    "4585dee441a6876cb2bb8dd2e137eacca8683344c5ac3ae2b9402e374e74dbf3",
  ],
  ["2 harts, 8 virtio", virt({ harts: 2, virtio: virtioAt(8) }), "4e77d004f9c458dd76c16cfb7540ddd5c74770f27eb460a6813ec802946f8d8a"],
  ["no plic (polled uart)", virt({ plic: undefined }), "d98f26055d8dbe722b7957e2bf05d4f26e4d01d8dfb6422320fd4e1d3004174b"],
  ["no uart", virt({ uarts: [], stdoutPath: undefined, bootargs: undefined }), "0f69d161c5b7aad421eb663228bf1bf5a3f2b9ad24c356b937f8a8dc9604d285"],
  ["no test finisher", virt({ testFinisher: undefined }), "3c770bf488052ab1de6d323058753e4b2f53a5a40f76bf0282bb6b2fa073ef2e"],
  [
    "bare",
    virt({ clint: undefined, plic: undefined, uarts: [], testFinisher: undefined, stdoutPath: undefined, cpuMap: false }),
    "cc48eb0e6115c4efcdcfdc14e56bff3d40fd5ef35e4bec1e575dceeaf4bbaedb",
  ],
  [
    "16 harts, no cpu-map, rng-seed, extra space",
    virt({ harts: 16, cpuMap: false, rngSeed: new Uint8Array(32).fill(7), extraSpace: 256 }),
    "40c0f5a272c1238809f5bc8841a7ba931482a02196e36398ffedef1df3798da9",
  ],
  ["vm: firmware", vmLike(), "99e93de3b91f2533f5de670552098a0b03c9b3c33046397ada80961dd4091d0e"],
  [
    "vm: kernel, sstc, bootargs, initrd",
    vmLike({ isa: ISA_SSTC, bootargs: "console=ttyS0", initrd: { start: 0x87e0_0000n, end: 0x87f0_0000n } }),
    "eb242c3715f5a8b56d8972073c376a3025fab27b87d59ed18cccd5fcd3c4be99",
  ],
];

describe("generateDeviceTree: the QEMU-virt platform's bytes do not change", () => {
  for (const [name, desc, sha256] of GOLDEN) {
    it(name, () => {
      expect(createHash("sha256").update(generateDeviceTree(desc)).digest("hex")).toBe(sha256);
    });
  }
});

describe("generateDeviceTree: 1 hart with uart, plic, clint, test finisher", () => {
  const dtb = generateDeviceTree(virt());
  const { header, memoryReservations, root } = parseFdt(dtb);

  it("is a v17 blob booting hart 0 with no reservations", () => {
    expect(header.version).toBe(17);
    expect(header.lastCompVersion).toBe(16);
    expect(header.bootCpuId).toBe(0);
    expect(header.totalSize).toBe(dtb.length);
    expect(memoryReservations).toEqual([]);
  });

  it("has the root properties and exactly the expected nodes", () => {
    expect(root.u32("#address-cells")).toBe(2);
    expect(root.u32("#size-cells")).toBe(2);
    expect(root.string("compatible")).toBe("riscv-virtio");
    expect(root.string("model")).toBe("riscv-virtio,rvisor");
    expect(root.children.map((c) => c.name)).toEqual(["chosen", "cpus", "memory@80000000", "soc", "poweroff", "reboot"]);
    expect(node(root, "/soc").children.map((c) => c.name)).toEqual([
      "test@100000",
      "clint@2000000",
      "plic@c000000",
      "serial@10000000",
    ]);
  });

  it("/chosen", () => {
    const chosen = node(root, "/chosen");
    expect(props(chosen)).toEqual(["bootargs", "stdout-path"]);
    expect(chosen.string("bootargs")).toBe("console=ttyS0 earlycon=sbi");
    expect(chosen.string("stdout-path")).toBe("/soc/serial@10000000");
  });

  it("/cpus and cpu@0", () => {
    const cpus = node(root, "/cpus");
    expect(cpus.u32("#address-cells")).toBe(1);
    expect(cpus.u32("#size-cells")).toBe(0);
    expect(cpus.u32("timebase-frequency")).toBe(10_000_000);
    expect(cpus.children.map((c) => c.name)).toEqual(["cpu@0", "cpu-map"]);
    const cpu = node(cpus, "cpu@0");
    expect(cpu.string("device_type")).toBe("cpu");
    expect(cpu.u32("reg")).toBe(0);
    expect(cpu.string("status")).toBe("okay");
    expect(cpu.string("compatible")).toBe("riscv");
    expect(cpu.string("riscv,isa")).toBe(ISA);
    expect(cpu.string("mmu-type")).toBe("riscv,sv39");
    const intc = node(cpu, "interrupt-controller");
    expect(intc.string("compatible")).toBe("riscv,cpu-intc");
    expect(intc.u32("#interrupt-cells")).toBe(1);
    expect(intc.u32("#address-cells")).toBe(0);
    expect(intc.prop("interrupt-controller")!.length).toBe(0);
    expect(intc.has("phandle")).toBe(true);
    expect(node(cpus, "cpu-map/cluster0/core0").u32("cpu")).toBe(cpu.u32("phandle"));
  });

  it("/memory", () => {
    const mem = node(root, "/memory@80000000");
    expect(mem.string("device_type")).toBe("memory");
    expect(mem.u64s("reg")).toEqual([0x8000_0000n, 0x800_0000n]);
  });

  it("/soc", () => {
    const soc = node(root, "/soc");
    expect(soc.string("compatible")).toBe("simple-bus");
    expect(soc.u32("#address-cells")).toBe(2);
    expect(soc.u32("#size-cells")).toBe(2);
    expect(soc.prop("ranges")!.length).toBe(0);
  });

  it("clint: M software (3) and M timer (7) of each hart", () => {
    const clint = node(root, "/soc/clint@2000000");
    expect(clint.strings("compatible")).toEqual(["sifive,clint0", "riscv,clint0"]);
    expect(clint.u64s("reg")).toEqual([0x200_0000n, 0x1_0000n]);
    const intc = "/cpus/cpu@0/interrupt-controller";
    expect(extended(root, clint)).toEqual([
      [intc, 3],
      [intc, 7],
    ]);
  });

  it("plic: both contexts per hart, M external (11) then S external (9)", () => {
    const plic = node(root, "/soc/plic@c000000");
    expect(plic.strings("compatible")).toEqual(["sifive,plic-1.0.0", "riscv,plic0"]);
    expect(plic.u64s("reg")).toEqual([0xc00_0000n, 0x60_0000n]);
    expect(plic.u32("#interrupt-cells")).toBe(1);
    expect(plic.u32("#address-cells")).toBe(0);
    expect(plic.prop("interrupt-controller")!.length).toBe(0);
    expect(plic.u32("riscv,ndev")).toBe(96);
    const intc = "/cpus/cpu@0/interrupt-controller";
    expect(extended(root, plic)).toEqual([
      [intc, 11],
      [intc, 9],
    ]);
  });

  it("serial: ns16550a on PLIC source 10", () => {
    const uart = node(root, "/soc/serial@10000000");
    expect(uart.string("compatible")).toBe("ns16550a");
    expect(uart.u64s("reg")).toEqual([0x1000_0000n, 0x100n]);
    expect(uart.u32("clock-frequency")).toBe(3_686_400);
    expect(uart.u32("interrupts")).toBe(10);
    expect(phandles(root).get(uart.u32("interrupt-parent"))).toBe("/soc/plic@c000000");
  });

  it("test finisher with syscon poweroff/reboot", () => {
    const test = node(root, "/soc/test@100000");
    expect(test.strings("compatible")).toEqual(["sifive,test1", "sifive,test0", "syscon"]);
    expect(test.u64s("reg")).toEqual([0x10_0000n, 0x1000n]);
    const ph = test.u32("phandle");
    for (const [name, value] of [
      ["poweroff", 0x5555],
      ["reboot", 0x7777],
    ] as const) {
      const n = node(root, `/${name}`);
      expect(n.string("compatible")).toBe(`syscon-${name}`);
      expect(n.u32("regmap")).toBe(ph);
      expect(n.u32("offset")).toBe(0);
      expect(n.u32("value")).toBe(value);
    }
  });

  it("every phandle reference resolves and every unit address matches reg", () => {
    const map = phandles(root);
    const visit = (n: FdtNode): void => {
      for (const p of ["interrupt-parent", "regmap", "cpu"]) if (n.has(p)) expect(map.has(n.u32(p)), `${n.path}:${p}`).toBe(true);
      const at = n.name.indexOf("@");
      if (at >= 0) {
        const reg = n.path.startsWith("/cpus/") ? BigInt(n.u32("reg")) : n.u64s("reg")[0]!;
        expect(n.name.slice(at + 1), n.path).toBe(reg.toString(16));
      } else {
        expect(n.has("reg"), n.path).toBe(false);
      }
      n.children.forEach(visit);
    };
    visit(root);
  });

  it("is deterministic", () => {
    expect(generateDeviceTree(virt())).toEqual(dtb);
  });
});

describe("generateDeviceTree: 2 harts, sstc, initrd, virtio", () => {
  const desc = virt({
    harts: 2,
    isa: `${ISA}_sstc`,
    initrd: { start: 0x8400_0000n, end: 0x8412_3456n },
    virtio: [
      { base: 0x1000_2000n, size: 0x1000n, irq: 2 },
      { base: 0x1000_1000n, size: 0x1000n, irq: 1 },
    ],
    stdoutPath: "/soc/serial@10000000:115200",
    bootargs: undefined,
  });
  const root = tree(desc);
  const intc = (h: number): string => `/cpus/cpu@${h}/interrupt-controller`;

  it("one cpu node per hart with Sstc in riscv,isa", () => {
    expect(node(root, "/cpus").children.map((c) => c.name)).toEqual(["cpu@0", "cpu@1", "cpu-map"]);
    for (const h of [0, 1]) {
      const cpu = node(root, `/cpus/cpu@${h}`);
      expect(cpu.u32("reg")).toBe(h);
      expect(cpu.string("riscv,isa")).toBe("rv64imac_zicsr_zifencei_zicntr_sstc");
      expect(node(root, intc(h)).string("compatible")).toBe("riscv,cpu-intc");
      expect(node(root, `/cpus/cpu-map/cluster0/core${h}`).u32("cpu")).toBe(cpu.u32("phandle"));
    }
  });

  it("clint and plic list every hart", () => {
    expect(extended(root, node(root, "/soc/clint@2000000"))).toEqual([
      [intc(0), 3],
      [intc(0), 7],
      [intc(1), 3],
      [intc(1), 7],
    ]);
    expect(extended(root, node(root, "/soc/plic@c000000"))).toEqual([
      [intc(0), 11],
      [intc(0), 9],
      [intc(1), 11],
      [intc(1), 9],
    ]);
  });

  it("/chosen has the initrd as u64s and no bootargs", () => {
    const chosen = node(root, "/chosen");
    expect(props(chosen)).toEqual(["stdout-path", "linux,initrd-start", "linux,initrd-end"]);
    expect(chosen.string("stdout-path")).toBe("/soc/serial@10000000:115200");
    expect(chosen.u64s("linux,initrd-start")).toEqual([0x8400_0000n]);
    expect(chosen.u64s("linux,initrd-end")).toEqual([0x8412_3456n]);
  });

  it("virtio-mmio transports sorted by address", () => {
    const soc = node(root, "/soc");
    expect(soc.children.map((c) => c.name)).toEqual([
      "test@100000",
      "clint@2000000",
      "plic@c000000",
      "serial@10000000",
      "virtio_mmio@10001000",
      "virtio_mmio@10002000",
    ]);
    const plic = node(root, "/soc/plic@c000000").u32("phandle");
    for (const [i, base] of [0x1000_1000n, 0x1000_2000n].entries()) {
      const v = node(soc, `virtio_mmio@${base.toString(16)}`);
      expect(v.string("compatible")).toBe("virtio,mmio");
      expect(v.u64s("reg")).toEqual([base, 0x1000n]);
      expect(v.u32("interrupts")).toBe(i + 1);
      expect(v.u32("interrupt-parent")).toBe(plic);
    }
  });

  it("socNodePaths names the /soc nodes", () => {
    expect(socNodePaths(desc).sort()).toEqual(node(root, "/soc").children.map((c) => c.path).sort());
  });
});

describe("generateDeviceTree: what the VM lacks is absent", () => {
  it("without uart: no serial node, no stdout-path", () => {
    const root = tree(virt({ uarts: [], stdoutPath: undefined, bootargs: undefined }));
    expect(node(root, "/soc").children.map((c) => c.name)).toEqual(["test@100000", "clint@2000000", "plic@c000000"]);
    expect(props(node(root, "/chosen"))).toEqual([]);
  });

  it("without Sstc, initrd, bootargs", () => {
    const root = tree(virt({ bootargs: undefined }));
    expect(node(root, "/cpus/cpu@0").string("riscv,isa")).not.toMatch(/sstc/);
    expect(props(node(root, "/chosen"))).toEqual(["stdout-path"]);
  });

  it("without test finisher: no test, poweroff or reboot node", () => {
    const root = tree(virt({ testFinisher: undefined }));
    expect(root.children.map((c) => c.name)).toEqual(["chosen", "cpus", "memory@80000000", "soc"]);
    expect(node(root, "/soc").child("test@100000")).toBeUndefined();
  });

  it("without plic: the uart has no interrupt properties", () => {
    const root = tree(virt({ plic: undefined }));
    const uart = node(root, "/soc/serial@10000000");
    expect(props(uart)).toEqual(["compatible", "reg", "clock-frequency"]);
    expect(node(root, "/soc").child("plic@c000000")).toBeUndefined();
  });

  it("a bare machine: cpus, memory and an empty soc", () => {
    const root = tree(
      virt({ clint: undefined, plic: undefined, uarts: [], testFinisher: undefined, stdoutPath: undefined, cpuMap: false }),
    );
    expect(root.children.map((c) => c.name)).toEqual(["chosen", "cpus", "memory@80000000", "soc"]);
    expect(node(root, "/soc").children).toEqual([]);
    expect(node(root, "/cpus").children.map((c) => c.name)).toEqual(["cpu@0"]);
    expect(node(root, "/cpus/cpu@0").has("phandle")).toBe(false); // only cpu-map refers to cpus
  });

  it("options: model, rng-seed, extra space, sv48, other addresses", () => {
    const seed = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const plain = generateDeviceTree(virt());
    const dtb = generateDeviceTree(
      virt({
        model: "riscv-virtio,test",
        rngSeed: seed,
        extraSpace: 256,
        mmuType: "riscv,sv48",
        memory: { base: 0x1_0000_0000n, size: 0x4000_0000n },
        harts: 12,
      }),
    );
    const { header, root } = parseFdt(dtb);
    expect(header.totalSize).toBe(dtb.length);
    expect(dtb.length).toBeGreaterThan(plain.length + 256);
    expect(root.string("model")).toBe("riscv-virtio,test");
    expect(Array.from(node(root, "/chosen").prop("rng-seed")!)).toEqual(Array.from(seed));
    expect(node(root, "/memory@100000000").u64s("reg")).toEqual([0x1_0000_0000n, 0x4000_0000n]);
    expect(node(root, "/cpus/cpu@b").u32("reg")).toBe(11);
    expect(node(root, "/cpus/cpu@b").string("mmu-type")).toBe("riscv,sv48");
    expect(node(root, "/soc/plic@c000000").cells("interrupts-extended")).toHaveLength(12 * 4);
  });
});

describe("generateDeviceTree: inconsistent descriptions throw", () => {
  const cases: [string, Partial<VmDescription>, RegExp][] = [
    ["no harts", { harts: 0 }, /harts = 0/],
    ["bad isa", { isa: "RV64IMAC" }, /riscv,isa/],
    ["bad timebase", { timebaseFrequency: 2 ** 32 }, /timebase-frequency/],
    ["empty region", { clint: { base: 0x200_0000n, size: 0n } }, /clint: bad region/],
    [
      "overlap",
      { virtio: [{ base: 0x1000_0000n, size: 0x1000n, irq: 1 }] },
      /virtio 0 at 0x10000000 overlaps uart 0 at 0x10000000|uart 0 at 0x10000000 overlaps virtio 0/,
    ],
    ["irq 0", { uarts: [{ base: 0x1000_0000n, size: 0x100n, irq: 0, clockFrequency: 1 }] }, /irq 0 outside 1..96/],
    ["irq > ndev", { plic: { base: 0xc00_0000n, size: 0x60_0000n, ndev: 8 } }, /irq 10 outside 1..8/],
    ["shared irq", { virtio: [{ base: 0x1000_1000n, size: 0x1000n, irq: 10 }] }, /share irq 10/],
    ["virtio without plic", { plic: undefined, virtio: [{ base: 0x1000_1000n, size: 0x1000n, irq: 1 }] }, /need a PLIC/],
    ["stdout-path", { stdoutPath: "/soc/serial@10000001" }, /names no node/],
    ["stdout-path without uart", { uarts: [] }, /names no node/],
    ["initrd", { initrd: { start: 2n, end: 1n } }, /initrd ends before/],
  ];
  for (const [name, over, re] of cases) {
    it(name, () => {
      expect(() => generateDeviceTree(virt(over))).toThrow(re);
    });
  }
});
