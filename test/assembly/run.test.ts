import { describe, expect, it } from "vitest";
import { Machine, Vm, layout as L, type MmioDevice } from "../../src/index.js";
import * as rv from "../helpers/rv.js";

const RAM = 0x8000_0000n;

async function vmWith(words: number[], memoryBytes = 1 << 20): Promise<Vm> {
  const vm = new Vm(await Machine.create(), { memoryBytes });
  vm.loadBytes(RAM, rv.code(...words));
  return vm;
}

/** A device that records what the guest does to it and answers loads with `answer`. */
function recorder(answer: bigint) {
  const log: string[] = [];
  const device: MmioDevice = {
    name: "rec",
    size: 0x1000,
    read: (offset, size) => (log.push(`r ${offset} ${size}`), answer),
    write: (offset, size, value) => void log.push(`w ${offset} ${size} 0x${value.toString(16)}`),
  };
  return { device, log };
}

describe("run(): the exit contract", () => {
  it("leaves for MMIO stores with address, size and value, and resumes after the store", async () => {
    // a0 = 0x1000_2000 (device base); a1 = 0x1234_5678; sw a1, 8(a0); addi a2, x0, 7
    const vm = await vmWith([rv.lui(10, 0x10002), rv.lui(11, 0x12345), rv.addi(11, 11, 0x678), rv.sw(11, 10, 8), rv.addi(12, 0, 7), rv.WFI]);
    const { device, log } = recorder(0n);
    vm.addDevice(0x1000_2000n, device);
    expect(vm.vcpu.run(100)).toBe("mmio");
    expect(vm.vcpu.get(L.EXIT_ADDR)).toBe(0x1000_2008n);
    expect(vm.vcpu.get(L.EXIT_SIZE)).toBe(4n);
    expect(vm.vcpu.get(L.EXIT_IS_WRITE)).toBe(1n);
    expect(vm.vcpu.get(L.EXIT_VALUE)).toBe(0x1234_5678n);
    expect(vm.vcpu.pc).toBe(RAM + 16n);
    expect(vm.vcpu.x(12)).toBe(0n);
    vm.run(100);
    expect(vm.vcpu.x(12)).toBe(7n);
    expect(vm.state).toBe("waiting");
    expect(log).toEqual([]); // the bare run() above bypassed the VM's exit handling
  });

  it("hands MMIO stores to the device at their offset", async () => {
    const vm = await vmWith([rv.lui(10, 0x10002), rv.addi(11, 0, -2), rv.sd(11, 10, 0x10), rv.WFI]);
    const { device, log } = recorder(0n);
    vm.addDevice(0x1000_2000n, device);
    vm.run(100);
    vm.run(100);
    expect(log).toEqual(["w 16 8 0xfffffffffffffffe"]);
  });

  it("completes MMIO loads into rd with the load's sign extension", async () => {
    // lw a1, 4(a0) from a device answering 0xffff_fff0 -> sign-extended; lbu a2 -> zero-extended
    const vm = await vmWith([rv.lui(10, 0x10002), rv.lw(11, 10, 4), rv.lbu(12, 10, 1), rv.WFI]);
    const { device, log } = recorder(0xffff_fff0n);
    vm.addDevice(0x1000_2000n, device);
    for (let k = 0; k < 3; k++) vm.run(100);
    expect(log).toEqual(["r 4 4", "r 1 1"]);
    expect(vm.vcpu.x(11)).toBe(0xffff_ffff_ffff_fff0n);
    expect(vm.vcpu.x(12)).toBe(0xf0n);
    expect(vm.stats.exits.get("mmio")!.count).toBe(2);
    expect(vm.state).toBe("waiting");
  });

  it("spends exactly the budget and counts it", async () => {
    const vm = await vmWith([rv.addi(5, 5, 1), rv.jal(0, -4)]);
    expect(vm.vcpu.run(1001)).toBe("budget");
    expect(vm.vcpu.x(5)).toBe(501n);
    expect(vm.vcpu.get(L.RETIRED)).toBe(1001n);
    expect(vm.vcpu.get(L.CLOCK)).toBe(1001n);
  });

  it("leaves on wfi with nothing pending, pc after the wfi", async () => {
    const vm = await vmWith([rv.NOP, rv.WFI, rv.NOP]);
    expect(vm.vcpu.run(100)).toBe("wfi");
    expect(vm.vcpu.pc).toBe(RAM + 8n);
  });

  it("stops a guest whose trap handler faults at its first instruction, with the reason", async () => {
    // mtvec = 0 (reset value): the illegal instruction traps to 0, which is not memory.
    const vm = await vmWith([0xffff_ffff]);
    expect(vm.run(100)).toBe("fatal");
    expect(vm.state).toBe("stopped");
    expect(vm.result?.outcome).toBe("fatal");
  });

  it("keeps the exit trace of a vCPU the same run to run", async () => {
    const trace = async () => {
      const vm = await vmWith([rv.lui(10, 0x10002), rv.sw(0, 10, 0), rv.addi(5, 5, 1), rv.jal(0, -12)]);
      vm.addDevice(0x1000_2000n, recorder(0n).device);
      const reasons: string[] = [];
      for (let k = 0; k < 50; k++) reasons.push(`${vm.vcpu.run(37)}@${vm.vcpu.pc}`);
      return reasons.join(",");
    };
    expect(await trace()).toBe(await trace());
  });
});

