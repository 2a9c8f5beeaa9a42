import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Machine, Vm, layout as L } from "../../src/index.js";
import * as rv from "../helpers/rv.js";

// Everything a vCPU keeps between run() calls is in its block; the core's module globals are
// per call, per instruction or per core instance (assembly/state.ts). So vCPUs that take turns
// on one core instance, in slices of any size, end exactly where each ends when run alone. The
// two guests run the same code at the same virtual addresses with different immediates: they
// share decode-cache slots, so every turn also re-decodes the other's stale entries.

const RAM = 0x8000_0000n;
const DATA = RAM + 8n + 0x1000n;

const bne = (rs1: number, rs2: number, off: number) =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (1 << 12) |
    (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
const CSR_MINSTRET = 0xb02;
const CSR_MEPC = 0x341;
const ILLEGAL = 0;

/** A loop of loads, stores, an illegal instruction its handler steps over, then minstret and wfi. */
function program(step: number): Uint8Array {
  return rv.code(
    rv.addi(5, 0, 40), // 0: x5 = loop count
    rv.addi(6, 0, 0), // 4: x6 = sum
    rv.auipc(10, 1), // 8: x10 = DATA
    rv.addi(12, 0, step), // 12
    rv.lw(7, 10, 0), // 16: loop
    rv.add(6, 6, 7),
    rv.add(7, 7, 12),
    rv.sw(7, 10, 0),
    rv.addi(5, 5, -1),
    ILLEGAL, // 36: trap, the handler counts it in x9 and steps over it
    bne(5, 0, -24), // 40
    rv.csrrs(8, CSR_MINSTRET, 0), // 44
    rv.WFI, // 48
    rv.csrrs(11, CSR_MEPC, 0), // 52: handler
    rv.addi(11, 11, 4),
    rv.csrrw(0, CSR_MEPC, 11),
    rv.addi(9, 9, 1),
    rv.MRET,
  );
}

function guest(machine: Machine, step: number, seed: number): Vm {
  const vm = new Vm(machine, { memoryBytes: 64 * 1024 });
  vm.loadBytes(RAM, program(step));
  vm.loadBytes(DATA, rv.code(seed));
  vm.vcpu.set(L.MTVEC, RAM + 52n);
  return vm;
}

/** What a run leaves: registers, pc, counters, trap CSRs and the data word. */
function snapshot(vm: Vm): Record<string, bigint> {
  const v = vm.vcpu;
  const out: Record<string, bigint> = { pc: v.pc };
  for (let r = 1; r < 32; r++) out[`x${r}`] = v.x(r);
  for (const name of ["PRIV", "MSTATUS", "MEPC", "MCAUSE", "MTVAL", "RETIRED", "CLOCK", "LAST_TRAP_TARGET", "LAST_TRAP_RETIRED"] as const) {
    out[name] = v.get(L[name]);
  }
  out.data = BigInt(new DataView(vm.readBytes(DATA, 4).buffer).getUint32(0, true));
  return out;
}

describe("vCPUs taking turns on one core instance", () => {
  it("end exactly where each ends alone, whatever the slices", async () => {
    const specs = [{ step: 3, seed: 100 }, { step: -7, seed: 5000 }];
    const alone = await Promise.all(specs.map(async ({ step, seed }) => {
      const vm = guest(await Machine.create(), step, seed);
      expect(vm.vcpu.run(1_000_000)).toBe("wfi");
      return snapshot(vm);
    }));
    expect(alone[0]!.x9).toBe(40n); // every illegal instruction was trapped and stepped over
    expect(alone[0]).not.toEqual(alone[1]);

    const budgets = [1, 2, 3, 5, 8, 13, 21, 4, 7, 1, 1, 34];
    for (let phase = 0; phase < budgets.length; phase++) {
      const machine = await Machine.create();
      const vms = specs.map(({ step, seed }) => guest(machine, step, seed));
      const done = [false, false];
      for (let turn = 0; !(done[0] && done[1]); turn++) {
        expect(turn).toBeLessThan(10_000);
        vms.forEach((vm, k) => {
          if (done[k]) return;
          const budget = budgets[(turn + phase + 5 * k) % budgets.length]!;
          if (vm.vcpu.run(budget) === "wfi") done[k] = true;
        });
      }
      expect(vms.map(snapshot), `phase ${phase}`).toEqual(alone);
    }
  });
});

describe("vCPUs in other translation contexts taking turns", () => {
  // The core keeps the current TLB context (privilege, MPRV/MPP, SUM, MXR) in module globals:
  // each run must start from its own vCPU's, never the last one's. tlb-context.elf fills TLB
  // entries as S and then expects U-mode accesses to the same pages to fault (check 116: U's
  // very first load after the sret); run one instruction at a time between slices of a VM that
  // writes sstatus in S-mode, every one of its instructions starts where the other left an S
  // context behind.
  it("each run starts in its own vCPU's context, whatever the other VM's was", async () => {
    const machine = await Machine.create();
    const checks = new Vm(machine, { memoryBytes: 1 << 20 });
    checks.loadElf(readFileSync(fileURLToPath(new URL("../../guests/isa/tlb-context.elf", import.meta.url))));
    const spinner = new Vm(machine, { memoryBytes: 64 * 1024, mode: "kernel" });
    // csrrs x0, sstatus, x6 (x6 = 0) writes sstatus: its context, S, becomes the core's.
    spinner.loadBytes(RAM, rv.code(rv.csrrs(0, 0x100, 6), rv.jal(0, -4)));
    for (let turn = 0; checks.result === undefined; turn++) {
      expect(turn).toBeLessThan(200_000);
      spinner.run(1 + (turn % 3));
      checks.run(1);
    }
    expect(checks.result?.outcome, checks.result?.reason).toBe("pass");
    expect(spinner.vcpu.priv).toBe(1);
  });
});
