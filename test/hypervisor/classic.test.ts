// Classic mode (src/hypervisor/classic.ts, shadow-mmu.ts) on small guests: the demo's S-mode
// timer guests behave as in the assisted model, the CLI and the report say which model ran, and
// hand-built kernels check the emulation's corners. The Linux suites (test/qemu/linux-*.test.ts)
// run the real kernel in classic mode; the isolation fuzzer attacks it.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/cli.js";
import { demoGuest } from "../../src/demo-guests.js";
import { Hypervisor, VmConfigError, type Vm } from "../../src/index.js";
import { runElf } from "../../src/run-elf.js";
import * as rv from "../helpers/rv.js";

const RAM = 0x8000_0000n;

/** A kernel-mode image: the Image header's jump, then `words` at RAM + 64, data words at RAM + 0x8000. */
function kernel(words: number[], data: bigint[] = []): Uint8Array {
  const img = new Uint8Array(0x10000);
  const v = new DataView(img.buffer);
  v.setUint32(0, rv.jal(0, 64), true);
  v.setUint32(0x38, 0x0543_5352, true); // "RSC\x05": a RISC-V Image
  words.forEach((w, k) => v.setUint32(64 + 4 * k, w, true));
  data.forEach((d, k) => v.setBigUint64(0x8000 + 8 * k, BigInt.asUintN(64, d), true));
  return img;
}

