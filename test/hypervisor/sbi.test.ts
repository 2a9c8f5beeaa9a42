import { describe, expect, it } from "vitest";
import { Machine, Vm } from "../../src/index.js";
import {
  EID_BASE, EID_DBCN, EID_HSM, EID_IPI, EID_LEGACY_GETCHAR, EID_LEGACY_PUTCHAR, EID_RFENCE, EID_SRST,
  EID_TIME, SBI_ERR_ALREADY_AVAILABLE, SBI_ERR_INVALID_ADDRESS, SBI_ERR_INVALID_PARAM, HSM_STARTED, HSM_STOPPED, HSM_SUSPENDED, SBI_ERR_NOT_SUPPORTED, SBI_IMPL_ID,
  SBI_SPEC_VERSION, DBCN_MAX_BYTES, SBI_CONSOLE_BYTE_COST, handleSbiCall,
} from "../../src/hypervisor/sbi.js";
import * as L from "../../src/core/layout.js";

const RAM = 0x8000_0000n;

async function kernelVm(options: { harts?: number; classic?: boolean } = {}) {
  const out: number[] = [];
  const vm = new Vm(await Machine.create(), { memoryBytes: 1 << 20, mode: "kernel", onConsole: (b) => out.push(b), ...options });
  // As kernel boot leaves them (test/vm/vm.test.ts checks that): the secondaries are stopped.
  for (const hart of vm.harts.slice(1)) hart.state = "stopped";
  /** Makes the SBI call as hart `hart` would: a7 = EID, a6 = FID, a0.. = arguments. */
  const callOn = (hart: number, eid: number, fid: number, ...args: bigint[]) => {
    const v = vm.harts[hart]!.vcpu;
    v.setX(17, BigInt(eid));
    v.setX(16, BigInt(fid));
    args.forEach((a, i) => v.setX(10 + i, a));
    handleSbiCall(vm.harts[hart]!);
    return { error: BigInt.asIntN(64, v.x(10)), value: v.x(11) };
  };
  const call = (eid: number, fid: number, ...args: bigint[]) => callOn(0, eid, fid, ...args);
  return { vm, call, callOn, out };
}

