// The virtualizability report (src/hypervisor/virtualizability.ts): on the core as built every
// sensitive instruction traps when deprivileged and runs in its own mode; the ablation switch
// changes exactly the sstatus rows and the verdict; the encodings are the GNU assembler's; the
// CLI prints it.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_OK, EXIT_USAGE, main } from "../../src/cli/cli.js";
import { Machine } from "../../src/machine/machine.js";
import {
  ablationConsequence, encodeCsr, formatAblationConsequence, virtualizabilityReport, type VirtualizabilityReport, type VirtualizabilityRow,
} from "../../src/hypervisor/virtualizability.js";

const AS = "/usr/bin/riscv64-unknown-elf-as";
const OBJCOPY = "/usr/bin/riscv64-unknown-elf-objcopy";

const machine = await Machine.create();
const correct = await virtualizabilityReport({ machine });
const ablated = await virtualizabilityReport({ machine, ablate: "sstatus" });

const sensitive = (r: VirtualizabilityReport) => r.rows.filter((row) => row.sensitive !== "no");
const names = (rows: VirtualizabilityRow[]) => rows.map((r) => r.instruction);
const COUNTERS = ["rdcycle a0", "rdtime a0", "rdinstret a0"];
const SSTATUS_ROWS = ["csrr a0, sstatus", "csrw sstatus, a0", "csrsi sstatus, 2"];

