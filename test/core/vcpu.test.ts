import { describe, expect, it } from "vitest";
import { Machine } from "../../src/machine/machine.js";
import { coreTable } from "../../src/core/loader.js";
import * as L from "../../src/core/layout.js";
import {
  MIP_MEIP, MIP_MSIP, MIP_MTIP, MIP_SEIP, MIP_SSIP, MIP_STIP, Vcpu,
} from "../../src/core/vcpu.js";
import * as rv from "../helpers/rv.js";

// The interrupt rules the core exports (privileged spec 3.1.6.1, 3.1.9, 3.3.3), checked against
// the spec's own statement of them and against what run() actually does.

const PRIV_U = 0, PRIV_S = 1, PRIV_M = 3;
const MSTATUS_SIE = 1n << 1n;
const MSTATUS_MIE = 1n << 3n;
const M_LEVEL = MIP_MSIP | MIP_MTIP | MIP_MEIP;
const S_LEVEL = MIP_SSIP | MIP_STIP | MIP_SEIP;
const ALL = M_LEVEL | S_LEVEL;
const RAM = 0x8000_0000n;

/**
 * The spec's rule, written out: "Interrupts for higher-privilege modes are always globally
 * enabled and interrupts for lower-privilege modes are always globally disabled"; within the
 * current mode, xIE decides. An interrupt not delegated goes to M; a delegated one goes to S.
 */
function specEnabled(priv: number, mstatus: bigint, mideleg: bigint, mie: bigint): bigint {
  let enabled = 0n;
  for (let bit = 0n; bit < 16n; bit++) {
    const mask = 1n << bit;
    if (!(mie & mask)) continue;
    const target = mideleg & mask ? PRIV_S : PRIV_M;
    const globallyOn = priv < target || (priv === target && (mstatus & (target === PRIV_M ? MSTATUS_MIE : MSTATUS_SIE)) !== 0n);
    if (globallyOn) enabled |= mask;
  }
  return enabled;
}

async function freshVcpu(): Promise<{ machine: Machine; vcpu: Vcpu }> {
  const machine = await Machine.create();
  return { machine, vcpu: new Vcpu(machine.core, machine.mem, 0) };
}

/** Every combination of privilege, MIE, SIE and which S-level bits are delegated. */
function* states(): Generator<{ priv: number; mstatus: bigint; mideleg: bigint }> {
  for (const priv of [PRIV_U, PRIV_S, PRIV_M]) {
    for (const mstatus of [0n, MSTATUS_MIE, MSTATUS_SIE, MSTATUS_MIE | MSTATUS_SIE]) {
      for (const mideleg of [0n, MIP_SSIP, MIP_STIP | MIP_SEIP, S_LEVEL]) yield { priv, mstatus, mideleg };
    }
  }
}

