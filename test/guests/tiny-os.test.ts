// guests/demo/tiny-os.elf: our own small S-mode kernel (Sv39, user processes with their own page
// tables and ASIDs, syscalls, demand paging, faults that kill, A/D bits, SUM/MXR, timer
// preemption, self IPIs, CSR WARL read-backs). It checks itself and prints only architectural
// facts, so its transcript is the reference every way of running a kernel must reproduce byte
// for byte: here kernel mode with the SBI timer and with Sstc, each in the assisted and in the
// classic model (the kernel deprivileged: every CSR access, sret, wfi and sfence.vma emulated,
// its page tables shadowed).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runElf } from "../../src/index.js";

const ELF = new Uint8Array(readFileSync(new URL("../../guests/demo/tiny-os.elf", import.meta.url)));

describe("tiny-os.elf", () => {
  it("passes all its checks in kernel mode, with the same transcript with and without Sstc", async () => {
    const sbi = await runElf(ELF, { mode: "kernel", memoryBytes: 16 << 20 });
    const sstc = await runElf(ELF, { mode: "kernel", sstc: true, memoryBytes: 16 << 20 });
    expect(sbi, sbi.console).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(sstc, sstc.console).toMatchObject({ outcome: "pass", exitCode: 0 });
    expect(sstc.console).toBe(sbi.console);
    for (const withSstc of [false, true]) {
      const classic = await runElf(ELF, { mode: "kernel", sstc: withSstc, classic: true, memoryBytes: 16 << 20 });
      expect(classic.console, `classic${withSstc ? " with Sstc" : ""}`).toBe(sbi.console);
      expect(classic.outcome).toBe("pass");
    }

    const out = sbi.console;
    expect(out).not.toMatch(/FAIL|unexpected/);
    expect(out).toMatch(/\ntiny-os: all \d+ checks passed\n$/);
    for (const line of [
      "csr: sepc <- 0x80200003 reads 0x80200002",
      "csr: sie <- 0xffffffffffffffff reads 0x222",
      "csr: sip <- 0xffffffffffffffff reads 0x2",
      "csr: satp <- mode 1 (reserved) ignored, <- mode 9 (Sv48) ignored",
      "paging: Sv39 on, satp 0x8000000000080400: image in a 2 MiB megapage at 0x80200000, 64 pool pages of 4 KiB at 0x80400000, alias at 0x80500000 works",
      "irq: csrs sip, SSIP with SIE = 1: 1 interrupt, through vector 1",
      "irq: sbi_send_ipi to self: error 0, sip.SSIP pending with SIE = 0, taken when SIE = 1: yes",
      "[3] hello from user mode",
      "pid 2 'coop': page fault (scause 0xd) at 0x100230: mapped a zeroed page",
      "[1] my data page and my demand-mapped page kept my pid across the yield",
      "kernel: load from user page 0x40000 with SUM = 0: page fault, skipped by the fixup",
      "kernel: with MXR = 1 it reads 0x2a00513",
      "pid 4 'ad': before any access, PTE of 0x70000 has A=0 D=0",
      "pid 4 'ad': after a load, PTE of 0x70000 has A=1 D=0",
      "pid 4 'ad': after a store, PTE of 0x70000 has A=1 D=1",
      "pid 5 'ro-store': killed: scause 0xf, stval 0x40008",
      "pid 6 'mprotect': killed: scause 0xf, stval 0x20008",
      "pid 9 'csrr-sstatus': killed: scause 0x2, stval 0x10002573",
      "pid 10 'sret': killed: scause 0x2, stval 0x10200073",
      "pid 11 'kernel-page': killed: scause 0xd, stval 0x80200000",
      "pid 12 'counters': illegal instruction 0xc0102573 with scounteren = 0: skipped",
      "idle: the kernel waited in wfi while its only process slept: yes",
      "pid 14 'spinner': preempted at least 8 times, switched away from at least 3 times: killed",
    ]) {
      expect(out.split("\n"), line).toContain(line);
    }
    // Round robin over three processes that yield: their lines interleave in a fixed order.
    expect(out).toContain(["[1] hello from user mode", "pid 1 'coop': page fault (scause 0xd) at 0x100230: mapped a zeroed page", "[2] hello from user mode"].join("\n"));
    // The nx-fetch and xo kills name an address inside the blob copy: only the page is fixed.
    expect(out).toMatch(/^pid 7 'nx-fetch': killed: scause 0xc, stval 0x50[0-9a-f]{3}$/m);
    expect(out).toMatch(/^pid 8 'xo': killed: scause 0xd, stval 0x60[0-9a-f]{3}$/m);
  });
});