describe("the virtualizability report on the core as built", () => {
  it("has a row for every sensitive instruction the brief names, each S-level CSR read and written", () => {
    const rows = names(correct.rows);
    for (const i of ["sret", "mret", "wfi", "sfence.vma", "ecall", ...COUNTERS, "csrr a0, mhartid", ...SSTATUS_ROWS]) expect(rows).toContain(i);
    for (const csr of ["sie", "stvec", "scounteren", "senvcfg", "sscratch", "sepc", "scause", "stval", "sip", "satp", "stimecmp",
      "mstatus", "misa", "medeleg", "mideleg", "mie", "mtvec", "mcounteren", "menvcfg", "mscratch", "mepc", "mcause", "mtval", "mip",
      "pmpcfg0", "pmpaddr0", "mcycle", "minstret"]) {
      expect(rows).toContain(`csrr a0, ${csr}`);
      expect(rows).toContain(`csrw ${csr}, a0`);
    }
    expect(correct.rows.find((r) => r.instruction === "ebreak")?.sensitive).toBe("no");
  });

  it("every sensitive instruction traps when deprivileged: illegal instruction, ecall as from U", () => {
    for (const row of sensitive(correct)) {
      expect(row.deprivileged, row.instruction).toEqual({ traps: true, cause: row.instruction === "ecall" ? 8 : 2 });
    }
    expect(correct.holds).toBe(true);
    expect(correct.conclusion).toMatch(/^Popek and Goldberg's condition holds: all 70 sensitive instructions trap when deprivileged/);
  });

  it("none traps in its own mode (S, or M for machine-level ones) but ecall, whose cause says S", () => {
    const trapping = sensitive(correct).filter((r) => r.natively.traps);
    expect(names(trapping)).toEqual(["ecall"]);
    expect(trapping[0]!.natively).toEqual({ traps: true, cause: 9 });
    // Measured in the mode the spec gives them: the M-level CSRs and mret in M, the rest in S.
    expect(names(correct.rows.filter((r) => r.mode === "M"))).toEqual(expect.arrayContaining(["mret", "csrw mstatus, a0", "csrr a0, mhartid"]));
    expect(correct.rows.find((r) => r.instruction === "csrw stimecmp, a0")?.mode).toBe("S");
  });

  it("is privileged (traps in U, not natively) but for ecall and the counters, which trap deprivileged only while mcounteren is clear", () => {
    expect(names(sensitive(correct).filter((r) => r.privileged !== "yes"))).toEqual(["ecall", ...COUNTERS]);
    for (const counter of COUNTERS) {
      const row = correct.rows.find((r) => r.instruction === counter)!;
      // In U with the counters granted it runs: the trap is the hypervisor's choice, measured both ways.
      expect(row.inU).toEqual({ traps: false });
      expect(row.privileged).toBe("no");
      expect(row.note).toMatch(/^traps only while the hypervisor keeps mcounteren\.(CY|TM|IR) clear \(runs with it set\)$/);
    }
    expect(correct.conclusion).toContain("rdcycle, rdtime and rdinstret while the hypervisor keeps mcounteren clear");
  });

  it("encodes CSR instructions as the spec's I-type on SYSTEM", () => {
    // Words from `riscv64-unknown-elf-objdump -d`.
    expect(encodeCsr("csrrs", 10, 0x14d, 0)).toBe(0x14d02573); // csrr a0, stimecmp
    expect(encodeCsr("csrrw", 0, 0x30a, 10)).toBe(0x30a51073); // csrw menvcfg, a0
    expect(encodeCsr("csrrsi", 0, 0x100, 2)).toBe(0x10016073); // csrsi sstatus, 2
    expect(encodeCsr("csrrs", 10, 0xc01, 0)).toBe(0xc0102573); // rdtime a0
  });

  it.skipIf(!existsSync(AS) || !existsSync(OBJCOPY))("has every row's encoding as the GNU assembler has it", () => {
    const dir = mkdtempSync(join(tmpdir(), "rvisor-virt-"));
    try {
      writeFileSync(join(dir, "rows.s"), correct.rows.map((r) => `\t${r.instruction}\n`).join(""));
      execFileSync(AS, ["-march=rv64g", "-mpriv-spec=1.12", "-o", join(dir, "rows.o"), join(dir, "rows.s")]);
      execFileSync(OBJCOPY, ["-O", "binary", "-j", ".text", join(dir, "rows.o"), join(dir, "rows.bin")]);
      const bin = readFileSync(join(dir, "rows.bin"));
      expect(bin.length).toBe(correct.rows.length * 4);
      const words = correct.rows.map((_, k) => `0x${bin.readUInt32LE(k * 4).toString(16).padStart(8, "0")}`);
      expect(correct.rows.map((r) => `${r.instruction} ${r.encoding}`)).toEqual(correct.rows.map((r, k) => `${r.instruction} ${words[k]}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the ablation (CONFIG_SILENT_SSTATUS)", () => {
  it("makes exactly the sstatus rows run in U and deprivileged, and leaves every other row as it was", () => {
    const changed = ablated.rows.filter((row, k) => JSON.stringify(row) !== JSON.stringify(correct.rows[k]));
    expect(names(changed)).toEqual(SSTATUS_ROWS);
    for (const row of changed) {
      expect(row.natively, row.instruction).toEqual({ traps: false });
      expect(row.inU, row.instruction).toEqual({ traps: false });
      expect(row.deprivileged, row.instruction).toEqual({ traps: false });
      expect(row.privileged).toBe("no");
    }
    expect(names(ablated.rows)).toEqual(names(correct.rows));
  });

  it("reads the hart's own sstatus (UXL = 64-bit after reset) and drops the writes, as POPF drops IF", () => {
    const note = (i: string) => ablated.rows.find((r) => r.instruction === i)!.note;
    expect(note("csrr a0, sstatus")).toBe("does not trap: a0 = 0x200000000, the hart's own sstatus");
    expect(note("csrw sstatus, a0")).toBe("does not trap: the write is dropped");
    expect(note("csrsi sstatus, 2")).toBe("does not trap: the write is dropped");
  });

  it("makes the verdict fail, naming the sstatus instructions", () => {
    expect(ablated.holds).toBe(false);
    expect(ablated.ablate).toBe("sstatus");
    expect(ablated.conclusion).toMatch(
      /^Popek and Goldberg's condition fails: `csrr a0, sstatus`, `csrw sstatus, a0` and `csrsi sstatus, 2` are sensitive but do not trap when deprivileged/,
    );
  });
});

describe("rvisor virtualizability", () => {
  async function cli(...argv: string[]) {
    let out = "";
    let err = "";
    const code = await main(argv, (s) => (out += typeof s === "string" ? s : new TextDecoder().decode(s)), (s) => (err += s));
    return { code, out, err };
  }

  it("prints the aligned table and the conclusion of the core as built", async () => {
    const r = await cli("virtualizability");
    expect(r).toMatchObject({ code: EXIT_OK, err: "" });
    const lines = r.out.split("\n");
    const header = lines.findIndex((l) => l.startsWith("instruction "));
    expect(lines[header]).toMatch(/^instruction +sensitive +reason +natively +in U +deprivileged +privileged +note$/);
    const column = lines[header]!.indexOf("deprivileged");
    const row = lines.find((l) => l.startsWith("csrw satp, a0 "))!;
    expect(row.slice(column)).toMatch(/^traps \(2\) +yes$/);
    expect(r.out).toContain("Popek and Goldberg's condition holds");
    expect(r.out).not.toContain("Ablated");
  });

  it("with --ablate sstatus prints the ablated table after the correct one", async () => {
    const r = await cli("virtualizability", "--ablate", "sstatus");
    expect(r.code).toBe(EXIT_OK);
    const holds = r.out.indexOf("condition holds");
    const ablatedTitle = r.out.indexOf("Ablated core");
    expect(holds).toBeGreaterThan(0);
    expect(ablatedTitle).toBeGreaterThan(holds);
    expect(r.out.slice(ablatedTitle)).toMatch(/\ncsrw sstatus, a0 .* runs +no +does not trap: the write is dropped\n/);
    expect(r.out.slice(ablatedTitle)).toContain("Popek and Goldberg's condition fails");
    // and what it does to a kernel: tiny-os in classic mode, beside its correct run
    expect(r.out).toMatch(/^correct core +\| ablated core$/m);
    expect(r.out).toMatch(/^ablated: fail \(SBI system reset: shutdown, system failure\)/m);
  });

  it("the ablation's consequence: on the correct core tiny-os passes in classic mode; ablated, its kernel reads the hart's sstatus and its SUM and SIE writes never reach the hypervisor", async () => {
    const { correct: ok, ablated: bad } = await ablationConsequence();
    expect(ok.outcome, ok.console).toBe("pass");
    expect(ok.console).toMatch(/\ntiny-os: all \d+ checks passed\n$/);
    expect(bad.outcome).toBe("fail");
    const lines = bad.console.split("\n");
    // a read returns the physical hart's sstatus, not the kernel's own
    expect(lines).toContain("FAIL: sstatus bits set");
    // csrs sstatus, SUM never reached the hypervisor: the kernel's user copies fault
    expect(lines.some((l) => /^pid 1 'coop': write\(\) from 0x[0-9a-f]+: the copy faulted/.test(l))).toBe(true);
    // a user process reads sstatus without trapping
    expect(lines.some((l) => l.startsWith("pid 9 'csrr-sstatus': exit(99)"))).toBe(true);
    const side = formatAblationConsequence({ correct: ok, ablated: bad });
    expect(side).toMatch(/^kernel: with SUM = 1 it reads 0x89abcdef +\| kernel: with SUM = 1 it reads 0x0$/m);
  });

  it("with --json prints the reports' rows", async () => {
    const one = JSON.parse((await cli("virtualizability", "--json")).out) as VirtualizabilityReport[];
    expect(one).toEqual([correct]);
    const two = JSON.parse((await cli("virtualizability", "--json", "--ablate=sstatus")).out) as { reports: VirtualizabilityReport[]; consequence: { ablated: { outcome: string } } };
    expect(two.reports).toEqual([correct, ablated]);
    expect(two.consequence.ablated.outcome).toBe("fail");
  });

  it("refuses other ablations and options in one line", async () => {
    for (const args of [["--ablate", "satp"], ["--ablate"], ["--frobnicate"]]) {
      const r = await cli("virtualizability", ...args);
      expect(r.code).toBe(EXIT_USAGE);
      expect(r.err.split("\n")[0]).toMatch(/^rvisor: (--ablate takes sstatus|unknown option '--frobnicate')/);
    }
    expect((await cli("virtualizability", "--help")).out).toMatch(/^usage: rvisor virtualizability/);
    expect((await cli("--help")).out).toContain("usage: rvisor virtualizability");
  });
});