describe("Vcpu.interruptsEnabled(): the core's interrupt-enable rule", () => {
  it("names the cases of the spec", async () => {
    const { vcpu } = await freshVcpu();
    const at = (priv: number, mstatus: bigint, mideleg: bigint, mie: bigint): bigint => {
      vcpu.set(L.PRIV, BigInt(priv));
      vcpu.set(L.MSTATUS, mstatus);
      vcpu.set(L.MIDELEG, mideleg);
      vcpu.set(L.MIE, mie);
      return vcpu.interruptsEnabled();
    };
    // An M-mode hart with MIE = 0 takes nothing, whatever mie says.
    expect(at(PRIV_M, 0n, 0n, ALL)).toBe(0n);
    expect(at(PRIV_M, 0n, S_LEVEL, ALL)).toBe(0n);
    // With MIE = 1 it takes what is not delegated; delegated interrupts never interrupt M.
    expect(at(PRIV_M, MSTATUS_MIE, S_LEVEL, ALL)).toBe(M_LEVEL);
    expect(at(PRIV_M, MSTATUS_MIE, 0n, ALL)).toBe(ALL);
    // Below M, M-level interrupts are always enabled, MIE or not.
    expect(at(PRIV_S, 0n, S_LEVEL, ALL)).toBe(M_LEVEL);
    expect(at(PRIV_U, 0n, 0n, ALL)).toBe(ALL);
    // Delegated S-level interrupts: in S only with SIE, in U always.
    expect(at(PRIV_S, MSTATUS_SIE, S_LEVEL, ALL)).toBe(ALL);
    expect(at(PRIV_U, 0n, S_LEVEL, ALL)).toBe(ALL);
    expect(at(PRIV_U, 0n, S_LEVEL, S_LEVEL)).toBe(S_LEVEL);
    // Only bits of mie are ever enabled.
    expect(at(PRIV_U, MSTATUS_MIE | MSTATUS_SIE, S_LEVEL, 0n)).toBe(0n);
    expect(at(PRIV_S, MSTATUS_SIE, MIP_STIP, MIP_STIP | MIP_MTIP)).toBe(MIP_STIP | MIP_MTIP);
  });

  it("agrees with the spec's rule in every state", async () => {
    const { vcpu } = await freshVcpu();
    for (const { priv, mstatus, mideleg } of states()) {
      for (const mie of [0n, ALL, M_LEVEL, S_LEVEL, MIP_STIP | MIP_MEIP]) {
        vcpu.set(L.PRIV, BigInt(priv));
        vcpu.set(L.MSTATUS, mstatus);
        vcpu.set(L.MIDELEG, mideleg);
        vcpu.set(L.MIE, mie);
        expect(vcpu.interruptsEnabled(), `priv ${priv} mstatus ${mstatus} mideleg ${mideleg} mie ${mie}`)
          .toBe(specEnabled(priv, mstatus, mideleg, mie));
      }
    }
  });

  it("is what run() takes: an interrupt is taken exactly when its bit is enabled", async () => {
    const { machine, vcpu } = await freshVcpu();
    // A page of nops as RAM: the handlers and the code are all nops, so only the trap shows.
    const ram = machine.mem.alloc(0x1000, 0x1000);
    vcpu.set(L.RAM_BASE, RAM);
    vcpu.set(L.RAM_SIZE, 0x1000n);
    vcpu.set(L.RAM_HOST, BigInt(ram));
    machine.mem.bytes.set(rv.code(...Array<number>(1024).fill(rv.NOP)), ram);
    for (const { priv, mstatus, mideleg } of states()) {
      for (const bit of [MIP_SSIP, MIP_STIP, MIP_SEIP, MIP_MSIP, MIP_MTIP, MIP_MEIP]) {
        machine.core.exports.flushTlb(vcpu.block);
        vcpu.set(L.PRIV, BigInt(priv));
        vcpu.set(L.MSTATUS, mstatus);
        vcpu.set(L.MIDELEG, mideleg);
        vcpu.set(L.MIE, ALL);
        vcpu.set(L.MIP, bit & S_LEVEL);
        vcpu.set(L.MIP_LINES, bit & M_LEVEL);
        vcpu.set(L.MTVEC, RAM + 0x800n);
        vcpu.set(L.STVEC, RAM + 0x400n);
        vcpu.pc = RAM;
        const enabled = (vcpu.interruptsEnabled() & bit) !== 0n;
        const taken = vcpu.get(L.IRQ_TAKEN);
        vcpu.run(1);
        expect(vcpu.get(L.IRQ_TAKEN) - taken, `priv ${priv} mstatus ${mstatus} mideleg ${mideleg} bit ${bit}`).toBe(enabled ? 1n : 0n);
      }
    }
  });
});

