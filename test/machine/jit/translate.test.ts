import { describe, expect, it } from "vitest";
import { Hypervisor, Machine, Vm, layout as L, type JitSetting } from "../../../src/index.js";
import { prng, type Rng } from "../../helpers/prng.js";
import { addi, auipc, branch as bType, code as bytesOf, csrrs, csrrw, iType, jal, jalr, lui, MRET, rType, store as sType, WFI } from "../../helpers/rv.js";
import { build } from "../../helpers/elf.js";
import { PF_R, PF_X } from "../../../src/formats/elf.js";

// The compiling tier against the interpreter it must be indistinguishable from: the same random
// programs run on a machine with the tier forced on and on one without it, with random budgets,
// and after every run() the exit, pc, registers, counters and trap CSRs must be equal; at the
// end, all of RAM. The programs mix what the tier translates (integer arithmetic, loads and
// stores, branches, loops) with what it gives back to the interpreter (CSR instructions,
// fences, AMOs, loads that fault, TLB misses), stores into their own code, and the same code
// at several addresses.

const RAM = 0x8000_0000n;
const RAM_BYTES = 1 << 20;
const DATA = 0x8008_0000n; // x31 points here
const HANDLER = 0x8000_f000n;

/** rd = addr, an address of RAM (lui sign-extends bit 31 on RV64: clear the upper half again). */
const la = (rd: number, addr: bigint) => [lui(rd, Number(addr >> 12n)), iType(32, rd, 1, rd, 0x13), iType(32, rd, 5, rd, 0x13)];
const FENCE = 0x0ff0000f, FENCE_I = 0x0000100f;
const MEPC = 0x341, MSCRATCH = 0x340, MTVEC = 0x305;

/** Registers the random code may write: x5..x27 (x28: code base, x29: loop counter, x30: handler, x31: data). */
const reg = (r: Rng) => 5 + r.below(23);
const src = (r: Rng) => (r.below(8) === 0 ? 0 : r.below(4) === 0 ? 31 : reg(r));

/** A random instruction the tier translates (or, now and then, one it gives back). */
function randomOp(r: Rng): number {
  const rd = reg(r), rs1 = src(r), rs2 = src(r);
  switch (r.below(16)) {
    case 0: return rType(r.below(2) ? 0x20 : 0, rs2, rs1, r.below(2) ? 0 : 5, rd, 0x33); // add/sub/srl/sra
    case 1: return rType(0, rs2, rs1, r.below(8), rd, 0x33); // add sll slt sltu xor srl or and
    case 2: return rType(1, rs2, rs1, r.below(8), rd, 0x33); // mul mulh mulhsu mulhu div divu rem remu
    case 3: return rType([0, 0, 1, 0x20][r.below(4)]!, rs2, rs1, [0, 1, 5, 0][r.below(4)]!, rd, 0x3b); // addw sllw srlw mulw subw ...
    case 4: return rType(1, rs2, rs1, 4 + r.below(4), rd, 0x3b); // divw divuw remw remuw
    case 5: return iType(r.below(4096) - 2048, rs1, [0, 2, 3, 4, 6, 7][r.below(6)]!, rd, 0x13);
    case 6: return iType((r.below(2) ? 0x400 : 0) | r.below(64), rs1, r.below(2) ? 1 : 5, rd, 0x13); // slli srli srai
    case 7: return iType(r.below(2048) - 1024, rs1, 0, rd, 0x1b); // addiw
    case 8: return iType((r.below(2) ? 0x400 : 0) | r.below(32), rs1, r.below(2) ? 1 : 5, rd, 0x1b); // slliw srliw sraiw
    case 9: return lui(rd, r.below(1 << 20));
    case 10: return auipc(rd, r.below(1 << 20));
    case 11: case 12: { // load from the data area (or, rarely, through a random register: a fault)
      const base = r.below(12) === 0 ? src(r) : 31;
      return iType(r.below(2048) - 64, base, [0, 1, 2, 3, 4, 5, 6][r.below(7)]!, rd, 0x03);
    }
    case 13: case 14: {
      const base = r.below(16) === 0 ? src(r) : 31;
      return sType(r.below(2048) - 64, rs2, base, r.below(4));
    }
    default: // given back to the interpreter
      switch (r.below(4)) {
        case 0: return FENCE;
        case 1: return csrrs(rd, MSCRATCH, 0);
        case 2: return csrrw(0, MSCRATCH, rs1);
        default: return rType(0, rs2, 31, 2 + r.below(2), rd, 0x2f); // amoadd.w/.d on the data area
      }
  }
}