describe("run(): mip and the platform's interrupt lines", () => {
  it("csrs mip keeps the PLIC's SEIP line out of the bit it writes (privileged spec 3.1.9)", async () => {
    // OpenSBI's timer handler does csrs mip, STIP; with the UART's interrupt pending at the S
    // context, latching SEIP there would leave S-mode in an endless external-interrupt storm.
    const MIP = 0x344, STIP = 0x20, SEIP = 0x200;
    const vm = await vmWith([rv.addi(5, 0, STIP), rv.csrrs(11, MIP, 5), rv.WFI, rv.csrrs(12, MIP, 0), rv.WFI]);
    const S_CONTEXT_CLAIM = 0x20_1004, UART_IRQ = 10;
    vm.plic.write(4 * UART_IRQ, 4, 1n); // priority 1
    vm.plic.write(0x2080, 4, BigInt(1 << UART_IRQ)); // enabled at the S context
    vm.setIrq(UART_IRQ, true);
    expect(vm.run(100)).toBe("wfi");
    expect(vm.vcpu.x(11)).toBe(BigInt(SEIP)); // a read sees the line
    // The S handler serves the UART and completes: the line drops.
    vm.setIrq(UART_IRQ, false);
    expect(vm.plic.read(S_CONTEXT_CLAIM, 4)).toBe(BigInt(UART_IRQ));
    vm.plic.write(S_CONTEXT_CLAIM, 4, BigInt(UART_IRQ));
    vm.harts[0]!.state = "running"; // resumed by hand: nothing here wakes it
    expect(vm.run(100)).toBe("wfi");
    expect(vm.vcpu.x(12)).toBe(BigInt(STIP));
  });
});

describe("run(): isolation between VMs", () => {
  it("faults on guest-physical addresses beyond the VM's RAM instead of reaching the next window", async () => {
    const machine = await Machine.create();
    const a = new Vm(machine, { memoryBytes: 4096 });
    const b = new Vm(machine, { memoryBytes: 4096 });
    b.loadBytes(RAM, new Uint8Array(4096).fill(0x5a));
    // a: store to RAM + 4096 (just past its window), with mtvec pointing at a wfi.
    a.loadBytes(RAM, rv.code(rv.auipc(10, 1), rv.addi(11, 0, -1), rv.sd(11, 10, 0), rv.NOP, rv.WFI));
    a.vcpu.set(L.MTVEC, RAM + 16n);
    expect(a.vcpu.run(100)).toBe("wfi");
    expect(a.vcpu.get(L.MCAUSE)).toBe(7n); // store access fault
    expect(a.vcpu.get(L.MTVAL)).toBe(0x8000_1000n);
    expect(b.readBytes(RAM, 4096).every((x) => x === 0x5a)).toBe(true);
  });

  it("random code in one VM never changes another VM's RAM or state block", async () => {
    const machine = await Machine.create();
    const victim = new Vm(machine, { memoryBytes: 64 * 1024 });
    victim.loadBytes(RAM, new Uint8Array(64 * 1024).fill(0xa5));
    const victimBlock = machine.mem.bytes.slice(victim.vcpu.block, victim.vcpu.block + L.VCPU_BLOCK_SIZE);
    let seed = 0x1234_5678;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed);
    for (let round = 0; round < 20; round++) {
      const attacker = new Vm(machine, { memoryBytes: 64 * 1024 });
      const words = Array.from({ length: 16 * 1024 }, rand);
      attacker.loadBytes(RAM, rv.code(...words));
      attacker.vcpu.set(L.MTVEC, RAM + 4n * BigInt(rand() % 1024));
      for (let k = 0; k < 20 && attacker.vcpu.run(5000) !== "fatal"; k++) {
        // keep going through every exit: MMIO, wfi, budget
      }
    }
    expect(victim.readBytes(RAM, 64 * 1024).every((x) => x === 0xa5)).toBe(true);
    expect(machine.mem.bytes.slice(victim.vcpu.block, victim.vcpu.block + L.VCPU_BLOCK_SIZE)).toEqual(victimBlock);
  });
});