const bType = (off: number, rs2: number, rs1: number, f3: number) =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
const bne = (rs1: number, rs2: number, off: number) => bType(off, rs2, rs1, 1);
const sfence = (rs1: number, rs2: number) => ((0x09 << 25) | (rs2 << 20) | (rs1 << 15) | 0x73) >>> 0;
const sub = (rd: number, rs1: number, rs2: number) => ((0x20 << 25) | (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33) >>> 0;
const sb = (rs2: number, rs1: number) => ((rs2 << 20) | (rs1 << 15) | 0x23) >>> 0;
const csr = (f3: number, rd: number, number: number, rs1: number) => (((number & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x73) >>> 0;
/** SBI SRST shutdown, and x5 = RAM + 0x8000 (the data words) first. */
const SHUTDOWN = [rv.addi(10, 0, 0), rv.addi(11, 0, 0), rv.lui(17, 0x53525), rv.addi(17, 17, 0x354), rv.addi(16, 0, 0), rv.ECALL];
const DATA = [rv.auipc(5, 0x8), rv.addi(5, 5, -64)];

/**
 * Data words for a paged kernel: data[0] = satp (Sv39, root at RAM + 0x9000: RAM's gigapage onto
 * itself), data[1] = 0x4000_0000, a VA whose 4 KiB pages (tables at RAM + 0xb000, 0xc000) map
 * `pages` times onto the page at RAM + 0xa000 with `flags`.
 */
function pagedData(pages: number, flags: bigint): bigint[] {
  const data: bigint[] = [];
  data[0] = (8n << 60n) | ((RAM + 0x9000n) >> 12n);
  data[1] = 0x4000_0000n;
  data[512 + 2] = ((RAM >> 12n) << 10n) | 0xcfn;
  data[512 + 1] = (((RAM + 0xb000n) >> 12n) << 10n) | 1n;
  data[1536] = (((RAM + 0xc000n) >> 12n) << 10n) | 1n;
  for (let k = 0; k < pages; k++) data[2048 + k] = (((RAM + 0xa000n) >> 12n) << 10n) | flags;
  return data.map((d) => d ?? 0n);
}
/** satp = data[0], sfence.vma, x7 = data[1]. */
const PAGING_ON = [rv.ld(6, 5, 0), csr(1, 0, 0x180, 6), sfence(0, 0), rv.ld(7, 5, 8)];

async function runKernel(img: Uint8Array, classic: boolean, sstc = false): Promise<Vm> {
  const hv = await Hypervisor.create();
  const vm = hv.createVm({ mode: "kernel", classic, sstc, memoryBytes: 1 << 20 });
  vm.boot({ kernel: img });
  while (hv.runFor(100)) {
    // until the VM stops
  }
  return vm;
}

describe("classic mode", () => {
  for (const [name, sstc] of [["tick-s.elf", false], ["tick-sstc.elf", true]] as const) {
    it(`${name}: the same console, instructions and interrupts as the assisted model; its CSR accesses trap`, async () => {
      const elf = await demoGuest(name);
      const a = await runElf(elf, { mode: "kernel", sstc });
      const c = await runElf(elf, { mode: "kernel", sstc, classic: true });
      expect(c.outcome).toBe("pass");
      expect(c.console).toBe(a.console);
      expect(c.instructions).toBe(a.instructions);
    });
  }

  it("firmware-mode guests too: tick-m's M-mode runs deprivileged, its CLINT timer and mret emulated", async () => {
    const elf = await demoGuest("tick-m.elf");
    const a = await runElf(elf, {});
    const c = await runElf(elf, { classic: true });
    expect(c.outcome).toBe("pass");
    expect(c.console).toBe(a.console);
    expect(c.instructions).toBe(a.instructions);
  });

  it("refuses a classic option that is not a boolean", async () => {
    const hv = await Hypervisor.create();
    expect(() => hv.createVm({ mode: "kernel", classic: "yes" as never })).toThrow(VmConfigError);
    expect(() => hv.createVm({ mode: "kernel", classic: "yes" as never })).toThrow(/classic must be a boolean/);
  });

  it("emulates S-level CSRs with the core's WARL rules: every value read back is the assisted model's", async () => {
    // Writes all-ones (and a few chosen values) to each S-level CSR, reads each back into the data area.
    const writes: [number, number][] = [[0x100, 4], [0x104, 0], [0x105, 0], [0x106, 0], [0x10a, 0], [0x140, 0], [0x141, 0], [0x142, 0], [0x143, 0], [0x144, 0], [0x180, 1], [0x180, 2], [0x105, 3]];
    const words = [...DATA];
    writes.forEach(([number, k], i) => {
      words.push(rv.ld(6, 5, k * 8), csr(1, 0, number, 6), csr(2, 7, number, 0), rv.sd(7, 5, 64 + i * 8));
    });
    words.push(...SHUTDOWN);
    // data: all-ones, Sv48 (refused), Sv39 with ASID 0x1234 over the table at RAM + 0x9000 (which
    // maps RAM's gigapage onto itself, so the code runs on), a vectored stvec, sstatus without SIE.
    const data = [-1n, (9n << 60n) | 5n, (8n << 60n) | (0x1234n << 44n) | 0x80009n, 0x8000_0102n, ~2n];
    data[512 + 2] = ((RAM >> 12n) << 10n) | 0xcfn;
    const read = (vm: Vm) => Array.from({ length: writes.length }, (_, i) => vm.platform.ram.read64(RAM + 0x8000n + 64n + BigInt(i) * 8n));
    const a = await runKernel(kernel(words, data), false);
    const c = await runKernel(kernel(words, data), true);
    expect(a.result?.outcome).toBe("pass");
    expect(c.result?.outcome).toBe("pass");
    expect(read(c).map((x) => x.toString(16))).toEqual(read(a).map((x) => x.toString(16)));
    // Sv48 (mode 9) leaves satp as it was; the ASID is kept.
    expect(read(c)[11]).toBe((8n << 60n) | (0x1234n << 44n) | 0x80009n);
    expect(c.report().privileged["csrrw satp"]).toBe(2);
    expect(c.report().privileged["csrrs sstatus"]).toBe(1);
  });

  it("delivers the guest's own traps to its stvec as the hart would, and a handler that faults at once stops the VM", async () => {
    // stvec = handler; an illegal M-level CSR read (scause 2) and an ebreak (3) are handled:
    // the handler stores scause and stval, skips the instruction and returns.
    const handler = 64 + 4 * 14;
    const words = [
      ...DATA,
      rv.auipc(6, 0), rv.addi(6, 6, handler - 64 - 8), csr(1, 0, 0x105, 6), // stvec
      csr(2, 7, 0x300, 0), // csrr mstatus: illegal from S
      rv.EBREAK,
      ...SHUTDOWN, rv.NOP,
      // handler (at 64 + 4 * 14)
      csr(2, 6, 0x142, 0), rv.sd(6, 5, 0), csr(2, 6, 0x143, 0), rv.sd(6, 5, 8 + 0), csr(2, 6, 0x141, 0), rv.addi(6, 6, 4), csr(1, 0, 0x141, 6), rv.addi(5, 5, 16), 0x10200073,
    ];
    expect(words.length).toBeGreaterThan(14);
    for (const classic of [false, true]) {
      const vm = await runKernel(kernel(words), classic);
      expect(vm.result?.outcome, String(classic)).toBe("pass");
      const ram = vm.platform.ram;
      expect([ram.read64(RAM + 0x8000n), ram.read64(RAM + 0x8008n), ram.read64(RAM + 0x8010n)]).toEqual([2n, BigInt(csr(2, 7, 0x300, 0)), 3n]);
      if (classic) expect(vm.report().classic?.reflected).toBe(2);
    }
    // stvec pointing outside RAM: the first trap's handler cannot be fetched.
    const bad = kernel([rv.lui(6, 0x10), csr(1, 0, 0x105, 6), rv.EBREAK]);
    const [a, c] = [await runKernel(bad, false), await runKernel(bad, true)];
    expect(c.result?.outcome).toBe("fatal");
    expect(c.result?.reason).toBe(a.result?.reason);
  });

  it("a load whose shadow entry the guest fences away on every iteration is filled every time, not taken for a defect", async () => {
    // ld; sfence.vma that address; ten times: ten fills at one pc and address, with progress between.
    const words = [...DATA, ...PAGING_ON, rv.addi(8, 0, 10), rv.ld(9, 7, 0), sfence(7, 0), rv.addi(8, 8, -1), bne(8, 0, -12), ...SHUTDOWN];
    const vm = await runKernel(kernel(words, pagedData(1, 0xc7n)), true);
    expect(vm.result?.outcome, vm.result?.reason).toBe("pass");
    expect(vm.classicStats?.shadow.filled).toBeGreaterThanOrEqual(10);
  });

  it("instret and cycle count what the assisted model counts, shadow fills and all (a fill's instruction did not retire)", async () => {
    // Reads instret and cycle, touches three fresh pages (a store too: the D fault), reads them again.
    const words = [...DATA, ...PAGING_ON, csr(2, 20, 0xc02, 0), csr(2, 22, 0xc00, 0),
      rv.ld(9, 7, 0), rv.ld(9, 7, 0x400), rv.lui(12, 1), rv.add(7, 7, 12), rv.ld(9, 7, 0), rv.add(7, 7, 12), rv.sd(9, 7, 0),
      csr(2, 21, 0xc02, 0), csr(2, 23, 0xc00, 0), sub(21, 21, 20), sub(23, 23, 22), rv.sd(21, 5, 24), rv.sd(23, 5, 32), ...SHUTDOWN];
    const deltas = async (classic: boolean) => {
      const vm = await runKernel(kernel(words, pagedData(3, 0x47n)), classic);
      expect(vm.result?.outcome).toBe("pass");
      return [vm.platform.ram.read64(RAM + 0x8018n), vm.platform.ram.read64(RAM + 0x8020n), vm.classicStats?.shadow.filled ?? 0];
    };
    const [a, c] = [await deltas(false), await deltas(true)];
    expect(c[2]).toBeGreaterThanOrEqual(4); // the fills happened between the reads
    expect(c.slice(0, 2)).toEqual(a.slice(0, 2));
  });

  it("Sstc: clearing menvcfg.STCE drops the STIP stimecmp raised, in both models (mip.STIP is software's again)", async () => {
    // M-mode: STCE = 1, stimecmp = 0 (STIP rises), read mip; STCE = 0, read mip; csrc mip.STIP, read mip.
    const words = [rv.auipc(5, 0x8),
      rv.addi(6, 0, 1), rv.slli(6, 6, 63), csr(2, 0, 0x30a, 6), csr(1, 0, 0x14d, 0), rv.NOP, csr(2, 7, 0x344, 0),
      csr(3, 0, 0x30a, 6), csr(2, 8, 0x344, 0), rv.addi(9, 0, 0x20), csr(3, 0, 0x344, 9), csr(2, 10, 0x344, 0),
      rv.sd(7, 5, 0), rv.sd(8, 5, 8), rv.sd(10, 5, 16), rv.lui(6, 0x100), rv.lui(7, 5), rv.addi(7, 7, 0x555), rv.sw(7, 6, 0)];
    for (const classic of [false, true]) {
      const hv = await Hypervisor.create();
      const vm = hv.createVm({ memoryBytes: 1 << 20, classic, sstc: true });
      vm.boot({ firmware: rv.code(...words) });
      while (hv.runFor(100)) {
        // until the finisher
      }
      expect(vm.result?.outcome, String(classic)).toBe("pass");
      expect([0n, 8n, 16n].map((o) => vm.platform.ram.read64(RAM + 0x8000n + o)), String(classic)).toEqual([0x20n, 0n, 0n]);
    }
  });

  it("a guest whose M-mode sets MPRV with translation on is stopped before it runs on: nothing reaches a device", async () => {
    const words = [rv.auipc(5, 0x8), rv.ld(6, 5, 0), csr(1, 0, 0x180, 6),
      rv.lui(6, 0x21), rv.addi(6, 6, -0x800), csr(2, 0, 0x300, 6), // csrs mstatus, MPRV | MPP=S
      rv.lui(7, 0x10000), rv.addi(8, 0, 88), sb(8, 7), sb(8, 7), rv.jal(0, 0)]; // 'X' to the UART
    const img = new Uint8Array(0x10000);
    img.set(rv.code(...words));
    const v = new DataView(img.buffer);
    v.setBigUint64(0x8000, (8n << 60n) | ((RAM + 0x9000n) >> 12n), true);
    v.setBigUint64(0x9000, 0xcfn, true);
    v.setBigUint64(0x9000 + 16, ((RAM >> 12n) << 10n) | 0xcfn, true);
    const hv = await Hypervisor.create();
    let out = "";
    const vm = hv.createVm({ memoryBytes: 1 << 20, classic: true, onConsole: (b) => (out += String.fromCharCode(b)) });
    vm.boot({ firmware: img });
    while (hv.runFor(100)) {
      // until it stops
    }
    expect(vm.result?.reason).toMatch(/^classic mode: the guest's M-mode set mstatus\.MPRV with translation on for its S-mode/);
    expect(out).toBe("");
  });

  it("rvisor run --classic: the report, --json and --stats say which model ran and what it emulated", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rvisor-classic-"));
    const elf = fileURLToPath(new URL("../../guests/demo/tick-s.elf", import.meta.url));
    let out = "";
    const code = await main(["run", "--stats", "--json", join(dir, "r.json"), "--classic", elf, "--", elf], (s) => (out += typeof s === "string" ? s : new TextDecoder().decode(s)), () => {});
    expect(code).toBe(0);
    const vms = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).vms;
    expect(vms.map((v: { virtualization: string }) => v.virtualization)).toEqual(["classic", "assisted"]);
    expect(vms[0].privileged).toMatchObject({ "csrrw stvec": 1, ecall: expect.any(Number), wfi: 50 });
    expect(vms[1].privileged).toEqual({});
    expect(vms[0].exits.trap.count).toBeGreaterThan(100);
    expect(vms[1].exits.trap.count).toBe(0);
    expect(out).toMatch(/^ {2}classic: privileged instructions emulated \(host µs each\): .*wfi 50 \([\d.]+ µs\)/m);
    expect(Object.keys(vms[0].classic.privilegedMs).sort()).toEqual(Object.keys(vms[0].privileged).sort());
  });
});