/**
 * A random program at RAM: blocks of random instructions, forward branches, counted loops,
 * calls to a shared routine, and stores that rewrite instructions further on. Ends in wfi.
 */
function randomProgram(r: Rng): number[] {
  const words: number[] = [];
  // x28 = RAM (code), x31 = DATA, x30 = handler; mtvec = handler.
  words.push(...la(28, RAM), ...la(31, DATA), ...la(30, HANDLER), csrrw(0, MTVEC, 30));
  const segments = 20 + r.below(30);
  const fixups: { at: number; patch: (here: number) => number }[] = [];
  for (let s = 0; s < segments; s++) {
    switch (r.below(6)) {
      case 0: case 1: {
        for (let n = 1 + r.below(12); n > 0; n--) words.push(randomOp(r));
        break;
      }
      case 2: { // a forward branch over a few instructions
        const skip = 1 + r.below(5);
        words.push(bType([0, 1, 4, 5, 6, 7][r.below(6)]!, src(r), src(r), (skip + 1) * 4));
        for (let n = 0; n < skip; n++) words.push(randomOp(r));
        break;
      }
      case 3: { // a counted loop
        words.push(addi(29, 0, 2 + r.below(40)));
        const top = words.length;
        for (let n = 1 + r.below(8); n > 0; n--) words.push(randomOp(r));
        words.push(addi(29, 29, -1));
        words.push(bType(1, 29, 0, (top - words.length) * 4)); // bne x29, x0, top
        break;
      }
      case 4: { // rewrite an instruction ahead with another translated one (self-modifying code)
        const replacement = rType(0, src(r), src(r), 0, reg(r), 0x33);
        words.push(lui(27, ((replacement + 0x800) >>> 12) & 0xfffff), addi(27, 27, ((replacement & 0xfff) << 20) >> 20));
        const at = words.length;
        words.push(0); // sw x27, off(x28), patched once the target is known
        const ahead = 2 + r.below(6);
        fixups.push({ at, patch: () => sType((at + ahead) * 4, 27, 28, 2) });
        break;
      }
      default: { // jal forward over a block
        const skip = 1 + r.below(4);
        words.push(jal(r.below(2) ? 0 : 1, (skip + 1) * 4));
        for (let n = 0; n < skip; n++) words.push(randomOp(r));
      }
    }
  }
  for (let n = 0; n < 8; n++) words.push(randomOp(r)); // targets for the last rewrites
  words.push(WFI, jal(0, -4));
  for (const f of fixups) words[f.at] = f.patch(f.at);
  return words;
}

/** The trap handler: skip the faulting instruction (all are 4 bytes) and return. */
const HANDLER_CODE = [csrrs(30, MEPC, 0), addi(30, 30, 4), csrrw(0, MEPC, 30), ...la(30, HANDLER), MRET];


interface Guest { vm: Vm; machine: Machine }

async function vmWith(jit: JitSetting, program: Uint8Array, data: Uint8Array): Promise<Guest> {
  const machine = await Machine.create({ jit });
  const vm = new Vm(machine, { memoryBytes: RAM_BYTES });
  vm.loadBytes(RAM, program);
  vm.loadBytes(HANDLER, bytesOf(...HANDLER_CODE));
  vm.loadBytes(DATA, data);
  return { vm, machine };
}

const SLOTS = [L.PC, L.RETIRED, L.MSTATUS, L.MEPC, L.MCAUSE, L.MTVAL, L.MSCRATCH, L.PRIV];
function stateOf(vm: Vm): bigint[] {
  const out: bigint[] = SLOTS.map((s) => vm.vcpu.get(s));
  for (let r = 1; r < 32; r++) out.push(vm.vcpu.x(r));
  return out;
}