describe("run(): an odd pc", () => {
  // Architecturally pc[0] is always 0 (IALIGN = 16); only the host can put an odd value in the
  // block. The core must not decode at an odd address: decoded entries are 16 bytes per halfword,
  // and an entry written half-way between two would give the even instruction before it an
  // operation and a destination chosen by the odd bytes, while its raw bits still match memory.
  it("runs from pc & ~1, and never leaves a decoded entry another VM executes differently", async () => {
    const machine = await Machine.create();
    const a = new Vm(machine, { memoryBytes: 64 * 1024 });
    const b = new Vm(machine, { memoryBytes: 64 * 1024 });
    // At 0x1fc a nop, at 0x200 addi t1, x0, 2 (bytes 13 03 20 00), then a word whose low byte
    // is 0x2b. Decoded from 0x201 the bytes 03 20 00 2b are "lw x0, 0x2b0(x0)": its immediate
    // would land in the even entry's rd field (0x2b0, the block's RAM_HOST slot) and its first
    // byte, 3, in the operation field (OP_AUIPC), so that the next VM to run 0x200 from the
    // cache overwrites its own RAM window. (The first instruction after a fetch-TLB miss runs
    // outside the cache: the nop at 0x1fc warms the TLB.)
    a.loadBytes(RAM + 0x1fcn, rv.code(rv.NOP, 0x0020_0313, 0x0000_002b));
    a.vcpu.pc = RAM + 0x1fcn;
    expect(a.vcpu.run(2)).toBe("budget"); // 0x200 decoded where it belongs
    a.vcpu.setX(6, 0n);
    a.vcpu.set(L.PC, RAM + 0x201n); // the host's raw write: the API refuses odd values
    a.vcpu.run(100);
    b.loadBytes(RAM + 0x1fcn, rv.code(rv.NOP, 0x0020_0313, rv.WFI));
    b.vcpu.pc = RAM + 0x1fcn;
    const config = machine.mem.bytes.slice(b.vcpu.block + L.RAM_BASE, b.vcpu.block + L.EXIT_REASON);
    expect(b.vcpu.run(100)).toBe("wfi");
    expect(machine.mem.bytes.slice(b.vcpu.block + L.RAM_BASE, b.vcpu.block + L.EXIT_REASON)).toEqual(config);
    for (let r = 0; r < 32; r++) expect(b.vcpu.x(r)).toBe(r === 6 ? 2n : 0n);
    // And the odd pc itself ran as the even one: a's t1 is 2 too, and 0x204 was illegal.
    expect(a.vcpu.x(6)).toBe(2n);
  });

  it("returns from mret and sret to an even pc whatever the host wrote to mepc/sepc", async () => {
    const vm = await vmWith([rv.MRET]);
    vm.vcpu.set(L.MEPC, RAM + 0x101n);
    vm.vcpu.set(L.MSTATUS, vm.vcpu.get(L.MSTATUS) | (3n << 11n)); // MPP = M
    expect(vm.vcpu.run(1)).toBe("budget");
    expect(vm.vcpu.pc).toBe(RAM + 0x100n);
  });

  it("refuses an odd pc through the API", async () => {
    const vm = await vmWith([rv.NOP]);
    expect(() => (vm.vcpu.pc = RAM + 1n)).toThrow(/pc 0x80000001 is odd/);
  });
});
