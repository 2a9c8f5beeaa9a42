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

const csr = (f3: number, rd: number, number: number, rs1: number) => (((number & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x73) >>> 0;
/** SBI SRST shutdown, and x5 = RAM + 0x8000 (the data words) first. */
const SHUTDOWN = [rv.addi(10, 0, 0), rv.addi(11, 0, 0), rv.lui(17, 0x53525), rv.addi(17, 17, 0x354), rv.addi(16, 0, 0), rv.ECALL];
const DATA = [rv.auipc(5, 0x8), rv.addi(5, 5, -64)];

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