/** Runs both VMs with the same random budgets until both wait; returns the first difference. */
function compare({ vm: a, machine: ma }: Guest, { vm: b, machine: mb }: Guest, r: Rng, maxRuns = 4000): string | undefined {
  for (let n = 0; n < maxRuns; n++) {
    const budget = 1 + r.below(r.below(4) === 0 ? 5 : 400);
    const ra = a.vcpu.run(budget), rb = b.vcpu.run(budget);
    const sa = stateOf(a), sb = stateOf(b);
    if (ra !== rb || sa.some((v, i) => v !== sb[i])) {
      const what = sa.map((v, i) => (v !== sb[i] ? `${i < SLOTS.length ? `slot 0x${SLOTS[i]!.toString(16)}` : `x${i - SLOTS.length + 1}`}: 0x${v.toString(16)} vs 0x${sb[i]!.toString(16)}` : "")).filter(Boolean);
      return `run ${n} (budget ${budget}): ${ra} vs ${rb}; ${what.join(", ")}`;
    }
    if (ra === "wfi") break;
  }
  const ramA = ma.mem.bytes.subarray(a.ramHost, a.ramHost + RAM_BYTES);
  const ramB = mb.mem.bytes.subarray(b.ramHost, b.ramHost + RAM_BYTES);
  const at = ramA.findIndex((v, i) => v !== ramB[i]);
  return at < 0 ? undefined : `RAM differs at 0x${(Number(RAM) + at).toString(16)}`;
}

const SEED = Number(process.env.JIT_SEED ?? (Date.now() % 2 ** 31));