describe("Vcpu.interruptsPending(): mip & mie, the wake-up condition of wfi", () => {
  it("ORs the platform's lines into mip and masks with mie, whatever the global enables", async () => {
    const { vcpu } = await freshVcpu();
    vcpu.set(L.PRIV, BigInt(PRIV_M));
    vcpu.set(L.MSTATUS, 0n); // MIE = 0: nothing is taken, yet wfi still wakes
    vcpu.set(L.MIE, ALL);
    vcpu.set(L.MIP, MIP_SSIP);
    vcpu.set(L.MIP_LINES, MIP_MTIP | MIP_SEIP);
    expect(vcpu.interruptsPending()).toBe(MIP_SSIP | MIP_MTIP | MIP_SEIP);
    expect(vcpu.interruptsEnabled()).toBe(0n);
    vcpu.set(L.MIE, MIP_MTIP);
    expect(vcpu.interruptsPending()).toBe(MIP_MTIP);
    vcpu.set(L.MIE, 0n);
    expect(vcpu.interruptsPending()).toBe(0n);
  });

  it("leaves STIP to stimecmp under Sstc: the software bit does not count", async () => {
    const { vcpu } = await freshVcpu();
    vcpu.set(L.MIE, ALL);
    vcpu.set(L.MIP, MIP_STIP);
    expect(vcpu.interruptsPending()).toBe(MIP_STIP);
    vcpu.set(L.CONFIG, BigInt(L.CONFIG_SSTC));
    vcpu.set(L.MENVCFG, 1n << 63n); // STCE
    expect(vcpu.interruptsPending()).toBe(0n);
  });

  it("is the condition under which wfi leaves the guest", async () => {
    const { machine, vcpu } = await freshVcpu();
    const ram = machine.mem.alloc(0x1000, 0x1000);
    vcpu.set(L.RAM_BASE, RAM);
    vcpu.set(L.RAM_SIZE, 0x1000n);
    vcpu.set(L.RAM_HOST, BigInt(ram));
    machine.mem.bytes.set(rv.code(rv.WFI, rv.WFI), ram);
    for (const [mie, mip] of [[0n, ALL], [MIP_MTIP, MIP_STIP], [MIP_STIP, MIP_STIP], [ALL, 0n]] as const) {
      vcpu.set(L.MSTATUS, 0n); // M-mode with MIE = 0: a pending interrupt wakes wfi but is not taken
      vcpu.set(L.MIE, mie);
      vcpu.set(L.MIP, mip);
      vcpu.pc = RAM;
      const reason = vcpu.run(1);
      expect(reason, `mie ${mie} mip ${mip}`).toBe(vcpu.interruptsPending() === 0n ? "wfi" : "budget");
    }
  });
});

describe("src/core/vcpu.ts mip bits", () => {
  it("are the core's", async () => {
    const { machine } = await freshVcpu();
    const exports = new WebAssembly.Instance(machine.core.module, { env: { memory: machine.core.memory, table: coreTable() } }).exports;
    const bits = { MIP_SSIP, MIP_MSIP, MIP_STIP, MIP_MTIP, MIP_SEIP, MIP_MEIP };
    for (const [name, value] of Object.entries(bits)) {
      expect((exports[name] as WebAssembly.Global).value, name).toBe(value);
    }
  });
});

describe("Vcpu.completeMmioLoad()", () => {
  it("writes x[rd] (0..31) or f[rd - 32] (NaN-boxed for 4 bytes), and keeps a corrupted EXIT_RD inside the register files", async () => {
    const { machine, vcpu } = await freshVcpu();
    const load = (rd: number, size: number, value: bigint) => {
      vcpu.set(L.EXIT_RD, BigInt(rd));
      vcpu.set(L.EXIT_SIZE, BigInt(size));
      vcpu.set(L.EXIT_SIGNED, 0n);
      vcpu.completeMmioLoad(value);
    };
    load(5, 8, 0x1234n);
    expect(vcpu.x(5)).toBe(0x1234n);
    load(32 + 3, 4, 0x3f80_0000n);
    expect(vcpu.f(3)).toBe(0xffff_ffff_3f80_0000n);
    load(32 + 4, 8, 0x4000_0000_0000_0000n);
    expect(vcpu.f(4)).toBe(0x4000_0000_0000_0000n);
    // A host bug that wrote a huge rd into the block: the value stays in the block's registers.
    const outside = machine.mem.bytes.slice(vcpu.block + L.VCPU_BLOCK_SIZE, vcpu.block + L.VCPU_BLOCK_SIZE + 4096);
    load(0x1_0000 + 7, 8, 0x77n);
    expect(vcpu.x(7)).toBe(0x77n);
    expect(machine.mem.bytes.slice(vcpu.block + L.VCPU_BLOCK_SIZE, vcpu.block + L.VCPU_BLOCK_SIZE + 4096)).toEqual(outside);
  });
});