describe("SBI", () => {
  it("BASE reports v2.0, our implementation, and probes exactly what is implemented", async () => {
    const { call } = await kernelVm();
    expect(call(EID_BASE, 0)).toEqual({ error: 0n, value: SBI_SPEC_VERSION });
    expect(call(EID_BASE, 1)).toEqual({ error: 0n, value: SBI_IMPL_ID });
    for (const eid of [EID_TIME, EID_IPI, EID_RFENCE, EID_HSM, EID_SRST, EID_DBCN]) {
      expect(call(EID_BASE, 3, BigInt(eid)).value, `probe 0x${eid.toString(16)}`).toBe(1n);
    }
    expect(call(EID_BASE, 3, 0x4853_5643n /* not an extension */).value).toBe(0n);
  });

  it("TIME.set_timer arms the VM's timer and clears a pending STIP", async () => {
    const { vm, call } = await kernelVm();
    vm.vcpu.setInterruptLine(1n << 5n, true);
    expect(call(EID_TIME, 0, 1234n).error).toBe(0n);
    expect(vm.harts[0]!.timers.stimer.deadline).toBe(12340n);
    expect(vm.vcpu.get(L.MIP_LINES) & (1n << 5n)).toBe(0n);
    call(EID_TIME, 0, 0xffff_ffff_ffff_ffffn);
    expect(vm.harts[0]!.timers.stimer.armed).toBe(false); // all-ones is "off": never fires
  });

  it("counts every unknown extension under one name, so a guest cannot grow the host's tables", async () => {
    const { vm } = await kernelVm();
    // eid++ ; ecall ; loop: a new extension id on every call.
    vm.loadBytes(RAM, new Uint8Array(new Uint32Array([0x0a00_08b7 /* lui a7, 0xa000 */, 0x0000_0073, 0x0018_8893 /* addi a7, a7, 1 */, 0xff9f_f06f /* j -8 */]).buffer));
    for (let k = 0; k < 2000; k++) vm.run(100);
    expect([...vm.stats.sbiCalls.keys()]).toEqual(["unknown"]);
    expect(vm.stats.sbiCalls.get("unknown")).toBe(2000);
  });

  it("answers unknown extensions and functions with SBI_ERR_NOT_SUPPORTED", async () => {
    const { call } = await kernelVm();
    expect(call(0x0a00_0000, 0).error).toBe(SBI_ERR_NOT_SUPPORTED);
    expect(call(EID_TIME, 1).error).toBe(SBI_ERR_NOT_SUPPORTED);
    expect(call(EID_BASE, 7).error).toBe(SBI_ERR_NOT_SUPPORTED);
  });

  it("DBCN writes guest memory to the console and reads input into it", async () => {
    const { vm, call, out } = await kernelVm();
    vm.loadBytes(RAM + 0x100n, new TextEncoder().encode("hi there"));
    expect(call(EID_DBCN, 0, 8n, RAM + 0x100n, 0n)).toEqual({ error: 0n, value: 8n });
    expect(new TextDecoder().decode(new Uint8Array(out))).toBe("hi there");
    expect(call(EID_DBCN, 0, 8n, 0x1000n, 0n).error).toBe(SBI_ERR_INVALID_PARAM); // not RAM
    vm.sendInput("xyz");
    expect(call(EID_DBCN, 1, 2n, RAM + 0x200n, 0n)).toEqual({ error: 0n, value: 2n });
    expect(new TextDecoder().decode(vm.readBytes(RAM + 0x200n, 2))).toBe("xy");
    expect(call(EID_LEGACY_GETCHAR, 0).error).toBe(BigInt("z".charCodeAt(0)));
    expect(call(EID_LEGACY_GETCHAR, 0).error).toBe(-1n);
    call(EID_LEGACY_PUTCHAR, 0, 0x21n);
    expect(out.at(-1)).toBe(0x21);
  });

  it("DBCN moves at most DBCN_MAX_BYTES per call, whatever num_bytes asks, and says how many", async () => {
    const { vm, call, out } = await kernelVm();
    const ram = BigInt(vm.ramBytes);
    // The whole of RAM, and a count whose low 32 bits alone would be small: both get one bounded chunk.
    expect(call(EID_DBCN, 0, ram, RAM, 0n)).toEqual({ error: 0n, value: BigInt(DBCN_MAX_BYTES) });
    expect(call(EID_DBCN, 0, (1n << 32n) + 8n, RAM, 0n)).toEqual({ error: 0n, value: BigInt(DBCN_MAX_BYTES) });
    expect(call(EID_DBCN, 0, 0xffff_ffff_ffff_ffffn, RAM, 0n)).toEqual({ error: 0n, value: BigInt(DBCN_MAX_BYTES) });
    expect(out).toHaveLength(3 * DBCN_MAX_BYTES);
    // Only the bytes moved are checked: the last ones of RAM are fine, one past the end is not.
    expect(call(EID_DBCN, 0, ram, RAM + ram - 16n, 0n).error).toBe(SBI_ERR_INVALID_PARAM);
    expect(call(EID_DBCN, 0, 16n, RAM + ram - 16n, 0n)).toEqual({ error: 0n, value: 16n });
    vm.sendInput(new Uint8Array(3 * DBCN_MAX_BYTES));
    expect(call(EID_DBCN, 1, ram, RAM, 0n)).toEqual({ error: 0n, value: BigInt(DBCN_MAX_BYTES) });
    expect(call(EID_DBCN, 1, ram, RAM + ram, 0n).error).toBe(SBI_ERR_INVALID_PARAM);
  });

  it("charges every byte through the SBI console to the guest's clock", async () => {
    const { vm, call } = await kernelVm();
    const clock = () => vm.vcpu.get(L.CLOCK);
    const t0 = clock();
    call(EID_DBCN, 0, 100n, RAM, 0n);
    expect(clock() - t0).toBe(100n * SBI_CONSOLE_BYTE_COST);
    call(EID_DBCN, 2, 0x41n);
    call(EID_LEGACY_PUTCHAR, 0, 0x41n);
    expect(clock() - t0).toBe(102n * SBI_CONSOLE_BYTE_COST);
    vm.sendInput("ab");
    call(EID_DBCN, 1, 100n, RAM, 0n); // reads the two bytes there are
    call(EID_LEGACY_GETCHAR, 0); // nothing left: nothing charged
    expect(clock() - t0).toBe(104n * SBI_CONSOLE_BYTE_COST);
  });

  it("HSM knows the one hart; IPI raises SSIP on it", async () => {
    const { vm, call } = await kernelVm();
    expect(call(EID_HSM, 0, 0n).error).toBe(SBI_ERR_ALREADY_AVAILABLE);
    expect(call(EID_HSM, 0, 1n).error).toBe(SBI_ERR_INVALID_PARAM);
    expect(call(EID_HSM, 2, 0n)).toEqual({ error: 0n, value: 0n });
    call(EID_IPI, 0, 1n, 0n);
    expect(vm.vcpu.get(L.MIP) & 2n).toBe(2n);
  });

  it("HSM starts, reports and stops the other harts of an SMP VM (SBI v2.0 chapter 9)", async () => {
    const { vm, call, callOn } = await kernelVm({ harts: 4 });
    const status = (h: bigint) => call(EID_HSM, 2, h);
    expect([0n, 1n, 2n, 3n].map((h) => status(h).value)).toEqual([HSM_STARTED, HSM_STOPPED, HSM_STOPPED, HSM_STOPPED]);
    expect(status(4n).error).toBe(SBI_ERR_INVALID_PARAM);
    // hart_start: S-mode at the address with a0 = hart id, a1 = opaque, satp 0, SIE clear.
    const h2 = vm.harts[2]!.vcpu;
    h2.set(L.SATP, 8n << 60n);
    h2.set(L.MSTATUS, h2.get(L.MSTATUS) | 2n);
    expect(call(EID_HSM, 0, 2n, RAM + 0x100n, 0xfeedn).error).toBe(0n);
    expect({ pc: h2.pc, a0: h2.x(10), a1: h2.x(11), priv: h2.priv, satp: h2.get(L.SATP), sie: h2.get(L.MSTATUS) & 2n })
      .toEqual({ pc: RAM + 0x100n, a0: 2n, a1: 0xfeedn, priv: 1, satp: 0n, sie: 0n });
    expect(vm.harts[2]!.state).toBe("running");
    expect(status(2n).value).toBe(HSM_STARTED);
    expect(call(EID_HSM, 0, 2n, RAM, 0n).error).toBe(SBI_ERR_ALREADY_AVAILABLE);
    expect(call(EID_HSM, 0, 9n, RAM, 0n).error).toBe(SBI_ERR_INVALID_PARAM);
    // Outside RAM, or odd: nothing a hart could fetch from.
    expect(call(EID_HSM, 0, 1n, 0x1000n, 0n).error).toBe(SBI_ERR_INVALID_ADDRESS);
    expect(call(EID_HSM, 0, 1n, RAM + 1n, 0n).error).toBe(SBI_ERR_INVALID_ADDRESS);
    expect(status(1n).value).toBe(HSM_STOPPED);
    // hart_stop from hart 2; the VM goes on while hart 0 runs, and stops when the last hart does.
    callOn(2, EID_HSM, 1);
    expect(status(2n).value).toBe(HSM_STOPPED);
    expect(vm.result).toBeUndefined();
    callOn(0, EID_HSM, 1);
    expect(vm.result).toMatchObject({ outcome: "pass" });
  });

  it("HSM retentive suspend waits like wfi and reports SUSPENDED; non-retentive is not offered", async () => {
    const { vm, call, callOn } = await kernelVm({ harts: 2 });
    call(EID_HSM, 0, 1n, RAM, 0n);
    const h1 = vm.harts[1]!;
    h1.vcpu.set(L.MIE, 2n); // SSIE
    expect(callOn(1, EID_HSM, 3, 0n).error).toBe(0n);
    expect(h1.state).toBe("waiting");
    expect(call(EID_HSM, 2, 1n).value).toBe(HSM_SUSPENDED);
    call(EID_IPI, 0, 2n, 0n); // an IPI to hart 1 resumes it
    expect(h1.state).toBe("running");
    expect(call(EID_HSM, 2, 1n).value).toBe(HSM_STARTED);
    expect(callOn(1, EID_HSM, 3, 0x8000_0000n).error).toBe(SBI_ERR_NOT_SUPPORTED);
    expect(callOn(1, EID_HSM, 3, 0x1234n).error).toBe(SBI_ERR_INVALID_PARAM);
  });

  it("IPI and RFENCE reach exactly the harts of hart_mask/hart_mask_base, and reject harts the VM lacks", async () => {
    const { vm, call } = await kernelVm({ harts: 4 });
    for (const h of [1n, 2n, 3n]) call(EID_HSM, 0, h, RAM, 0n);
    const ssip = () => vm.harts.map((h) => Number((h.vcpu.get(L.MIP) >> 1n) & 1n));
    const clear = () => vm.harts.forEach((h) => h.vcpu.set(L.MIP, 0n));
    expect(call(EID_IPI, 0, 0b101n, 1n).error).toBe(0n); // harts 1 and 3
    expect(ssip()).toEqual([0, 1, 0, 1]);
    clear();
    expect(call(EID_IPI, 0, 0n, -1n).error).toBe(0n); // base all-ones: every hart
    expect(ssip()).toEqual([1, 1, 1, 1]);
    clear();
    // Hart 4 does not exist: nothing is sent at all.
    expect(call(EID_IPI, 0, 0b11n, 3n).error).toBe(SBI_ERR_INVALID_PARAM);
    expect(call(EID_IPI, 0, 1n, 1n << 40n).error).toBe(SBI_ERR_INVALID_PARAM);
    expect(ssip()).toEqual([0, 0, 0, 0]);
    // A mask of 64 bits from a huge base: bounded work, an error.
    expect(call(EID_IPI, 0, -1n, 0n).error).toBe(SBI_ERR_INVALID_PARAM);
    // remote_sfence_vma flushes the targets' TLBs (a marked entry is gone), and only theirs.
    const tlbTag = (h: number) => vm.harts[h]!.vcpu.get(L.TLB_LOAD);
    for (const h of vm.harts) h.vcpu.set(L.TLB_LOAD, 0x1234n);
    expect(call(EID_RFENCE, 1, 0b0110n, 0n, 0n, 0n).error).toBe(0n);
    expect([0, 1, 2, 3].map((h) => tlbTag(h) === 0x1234n)).toEqual([true, false, false, true]);
    expect(call(EID_RFENCE, 2, 0b1000n, 0n, 0n, 0n, 5n).error).toBe(0n);
    expect(tlbTag(3) === 0x1234n).toBe(false);
    expect(call(EID_RFENCE, 0, 0b1n, 4n).error).toBe(SBI_ERR_INVALID_PARAM);
  });

  it("SRST shuts the VM down, as a failure when the reason says so", async () => {
    const a = await kernelVm();
    a.call(EID_SRST, 0, 0n, 0n);
    expect(a.vm.result).toMatchObject({ outcome: "pass" });
    const b = await kernelVm();
    b.call(EID_SRST, 0, 0n, 1n);
    expect(b.vm.result).toMatchObject({ outcome: "fail" });
    const c = await kernelVm();
    expect(c.call(EID_SRST, 0, 7n, 0n).error).toBe(SBI_ERR_INVALID_PARAM);
    expect(c.vm.state).not.toBe("stopped");
  });
});