describe("the compiling tier is indistinguishable from the interpreter", () => {
  for (const [label, jit] of [["translated at first execution", "eager"], ["translated after a few jumps, in batches", { threshold: 3, batch: 4 }], ["with a code budget that keeps dropping everything", { threshold: 1, batch: 2, codeBudget: 4096 }]] as const) {
    it(`on random programs, ${label} (JIT_SEED=${SEED})`, async () => {
      const rng = prng(SEED);
      let flushes = 0, roundsTranslated = 0;
      for (let round = 0; round < 12; round++) {
        const seed = rng.below(2 ** 31);
        const r = prng(seed);
        const program = bytesOf(...randomProgram(r));
        const data = new Uint8Array(4096).map(() => r.below(256));
        const a = await vmWith(jit, program, data);
        const b = await vmWith(false, program, data);
        const problem = compare(a, b, prng(seed ^ 0x5a5a));
        expect(problem, `round seed ${seed} (JIT_SEED=${SEED})`).toBeUndefined();
        if (a.vm.vcpu.get(L.JIT_RETIRED) > 0n) roundsTranslated++;
        flushes += a.machine.jit!.stats.flushes;
        expect(b.vm.vcpu.get(L.JIT_RETIRED)).toBe(0n);
      }
      // The tier really ran: a test that never reaches translated code could not fail. (Some
      // programs end in a storm of illegal-instruction traps, which run in the interpreter.)
      expect(roundsTranslated).toBeGreaterThanOrEqual(6);
      if (typeof jit === "object" && jit.codeBudget !== undefined) expect(flushes).toBeGreaterThan(0);
    });
  }

  it("runs the same code at several addresses with each one's own pcs (auipc, jal, branches out)", async () => {
    // One routine copied to 6 places 64 KiB apart: the same decode-cache set, more copies than
    // ways, so slots that held one copy's translated entries are reused for another copy.
    // Each records the pc auipc sees and returns; main calls every copy three times.
    const routine = [
      auipc(5, 0), iType(0, 31, 3, 6, 0x03) /* ld x6, 0(x31) */, addi(6, 6, 1), sType(0, 6, 31, 3) /* sd */,
      sType(8, 5, 31, 3), addi(31, 31, 16),
      addi(29, 0, 30), addi(29, 29, -1), bType(1, 29, 0, -4), jalr(0, 1, 0),
    ];
    const main: number[] = [...la(31, DATA)];
    for (let pass = 0; pass < 3; pass++) {
      for (let k = 0; k < 6; k++) main.push(...la(7, 0x8001_0000n + BigInt(k) * 0x1_0000n), jalr(1, 7, 0));
    }
    main.push(WFI);
    const run = async (jit: JitSetting) => {
      const machine = await Machine.create({ jit });
      const vm = new Vm(machine, { memoryBytes: RAM_BYTES });
      vm.loadBytes(RAM, bytesOf(...main));
      for (let k = 0; k < 6; k++) vm.loadBytes(0x8001_0000n + BigInt(k) * 0x1_0000n, bytesOf(...routine));
      for (let n = 0; n < 1000 && vm.vcpu.run(1000) !== "wfi"; n++);
      expect(vm.vcpu.get(L.MCAUSE)).toBe(0n); // no trap on the way
      const v = machine.mem.view;
      return Array.from({ length: 18 }, (_, i) => v.getBigUint64(vm.ramHost + 0x8_0000 + i * 16 + 8, true));
    };
    const expected = Array.from({ length: 18 }, (_, i) => 0x8001_0000n + BigInt(i % 6) * 0x1_0000n);
    expect(await run(false)).toEqual(expected);
    expect(await run("eager")).toEqual(expected);
    expect(await run({ threshold: 2, batch: 1 })).toEqual(expected);
  });

  it.each([["its first block", 0], ["a later block", 2]] as const)("translates code again once %s was patched (the old translation is forgotten)", async (_, patched) => {
    // L: addi x5,x5,1; beq x0,x0,B; B: addi x6,x6,1; addi x29,x29,-1; bne x29,x0,L (50 times);
    // then the instruction `patched` words into the loop becomes addi x(5 or 6), ..., 3, and
    // the loop runs again. Control: the same store of the unchanged instruction.
    const loop = [addi(5, 5, 1), bType(0, 0, 0, 4), addi(6, 6, 1), addi(29, 29, -1), bType(1, 29, 0, -16)];
    const run = async (change: boolean) => {
      const original = loop[patched]!;
      const replacement = change ? addi(patched === 0 ? 5 : 6, patched === 0 ? 5 : 6, 3) : original;
      const words = [...la(31, DATA), ...la(28, RAM), addi(20, 0, 2)];
      const outer = words.length;
      words.push(addi(29, 0, 50));
      const at = words.length; // L
      words.push(...loop);
      words.push(lui(27, ((replacement + 0x800) >>> 12) & 0xfffff), addi(27, 27, ((replacement & 0xfff) << 20) >> 20));
      words.push(sType((at + patched) * 4, 27, 28, 2), FENCE_I, addi(20, 20, -1));
      words.push(bType(1, 20, 0, (outer - words.length) * 4), WFI);
      const machine = await Machine.create({ jit: { threshold: 2, batch: 1 } });
      const vm = new Vm(machine, { memoryBytes: RAM_BYTES });
      vm.loadBytes(RAM, bytesOf(...words));
      for (let n = 0; n < 1000 && vm.vcpu.run(1000) !== "wfi"; n++);
      return { x5: vm.vcpu.x(5), x6: vm.vcpu.x(6), translations: machine.jit!.stats.translations, translated: vm.translatedInstructions };
    };
    const same = await run(false), changed = await run(true);
    expect([same.x5, same.x6]).toEqual([100n, 100n]);
    expect(patched === 0 ? [changed.x5, changed.x6] : [changed.x6, changed.x5]).toEqual([50n + 150n, 100n]);
    expect(changed.translations).toBeGreaterThan(same.translations);
    expect(changed.translated).toBeGreaterThan(0.6 * same.translated);
  });

  it("counts translated instructions across a reboot, as it counts instructions", async () => {
    // A loop of 20,000 iterations, then a reset through the test finisher (0x7777): the VM boots
    // again and again until the instruction limit, in the middle of its third boot.
    const words = [addi(29, 0, 0), lui(29, 5), addi(29, 29, -480) /* 20,000 */, addi(5, 5, 1), addi(29, 29, -1), bType(1, 29, 0, -8),
      lui(6, 0x100), lui(7, 7), addi(7, 7, 0x777), sType(0, 7, 6, 2), WFI];
    const hv = await Hypervisor.create({ jit: "eager", maxInsns: 150_000 });
    const vm = hv.createVm({ memoryBytes: RAM_BYTES, mode: "firmware" });
    vm.loadElf(build({ entry: RAM, segments: [{ paddr: RAM, data: bytesOf(...words), flags: PF_R | PF_X }] }).bytes);
    await hv.run();
    expect(vm.report().reboots).toBeGreaterThanOrEqual(2);
    expect(vm.translatedInstructions / vm.instructions).toBeGreaterThan(0.9);
  });
});
